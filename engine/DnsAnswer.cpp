#include "DnsAnswer.h"

#include <QSet>
#include <QUrl>

#include <algorithm>
#include <limits>

namespace xmflow::engine {

namespace {

constexpr int kHeaderSize = 12;
constexpr int kMaxNameWire = 255;     // RFC 1035 2.3.4
constexpr int kMaxPointerJumps = 64;
constexpr int kMaxRecords = 512;      // more is never a sane reply to one question
constexpr int kMaxCnameHops = 8;
constexpr int kMaxValues = 32;
constexpr quint16 kClassIn = 1;

quint16 read16(const uchar *p)
{
    return quint16((p[0] << 8) | p[1]);
}

quint32 read32(const uchar *p)
{
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

// A name at `offset` (compression pointers allowed, strictly backwards so
// that reading always ends). On success `offset` moves past the name as
// written at that place. Odd bytes come out as \DDD, letters in lower case.
bool readName(const uchar *data, int size, int &offset, QString *out)
{
    QString name;
    int pos = offset;
    int wireLength = 1;
    int jumps = 0;
    bool jumped = false;
    for (;;) {
        if (pos < 0 || pos >= size)
            return false;
        const int len = data[pos];
        if ((len & 0xC0) == 0xC0) {
            if (pos + 1 >= size)
                return false;
            const int target = ((len & 0x3F) << 8) | data[pos + 1];
            if (target >= pos || ++jumps > kMaxPointerJumps)
                return false;
            if (!jumped)
                offset = pos + 2;
            jumped = true;
            pos = target;
            continue;
        }
        if (len & 0xC0)
            return false; // extended label types are not used in answers
        if (len == 0) {
            if (!jumped)
                offset = pos + 1;
            break;
        }
        if (pos + 1 + len > size)
            return false;
        wireLength += len + 1;
        if (wireLength > kMaxNameWire)
            return false;
        if (!name.isEmpty())
            name += QLatin1Char('.');
        for (int i = 1; i <= len; ++i) {
            const uchar c = data[pos + i];
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
                name += QLatin1Char(char(c));
            else if (c >= 'A' && c <= 'Z')
                name += QLatin1Char(char(c - 'A' + 'a'));
            else
                name += QStringLiteral("\\%1").arg(int(c), 3, 10, QLatin1Char('0'));
        }
        pos += 1 + len;
    }
    *out = name;
    return true;
}

DnsAnswer answerWith(DnsOutcome outcome, DnsStatus status, quint32 ttl = 0)
{
    DnsAnswer a;
    a.outcome = outcome;
    a.status = status;
    a.ttl = ttl;
    return a;
}

QString recordNoun(DnsQueryKind kind)
{
    switch (kind) {
    case DnsQueryKind::Dnsbl:
    case DnsQueryKind::Address4:
        return QStringLiteral("A");
    case DnsQueryKind::Address6:
        return QStringLiteral("AAAA");
    case DnsQueryKind::Ptr:
        return QStringLiteral("PTR");
    case DnsQueryKind::Mx:
        return QStringLiteral("MX");
    }
    return {};
}

} // namespace

QString DnsType::name(quint16 type)
{
    switch (type) {
    case A: return QStringLiteral("A");
    case NS: return QStringLiteral("NS");
    case CNAME: return QStringLiteral("CNAME");
    case SOA: return QStringLiteral("SOA");
    case PTR: return QStringLiteral("PTR");
    case MX: return QStringLiteral("MX");
    case TXT: return QStringLiteral("TXT");
    case AAAA: return QStringLiteral("AAAA");
    }
    return QStringLiteral("TYPE%1").arg(type);
}

QString dnsStatusName(DnsStatus status)
{
    switch (status) {
    case DnsStatus::NoError: return QStringLiteral("NOERROR");
    case DnsStatus::NxDomain: return QStringLiteral("NXDOMAIN");
    case DnsStatus::ServerFailure: return QStringLiteral("SERVFAIL");
    case DnsStatus::Refused: return QStringLiteral("REFUSED");
    case DnsStatus::Timeout: return QStringLiteral("timeout");
    case DnsStatus::Malformed: return QStringLiteral("malformed answer");
    case DnsStatus::NetworkError: return QStringLiteral("network error");
    }
    return {};
}

quint16 dnsQueryType(DnsQueryKind kind)
{
    switch (kind) {
    case DnsQueryKind::Dnsbl:
    case DnsQueryKind::Address4:
        return DnsType::A;
    case DnsQueryKind::Address6:
        return DnsType::AAAA;
    case DnsQueryKind::Ptr:
        return DnsType::PTR;
    case DnsQueryKind::Mx:
        return DnsType::MX;
    }
    return DnsType::A;
}

QString dnsQueryKindName(DnsQueryKind kind)
{
    switch (kind) {
    case DnsQueryKind::Dnsbl: return QStringLiteral("dnsbl");
    case DnsQueryKind::Ptr: return QStringLiteral("ptr");
    case DnsQueryKind::Mx: return QStringLiteral("mx");
    case DnsQueryKind::Address4: return QStringLiteral("a");
    case DnsQueryKind::Address6: return QStringLiteral("aaaa");
    }
    return {};
}

QString DnsAnswer::summary(DnsQueryKind kind) const
{
    const QString noun = recordNoun(kind);
    const QString why = dnsStatusName(status);
    if (kind == DnsQueryKind::Dnsbl) {
        switch (outcome) {
        case DnsOutcome::Found: return QStringLiteral("listed (%1)").arg(values.join(QStringLiteral(", ")));
        case DnsOutcome::NotFound:
            return status == DnsStatus::NxDomain ? QStringLiteral("not listed (NXDOMAIN)") : QStringLiteral("not listed (no A record)");
        case DnsOutcome::TimedOut: return QStringLiteral("timed out: counts as not listed");
        case DnsOutcome::Failed: return QStringLiteral("no usable answer (%1): counts as not listed").arg(why);
        }
    }
    switch (outcome) {
    case DnsOutcome::Found: return QStringLiteral("%1 %2").arg(noun, values.join(QStringLiteral(", ")));
    case DnsOutcome::NotFound:
        return status == DnsStatus::NxDomain ? QStringLiteral("no %1 (NXDOMAIN)").arg(noun) : QStringLiteral("no %1 record").arg(noun);
    case DnsOutcome::TimedOut: return QStringLiteral("timed out: no %1").arg(noun);
    case DnsOutcome::Failed: return QStringLiteral("no usable answer (%1): no %2").arg(why, noun);
    }
    return {};
}

DnsAnswer interpretDnsReply(DnsQueryKind kind, const QString &queryName, const DnsReply &reply)
{
    switch (reply.status) {
    case DnsStatus::Timeout:
        return answerWith(DnsOutcome::TimedOut, reply.status);
    case DnsStatus::NxDomain:
        return answerWith(DnsOutcome::NotFound, reply.status, reply.negativeTtl);
    case DnsStatus::ServerFailure:
    case DnsStatus::Refused:
    case DnsStatus::Malformed:
    case DnsStatus::NetworkError:
        return answerWith(DnsOutcome::Failed, reply.status);
    case DnsStatus::NoError:
        break;
    }

    // The owners that stand for the asked name: itself and its CNAME chain.
    QSet<QString> owners{normalizedDnsName(queryName)};
    QString current = normalizedDnsName(queryName);
    quint32 ttl = std::numeric_limits<quint32>::max();
    for (int hop = 0; hop < kMaxCnameHops; ++hop) {
        const auto cname = std::find_if(reply.answers.cbegin(), reply.answers.cend(), [&](const DnsRecord &r) {
            return r.type == DnsType::CNAME && normalizedDnsName(r.name) == current;
        });
        if (cname == reply.answers.cend())
            break;
        current = normalizedDnsName(cname->value);
        if (current.isEmpty() || owners.contains(current))
            break; // a loop
        owners.insert(current);
        ttl = std::min(ttl, cname->ttl);
    }

    const quint16 type = dnsQueryType(kind);
    QList<DnsRecord> hits;
    for (const DnsRecord &r : reply.answers)
        if (r.type == type && !r.value.isEmpty() && owners.contains(normalizedDnsName(r.name)))
            hits.append(r);
    if (hits.isEmpty())
        return answerWith(DnsOutcome::NotFound, reply.status, reply.negativeTtl); // NODATA
    if (kind == DnsQueryKind::Mx)
        std::stable_sort(hits.begin(), hits.end(), [](const DnsRecord &a, const DnsRecord &b) { return a.preference < b.preference; });

    DnsAnswer a = answerWith(DnsOutcome::Found, reply.status);
    for (const DnsRecord &r : std::as_const(hits)) {
        ttl = std::min(ttl, r.ttl);
        if (a.values.size() < kMaxValues && !a.values.contains(r.value))
            a.values.append(r.value);
    }
    a.ttl = ttl;
    return a;
}

MailerDomainResult mailerDomainResult(const DnsAnswer &mx, const DnsAnswer &a, const DnsAnswer &aaaa)
{
    MailerDomainResult result;
    if (mx.outcome == DnsOutcome::Found) {
        result.exists = true;
        result.reason = mx.summary(DnsQueryKind::Mx);
        return result;
    }
    for (const auto &[answer, kind] : {std::pair{&a, DnsQueryKind::Address4}, std::pair{&aaaa, DnsQueryKind::Address6}}) {
        if (answer->outcome == DnsOutcome::Found) {
            result.exists = true;
            result.reason = mx.summary(DnsQueryKind::Mx) + QStringLiteral("; ") + answer->summary(kind);
            return result;
        }
    }
    result.reason = QStringList{mx.summary(DnsQueryKind::Mx), a.summary(DnsQueryKind::Address4),
                                aaaa.summary(DnsQueryKind::Address6)}
                        .join(QStringLiteral("; "));
    return result;
}

QByteArray buildDnsQuery(quint16 id, const QString &nameIn, quint16 type)
{
    const QString name = normalizedDnsName(nameIn);
    if (name.isEmpty())
        return {};
    QByteArray q;
    q.reserve(kHeaderSize + name.size() + 6);
    const uchar header[kHeaderSize] = {uchar(id >> 8), uchar(id), 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0};
    q.append(reinterpret_cast<const char *>(header), kHeaderSize);
    int wireLength = 1;
    const QStringList labels = name.split(QLatin1Char('.'));
    for (const QString &label : labels) {
        const QByteArray bytes = QUrl::toAce(label);
        if (bytes.isEmpty() || bytes.size() > 63)
            return {};
        wireLength += int(bytes.size()) + 1;
        if (wireLength > kMaxNameWire)
            return {};
        q.append(char(bytes.size()));
        q.append(bytes);
    }
    q.append('\0');
    const uchar tail[4] = {uchar(type >> 8), uchar(type), 0, uchar(kClassIn)};
    q.append(reinterpret_cast<const char *>(tail), 4);
    return q;
}

ParsedDnsMessage parseDnsMessage(const QByteArray &message, quint16 id, const QString &name, quint16 type)
{
    ParsedDnsMessage parsed;
    DnsReply &reply = parsed.reply;
    const auto *data = reinterpret_cast<const uchar *>(message.constData());
    const int size = int(std::min<qsizetype>(message.size(), 65535));
    auto malformed = [&reply](const QString &why) {
        reply.status = DnsStatus::Malformed;
        reply.error = why;
        reply.answers.clear();
    };
    if (size < kHeaderSize) {
        malformed(QStringLiteral("shorter than a DNS header"));
        return parsed;
    }
    const quint16 flags = read16(data + 2);
    const int questions = read16(data + 4);
    const int answers = read16(data + 6);
    const int authorities = read16(data + 8);
    int offset = kHeaderSize;
    QString questionName;
    const bool isResponse = flags & 0x8000;
    const bool standardQuery = ((flags >> 11) & 0xF) == 0;
    if (questions != 1 || !readName(data, size, offset, &questionName) || offset + 4 > size) {
        malformed(QStringLiteral("no readable question"));
        return parsed;
    }
    parsed.matched = read16(data) == id && isResponse && standardQuery && read16(data + offset) == type
                     && read16(data + offset + 2) == kClassIn && questionName == normalizedDnsName(name);
    offset += 4;
    reply.truncated = flags & 0x0200;
    switch (flags & 0xF) {
    case 0: reply.status = DnsStatus::NoError; break;
    case 3: reply.status = DnsStatus::NxDomain; break;
    case 5: reply.status = DnsStatus::Refused; break;
    default: reply.status = DnsStatus::ServerFailure; break;
    }

    const int records = std::min(answers + authorities, kMaxRecords);
    for (int i = 0; i < records; ++i) {
        const bool inAnswer = i < answers;
        DnsRecord r;
        if (!readName(data, size, offset, &r.name) || offset + 10 > size) {
            if (reply.truncated)
                break; // a truncated reply may end anywhere; keep what was read
            malformed(QStringLiteral("record %1 is cut short").arg(i + 1));
            return parsed;
        }
        r.type = read16(data + offset);
        const quint16 recordClass = read16(data + offset + 2);
        const quint32 rawTtl = read32(data + offset + 4);
        r.ttl = (rawTtl & 0x80000000u) ? 0 : rawTtl; // RFC 2181 8: a "negative" TTL means zero
        const int rdLength = read16(data + offset + 8);
        offset += 10;
        const int rdEnd = offset + rdLength;
        if (rdEnd > size) {
            if (reply.truncated)
                break;
            malformed(QStringLiteral("record %1 data runs past the end").arg(i + 1));
            return parsed;
        }
        if (recordClass == kClassIn) {
            int at = offset;
            switch (r.type) {
            case DnsType::A:
                if (rdLength == 4)
                    r.value = IpAddress::fromV4(read32(data + offset)).toString();
                break;
            case DnsType::AAAA:
                if (rdLength == 16) {
                    IpAddress ip;
                    ip.v6 = true;
                    std::copy(data + offset, data + offset + 16, ip.bytes.begin());
                    r.value = ip.toString();
                }
                break;
            case DnsType::PTR:
            case DnsType::CNAME:
            case DnsType::NS:
                if (!readName(data, size, at, &r.value) || at != rdEnd)
                    r.value.clear();
                break;
            case DnsType::MX:
                if (rdLength >= 3) {
                    r.preference = read16(data + offset);
                    at += 2;
                    if (!readName(data, size, at, &r.value) || at != rdEnd)
                        r.value.clear();
                }
                break;
            case DnsType::SOA: {
                QString mname;
                QString rname;
                if (!inAnswer && readName(data, size, at, &mname) && readName(data, size, at, &rname) && at + 20 == rdEnd) {
                    const quint32 minimum = read32(data + at + 16);
                    reply.negativeTtl = std::min(r.ttl, (minimum & 0x80000000u) ? 0 : minimum);
                }
                break;
            }
            default:
                break;
            }
            if (inAnswer)
                reply.answers.append(r);
        }
        offset = rdEnd;
    }
    return parsed;
}

QString dnsReversedIp(const IpAddress &peerIn)
{
    const IpAddress peer = peerIn.unmapped();
    QString name;
    if (!peer.v6) {
        for (int i = 3; i >= 0; --i)
            name += QString::number(peer.bytes[size_t(i)]) + QLatin1Char('.');
        return name;
    }
    static const char hex[] = "0123456789abcdef";
    name.reserve(64);
    for (int i = 15; i >= 0; --i) {
        name += QLatin1Char(hex[peer.bytes[size_t(i)] & 0xf]);
        name += QLatin1Char('.');
        name += QLatin1Char(hex[peer.bytes[size_t(i)] >> 4]);
        name += QLatin1Char('.');
    }
    return name;
}

QString dnsblQueryName(const IpAddress &peer, const QString &root)
{
    const QString zone = normalizedDnsName(root);
    return zone.isEmpty() ? QString() : dnsReversedIp(peer) + zone;
}

QString ptrQueryName(const IpAddress &peer)
{
    return dnsReversedIp(peer) + (peer.unmapped().v6 ? QStringLiteral("ip6.arpa") : QStringLiteral("in-addr.arpa"));
}

QString normalizedDnsName(const QString &nameIn)
{
    QString name = nameIn.trimmed().toLower();
    while (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    return name;
}

} // namespace xmflow::engine

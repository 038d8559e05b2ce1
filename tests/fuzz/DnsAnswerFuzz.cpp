// libFuzzer target: DNS answer handling (engine/DnsAnswer.h), the code that
// reads whatever a DNS server, or someone spoofing one, sends back for the
// DNSBL, PTR and CheckMailerDomain queries.
//
// Input: byte 0 = query kind, byte 1 = which name was asked, the rest is the
// reply message as it came off the wire. Invariants: no crash, hang or
// unbounded allocation; a reply that does not match the query is never
// "matched"; a Found answer has values of the asked kind (addresses for
// DNSBL/A/AAAA, names for PTR/MX); a query we build parses back as our own
// question; CheckMailerDomain's verdict follows from the three answers.

#include "FuzzSupport.h"

#include "DnsAnswer.h"

using namespace xmflow;
using namespace xmflow::engine;
using namespace xmflow::fuzz;

namespace {

// The names of the conformance DNS scenarios (s11, s12) plus a sender domain and an IPv6 PTR.
const QStringList &askedNames()
{
    static const QStringList names{
        QStringLiteral("1.40.0.127.bl.example.test"), QStringLiteral("4.41.0.127.in-addr.arpa"),
        QStringLiteral("remote.test"), QStringLiteral("mail.example.test"),
        QStringLiteral("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa")};
    return names;
}

// Letters, digits and '-' in non-empty labels: the wire form is the name itself.
bool isPlainHostName(const QString &name)
{
    if (name.isEmpty() || name.startsWith(QLatin1Char('.')) || name.contains(QLatin1String("..")))
        return false;
    return std::all_of(name.cbegin(), name.cend(), [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
               (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-') ||
               c == QLatin1Char('.');
    });
}

bool isAddress(const QString &value, bool v6)
{
    const auto ip = model::IpAddress::parse(value);
    return ip && ip->v6 == v6;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > 70000)
        return 0;
    static const DnsQueryKind kinds[] = {DnsQueryKind::Dnsbl, DnsQueryKind::Ptr, DnsQueryKind::Mx,
                                         DnsQueryKind::Address4, DnsQueryKind::Address6};
    const DnsQueryKind kind = kinds[data[0] % 5];
    const QString name = askedNames().at(data[1] % askedNames().size());
    const QByteArray message = bytesOf(data + 2, size - 2);
    const quint16 type = dnsQueryType(kind);
    const quint16 id = message.size() >= 2 ? quint16((uchar(message[0]) << 8) | uchar(message[1])) : 0;

    const ParsedDnsMessage parsed = parseDnsMessage(message, id, name, type);
    const ParsedDnsMessage otherId = parseDnsMessage(message, quint16(id + 1), name, type);
    XMFLOW_FUZZ_CHECK(!otherId.matched, "matched a reply with another id");
    if (parsed.matched) {
        const ParsedDnsMessage otherType = parseDnsMessage(message, id, name, quint16(type + 1));
        XMFLOW_FUZZ_CHECK(!otherType.matched, "matched a reply for another type");
        const ParsedDnsMessage otherName = parseDnsMessage(message, id, QStringLiteral("x.") + name, type);
        XMFLOW_FUZZ_CHECK(!otherName.matched, "matched a reply for another name");
    }
    if (parsed.reply.status == DnsStatus::Malformed)
        XMFLOW_FUZZ_CHECK(parsed.reply.answers.isEmpty() && !parsed.reply.error.isEmpty(),
                          "malformed reply with answers");
    XMFLOW_FUZZ_CHECK(parsed.reply.answers.size() <= 65535, "answers");

    const DnsAnswer answer = interpretDnsReply(kind, name, parsed.reply);
    XMFLOW_FUZZ_CHECK(!answer.summary(kind).isEmpty(), "summary");
    if (answer.outcome == DnsOutcome::Found) {
        XMFLOW_FUZZ_CHECK(!answer.values.isEmpty(), "found without values");
        for (const QString &value : answer.values) {
            switch (kind) {
            case DnsQueryKind::Dnsbl:
            case DnsQueryKind::Address4:
                XMFLOW_FUZZ_CHECK(isAddress(value, false), value.toUtf8());
                break;
            case DnsQueryKind::Address6:
                XMFLOW_FUZZ_CHECK(isAddress(value, true), value.toUtf8());
                break;
            case DnsQueryKind::Ptr:
            case DnsQueryKind::Mx:
                XMFLOW_FUZZ_CHECK(!value.isEmpty() && !value.endsWith(QLatin1Char('.')) &&
                                      value == value.toLower(),
                                  value.toUtf8());
                break;
            }
        }
    } else {
        XMFLOW_FUZZ_CHECK(answer.values.isEmpty(), "values without Found");
    }

    // CheckMailerDomain: the sender's domain exists exactly when one of the answers found records.
    const DnsReply &reply = parsed.reply;
    const DnsAnswer mx = interpretDnsReply(DnsQueryKind::Mx, name, reply);
    const DnsAnswer a = interpretDnsReply(DnsQueryKind::Address4, name, reply);
    const DnsAnswer aaaa = interpretDnsReply(DnsQueryKind::Address6, name, reply);
    const MailerDomainResult domain = mailerDomainResult(mx, a, aaaa);
    XMFLOW_FUZZ_CHECK(domain.exists == (mx.outcome == DnsOutcome::Found || a.outcome == DnsOutcome::Found ||
                                        aaaa.outcome == DnsOutcome::Found),
                      domain.reason.toUtf8());
    XMFLOW_FUZZ_CHECK(!domain.reason.isEmpty(), "reason");

    // A query for a name taken from the input reads back as that very question.
    const QString fuzzedName = QString::fromUtf8(message.left(80));
    const QByteArray query = buildDnsQuery(id, fuzzedName, type);
    if (!query.isEmpty()) {
        XMFLOW_FUZZ_CHECK(query.size() <= 12 + 255 + 4 + 2, "query too long");
        QByteArray asReply = query;
        asReply[2] = char(uchar(asReply[2]) | 0x80); // QR: the same message, as a response
        const ParsedDnsMessage echo = parseDnsMessage(asReply, id, fuzzedName, type);
        XMFLOW_FUZZ_CHECK(echo.reply.status == DnsStatus::NoError && echo.reply.answers.isEmpty(),
                          fuzzedName.toUtf8());
        if (isPlainHostName(normalizedDnsName(fuzzedName)))
            XMFLOW_FUZZ_CHECK(echo.matched, fuzzedName.toUtf8());
        XMFLOW_FUZZ_CHECK(!parseDnsMessage(query, id, fuzzedName, type).matched, "a query taken for a reply");
    }

    // Query names for an address taken from the input.
    if (message.size() >= 16) {
        model::IpAddress ip;
        ip.v6 = data[0] & 0x80;
        std::copy(message.constData(), message.constData() + 16, ip.bytes.begin());
        const QString reversed = dnsReversedIp(ip);
        XMFLOW_FUZZ_CHECK(reversed.endsWith(QLatin1Char('.')), reversed.toUtf8());
        XMFLOW_FUZZ_CHECK(!buildDnsQuery(id, ptrQueryName(ip), DnsType::PTR).isEmpty(),
                          ptrQueryName(ip).toUtf8());
        XMFLOW_FUZZ_CHECK(dnsblQueryName(ip, QStringLiteral("zen.example.test."))
                              .endsWith(QLatin1String(".zen.example.test")),
                          reversed.toUtf8());
    }
    return 0;
}

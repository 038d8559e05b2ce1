// The pure DNS answer handling: query names, the wire format in both
// directions, and what each reply means for a DNSBL, PTR and CheckMailerDomain.

#include "DnsAnswer.h"

#include <gtest/gtest.h>

#include <QRandomGenerator>

using namespace xmflow::engine;
using xmflow::model::IpAddress;

namespace {

IpAddress ip(const char *text)
{
    return *IpAddress::parse(QString::fromLatin1(text));
}

// Builds DNS replies for the tests, the way a server would write them.
class ReplyBuilder
{
public:
    ReplyBuilder(quint16 id, const QString &name, quint16 type, int rcode = 0)
    {
        m_message = buildDnsQuery(id, name, type);
        m_message[2] = char(0x81); // QR + RD
        m_message[3] = char(0x80 | rcode); // RA + rcode
        m_questionEnd = int(m_message.size());
    }
    ReplyBuilder &answer(const QByteArray &ownerWire, quint16 type, quint32 ttl, const QByteArray &rdata)
    {
        appendRecord(ownerWire, type, ttl, rdata);
        bump(6);
        return *this;
    }
    ReplyBuilder &authority(const QByteArray &ownerWire, quint16 type, quint32 ttl, const QByteArray &rdata)
    {
        appendRecord(ownerWire, type, ttl, rdata);
        bump(8);
        return *this;
    }
    ReplyBuilder &truncated()
    {
        m_message[2] = char(m_message[2] | 0x02);
        return *this;
    }
    QByteArray bytes() const { return m_message; }
    static QByteArray questionPointer() { return QByteArray("\xc0\x0c", 2); }

private:
    void appendRecord(const QByteArray &owner, quint16 type, quint32 ttl, const QByteArray &rdata)
    {
        m_message += owner;
        m_message += char(type >> 8);
        m_message += char(type);
        m_message += QByteArray("\x00\x01", 2);
        for (int shift : {24, 16, 8, 0})
            m_message += char(ttl >> shift);
        m_message += char(rdata.size() >> 8);
        m_message += char(rdata.size());
        m_message += rdata;
    }
    void bump(int at)
    {
        const int n = (quint8(m_message[at]) << 8 | quint8(m_message[at + 1])) + 1;
        m_message[at] = char(n >> 8);
        m_message[at + 1] = char(n);
    }
    QByteArray m_message;
    int m_questionEnd = 0;
};

QByteArray wireName(const char *dotted)
{
    QByteArray out;
    for (const QByteArray &label : QByteArray(dotted).split('.'))
        if (!label.isEmpty())
            out += char(label.size()) + label;
    return out + '\0';
}

QByteArray v4(quint8 a, quint8 b, quint8 c, quint8 d)
{
    const char bytes[4] = {char(a), char(b), char(c), char(d)};
    return QByteArray(bytes, 4);
}

QByteArray soa(quint32 minimum)
{
    QByteArray r = wireName("ns.example.test") + wireName("hostmaster.example.test");
    for (quint32 v : {1u, 3600u, 600u, 86400u, minimum})
        for (int shift : {24, 16, 8, 0})
            r += char(v >> shift);
    return r;
}

DnsReply parsed(const QByteArray &message, quint16 id, const QString &name, quint16 type, bool *matched = nullptr)
{
    const ParsedDnsMessage m = parseDnsMessage(message, id, name, type);
    if (matched)
        *matched = m.matched;
    return m.reply;
}

} // namespace

TEST(DnsNames, ReversedIpv4AndIpv6)
{
    EXPECT_EQ(dnsReversedIp(ip("127.0.40.1")), QStringLiteral("1.40.0.127."));
    EXPECT_EQ(dnsReversedIp(ip("::ffff:192.0.2.7")), QStringLiteral("7.2.0.192.")); // v4-mapped peers use the IPv4 form
    EXPECT_EQ(dnsReversedIp(ip("2001:db8::567:89ab")),
              QStringLiteral("b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2."));
    EXPECT_EQ(dnsblQueryName(ip("127.0.40.1"), QStringLiteral("BL.Example.test.")),
              QStringLiteral("1.40.0.127.bl.example.test"));
    EXPECT_EQ(ptrQueryName(ip("127.0.41.4")), QStringLiteral("4.41.0.127.in-addr.arpa"));
    EXPECT_EQ(ptrQueryName(ip("2001:db8::1")),
              QStringLiteral("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"));
    EXPECT_TRUE(dnsblQueryName(ip("127.0.0.1"), QStringLiteral(" . ")).isEmpty());
}

TEST(DnsWire, QueryLayout)
{
    const QByteArray q = buildDnsQuery(0xBEEF, QStringLiteral("1.40.0.127.bl.example.test."), DnsType::A);
    ASSERT_EQ(q.size(), 12 + int(wireName("1.40.0.127.bl.example.test").size()) + 4);
    EXPECT_EQ(q.left(4), QByteArray("\xbe\xef\x01\x00", 4));
    EXPECT_EQ(q.mid(4, 2), QByteArray("\x00\x01", 2));
    EXPECT_EQ(q.mid(12, q.size() - 16), wireName("1.40.0.127.bl.example.test"));
    EXPECT_EQ(q.right(4), QByteArray("\x00\x01\x00\x01", 4));
    EXPECT_TRUE(buildDnsQuery(1, QStringLiteral("a..b"), DnsType::A).isEmpty());
    EXPECT_TRUE(buildDnsQuery(1, QString(64, QLatin1Char('x')) + QStringLiteral(".test"), DnsType::A).isEmpty());
    EXPECT_TRUE(buildDnsQuery(1, QString(), DnsType::A).isEmpty());
}

TEST(DnsWire, ListedDnsblAnswer)
{
    const QString name = QStringLiteral("1.40.0.127.bl.example.test");
    const QByteArray msg = ReplyBuilder(7, name, DnsType::A)
                               .answer(ReplyBuilder::questionPointer(), DnsType::A, 300, v4(127, 0, 0, 2))
                               .answer(ReplyBuilder::questionPointer(), DnsType::A, 120, v4(127, 0, 0, 4))
                               .bytes();
    bool matched = false;
    const DnsReply reply = parsed(msg, 7, name + QLatin1Char('.'), DnsType::A, &matched);
    EXPECT_TRUE(matched);
    ASSERT_EQ(reply.status, DnsStatus::NoError);
    ASSERT_EQ(reply.answers.size(), 2);
    EXPECT_EQ(reply.answers[0].name, name);
    EXPECT_EQ(reply.answers[0].value, QStringLiteral("127.0.0.2"));
    const DnsAnswer a = interpretDnsReply(DnsQueryKind::Dnsbl, name, reply);
    EXPECT_EQ(a.outcome, DnsOutcome::Found);
    EXPECT_EQ(a.values, (QStringList{QStringLiteral("127.0.0.2"), QStringLiteral("127.0.0.4")}));
    EXPECT_EQ(a.ttl, 120u); // the shortest record TTL
    EXPECT_EQ(a.summary(DnsQueryKind::Dnsbl), QStringLiteral("listed (127.0.0.2, 127.0.0.4)"));
}

TEST(DnsWire, StrayRepliesDoNotMatch)
{
    const QString name = QStringLiteral("1.40.0.127.bl.example.test");
    const QByteArray msg = ReplyBuilder(7, name, DnsType::A).bytes();
    bool matched = true;
    parsed(msg, 8, name, DnsType::A, &matched);
    EXPECT_FALSE(matched) << "another id";
    parsed(msg, 7, QStringLiteral("2.40.0.127.bl.example.test"), DnsType::A, &matched);
    EXPECT_FALSE(matched) << "another name";
    parsed(msg, 7, name, DnsType::PTR, &matched);
    EXPECT_FALSE(matched) << "another type";
    parsed(msg, 7, name.toUpper(), DnsType::A, &matched);
    EXPECT_TRUE(matched) << "names compare without case";
    QByteArray query = buildDnsQuery(7, name, DnsType::A);
    parsed(query, 7, name, DnsType::A, &matched);
    EXPECT_FALSE(matched) << "a query is not a reply";
}

TEST(DnsWire, NxDomainCarriesTheNegativeTtl)
{
    const QString name = QStringLiteral("9.40.0.127.bl.example.test");
    const QByteArray msg = ReplyBuilder(1, name, DnsType::A, 3).authority(wireName("bl.example.test"), DnsType::SOA, 900, soa(60)).bytes();
    const DnsReply reply = parsed(msg, 1, name, DnsType::A);
    EXPECT_EQ(reply.status, DnsStatus::NxDomain);
    EXPECT_EQ(reply.negativeTtl, 60u); // min(SOA TTL, SOA minimum)
    const DnsAnswer a = interpretDnsReply(DnsQueryKind::Dnsbl, name, reply);
    EXPECT_EQ(a.outcome, DnsOutcome::NotFound);
    EXPECT_EQ(a.ttl, 60u);
    EXPECT_EQ(a.summary(DnsQueryKind::Dnsbl), QStringLiteral("not listed (NXDOMAIN)"));
}

TEST(DnsWire, ErrorCodes)
{
    const QString name = QStringLiteral("x.test");
    EXPECT_EQ(parsed(ReplyBuilder(1, name, DnsType::A, 2).bytes(), 1, name, DnsType::A).status, DnsStatus::ServerFailure);
    EXPECT_EQ(parsed(ReplyBuilder(1, name, DnsType::A, 5).bytes(), 1, name, DnsType::A).status, DnsStatus::Refused);
    EXPECT_EQ(parsed(ReplyBuilder(1, name, DnsType::A, 4).bytes(), 1, name, DnsType::A).status, DnsStatus::ServerFailure);
    const DnsReply refused = parsed(ReplyBuilder(1, name, DnsType::A, 5).bytes(), 1, name, DnsType::A);
    const DnsAnswer a = interpretDnsReply(DnsQueryKind::Dnsbl, name, refused);
    EXPECT_EQ(a.outcome, DnsOutcome::Failed);
    EXPECT_EQ(a.summary(DnsQueryKind::Dnsbl), QStringLiteral("no usable answer (REFUSED): counts as not listed"));
}

TEST(DnsWire, PtrThroughClasslessCname)
{
    // RFC 2317 delegation: the PTR lives behind a CNAME.
    const QString name = QStringLiteral("4.41.0.127.in-addr.arpa");
    const QByteArray target = wireName("4.0-25.41.0.127.in-addr.arpa");
    const QByteArray msg = ReplyBuilder(3, name, DnsType::PTR)
                               .answer(ReplyBuilder::questionPointer(), DnsType::CNAME, 500, target)
                               .answer(target, DnsType::PTR, 200, wireName("Host4.Remote.TEST"))
                               .bytes();
    const DnsAnswer a = interpretDnsReply(DnsQueryKind::Ptr, name, parsed(msg, 3, name, DnsType::PTR));
    EXPECT_EQ(a.outcome, DnsOutcome::Found);
    EXPECT_EQ(a.values, QStringList{QStringLiteral("host4.remote.test")});
    EXPECT_EQ(a.ttl, 200u);
}

TEST(DnsWire, RecordsForOtherNamesAreIgnored)
{
    const QString name = QStringLiteral("4.41.0.127.in-addr.arpa");
    const QByteArray msg = ReplyBuilder(3, name, DnsType::PTR)
                               .answer(wireName("5.41.0.127.in-addr.arpa"), DnsType::PTR, 200, wireName("evil.test"))
                               .bytes();
    const DnsAnswer a = interpretDnsReply(DnsQueryKind::Ptr, name, parsed(msg, 3, name, DnsType::PTR));
    EXPECT_EQ(a.outcome, DnsOutcome::NotFound);
}

TEST(DnsWire, OddBytesInNamesAreEscaped)
{
    const QString name = QStringLiteral("4.41.0.127.in-addr.arpa");
    QByteArray odd = wireName("host.test");
    odd[2] = '"';
    odd[3] = '\t';
    const QByteArray msg = ReplyBuilder(3, name, DnsType::PTR).answer(ReplyBuilder::questionPointer(), DnsType::PTR, 1, odd).bytes();
    const DnsAnswer a = interpretDnsReply(DnsQueryKind::Ptr, name, parsed(msg, 3, name, DnsType::PTR));
    ASSERT_EQ(a.values.size(), 1);
    EXPECT_EQ(a.values[0], QStringLiteral("h\\034\\009t.test"));
}

TEST(DnsWire, MxSortedByPreferenceAndMailerDomain)
{
    const QString name = QStringLiteral("mx.example.test");
    auto mx = [](quint16 pref, const char *host) -> QByteArray {
        const char bytes[2] = {char(pref >> 8), char(pref)};
        return QByteArray(bytes, 2) + wireName(host);
    };
    const QByteArray msg = ReplyBuilder(9, name, DnsType::MX)
                               .answer(ReplyBuilder::questionPointer(), DnsType::MX, 60, mx(20, "b.example.test"))
                               .answer(ReplyBuilder::questionPointer(), DnsType::MX, 60, mx(10, "a.example.test"))
                               .bytes();
    const DnsAnswer answer = interpretDnsReply(DnsQueryKind::Mx, name, parsed(msg, 9, name, DnsType::MX));
    EXPECT_EQ(answer.values, (QStringList{QStringLiteral("a.example.test"), QStringLiteral("b.example.test")}));

    DnsAnswer none;
    none.outcome = DnsOutcome::NotFound;
    none.status = DnsStatus::NxDomain;
    DnsAnswer timedOut; // default: timed out
    DnsAnswer address;
    address.outcome = DnsOutcome::Found;
    address.status = DnsStatus::NoError;
    address.values = QStringList{QStringLiteral("192.0.2.1")};
    EXPECT_TRUE(mailerDomainResult(answer, none, none).exists);
    EXPECT_TRUE(mailerDomainResult(none, address, none).exists);
    EXPECT_TRUE(mailerDomainResult(none, none, address).exists);
    const MailerDomainResult missing = mailerDomainResult(none, none, timedOut);
    EXPECT_FALSE(missing.exists);
    EXPECT_EQ(missing.reason, QStringLiteral("no MX (NXDOMAIN); no A (NXDOMAIN); timed out: no AAAA"));
    EXPECT_FALSE(mailerDomainResult(timedOut, timedOut, timedOut).exists) << "XMail 1.27 refuses when DNS does not answer";
}

TEST(DnsWire, Aaaa)
{
    const QString name = QStringLiteral("v6.example.test");
    const QByteArray rdata = QByteArray::fromHex("20010db8000000000000000000000001");
    const QByteArray msg = ReplyBuilder(2, name, DnsType::AAAA).answer(ReplyBuilder::questionPointer(), DnsType::AAAA, 30, rdata).bytes();
    const DnsAnswer a = interpretDnsReply(DnsQueryKind::Address6, name, parsed(msg, 2, name, DnsType::AAAA));
    EXPECT_EQ(a.values, QStringList{QStringLiteral("2001:db8::1")});
}

TEST(DnsWire, CnameLoopEnds)
{
    const QString name = QStringLiteral("a.test");
    const QByteArray msg = ReplyBuilder(2, name, DnsType::A)
                               .answer(wireName("a.test"), DnsType::CNAME, 30, wireName("b.test"))
                               .answer(wireName("b.test"), DnsType::CNAME, 30, wireName("a.test"))
                               .bytes();
    EXPECT_EQ(interpretDnsReply(DnsQueryKind::Address4, name, parsed(msg, 2, name, DnsType::A)).outcome, DnsOutcome::NotFound);
}

TEST(DnsWire, BrokenMessagesAreMalformedNotFatal)
{
    const QString name = QStringLiteral("1.40.0.127.bl.example.test");
    const QByteArray good = ReplyBuilder(7, name, DnsType::A).answer(ReplyBuilder::questionPointer(), DnsType::A, 300, v4(127, 0, 0, 2)).bytes();
    // Every prefix of a good reply: never a crash; a cut record is malformed.
    for (int n = 0; n < good.size(); ++n) {
        const DnsReply r = parsed(good.left(n), 7, name, DnsType::A);
        EXPECT_TRUE(r.status == DnsStatus::Malformed) << n;
        EXPECT_TRUE(r.answers.isEmpty()) << n;
    }
    // A pointer loop (points at itself) and a forward pointer.
    QByteArray loop = good;
    loop[12] = char(0xC0);
    loop[13] = char(12);
    EXPECT_EQ(parsed(loop, 7, name, DnsType::A).status, DnsStatus::Malformed);
    QByteArray forward = good;
    const int recordStart = int(buildDnsQuery(7, name, DnsType::A).size());
    forward[recordStart + 1] = char(recordStart + 2);
    EXPECT_EQ(parsed(forward, 7, name, DnsType::A).status, DnsStatus::Malformed);
    // An A record with 5 data bytes is dropped, the message stays readable.
    const QByteArray odd = ReplyBuilder(7, name, DnsType::A).answer(ReplyBuilder::questionPointer(), DnsType::A, 300, QByteArray(5, '\1')).bytes();
    const DnsReply r = parsed(odd, 7, name, DnsType::A);
    EXPECT_EQ(r.status, DnsStatus::NoError);
    EXPECT_EQ(interpretDnsReply(DnsQueryKind::Dnsbl, name, r).outcome, DnsOutcome::NotFound);
    // Random bytes and random flips of a good message.
    QRandomGenerator rng(42);
    for (int i = 0; i < 20000; ++i) {
        QByteArray junk = good;
        if (i % 2) {
            junk.resize(rng.bounded(0, 600));
            for (char &c : junk)
                c = char(rng.bounded(256));
        } else {
            for (int k = 0; k < 4; ++k)
                junk[rng.bounded(int(junk.size()))] = char(rng.bounded(256));
        }
        const ParsedDnsMessage m = parseDnsMessage(junk, 7, name, DnsType::A);
        for (DnsQueryKind kind : {DnsQueryKind::Dnsbl, DnsQueryKind::Ptr, DnsQueryKind::Mx, DnsQueryKind::Address6})
            (void)interpretDnsReply(kind, name, m.reply).summary(kind);
    }
}

TEST(DnsWire, NegativeTtlBitMeansZero)
{
    const QString name = QStringLiteral("1.40.0.127.bl.example.test");
    const QByteArray msg = ReplyBuilder(7, name, DnsType::A).answer(ReplyBuilder::questionPointer(), DnsType::A, 0x80000010u, v4(127, 0, 0, 2)).bytes();
    EXPECT_EQ(interpretDnsReply(DnsQueryKind::Dnsbl, name, parsed(msg, 7, name, DnsType::A)).ttl, 0u);
}

TEST(DnsAnswerMeaning, TimeoutsAndFailures)
{
    DnsReply timeout;
    timeout.status = DnsStatus::Timeout;
    const DnsAnswer t = interpretDnsReply(DnsQueryKind::Dnsbl, QStringLiteral("x"), timeout);
    EXPECT_EQ(t.outcome, DnsOutcome::TimedOut);
    EXPECT_EQ(t.ttl, 0u);
    EXPECT_EQ(t.summary(DnsQueryKind::Dnsbl), QStringLiteral("timed out: counts as not listed"));
    EXPECT_EQ(t.summary(DnsQueryKind::Ptr), QStringLiteral("timed out: no PTR"));
    DnsReply records; // records handed in directly, as a fuzzer or a test would
    records.status = DnsStatus::NoError;
    records.answers = {DnsRecord{DnsType::A, QStringLiteral("X.Test."), QStringLiteral("127.0.0.3"), 5, 0}};
    EXPECT_EQ(interpretDnsReply(DnsQueryKind::Dnsbl, QStringLiteral("x.test"), records).outcome, DnsOutcome::Found);
    EXPECT_EQ(interpretDnsReply(DnsQueryKind::Ptr, QStringLiteral("x.test"), records).outcome, DnsOutcome::NotFound);
}

// The resolver: server lists (SmartDNSHost, --dns-server), the TTL cache on an
// injected clock, and NetworkResolver against small DNS servers run by the test
// itself on loopback (UDP and TCP, one that never answers, one that refuses).

#include "Resolver.h"
#include "DnsCache.h"
#include "NetworkResolver.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUdpSocket>

#include <functional>
#include <memory>

using namespace xmflow::engine;
using xmflow::model::IpAddress;

namespace {

bool waitUntil(const std::function<bool()> &done, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    return done();
}

QByteArray wireName(const QString &dotted)
{
    QByteArray out;
    for (const QString &label : dotted.split(QLatin1Char('.'), Qt::SkipEmptyParts))
        out += char(label.size()) + label.toLatin1();
    return out + '\0';
}

// A tiny authoritative server: answers A/PTR/MX/AAAA from a table, NXDOMAIN
// otherwise. Mode decides how it misbehaves.
class FakeDnsServer : public QObject
{
public:
    enum class Mode { Answer, Silent, Refuse, TruncateUdp };
    struct Rr {
        quint16 type;
        QByteArray rdata;
        quint32 ttl;
    };

    explicit FakeDnsServer(Mode mode = Mode::Answer) : m_mode(mode)
    {
        // UDP and TCP on the same port: an ephemeral UDP port can be taken for TCP by
        // another process on the machine, so try a few.
        bool bound = false;
        for (int attempt = 0; attempt < 20 && !bound; ++attempt) {
            if (!m_udp.bind(QHostAddress(QStringLiteral("127.0.0.1")), 0))
                continue;
            bound = m_tcp.listen(QHostAddress(QStringLiteral("127.0.0.1")), m_udp.localPort());
            if (!bound)
                m_udp.close();
        }
        EXPECT_TRUE(bound) << "no port free for both UDP and TCP on 127.0.0.1";
        connect(&m_udp, &QUdpSocket::readyRead, this, [this] {
            while (m_udp.hasPendingDatagrams()) {
                QHostAddress from;
                quint16 port = 0;
                QByteArray query(int(m_udp.pendingDatagramSize()), '\0');
                m_udp.readDatagram(query.data(), query.size(), &from, &port);
                ++udpQueries;
                if (m_mode == Mode::Silent)
                    continue;
                m_udp.writeDatagram(reply(query, m_mode == Mode::TruncateUdp), from, port);
            }
        });
        connect(&m_tcp, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_tcp.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    QByteArray &buffer = m_tcpBuffers[s];
                    buffer += s->readAll();
                    while (buffer.size() >= 2) {
                        const int len = (quint8(buffer[0]) << 8) | quint8(buffer[1]);
                        if (buffer.size() < 2 + len)
                            break;
                        const QByteArray query = buffer.mid(2, len);
                        buffer.remove(0, 2 + len);
                        ++tcpQueries;
                        const QByteArray r = reply(query, false);
                        const char prefix[2] = {char(r.size() >> 8), char(r.size())};
                        s->write(QByteArray(prefix, 2) + r);
                    }
                });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }

    DnsServer server(bool tcp = false) const
    {
        return DnsServer{QHostAddress(QStringLiteral("127.0.0.1")), m_udp.localPort(), tcp};
    }
    void add(const QString &name, Rr rr) { m_records[name.toLower()].append(rr); }
    static QByteArray v4(const char *text)
    {
        const quint32 v = IpAddress::parse(QString::fromLatin1(text))->v4();
        const char b[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
        return QByteArray(b, 4);
    }

    int udpQueries = 0;
    int tcpQueries = 0;

private:
    QByteArray reply(const QByteArray &query, bool truncate)
    {
        if (query.size() < 17)
            return {};
        // The question: name labels from offset 12, then type and class.
        QStringList labels;
        int pos = 12;
        while (pos < query.size() && query[pos] != 0) {
            const int len = quint8(query[pos]);
            labels << QString::fromLatin1(query.mid(pos + 1, len)).toLower();
            pos += len + 1;
        }
        const QString name = labels.join(QLatin1Char('.'));
        const quint16 type = quint16((quint8(query[pos + 1]) << 8) | quint8(query[pos + 2]));
        QByteArray r = query.left(pos + 5);
        r[2] = char(0x84 | (truncate ? 0x02 : 0) | (query[2] & 0x01)); // QR, AA, TC, RD
        r[3] = char(m_mode == Mode::Refuse ? 5 : 0);
        if (m_mode == Mode::Refuse)
            return r;
        int count = 0;
        for (const Rr &rr : m_records.value(name)) {
            if (rr.type != type)
                continue;
            ++count;
            r += QByteArray("\xc0\x0c", 2);
            const char head[8] = {char(type >> 8),    char(type),        0,           1, char(rr.ttl >> 24),
                                  char(rr.ttl >> 16), char(rr.ttl >> 8), char(rr.ttl)};
            r += QByteArray(head, 8);
            const char len[2] = {char(rr.rdata.size() >> 8), char(rr.rdata.size())};
            r += QByteArray(len, 2) + rr.rdata;
        }
        if (truncate)
            count = 0, r.truncate(pos + 5);
        r[7] = char(count);
        if (count == 0 && !m_records.contains(name) && !truncate)
            r[3] = char(3); // NXDOMAIN
        return r;
    }

    Mode m_mode;
    QUdpSocket m_udp;
    QTcpServer m_tcp;
    QHash<QString, QList<Rr>> m_records;
    QHash<QTcpSocket *, QByteArray> m_tcpBuffers;
};

// Runs one lookup to its end.
DnsLookupResult lookupNow(Resolver &resolver, DnsQueryKind kind, const QString &name)
{
    QObject context;
    std::optional<DnsLookupResult> result;
    resolver.lookup(kind, name, &context, [&](const DnsLookupResult &r) { result = r; });
    EXPECT_FALSE(result) << "the callback must come from the event loop";
    EXPECT_TRUE(waitUntil([&] { return result.has_value(); }));
    return result.value_or(DnsLookupResult{});
}

} // namespace

TEST(DnsServers, SmartDnsHostAsXMailReadsIt)
{
    const DnsServerList list =
        parseSmartDnsHost(QStringLiteral("127.0.0.153:udp,192.0.2.1:TCP,ns.example.test:udp"));
    ASSERT_EQ(list.servers.size(), 2);
    EXPECT_EQ(list.servers[0].text(), QStringLiteral("127.0.0.153:53/udp"));
    EXPECT_EQ(list.servers[1].text(), QStringLiteral("192.0.2.1:53/tcp"));
    ASSERT_EQ(list.problems.size(), 1);
    EXPECT_TRUE(list.problems[0].contains(QStringLiteral("ns.example.test")));
    EXPECT_TRUE(parseSmartDnsHost(QStringLiteral("127.0.0.1")).servers.isEmpty());
    EXPECT_FALSE(parseSmartDnsHost(QStringLiteral("127.0.0.1")).problems.isEmpty());
    // Anything but "tcp" is UDP, as in XMail.
    EXPECT_FALSE(parseSmartDnsHost(QStringLiteral("127.0.0.1:whatever")).servers.value(0).tcp);
    const DnsServerList odd = parseSmartDnsHost(QStringLiteral("127.0.0.1:udp,127.0.0.2"));
    EXPECT_EQ(odd.servers.size(), 1);
    EXPECT_EQ(odd.problems.size(), 1);
}

TEST(DnsServers, DnsServerOption)
{
    const DnsServerList list =
        parseDnsServerOption(QStringLiteral("127.0.0.154:5353,[::1]:53/tcp, 127.0.0.1"));
    ASSERT_EQ(list.servers.size(), 3) << list.problems.join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(list.servers[0].text(), QStringLiteral("127.0.0.154:5353/udp"));
    EXPECT_EQ(list.servers[1].text(), QStringLiteral("[::1]:53/tcp"));
    EXPECT_EQ(list.servers[2].text(), QStringLiteral("127.0.0.1:53/udp"));
    EXPECT_FALSE(parseDnsServerOption(QStringLiteral("127.0.0.1:99999")).problems.isEmpty());
    EXPECT_FALSE(parseDnsServerOption(QStringLiteral("dns.example.test")).problems.isEmpty());
    EXPECT_FALSE(parseDnsServerOption(QStringLiteral("127.0.0.1/sctp")).problems.isEmpty());
    EXPECT_FALSE(parseDnsServerOption(QString()).problems.isEmpty());
}

TEST(DnsCacheTtl, AnswersLiveForTheirTtlOnly)
{
    DnsCache cache;
    DnsAnswer listed;
    listed.outcome = DnsOutcome::Found;
    listed.status = DnsStatus::NoError;
    listed.values = QStringList{QStringLiteral("127.0.0.2")};
    listed.ttl = 30;
    cache.insert(DnsQueryKind::Dnsbl, QStringLiteral("1.0.0.127.bl.test."), listed, 1000);
    ASSERT_TRUE(cache.find(DnsQueryKind::Dnsbl, QStringLiteral("1.0.0.127.BL.test"), 1000));
    EXPECT_EQ(cache.find(DnsQueryKind::Dnsbl, QStringLiteral("1.0.0.127.bl.test"), 21000)->ttl, 10u);
    EXPECT_TRUE(cache.find(DnsQueryKind::Dnsbl, QStringLiteral("1.0.0.127.bl.test"), 30999));
    EXPECT_FALSE(cache.find(DnsQueryKind::Dnsbl, QStringLiteral("1.0.0.127.bl.test"), 31000))
        << "expired at its TTL";
    EXPECT_FALSE(cache.find(DnsQueryKind::Ptr, QStringLiteral("1.0.0.127.bl.test"), 1000))
        << "kinds are separate";

    DnsAnswer negative;
    negative.outcome = DnsOutcome::NotFound;
    negative.status = DnsStatus::NxDomain;
    negative.ttl = 5;
    cache.insert(DnsQueryKind::Ptr, QStringLiteral("x.in-addr.arpa"), negative, 0);
    EXPECT_TRUE(cache.find(DnsQueryKind::Ptr, QStringLiteral("x.in-addr.arpa"), 4999));
    EXPECT_FALSE(cache.find(DnsQueryKind::Ptr, QStringLiteral("x.in-addr.arpa"), 5000));

    DnsAnswer timedOut; // never kept
    timedOut.ttl = 100;
    cache.insert(DnsQueryKind::Dnsbl, QStringLiteral("t.test"), timedOut, 0);
    DnsAnswer zeroTtl = listed;
    zeroTtl.ttl = 0;
    cache.insert(DnsQueryKind::Dnsbl, QStringLiteral("z.test"), zeroTtl, 0);
    EXPECT_FALSE(cache.find(DnsQueryKind::Dnsbl, QStringLiteral("t.test"), 1));
    EXPECT_FALSE(cache.find(DnsQueryKind::Dnsbl, QStringLiteral("z.test"), 1));
}

TEST(DnsCacheTtl, BoundedSize)
{
    DnsCache cache(100, 3600);
    DnsAnswer a;
    a.outcome = DnsOutcome::NotFound;
    a.status = DnsStatus::NxDomain;
    for (int i = 0; i < 1000; ++i) {
        a.ttl = quint32(10 + i);
        cache.insert(DnsQueryKind::Dnsbl, QStringLiteral("n%1.test").arg(i), a, 0);
        ASSERT_LE(cache.size(), 100);
    }
    EXPECT_TRUE(cache.find(DnsQueryKind::Dnsbl, QStringLiteral("n999.test"), 0))
        << "the newest, longest-lived answer stays";
    a.ttl = 3600 * 48;
    cache.insert(DnsQueryKind::Dnsbl, QStringLiteral("long.test"), a, 0);
    EXPECT_FALSE(cache.find(DnsQueryKind::Dnsbl, QStringLiteral("long.test"), 3600 * 1000)) << "TTL capped";
}

TEST(NetworkResolverTest, UdpAnswersAndTheTtlCacheWithAnInjectedClock)
{
    FakeDnsServer dns;
    dns.add(QStringLiteral("2.0.0.127.bl.test"), {1, FakeDnsServer::v4("127.0.0.2"), 60});
    NetworkResolver resolver;
    resolver.setServers({dns.server()});
    resolver.setTimeoutMs(2000);
    qint64 now = 1000000;
    resolver.setClock([&now] { return now; });

    const DnsLookupResult first =
        lookupNow(resolver, DnsQueryKind::Dnsbl, QStringLiteral("2.0.0.127.bl.test"));
    EXPECT_EQ(first.answer.outcome, DnsOutcome::Found);
    EXPECT_EQ(first.answer.values, QStringList{QStringLiteral("127.0.0.2")});
    EXPECT_FALSE(first.cached);
    EXPECT_EQ(first.server, dns.server().text());
    EXPECT_EQ(dns.udpQueries, 1);
    std::printf("fake-server UDP lookup: %lld ms\n", first.elapsedMs);

    now += 59000;
    const DnsLookupResult second =
        lookupNow(resolver, DnsQueryKind::Dnsbl, QStringLiteral("2.0.0.127.bl.test"));
    EXPECT_TRUE(second.cached);
    EXPECT_EQ(second.answer.ttl, 1u);
    EXPECT_EQ(dns.udpQueries, 1) << "answered from the cache";
    EXPECT_TRUE(second.traceLine().contains(QStringLiteral("cached")));

    now += 1000; // the TTL is over
    const DnsLookupResult third =
        lookupNow(resolver, DnsQueryKind::Dnsbl, QStringLiteral("2.0.0.127.bl.test"));
    EXPECT_FALSE(third.cached);
    EXPECT_EQ(dns.udpQueries, 2);

    const DnsLookupResult missing =
        lookupNow(resolver, DnsQueryKind::Dnsbl, QStringLiteral("9.0.0.127.bl.test"));
    EXPECT_EQ(missing.answer.outcome, DnsOutcome::NotFound);
    EXPECT_EQ(missing.answer.status, DnsStatus::NxDomain);
    EXPECT_EQ(resolver.stats().cacheHits, 1);
}

TEST(NetworkResolverTest, SameQueryInFlightIsAskedOnce)
{
    FakeDnsServer dns;
    dns.add(QStringLiteral("4.41.0.127.in-addr.arpa"),
            {12, wireName(QStringLiteral("host4.remote.test")), 0});
    NetworkResolver resolver;
    resolver.setServers({dns.server()});
    QObject context;
    int answers = 0;
    for (int i = 0; i < 5; ++i)
        resolver.lookup(DnsQueryKind::Ptr, QStringLiteral("4.41.0.127.in-addr.arpa"), &context,
                        [&](const DnsLookupResult &r) {
                            EXPECT_EQ(r.answer.values, QStringList{QStringLiteral("host4.remote.test")});
                            ++answers;
                        });
    ASSERT_TRUE(waitUntil([&] { return answers == 5; }));
    EXPECT_EQ(dns.udpQueries, 1);
    EXPECT_EQ(resolver.stats().coalesced, 4);
}

TEST(NetworkResolverTest, TimeoutAndTheNextServer)
{
    FakeDnsServer silent(FakeDnsServer::Mode::Silent);
    FakeDnsServer refusing(FakeDnsServer::Mode::Refuse);
    FakeDnsServer good;
    good.add(QStringLiteral("2.0.0.127.bl.test"), {1, FakeDnsServer::v4("127.0.0.2"), 0});

    NetworkResolver alone;
    alone.setServers({silent.server()});
    alone.setTimeoutMs(600);
    QElapsedTimer t;
    t.start();
    const DnsLookupResult timedOut =
        lookupNow(alone, DnsQueryKind::Dnsbl, QStringLiteral("2.0.0.127.bl.test"));
    const qint64 took = t.elapsed();
    EXPECT_EQ(timedOut.answer.outcome, DnsOutcome::TimedOut);
    EXPECT_EQ(timedOut.answer.summary(DnsQueryKind::Dnsbl),
              QStringLiteral("timed out: counts as not listed"));
    EXPECT_GE(took, 550);
    EXPECT_LT(took, 3000);
    EXPECT_GE(silent.udpQueries, 1);

    // XMail walks SmartDNSHost in order until a server answers.
    NetworkResolver walking;
    walking.setServers({silent.server(), refusing.server(), good.server()});
    walking.setTimeoutMs(1500);
    const DnsLookupResult answered =
        lookupNow(walking, DnsQueryKind::Dnsbl, QStringLiteral("2.0.0.127.bl.test"));
    EXPECT_EQ(answered.answer.outcome, DnsOutcome::Found);
    EXPECT_EQ(answered.server, good.server().text());
    EXPECT_EQ(refusing.udpQueries, 1);
    EXPECT_EQ(walking.stats().sent, 3);

    // Only a refusing server: a failure, never a listing.
    NetworkResolver refused;
    refused.setServers({refusing.server()});
    EXPECT_EQ(lookupNow(refused, DnsQueryKind::Dnsbl, QStringLiteral("2.0.0.127.bl.test")).answer.outcome,
              DnsOutcome::Failed);
}

TEST(NetworkResolverTest, TcpServersAndTruncatedUdp)
{
    FakeDnsServer dns;
    auto mx = [](quint16 pref, const char *host) -> QByteArray {
        const char p[2] = {char(pref >> 8), char(pref)};
        return QByteArray(p, 2) + wireName(QString::fromLatin1(host));
    };
    dns.add(QStringLiteral("example.test"), {15, mx(10, "mx.example.test"), 300});
    NetworkResolver tcp;
    tcp.setServers({dns.server(true)});
    const DnsLookupResult viaTcp = lookupNow(tcp, DnsQueryKind::Mx, QStringLiteral("example.test"));
    EXPECT_EQ(viaTcp.answer.values, QStringList{QStringLiteral("mx.example.test")});
    EXPECT_EQ(viaTcp.server, dns.server(true).text());
    EXPECT_EQ(dns.tcpQueries, 1);
    EXPECT_EQ(dns.udpQueries, 0);

    FakeDnsServer truncating(FakeDnsServer::Mode::TruncateUdp);
    truncating.add(QStringLiteral("example.test"), {15, mx(10, "mx.example.test"), 300});
    NetworkResolver udp;
    udp.setServers({truncating.server()});
    const DnsLookupResult retried = lookupNow(udp, DnsQueryKind::Mx, QStringLiteral("example.test"));
    EXPECT_EQ(retried.answer.values, QStringList{QStringLiteral("mx.example.test")})
        << "TC set: asked again over TCP";
    EXPECT_EQ(truncating.udpQueries, 1);
    EXPECT_EQ(truncating.tcpQueries, 1);
}

TEST(NetworkResolverTest, ConnectChecksAndMailerDomain)
{
    FakeDnsServer dns;
    const IpAddress peer = *IpAddress::parse(u"2001:db8::25");
    dns.add(dnsblQueryName(peer, QStringLiteral("b.test")), {1, FakeDnsServer::v4("127.0.0.2"), 0});
    dns.add(ptrQueryName(peer), {12, wireName(QStringLiteral("v6host.remote.test")), 0});
    dns.add(QStringLiteral("aonly.test"), {1, FakeDnsServer::v4("192.0.2.10"), 0});
    NetworkResolver resolver;
    resolver.setServers({dns.server()});

    QObject context;
    std::optional<ConnectDnsResult> connectDns;
    resolveConnectDns(resolver, peer, {QStringLiteral("a.test"), QStringLiteral("B.test.")}, true, false,
                      &context, [&](const ConnectDnsResult &r) { connectDns = r; });
    ASSERT_TRUE(waitUntil([&] { return connectDns.has_value(); }));
    EXPECT_EQ(connectDns->answers.listedIn, QSet<QString>{QStringLiteral("b.test")});
    EXPECT_EQ(connectDns->answers.ptrName.value_or(QString()), QStringLiteral("v6host.remote.test"));
    ASSERT_EQ(connectDns->queries.size(), 3);
    EXPECT_TRUE(connectDns->queries[0].name.endsWith(QStringLiteral(".8.b.d.0.1.0.0.2.a.test")));
    EXPECT_EQ(connectDns->queries[2].kind, DnsQueryKind::Ptr);

    std::optional<MailerDomainCheck> check;
    resolveMailerDomain(resolver, QStringLiteral("aonly.test"), &context,
                        [&](const MailerDomainCheck &c) { check = c; });
    ASSERT_TRUE(waitUntil([&] { return check.has_value(); }));
    EXPECT_TRUE(check->result.exists);
    EXPECT_EQ(check->queries.size(), 3); // MX, then A and AAAA
    check.reset();
    resolveMailerDomain(resolver, QStringLiteral("nowhere.test"), &context,
                        [&](const MailerDomainCheck &c) { check = c; });
    ASSERT_TRUE(waitUntil([&] { return check.has_value(); }));
    EXPECT_FALSE(check->result.exists);
    EXPECT_EQ(check->result.reason, QStringLiteral("no MX (NXDOMAIN); no A (NXDOMAIN); no AAAA (NXDOMAIN)"));
}

// Greylisting trusts a PTR name only when its A/AAAA records lead back to the peer:
// anyone can set the PTR of their own addresses to a whitelisted provider's name.
TEST(NetworkResolverTest, PtrNamesAreForwardConfirmed)
{
    FakeDnsServer dns;
    const IpAddress honest = *IpAddress::parse(u"192.0.2.25");
    const IpAddress liar = *IpAddress::parse(u"192.0.2.66");
    const IpAddress v6 = *IpAddress::parse(u"2001:db8::25");
    dns.add(ptrQueryName(honest), {12, wireName(QStringLiteral("mail-25.big.test")), 0});
    dns.add(QStringLiteral("mail-25.big.test"), {1, FakeDnsServer::v4("192.0.2.99"), 0});
    dns.add(QStringLiteral("mail-25.big.test"), {1, FakeDnsServer::v4("192.0.2.25"), 0});
    dns.add(ptrQueryName(liar), {12, wireName(QStringLiteral("mail-9.big.test")), 0}); // no A record
    dns.add(ptrQueryName(v6), {12, wireName(QStringLiteral("v6host.big.test")), 0});
    dns.add(QStringLiteral("v6host.big.test"),
            {28, QByteArray::fromHex("20010db8000000000000000000000025"), 0});
    NetworkResolver resolver;
    resolver.setServers({dns.server()});
    QObject context;
    auto resolve = [&](const IpAddress &peer, bool confirm) {
        std::optional<ConnectDnsResult> result;
        resolveConnectDns(resolver, peer, {}, true, confirm, &context,
                          [&](const ConnectDnsResult &r) { result = r; });
        EXPECT_TRUE(waitUntil([&] { return result.has_value(); }));
        return result.value_or(ConnectDnsResult{});
    };
    const ConnectDnsResult confirmed = resolve(honest, true);
    EXPECT_EQ(confirmed.answers.ptrName.value_or(QString()), QStringLiteral("mail-25.big.test"));
    EXPECT_TRUE(confirmed.answers.ptrConfirmed);
    ASSERT_EQ(confirmed.queries.size(), 2);
    EXPECT_EQ(confirmed.queries[1].kind, DnsQueryKind::Address4);

    const ConnectDnsResult unconfirmed = resolve(liar, true);
    EXPECT_EQ(unconfirmed.answers.ptrName.value_or(QString()), QStringLiteral("mail-9.big.test"));
    EXPECT_FALSE(unconfirmed.answers.ptrConfirmed);

    const ConnectDnsResult ipv6 = resolve(v6, true);
    EXPECT_TRUE(ipv6.answers.ptrConfirmed);
    EXPECT_EQ(ipv6.queries.last().kind, DnsQueryKind::Address6);

    // Not asked for (greylisting off): no forward query, nothing confirmed.
    const ConnectDnsResult notAsked = resolve(honest, false);
    EXPECT_FALSE(notAsked.answers.ptrConfirmed);
    EXPECT_EQ(notAsked.queries.size(), 1);
}

TEST(NetworkResolverTest, ContextGoneMeansNoCallback)
{
    FakeDnsServer silent(FakeDnsServer::Mode::Silent);
    NetworkResolver resolver;
    resolver.setServers({silent.server()});
    resolver.setTimeoutMs(300);
    bool called = false;
    {
        auto context = std::make_unique<QObject>();
        resolveConnectDns(resolver, *IpAddress::parse(u"127.0.0.9"), {QStringLiteral("bl.test")}, true, false,
                          context.get(), [&](const ConnectDnsResult &) { called = true; });
    }
    waitUntil([] { return false; }, 900);
    EXPECT_FALSE(called);
}

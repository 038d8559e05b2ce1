// DNS checks against a real DNS server: dnsmasq on 127.0.0.154 (a free port),
// started and stopped here, serving test DNSBL zones, PTR, MX and A records.
// Queries for the "t*.test" zones are forwarded to a UDP socket on 127.0.0.155
// that never answers, so those DNSBLs time out. Every case runs through
// `xmflowd simulate` (live resolver, no --assume-*) and through a live
// `xmflowd serve` session from the case's own loopback address.

#include "ConformanceScripts.h"
#include "DnsAnswer.h"
#include "NetworkResolver.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTcpServer>
#include <QUdpSocket>

#include <algorithm>

#include <csignal>
#include <mutex>
#include <sys/prctl.h>
#include <thread>

using namespace xmflow::daemontest;

namespace {

constexpr int kDnsTimeoutMs = 1000;
const QString kDnsAddress = QStringLiteral("127.0.0.154");
const QString kSilentAddress = QStringLiteral("127.0.0.155");

QString nibbles(const char *ip)
{
    return xmflow::engine::dnsReversedIp(*xmflow::model::IpAddress::parse(QString::fromLatin1(ip)));
}

quint16 freeUdpAndTcpPort(const QString &address)
{
    for (int attempt = 0; attempt < 20; ++attempt) {
        QUdpSocket udp;
        if (!udp.bind(QHostAddress(address), 0))
            continue;
        QTcpServer tcp;
        if (tcp.listen(QHostAddress(address), udp.localPort()))
            return udp.localPort();
    }
    return 0;
}

// dnsmasq with the test zones; records are dnsmasq options.
class DnsMasq
{
public:
    ~DnsMasq() { stop(); }
    bool start(quint16 silentPort, QString *why)
    {
        const QString program = QStandardPaths::findExecutable(
            QStringLiteral("dnsmasq"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
        if (program.isEmpty()) {
            *why = QStringLiteral("dnsmasq is not installed (scripts/deps.sh installs dnsmasq-base)");
            return false;
        }
        m_port = freeUdpAndTcpPort(kDnsAddress);
        const QString silent = QStringLiteral("%1#%2").arg(kSilentAddress).arg(silentPort);
        QStringList args{
            QStringLiteral("--keep-in-foreground"), QStringLiteral("--no-resolv"),
            QStringLiteral("--no-hosts"), QStringLiteral("--bind-interfaces"),
            QStringLiteral("--listen-address=") + kDnsAddress, QStringLiteral("--port=%1").arg(m_port),
            QStringLiteral("--pid-file="), QStringLiteral("--user=root"), QStringLiteral("--log-facility=-"),
            QStringLiteral("--log-queries"), QStringLiteral("--local-ttl=60"),
            // Unknown names get NXDOMAIN, as from a real authoritative zone.
            QStringLiteral("--local=/test/"), QStringLiteral("--local=/in-addr.arpa/"),
            QStringLiteral("--local=/ip6.arpa/"),
            // DNSBLs that never answer (code 1, -2 and 0).
            QStringLiteral("--server=/tbl.test/") + silent, QStringLiteral("--server=/tdl.test/") + silent,
            QStringLiteral("--server=/tal.test/") + silent,
            // 127.0.50.1 in bl (1); .2 in dl (-2) and al (0); .3 in al only; .4 in bl and al; .9 nowhere.
            QStringLiteral("--address=/1.50.0.127.bl.test/127.0.0.2"),
            QStringLiteral("--address=/2.50.0.127.dl.test/127.0.0.2"),
            QStringLiteral("--address=/2.50.0.127.al.test/127.0.0.2"),
            QStringLiteral("--address=/3.50.0.127.al.test/127.0.0.2"),
            QStringLiteral("--address=/4.50.0.127.bl.test/127.0.0.2"),
            QStringLiteral("--address=/60.0.127.bl.test/127.0.0.2"),
            QStringLiteral("--address=/4.50.0.127.al.test/127.0.0.4"),
            // PTR for .4 only.
            QStringLiteral("--ptr-record=4.50.0.127.in-addr.arpa,host4.remote.test"),
            QStringLiteral("--ptr-record=4.53.0.127.in-addr.arpa,host53.remote.test"),
            // IPv6: ::1 (the live client) and 2001:db8::25 (simulated) in bl6; PTR for ::1 only.
            QStringLiteral("--address=/%1bl6.test/127.0.0.2").arg(nibbles("::1")),
            QStringLiteral("--address=/%1bl6.test/127.0.0.2").arg(nibbles("2001:db8::25")),
            QStringLiteral("--ptr-record=%1ip6.arpa,v6host.remote.test").arg(nibbles("::1")),
            // CheckMailerDomain: an MX domain, an A-only domain; anything else has nothing.
            QStringLiteral("--mx-host=mxdomain.test,mx.mxdomain.test,10"),
            QStringLiteral("--address=/mx.mxdomain.test/192.0.2.25"),
            QStringLiteral("--host-record=aonly.test,192.0.2.26"),
            // Greylisting's whitelist: .6's PTR leads back to it (A+PTR); .5 claims the
            // same domain with a PTR alone.
            QStringLiteral("--host-record=mx6.bigmail.test,127.0.18.6"),
            QStringLiteral("--ptr-record=5.18.0.127.in-addr.arpa,mx5.bigmail.test")};
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        // dnsmasq must not outlive a test process that is killed (timeout, crash).
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        m_process.start(program, args);
        if (!m_process.waitForStarted(5000)) {
            *why = QStringLiteral("dnsmasq does not start");
            return false;
        }
        if (m_process.waitForFinished(500)) {
            *why = QStringLiteral("dnsmasq exited: ") + QString::fromUtf8(m_process.readAll());
            return false;
        }
        return true;
    }
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            m_process.waitForFinished(3000);
        }
    }
    QString server() const { return QStringLiteral("%1:%2").arg(kDnsAddress).arg(m_port); }
    quint16 port() const { return m_port; }
    // Queries dnsmasq logged so far for names containing `part`.
    int queriesFor(const QString &part)
    {
        while (m_process.waitForReadyRead(300))
            m_log += m_process.readAll();
        m_log += m_process.readAll();
        int n = 0;
        for (const QByteArray &line : m_log.split('\n'))
            if (line.contains("query[") && line.contains(part.toLatin1()))
                ++n;
        return n;
    }

private:
    QProcess m_process;
    QByteArray m_log;
    quint16 m_port = 0;
};

// Expected steps of the plain script: `delay` on every command, MAIL FROM answered `mailCode`.
QList<Step> plainSteps(int delay, int mailCode, int bannerDelay = 0)
{
    const double d = delay;
    QList<Step> s{{QStringLiteral("banner"), 220, double(bannerDelay)}, {QStringLiteral("EHLO"), 250, d}};
    if (mailCode == 250)
        s << Step{QStringLiteral("MAIL FROM"), 250, d} << Step{QStringLiteral("RCPT TO"), 250, d}
          << Step{QStringLiteral("RCPT TO"), 550, d} << Step{QStringLiteral("DATA"), 354, d}
          << Step{QStringLiteral("BODY"), 250, 0};
    else
        s << Step{QStringLiteral("MAIL FROM"), mailCode, d} << Step{QStringLiteral("RCPT TO"), 503, d}
          << Step{QStringLiteral("RCPT TO"), 503, d} << Step{QStringLiteral("DATA"), 503, d};
    s << Step{QStringLiteral("QUIT"), 221, d};
    return s;
}

QList<Step> authSteps()
{
    return {{QStringLiteral("banner"), 220, 0},  {QStringLiteral("EHLO"), 250, 0},
            {QStringLiteral("AUTH"), 235, 0},    {QStringLiteral("MAIL FROM"), 250, 0},
            {QStringLiteral("RCPT TO"), 250, 0}, {QStringLiteral("RCPT TO"), 250, 0},
            {QStringLiteral("DATA"), 354, 0},    {QStringLiteral("BODY"), 250, 0},
            {QStringLiteral("QUIT"), 221, 0}};
}

struct DnsCase {
    QString config; // which MailRoot
    QString peer;
    QString script;
    QList<Step> expect;
    QString traceMustContain; // a line of the simulated decision trace / DNS queries
};

struct Config {
    QString name;
    QByteArray serverTab; // appended to base-mailroot's server.tab
    QByteArray hnprop;    // smtp.hnprop.tab content; empty: no file
    QString mailRoot;
    std::unique_ptr<DaemonProcess> daemon;
};

class DnsLive : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_silent = new QUdpSocket;
        if (!s_silent->bind(QHostAddress(kSilentAddress), 0)) {
            s_skip = QStringLiteral("cannot bind the silent DNS server to %1").arg(kSilentAddress);
            return;
        }
        s_dns = new DnsMasq;
        QString why;
        if (!s_dns->start(s_silent->localPort(), &why)) {
            s_skip = why;
            delete s_dns;
            s_dns = nullptr;
        }
    }
    static void TearDownTestSuite()
    {
        delete s_dns;
        s_dns = nullptr;
        delete s_silent;
        s_silent = nullptr;
    }
    void SetUp() override
    {
        if (!s_dns)
            FAIL() << "needs dnsmasq (Debian dnsmasq-base, scripts/deps.sh installs it): "
                   << s_skip.toStdString();
        ASSERT_TRUE(m_work.isValid());
    }

    Config makeConfig(const QString &name, const QByteArray &serverTab, const QByteArray &hnprop = {})
    {
        Config c;
        c.name = name;
        c.serverTab = serverTab;
        c.mailRoot = QDir(m_work.path()).filePath(name);
        EXPECT_TRUE(makeScenarioMailRoot(QString(), c.mailRoot));
        // XMail takes a variable's first line: drop the base's lines for the names set here.
        const QString serverTabPath = QDir(c.mailRoot).filePath(QStringLiteral("server.tab"));
        QByteArray base = readFile(serverTabPath);
        QByteArray kept;
        for (const QByteArray &line : base.split('\n')) {
            const QByteArray variable = line.left(line.indexOf('\t')) + '\t';
            if (!line.isEmpty() && !(variable.size() > 3 && serverTab.contains(variable)))
                kept += line + '\n';
        }
        QFile out(serverTabPath);
        EXPECT_TRUE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(kept + serverTab + '\n');
        if (!hnprop.isEmpty()) {
            QFile f(QDir(c.mailRoot).filePath(QStringLiteral("smtp.hnprop.tab")));
            EXPECT_TRUE(f.open(QIODevice::WriteOnly));
            f.write(hnprop);
        }
        return c;
    }

    QStringList dnsArgs() const
    {
        return {QStringLiteral("--dns-server"), s_dns->server(), QStringLiteral("--dns-timeout"),
                QString::number(kDnsTimeoutMs)};
    }

    // xmflowd simulate --json with the live resolver; "" when the steps match.
    QString simulate(const Config &config, const DnsCase &c, QJsonObject *json = nullptr)
    {
        QStringList args{QStringLiteral("simulate"),
                         QStringLiteral("--mailroot"),
                         config.mailRoot,
                         QStringLiteral("--peer"),
                         c.peer,
                         QStringLiteral("--script"),
                         c.script,
                         QStringLiteral("--xmail-compat"),
                         QStringLiteral("--json")};
        args << dnsArgs();
        const auto [code, output] = runTool(QStringLiteral(XMFLOWD_PATH), args);
        if (code != 0)
            return QStringLiteral("simulate exit %1: %2").arg(code).arg(QString::fromUtf8(output));
        const QJsonObject o = QJsonDocument::fromJson(output.mid(output.indexOf('{'))).object();
        if (json)
            *json = o;
        QList<Step> steps;
        for (const QJsonValue &v : o.value(QStringLiteral("steps")).toArray())
            steps << Step{v[QStringLiteral("step")].toString(), v[QStringLiteral("code")].toInt(),
                          v[QStringLiteral("delay")].toDouble()};
        QString problem = compareSteps(c.expect, steps);
        if (problem.isEmpty() && !c.traceMustContain.isEmpty() &&
            !output.contains(c.traceMustContain.toUtf8()))
            problem = QStringLiteral("the trace does not say '%1'").arg(c.traceMustContain);
        return problem;
    }

    // The same cases against live daemons, all at once (their delays overlap).
    void serveAll(std::vector<Config> &configs, const QList<DnsCase> &cases,
                  const QString &listen = QStringLiteral("127.0.0.1:0"))
    {
        for (Config &config : configs) {
            QDir().mkpath(config.mailRoot + QStringLiteral("-work"));
            config.daemon =
                std::make_unique<DaemonProcess>(config.mailRoot, config.mailRoot + QStringLiteral("-work"));
            ASSERT_TRUE(
                config.daemon->start(QStringList{QStringLiteral("--xmail-compat")} + dnsArgs(), listen))
                << config.name.toStdString() << config.daemon->stderrText().toStdString();
        }
        std::mutex mutex;
        QStringList failures;
        std::vector<std::thread> threads;
        for (const DnsCase &c : cases) {
            const auto config = std::find_if(configs.begin(), configs.end(),
                                             [&](const Config &x) { return x.name == c.config; });
            ASSERT_NE(config, configs.end());
            const quint16 port = config->daemon->port();
            threads.emplace_back([&, c, port] {
                QString error;
                const QList<Step> steps = playScript(port, c.peer, c.script, &error);
                const QString problem = error.isEmpty() ? compareSteps(c.expect, steps) : error;
                std::lock_guard<std::mutex> lock(mutex);
                if (!problem.isEmpty())
                    failures << QStringLiteral("serve %1 %2@%3: %4").arg(c.config, c.script, c.peer, problem);
            });
        }
        for (std::thread &t : threads)
            t.join();
        for (Config &config : configs)
            EXPECT_EQ(config.daemon->stop(), 0) << config.daemon->stderrText().toStdString();
        for (const QString &f : std::as_const(failures))
            ADD_FAILURE() << f.toStdString();
    }

    void simulateAll(const std::vector<Config> &configs, const QList<DnsCase> &cases)
    {
        for (const DnsCase &c : cases) {
            const auto config = std::find_if(configs.begin(), configs.end(),
                                             [&](const Config &x) { return x.name == c.config; });
            ASSERT_NE(config, configs.end());
            const QString problem = simulate(*config, c);
            EXPECT_TRUE(problem.isEmpty())
                << "simulate " << c.config.toStdString() << ' ' << c.script.toStdString() << '@'
                << c.peer.toStdString() << ": " << problem.toStdString();
        }
    }

    QTemporaryDir m_work;
    static DnsMasq *s_dns;
    static QUdpSocket *s_silent;
    static QString s_skip; // why the DNS servers could not start
};

DnsMasq *DnsLive::s_dns = nullptr;
QUdpSocket *DnsLive::s_silent = nullptr;
QString DnsLive::s_skip;

} // namespace

// Codes 1, -2 and 0, listed and not listed; the first listing map decides.
TEST_F(DnsLive, MapCodesAndFirstListingMapWins)
{
    std::vector<Config> configs;
    configs.push_back(
        makeConfig(QStringLiteral("maps"), "\"CustMapsList\"\t\"bl.test.:1,dl.test.:-2,al.test.:0\""));
    const QList<DnsCase> cases{
        {QStringLiteral("maps"),
         QStringLiteral("127.0.50.1"),
         QStringLiteral("plain"),
         {{QStringLiteral("banner"), 550, 0}},
         QStringLiteral("listed in bl.test. (code 1): dropped")},
        {QStringLiteral("maps"), QStringLiteral("127.0.50.2"), QStringLiteral("plain"), plainSteps(2, 250),
         QStringLiteral("listed in dl.test. (code -2): delay 2 s")}, // also in al (0): dl comes first
        {QStringLiteral("maps"), QStringLiteral("127.0.50.3"), QStringLiteral("plain"), plainSteps(0, 551),
         QStringLiteral("listed in al.test. (code 0)")},
        {QStringLiteral("maps"), QStringLiteral("127.0.50.3"), QStringLiteral("auth"), authSteps(), {}},
        {QStringLiteral("maps"),
         QStringLiteral("127.0.50.4"),
         QStringLiteral("plain"),
         {{QStringLiteral("banner"), 550, 0}},
         QStringLiteral("listed in bl.test. (code 1)")}, // also in al (0): bl comes first
        {QStringLiteral("maps"), QStringLiteral("127.0.50.9"), QStringLiteral("plain"), plainSteps(0, 250),
         QStringLiteral("bl.test.: not listed; dl.test.: not listed; al.test.: not listed")},
    };
    simulateAll(configs, cases);
    serveAll(configs, cases);
}

// A DNSBL that does not answer counts as not listed, for every code, and a later map still decides.
TEST_F(DnsLive, TimedOutMapsCountAsNotListed)
{
    std::vector<Config> configs;
    configs.push_back(makeConfig(QStringLiteral("timeouts"),
                                 "\"CustMapsList\"\t\"tbl.test:1,tdl.test:-2,tal.test:0,al.test:0\""));
    const QList<DnsCase> cases{
        {QStringLiteral("timeouts"), QStringLiteral("127.0.50.9"), QStringLiteral("plain"),
         plainSteps(0, 250, 1),
         QStringLiteral("tbl.test: timed out (not listed); tdl.test: timed out (not listed); tal.test: timed "
                        "out (not listed); al.test: not listed")},
        {QStringLiteral("timeouts"), QStringLiteral("127.0.50.3"), QStringLiteral("plain"),
         plainSteps(0, 551, 1), QStringLiteral("timed out: counts as not listed")},
        // Listed in tbl's data would not matter: nobody answers for tbl.
        {QStringLiteral("timeouts"),
         QStringLiteral("127.0.50.1"),
         QStringLiteral("plain"),
         plainSteps(0, 250, 1),
         {}},
    };
    simulateAll(configs, cases);
    QJsonObject json;
    ASSERT_TRUE(simulate(configs[0], cases[0], &json).isEmpty());
    int timedOut = 0;
    for (const QJsonValue &q : json.value(QStringLiteral("dns")).toArray())
        timedOut += q[QStringLiteral("timed_out")].toBool() ? 1 : 0;
    EXPECT_EQ(timedOut, 3);
    serveAll(configs, cases);
}

TEST_F(DnsLive, ReverseDnsCheck)
{
    std::vector<Config> configs;
    configs.push_back(makeConfig(QStringLiteral("rdns1"), "\"SMTP-RDNSCheck\"\t\"1\""));
    configs.push_back(makeConfig(QStringLiteral("rdns3"), "\"SMTP-RDNSCheck\"\t\"-3\""));
    const QList<DnsCase> cases{
        {QStringLiteral("rdns1"), QStringLiteral("127.0.50.4"), QStringLiteral("plain"), plainSteps(0, 250),
         QStringLiteral("PTR host4.remote.test: passes")},
        {QStringLiteral("rdns1"), QStringLiteral("127.0.50.5"), QStringLiteral("plain"), plainSteps(0, 551),
         QStringLiteral("no PTR record: MAIL FROM needs AUTH")},
        {QStringLiteral("rdns1"), QStringLiteral("127.0.50.5"), QStringLiteral("auth"), authSteps(), {}},
        {QStringLiteral("rdns3"), QStringLiteral("127.0.50.5"), QStringLiteral("plain"), plainSteps(3, 250),
         QStringLiteral("no PTR record: delay 3 s")},
        {QStringLiteral("rdns3"),
         QStringLiteral("127.0.50.4"),
         QStringLiteral("plain"),
         plainSteps(0, 250),
         {}},
    };
    simulateAll(configs, cases);
    serveAll(configs, cases);
}

// IPv6 peers are looked up by their nibble names (simulated 2001:db8::25, live ::1).
TEST_F(DnsLive, Ipv6ReversedNames)
{
    std::vector<Config> configs;
    configs.push_back(
        makeConfig(QStringLiteral("v6"), "\"CustMapsList\"\t\"bl6.test:-2\"\n\"SMTP-RDNSCheck\"\t\"1\""));
    simulateAll(
        configs,
        {{QStringLiteral("v6"), QStringLiteral("2001:db8::25"), QStringLiteral("plain"), plainSteps(2, 551),
          QStringLiteral("5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.bl6.test")}});
    simulateAll(configs, {{QStringLiteral("v6"), QStringLiteral("::1"), QStringLiteral("plain"),
                           plainSteps(2, 250), QStringLiteral("PTR v6host.remote.test")}});
    // serve over IPv6: the client is ::1 (listed in bl6: delay 2; has a PTR: MAIL FROM passes).
    DaemonProcess daemon(configs[0].mailRoot, m_work.path());
    ASSERT_TRUE(
        daemon.start(QStringList{QStringLiteral("--xmail-compat")} + dnsArgs(), QStringLiteral("[::1]:0")))
        << daemon.stderrText().toStdString();
    Client client;
    ASSERT_TRUE(client.connectTo(daemon.port(), QStringLiteral("::1"), QStringLiteral("::1")));
    EXPECT_EQ(client.reply().code, 220);
    const Reply ehlo = client.command("EHLO client.remote.test");
    EXPECT_EQ(ehlo.code, 250);
    EXPECT_NEAR(ehlo.elapsedMs / 1000.0, 2.0, 1.0);
    const Reply mail = client.command("MAIL FROM:<sender@remote.test>");
    EXPECT_EQ(mail.code, 250);
    EXPECT_NEAR(mail.elapsedMs / 1000.0, 2.0, 1.0);
    EXPECT_EQ(client.command("QUIT").code, 221);
    EXPECT_EQ(daemon.stop(), 0);
    EXPECT_GE(s_dns->queriesFor(nibbles("::1") + QStringLiteral("bl6.test")), 1);
}

// CheckMailerDomain: an MX, only an A record, nothing (505), and the ipprop bypass.
TEST_F(DnsLive, CheckMailerDomain)
{
    std::vector<Config> configs;
    configs.push_back(makeConfig(QStringLiteral("mailer"), "\"CheckMailerDomain\"\t\"1\""));
    {
        QFile ipprop(QDir(configs[0].mailRoot).filePath(QStringLiteral("smtp.ipprop.tab")));
        ASSERT_TRUE(ipprop.open(QIODevice::WriteOnly));
        ipprop.write("\"127.0.52.9/32\"\t\"SenderDomainCheck=0\"\n");
    }
    struct Sender {
        QString peer;
        QByteArray from;
        int code;
    };
    const QList<Sender> senders{{QStringLiteral("127.0.52.1"), "sender@mxdomain.test", 250},
                                {QStringLiteral("127.0.52.1"), "sender@aonly.test", 250},
                                {QStringLiteral("127.0.52.1"), "sender@nodomain.test", 505},
                                {QStringLiteral("127.0.52.9"), "sender@nodomain.test", 250}};
    // simulate: the auth script sends MAIL FROM:<--auth user>; AUTH fails (503) and MAIL FROM follows.
    for (const Sender &s : senders) {
        QStringList args{QStringLiteral("simulate"),
                         QStringLiteral("--mailroot"),
                         configs[0].mailRoot,
                         QStringLiteral("--peer"),
                         s.peer,
                         QStringLiteral("--script"),
                         QStringLiteral("auth"),
                         QStringLiteral("--auth"),
                         QString::fromLatin1(s.from) + QStringLiteral(":nopass"),
                         QStringLiteral("--xmail-compat"),
                         QStringLiteral("--json")};
        const auto [code, output] = runTool(QStringLiteral(XMFLOWD_PATH), args << dnsArgs());
        ASSERT_EQ(code, 0) << output.toStdString();
        const QJsonObject o = QJsonDocument::fromJson(output.mid(output.indexOf('{'))).object();
        int mailCode = 0;
        for (const QJsonValue &v : o.value(QStringLiteral("steps")).toArray())
            if (v[QStringLiteral("step")].toString() == QLatin1String("MAIL FROM"))
                mailCode = v[QStringLiteral("code")].toInt();
        EXPECT_EQ(mailCode, s.code) << s.from.toStdString() << '@' << s.peer.toStdString();
        const QJsonArray dns = o.value(QStringLiteral("dns")).toArray();
        if (s.peer.endsWith(QLatin1String(".9"))) {
            EXPECT_TRUE(dns.isEmpty()) << "SenderDomainCheck=0: nothing asked";
        } else {
            ASSERT_FALSE(dns.isEmpty());
            EXPECT_EQ(dns.at(0)[QStringLiteral("type")].toString(), QStringLiteral("MX"));
            EXPECT_EQ(dns.size(), s.from.contains("mxdomain") ? 1 : 3) << "A and AAAA only without an MX";
        }
    }
    // serve: the same senders over real sessions.
    configs[0].daemon = std::make_unique<DaemonProcess>(configs[0].mailRoot, m_work.path());
    ASSERT_TRUE(configs[0].daemon->start(
        QStringList{QStringLiteral("--xmail-compat"), QStringLiteral("--events")} + dnsArgs()));
    for (const Sender &s : senders) {
        Client client;
        ASSERT_TRUE(client.connectTo(configs[0].daemon->port(), s.peer));
        ASSERT_EQ(client.reply().code, 220);
        ASSERT_EQ(client.command("EHLO client.remote.test").code, 250);
        // Pipelined: RCPT waits for the MAIL FROM answer.
        client.send("MAIL FROM:<" + s.from + ">\r\nRCPT TO:<alice@example.test>\r\n");
        const Reply mail = client.reply();
        EXPECT_EQ(mail.code, s.code) << s.from.toStdString() << ": " << mail.text.toStdString();
        EXPECT_EQ(client.reply().code, s.code == 250 ? 250 : 503);
        EXPECT_EQ(client.command("QUIT").code, 221);
    }
    EXPECT_EQ(configs[0].daemon->stop(), 0);
    const QByteArray log = [&] {
        QByteArray all;
        for (const QString &f :
             QDir(QDir(configs[0].mailRoot).filePath(QStringLiteral("logs"))).entryList(QDir::Files))
            all += readFile(QDir(configs[0].mailRoot).filePath(QStringLiteral("logs/") + f));
        return all;
    }();
    EXPECT_TRUE(log.contains("SNDR=ENODNS")) << log.toStdString();
    // --events shows the queries behind each answer.
    QStringList dnsEvents;
    for (const QJsonObject &e : configs[0].daemon->events())
        if (e.value(QStringLiteral("type")).toString() == QLatin1String("dns"))
            for (const QJsonValue &q : e.value(QStringLiteral("queries")).toArray())
                dnsEvents << e.value(QStringLiteral("check")).toString() + QLatin1Char(' ') + q.toString();
    EXPECT_TRUE(dnsEvents.filter(QStringLiteral("CheckMailerDomain MX nodomain.test")).size() >= 1)
        << dnsEvents.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(dnsEvents.filter(QStringLiteral("CheckMailerDomain A aonly.test"))
                    .value(0)
                    .contains(QStringLiteral("A 192.0.2.26")))
        << dnsEvents.join(QLatin1Char('\n')).toStdString();
}

// smtp.hnprop.tab is read only when it exists: without it no PTR is even asked.
TEST_F(DnsLive, HnPropOnlyWhenTheFileExists)
{
    std::vector<Config> configs;
    configs.push_back(makeConfig(QStringLiteral("nohn"), "\"SMTP-RDNSCheck\"\t\"0\""));
    configs.push_back(makeConfig(QStringLiteral("hn"), "\"SMTP-RDNSCheck\"\t\"0\"",
                                 "\"host53.remote.test\"\t\"WhiteList=1\"\n"));
    for (Config &c : configs) {
        QFile spammers(QDir(c.mailRoot).filePath(QStringLiteral("spammers.tab")));
        ASSERT_TRUE(spammers.open(QIODevice::WriteOnly));
        spammers.write("\"127.0.53.0/24\"\t\"code=1\"\n"); // dropped unless whitelisted
    }
    const QString ptrName = QStringLiteral("4.53.0.127.in-addr.arpa");
    const QList<DnsCase> withoutFile{{QStringLiteral("nohn"),
                                      QStringLiteral("127.0.53.4"),
                                      QStringLiteral("plain"),
                                      {{QStringLiteral("banner"), 421, 0}},
                                      QStringLiteral("smtp.hnprop.tab does not exist")}};
    simulateAll(configs, withoutFile);
    serveAll(configs, withoutFile);
    EXPECT_EQ(s_dns->queriesFor(ptrName), 0) << "no hnprop file, no RDNS check: no PTR query";

    std::vector<Config> withFile;
    withFile.push_back(std::move(configs[1]));
    const QList<DnsCase> whitelisted{
        {QStringLiteral("hn"), QStringLiteral("127.0.53.4"), QStringLiteral("plain"), plainSteps(0, 250),
         QStringLiteral("host name host53.remote.test matches")},
        // No PTR: XMail 1.27 cannot set the session up when smtp.hnprop.tab exists.
        {QStringLiteral("hn"),
         QStringLiteral("127.0.53.5"),
         QStringLiteral("plain"),
         {{QStringLiteral("banner"), 421, 0}},
         QStringLiteral("no PTR name: XMail 1.27 cannot set the session up (421)")}};
    simulateAll(withFile, whitelisted);
    serveAll(withFile, whitelisted);
    EXPECT_GE(s_dns->queriesFor(ptrName), 2);
}

// Greylisting trusts a PTR name only when it is forward-confirmed: a client whose PTR
// claims a whitelisted provider but whose name does not resolve back to it is greylisted.
TEST_F(DnsLive, GreylistingWhitelistsOnlyForwardConfirmedPtrNames)
{
    Config c = makeConfig(QStringLiteral("grey"), "\"XMF-Greylist\"\t\"1\"");
    {
        QFile table(QDir(c.mailRoot).filePath(QStringLiteral("xmflow-greylist-whitelist.tab")));
        ASSERT_TRUE(table.open(QIODevice::WriteOnly));
        table.write("\"bigmail.test\"\t\"a provider that retries from many addresses\"\n");
    }
    QDir().mkpath(c.mailRoot + QStringLiteral("-work"));
    DaemonProcess daemon(c.mailRoot, c.mailRoot + QStringLiteral("-work"));
    ASSERT_TRUE(daemon.start(QStringList{QStringLiteral("--events")} + dnsArgs()))
        << daemon.stderrText().toStdString();
    auto rcptCode = [&](const QString &peer) {
        Client client;
        if (!client.connectTo(daemon.port(), peer) || client.reply().code != 220)
            return -1;
        client.command("EHLO client.test");
        client.command("MAIL FROM:<news@bigmail.test>");
        const int code = client.command("RCPT TO:<alice@example.test>").code;
        client.command("QUIT");
        return code;
    };
    EXPECT_EQ(rcptCode(QStringLiteral("127.0.18.6")), 250); // mx6.bigmail.test -> 127.0.18.6
    EXPECT_EQ(rcptCode(QStringLiteral("127.0.18.5")), 451); // mx5.bigmail.test has no address
    EXPECT_GE(s_dns->queriesFor(QStringLiteral("mx5.bigmail.test")), 1) << "the forward lookup was asked";
    QString exempt;
    for (const QJsonObject &e : daemon.events())
        if (e.value(QStringLiteral("type")).toString() == QLatin1String("greylist") &&
            e.value(QStringLiteral("detail")).toString().startsWith(QLatin1String("exempt")))
            exempt = e.value(QStringLiteral("detail")).toString();
    EXPECT_TRUE(exempt.contains(QStringLiteral("mx6.bigmail.test"))) << exempt.toStdString();
    EXPECT_EQ(daemon.stop(), 0) << daemon.stderrText().toStdString();
}

// Many sessions whose DNSBL times out at once: each waits its own timeout, not the others'.
TEST_F(DnsLive, TimeoutsDoNotQueueBehindEachOther)
{
    std::vector<Config> configs;
    configs.push_back(makeConfig(QStringLiteral("slow"), "\"CustMapsList\"\t\"tbl.test:1\""));
    configs[0].daemon = std::make_unique<DaemonProcess>(configs[0].mailRoot, m_work.path());
    ASSERT_TRUE(configs[0].daemon->start(QStringList{QStringLiteral("--xmail-compat")} + dnsArgs()));
    const quint16 port = configs[0].daemon->port();
    constexpr int kSessions = 16;
    std::vector<qint64> bannerMs(kSessions, -1);
    std::vector<std::thread> threads;
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < kSessions; ++i)
        threads.emplace_back([&, i] {
            Client client;
            if (!client.connectTo(port, QStringLiteral("127.0.54.%1").arg(i + 1)))
                return;
            const Reply banner = client.reply(30000);
            if (banner.code == 220)
                bannerMs[size_t(i)] = banner.elapsedMs;
            client.command("QUIT");
        });
    for (std::thread &t : threads)
        t.join();
    const qint64 total = wall.elapsed();
    EXPECT_EQ(configs[0].daemon->stop(), 0);
    for (int i = 0; i < kSessions; ++i) {
        EXPECT_GE(bannerMs[size_t(i)], kDnsTimeoutMs - 100) << i;
        EXPECT_LT(bannerMs[size_t(i)], 2 * kDnsTimeoutMs + 1000) << i;
    }
    std::printf("%d sessions with a timing-out DNSBL (%d ms): all banners within %lld ms\n", kSessions,
                kDnsTimeoutMs, total);
}

// Query latency against dnsmasq and what the cache saves (printed for the record).
TEST_F(DnsLive, LatencyAndCache)
{
    xmflow::engine::NetworkResolver resolver;
    resolver.setServers(xmflow::engine::parseDnsServerOption(s_dns->server()).servers);
    QObject context;
    constexpr int kQueries = 300;
    QList<qint64> network;
    QList<qint64> cached;
    for (int round = 0; round < 2; ++round) {
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < kQueries; ++i) {
            bool done = false;
            resolver.lookup(xmflow::engine::DnsQueryKind::Dnsbl, QStringLiteral("%1.60.0.127.bl.test").arg(i),
                            &context, [&](const xmflow::engine::DnsLookupResult &r) {
                                (round == 0 ? network : cached) << r.elapsedMs;
                                EXPECT_EQ(r.cached, round == 1);
                                EXPECT_EQ(r.answer.outcome, xmflow::engine::DnsOutcome::Found);
                                done = true;
                            });
            QElapsedTimer guard;
            guard.start();
            while (!done && guard.elapsed() < 10000)
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
            ASSERT_TRUE(done);
        }
        std::printf("%s: %d listed lookups one after another in %lld ms\n", round == 0 ? "dnsmasq" : "cache",
                    kQueries, t.elapsed());
    }
    std::sort(network.begin(), network.end());
    std::printf("dnsmasq per-query latency: median %lld ms, max %lld ms; cache hits %lld\n",
                network.at(kQueries / 2), network.constLast(), resolver.stats().cacheHits);
    EXPECT_EQ(resolver.stats().cacheHits, kQueries) << "answers kept for their TTL (dnsmasq --local-ttl=60)";
}

// DNS inside a session, without a network: CheckMailerDomain as the session's
// "resolve then resume" step, and the simulator asking an injected resolver
// (canned answers, virtual clock) for the connect checks and the sender domain.

#include "EngineTestSupport.h"
#include "Resolver.h"
#include "Stages.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QPointer>
#include <QTimer>

using namespace xmflow;
using engine::DnsOutcome;
using engine::DnsQueryKind;
using engine::SessionOutput;
using xmflow::testing::endpoint;
using xmflow::testing::ip;
using xmflow::testing::noDns;
using xmflow::testing::TestMailRoot;

namespace {

// Answers from a table; anything else is NXDOMAIN. `timeOut` names never answer in time.
class CannedResolver : public engine::Resolver
{
public:
    void found(const QString &name, DnsQueryKind kind, const QStringList &values)
    {
        engine::DnsAnswer a;
        a.outcome = DnsOutcome::Found;
        a.status = engine::DnsStatus::NoError;
        a.values = values;
        m_answers.insert(key(kind, name), a);
    }
    void timeOut(const QString &name, DnsQueryKind kind) { m_timeouts.insert(key(kind, name)); }
    void lookup(DnsQueryKind kind, const QString &name, QObject *context, Callback done) override
    {
        asked << engine::DnsType::name(engine::dnsQueryType(kind)) + QLatin1Char(' ') + name;
        engine::DnsLookupResult r{kind, name, {}, QStringLiteral("canned"), 0, false};
        if (m_timeouts.contains(key(kind, name))) {
            r.answer.outcome = DnsOutcome::TimedOut;
        } else {
            r.answer = m_answers.value(key(kind, name));
            if (!m_answers.contains(key(kind, name))) {
                r.answer.outcome = DnsOutcome::NotFound;
                r.answer.status = engine::DnsStatus::NxDomain;
            }
        }
        QPointer<QObject> guard(context);
        QTimer::singleShot(0, this, [guard, done, r] {
            if (guard)
                done(r);
        });
    }
    QStringList asked;

private:
    static QString key(DnsQueryKind kind, const QString &name) { return QString::number(int(kind)) + engine::normalizedDnsName(name); }
    QHash<QString, engine::DnsAnswer> m_answers;
    QSet<QString> m_timeouts;
};

// XMail reads a variable's first line: replace the base MailRoot's line, if any.
void setVariable(TestMailRoot &root, const QString &name, const QString &value)
{
    QFile f(QDir(root.path()).filePath(QStringLiteral("server.tab")));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    QByteArray kept;
    const QByteArray quoted = '"' + name.toLatin1() + '"';
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.isEmpty() && !line.startsWith(quoted))
            kept += line + '\n';
    f.close();
    root.write(QStringLiteral("server.tab"), kept + QStringLiteral("\"%1\"\t\"%2\"\n").arg(name, value).toUtf8());
}

int stepCode(const engine::SimulationResult &r, const QString &step)
{
    for (const engine::SimulationStep &s : r.steps)
        if (s.step == step)
            return s.code;
    return -1;
}

} // namespace

TEST(MailerDomainHook, MailFromWaitsForTheAnswerAndResumes)
{
    TestMailRoot root;
    setVariable(root, QStringLiteral("CheckMailerDomain"), QStringLiteral("1"));
    root.write(QStringLiteral("spammers.tab"), "\"192.0.2.0/24\"\t\"code=-5\"\n");
    const auto policy = root.compile(true);
    engine::VirtualClock clock;
    const engine::ConnectVerdict verdict = policy->evaluate(ip("192.0.2.10"), endpoint(), noDns());
    engine::SmtpSession session(policy, ip("192.0.2.10"), endpoint(), verdict, clock);
    ASSERT_EQ(session.start().code, 220);
    ASSERT_EQ(session.handleLine("EHLO x").code, 250);

    SessionOutput pending = session.handleLine("MAIL FROM:<a@nowhere.test>");
    EXPECT_EQ(pending.checkMailerDomain, QStringLiteral("nowhere.test"));
    EXPECT_TRUE(pending.reply.isEmpty());
    EXPECT_EQ(pending.delaySeconds, 0) << "nothing to wait for before the answer";
    EXPECT_TRUE(session.awaitingMailerDomain());
    EXPECT_TRUE(session.handleLine("RCPT TO:<alice@example.test>").reply.isEmpty()) << "the driver holds lines meanwhile";

    SessionOutput refused = session.resumeMailerDomain({false, QStringLiteral("no MX (NXDOMAIN)")});
    EXPECT_EQ(refused.code, 505);
    EXPECT_EQ(refused.reply, QByteArray("505 Your domain has no DNS/MX entries\r\n"));
    EXPECT_EQ(refused.delaySeconds, 5) << "the command's own delay still applies";
    ASSERT_FALSE(refused.events.isEmpty());
    EXPECT_EQ(refused.events.first().logStatus, QStringLiteral("SNDR=ENODNS"));
    EXPECT_FALSE(session.awaitingMailerDomain());
    EXPECT_EQ(session.handleLine("RCPT TO:<alice@example.test>").code, 503) << "the transaction was reset";

    pending = session.handleLine("MAIL FROM:<a@mx.test>");
    ASSERT_EQ(pending.checkMailerDomain, QStringLiteral("mx.test"));
    EXPECT_EQ(session.resumeMailerDomain({true, QStringLiteral("MX mx.mx.test")}).code, 250);
    EXPECT_EQ(session.handleLine("RCPT TO:<alice@example.test>").code, 250);
    EXPECT_TRUE(session.resumeMailerDomain({true, {}}).reply.isEmpty()) << "nothing pending: nothing happens";
}

TEST(MailerDomainHook, NullSenderAndBypassAskNothing)
{
    TestMailRoot root;
    setVariable(root, QStringLiteral("CheckMailerDomain"), QStringLiteral("1"));
    root.write(QStringLiteral("smtp.ipprop.tab"), "\"192.0.2.20/32\"\t\"SenderDomainCheck=0\"\n");
    const auto policy = root.compile(true);
    engine::VirtualClock clock;
    for (const char *peer : {"192.0.2.10", "192.0.2.20"}) {
        const engine::ConnectVerdict verdict = policy->evaluate(ip(peer), endpoint(), noDns());
        engine::SmtpSession session(policy, ip(peer), endpoint(), verdict, clock);
        session.start();
        session.handleLine("EHLO x");
        const SessionOutput nullSender = session.handleLine("MAIL FROM:<>");
        EXPECT_TRUE(nullSender.checkMailerDomain.isEmpty());
        EXPECT_EQ(nullSender.code, 250);
        session.handleLine("RSET");
        const SessionOutput out = session.handleLine("MAIL FROM:<a@nowhere.test>");
        EXPECT_EQ(out.checkMailerDomain.isEmpty(), QByteArray(peer) == "192.0.2.20") << peer;
    }
}

TEST(SimulatorDns, InjectedResolverAnswersTheConnectChecks)
{
    TestMailRoot root;
    setVariable(root, QStringLiteral("CustMapsList"), QStringLiteral("slow.test:1,bl.test:-3"));
    setVariable(root, QStringLiteral("SMTP-RDNSCheck"), QStringLiteral("1"));
    const auto policy = root.compile(true);
    CannedResolver dns;
    dns.timeOut(QStringLiteral("10.2.0.192.slow.test"), DnsQueryKind::Dnsbl);
    dns.found(QStringLiteral("10.2.0.192.bl.test"), DnsQueryKind::Dnsbl, {QStringLiteral("127.0.0.2")});
    engine::SimulationRequest request;
    request.peer = ip("192.0.2.10");
    request.local = endpoint();
    request.resolver = &dns;
    const engine::SimulationResult r = engine::Simulator::run(policy, request);
    EXPECT_EQ(dns.asked, (QStringList{QStringLiteral("A 10.2.0.192.slow.test"), QStringLiteral("A 10.2.0.192.bl.test"),
                                      QStringLiteral("PTR 10.2.0.192.in-addr.arpa")}));
    EXPECT_EQ(r.verdict.delaySeconds, 3) << "slow.test timed out (not listed); bl.test decides";
    EXPECT_TRUE(r.verdict.noRdns);
    EXPECT_EQ(stepCode(r, QStringLiteral("MAIL FROM")), 551);
    ASSERT_EQ(r.dnsQueries.size(), 3);
    EXPECT_EQ(r.dnsQueries[0].traceLine(), QStringLiteral("A 10.2.0.192.slow.test @canned: timed out: counts as not listed, 0 ms"));
    const engine::TraceEntry *maps = xmflow::testing::traceFor(r.verdict, engine::StageIds::DnsMaps);
    ASSERT_TRUE(maps);
    EXPECT_EQ(maps->delaySeconds, 3);
    const QJsonObject json = r.toJson();
    EXPECT_EQ(json.value(QStringLiteral("dns")).toArray().size(), 3);
    EXPECT_TRUE(json.value(QStringLiteral("dns")).toArray().at(0)[QStringLiteral("timed_out")].toBool());
}

TEST(SimulatorDns, CheckMailerDomainThroughTheResolver)
{
    TestMailRoot root;
    setVariable(root, QStringLiteral("CheckMailerDomain"), QStringLiteral("1"));
    const auto policy = root.compile(true);
    CannedResolver dns;
    dns.found(QStringLiteral("example.test"), DnsQueryKind::Address4, {QStringLiteral("192.0.2.1")});
    engine::SimulationRequest request;
    request.peer = ip("192.0.2.10");
    request.local = endpoint();
    request.resolver = &dns;
    request.script = QStringLiteral("plain"); // MAIL FROM:<sender@remote.test>: nothing in DNS
    engine::SimulationResult r = engine::Simulator::run(policy, request);
    EXPECT_EQ(stepCode(r, QStringLiteral("MAIL FROM")), 505);
    EXPECT_EQ(dns.asked, (QStringList{QStringLiteral("MX remote.test"), QStringLiteral("A remote.test"), QStringLiteral("AAAA remote.test")}));
    request.script = QStringLiteral("auth"); // MAIL FROM:<alice@example.test>: an A record only
    dns.asked.clear();
    r = engine::Simulator::run(policy, request);
    EXPECT_EQ(stepCode(r, QStringLiteral("MAIL FROM")), 250);
    EXPECT_EQ(dns.asked.first(), QStringLiteral("MX example.test"));

    // Assumed DNS answers: the sender's domain has nothing either, and no resolver is asked.
    request.dnsAssumed = true;
    dns.asked.clear();
    r = engine::Simulator::run(policy, request);
    EXPECT_EQ(stepCode(r, QStringLiteral("MAIL FROM")), 505);
    EXPECT_TRUE(dns.asked.isEmpty());
}

// smtp.hnprop.tab makes XMail 1.27 look the client's name up before anything else;
// without a PTR the session cannot be set up (421). Only in XMail-compatible mode.
TEST(HnPropDns, NoPtrRefusesLikeXMail127)
{
    TestMailRoot root;
    root.write(QStringLiteral("smtp.hnprop.tab"), "\"host.remote.test\"\t\"WhiteList=1\"\n");
    engine::DnsAnswers noPtr;
    noPtr.ptrLooked = true;
    noPtr.ptrName = QString();
    const engine::ConnectVerdict compat = root.compile(true)->evaluate(ip("192.0.2.10"), endpoint(), noPtr);
    EXPECT_TRUE(compat.drop);
    EXPECT_EQ(compat.dropCode, 421);
    EXPECT_TRUE(compat.logStatus.isEmpty()) << "XMail logs no SNDRIP status for it";
    const engine::TraceEntry *hn = xmflow::testing::traceFor(compat, engine::StageIds::HnProp);
    ASSERT_TRUE(hn);
    EXPECT_EQ(hn->exit, QStringLiteral("drop"));
    EXPECT_FALSE(xmflow::testing::traceFor(compat, engine::StageIds::IpMap)) << "refused before the IP checks";

    EXPECT_FALSE(root.compile(false)->evaluate(ip("192.0.2.10"), endpoint(), noPtr).drop) << "xmflowd itself does not refuse";
    engine::DnsAnswers notAsked; // no DNS answer known (e.g. --assume-listed only for maps)
    EXPECT_FALSE(root.compile(true)->evaluate(ip("192.0.2.10"), endpoint(), notAsked).drop);

    engine::DnsAnswers named = noPtr;
    named.ptrName = QStringLiteral("host.remote.test");
    const engine::ConnectVerdict whitelisted = root.compile(true)->evaluate(ip("192.0.2.10"), endpoint(), named);
    EXPECT_FALSE(whitelisted.drop);
    EXPECT_TRUE(whitelisted.whiteListed);

    // The session sends the 421 instead of the banner, without an SNDRIP log status.
    engine::VirtualClock clock;
    engine::SmtpSession session(root.compile(true), ip("192.0.2.10"), endpoint(), compat, clock);
    const SessionOutput out = session.start();
    EXPECT_EQ(out.code, 421);
    EXPECT_TRUE(out.close);
    ASSERT_FALSE(out.events.isEmpty());
    EXPECT_TRUE(out.events.first().logStatus.isEmpty());
}

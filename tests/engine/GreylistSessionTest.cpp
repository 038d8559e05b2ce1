// Greylisting inside the sans-IO session: the RCPT step asks the state store, every
// exemption is honoured before any state is read, and the store's answer (or its
// absence) decides the reply. Sessions share one in-memory store on a virtual clock.

#include "EngineTestSupport.h"
#include "SmtpLines.h"
#include "StagePath.h"
#include "StageSummary.h"
#include "Stages.h"
#include "StateStore.h"

using namespace xmflow;
using engine::SessionOutput;
using engine::SmtpSession;
using xmflow::testing::endpoint;
using xmflow::testing::ip;
using xmflow::testing::noDns;
using xmflow::testing::TestMailRoot;

using xmflow::testing::authPlain;

namespace {

// One MX: its policy, a clock shared by every session, and the store the daemon would use.
class Mx
{
public:
    explicit Mx(std::shared_ptr<const engine::Policy> policy) : m_policy(std::move(policy)) {}

    struct Result {
        int code = 0;
        bool askedStore = false;
        SessionOutput output;
    };

    // One session: EHLO, optional AUTH, MAIL FROM, then each RCPT; the codes of the RCPTs.
    QList<Result> session(const char *peer, const QByteArray &from, const QList<QByteArray> &rcpts,
                          const QByteArray &auth = {}, const char *ptr = nullptr, bool ptrConfirmed = true)
    {
        engine::DnsAnswers dns = noDns();
        if (ptr) {
            dns.ptrName = QString::fromLatin1(ptr);
            dns.ptrConfirmed = ptrConfirmed; // the resolver checked its A/AAAA records
        }
        const engine::ConnectVerdict verdict = m_policy->evaluate(ip(peer), endpoint(), dns);
        SmtpSession s(m_policy, ip(peer), endpoint(), verdict, clock);
        s.start();
        EXPECT_EQ(s.handleLine("EHLO client.test").code, 250);
        if (!auth.isEmpty()) {
            EXPECT_EQ(s.handleLine(auth).code, 235);
        }
        EXPECT_EQ(s.handleLine("MAIL FROM:<" + from + ">").code, 250);
        QList<Result> results;
        for (const QByteArray &rcpt : rcpts) {
            Result r;
            r.output = s.handleLine("RCPT TO:<" + rcpt + ">");
            if (!r.output.greylistKeys.isEmpty()) {
                r.askedStore = true;
                EXPECT_TRUE(s.awaitingGreylist());
                const auto values =
                    storeUp ? store.readNow(r.output.greylistKeys) : engine::StateStore::Values();
                r.output = s.resumeGreylist(storeUp, values);
                store.writeNow(r.output.storeWrites);
            }
            r.code = r.output.code;
            results.append(r);
        }
        return results;
    }
    int rcpt(const char *peer, const QByteArray &from, const QByteArray &to, const QByteArray &auth = {},
             const char *ptr = nullptr)
    {
        return session(peer, from, {to}, auth, ptr).first().code;
    }

    engine::VirtualClock clock;
    engine::MemoryStateStore store{[this] { return clock.now().toSecsSinceEpoch(); }};
    bool storeUp = true;

private:
    std::shared_ptr<const engine::Policy> m_policy;
};

std::shared_ptr<const engine::Policy> greylistingPolicy(TestMailRoot &root, bool xmailCompat = false)
{
    root.setVariable(QStringLiteral("XMF-Greylist"), QStringLiteral("1"));
    root.setVariable(QStringLiteral("XMF-GreylistWhitelist"), QStringLiteral("google.com, outlook.com"));
    root.append(QStringLiteral("smtprelay.tab"), "\"198.51.100.0\"\t\"255.255.255.0\"\n");
    root.append(QStringLiteral("smtp.ipprop.tab"), "\"203.0.113.0/24\"\tWhiteList=1\n");
    return root.compile(xmailCompat);
}

TEST(GreylistSession, FirstTryIs451AndARetryAfterTheDelayPasses)
{
    TestMailRoot root;
    Mx mx(greylistingPolicy(root));
    const Mx::Result first = mx.session("192.0.2.10", "sender@remote.test", {"alice@example.test"}).first();
    EXPECT_TRUE(first.askedStore);
    EXPECT_EQ(first.code, 451);
    EXPECT_TRUE(first.output.reply.startsWith("451 4.7.1 <alice@example.test> Greylisted"))
        << first.output.reply.constData();
    bool logged = false;
    for (const engine::SessionEvent &e : first.output.events)
        logged = logged || e.logStatus == QLatin1String("RCPT=EGREYLIST");
    EXPECT_TRUE(logged);

    mx.clock.advance(120);
    EXPECT_EQ(mx.rcpt("192.0.2.10", "sender@remote.test", "alice@example.test"), 451);
    mx.clock.advance(200);
    EXPECT_EQ(mx.rcpt("192.0.2.44", "sender+x@remote.test", "alice@example.test"),
              250); // same /24, normalised
}

TEST(GreylistSession, RefusalsComeFirstAndGreylistingIsNotAnError)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("SMTP-MaxErrors"), QStringLiteral("3"));
    Mx mx(greylistingPolicy(root));
    // An unknown user and a relay attempt keep their permanent 550; no state is read.
    const QList<Mx::Result> refused =
        mx.session("192.0.2.10", "bot@remote.test", {"nobody@example.test", "friend@elsewhere.test"});
    EXPECT_EQ(refused[0].code, 550);
    EXPECT_FALSE(refused[0].askedStore);
    EXPECT_EQ(refused[1].code, 550);
    EXPECT_FALSE(refused[1].askedStore);
    // Five greylisted recipients in one session: no 421 after SMTP-MaxErrors=3.
    const QList<Mx::Result> many = mx.session("192.0.2.10", "news@remote.test",
                                              {"alice@example.test", "bob@example.test", "alice@example.test",
                                               "bob@example.test", "alice@example.test"});
    for (const Mx::Result &r : many) {
        EXPECT_EQ(r.code, 451);
        EXPECT_FALSE(r.output.close);
    }
}

TEST(GreylistSession, ExemptPeersNeverAskTheStore)
{
    TestMailRoot root;
    Mx mx(greylistingPolicy(root));
    // AUTH user from an unknown network.
    Mx::Result r = mx.session("192.0.2.77", "alice@example.test", {"bob@example.test"},
                              authPlain("alice@example.test", "wonderland"))
                       .first();
    EXPECT_EQ(r.code, 250);
    EXPECT_FALSE(r.askedStore);
    // WhiteList peer (smtp.ipprop.tab).
    r = mx.session("203.0.113.5", "x@remote.test", {"bob@example.test"}).first();
    EXPECT_EQ(r.code, 250);
    EXPECT_FALSE(r.askedStore);
    // Relay-allowed peer (smtprelay.tab).
    r = mx.session("198.51.100.9", "x@remote.test", {"bob@example.test"}).first();
    EXPECT_EQ(r.code, 250);
    EXPECT_FALSE(r.askedStore);
    // A whitelisted PTR domain (XMF-GreylistWhitelist), and not a look-alike.
    r = mx.session("192.0.2.50", "x@gmail.com", {"bob@example.test"}, {}, "mail-yw1-f170.google.com").first();
    EXPECT_EQ(r.code, 250);
    EXPECT_FALSE(r.askedStore);
    r = mx.session("192.0.2.51", "x@gmail.com", {"bob@example.test"}, {}, "mail.notgoogle.com").first();
    EXPECT_EQ(r.code, 451);
    EXPECT_TRUE(r.askedStore);
    EXPECT_EQ(mx.store.size(), 2); // only the look-alike's records: its triplet and its PTR pool
    // A PTR in the whitelisted domain that does not lead back to the client (no A/AAAA for
    // it): anyone can write such a PTR for their own addresses, so it counts for nothing,
    // neither for the whitelist nor for the pools.
    r = mx.session("192.0.2.52", "x@gmail.com", {"bob@example.test"}, {}, "mail-yw1-f170.google.com",
                   /*ptrConfirmed=*/false)
            .first();
    EXPECT_EQ(r.code, 451);
    EXPECT_TRUE(r.askedStore);
    // Its triplet is the look-alike's (same /24, sender and recipient); no google.com pool key.
    EXPECT_EQ(mx.store.size(), 2);
}

TEST(GreylistSession, AnAuthUserGreylistedEarlierIsNeverGreylistedOnceLoggedIn)
{
    TestMailRoot root;
    Mx mx(greylistingPolicy(root));
    // Without AUTH the user's client is greylisted like anyone...
    EXPECT_EQ(mx.rcpt("192.0.2.90", "alice@example.test", "friend@elsewhere.test"), 550); // and cannot relay
    EXPECT_EQ(mx.rcpt("192.0.2.90", "alice@example.test", "bob@example.test"), 451);
    // ...then logs in at once, before any delay has passed: relay and local both 250.
    const QList<Mx::Result> results =
        mx.session("192.0.2.90", "alice@example.test", {"bob@example.test", "friend@elsewhere.test"},
                   authPlain("relayuser", "relaypass"));
    for (const Mx::Result &r : results) {
        EXPECT_EQ(r.code, 250);
        EXPECT_FALSE(r.askedStore);
    }
}

TEST(GreylistSession, AStoreThatCannotAnswerFailsOpen)
{
    TestMailRoot root;
    Mx mx(greylistingPolicy(root));
    mx.storeUp = false;
    const Mx::Result r = mx.session("192.0.2.10", "sender@remote.test", {"alice@example.test"}).first();
    EXPECT_TRUE(r.askedStore);
    EXPECT_EQ(r.code, 250);
    EXPECT_TRUE(r.output.storeWrites.isEmpty());
    bool failOpen = false;
    for (const engine::SessionEvent &e : r.output.events)
        failOpen =
            failOpen || (e.type == QLatin1String("greylist") && e.detail == QLatin1String("fail-open"));
    EXPECT_TRUE(failOpen);
}

TEST(GreylistSession, XmailCompatIgnoresGreylisting)
{
    TestMailRoot root;
    Mx mx(greylistingPolicy(root, true));
    const Mx::Result r = mx.session("192.0.2.10", "sender@remote.test", {"alice@example.test"}).first();
    EXPECT_EQ(r.code, 250);
    EXPECT_FALSE(r.askedStore);
}

TEST(GreylistSession, ThePtrIsLookedUpForPools)
{
    TestMailRoot root;
    root.remove(QStringLiteral("smtp.hnprop.tab"));
    EXPECT_FALSE(root.compile()->needsPtr(ip("192.0.2.1")));
    EXPECT_TRUE(greylistingPolicy(root)->needsPtr(ip("192.0.2.1")));
}

} // namespace

namespace {

TEST(GreylistSimulation, FirstVisitAndRetryAfterNSecondsAndTheLitPath)
{
    TestMailRoot root;
    const auto policy = greylistingPolicy(root);
    engine::SimulationRequest request;
    request.peer = ip("192.0.2.10");
    request.local = endpoint();
    request.script = QStringLiteral("plain"); // alice@example.test first
    auto rcptCodes = [](const engine::SimulationResult &r) {
        QList<int> codes;
        for (const engine::SimulationStep &s : r.steps)
            if (s.step == QLatin1String("RCPT TO"))
                codes << s.code;
        return codes;
    };
    auto exitAt = [](const QList<engine::StagePathStep> &path, const QString &stage) {
        for (const engine::StagePathStep &s : path)
            if (s.stage == stage)
                return s.exit;
        return QStringLiteral("(not on the path)");
    };

    // A single visit: greylisted, and the path stops at the greylisting stage.
    const engine::SimulationResult once = engine::Simulator::run(policy, request);
    ASSERT_FALSE(rcptCodes(once).isEmpty());
    EXPECT_EQ(rcptCodes(once).first(), 451);
    EXPECT_EQ(once.greylist, QStringList{QStringLiteral("greylisted")});
    EXPECT_FALSE(once.firstVisit);
    const auto oncePath = engine::stagePath(once, {});
    EXPECT_EQ(exitAt(oncePath, engine::StageIds::Greylist), engine::ExitIds::Greylisted);
    EXPECT_EQ(exitAt(oncePath, engine::StageIds::Data), QStringLiteral("(not on the path)"));

    // Retry too early, then after the delay.
    request.retryAfterSeconds = 10;
    const engine::SimulationResult early = engine::Simulator::run(policy, request);
    ASSERT_TRUE(early.firstVisit);
    EXPECT_EQ(rcptCodes(*early.firstVisit).first(), 451);
    EXPECT_EQ(rcptCodes(early).first(), 451);
    EXPECT_EQ(early.greylist, QStringList{QStringLiteral("greylisted-too-early")});
    request.retryAfterSeconds = 400;
    const engine::SimulationResult retry = engine::Simulator::run(policy, request);
    EXPECT_EQ(rcptCodes(retry).first(), 250);
    EXPECT_EQ(retry.greylist, QStringList{QStringLiteral("passed")});
    const QJsonObject json = retry.toJson();
    EXPECT_EQ(json.value(QStringLiteral("retry_after")).toInt(), 400);
    EXPECT_TRUE(json.value(QStringLiteral("first_visit")).isObject());
    const auto retryPath = engine::stagePath(retry, {});
    EXPECT_EQ(exitAt(retryPath, engine::StageIds::Greylist), engine::ExitIds::Accept);
    EXPECT_NE(exitAt(retryPath, engine::StageIds::Data), QStringLiteral("(not on the path)"));
}

} // namespace

namespace {

TEST(GreylistStage, TheFlowchartShowsTheMailRootsGreylistingSettings)
{
    TestMailRoot root;
    const engine::StageSummary off = engine::summarizeStage(*root.compile(), engine::StageIds::Greylist);
    EXPECT_FALSE(off.active);
    root.setVariable(QStringLiteral("XMF-GreylistDelay"), QStringLiteral("600"));
    const auto policy = greylistingPolicy(root);
    const engine::StageSummary on = engine::summarizeStage(*policy, engine::StageIds::Greylist);
    EXPECT_TRUE(on.active);
    QStringList texts;
    for (const auto &line : on.lines)
        texts << line.text.en;
    const QString all = texts.join(QLatin1Char('\n'));
    EXPECT_TRUE(all.contains(QStringLiteral("retry after 600 s"))) << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("google.com, outlook.com"))) << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("SQLite"))) << all.toStdString();
    // The stage sits between RCPT TO and DATA in the stage list.
    const engine::StageInfo *rcpt = engine::findStage(engine::StageIds::RcptTo);
    ASSERT_TRUE(rcpt);
    EXPECT_EQ(rcpt->exits.first().target, engine::StageIds::Greylist);
    const engine::StageInfo *greylist = engine::findStage(engine::StageIds::Greylist);
    ASSERT_TRUE(greylist);
    EXPECT_TRUE(greylist->isExtension);
    // Ignored by --xmail-compat.
    EXPECT_FALSE(engine::summarizeStage(*greylistingPolicy(root, true), engine::StageIds::Greylist).active);
}

} // namespace

namespace {

TEST(GreylistSession, EndlessGreylistedRecipientsCloseTheSession)
{
    TestMailRoot root;
    Mx mx(greylistingPolicy(root));
    QList<QByteArray> rcpts;
    for (int i = 0; i < SmtpSession::kMaxGreylistedPerSession + 1; ++i)
        rcpts << (i % 2 ? "alice@example.test" : "bob@example.test");
    const QList<Mx::Result> results = mx.session("192.0.2.10", "bot@remote.test", rcpts);
    for (int i = 0; i < SmtpSession::kMaxGreylistedPerSession; ++i)
        ASSERT_EQ(results[i].code, 451) << i;
    const Mx::Result &last = results.last();
    EXPECT_EQ(last.code, 421);
    EXPECT_TRUE(last.output.close);
    EXPECT_FALSE(last.askedStore);
}

} // namespace

namespace {

const QByteArray kWhitelistTable = "# big senders\n"
                                   "\n"
                                   "\"google.com\"\t\"Gmail\"\n"
                                   "\"amazonses.com\"\n";

QString greylistDetail(const SessionOutput &out)
{
    for (const engine::SessionEvent &e : out.events)
        if (e.type == QLatin1String("greylist"))
            return e.detail;
    return {};
}

// XMF-Greylist on, no XMF-GreylistWhitelist: only the table exempts.
std::shared_ptr<const engine::Policy> tablePolicy(TestMailRoot &root, bool xmailCompat = false)
{
    root.setVariable(QStringLiteral("XMF-Greylist"), QStringLiteral("1"));
    root.append(QStringLiteral("xmflow-greylist-whitelist.tab"), kWhitelistTable);
    return root.compile(xmailCompat);
}

TEST(GreylistWhitelistTable, AFirstVisitFromAListedPtrDomainPassesAndNamesTheLine)
{
    TestMailRoot root;
    Mx mx(tablePolicy(root));
    const Mx::Result r =
        mx.session("192.0.2.50", "x@gmail.com", {"bob@example.test"}, {}, "mail-yw1.google.com.").first();
    EXPECT_EQ(r.code, 250);
    EXPECT_FALSE(r.askedStore);
    EXPECT_EQ(greylistDetail(r.output),
              QStringLiteral(
                  "exempt: PTR mail-yw1.google.com. is in xmflow-greylist-whitelist.tab:3 (google.com)"));
    // The second entry, its line.
    const Mx::Result ses =
        mx.session("192.0.2.51", "bounce@ses.test", {"bob@example.test"}, {}, "a8-1.smtp-out.amazonses.com")
            .first();
    EXPECT_EQ(ses.code, 250);
    EXPECT_TRUE(greylistDetail(ses.output)
                    .contains(QStringLiteral("xmflow-greylist-whitelist.tab:4 (amazonses.com)")))
        << greylistDetail(ses.output).toStdString();
    // A look-alike and a client without a PTR are greylisted as before.
    const Mx::Result lookalike =
        mx.session("192.0.2.52", "x@gmail.com", {"bob@example.test"}, {}, "mail.notgoogle.com").first();
    EXPECT_EQ(lookalike.code, 451);
    EXPECT_TRUE(lookalike.askedStore);
    EXPECT_EQ(mx.rcpt("192.0.2.53", "x@remote.test", "bob@example.test"), 451);
}

TEST(GreylistWhitelistTable, TheVariableStillWorksBesideTheTable)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("XMF-GreylistWhitelist"), QStringLiteral("outlook.com"));
    const auto policy = tablePolicy(root);
    const int variableLine = policy->mailRoot().variableLine(QStringLiteral("XMF-GreylistWhitelist"));
    ASSERT_GT(variableLine, 0);
    EXPECT_EQ(policy->settings().greylistWhitelist.size(), 3);
    Mx mx(policy);
    const Mx::Result r = mx.session("192.0.2.60", "x@outlook.com", {"bob@example.test"}, {},
                                    "mail-db5.outbound.protection.outlook.com")
                             .first();
    EXPECT_EQ(r.code, 250);
    EXPECT_FALSE(r.askedStore);
    EXPECT_EQ(
        greylistDetail(r.output),
        QStringLiteral("exempt: PTR mail-db5.outbound.protection.outlook.com is in XMF-GreylistWhitelist "
                       "(server.tab:%1) (outlook.com)")
            .arg(variableLine));
    EXPECT_EQ(
        mx.session("192.0.2.61", "x@gmail.com", {"bob@example.test"}, {}, "mail.google.com").first().code,
        250);
}

TEST(GreylistWhitelistTable, XmailCompatIgnoresTheTable)
{
    TestMailRoot root;
    const auto policy = tablePolicy(root, true);
    EXPECT_TRUE(policy->settings().greylistWhitelist.isEmpty());
    Mx mx(policy);
    const Mx::Result r =
        mx.session("192.0.2.50", "x@gmail.com", {"bob@example.test"}, {}, "mail.google.com").first();
    EXPECT_EQ(r.code, 250);
    EXPECT_FALSE(r.askedStore);
    EXPECT_TRUE(greylistDetail(r.output).isEmpty()); // no greylisting, so no exemption either
    const engine::StageSummary summary = engine::summarizeStage(*policy, engine::StageIds::Greylist);
    for (const auto &line : summary.lines)
        EXPECT_FALSE(line.text.en.contains(QStringLiteral("xmflow-greylist-whitelist.tab")))
            << line.text.en.toStdString();
}

TEST(GreylistWhitelistTable, TheSimulatorTheLitPathAndTheStageNameTheLine)
{
    TestMailRoot root;
    const auto policy = tablePolicy(root);
    engine::SimulationRequest request;
    request.peer = ip("192.0.2.50");
    request.local = endpoint();
    request.dns = noDns();
    request.dns.ptrName = QStringLiteral("mail-yw1.google.com.");
    request.dns.ptrConfirmed = true;
    request.dnsAssumed = true;
    const engine::SimulationResult result = engine::Simulator::run(policy, request);
    ASSERT_FALSE(result.greylist.isEmpty());
    EXPECT_EQ(result.greylist.first(),
              QStringLiteral(
                  "exempt: PTR mail-yw1.google.com. is in xmflow-greylist-whitelist.tab:3 (google.com)"));
    const engine::SimulationStep *rcpt = nullptr;
    for (const engine::SimulationStep &s : result.steps)
        if (!rcpt && s.step == QLatin1String("RCPT TO"))
            rcpt = &s;
    ASSERT_TRUE(rcpt);
    EXPECT_EQ(rcpt->code, 250);
    EXPECT_EQ(rcpt->greylistFile, QStringLiteral("xmflow-greylist-whitelist.tab"));
    EXPECT_EQ(rcpt->greylistLine, 3);
    EXPECT_FALSE(rcpt->greylistExemption.ja.isEmpty());

    const engine::StagePathStep *greylist = nullptr;
    const auto path = engine::stagePath(result, {});
    for (const engine::StagePathStep &s : path)
        if (s.stage == engine::StageIds::Greylist)
            greylist = &s;
    ASSERT_TRUE(greylist);
    EXPECT_EQ(greylist->exit, engine::ExitIds::Accept);
    EXPECT_EQ(greylist->outcome, engine::TraceOutcome::Matched);
    EXPECT_EQ(greylist->file, QStringLiteral("xmflow-greylist-whitelist.tab"));
    EXPECT_EQ(greylist->line, 3);
    EXPECT_TRUE(greylist->effect.en.contains(QStringLiteral("google.com")))
        << greylist->effect.en.toStdString();

    // The stage reads the table, and its summary gives the count and where the entries start.
    const engine::StageInfo *stage = engine::findStage(engine::StageIds::Greylist);
    ASSERT_TRUE(stage);
    EXPECT_TRUE(stage->sources.contains(QStringLiteral("xmflow-greylist-whitelist.tab")));
    const engine::StageSummary summary = engine::summarizeStage(*policy, engine::StageIds::Greylist);
    const engine::StageSummaryLine *tableLine = nullptr;
    for (const auto &line : summary.lines)
        if (line.file == QStringLiteral("xmflow-greylist-whitelist.tab"))
            tableLine = &line;
    ASSERT_TRUE(tableLine);
    EXPECT_EQ(tableLine->line, 3);
    EXPECT_TRUE(tableLine->text.en.contains(QStringLiteral("2 PTR domains")))
        << tableLine->text.en.toStdString();
    EXPECT_TRUE(tableLine->text.en.contains(QStringLiteral("google.com, amazonses.com")));
    EXPECT_TRUE(tableLine->text.ja.contains(QStringLiteral("2 件")));
}

TEST(GreylistWhitelistTable, AMissingTableIsSaidOnTheStage)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("XMF-Greylist"), QStringLiteral("1"));
    const engine::StageSummary summary = engine::summarizeStage(*root.compile(), engine::StageIds::Greylist);
    bool said = false;
    for (const auto &line : summary.lines)
        said = said || (line.file == QStringLiteral("xmflow-greylist-whitelist.tab") &&
                        line.text.en.contains(QStringLiteral("no file")));
    EXPECT_TRUE(said);
}

} // namespace

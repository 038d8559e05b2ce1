// A simulated session's walk through the stage list: the connect-time trace
// unchanged and in order, then the session stages the transcript reached, and
// the terminal it ended in; every exit is one of the stage's own.

#include "StagePath.h"
#include "EngineTestSupport.h"
#include "Stages.h"

using namespace xmflow;
using engine::StagePathStep;
using engine::TraceOutcome;
using xmflow::testing::ip;
using xmflow::testing::TestMailRoot;
namespace StageIds = engine::StageIds;

namespace {

QStringList stagesOf(const QList<StagePathStep> &path)
{
    QStringList ids;
    for (const StagePathStep &s : path)
        ids << s.stage;
    return ids;
}

const StagePathStep *stepOf(const QList<StagePathStep> &path, const QString &stage)
{
    for (const StagePathStep &s : path)
        if (s.stage == stage)
            return &s;
    return nullptr;
}

engine::SimulationResult simulate(const std::shared_ptr<const engine::Policy> &policy, const char *peer,
                                  const QString &script)
{
    engine::SimulationRequest request;
    request.peer = ip(peer);
    request.local = xmflow::testing::endpoint();
    request.script = script;
    return engine::Simulator::run(policy, request);
}

// The trace's entries appear in the path unchanged and in the same order.
void expectTraceInside(const engine::SimulationResult &result, const QList<StagePathStep> &path)
{
    qsizetype at = 0;
    for (const engine::TraceEntry &e : result.verdict.trace) {
        while (at < path.size() && path.at(at).stage != e.stage)
            ++at;
        ASSERT_LT(at, path.size()) << "missing " << e.stage.toStdString();
        EXPECT_EQ(path.at(at).outcome, e.outcome) << e.stage.toStdString();
        EXPECT_EQ(path.at(at).effect.en, e.effect.en);
        EXPECT_EQ(path.at(at).file, e.file);
        EXPECT_EQ(path.at(at).line, e.line);
        EXPECT_EQ(path.at(at).delaySeconds, e.delaySeconds);
    }
}

void expectOwnExits(const QList<StagePathStep> &path)
{
    for (const StagePathStep &s : path) {
        const engine::StageInfo *info = engine::findStage(s.stage);
        ASSERT_NE(info, nullptr) << s.stage.toStdString();
        if (info->exits.isEmpty()) {
            EXPECT_TRUE(s.exit.isEmpty()) << s.stage.toStdString();
            continue;
        }
        bool known = false;
        for (const engine::StageExit &e : info->exits)
            known = known || e.id == s.exit;
        EXPECT_TRUE(known || (s.exit.isEmpty() && &s == &path.last()))
            << s.stage.toStdString() << " exit " << s.exit.toStdString();
    }
}

} // namespace

TEST(StagePath, AnAuthenticatedSubmissionWalksToDelivered)
{
    TestMailRoot root;
    const auto result = simulate(root.compile(true), "127.0.0.10", QStringLiteral("auth"));
    const QList<StagePathStep> path = engine::stagePath(result, engine::PolicyOptions{true});
    expectTraceInside(result, path);
    expectOwnExits(path);
    const QStringList stages = stagesOf(path);
    EXPECT_EQ(stages.first(), StageIds::Connect);
    EXPECT_EQ(stages.mid(stages.indexOf(StageIds::Banner)),
              (QStringList{StageIds::Banner, StageIds::CommandDelay, StageIds::Auth, StageIds::MailFrom,
                           StageIds::RcptTo, StageIds::Greylist, StageIds::Data, StageIds::Delivered}));
    EXPECT_EQ(stepOf(path, StageIds::Auth)->exit, QStringLiteral("authenticated"));
    EXPECT_EQ(stepOf(path, StageIds::RcptTo)->exit, QStringLiteral("accept"));
    EXPECT_FALSE(stages.contains(StageIds::Drop));
    // Plain XMail has no greet pause and no default delay: passed through, marked as ignored.
    EXPECT_EQ(stepOf(path, StageIds::GreetPause)->outcome, TraceOutcome::NotConfigured);
    EXPECT_TRUE(stepOf(path, StageIds::GreetPause)->effect.en.startsWith(QStringLiteral("ignored")));
    EXPECT_EQ(stepOf(path, StageIds::DefaultDelay)->exit, QStringLiteral("no-match"));
}

TEST(StagePath, ADroppedClientEndsAtTheDropTerminal)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"127.0.1.0/24\"\t\"code=1\"\n");
    const auto result = simulate(root.compile(), "127.0.1.5", QStringLiteral("plain"));
    const QList<StagePathStep> path = engine::stagePath(result, {});
    expectTraceInside(result, path);
    expectOwnExits(path);
    const QStringList stages = stagesOf(path);
    EXPECT_EQ(stages.last(), StageIds::Drop);
    EXPECT_EQ(stepOf(path, StageIds::Spammers)->exit, QStringLiteral("drop"));
    EXPECT_EQ(stepOf(path, StageIds::Spammers)->file, QStringLiteral("spammers.tab"));
    EXPECT_EQ(stepOf(path, StageIds::Spammers)->line, 1);
    EXPECT_EQ(stepOf(path, StageIds::Banner)->exit, QStringLiteral("drop"));
    for (const QString &never : {StageIds::DnsMaps, StageIds::DefaultDelay, StageIds::CommandDelay,
                                 StageIds::Auth, StageIds::MailFrom, StageIds::Delivered})
        EXPECT_FALSE(stages.contains(never)) << never.toStdString();
    EXPECT_TRUE(path.last().effect.en.startsWith(QString::number(result.steps.first().code)));
}

TEST(StagePath, ARefusedMailFromEndsThereAndDelaysAreReported)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"127.0.3.0/24\"\t\"code=0\"\n\"0.0.0.0/0\"\t\"code=-4\"\n");
    const auto blocked = simulate(root.compile(true), "127.0.3.3", QStringLiteral("plain"));
    const QList<StagePathStep> path = engine::stagePath(blocked, engine::PolicyOptions{true});
    expectOwnExits(path);
    EXPECT_EQ(stagesOf(path).last(), StageIds::MailFrom);
    EXPECT_EQ(path.last().exit, QStringLiteral("refuse"));
    EXPECT_EQ(stepOf(path, StageIds::Spammers)->exit, QStringLiteral("auth-only"));
    EXPECT_EQ(stepOf(path, StageIds::CommandDelay)->outcome, TraceOutcome::NoMatch);

    const auto delayed = simulate(root.compile(true), "127.0.9.9", QStringLiteral("plain"));
    const QList<StagePathStep> delayedPath = engine::stagePath(delayed, engine::PolicyOptions{true});
    const StagePathStep *delay = stepOf(delayedPath, StageIds::CommandDelay);
    ASSERT_NE(delay, nullptr);
    EXPECT_EQ(delay->outcome, TraceOutcome::Matched);
    EXPECT_EQ(delay->delaySeconds, 4);
    EXPECT_EQ(stagesOf(delayedPath).last(), StageIds::Delivered);
}

TEST(StagePath, AnEarlyTalkerStopsAtTheGreetPause)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("XMF-GreetPause"), QStringLiteral("5"));
    const auto result = simulate(root.compile(), "127.0.5.5", QStringLiteral("early"));
    ASSERT_EQ(result.steps.first().code, 554);
    const QList<StagePathStep> path = engine::stagePath(result, {});
    EXPECT_EQ(stagesOf(path), (QStringList{StageIds::Connect, StageIds::GreetPause, StageIds::Drop}));
    EXPECT_EQ(path.at(1).exit, QStringLiteral("early"));
    expectOwnExits(path);
    // Without talking early the same client passes the pause.
    const auto patient = simulate(root.compile(), "127.0.5.5", QStringLiteral("plain"));
    const QList<StagePathStep> patientPath = engine::stagePath(patient, {});
    EXPECT_EQ(stepOf(patientPath, StageIds::GreetPause)->exit, QStringLiteral("pause"));
    EXPECT_EQ(stepOf(patientPath, StageIds::GreetPause)->delaySeconds, 5);
}

TEST(StagePath, EveryConformanceSessionKeepsItsTraceAndUsesRealExits)
{
    const auto cases = xmflow::testing::loadConformanceCases();
    ASSERT_FALSE(cases.empty());
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name());
        QTemporaryDir dir;
        ASSERT_TRUE(xmflow::testing::buildScenarioMailRoot(c.scenario, dir.path()));
        const auto root = model::MailRoot::load(dir.path());
        ASSERT_TRUE(root.has_value());
        const auto policy = engine::Policy::compile(*root, engine::PolicyOptions{true});
        engine::SimulationRequest request;
        request.peer = ip(c.peer.toLatin1().constData());
        request.local = xmflow::testing::endpoint();
        request.script = c.script;
        for (const QString &listed : c.assumeListed)
            request.dns.listedIn.insert(listed.toLower());
        request.dnsAssumed = c.needsDns;
        if (c.needsDns)
            request.dns.ptrName = c.assumeRdns == QLatin1String("none") ? QString() : c.assumeRdns;
        request.dns.ptrLooked = c.needsDns;
        const auto result = engine::Simulator::run(policy, request);
        const QList<StagePathStep> path = engine::stagePath(result, engine::PolicyOptions{true});
        expectTraceInside(result, path);
        expectOwnExits(path);
        const bool delivered = !c.expect.isEmpty() && c.expect.last().step == QLatin1String("QUIT") &&
                               std::any_of(c.expect.cbegin(), c.expect.cend(), [](const auto &s) {
                                   return s.step == QLatin1String("BODY") && s.code == 250;
                               });
        EXPECT_EQ(stagesOf(path).last() == StageIds::Delivered, delivered);
        const bool closed = std::any_of(c.expect.cbegin(), c.expect.cend(),
                                        [](const auto &s) { return s.code == 0 || s.code == 421; });
        EXPECT_EQ(stagesOf(path).contains(StageIds::Drop), c.expect.first().code != 220 || closed);
    }
}

// Greylisting is read from the simulator's own outcome at the RCPT, not from the
// reply's words: a 451 that greylisting did not give is no greylisting.
TEST(StagePath, GreylistingIsRecognisedByItsOutcomeNotByTheReplyText)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("XMF-Greylist"), QStringLiteral("1"));
    const engine::SimulationResult first =
        simulate(root.compile(false), "192.0.2.33", QStringLiteral("plain"));
    const engine::SimulationStep *rcpt = nullptr;
    for (const engine::SimulationStep &s : first.steps)
        if (!rcpt && s.step == QLatin1String("RCPT TO"))
            rcpt = &s;
    ASSERT_NE(rcpt, nullptr);
    EXPECT_EQ(rcpt->code, 451);
    EXPECT_EQ(rcpt->greylist, QStringLiteral("greylisted"));
    EXPECT_EQ(stepOf(engine::stagePath(first, {}), StageIds::Greylist)->exit, engine::ExitIds::Greylisted);

    engine::SimulationResult imitation = first;
    for (engine::SimulationStep &s : imitation.steps)
        s.greylist.clear();
    const StagePathStep *greylisting = stepOf(engine::stagePath(imitation, {}), StageIds::Greylist);
    EXPECT_TRUE(!greylisting || greylisting->exit != engine::ExitIds::Greylisted);
}

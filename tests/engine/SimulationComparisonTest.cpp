// The simulator's four-way comparison: XMail 1.27 against the extensions, each
// without and with AUTH, on the fix users asked for (a catch-all delay).

#include "SimulationComparison.h"
#include "EngineTestSupport.h"

using namespace xmflow;
using engine::ComparisonRun;
using engine::SimulationComparison;
using engine::SimulationRequest;
using xmflow::testing::ip;
using xmflow::testing::TestMailRoot;

namespace {

SimulationComparison compare(const TestMailRoot &root, const QString &script)
{
    SimulationRequest base;
    base.peer = ip("203.0.113.10");
    return SimulationComparison::run(root.compile(true), root.compile(false), base, script);
}

bool hasStep(const engine::SimulationResult &result, const QString &step)
{
    for (const engine::SimulationStep &s : result.steps)
        if (s.step == step)
            return true;
    return false;
}

} // namespace

TEST(SimulationComparison, FourRunsXMailFirstWithoutAuthFirst)
{
    TestMailRoot root;
    const SimulationComparison c = compare(root, QStringLiteral("plain"));
    ASSERT_EQ(c.runs.size(), 4);
    EXPECT_TRUE(c.runs.at(0).xmailCompat && !c.runs.at(0).authenticated);
    EXPECT_TRUE(c.runs.at(1).xmailCompat && c.runs.at(1).authenticated);
    EXPECT_TRUE(!c.runs.at(2).xmailCompat && !c.runs.at(2).authenticated);
    EXPECT_TRUE(!c.runs.at(3).xmailCompat && c.runs.at(3).authenticated);
    EXPECT_EQ(c.find(false, true), &c.runs.at(3));
    EXPECT_EQ(c.find(true, false), &c.runs.at(0));
}

TEST(SimulationComparison, TheAuthScriptChosenStillGivesARunWithoutAuth)
{
    TestMailRoot root;
    const SimulationComparison c = compare(root, QStringLiteral("auth"));
    EXPECT_FALSE(hasStep(c.find(true, false)->result, QStringLiteral("AUTH")));
    EXPECT_TRUE(hasStep(c.find(true, true)->result, QStringLiteral("AUTH")));
    EXPECT_TRUE(c.find(false, true)->result.authenticated);
}

TEST(SimulationComparison, DelayStartMailSparesTheAuthenticatedClientOnly)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-30\"\n");
    root.setVariable(QStringLiteral("XMF-DelayStart"), QStringLiteral("mail"));
    const SimulationComparison c = compare(root, QStringLiteral("plain"));
    const ComparisonRun *xmailAuth = c.find(true, true);
    const ComparisonRun *extensionAuth = c.find(false, true);
    ASSERT_TRUE(xmailAuth && extensionAuth);
    ASSERT_TRUE(xmailAuth->result.authenticated);
    ASSERT_TRUE(extensionAuth->result.authenticated);
    // XMail 1.27 delays EHLO and AUTH; with XMF-DelayStart=mail AUTH comes first.
    EXPECT_EQ(xmailAuth->result.totalSeconds, 60);
    EXPECT_EQ(extensionAuth->result.totalSeconds, 0);
    // Without AUTH the client waits under both rules.
    EXPECT_GT(c.find(true, false)->result.totalSeconds, 0);
    EXPECT_GT(c.find(false, false)->result.totalSeconds, 0);
}

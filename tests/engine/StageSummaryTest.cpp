// What the flowchart's nodes say about a MailRoot: per stage, the rules with
// their lines, the variables with their server.tab lines, in en and ja, and
// extensions shown as ignored in XMail-compatible mode.

#include "EngineTestSupport.h"
#include "StageSummary.h"
#include "Stages.h"

using namespace xmflow;
using engine::StageSummary;
using engine::summarizeStage;
using xmflow::testing::TestMailRoot;
namespace StageIds = engine::StageIds;

namespace {

QString joined(const StageSummary &s, bool japanese = false)
{
    QStringList lines;
    for (const engine::StageSummaryLine &line : s.lines)
        lines << (japanese ? line.text.ja : line.text.en);
    return lines.join(QLatin1Char('\n'));
}

// The server.tab line a variable appended to the base MailRoot lands on.
int lineOf(const TestMailRoot &root, const QString &variable)
{
    const model::MailRoot loaded = root.load();
    for (const model::ServerVariable &v : loaded.tables().server)
        if (v.name == variable)
            return v.line;
    return 0;
}

} // namespace

TEST(StageSummary, OneSummaryPerStageInBothLanguages)
{
    TestMailRoot root;
    const auto policy = root.compile();
    const QList<StageSummary> summaries = engine::summarizeStages(*policy);
    ASSERT_EQ(summaries.size(), engine::stageList().size());
    for (int i = 0; i < summaries.size(); ++i) {
        const engine::StageInfo &stage = engine::stageList().at(i);
        SCOPED_TRACE(stage.id.toStdString());
        EXPECT_EQ(summaries.at(i).stage, stage.id);
        if (stage.shape == engine::StageShape::Terminal && stage.exits.isEmpty())
            continue; // drop and delivered: nothing configurable
        ASSERT_FALSE(summaries.at(i).lines.isEmpty());
        for (const engine::StageSummaryLine &line : summaries.at(i).lines) {
            EXPECT_FALSE(line.text.en.isEmpty());
            EXPECT_FALSE(line.text.ja.isEmpty());
        }
        // Every configurable stage opens a table or a variable.
        EXPECT_TRUE(!summaries.at(i).openFile.isEmpty() || !summaries.at(i).openVariable.isEmpty()
                    || stage.id == StageIds::Banner);
    }
}

TEST(StageSummary, SpammersListsTheFirstRulesWithTheirLines)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "# comment\n"
                                               "\"192.0.2.1/32\"\t\"code=1\"\n"
                                               "\"198.51.100.0\"\t\"255.255.255.0\"\t\"code=0\"\n"
                                               "\"0.0.0.0/0\"\t\"code=-30\"\n"
                                               "\"10.0.0.0/8\"\t\"code=-5\"\n"
                                               "\"10.1.0.0/16\"\n");
    const StageSummary s = summarizeStage(*root.compile(), StageIds::Spammers);
    EXPECT_TRUE(s.active);
    EXPECT_EQ(s.openFile, QStringLiteral("spammers.tab"));
    ASSERT_EQ(s.lines.size(), 5);
    EXPECT_EQ(s.lines.at(0).text.en, QStringLiteral("spammers.tab: 5 lines"));
    EXPECT_EQ(s.lines.at(1).text.en, QStringLiteral("192.0.2.1/32 → drop (line 2)"));
    EXPECT_EQ(s.lines.at(2).text.en, QStringLiteral("198.51.100.0/24 → AUTH only (line 3)"));
    EXPECT_EQ(s.lines.at(3).text.en, QStringLiteral("0.0.0.0/0 → delay 30 s (line 4)"));
    EXPECT_EQ(s.lines.at(3).text.ja, QStringLiteral("0.0.0.0/0 → 30 秒遅延 (4 行目)"));
    EXPECT_EQ(s.lines.at(3).file, QStringLiteral("spammers.tab"));
    EXPECT_EQ(s.lines.at(3).line, 4);
    EXPECT_EQ(s.lines.at(4).text.en, QStringLiteral("… 2 more"));

    // The banner names the longest delay and where it is written.
    const StageSummary banner = summarizeStage(*root.compile(), StageIds::Banner);
    EXPECT_TRUE(banner.active);
    EXPECT_EQ(banner.openFile, QStringLiteral("spammers.tab"));
    EXPECT_EQ(banner.openLine, 4);
    EXPECT_TRUE(joined(banner).contains(QStringLiteral("30 s per command (spammers.tab:4)")));

    root.write(QStringLiteral("spammers.tab"), "");
    const StageSummary empty = summarizeStage(*root.compile(), StageIds::Spammers);
    EXPECT_FALSE(empty.active);
    EXPECT_EQ(joined(empty), QStringLiteral("spammers.tab: no line"));
    EXPECT_FALSE(summarizeStage(*root.compile(), StageIds::Banner).active);
}

TEST(StageSummary, ServerVariablesShowTheirValueMeaningAndLine)
{
    TestMailRoot root;
    root.write(QStringLiteral("smtp.ipmap.tab"), "\"0.0.0.0\"\t\"0.0.0.0\"\t\"ALLOW\"\t1\n\"192.0.2.0\"\t\"255.255.255.0\"\t\"DENY\"\t5\n");
    root.setVariable(QStringLiteral("SMTP-IpMapDropCode"), QStringLiteral("-20"));
    root.setVariable(QStringLiteral("CustMapsList"), QStringLiteral("bl.example.org.:1,slow.example:-45,soft.example:0,"));
    const auto policy = root.compile();

    const QString ipmap = joined(summarizeStage(*policy, StageIds::IpMap));
    EXPECT_TRUE(ipmap.contains(QStringLiteral("smtp.ipmap.tab: 2 lines"))) << ipmap.toStdString();
    EXPECT_TRUE(ipmap.contains(QStringLiteral("192.0.2.0/24 → DENY (precedence 5) (line 2)"))) << ipmap.toStdString();
    EXPECT_TRUE(ipmap.contains(QStringLiteral("SMTP-IpMapDropCode = -20: DENY delays 20 s (line %1)")
                                   .arg(lineOf(root, QStringLiteral("SMTP-IpMapDropCode")))))
        << ipmap.toStdString();

    const StageSummary maps = summarizeStage(*policy, StageIds::DnsMaps);
    EXPECT_TRUE(maps.active);
    EXPECT_EQ(maps.openVariable, QStringLiteral("CustMapsList"));
    const QString mapsText = joined(maps);
    EXPECT_TRUE(mapsText.contains(QStringLiteral("CustMapsList: 3 maps, asked in order"))) << mapsText.toStdString();
    EXPECT_TRUE(mapsText.contains(QStringLiteral("listed in bl.example.org. → drop")));
    EXPECT_TRUE(mapsText.contains(QStringLiteral("listed in slow.example → delay 45 s")));
    EXPECT_TRUE(mapsText.contains(QStringLiteral("listed in soft.example → AUTH only")));

    // The map's 45 s is now the longest delay, on the CustMapsList line.
    const StageSummary banner = summarizeStage(*policy, StageIds::Banner);
    EXPECT_EQ(banner.openFile, QStringLiteral("server.tab"));
    EXPECT_EQ(banner.openLine, lineOf(root, QStringLiteral("CustMapsList")));
    EXPECT_TRUE(joined(banner).contains(QStringLiteral("45 s per command")));

    const StageSummary rdns = summarizeStage(*policy, StageIds::RDns);
    EXPECT_FALSE(rdns.active);
    EXPECT_EQ(rdns.openVariable, QStringLiteral("SMTP-RDNSCheck"));
    root.setVariable(QStringLiteral("SMTP-RDNSCheck"), QStringLiteral("-7")); // later occurrence: dead
    EXPECT_TRUE(joined(summarizeStage(*root.compile(), StageIds::RDns)).contains(QStringLiteral("SMTP-RDNSCheck = 0: off")));
}

TEST(StageSummary, ExtensionsAreShownAndIgnoredInCompatibleMode)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("XMF-GreetPause"), QStringLiteral("5"));
    root.setVariable(QStringLiteral("XMF-DefaultDelay"), QStringLiteral("10"));
    root.setVariable(QStringLiteral("XMF-DelayStart"), QStringLiteral("mail"));
    root.setVariable(QStringLiteral("SmtpConfig-0.0.0.0,587"), QStringLiteral("MailAuth,NoDelay"));
    const auto extensions = root.compile(false);
    const auto compat = root.compile(true);

    const StageSummary pause = summarizeStage(*extensions, StageIds::GreetPause);
    EXPECT_TRUE(pause.active);
    EXPECT_EQ(pause.lines.first().line, lineOf(root, QStringLiteral("XMF-GreetPause")));
    EXPECT_TRUE(joined(pause).contains(QStringLiteral("wait 5 s before the 220 banner")));
    EXPECT_TRUE(joined(summarizeStage(*extensions, StageIds::DefaultDelay)).contains(QStringLiteral("10 s for every client")));
    const QString delay = joined(summarizeStage(*extensions, StageIds::CommandDelay));
    EXPECT_TRUE(delay.contains(QStringLiteral("XMF-DelayStart = mail"))) << delay.toStdString();
    EXPECT_TRUE(delay.contains(QStringLiteral("SmtpConfig-0.0.0.0,587: NoDelay"))) << delay.toStdString();
    EXPECT_TRUE(joined(summarizeStage(*extensions, StageIds::MailFrom)).contains(QStringLiteral("SmtpConfig-0.0.0.0,587: MailAuth")));
    EXPECT_TRUE(joined(summarizeStage(*extensions, StageIds::Banner)).contains(QStringLiteral("10 s per command")));

    for (const QString &stage : {StageIds::GreetPause, StageIds::DefaultDelay}) {
        const StageSummary s = summarizeStage(*compat, stage);
        EXPECT_FALSE(s.active) << stage.toStdString();
        EXPECT_TRUE(joined(s).startsWith(QStringLiteral("Ignored"))) << joined(s).toStdString();
        EXPECT_TRUE(joined(s, true).startsWith(QStringLiteral("無視"))) << joined(s, true).toStdString();
    }
    EXPECT_TRUE(joined(summarizeStage(*compat, StageIds::CommandDelay)).startsWith(QStringLiteral("XMail 1.27")));
    EXPECT_FALSE(summarizeStage(*compat, StageIds::Banner).active);
}

TEST(StageSummary, HnPropIsNotReadWithoutItsFile)
{
    TestMailRoot root;
    root.remove(QStringLiteral("smtp.hnprop.tab"));
    const StageSummary missing = summarizeStage(*root.compile(), StageIds::HnProp);
    EXPECT_FALSE(missing.active);
    EXPECT_EQ(joined(missing), QStringLiteral("smtp.hnprop.tab: no file, not read"));
    root.write(QStringLiteral("smtp.hnprop.tab"), "\".example.net\"\t\"WhiteList=1\"\n");
    const StageSummary present = summarizeStage(*root.compile(), StageIds::HnProp);
    EXPECT_TRUE(present.active);
    EXPECT_EQ(joined(present), QStringLiteral("smtp.hnprop.tab: 1 line\n.example.net → WhiteList=1 (line 1)"));
}

TEST(StageSummary, UsersAndRelayComeFromTheirTables)
{
    TestMailRoot root;
    const auto policy = root.compile();
    const QString auth = joined(summarizeStage(*policy, StageIds::Auth));
    EXPECT_TRUE(auth.contains(QStringLiteral("mailusers.tab: 2 users"))) << auth.toStdString();
    EXPECT_TRUE(auth.contains(QStringLiteral("smtpauth.tab: 1 user"))) << auth.toStdString();
    EXPECT_TRUE(auth.contains(QStringLiteral("DefaultSmtpPerms = MR"))) << auth.toStdString();
    const QString rcpt = joined(summarizeStage(*policy, StageIds::RcptTo));
    EXPECT_TRUE(rcpt.startsWith(QStringLiteral("domains.tab: example.test"))) << rcpt.toStdString();
}

// The stage list the flowchart is drawn from agrees with the pipeline's trace.

#include "EngineTestSupport.h"
#include "Stages.h"

#include <QSet>

using namespace xmflow;
using engine::stageList;
using xmflow::testing::ip;
using xmflow::testing::TestMailRoot;

TEST(Stages, IdsAreUniqueAndExitsLeadSomewhere)
{
    QSet<QString> ids;
    for (const engine::StageInfo &s : stageList()) {
        EXPECT_FALSE(s.id.isEmpty());
        EXPECT_FALSE(ids.contains(s.id)) << "duplicate stage " << s.id.toStdString();
        ids.insert(s.id);
        EXPECT_FALSE(s.title.en.isEmpty()) << s.id.toStdString();
        EXPECT_FALSE(s.title.ja.isEmpty()) << s.id.toStdString();
        EXPECT_EQ(engine::findStage(s.id), &s);
    }
    for (const engine::StageInfo &s : stageList()) {
        QSet<QString> exitIds;
        for (const engine::StageExit &e : s.exits) {
            EXPECT_TRUE(ids.contains(e.target)) << s.id.toStdString() << " -> " << e.target.toStdString();
            EXPECT_FALSE(exitIds.contains(e.id)) << "duplicate exit " << e.id.toStdString() << " in " << s.id.toStdString();
            exitIds.insert(e.id);
            EXPECT_FALSE(e.label.en.isEmpty());
            EXPECT_FALSE(e.label.ja.isEmpty());
        }
        if (s.shape != engine::StageShape::Terminal) {
            EXPECT_FALSE(s.exits.isEmpty()) << s.id.toStdString() << " has no exit";
        }
    }
    EXPECT_EQ(engine::findStage(QStringLiteral("no-such-stage")), nullptr);
    for (const QString &id : {engine::StageIds::Connect, engine::StageIds::GreetPause, engine::StageIds::IpProp,
                              engine::StageIds::HnProp, engine::StageIds::IpMap, engine::StageIds::Spammers,
                              engine::StageIds::DnsMaps, engine::StageIds::RDns, engine::StageIds::DefaultDelay,
                              engine::StageIds::Banner, engine::StageIds::CommandDelay, engine::StageIds::Auth,
                              engine::StageIds::MailFrom, engine::StageIds::RcptTo, engine::StageIds::Data,
                              engine::StageIds::Drop, engine::StageIds::Delivered})
        EXPECT_TRUE(ids.contains(id)) << id.toStdString();
    EXPECT_TRUE(engine::findStage(engine::StageIds::GreetPause)->isExtension);
    EXPECT_TRUE(engine::findStage(engine::StageIds::DefaultDelay)->isExtension);
    EXPECT_FALSE(engine::findStage(engine::StageIds::Spammers)->isExtension);
}

// Every trace entry, over verdicts that take every kind of exit, names a stage of
// the list, and a stage that was evaluated leaves by one of that stage's exits.
TEST(Stages, EveryTraceStageAndExitExists)
{
    TestMailRoot root;
    root.write(QStringLiteral("smtp.ipprop.tab"), "\"10.9.0.0/16\"\t\"WhiteList\"\n\"10.8.0.0/16\"\t\"EnableVRFY\"\n");
    root.write(QStringLiteral("smtp.hnprop.tab"), "\"friend.test\"\t\"NoAuth\"\n");
    root.write(QStringLiteral("smtp.ipmap.tab"), "\"10.1.0.0/16\"\t\"0\"\t\"DENY\"\t1\n\"10.2.0.0/16\"\t\"0\"\t\"ALLOW\"\t1\n");
    root.write(QStringLiteral("spammers.tab"), "\"10.3.0.0/16\"\t\"code=1\"\n\"10.4.0.0/16\"\t\"code=0\"\n\"10.5.0.0/16\"\t\"code=-3\"\n");
    root.write(QStringLiteral("server.tab"), "\"RootDomain\"\t\"example.test\"\n"
                                             "\"CustMapsList\"\t\"drop.test:1,flag.test:0,slow.test:-2\"\n"
                                             "\"SMTP-RDNSCheck\"\t\"1\"\n"
                                             "\"XMF-DefaultDelay\"\t\"1\"\n"
                                             "\"XMF-GreetPause\"\t\"2\"\n");

    const QList<const char *> peers{"10.9.0.1", "10.8.0.1", "10.1.0.1", "10.2.0.1", "10.3.0.1", "10.4.0.1",
                                    "10.5.0.1", "10.6.0.1", "2001:db8::1", "::ffff:10.3.0.1"};
    QSet<QString> exitsSeen;
    for (bool compat : {false, true}) {
        const auto policy = root.compile(compat);
        for (const char *peer : peers) {
            for (const char *listed : {"", "drop.test", "flag.test", "slow.test"}) {
                for (bool ptr : {false, true}) {
                    engine::DnsAnswers dns = xmflow::testing::noDns();
                    if (*listed)
                        dns.listedIn.insert(QString::fromLatin1(listed));
                    dns.ptrName = ptr ? QStringLiteral("friend.test") : QString();
                    for (quint16 port : {quint16(25), quint16(587)}) {
                        const auto v = policy->evaluate(ip(peer), xmflow::testing::endpoint("127.0.0.1", port), dns);
                        ASSERT_FALSE(v.trace.isEmpty());
                        EXPECT_EQ(v.trace.last().stage, engine::StageIds::Banner);
                        for (const engine::TraceEntry &e : v.trace) {
                            const engine::StageInfo *stage = engine::findStage(e.stage);
                            ASSERT_NE(stage, nullptr) << "trace stage " << e.stage.toStdString() << " is not in stageList()";
                            if (e.outcome == engine::TraceOutcome::Skipped)
                                continue; // not evaluated: no edge is taken
                            bool known = false;
                            for (const engine::StageExit &x : stage->exits)
                                known = known || x.id == e.exit;
                            EXPECT_TRUE(known) << "stage " << e.stage.toStdString() << " has no exit '" << e.exit.toStdString()
                                               << "' (peer " << peer << ")";
                            exitsSeen.insert(e.stage + QLatin1Char('/') + e.exit);
                        }
                    }
                }
            }
        }
    }
    // The sweep really went through the interesting exits.
    for (const char *x : {"ipprop/whitelisted", "ipprop/match", "ipprop/no-match", "hnprop/match", "ipmap/drop", "ipmap/allow",
                          "spammers/drop", "spammers/auth-only", "spammers/delay", "spammers/no-match", "dnsmaps/drop",
                          "dnsmaps/auth-only", "dnsmaps/delay", "rdns/auth-only", "rdns/no-match", "default-delay/delay",
                          "greet-pause/pause", "banner/drop", "banner/banner"})
        EXPECT_TRUE(exitsSeen.contains(QString::fromLatin1(x))) << x;
}

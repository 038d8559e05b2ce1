// Every case of ../shared/conformance, replayed through `xmflowd simulate
// --xmail-compat --json`: the same steps, codes and delays as a real XMail 1.27.

#include "ConformanceCases.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using xmflow::testing::ConformanceCase;

class ConformanceTest : public ::testing::TestWithParam<ConformanceCase>
{
};

TEST_P(ConformanceTest, SimulateReproducesXMail)
{
    const ConformanceCase &c = GetParam();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ASSERT_TRUE(xmflow::testing::buildScenarioMailRoot(c.scenario, dir.path()));

    QStringList args{QStringLiteral("simulate"), QStringLiteral("--mailroot"), dir.path(), QStringLiteral("--peer"), c.peer,
                     QStringLiteral("--script"), c.script, QStringLiteral("--xmail-compat"), QStringLiteral("--json")};
    for (const QString &root : c.assumeListed)
        args << QStringLiteral("--assume-listed") << root;
    if (c.needsDns)
        args << QStringLiteral("--assume-rdns") << c.assumeRdns;
    QProcess process;
    process.start(QStringLiteral(XMFLOWD_PATH), args);
    ASSERT_TRUE(process.waitForFinished(30000));
    ASSERT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();
    const QJsonObject result = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    const QJsonArray steps = result.value(QStringLiteral("steps")).toArray();

    QStringList got, want;
    for (const QJsonValue &v : steps) {
        const QJsonObject s = v.toObject();
        got << QStringLiteral("%1 %2 %3").arg(s.value(QStringLiteral("step")).toString())
                   .arg(s.value(QStringLiteral("code")).toInt())
                   .arg(s.value(QStringLiteral("delay")).toInt());
    }
    for (const auto &e : c.expect)
        want << QStringLiteral("%1 %2 %3").arg(e.step).arg(e.code).arg(e.delay);
    EXPECT_EQ(got.join(QStringLiteral(" | ")).toStdString(), want.join(QStringLiteral(" | ")).toStdString())
        << "scenario " << c.scenario.toStdString() << " peer " << c.peer.toStdString();
    EXPECT_FALSE(result.value(QStringLiteral("trace")).toArray().isEmpty());
}

INSTANTIATE_TEST_SUITE_P(XMail127, ConformanceTest, ::testing::ValuesIn(xmflow::testing::loadConformanceCases()),
                         [](const ::testing::TestParamInfo<ConformanceCase> &info) { return info.param.name(); });

TEST(ConformanceSuite, FindsEveryScenario)
{
    const auto cases = xmflow::testing::loadConformanceCases();
    QSet<QString> scenarios;
    for (const auto &c : cases)
        scenarios.insert(c.scenario);
    const QStringList folders = QDir(xmflow::testing::conformanceDir())
                                    .entryList({QStringLiteral("s*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    EXPECT_EQ(scenarios.size(), folders.size());
    EXPECT_GE(cases.size(), 30u);
}

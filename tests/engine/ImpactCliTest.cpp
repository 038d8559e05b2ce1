// `xmflowd impact` and `xmflowd suggest` as an admin (or a CI job) runs them.

#include "EngineTestSupport.h"
#include "LogCorpus.h"
#include "XmflowdRun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <zlib.h>

using xmflow::testing::CliRun;
using xmflow::testing::LogCorpus;
using xmflow::testing::TestMailRoot;
using xmflow::testing::xmflowd;

namespace {

// Two MailRoots (the second with a catch-all delay) and the scenario's log, gzipped.
class ImpactCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        proposed.write(QStringLiteral("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-30\"\n");
        log = logs.filePath(QStringLiteral("smtp-202611010000.gz"));
        const QByteArray text = LogCorpus::scenario(5).text();
        gzFile gz = gzopen(QFile::encodeName(log).constData(), "wb");
        ASSERT_NE(gz, nullptr);
        gzwrite(gz, text.constData(), unsigned(text.size()));
        gzclose(gz);
    }
    QStringList impact(const QStringList &more) const
    {
        return QStringList{QStringLiteral("impact"),
                           QStringLiteral("--mailroot"),
                           current.path(),
                           QStringLiteral("--proposed"),
                           proposed.path(),
                           QStringLiteral("--log"),
                           log} +
               more;
    }
    TestMailRoot current;
    TestMailRoot proposed;
    QTemporaryDir logs;
    QString log;
};

} // namespace

TEST_F(ImpactCli, TextNamesTheDelayedUsersAndShowsProgress)
{
    const CliRun r = xmflowd(impact({}));
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("Authenticated users delayed:"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("alice@example.test from 198.51.100.50: 5 sessions")))
        << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("bob@example.test from 10.20.30.40: 10 sessions")))
        << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("relayuser from 172.16.5.5: 10 sessions")))
        << r.out.toStdString();
    EXPECT_TRUE(r.out.startsWith(
        QLatin1String("Replayed 320 log lines: 23 clients, 150 sessions (25 authenticated)")))
        << r.out.toStdString();
    EXPECT_TRUE(r.err.contains(QLatin1String("impact: replaying clients: 23/23"))) << r.err.toStdString();
}

TEST_F(ImpactCli, JsonAndCsvCarryTheSameNumbers)
{
    const CliRun json = xmflowd(impact({QStringLiteral("--json"), QStringLiteral("--quiet")}));
    ASSERT_EQ(json.exitCode, 0) << json.err.toStdString();
    EXPECT_TRUE(json.err.isEmpty()) << json.err.toStdString();
    QJsonParseError error;
    const QJsonObject doc = QJsonDocument::fromJson(json.out.toUtf8(), &error).object();
    ASSERT_EQ(error.error, QJsonParseError::NoError) << json.out.toStdString();
    EXPECT_EQ(doc.value(QStringLiteral("clients")).toInt(), 23);
    EXPECT_EQ(doc.value(QStringLiteral("lines")).toInt(), 320);
    const QJsonArray delayed = doc.value(QStringLiteral("auth_users_delayed")).toArray();
    ASSERT_EQ(delayed.size(), 3);
    EXPECT_EQ(delayed.at(0).toObject().value(QStringLiteral("user")).toString(),
              QStringLiteral("alice@example.test"));
    const QJsonArray transitions = doc.value(QStringLiteral("transitions")).toArray();
    ASSERT_FALSE(transitions.isEmpty());

    const CliRun csv = xmflowd(impact({QStringLiteral("--csv"), QStringLiteral("--quiet")}));
    ASSERT_EQ(csv.exitCode, 0);
    const QStringList rows = csv.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    EXPECT_EQ(rows.value(0),
              QStringLiteral("row,before,after,clients,sessions,address,user,seconds_added_per_session"));
    int transitionRows = 0, clientRows = 0;
    for (const QString &row : rows) {
        transitionRows += row.startsWith(QLatin1String("transition,"));
        clientRows += row.startsWith(QLatin1String("client,"));
    }
    EXPECT_EQ(transitionRows, transitions.size());
    EXPECT_EQ(clientRows, doc.value(QStringLiteral("affected")).toArray().size());
    EXPECT_TRUE(csv.out.contains(QLatin1String(",198.51.100.50,alice@example.test,")))
        << csv.out.toStdString();
}

TEST_F(ImpactCli, FailOnGivesANonZeroExit)
{
    CliRun r = xmflowd(impact({QStringLiteral("--quiet"), QStringLiteral("--fail-on"),
                               QStringLiteral("auth-delayed,accepted-to-dropped")}));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.err.contains(QLatin1String("failing on auth-delayed"))) << r.err.toStdString();
    r = xmflowd(impact(
        {QStringLiteral("--quiet"), QStringLiteral("--fail-on"), QStringLiteral("accepted-to-dropped")}));
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    r = xmflowd(impact({QStringLiteral("--fail-on"), QStringLiteral("sometimes")}));
    EXPECT_EQ(r.exitCode, 2);
    // The same MailRoot on both sides never fails.
    r = xmflowd({QStringLiteral("impact"), QStringLiteral("--mailroot"), current.path(),
                 QStringLiteral("--proposed"), current.path(), QStringLiteral("--log"), log,
                 QStringLiteral("--quiet"), QStringLiteral("--fail-on"), QStringLiteral("any,auth-changed")});
    EXPECT_EQ(r.exitCode, 0) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("No session changes."))) << r.out.toStdString();
}

TEST_F(ImpactCli, MissingArgumentsAreUsageErrors)
{
    EXPECT_EQ(xmflowd({QStringLiteral("impact"), QStringLiteral("--mailroot"), current.path()}).exitCode, 2);
    EXPECT_EQ(xmflowd({QStringLiteral("impact"), QStringLiteral("--mailroot"), current.path(),
                       QStringLiteral("--proposed"), current.path()})
                  .exitCode,
              2);
    EXPECT_EQ(xmflowd({QStringLiteral("impact"), QStringLiteral("--mailroot"), current.path(),
                       QStringLiteral("--proposed"), current.path(), QStringLiteral("--log"),
                       logs.filePath(QStringLiteral("none"))})
                  .exitCode,
              2);
}

TEST_F(ImpactCli, SuggestPrintsLinesReadyToAppendAndJson)
{
    const QStringList base = {QStringLiteral("suggest"),
                              QStringLiteral("--mailroot"),
                              current.path(),
                              QStringLiteral("--log"),
                              log,
                              QStringLiteral("--quiet"),
                              QStringLiteral("--no-local-networks")}; // the same on every machine
    const CliRun text = xmflowd(base);
    ASSERT_EQ(text.exitCode, 0) << text.err.toStdString();
    const QStringList lines = text.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QStringList records;
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1Char('#')))
            continue;
        records << line;
    }
    EXPECT_EQ(records.value(0), QStringLiteral("\"203.0.113.0/24\"\t\"code=1\""));
    EXPECT_EQ(records.size(), 8);
    EXPECT_FALSE(text.out.contains(QLatin1String("198.51.100.0/24")));
    EXPECT_FALSE(text.out.contains(QLatin1String("198.51.100.50")));

    const CliRun json = xmflowd(base + QStringList{QStringLiteral("--json"), QStringLiteral("--style"),
                                                   QStringLiteral("auth-only"),
                                                   QStringLiteral("--min-failures"), QStringLiteral("16")});
    ASSERT_EQ(json.exitCode, 0) << json.err.toStdString();
    const QJsonObject doc = QJsonDocument::fromJson(json.out.toUtf8()).object();
    const QJsonArray list = doc.value(QStringLiteral("suggestions")).toArray();
    ASSERT_EQ(list.size(), 7); // the early talker (15) is under 16
    const QJsonObject first = list.at(0).toObject();
    EXPECT_EQ(first.value(QStringLiteral("code")).toInt(), 0);
    EXPECT_EQ(
        first.value(QStringLiteral("failures")).toObject().value(QStringLiteral("relay-denied")).toInt(),
        100);
    EXPECT_EQ(first.value(QStringLiteral("impact")).toObject().value(QStringLiteral("auth_users")).toInt(),
              0);
    EXPECT_EQ(doc.value(QStringLiteral("weights")).toObject().value(QStringLiteral("relay-denied")).toInt(),
              3);

    // --own: a network of the server's own is never proposed.
    const CliRun own = xmflowd(base + QStringList{QStringLiteral("--own"), QStringLiteral("203.0.113.0/24"),
                                                  QStringLiteral("--own"), QStringLiteral("100.64.8.8")});
    ASSERT_EQ(own.exitCode, 0) << own.err.toStdString();
    EXPECT_FALSE(own.out.contains(QLatin1String("\"203.0.113.0/24\"\t"))) << own.out.toStdString();
    EXPECT_FALSE(own.out.contains(QLatin1String("\"100.64.8.8/32\"\t"))) << own.out.toStdString();
    EXPECT_TRUE(own.out.contains(QLatin1String("\"100.64.7.7/32\"\t"))) << own.out.toStdString();
    EXPECT_EQ(xmflowd(base + QStringList{QStringLiteral("--own"), QStringLiteral("203.0.113.0/33")}).exitCode,
              2);
    EXPECT_EQ(xmflowd(base + QStringList{QStringLiteral("--style"), QStringLiteral("nuke")}).exitCode, 2);
    EXPECT_EQ(xmflowd(base + QStringList{QStringLiteral("--days"), QStringLiteral("0")}).exitCode, 2);
}

// The "What changes" panel: the same numbers as `xmflowd impact` on the same logs and edit.

#include "ImpactPanel.h"
#include "GuiTestSupport.h"
#include "ImpactClientsModel.h"
#include "LogCorpus.h"
#include "MailRootDocument.h"
#include "QCustomPlotSupport.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>

using namespace xmflow;
using namespace xmflow::gui;

namespace {

QJsonObject cli(const QStringList &args)
{
    QProcess process;
    process.start(QStringLiteral(XMFLOWD_PATH), args);
    if (!process.waitForFinished(60000)) {
        ADD_FAILURE() << "xmflowd did not finish";
        return {};
    }
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

class ImpactPanelTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(test::copyTree(QStringLiteral(XMFLOW_CONFORMANCE_DIR "/base-mailroot"), saved.path()));
        ASSERT_TRUE(test::copyTree(QStringLiteral(XMFLOW_CONFORMANCE_DIR "/base-mailroot"), proposed.path()));
        test::writeBytes(proposed.filePath(QStringLiteral("spammers.tab")), "\"0.0.0.0/0\"\t\"code=-30\"\n");
        log = logs.filePath(QStringLiteral("smtp-202611010000"));
        test::writeBytes(log, xmflow::testing::LogCorpus::scenario(5).text());
        ASSERT_TRUE(document.open(saved.path()));
    }

    static bool waitFor(ImpactPanel &panel, QSignalSpy &spy, int count)
    {
        while (spy.count() < count)
            if (!spy.wait(60000))
                return false;
        return !panel.isRunning();
    }

    QTemporaryDir saved, proposed, logs;
    QString log;
    MailRootDocument document;
};

} // namespace

TEST_F(ImpactPanelTest, CatchAllDelayEditShowsWhatTheCliReports)
{
    ImpactPanel panel(&document);
    QAbstractItemModelTester tester(panel.clientsModel(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy finished(&panel, &ImpactPanel::finished);
    panel.setLogFiles({log});
    ASSERT_TRUE(waitFor(panel, finished, 1));
    EXPECT_FALSE(finished.at(0).at(0).toBool());
    EXPECT_TRUE(panel.report().transitions.isEmpty()); // no edit yet
    EXPECT_EQ(ImpactPanel::rememberedLogs(saved.path()), QStringList{log});

    // The same edit as the proposed MailRoot, made through the undo stack; the panel follows it.
    document.edit(model::TableKind::Spammers, QStringLiteral("catch-all delay"), [](model::TabFile &f) {
        f.appendRecord({QStringLiteral("0.0.0.0/0"), QStringLiteral("code=-30")});
    });
    ASSERT_TRUE(waitFor(panel, finished, 2));
    const engine::ImpactReport &report = panel.report();

    const QJsonObject expected = cli({QStringLiteral("impact"), QStringLiteral("--mailroot"), saved.path(),
                                      QStringLiteral("--proposed"), proposed.path(), QStringLiteral("--log"),
                                      log, QStringLiteral("--json"), QStringLiteral("--quiet")});
    EXPECT_EQ(report.linesRead, expected.value(QStringLiteral("lines")).toInteger());
    EXPECT_EQ(report.clients, expected.value(QStringLiteral("clients")).toInt());
    EXPECT_EQ(report.sessions, expected.value(QStringLiteral("sessions")).toInteger());
    const QJsonArray transitions = expected.value(QStringLiteral("transitions")).toArray();
    ASSERT_EQ(report.transitions.size(), transitions.size());
    for (int i = 0; i < transitions.size(); ++i) {
        const QJsonObject t = transitions.at(i).toObject();
        EXPECT_EQ(report.transitions.at(i).before, t.value(QStringLiteral("before")).toString());
        EXPECT_EQ(report.transitions.at(i).after, t.value(QStringLiteral("after")).toString());
        EXPECT_EQ(report.transitions.at(i).clients, t.value(QStringLiteral("clients")).toInt());
        EXPECT_EQ(report.transitions.at(i).sessions, t.value(QStringLiteral("sessions")).toInteger());
    }
    EXPECT_EQ(report.realUsersWaitingDeltaSeconds,
              expected.value(QStringLiteral("real_users_waiting_delta_seconds")).toInteger());

    // The table: every affected client, the authenticated users first and in red.
    ImpactClientsModel *model = panel.clientsModel();
    const QJsonArray affected = expected.value(QStringLiteral("affected")).toArray();
    ASSERT_EQ(model->rowCount(), affected.size());
    const QJsonArray delayed = expected.value(QStringLiteral("auth_users_delayed")).toArray();
    ASSERT_EQ(delayed.size(), 3);
    for (int row = 0; row < model->rowCount(); ++row) {
        const bool authenticated = row < delayed.size();
        const QJsonObject a = affected.at(row).toObject();
        EXPECT_EQ(model->data(model->index(row, ImpactClientsModel::Address)).toString(),
                  a.value(QStringLiteral("address")).toString());
        EXPECT_EQ(model->data(model->index(row, ImpactClientsModel::SecondsAdded)).toLongLong(),
                  a.value(QStringLiteral("seconds_added_per_session")).toInteger());
        EXPECT_EQ(model->data(model->index(row, ImpactClientsModel::User), Qt::ForegroundRole).isValid(),
                  authenticated)
            << row;
        if (authenticated)
            EXPECT_EQ(model->data(model->index(row, ImpactClientsModel::User)).toString(),
                      delayed.at(row).toObject().value(QStringLiteral("user")).toString());
    }
    // The chart has one bar per transition, its height the sessions.
    ASSERT_EQ(panel.transitionBars()->data()->size(), transitions.size());
    EXPECT_EQ(panel.transitionBars()->data()->at(0)->value,
              double(transitions.at(0).toObject().value(QStringLiteral("sessions")).toInteger()));
    // Saving warns, naming the users.
    const QString warning = panel.saveWarning();
    EXPECT_TRUE(warning.contains(QLatin1String("alice@example.test from 198.51.100.50")))
        << warning.toStdString();
    EXPECT_TRUE(warning.contains(QLatin1String("relayuser from 172.16.5.5"))) << warning.toStdString();

    // Undo: back to no change.
    document.undoStack()->undo();
    ASSERT_TRUE(waitFor(panel, finished, 3));
    EXPECT_TRUE(panel.report().transitions.isEmpty());
    EXPECT_EQ(model->rowCount(), 0);
    EXPECT_TRUE(panel.saveWarning().isEmpty());
}

TEST_F(ImpactPanelTest, CancelStopsTheWorker)
{
    const QString big = logs.filePath(QStringLiteral("smtp-big"));
    test::writeBytes(big, xmflow::testing::LogCorpus::random(5, 300000, 20000).text());
    ImpactPanel panel(&document);
    QSignalSpy finished(&panel, &ImpactPanel::finished);
    panel.setLogFiles({big});
    ASSERT_TRUE(panel.isRunning());
    panel.cancel();
    ASSERT_TRUE(waitFor(panel, finished, 1));
    EXPECT_TRUE(finished.at(0).at(0).toBool());
    EXPECT_EQ(panel.statusText(), QStringLiteral("Canceled."));
}

// The daemon panel runs a real xmflowd on a loopback port: a real SMTP session
// shows in the event log, the counters and the charts; a SIGKILL is reported
// with the daemon's last messages and Restart brings it back; Stop ends it.

#include "DaemonPanel.h"
#include "BatchSimulationPanel.h"
#include "DaemonCharts.h"
#include "EventLogFilterModel.h"
#include "EventLogModel.h"
#include "GuiTestSupport.h"
#include "MailRootDocument.h"
#include "MainWindow.h"
#include "QCustomPlotSupport.h"
#include "VerdictJson.h"

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QMenuBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QToolBar>

#include <csignal>
#include <sys/types.h>

using namespace xmflow;
using namespace xmflow::gui;

namespace {

constexpr int kStartTimeoutMs = 20000;
constexpr int kReplyTimeoutMs = 15000;

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// Reads one SMTP reply (all its lines) while the event loop keeps running.
QByteArray readReply(QTcpSocket &socket)
{
    QByteArray reply;
    const bool complete = QTest::qWaitFor(
        [&] {
            while (socket.canReadLine()) {
                const QByteArray line = socket.readLine();
                reply += line;
                if (line.size() >= 4 && line.at(3) == ' ')
                    return true;
            }
            return socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0;
        },
        kReplyTimeoutMs);
    return complete ? reply : QByteArray();
}

QByteArray command(QTcpSocket &socket, const QByteArray &line)
{
    socket.write(line + "\r\n");
    return readReply(socket);
}

bool waitForState(DaemonPanel &panel, DaemonProcess::State state, int timeoutMs = kStartTimeoutMs)
{
    return QTest::qWaitFor([&] { return panel.process()->state() == state; }, timeoutMs);
}

QList<DaemonEvent> eventsOfSession(const EventLogModel &log, qint64 session)
{
    QList<DaemonEvent> events;
    for (int row = 0; row < log.rowCount(); ++row)
        if (log.event(row).session == session)
            events << log.event(row);
    return events;
}

double barsTotal(QCPBars *bars)
{
    double total = 0;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
        total += it->value;
    return total;
}

class DaemonPanelFixture : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        ASSERT_TRUE(test::copyTree(test::sampleDir(), dir.path()));
        // Small delays: a 1 s greet pause, and 1 s per command from MAIL FROM on.
        QByteArray server = test::readBytes(dir.filePath(QStringLiteral("server.tab")));
        ASSERT_TRUE(server.contains("\"XMF-GreetPause\"\t\"5\""));
        server.replace("\"XMF-GreetPause\"\t\"5\"", "\"XMF-GreetPause\"\t\"1\"");
        test::writeBytes(dir.filePath(QStringLiteral("server.tab")), server);
        QByteArray spammers = test::readBytes(dir.filePath(QStringLiteral("spammers.tab")));
        ASSERT_TRUE(spammers.contains("code=-30"));
        spammers.replace("code=-30", "code=-1");
        test::writeBytes(dir.filePath(QStringLiteral("spammers.tab")), spammers);
        ASSERT_TRUE(document.open(dir.path()));
        port = freeLoopbackPort();
        ASSERT_NE(port, 0);
    }

    void configure(DaemonPanel &panel)
    {
        panel.process()->setProgram(QStringLiteral(XMFLOWD_PATH));
        panel.process()->setGraceSeconds(1);
        panel.setListenText(QStringLiteral("127.0.0.1:%1").arg(port));
    }

    QTemporaryDir dir;
    MailRootDocument document;
    quint16 port = 0;
};

} // namespace

TEST_F(DaemonPanelFixture, RealSessionShowsInTheLogCountersAndCharts)
{
    DaemonPanel panel(&document);
    QAbstractItemModelTester tester(panel.eventLog(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    configure(panel);
    ASSERT_TRUE(panel.startDaemon()) << panel.statusText().toStdString();
    ASSERT_TRUE(waitForState(panel, DaemonProcess::State::Running)) << panel.crashText().toStdString();
    EXPECT_TRUE(panel.statusText().startsWith(QStringLiteral("Running (pid ")))
        << panel.statusText().toStdString();
    EXPECT_TRUE(panel.statusText().contains(QStringLiteral("127.0.0.1:%1").arg(port)))
        << panel.statusText().toStdString();

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return client.state() == QAbstractSocket::ConnectedState; }, kReplyTimeoutMs));
    EXPECT_TRUE(readReply(client).startsWith("220 ")); // after the 1 s greet pause
    EXPECT_TRUE(command(client, "EHLO test.client").contains("250 "));
    EXPECT_TRUE(command(client, "FOO").startsWith("5"));
    EXPECT_TRUE(command(client, "QUIT").startsWith("221"));

    // Every event of the session arrives, up to its close.
    EventLogModel *log = panel.eventLog();
    qint64 session = -1;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            for (int row = 0; row < log->rowCount(); ++row) {
                if (log->event(row).type == QLatin1String("connect"))
                    session = log->event(row).session;
                if (session >= 0 && log->event(row).type == QLatin1String("close") &&
                    log->event(row).session == session)
                    return true;
            }
            return false;
        },
        kReplyTimeoutMs));
    QStringList types;
    QStringList commands;
    for (const DaemonEvent &e : eventsOfSession(*log, session)) {
        types << e.type;
        EXPECT_EQ(e.peer, QStringLiteral("127.0.0.1"));
        if (e.type == QLatin1String("command"))
            commands << e.fields.value(QStringLiteral("command")).toString();
    }
    for (const char *type : {"connect", "verdict", "delay", "command", "reject", "close"})
        EXPECT_TRUE(types.contains(QLatin1String(type)))
            << type << " missing from " << types.join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(types.first(), QStringLiteral("connect"));
    EXPECT_EQ(types.last(), QStringLiteral("close"));
    EXPECT_TRUE(commands.contains(QStringLiteral("EHLO")));
    EXPECT_TRUE(commands.contains(QStringLiteral("QUIT")));
    // The log shows it readably.
    const int connectRow = [&] {
        for (int row = 0; row < log->rowCount(); ++row)
            if (log->event(row).type == QLatin1String("connect"))
                return row;
        return -1;
    }();
    ASSERT_GE(connectRow, 0);
    EXPECT_EQ(log->index(connectRow, EventLogModel::PeerColumn).data().toString(),
              QStringLiteral("127.0.0.1"));
    EXPECT_TRUE(log->index(connectRow, EventLogModel::DetailColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("connection to ")));

    // Counters and charts.
    panel.refreshCharts();
    const DaemonStats &stats = panel.stats();
    EXPECT_EQ(stats.connections(), 1);
    EXPECT_EQ(stats.sessionsNow(), 0);
    EXPECT_EQ(stats.rejects(), 1);
    EXPECT_EQ(stats.delayHistogram().at(DaemonStats::delayBucket(1)), 1); // the greet pause
    int peak = 0;
    for (const DaemonStats::SessionSample &s : stats.sessionSamples())
        peak = std::max(peak, s.sessions);
    EXPECT_EQ(peak, 1);
    EXPECT_EQ(barsTotal(panel.charts()->connectionBars()), 1.0);
    EXPECT_EQ(barsTotal(panel.charts()->rejectBars()), 1.0);
    EXPECT_EQ(panel.charts()->rejectReasonsShown().size(), 1);
    EXPECT_EQ(panel.charts()->delayBars()->data()->at(DaemonStats::delayBucket(1))->value, 1.0);
    double graphPeak = 0;
    for (auto it = panel.charts()->sessionsGraph()->data()->constBegin();
         it != panel.charts()->sessionsGraph()->data()->constEnd(); ++it)
        graphPeak = std::max(graphPeak, it->value);
    EXPECT_EQ(graphPeak, 1.0);
    EXPECT_TRUE(panel.findChild<QLabel *>(QStringLiteral("DaemonCounters"))
                    ->text()
                    .contains(QStringLiteral("Connections: 1")));

    // Filters.
    EventLogFilterModel *filter = panel.filteredLog();
    filter->setTypeFilter(QStringLiteral("command"));
    EXPECT_EQ(filter->rowCount(), commands.size());
    for (int row = 0; row < filter->rowCount(); ++row)
        EXPECT_EQ(filter->index(row, 0).data(EventLogModel::TypeRole).toString(), QStringLiteral("command"));
    filter->setTypeFilter(QString());
    filter->setPeerFilter(QStringLiteral("10.99."));
    EXPECT_EQ(filter->rowCount(), 0);
    filter->setPeerFilter(QStringLiteral("127.0.0"));
    EXPECT_EQ(filter->rowCount(), int(eventsOfSession(*log, session).size()));
    filter->setPeerFilter(QString());
    filter->setRejectsOnly(true);
    ASSERT_EQ(filter->rowCount(), 1);
    EXPECT_EQ(filter->index(0, EventLogModel::CodeColumn).data().toInt(), 500);

    panel.stopDaemon();
    ASSERT_TRUE(waitForState(panel, DaemonProcess::State::Stopped));
    EXPECT_FALSE(panel.isCrashShown());
    EXPECT_EQ(panel.statusText(), QStringLiteral("Stopped."));
}

TEST_F(DaemonPanelFixture, SigkillIsReportedWithTheLastMessagesAndRestartBringsItBack)
{
    DaemonPanel panel(&document);
    configure(panel);
    ASSERT_TRUE(panel.startDaemon());
    ASSERT_TRUE(waitForState(panel, DaemonProcess::State::Running)) << panel.crashText().toStdString();
    const qint64 firstPid = panel.process()->processId();
    ASSERT_GT(firstPid, 0);

    ASSERT_EQ(::kill(pid_t(firstPid), SIGKILL), 0);
    ASSERT_TRUE(waitForState(panel, DaemonProcess::State::Crashed));
    EXPECT_TRUE(panel.isCrashShown());
    const QString crash = panel.crashText();
    EXPECT_TRUE(crash.contains(QStringLiteral("terminated by signal %1").arg(SIGKILL)))
        << crash.toStdString();
    EXPECT_TRUE(crash.contains(QStringLiteral("listening on 127.0.0.1:%1").arg(port)))
        << crash.toStdString(); // its stderr
    EXPECT_EQ(panel.statusText(), QStringLiteral("The daemon stopped unexpectedly."));

    QTest::mouseClick(panel.restartButton(), Qt::LeftButton);
    ASSERT_TRUE(waitForState(panel, DaemonProcess::State::Running)) << panel.crashText().toStdString();
    EXPECT_NE(panel.process()->processId(), firstPid);
    EXPECT_FALSE(panel.isCrashShown());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return client.state() == QAbstractSocket::ConnectedState; }, kReplyTimeoutMs));
    EXPECT_TRUE(readReply(client).startsWith("220 "));
    EXPECT_TRUE(command(client, "QUIT").startsWith("221"));

    const qint64 secondPid = panel.process()->processId();
    panel.stopDaemon();
    ASSERT_TRUE(waitForState(panel, DaemonProcess::State::Stopped));
    EXPECT_FALSE(panel.isCrashShown());
    EXPECT_NE(::kill(pid_t(secondPid), 0), 0); // the process is gone
}

TEST_F(DaemonPanelFixture, StartProblemsAreExplained)
{
    DaemonPanel panel(&document);
    configure(panel);

    panel.setListenText(QStringLiteral("127.0.0.1:notaport"));
    EXPECT_FALSE(panel.startDaemon());
    EXPECT_TRUE(panel.statusText().startsWith(QStringLiteral("'127.0.0.1:notaport' is not a listen address")))
        << panel.statusText().toStdString();
    EXPECT_EQ(panel.process()->state(), DaemonProcess::State::Stopped);

    // The port is taken: the daemon exits non-zero and says why on stderr.
    QTcpServer occupant;
    ASSERT_TRUE(occupant.listen(QHostAddress::LocalHost, port));
    panel.setListenText(QStringLiteral("127.0.0.1:%1").arg(port));
    panel.startDaemon();
    ASSERT_TRUE(waitForState(panel, DaemonProcess::State::Crashed));
    EXPECT_TRUE(panel.crashText().contains(QStringLiteral("The daemon ended with exit code")))
        << panel.crashText().toStdString();
    EXPECT_TRUE(panel.crashText().contains(QStringLiteral("xmflowd serve:")))
        << panel.crashText().toStdString();
    occupant.close();

    // The explanation follows the language.
    LanguageManager::instance().setLanguage(QStringLiteral("ja"), false);
    QCoreApplication::processEvents();
    EXPECT_TRUE(panel.crashText().contains(QStringLiteral("デーモンは終了コード")))
        << panel.crashText().toStdString();
    EXPECT_EQ(panel.statusText(), QStringLiteral("デーモンが予期せず停止しました。"));
    EXPECT_EQ(panel.eventLog()->headerData(EventLogModel::PeerColumn, Qt::Horizontal).toString(),
              QStringLiteral("クライアント"));
    LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
    QCoreApplication::processEvents();
    EXPECT_EQ(panel.statusText(), QStringLiteral("The daemon stopped unexpectedly."));

    // No such program.
    panel.process()->setProgram(QStringLiteral("/nonexistent/xmflowd"));
    panel.startDaemon();
    ASSERT_TRUE(waitForState(panel, DaemonProcess::State::Crashed));
    EXPECT_TRUE(panel.crashText().contains(QStringLiteral("/nonexistent/xmflowd could not be started")))
        << panel.crashText().toStdString();
}

TEST_F(DaemonPanelFixture, MainWindowHasTheViewsAndClosingItStopsTheDaemon)
{
    auto window = std::make_unique<MainWindow>();
    window->setAsker([](auto &&...) { return QMessageBox::Discard; });
    ASSERT_TRUE(window->openMailRoot(dir.path()));
    // Batch and Daemon are views of the mode bar, each with an icon and a name.
    QStringList views;
    for (QAction *action : window->modeBar()->actions())
        if (!action->isSeparator())
            views << action->text();
    EXPECT_TRUE(views.contains(QStringLiteral("Batch"))) << views.join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(views.contains(QStringLiteral("Daemon")));
    ASSERT_NE(window->viewAction(window->batchPanel()), nullptr);
    ASSERT_NE(window->viewAction(window->daemonPanel()), nullptr);
    EXPECT_EQ(window->viewAction(window->batchPanel())->text(), QStringLiteral("Batch"));
    EXPECT_EQ(window->viewAction(window->daemonPanel())->text(), QStringLiteral("Daemon"));
    EXPECT_FALSE(window->viewAction(window->daemonPanel())->icon().isNull());
    EXPECT_GE(window->views()->indexOf(window->batchPanel()), 0);
    EXPECT_GE(window->views()->indexOf(window->daemonPanel()), 0);

    DaemonPanel &panel = *window->daemonPanel();
    configure(panel);
    // The View menu's Start Daemon runs it on the open MailRoot.
    QAction *startAction = nullptr;
    for (QAction *menu : window->menuBar()->actions())
        for (QAction *action : menu->menu() ? menu->menu()->actions() : QList<QAction *>())
            if (action->text() == QLatin1String("&Start Daemon"))
                startAction = action;
    ASSERT_NE(startAction, nullptr);
    startAction->trigger();
    ASSERT_TRUE(waitForState(panel, DaemonProcess::State::Running)) << panel.crashText().toStdString();
    EXPECT_EQ(window->currentView(), &panel);
    EXPECT_TRUE(panel.process()->arguments().contains(QDir(dir.path()).absolutePath()) ||
                panel.process()->arguments().contains(dir.path()));
    const qint64 pid = panel.process()->processId();
    EXPECT_TRUE(window->close());
    EXPECT_FALSE(panel.process()->isActive());
    EXPECT_NE(::kill(pid_t(pid), 0), 0); // gone with the window
}

TEST(DaemonProcessTest, FindsXmflowdInPathWhenItIsNotBundled)
{
    const QByteArray savedPath = qgetenv("PATH");
    qputenv("PATH", QFileInfo(QStringLiteral(XMFLOWD_PATH)).absolutePath().toLocal8Bit());
    const QString found = DaemonProcess::bundledProgram();
    qputenv("PATH", "/nonexistent-folder");
    const QString none = DaemonProcess::bundledProgram();
    qputenv("PATH", savedPath);
    EXPECT_EQ(QFileInfo(found).canonicalFilePath(),
              QFileInfo(QStringLiteral(XMFLOWD_PATH)).canonicalFilePath());
    EXPECT_TRUE(none.isEmpty()); // the test binary's folder has no xmflowd
}

TEST(EventLogModelTest, VerdictSummaryReadsTheEngineVerdictJson)
{
    // The daemon writes its verdict events with engine::toJson; the log reads those keys.
    engine::ConnectVerdict verdict;
    verdict.delaySeconds = 20;
    verdict.delayAtMail = true;
    verdict.greetPause = 5;
    verdict.whiteListed = true;
    verdict.noRdns = true;
    QJsonObject object = engine::toJson(verdict);
    object.insert(QStringLiteral("type"), QStringLiteral("verdict"));
    object.insert(QStringLiteral("session"), 7);
    const QString summary = DaemonEvent::fromJson(object).summary();
    EXPECT_TRUE(summary.contains(QStringLiteral("whitelisted"))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("delay 20 s per command from MAIL FROM")))
        << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("greet pause 5 s"))) << summary.toStdString();
    EXPECT_TRUE(summary.contains(QStringLiteral("MAIL FROM needs AUTH"))) << summary.toStdString();

    engine::ConnectVerdict dropped;
    dropped.drop = true;
    dropped.dropCode = 554;
    dropped.logStatus = QStringLiteral("EIPSPAM");
    object = engine::toJson(dropped);
    object.insert(QStringLiteral("type"), QStringLiteral("verdict"));
    object.insert(QStringLiteral("status"), dropped.logStatus);
    EXPECT_EQ(DaemonEvent::fromJson(object).summary(), QStringLiteral("drop  [EIPSPAM]"));
}

TEST(EventLogModelTest, CapDropsTheOldestRows)
{
    EventLogModel log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto events = [](int from, int to) {
        QList<DaemonEvent> list;
        for (int i = from; i < to; ++i)
            list << DaemonEvent::fromJson(
                QJsonObject{{QStringLiteral("type"), QStringLiteral("connect")},
                            {QStringLiteral("session"), i},
                            {QStringLiteral("peer"), QStringLiteral("192.0.2.%1").arg(i)},
                            {QStringLiteral("ts"), QStringLiteral("2024-01-02T03:04:05.006Z")}});
        return list;
    };
    log.setMaximumRows(5);
    log.append(events(0, 3));
    EXPECT_EQ(log.rowCount(), 3);
    log.append(events(3, 6));
    ASSERT_EQ(log.rowCount(), 5);
    EXPECT_EQ(log.event(0).session, 1);
    EXPECT_EQ(log.event(4).session, 5);
    log.append(events(6, 20)); // more than fit at once
    ASSERT_EQ(log.rowCount(), 5);
    EXPECT_EQ(log.event(0).session, 15);
    EXPECT_EQ(log.event(4).session, 19);
    EXPECT_EQ(log.droppedRows(), 15);
    EXPECT_EQ(log.index(0, EventLogModel::PeerColumn).data().toString(), QStringLiteral("192.0.2.15"));
    log.setMaximumRows(2);
    EXPECT_EQ(log.rowCount(), 2);
    EXPECT_EQ(log.event(0).session, 18);
    log.clear();
    EXPECT_EQ(log.rowCount(), 0);
}

TEST(DaemonStatsTest, GreylistEventsAreCountedByOutcome)
{
    DaemonStats stats;
    auto greylist = [&](const char *outcome) {
        stats.add(DaemonEvent::fromJson(QJsonObject{{QStringLiteral("type"), QStringLiteral("greylist")},
                                                    {QStringLiteral("session"), 1},
                                                    {QStringLiteral("detail"), QLatin1String(outcome)}}));
    };
    for (const char *outcome : {"greylisted", "greylisted-too-early", "greylisted-retry-expired", "passed",
                                "passed-pool", "passed-known", "auto-whitelisted", "fail-open"})
        greylist(outcome);
    EXPECT_EQ(stats.greylisted(), 3);
    EXPECT_EQ(stats.greylistPassed(), 3);
    EXPECT_EQ(stats.autoWhitelisted(), 1);
}

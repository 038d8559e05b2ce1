// The simulator panel gives the transcript `xmflowd simulate --json` gives (the
// real binary, for every conformance case and for the sample's extensions), its
// timeline plots the four runs' per-command delays, its trace opens the
// deciding line, and its item models pass QAbstractItemModelTester.

#include "SimulatorPanel.h"
#include "ConformanceCases.h"
#include "FlowchartPanel.h"
#include "FlowchartScene.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "QCustomPlotSupport.h"
#include "TableEditor.h"
#include "TimelinePlot.h"
#include "TraceModel.h"
#include "TranscriptModel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace xmflow;
using namespace xmflow::gui;
using namespace xmflow::gui::test;
using model::TableKind;

namespace {

const QString kUser = QStringLiteral("alice@example.test");
const QString kPassword = QStringLiteral("wonderland");

void settle()
{
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

struct CliStep {
    QString step, send, reply;
    int code = 0;
    int delay = 0;
    qint64 time = 0;
};

// Runs the real `xmflowd simulate ... --json` and returns its steps.
QList<CliStep> simulateWithXmflowd(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(XMFLOWD_PATH), arguments + QStringList{QStringLiteral("--json")});
    EXPECT_TRUE(process.waitForFinished(60000));
    EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(process.readAllStandardOutput(), &error).object();
    EXPECT_EQ(error.error, QJsonParseError::NoError) << arguments.join(QLatin1Char(' ')).toStdString();
    QList<CliStep> steps;
    for (const QJsonValue &value : object.value(QStringLiteral("steps")).toArray()) {
        const QJsonObject s = value.toObject();
        steps.append({s.value(QStringLiteral("step")).toString(), s.value(QStringLiteral("send")).toString(),
                      s.value(QStringLiteral("reply")).toString(), s.value(QStringLiteral("code")).toInt(),
                      s.value(QStringLiteral("delay")).toInt(),
                      qint64(s.value(QStringLiteral("time")).toDouble())});
    }
    return steps;
}

QList<CliStep> panelSteps(const SimulatorPanel &panel)
{
    const TranscriptModel *model = panel.transcriptModel();
    auto raw = [model](int row, int column) {
        return model->index(row, column).data(TranscriptModel::RawRole);
    };
    QList<CliStep> steps;
    for (int row = 0; row < model->rowCount(); ++row)
        steps.append({raw(row, TranscriptModel::StepColumn).toString(),
                      raw(row, TranscriptModel::SentColumn).toString(),
                      raw(row, TranscriptModel::ReplyColumn).toString(),
                      raw(row, TranscriptModel::CodeColumn).toInt(),
                      raw(row, TranscriptModel::DelayColumn).toInt(),
                      raw(row, TranscriptModel::TimeColumn).toLongLong()});
    return steps;
}

void expectSameSteps(const QList<CliStep> &panel, const QList<CliStep> &cli)
{
    ASSERT_EQ(panel.size(), cli.size());
    for (int i = 0; i < cli.size(); ++i) {
        SCOPED_TRACE("step " + std::to_string(i) + " " + cli.at(i).step.toStdString());
        EXPECT_EQ(panel.at(i).step, cli.at(i).step);
        EXPECT_EQ(panel.at(i).send, cli.at(i).send);
        EXPECT_EQ(panel.at(i).code, cli.at(i).code);
        EXPECT_EQ(panel.at(i).delay, cli.at(i).delay);
        // The banner carries a per-process session token; every other reply is fixed.
        if (i > 0) {
            EXPECT_EQ(panel.at(i).reply, cli.at(i).reply);
        }
        EXPECT_EQ(panel.at(i).time, cli.at(i).time);
    }
}

QString rootKey(QString root)
{
    root = root.trimmed().toLower();
    while (root.endsWith(QLatin1Char('.')))
        root.chop(1);
    return root;
}

void chooseUser(SimulatorPanel &panel, const QString &user)
{
    const int index = panel.userChooser()->findText(user);
    ASSERT_GE(index, 0) << user.toStdString();
    panel.userChooser()->setCurrentIndex(index);
}

} // namespace

TEST(SimulatorPanel, SameTranscriptAsXmflowdSimulateForEveryConformanceCase)
{
    const auto cases = xmflow::testing::loadConformanceCases();
    ASSERT_GT(cases.size(), 20u);
    int authCases = 0, dnsCases = 0;
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name());
        QTemporaryDir dir;
        ASSERT_TRUE(xmflow::testing::buildScenarioMailRoot(c.scenario, dir.path()));
        MailRootDocument document;
        ASSERT_TRUE(document.open(dir.path()));
        SimulatorPanel panel(&document, nullptr);
        panel.peerEdit()->setText(c.peer);
        panel.setScript(c.script);
        panel.setXmailCompat(true);
        QStringList args{QStringLiteral("simulate"),
                         QStringLiteral("--mailroot"),
                         dir.path(),
                         QStringLiteral("--peer"),
                         c.peer,
                         QStringLiteral("--script"),
                         c.script,
                         QStringLiteral("--xmail-compat")};
        if (c.script == QLatin1String("auth") || c.script == QLatin1String("badauth")) {
            chooseUser(panel, kUser);
            args << QStringLiteral("--auth") << kUser + QLatin1Char(':') + kPassword;
            ++authCases;
        }
        if (c.needsDns) {
            for (const QString &root : c.assumeListed)
                args << QStringLiteral("--assume-listed") << root;
            args << QStringLiteral("--assume-rdns") << c.assumeRdns;
            for (const QString &root : panel.mapRoots()) {
                bool listed = false;
                for (const QString &assumed : c.assumeListed)
                    listed = listed || rootKey(assumed) == root;
                panel.listedCheck(root)->setChecked(listed);
            }
            panel.setAssumedRdns(c.assumeRdns);
            ++dnsCases;
        }
        ASSERT_TRUE(panel.run()) << panel.errorText().toStdString();

        const QList<CliStep> cli = simulateWithXmflowd(args);
        const QList<CliStep> steps = panelSteps(panel);
        expectSameSteps(steps, cli);
        // Both are XMail 1.27's measured session.
        ASSERT_EQ(steps.size(), c.expect.size());
        for (int i = 0; i < steps.size(); ++i) {
            EXPECT_EQ(steps.at(i).step, c.expect.at(i).step);
            EXPECT_EQ(steps.at(i).code, c.expect.at(i).code);
            EXPECT_EQ(steps.at(i).delay, c.expect.at(i).delay);
        }
        // The command line the panel shows gives the same session.
        expectSameSteps(steps, simulateWithXmflowd(panel.commandArguments()));
    }
    EXPECT_GT(authCases, 0);
    EXPECT_GT(dnsCases, 0);
}

TEST(SimulatorPanel, SameTranscriptAsXmflowdWithTheExtensions)
{
    const QString sample = sampleDir();
    MailRootDocument document;
    ASSERT_TRUE(document.open(sample));
    SimulatorPanel panel(&document, nullptr);
    struct Case {
        QString peer;
        int port;
        QString script;
    };
    const QList<Case> cases{{QStringLiteral("203.0.113.10"), 25, QStringLiteral("plain")},
                            {QStringLiteral("203.0.113.10"), 25, QStringLiteral("auth")},
                            {QStringLiteral("203.0.113.10"), 25, QStringLiteral("early")},
                            {QStringLiteral("203.0.113.10"), 587, QStringLiteral("plain")},
                            {QStringLiteral("203.0.113.66"), 25, QStringLiteral("plain")},
                            {QStringLiteral("198.51.100.7"), 25, QStringLiteral("badauth")},
                            {QStringLiteral("192.168.1.20"), 25, QStringLiteral("garbage")}};
    for (const Case &c : cases) {
        SCOPED_TRACE(
            QString(c.peer + QLatin1Char(' ') + c.script + QLatin1Char(' ') + QString::number(c.port))
                .toStdString());
        panel.peerEdit()->setText(c.peer);
        panel.portSpin()->setValue(c.port);
        panel.setScript(c.script);
        panel.setXmailCompat(false);
        QStringList args{QStringLiteral("simulate"),
                         QStringLiteral("--mailroot"),
                         sample,
                         QStringLiteral("--peer"),
                         c.peer,
                         QStringLiteral("--local"),
                         QStringLiteral("127.0.0.1:%1").arg(c.port),
                         QStringLiteral("--script"),
                         c.script};
        if (c.script.endsWith(QLatin1String("auth"))) {
            chooseUser(panel, kUser);
            args << QStringLiteral("--auth") << kUser + QLatin1Char(':') + kPassword;
        }
        ASSERT_TRUE(panel.run());
        expectSameSteps(panelSteps(panel), simulateWithXmflowd(args));
        expectSameSteps(panelSteps(panel), simulateWithXmflowd(panel.commandArguments()));
    }
    // The verdict says what happened.
    panel.peerEdit()->setText(QStringLiteral("203.0.113.66"));
    panel.portSpin()->setValue(25);
    panel.setScript(QStringLiteral("plain"));
    ASSERT_TRUE(panel.run());
    EXPECT_TRUE(panel.verdictLabel()->text().contains(QStringLiteral("Refused at connect")));
    EXPECT_TRUE(panel.verdictLabel()->text().contains(QStringLiteral("spammers.tab:6")));
    panel.peerEdit()->setText(QStringLiteral("not-an-ip"));
    EXPECT_FALSE(panel.run());
    EXPECT_TRUE(panel.errorText().contains(QStringLiteral("not-an-ip")));
}

TEST(SimulatorPanel, AuthCheckboxAndScriptAgree)
{
    MailRootDocument document;
    ASSERT_TRUE(document.open(sampleDir()));
    SimulatorPanel panel(&document, nullptr);
    // Users come from mailusers.tab (decoded passwords) and smtpauth.tab.
    QStringList users;
    for (int i = 0; i < panel.userChooser()->count(); ++i)
        users << panel.userChooser()->itemText(i);
    EXPECT_EQ(users, (QStringList{kUser, QStringLiteral("bob@example.test"), QStringLiteral("relayuser")}));
    chooseUser(panel, QStringLiteral("relayuser"));
    EXPECT_EQ(panel.passwordEdit()->text(), QStringLiteral("relaypass"));

    panel.authCheck()->setChecked(true);
    EXPECT_EQ(panel.scriptChooser()->currentData().toString(), QStringLiteral("auth"));
    panel.setScript(QStringLiteral("helo"));
    EXPECT_FALSE(panel.authCheck()->isChecked());
    panel.setScript(QStringLiteral("badauth"));
    EXPECT_TRUE(panel.authCheck()->isChecked());
    panel.authCheck()->setChecked(false);
    EXPECT_EQ(panel.scriptChooser()->currentData().toString(), QStringLiteral("plain"));

    // An smtpauth.tab user authenticates too.
    panel.authCheck()->setChecked(true);
    ASSERT_TRUE(panel.run());
    EXPECT_TRUE(panel.result().authenticated);
    EXPECT_TRUE(panel.commandArguments().contains(QStringLiteral("relayuser:relaypass")));
}

TEST(SimulatorPanel, TimelinePlotsTheFourRunsPerCommandDelays)
{
    LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
    const QString sample = sampleDir();
    MailRootDocument document;
    ASSERT_TRUE(document.open(sample));
    FlowchartScene flowchart;
    flowchart.setDocument(&document);
    SimulatorPanel panel(&document, &flowchart);
    panel.resize(1200, 760);
    panel.peerEdit()->setText(QStringLiteral("203.0.113.10"));
    panel.setScript(QStringLiteral("plain"));
    chooseUser(panel, kUser);
    ASSERT_TRUE(panel.run());

    const TimelinePlot *timeline = panel.timeline();
    ASSERT_EQ(timeline->series().size(), 4);
    ASSERT_EQ(timeline->plot()->plottableCount(), 4);
    const QList<std::pair<bool, bool>> expectedRuns{
        {true, false}, {true, true}, {false, false}, {false, true}};
    QHash<QString, int> totals;
    for (int s = 0; s < 4; ++s) {
        const auto [compat, auth] = expectedRuns.at(s);
        SCOPED_TRACE("series " + std::to_string(s));
        ASSERT_EQ(timeline->runs().at(s).xmailCompat, compat);
        ASSERT_EQ(timeline->runs().at(s).authenticated, auth);
        QStringList args{QStringLiteral("simulate"),
                         QStringLiteral("--mailroot"),
                         sample,
                         QStringLiteral("--peer"),
                         QStringLiteral("203.0.113.10"),
                         QStringLiteral("--script"),
                         auth ? QStringLiteral("auth") : QStringLiteral("plain")};
        if (auth)
            args << QStringLiteral("--auth") << kUser + QLatin1Char(':') + kPassword;
        if (compat)
            args << QStringLiteral("--xmail-compat");
        const QList<CliStep> cli = simulateWithXmflowd(args);

        // Bar i is step i of the session, at the category of its command.
        const QCPBars *bars = timeline->series().at(s);
        ASSERT_EQ(bars->data()->size(), cli.size());
        QHash<QString, int> seen;
        int total = 0;
        for (int i = 0; i < cli.size(); ++i) {
            const int n = ++seen[cli.at(i).step];
            const QString key = n == 1 ? cli.at(i).step : QStringLiteral("%1#%2").arg(cli.at(i).step).arg(n);
            const auto bar = bars->data()->at(i);
            const int category = timeline->categoryAt(bar->key);
            ASSERT_GE(category, 0);
            EXPECT_EQ(timeline->categories().at(category), key);
            EXPECT_EQ(bar->value, cli.at(i).delay) << key.toStdString();
            total += cli.at(i).delay;
        }
        totals.insert(QStringLiteral("%1/%2").arg(compat).arg(auth), total);
        EXPECT_TRUE(bars->name().contains(QString::number(timeline->runs().at(s).result.totalSeconds)));
        EXPECT_EQ(timeline->runs().at(s).result.totalSeconds, cli.last().time);
    }
    // The picture of the fix: under XMail's rules the AUTH user waits on EHLO
    // and AUTH (30 s each with the sample's catch-all code=-30); with
    // XMF-DelayStart=mail only the 5 s greet pause is left.
    const QCPBars *compatAuth = timeline->series().at(1);
    const QCPBars *extensionAuth = timeline->series().at(3);
    const int ehlo = int(timeline->categories().indexOf(QStringLiteral("EHLO")));
    const int authStep = int(timeline->categories().indexOf(QStringLiteral("AUTH")));
    ASSERT_GE(ehlo, 0);
    ASSERT_GE(authStep, 0);
    auto valueAt = [&](const QCPBars *bars, int category) {
        for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
            if (timeline->categoryAt(it->key) == category)
                return it->value;
        return -1.0;
    };
    EXPECT_EQ(valueAt(compatAuth, ehlo), 30);
    EXPECT_EQ(valueAt(compatAuth, authStep), 30);
    EXPECT_EQ(valueAt(extensionAuth, ehlo), 0);
    EXPECT_EQ(valueAt(extensionAuth, authStep), 0);
    EXPECT_EQ(totals.value(QStringLiteral("1/1")), 60);
    EXPECT_EQ(totals.value(QStringLiteral("0/1")), 5);
    EXPECT_TRUE(panel.verdictLabel()->text().contains(QStringLiteral("60 s under XMail 1.27")));

    // The flowchart shows the primary run's path.
    EXPECT_TRUE(flowchart.hasPath());
    EXPECT_EQ(flowchart.node(engine::StageIds::Spammers)->outcome(), NodeOutcome::Delay);
    EXPECT_FALSE(flowchart.xmailCompat());

    // Screenshots, and translated axes.
    EXPECT_EQ(timeline->plot()->yAxis->label(), QStringLiteral("Seconds before the reply"));
    EXPECT_TRUE(panel.timeline()->savePng(QStringLiteral(XMFLOW_BINARY_DIR "/screenshot-timeline-en.png"),
                                          1100, 560));
    LanguageManager::instance().setLanguage(QStringLiteral("ja"), false);
    settle();
    EXPECT_EQ(timeline->plot()->yAxis->label(), QStringLiteral("応答までの秒数"));
    EXPECT_EQ(timeline->series().size(), 4);
    EXPECT_TRUE(timeline->series().at(1)->name().contains(QStringLiteral("60")));
    EXPECT_TRUE(panel.timeline()->savePng(QStringLiteral(XMFLOW_BINARY_DIR "/screenshot-timeline-ja.png"),
                                          1100, 560));
    LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
    settle();
}

// With XMF-Greylist on, the timeline plays each run's retry too and draws both
// visits of the client that greylisting held: the first one hatched, with its 451.
TEST(SimulatorPanel, TimelineDrawsAGreylistedFirstVisitAndItsRetry)
{
    LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
    QTemporaryDir work;
    const QString root = work.filePath(QStringLiteral("mailroot"));
    ASSERT_TRUE(copyTree(sampleDir(), root));
    QByteArray server = readBytes(root + QStringLiteral("/server.tab"));
    server += "\"XMF-Greylist\"\t\"1\"\n\"XMF-GreylistDelay\"\t\"600\"\n";
    writeBytes(root + QStringLiteral("/server.tab"), server);
    MailRootDocument document;
    ASSERT_TRUE(document.open(root));
    FlowchartScene flowchart;
    flowchart.setDocument(&document);
    SimulatorPanel panel(&document, &flowchart);
    panel.resize(1200, 760);
    // A retry just after the delay is proposed.
    EXPECT_FALSE(panel.retryAfterBox()->isHidden()); // under "More options"
    EXPECT_EQ(panel.retryAfterBox()->value(), 700);
    panel.peerEdit()->setText(QStringLiteral("203.0.113.10"));
    panel.setScript(QStringLiteral("plain"));
    chooseUser(panel, kUser);
    ASSERT_TRUE(panel.run());

    // XMail 1.27 ×2 and the extensions with AUTH: one visit each; the extensions
    // without AUTH: the greylisted first visit, then the retry.
    const TimelinePlot *timeline = panel.timeline();
    ASSERT_EQ(timeline->runs().size(), 4);
    ASSERT_EQ(timeline->series().size(), 5);
    const QCPBars *first = timeline->series().at(2);
    const QCPBars *retry = timeline->series().at(3);
    EXPECT_TRUE(first->name().contains(QStringLiteral("first visit"))) << first->name().toStdString();
    EXPECT_TRUE(retry->name().contains(QStringLiteral("retry 700 s later"))) << retry->name().toStdString();
    EXPECT_EQ(first->brush().style(), Qt::BDiagPattern);
    const engine::SimulationResult &result = timeline->runs().at(2).result;
    ASSERT_TRUE(result.firstVisit);
    EXPECT_EQ(first->data()->size(), result.firstVisit->steps.size());
    EXPECT_EQ(retry->data()->size(), result.steps.size());
    bool labelled451 = false;
    for (int i = 0; i < timeline->plot()->itemCount(); ++i)
        if (auto *text = qobject_cast<QCPItemText *>(timeline->plot()->item(i)))
            labelled451 = labelled451 || text->text().startsWith(QLatin1String("451"));
    EXPECT_TRUE(labelled451);
    const auto *headline = qobject_cast<QCPTextElement *>(timeline->plot()->plotLayout()->element(2, 0));
    ASSERT_NE(headline, nullptr);
    EXPECT_TRUE(headline->text().contains(QStringLiteral("the retry 700 s later is accepted")))
        << headline->text().toStdString();
    EXPECT_TRUE(panel.timeline()->savePng(
        QStringLiteral(XMFLOW_BINARY_DIR "/screenshot-timeline-greylist-en.png"), 1100, 560));

    // A retry too early is still refused, and the headline says so.
    panel.retryAfterBox()->setValue(60);
    ASSERT_TRUE(panel.run());
    EXPECT_TRUE(headline->text().contains(QStringLiteral("the retry 60 s later is still refused")))
        << headline->text().toStdString();
    // "no retry": one visit per run again.
    panel.retryAfterBox()->setValue(0);
    ASSERT_TRUE(panel.run());
    EXPECT_EQ(timeline->series().size(), 4);
}

// The main window on a copy of the sample (GuiTestSupport.h).
using SimulatorPanelWindow = SampleWindowTest;

TEST_F(SimulatorPanelWindow, ATraceRuleOpensItsLineAndTheTablesUpdateTheResult)
{
    SimulatorPanel *panel = window.simulatorPanel();
    window.showHome();
    panel->peerEdit()->setText(QStringLiteral("203.0.113.10"));
    panel->setScript(QStringLiteral("plain"));
    ASSERT_TRUE(panel->run());
    panel->resultTabs()->setCurrentWidget(panel->timeline());
    settle();
    EXPECT_TRUE(window.grab().save(QStringLiteral(XMFLOW_BINARY_DIR "/screenshot-simulator-en.png")));
    LanguageManager::instance().setLanguage(QStringLiteral("ja"), false);
    settle();
    EXPECT_TRUE(window.grab().save(QStringLiteral(XMFLOW_BINARY_DIR "/screenshot-simulator-ja.png")));
    LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
    settle();
    EXPECT_TRUE(panel->traceView()->isVisible()); // beside the timeline

    const TraceModel *trace = panel->traceModel();
    int row = -1;
    for (int r = 0; r < trace->rowCount(); ++r)
        if (trace->index(r, 0).data(TraceModel::FileRole).toString() == QLatin1String("spammers.tab"))
            row = r;
    ASSERT_GE(row, 0);
    EXPECT_EQ(trace->index(row, TraceModel::RuleColumn).data().toString(), QStringLiteral("spammers.tab:10"));
    const QModelIndex rule = trace->index(row, TraceModel::RuleColumn);
    panel->traceView()->scrollTo(rule);
    QTest::mouseClick(panel->traceView()->viewport(), Qt::LeftButton, Qt::NoModifier,
                      panel->traceView()->visualRect(rule).center());
    settle();
    TableEditor *spammers = window.tableEditor(TableKind::Spammers);
    EXPECT_EQ(window.tabs()->currentWidget(), spammers);
    EXPECT_EQ(spammers->selectedRows(), QList<int>({9}));

    // Editing the table re-runs the simulation: the catch-all now delays 45 s.
    const int before = panel->result().verdict.delaySeconds;
    EXPECT_EQ(before, 30);
    ASSERT_TRUE(
        window.document()->edit(TableKind::Spammers, QStringLiteral("delay 45"), [](model::TabFile &f) {
            f.setRecord(9, {QStringLiteral("0.0.0.0/0"), QStringLiteral("code=-45")});
        }));
    EXPECT_TRUE(QTest::qWaitFor([panel] { return panel->result().verdict.delaySeconds == 45; }, 5000));
    EXPECT_TRUE(window.flowchartPanel()
                    ->scene()
                    ->node(engine::StageIds::Spammers)
                    ->badge()
                    .contains(QStringLiteral("45")));
}

TEST(SimulatorPanel, ResultModelsPassTheItemModelTester)
{
    MailRootDocument document;
    ASSERT_TRUE(document.open(sampleDir()));
    SimulatorPanel panel(&document, nullptr);
    QAbstractItemModelTester transcript(panel.transcriptModel(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester trace(panel.traceModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    for (const QString &peer :
         {QStringLiteral("203.0.113.10"), QStringLiteral("203.0.113.66"), QStringLiteral("192.168.3.4")}) {
        panel.peerEdit()->setText(peer);
        for (const QString &script : engine::Simulator::scriptNames()) {
            panel.setScript(script);
            ASSERT_TRUE(panel.run());
            EXPECT_EQ(panel.transcriptModel()->rowCount(), panel.result().steps.size());
            EXPECT_EQ(panel.traceModel()->rowCount(), panel.path().size());
        }
    }
    LanguageManager::instance().setLanguage(QStringLiteral("ja"), false);
    EXPECT_EQ(panel.transcriptModel()->headerData(TranscriptModel::DelayColumn, Qt::Horizontal).toString(),
              QStringLiteral("遅延"));
    LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
    EXPECT_EQ(panel.transcriptModel()->headerData(TranscriptModel::DelayColumn, Qt::Horizontal).toString(),
              QStringLiteral("Delay"));
}

// The home screen driven like a user would: keys and mouse clicks on the real
// widgets of the main window (the flowchart with the simulator's bar, the
// results below, the tables beside). Also the screenshots of the home screen
// at 1366x768 and 1920x1080 in both languages, labels that fit, tooltips,
// status texts that follow the language, and the remembered layout.

#include "BatchSimulationPanel.h"
#include "CodeEditor.h"
#include "DaemonPanel.h"
#include "FlowchartPanel.h"
#include "FlowchartScene.h"
#include "FlowchartView.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "QCustomPlotSupport.h"
#include "SimulatorPanel.h"
#include "TableEditor.h"
#include "TableModel.h"
#include "TimelinePlot.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>

using namespace xmflow;
using namespace xmflow::gui;
using namespace xmflow::gui::test;
using model::TableKind;

namespace {

void settle()
{
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

// A main window on a copy of the sample, as on a first run, in a language and a size.
class HomeWindow
{
public:
    explicit HomeWindow(const QString &language = QStringLiteral("en"), QSize size = QSize(1366, 768),
                        bool firstRun = true)
    {
        // Settings of this test process only (ctest runs the tests side by side).
        static QTemporaryDir settingsDir;
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
        if (firstRun)
            FirstRunSettings();
        LanguageManager::instance().setLanguage(language, false);
        EXPECT_TRUE(copyTree(sampleDir(), dir.path()));
        window = std::make_unique<MainWindow>();
        window->setAsker([](auto &&...) { return QMessageBox::Discard; });
        window->resize(size);
        EXPECT_TRUE(window->openMailRoot(dir.path()));
        window->show();
        window->activateWindow();
        EXPECT_TRUE(QTest::qWaitForWindowExposed(window.get()));
        settle();
    }
    ~HomeWindow() { LanguageManager::instance().setLanguage(QStringLiteral("en"), false); }

    SimulatorPanel *home() const { return window->simulatorPanel(); }
    FlowchartScene *scene() const { return window->flowchartPanel()->scene(); }
    FlowchartView *view() const { return window->flowchartPanel()->view(); }

    // Selects what the address box holds, types an address and presses Enter.
    void simulate(const QString &address) const
    {
        QLineEdit *edit = home()->peerEdit();
        QTest::mouseClick(edit, Qt::LeftButton);
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(edit, address);
        QTest::keyClick(edit, Qt::Key_Return);
    }

    void clickNode(const QString &stage) const
    {
        FlowchartNodeItem *node = scene()->node(stage);
        view()->centerOn(node);
        settle();
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, Qt::NoModifier,
                          view()->mapFromScene(node->scenePos()));
        settle();
    }

    bool nodeInSight(const QString &stage) const
    {
        FlowchartNodeItem *node = scene()->node(stage);
        const QRect shown = view()->mapFromScene(node->sceneBoundingRect()).boundingRect();
        return view()->isVisible() && view()->viewport()->rect().intersects(shown);
    }

    QTemporaryDir dir;
    std::unique_ptr<MainWindow> window;
};

int spammersDelay(const QList<engine::StagePathStep> &path)
{
    for (const engine::StagePathStep &step : path)
        if (step.stage == engine::StageIds::Spammers)
            return step.delaySeconds;
    return -1;
}

// Visible labels and buttons whose text needs more width than they were given.
QStringList clippedTexts(QWidget *root)
{
    QStringList clipped;
    auto check = [&](QWidget *widget, const QString &text, int wanted) {
        if (!widget->isVisible() || text.isEmpty() || widget->visibleRegion().isEmpty())
            return;
        if (wanted > widget->width())
            clipped << QStringLiteral("%1 \"%2\": %3 > %4")
                           .arg(QString::fromLatin1(widget->metaObject()->className()), text)
                           .arg(wanted)
                           .arg(widget->width());
    };
    for (QLabel *label : root->findChildren<QLabel *>())
        if (!label->wordWrap() && label->textFormat() != Qt::RichText)
            check(label, label->text(), label->sizeHint().width());
    for (QAbstractButton *button : root->findChildren<QAbstractButton *>())
        check(button, button->text(), button->sizeHint().width());
    // List views (the table list): every item's icon and text lines fit the viewport.
    for (QListView *list : root->findChildren<QListView *>()) {
        if (!list->isVisible() || !list->model() || list->visibleRegion().isEmpty())
            continue;
        for (int row = 0; row < list->model()->rowCount(); ++row) {
            const QModelIndex index = list->model()->index(row, list->modelColumn());
            const QString text = index.data().toString();
            const QRect item = list->visualRect(index);
            if (!list->wordWrap()) {
                const int wanted = list->sizeHintForIndex(index).width();
                if (wanted > list->viewport()->width())
                    clipped << QStringLiteral("QListView item \"%1\": %2 > %3")
                                   .arg(QString(text).replace(QLatin1Char('\n'), QLatin1String(" / ")))
                                   .arg(wanted)
                                   .arg(list->viewport()->width());
                continue;
            }
            // Wrapped: the text, wrapped to the room beside the icon, fits the item's rectangle.
            const int textWidth = item.width() - list->iconSize().width() - 12;
            const QRect needed =
                list->fontMetrics().boundingRect(QRect(0, 0, textWidth, 100000), Qt::TextWordWrap, text);
            if (needed.width() > textWidth || needed.height() > item.height())
                clipped << QStringLiteral("QListView item \"%1\": %2x%3 in %4x%5")
                               .arg(QString(text).replace(QLatin1Char('\n'), QLatin1String(" / ")))
                               .arg(needed.width())
                               .arg(needed.height())
                               .arg(textWidth)
                               .arg(item.height());
        }
    }
    return clipped;
}

} // namespace

TEST(HomeScreen, OpensOnTheFlowchartWithNoTableOpen)
{
    HomeWindow w;
    MainWindow &window = *w.window;
    EXPECT_EQ(window.currentView(), window.homeView());
    EXPECT_TRUE(window.flowchartPanel()->isVisible());
    EXPECT_TRUE(w.home()->peerEdit()->isVisible());
    EXPECT_TRUE(w.home()->timeline()->isVisible());
    EXPECT_TRUE(w.home()->traceView()->isVisible());
    EXPECT_EQ(window.tabs()->count(), 0);
    EXPECT_FALSE(window.tabs()->isVisible());
    // The sample says where to start.
    EXPECT_TRUE(window.flowchartPanel()->startHint()->isVisible());
    EXPECT_TRUE(window.flowchartPanel()->startHint()->text().contains(QStringLiteral("203.0.113.10")));

    // Views sit in the mode bar with an icon and a name, none behind a tab bar.
    QStringList names;
    for (QAction *action : window.modeBar()->actions()) {
        if (action->isSeparator() || !action->isVisible())
            continue;
        EXPECT_FALSE(action->icon().isNull()) << action->text().toStdString();
        names << action->text();
    }
    EXPECT_EQ(names.mid(0, 3),
              (QStringList{QStringLiteral("Home"), QStringLiteral("Batch"), QStringLiteral("Daemon")}));
    auto *batchButton = qobject_cast<QToolButton *>(
        window.modeBar()->widgetForAction(window.viewAction(window.batchPanel())));
    ASSERT_NE(batchButton, nullptr);
    EXPECT_EQ(batchButton->toolButtonStyle(), Qt::ToolButtonTextUnderIcon);
    QTest::mouseClick(batchButton, Qt::LeftButton);
    EXPECT_EQ(window.currentView(), window.batchPanel());
    EXPECT_TRUE(window.batchPanel()->isVisible());

    // Adding a view is one call; it gets a button like the others.
    auto *extra = new QLabel(QStringLiteral("extra view"));
    window.addView(extra, QIcon(QStringLiteral(":/icons/report.svg")), QStringLiteral("Extra"));
    auto *extraButton =
        qobject_cast<QToolButton *>(window.modeBar()->widgetForAction(window.viewAction(extra)));
    ASSERT_NE(extraButton, nullptr);
    EXPECT_EQ(extraButton->text(), QStringLiteral("Extra"));
    QTest::mouseClick(extraButton, Qt::LeftButton);
    EXPECT_EQ(window.currentView(), extra);
    extra->setWindowTitle(QStringLiteral("Renamed")); // a view names itself (and retranslates) this way
    EXPECT_EQ(window.viewAction(extra)->text(), QStringLiteral("Renamed"));

    // Ctrl+L from anywhere: back home, in the address box.
    window.tableList()->setFocus();
    QTest::keyClick(window.tableList(), Qt::Key_L, Qt::ControlModifier);
    settle();
    EXPECT_EQ(window.currentView(), window.homeView());
    EXPECT_TRUE(w.home()->peerEdit()->hasFocus());
    // And the usual find shortcut, from the flowchart.
    w.view()->setFocus();
    QTest::keySequence(w.view(), QKeySequence::Find);
    settle();
    EXPECT_TRUE(w.home()->peerEdit()->hasFocus());
}

TEST(HomeScreen, TypeEnterAuthClickANodeAndEditTheRule)
{
    HomeWindow w;
    MainWindow &window = *w.window;
    SimulatorPanel *home = w.home();
    FlowchartScene *scene = w.scene();

    // A spammer is dropped at connect: the path lights at once, without waiting.
    w.simulate(QStringLiteral("203.0.113.66"));
    ASSERT_TRUE(home->hasResult());
    EXPECT_TRUE(scene->hasPath());
    EXPECT_TRUE(scene->node(engine::StageIds::Spammers)->isLit());
    EXPECT_EQ(scene->node(engine::StageIds::Spammers)->outcome(), NodeOutcome::Refused);
    EXPECT_TRUE(home->result().verdict.drop);
    EXPECT_FALSE(window.flowchartPanel()->startHint()->isVisible());

    // The everyday client is delayed 30 s per command by the catch-all (spammers.tab:10).
    w.simulate(QStringLiteral("203.0.113.10"));
    EXPECT_EQ(home->peerEdit()->text(), QStringLiteral("203.0.113.10"));
    EXPECT_EQ(scene->node(engine::StageIds::Spammers)->outcome(), NodeOutcome::Delay);
    EXPECT_EQ(spammersDelay(scene->path()), 30);
    EXPECT_EQ(home->history().mid(0, 2),
              (QStringList{QStringLiteral("203.0.113.10"), QStringLiteral("203.0.113.66")}));
    EXPECT_FALSE(home->result().authenticated);
    ASSERT_EQ(home->timeline()->runs().size(), 4);
    EXPECT_TRUE(home->timeline()->isVisible());

    // Ticking AUTH: the session logs in, and the timeline compares the AUTH runs:
    // 60 s under XMail 1.27 (EHLO and AUTH each wait 30 s), 5 s with XMF-DelayStart=mail.
    QCheckBox *auth = home->authCheck();
    QTest::mouseClick(auth, Qt::LeftButton, Qt::NoModifier, QPoint(8, auth->height() / 2));
    EXPECT_TRUE(auth->isChecked());
    ASSERT_TRUE(QTest::qWaitFor([home] { return home->result().authenticated; }, 5000));
    QHash<QString, int> totals;
    for (const TimelineRun &run : home->timeline()->runs())
        totals.insert(QStringLiteral("%1/%2").arg(run.xmailCompat).arg(run.authenticated),
                      run.result.totalSeconds);
    EXPECT_EQ(totals.value(QStringLiteral("1/1")), 60);
    EXPECT_EQ(totals.value(QStringLiteral("0/1")), 5);
    EXPECT_TRUE(home->verdictLabel()->text().contains(QStringLiteral("60 s under XMail 1.27")));
    EXPECT_TRUE(home->timeline()->series().at(1)->name().contains(QStringLiteral("60")));
    QTest::mouseClick(auth, Qt::LeftButton, Qt::NoModifier, QPoint(8, auth->height() / 2));
    ASSERT_TRUE(QTest::qWaitFor([home] { return !home->result().authenticated; }, 5000));

    // Clicking the spammers node opens spammers.tab beside the flowchart, at the deciding rule.
    w.clickNode(engine::StageIds::Spammers);
    TableEditor *spammers = window.tableEditor(TableKind::Spammers);
    EXPECT_EQ(window.currentView(), window.homeView());
    ASSERT_EQ(window.tabs()->count(), 1);
    EXPECT_EQ(window.tabs()->currentWidget(), spammers);
    EXPECT_TRUE(spammers->isVisible());
    EXPECT_EQ(spammers->selectedRows(), QList<int>({9}));
    settle();
    const QRect ruleRect = spammers->view()->visualRect(spammers->view()->model()->index(9, 0));
    EXPECT_TRUE(spammers->view()->viewport()->rect().intersects(ruleRect));
    // The lit path stays in sight.
    EXPECT_GT(window.flowchartPanel()->width(), 300);
    EXPECT_TRUE(w.nodeInSight(engine::StageIds::Spammers));
    EXPECT_TRUE(scene->node(engine::StageIds::Spammers)->isLit());

    // Editing the rule's code in the editor (delay 30 s -> 45 s) re-runs the simulation.
    QUndoStack *undo = window.document()->undoStack();
    const int undoCount = undo->count();
    const QModelIndex code = spammers->view()->model()->index(9, 3);
    spammers->view()->scrollTo(code);
    const QPoint cell = spammers->view()->visualRect(code).center();
    QTest::mousePress(spammers->view()->viewport(), Qt::LeftButton, Qt::NoModifier, cell);
    QTest::mouseRelease(spammers->view()->viewport(), Qt::LeftButton, Qt::NoModifier, cell);
    QTest::mouseDClick(spammers->view()->viewport(), Qt::LeftButton, Qt::NoModifier, cell);
    settle();
    auto *codeEditor = spammers->view()->findChild<CodeEditor *>();
    ASSERT_NE(codeEditor, nullptr);
    auto *seconds = codeEditor->findChild<QSpinBox *>();
    ASSERT_NE(seconds, nullptr);
    QLineEdit *secondsText = seconds->findChild<QLineEdit *>();
    QTest::mouseClick(secondsText, Qt::LeftButton);
    QTest::keyClick(secondsText, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(secondsText, QStringLiteral("45"));
    QTest::keyClick(secondsText, Qt::Key_Return);
    settle();
    EXPECT_EQ(undo->count(), undoCount + 1);
    EXPECT_EQ(window.document()->file(TableKind::Spammers).line(9).text,
              QByteArrayLiteral("\"0.0.0.0/0\"\t\"code=-45\""));
    ASSERT_TRUE(QTest::qWaitFor([scene] { return spammersDelay(scene->path()) == 45; }, 5000));
    EXPECT_EQ(home->result().verdict.delaySeconds, 45);
    EXPECT_TRUE(scene->node(engine::StageIds::Spammers)->badge().contains(QStringLiteral("45")));

    // Undo (Ctrl+Z) puts the 30 s back on the path.
    QTest::keyClick(spammers->view(), Qt::Key_Z, Qt::ControlModifier);
    ASSERT_TRUE(QTest::qWaitFor([scene] { return spammersDelay(scene->path()) == 30; }, 5000));
    EXPECT_EQ(undo->count(), undoCount + 1);
    EXPECT_EQ(undo->index(), undoCount);

    // Closing the last table gives the room back to the flowchart.
    qobject_cast<QAbstractButton *>(window.tabs()->tabBar()->tabButton(0, QTabBar::RightSide))
        ->click(); // close spammers.tab
    EXPECT_EQ(window.tabs()->count(), 0);
    EXPECT_FALSE(window.tabs()->isVisible());
}

TEST(HomeScreen, PastingSeveralAddressesOffersThemToTheBatch)
{
    HomeWindow w;
    MainWindow &window = *w.window;
    SimulatorPanel *home = w.home();
    QGuiApplication::clipboard()->setText(
        QStringLiteral("198.51.100.7\n203.0.113.66, 192.0.2.44\nnot-an-address\n"));
    QLineEdit *edit = home->peerEdit();
    QTest::mouseClick(edit, Qt::LeftButton);
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keySequence(edit, QKeySequence::Paste);
    settle();
    EXPECT_EQ(edit->text(), QStringLiteral("198.51.100.7"));
    EXPECT_EQ(home->history().mid(0, 3),
              (QStringList{QStringLiteral("198.51.100.7"), QStringLiteral("203.0.113.66"),
                           QStringLiteral("192.0.2.44")}));
    EXPECT_TRUE(home->hasResult());
    ASSERT_TRUE(home->batchOfferButton()->isVisible());
    EXPECT_TRUE(home->batchOfferButton()->text().contains(QStringLiteral("3")));
    QTest::mouseClick(home->batchOfferButton(), Qt::LeftButton);
    EXPECT_EQ(window.currentView(), window.batchPanel());
    auto *addresses = window.batchPanel()->findChild<QPlainTextEdit *>();
    ASSERT_NE(addresses, nullptr);
    EXPECT_TRUE(addresses->toPlainText().contains(QStringLiteral("203.0.113.66")));
    EXPECT_TRUE(addresses->toPlainText().contains(QStringLiteral("192.0.2.44")));

    // The history comes back with the next window, and its list picks an address.
    w.window.reset();
    HomeWindow again(QStringLiteral("en"), QSize(1366, 768), false);
    SimulatorPanel *next = again.home();
    EXPECT_TRUE(next->history().contains(QStringLiteral("192.0.2.44")));
    next->peerHistory()->setCurrentIndex(int(next->history().indexOf(QStringLiteral("192.0.2.44"))));
    ASSERT_TRUE(QTest::qWaitFor([next] { return next->hasResult(); }, 5000));
    EXPECT_EQ(next->result().steps.isEmpty(), false);
}

TEST(HomeScreen, ScreenshotsAtLaptopAndDesktopSizesInBothLanguages)
{
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("ja")}) {
        for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
            SCOPED_TRACE(QString(language + QLatin1Char(' ') + QString::number(size.width())).toStdString());
            HomeWindow w(language, size);
            EXPECT_LE(w.window->width(), size.width());
            EXPECT_LE(w.window->height(), size.height());
            w.simulate(QStringLiteral("203.0.113.10"));
            settle();
            EXPECT_TRUE(w.scene()->hasPath());
            EXPECT_TRUE(w.home()->timeline()->isVisible());
            EXPECT_GT(w.home()->timeline()->height(), 120);
            EXPECT_GT(w.view()->viewport()->height(), 200);
            EXPECT_TRUE(w.nodeInSight(engine::StageIds::Spammers));
            const QString path = QStringLiteral(XMFLOW_BINARY_DIR "/screenshot-home-%1-%2.png")
                                     .arg(language)
                                     .arg(size.width());
            EXPECT_TRUE(w.window->grab().save(path)) << path.toStdString();
        }
    }
}

TEST(HomeScreen, NoLabelIsClippedAt1366x768InEitherLanguage)
{
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("ja")}) {
        SCOPED_TRACE(language.toStdString());
        HomeWindow w(language);
        MainWindow &window = *w.window;
        EXPECT_LE(window.minimumSizeHint().width(), 1366);
        EXPECT_LE(window.minimumSizeHint().height(), 768);
        EXPECT_EQ(window.size(), QSize(1366, 768));
        w.simulate(QStringLiteral("203.0.113.10"));
        settle();
        EXPECT_TRUE(clippedTexts(&window).isEmpty())
            << clippedTexts(&window).join(QLatin1Char('\n')).toStdString();
        // With a table open beside the flowchart.
        w.clickNode(engine::StageIds::Spammers);
        ASSERT_EQ(window.tabs()->count(), 1);
        EXPECT_TRUE(clippedTexts(&window).isEmpty())
            << clippedTexts(&window).join(QLatin1Char('\n')).toStdString();
        // Every other view of the mode bar (Batch, Daemon, What changes, Suggestions).
        ASSERT_GE(window.views()->count(), 5);
        for (int i = 0; i < window.views()->count(); ++i) {
            QWidget *view = window.views()->widget(i);
            if (view == window.homeView())
                continue;
            SCOPED_TRACE(view->objectName().toStdString());
            window.showView(view);
            settle();
            EXPECT_TRUE(clippedTexts(&window).isEmpty())
                << clippedTexts(&window).join(QLatin1Char('\n')).toStdString();
        }
    }
}

TEST(HomeScreen, StatusTextAndTooltipsFollowTheLanguage)
{
    HomeWindow w;
    MainWindow &window = *w.window;
    EXPECT_TRUE(window.statusBar()->currentMessage().startsWith(QStringLiteral("Opened ")))
        << window.statusBar()->currentMessage().toStdString();

    // Every action of the menus, the toolbars and the flowchart has a tooltip, in both languages.
    QList<QAction *> actions;
    std::function<void(const QList<QAction *> &)> collect = [&](const QList<QAction *> &list) {
        for (QAction *action : list) {
            if (action->isSeparator() || action->text().isEmpty())
                continue;
            if (action->menu())
                collect(action->menu()->actions());
            else if (!actions.contains(action))
                actions << action;
        }
    };
    collect(window.menuBar()->actions());
    for (QToolBar *bar : window.findChildren<QToolBar *>())
        collect(bar->actions());
    QHash<QAction *, QString> english;
    for (QAction *action : std::as_const(actions)) {
        const QString plain = action->text().remove(QLatin1Char('&')).remove(QStringLiteral("…"));
        EXPECT_FALSE(action->toolTip().isEmpty()) << plain.toStdString();
        english.insert(action, action->toolTip());
    }
    const QString englishMessage = window.statusBar()->currentMessage();

    LanguageManager::instance().setLanguage(QStringLiteral("ja"), false);
    settle();
    EXPECT_NE(window.statusBar()->currentMessage(), englishMessage);
    EXPECT_TRUE(window.statusBar()->currentMessage().contains(QStringLiteral("開きました")))
        << window.statusBar()->currentMessage().toStdString();
    for (QAction *action : std::as_const(actions)) {
        if (action->data().toString() == QLatin1String("en") ||
            action->data().toString() == QLatin1String("ja"))
            continue; // the language names are written in their own language
        if (action->text().startsWith(QStringLiteral("/")) || action->text().contains(QDir::separator()))
            continue; // recent folders
        EXPECT_NE(action->toolTip(), english.value(action)) << english.value(action).toStdString();
    }
    EXPECT_EQ(window.viewAction(window.homeView())->text(), QStringLiteral("ホーム"));
    LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
    settle();
    EXPECT_EQ(window.statusBar()->currentMessage(), englishMessage);
}

TEST(HomeScreen, WindowGeometryAndSplittersAreRemembered)
{
    QSize size;
    QList<int> main, home;
    {
        HomeWindow w(QStringLiteral("en"), QSize(1500, 900));
        w.clickNode(engine::StageIds::Spammers);
        w.home()->mainSplitter()->setSizes({400, 300});
        w.window->homeSplitter()->setSizes({700, 500});
        settle();
        size = w.window->size();
        main = w.home()->mainSplitter()->sizes();
        home = w.window->homeSplitter()->sizes();
        EXPECT_TRUE(w.window->close());
        // The next window does not start as on a first run.
        w.window.reset();
        auto window = std::make_unique<MainWindow>(); // no FirstRunSettings
        window->setAsker([](auto &&...) { return QMessageBox::Discard; });
        ASSERT_TRUE(window->openMailRoot(w.dir.path()));
        window->show();
        settle();
        EXPECT_EQ(window->size(), size);
        // The flowchart keeps its share of the height (the default is 62%; it was left at 57%).
        const QList<int> restored = window->simulatorPanel()->mainSplitter()->sizes();
        ASSERT_EQ(restored.size(), 2);
        EXPECT_NEAR(double(restored.at(0)) / (restored.at(0) + restored.at(1)),
                    double(main.at(0)) / (main.at(0) + main.at(1)), 0.01);
        // The table area opens as wide as it was left.
        window->showTable(TableKind::Spammers);
        settle();
        EXPECT_NEAR(window->homeSplitter()->sizes().value(1), home.value(1), 2);
    }
}

// With greylisting on, a client of a whitelisted PTR domain passes; clicking the
// greylisting node opens xmflow-greylist-whitelist.tab at the line that let it through.
TEST(HomeScreen, ClickingGreylistingOpensTheWhitelistLineThatLetTheClientThrough)
{
    HomeWindow w;
    MainWindow &window = *w.window;
    ASSERT_TRUE(window.document()->edit(
        TableKind::Server, QStringLiteral("greylisting on"), [](model::TabFile &file) {
            file.appendRecord({QStringLiteral("XMF-Greylist"), QStringLiteral("1")});
        }));
    w.home()->setAssumedRdns(QStringLiteral("mail-yw1.google.com"));
    w.simulate(QStringLiteral("192.0.2.50"));
    FlowchartScene *scene = w.scene();
    auto greylistStep = [scene]() -> const engine::StagePathStep * {
        for (const engine::StagePathStep &step : scene->path())
            if (step.stage == engine::StageIds::Greylist)
                return &step;
        return nullptr;
    };
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return greylistStep() && greylistStep()->file == QStringLiteral("xmflow-greylist-whitelist.tab");
        },
        5000));
    // google.com is line 7 of the sample's list.
    EXPECT_EQ(greylistStep()->line, 7);
    EXPECT_TRUE(
        greylistStep()->effect.en.contains(QStringLiteral("xmflow-greylist-whitelist.tab:7 (google.com)")))
        << greylistStep()->effect.en.toStdString();

    w.clickNode(engine::StageIds::Greylist);
    TableEditor *whitelist = window.tableEditor(TableKind::GreylistWhitelist);
    ASSERT_NE(whitelist, nullptr);
    EXPECT_EQ(window.tabs()->currentWidget(), whitelist);
    EXPECT_TRUE(whitelist->isVisible());
    EXPECT_EQ(whitelist->selectedRows(), QList<int>({6}));
}

#include "MainWindow.h"

#include "AppResources.h"
#include "BatchSimulationPanel.h"
#include "DaemonPanel.h"
#include "DiagnosticsPanel.h"
#include "FlowchartPanel.h"
#include "FlowchartScene.h"
#include "FlowchartView.h"
#include "ImpactPanel.h"
#include "LanguageManager.h"
#include "RecentMailRoots.h"
#include "ReportBuilder.h"
#include "SampleMailRoot.h"
#include "ServerEditor.h"
#include "SimulatorPanel.h"
#include "SuggestionsPanel.h"
#include "TableEditor.h"
#include "TableListModel.h"
#include "TableSchema.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QPrintDialog>
#include <QPrinter>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

namespace xmflow::gui {

namespace {
// The table list's widest: beyond it, long entries wrap (a 1366-pixel screen keeps its flowchart).
constexpr int kTableListMaxWidth = 180;
} // namespace

using model::TableKind;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_document(new MailRootDocument(this)),
      m_tableModel(new TableListModel(m_document, this)), m_tabs(new QTabWidget(this)),
      m_views(new QStackedWidget(this)), m_modeBar(new QToolBar(this)), m_viewGroup(new QActionGroup(this)),
      m_diagnostics(new DiagnosticsPanel(this)), m_diagnosticsDock(new QDockWidget(this)),
      m_tablesDock(new QDockWidget(this)), m_tableList(new QListView(this)),
      m_rootChooser(new QComboBox(this)), m_rootLabel(new QLabel(this)), m_pathLabel(new QLabel(this)),
      m_findingsLabel(new QLabel(this)), m_modifiedLabel(new QLabel(this)),
      m_watcher(new QFileSystemWatcher(this)), m_diskTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(icon(QStringLiteral("xmflow")));
    m_views->setObjectName(QStringLiteral("Views"));
    setCentralWidget(m_views);
    m_tabs->setObjectName(QStringLiteral("TableTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTable);

    // One editor per table, opened in m_tabs only when asked for.
    m_serverEditor = new ServerEditor(m_document, this);
    m_serverEditor->hide();
    m_editors.insert(TableKind::Server, m_serverEditor->linesEditor());
    m_tabKinds.append(TableKind::Server);
    for (TableKind kind : model::allTableKinds()) {
        if (kind == TableKind::Server)
            continue;
        auto *editor = new TableEditor(m_document, kind, this);
        editor->hide();
        m_editors.insert(kind, editor);
        m_tabKinds.append(kind);
    }
    for (TableEditor *editor : std::as_const(m_editors))
        connect(editor, &TableEditor::statusMessage, this,
                [this](const QString &message) { statusBar()->showMessage(message, 5000); });

    m_modeBar->setObjectName(QStringLiteral("ModeBar"));
    m_modeBar->setMovable(false);
    m_modeBar->setFloatable(false);
    m_modeBar->setIconSize(QSize(28, 28));
    m_modeBar->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    m_modeBar->setContextMenuPolicy(Qt::PreventContextMenu);
    addToolBar(Qt::LeftToolBarArea, m_modeBar);
    m_modeSeparator = m_modeBar->addSeparator();
    m_viewGroup->setExclusive(true);

    createHome();
    createViews();
    createActions();
    createMenus();
    createDocks();

    statusBar()->addPermanentWidget(m_modifiedLabel);
    statusBar()->addPermanentWidget(m_findingsLabel);
    statusBar()->addPermanentWidget(m_pathLabel);
    m_pathLabel->setMaximumWidth(420);

    m_diskTimer->setSingleShot(true);
    m_diskTimer->setInterval(400);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_diskTimer, qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_diskTimer, qOverload<>(&QTimer::start));
    connect(m_diskTimer, &QTimer::timeout, this, &MainWindow::checkDiskChanges);

    connect(m_document, &MailRootDocument::diagnosticsChanged, this, [this] {
        m_diagnostics->setDiagnostics(m_document->diagnostics());
        updateStatus();
    });
    connect(m_document, &MailRootDocument::modifiedChanged, this, [this] {
        updateTitle();
        updateStatus();
        updateTabTexts();
    });
    connect(m_document, &MailRootDocument::tableChanged, this, [this](TableKind kind) {
        updateTabTexts();
        // Show what an edit, undo or redo changed, unless it is already in front.
        if (currentView() != homeView() || m_tabs->currentWidget() != pageFor(kind))
            showTable(kind);
    });
    connect(m_document, &MailRootDocument::saved, this, [this] {
        m_ignoredDiskChanges.clear();
        watchFiles();
        updateTabTexts();
    });
    connect(m_diagnostics, &DiagnosticsPanel::lineActivated, this, &MainWindow::goToLine);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it)
            if (pageFor(it.key()) == m_tabs->currentWidget())
                m_tableList->setCurrentIndex(m_tableModel->indexOf(it.key()));
    });

    retranslateUi();
    restoreLayout();
}

MainWindow::~MainWindow()
{
    // The document (a child) outlives this part of the window: stop listening to it.
    m_document->undoStack()->disconnect(this);
    m_document->disconnect(this);
}

void MainWindow::createActions()
{
    m_openAction = new QAction(icon(QStringLiteral("open")), QString(), this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseMailRoot);
    m_openSampleAction = new QAction(this);
    connect(m_openSampleAction, &QAction::triggered, this, &MainWindow::openSample);
    m_saveAction = new QAction(icon(QStringLiteral("save")), QString(), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::save);
    m_reloadAction = new QAction(this);
    m_reloadAction->setShortcut(QKeySequence::Refresh);
    connect(m_reloadAction, &QAction::triggered, this, [this] {
        if (!m_document->isOpen() || !maybeSave())
            return;
        openMailRoot(m_document->directory());
    });
    m_exportAction = new QAction(icon(QStringLiteral("export")), QString(), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportTables);
    m_reportAction = new QAction(icon(QStringLiteral("report")), QString(), this);
    m_reportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(m_reportAction, &QAction::triggered, this, &MainWindow::exportReport);
    m_printAction = new QAction(this);
    m_printAction->setShortcut(QKeySequence::Print);
    connect(m_printAction, &QAction::triggered, this, &MainWindow::printReport);
    m_quitAction = new QAction(this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    QUndoStack *undo = m_document->undoStack();
    m_undoAction = new QAction(icon(QStringLiteral("undo")), QString(), this);
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_undoAction->setEnabled(false);
    connect(m_undoAction, &QAction::triggered, undo, &QUndoStack::undo);
    connect(undo, &QUndoStack::canUndoChanged, m_undoAction, &QAction::setEnabled);
    connect(undo, &QUndoStack::undoTextChanged, this, [this] { retranslateUi(); });
    m_redoAction = new QAction(icon(QStringLiteral("redo")), QString(), this);
    m_redoAction->setShortcut(QKeySequence::Redo);
    m_redoAction->setEnabled(false);
    connect(m_redoAction, &QAction::triggered, undo, &QUndoStack::redo);
    connect(undo, &QUndoStack::canRedoChanged, m_redoAction, &QAction::setEnabled);
    connect(undo, &QUndoStack::redoTextChanged, this, [this] { retranslateUi(); });

    const auto onEditor = [this](void (TableEditor::*method)()) {
        return [this, method] {
            if (TableEditor *editor = currentTableEditor())
                (editor->*method)();
        };
    };
    m_addAction = new QAction(icon(QStringLiteral("add")), QString(), this);
    m_addAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    connect(m_addAction, &QAction::triggered, this, onEditor(&TableEditor::addRow));
    m_deleteAction = new QAction(icon(QStringLiteral("remove")), QString(), this);
    connect(m_deleteAction, &QAction::triggered, this, onEditor(&TableEditor::deleteRows));
    m_upAction = new QAction(icon(QStringLiteral("up")), QString(), this);
    connect(m_upAction, &QAction::triggered, this, onEditor(&TableEditor::moveUp));
    m_downAction = new QAction(icon(QStringLiteral("down")), QString(), this);
    connect(m_downAction, &QAction::triggered, this, onEditor(&TableEditor::moveDown));
    m_copyAction = new QAction(this);
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyAction, &QAction::triggered, this, onEditor(&TableEditor::copyRows));
    m_pasteAction = new QAction(this);
    m_pasteAction->setShortcut(QKeySequence::Paste);
    m_pasteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_pasteAction, &QAction::triggered, this, onEditor(&TableEditor::pasteRows));
    m_tabs->addAction(m_copyAction);
    m_tabs->addAction(m_pasteAction);
    // Find: the open table's filter when the focus is in it, else the client address.
    m_findAction = new QAction(this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        TableEditor *editor = currentTableEditor();
        QWidget *focus = QApplication::focusWidget();
        if (editor && focus && m_tabs->isAncestorOf(focus))
            editor->focusFilter();
        else
            focusAddress();
    });
    m_focusAddressAction = new QAction(icon(QStringLiteral("simulator")), QString(), this);
    m_focusAddressAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_focusAddressAction->setShortcutContext(Qt::ApplicationShortcut);
    connect(m_focusAddressAction, &QAction::triggered, this, &MainWindow::focusAddress);
    addAction(m_focusAddressAction);
    m_matchAction = new QAction(icon(QStringLiteral("match")), QString(), this);
    m_matchAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(m_matchAction, &QAction::triggered, this, onEditor(&TableEditor::focusMatch));

    m_aboutAction = new QAction(this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::about);

    m_languageGroup = new QActionGroup(this);
    m_englishAction = new QAction(LanguageManager::nativeName(QStringLiteral("en")), m_languageGroup);
    m_englishAction->setData(QStringLiteral("en"));
    m_japaneseAction = new QAction(LanguageManager::nativeName(QStringLiteral("ja")), m_languageGroup);
    m_japaneseAction->setData(QStringLiteral("ja"));
    for (QAction *action : m_languageGroup->actions())
        action->setCheckable(true);
    connect(m_languageGroup, &QActionGroup::triggered, this,
            [](QAction *action) { LanguageManager::instance().setLanguage(action->data().toString()); });
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openAction);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_fileMenu->addAction(m_openSampleAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_saveAction);
    m_fileMenu->addAction(m_reloadAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_exportAction);
    m_fileMenu->addAction(m_reportAction);
    m_fileMenu->addAction(m_printAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->addAction(m_undoAction);
    m_editMenu->addAction(m_redoAction);
    m_editMenu->addSeparator();
    m_editMenu->addAction(m_copyAction);
    m_editMenu->addAction(m_pasteAction);
    m_editMenu->addSeparator();
    m_editMenu->addAction(m_addAction);
    m_editMenu->addAction(m_deleteAction);
    m_editMenu->addAction(m_upAction);
    m_editMenu->addAction(m_downAction);
    m_editMenu->addSeparator();
    m_editMenu->addAction(m_findAction);
    m_editMenu->addAction(m_matchAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_tablesDock->toggleViewAction());
    m_viewMenu->addAction(m_diagnosticsDock->toggleViewAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addActions(m_viewGroup->actions());
    m_viewMenu->addAction(m_focusAddressAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_startDaemonAction);
    m_viewMenu->addAction(m_stopDaemonAction);

    m_languageMenu = menuBar()->addMenu(QString());
    m_languageMenu->addActions(m_languageGroup->actions());

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);

    m_mainToolBar = addToolBar(QString());
    m_mainToolBar->setObjectName(QStringLiteral("MainToolBar"));
    m_mainToolBar->setIconSize(QSize(20, 20));
    m_mainToolBar->addWidget(m_rootLabel);
    m_rootChooser->setMinimumContentsLength(40);
    m_rootChooser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_mainToolBar->addWidget(m_rootChooser);
    m_mainToolBar->addAction(m_openAction);
    m_mainToolBar->addAction(m_saveAction);
    m_mainToolBar->addSeparator();
    m_mainToolBar->addAction(m_undoAction);
    m_mainToolBar->addAction(m_redoAction);
    m_mainToolBar->addSeparator();
    m_mainToolBar->addAction(m_exportAction);
    m_mainToolBar->addAction(m_reportAction);
    connect(m_rootChooser, &QComboBox::activated, this, [this](int index) {
        const QString dir = m_rootChooser->itemData(index).toString();
        if (dir.isEmpty()) {
            chooseMailRoot();
        } else if (dir != m_document->directory() && maybeSave()) {
            openMailRoot(dir);
        }
        rebuildRecentMenu();
    });
}

void MainWindow::createDocks()
{
    m_tablesDock->setObjectName(QStringLiteral("TablesDock"));
    m_tableList->setModel(m_tableModel);
    m_tableList->setIconSize(QSize(20, 20));
    m_tableList->setSpacing(2);
    m_tableList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Long names and descriptions wrap (after a hyphen, between Japanese characters) rather than being cut.
    m_tableList->setWordWrap(true);
    m_tableList->setResizeMode(QListView::Adjust);
    connect(m_tableModel, &QAbstractItemModel::dataChanged, this, &MainWindow::fitTableList);
    m_tablesDock->setWidget(m_tableList);
    addDockWidget(Qt::LeftDockWidgetArea, m_tablesDock);
    connect(m_tableList, &QListView::clicked, this, [this](const QModelIndex &index) {
        showTable(TableKind(index.data(TableListModel::KindRole).toInt()));
    });
    connect(m_tableList, &QListView::activated, this, [this](const QModelIndex &index) {
        showTable(TableKind(index.data(TableListModel::KindRole).toInt()));
    });

    m_diagnosticsDock->setObjectName(QStringLiteral("DiagnosticsDock"));
    m_diagnosticsDock->setWidget(m_diagnostics);
    addDockWidget(Qt::BottomDockWidgetArea, m_diagnosticsDock);
    resizeDocks({m_tablesDock}, {200}, Qt::Horizontal);
    resizeDocks({m_diagnosticsDock}, {210}, Qt::Vertical);
    // The flowchart needs the height: the findings open from the mode bar (or by
    // themselves when the MailRoot has errors).
    m_diagnosticsDock->hide();

    // The docks' toggles, under the views in the mode bar.
    QAction *tablesToggle = m_tablesDock->toggleViewAction();
    tablesToggle->setIcon(icon(QStringLiteral("table")));
    QAction *findingsToggle = m_diagnosticsDock->toggleViewAction();
    findingsToggle->setIcon(icon(QStringLiteral("warning")));
    m_modeBar->addAction(tablesToggle);
    m_modeBar->addAction(findingsToggle);
}

// The table list is as wide as its widest entry (file name and description) in the
// current language, so no description is cut.
void MainWindow::fitTableList()
{
    const int frame = 2 * m_tableList->frameWidth();
    const int scrollBar = m_tableList->verticalScrollBar()->sizeHint().width();
    m_tableList->setMinimumWidth(
        qMin(kTableListMaxWidth, m_tableList->sizeHintForColumn(0) + frame + scrollBar));
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_editMenu->setTitle(tr("&Edit"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_mainToolBar->setWindowTitle(tr("Main toolbar"));

    m_openAction->setText(tr("&Open MailRoot…"));
    m_openAction->setToolTip(tr("Open an XMail MailRoot folder"));
    m_openSampleAction->setText(tr("Open the &Sample MailRoot"));
    m_openSampleAction->setToolTip(tr("Open the sample MailRoot that comes with xmflow"));
    m_saveAction->setText(tr("&Save"));
    m_saveAction->setToolTip(tr("Save the changed tables (the previous files are kept as .bak)"));
    m_reloadAction->setText(tr("Re&load from Disk"));
    m_reloadAction->setToolTip(tr("Read the tables again from the MailRoot folder"));
    m_exportAction->setText(tr("&Export Tables…"));
    m_exportAction->setToolTip(tr("Write every table to a folder, ready for XMail"));
    m_reportAction->setText(tr("Export &Report (PDF/HTML)…"));
    m_reportAction->setToolTip(tr("Write a printable report of the tables, variables and findings"));
    m_printAction->setText(tr("&Print Report…"));
    m_printAction->setToolTip(tr("Print the report of the tables, variables and findings"));
    m_quitAction->setText(tr("&Quit"));
    m_quitAction->setToolTip(tr("Close xmflow"));

    QUndoStack *undo = m_document->undoStack();
    m_undoAction->setText(undo->canUndo() ? tr("&Undo %1").arg(undo->undoText()) : tr("&Undo"));
    m_redoAction->setText(undo->canRedo() ? tr("&Redo %1").arg(undo->redoText()) : tr("&Redo"));
    m_undoAction->setToolTip(undo->canUndo() ? tr("Undo: %1").arg(undo->undoText())
                                             : tr("Undo the last change"));
    m_redoAction->setToolTip(undo->canRedo() ? tr("Redo: %1").arg(undo->redoText())
                                             : tr("Redo the change undone last"));
    m_addAction->setText(tr("&Add Line"));
    m_addAction->setToolTip(tr("Add a line to the open table"));
    m_deleteAction->setText(tr("&Delete Lines"));
    m_deleteAction->setToolTip(tr("Delete the selected lines of the open table"));
    m_upAction->setText(tr("Move &Up"));
    m_upAction->setToolTip(tr("Move the selected lines up (the first matching line wins)"));
    m_downAction->setText(tr("Move Do&wn"));
    m_downAction->setToolTip(tr("Move the selected lines down (the first matching line wins)"));
    m_copyAction->setText(tr("&Copy Lines"));
    m_copyAction->setToolTip(tr("Copy the selected lines as tab-file text"));
    m_pasteAction->setText(tr("&Paste Lines"));
    m_pasteAction->setToolTip(tr("Paste tab-file lines into the open table"));
    m_findAction->setText(tr("&Find…"));
    m_matchAction->setText(tr("Which Lines Match an &IP?"));
    m_matchAction->setToolTip(tr("Mark the lines of the open table that match an IP address"));
    m_aboutAction->setText(tr("&About xmflow"));
    m_aboutAction->setToolTip(tr("The version of xmflow and what it is for"));
    m_englishAction->setToolTip(tr("Show xmflow in English"));
    m_japaneseAction->setToolTip(tr("Show xmflow in Japanese"));

    m_startDaemonAction->setText(tr("&Start Daemon"));
    m_startDaemonAction->setToolTip(tr("Start the bundled xmflowd on this MailRoot"));
    m_stopDaemonAction->setText(tr("S&top Daemon"));
    m_stopDaemonAction->setToolTip(tr("Stop the running xmflowd"));
    m_focusAddressAction->setText(tr("Simulate a Client &Address…"));
    m_focusAddressAction->setToolTip(tr("Type a client address on the home view and press Enter (Ctrl+L)"));
    m_findAction->setToolTip(tr("Filter the open table, or type a client address (Ctrl+F)"));
    m_modeBar->setWindowTitle(tr("Views"));
    m_tablesDock->setWindowTitle(tr("Tables"));
    m_diagnosticsDock->setWindowTitle(tr("Findings"));
    m_tablesDock->toggleViewAction()->setToolTip(
        tr("Show or hide the list of tables; click a table to open it beside the flowchart"));
    m_diagnosticsDock->toggleViewAction()->setToolTip(
        tr("Show or hide the findings: lines XMail cannot use, and risky settings"));
    m_tableList->setToolTip(tr("Click a table to open it beside the flowchart"));
    fitTableList();
    const QHash<QWidget *, std::pair<QString, QString>> names{
        {homeView(),
         {tr("Home"),
          tr("The flowchart of this MailRoot and the simulator: what happens to a client address")}},
        {m_batch, {tr("Batch"), tr("Simulate many client IPs at once, pasted or from an XMail smtp log")}},
        {m_daemon, {tr("Daemon"), tr("Run the bundled xmflowd on this MailRoot and watch it live")}},
    };
    for (QAction *action : m_viewGroup->actions()) {
        auto *view = action->data().value<QWidget *>();
        if (names.contains(view)) {
            action->setText(names.value(view).first);
            action->setToolTip(names.value(view).second);
        } else if (view && !view->windowTitle().isEmpty()) {
            action->setText(view->windowTitle());
        }
    }
    m_rootLabel->setText(tr("MailRoot:") + QLatin1Char(' '));
    m_rootChooser->setToolTip(tr("Recently opened MailRoot folders"));

    const QString lang = currentLanguage();
    m_englishAction->setChecked(lang == QLatin1String("en"));
    m_japaneseAction->setChecked(lang == QLatin1String("ja"));

    rebuildRecentMenu();
    updateTabTexts();
    updateTitle();
    updateStatus();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        // The message on show is said again in the new language.
        if (m_statusText && !m_statusShown.isEmpty() && statusBar()->currentMessage() == m_statusShown) {
            m_statusShown = m_statusText();
            statusBar()->showMessage(m_statusShown, 5000);
        }
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentMailRoots();
    for (const QString &dir : recent) {
        QAction *action = m_recentMenu->addAction(QDir::toNativeSeparators(dir));
        connect(action, &QAction::triggered, this, [this, dir] {
            if (maybeSave())
                openMailRoot(dir);
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());

    const QSignalBlocker blocker(m_rootChooser);
    m_rootChooser->clear();
    QStringList entries;
    if (m_document->isOpen())
        entries << m_document->directory();
    for (const QString &dir : recent)
        if (!entries.contains(dir))
            entries << dir;
    const QString sample = sampleMailRoot();
    for (const QString &dir : std::as_const(entries))
        m_rootChooser->addItem(dir == sample ? tr("%1 (sample)").arg(QDir::toNativeSeparators(dir))
                                             : QDir::toNativeSeparators(dir),
                               dir);
    if (!entries.contains(sample))
        m_rootChooser->addItem(tr("%1 (sample)").arg(QDir::toNativeSeparators(sample)), sample);
    m_rootChooser->addItem(tr("Browse…"), QString());
    m_rootChooser->setCurrentIndex(0);
}

void MainWindow::updateTitle()
{
    QString title = tr("xmflow");
    if (m_document->isOpen())
        title =
            QStringLiteral("%1[*] — %2").arg(QDir::toNativeSeparators(m_document->directory()), tr("xmflow"));
    setWindowTitle(title);
    setWindowModified(m_document->isModified());
}

void MainWindow::updateStatus()
{
    int errors = 0, warnings = 0;
    for (const auto &d : m_document->diagnostics()) {
        if (d.severity == model::Severity::Error)
            ++errors;
        else if (d.severity == model::Severity::Warning)
            ++warnings;
    }
    m_findingsLabel->setText(tr("%1 errors, %2 warnings").arg(errors).arg(warnings));
    m_modifiedLabel->setText(m_document->isModified() ? tr("Unsaved changes") : QString());
    m_pathLabel->setText(m_document->isOpen() ? QDir::toNativeSeparators(m_document->directory())
                                              : tr("No MailRoot open"));
    m_saveAction->setEnabled(m_document->isModified());
}

void MainWindow::updateTabTexts()
{
    for (TableKind kind : std::as_const(m_tabKinds)) {
        const int index = m_tabs->indexOf(pageFor(kind));
        if (index < 0)
            continue;
        QString text = model::tableFileName(kind);
        if (m_document->isOpen() && m_document->isModified(kind))
            text += QStringLiteral(" *");
        m_tabs->setTabText(index, text);
        m_tabs->setTabToolTip(index, TableSchema::description(kind));
    }
    m_tabs->setVisible(m_tabs->count() > 0);
}

bool MainWindow::openMailRoot(const QString &directory)
{
    QString error;
    if (!m_document->open(directory, &error)) {
        ask(tr("Cannot open the MailRoot"),
            tr("%1 cannot be opened: %2").arg(QDir::toNativeSeparators(directory), error), QMessageBox::Ok,
            QMessageBox::Ok);
        return false;
    }
    addRecentMailRoot(m_document->directory());
    QSettings().setValue(QStringLiteral("lastMailRoot"), m_document->directory());
    m_ignoredDiskChanges.clear();
    watchFiles();
    rebuildRecentMenu();
    updateTitle();
    updateStatus();
    updateTabTexts();
    m_flowchart->setStartHintVisible(isSampleMailRoot(m_document->directory()));
    for (const auto &d : m_document->diagnostics())
        if (d.severity == model::Severity::Error)
            m_diagnosticsDock->show();
    const QString shown = QDir::toNativeSeparators(m_document->directory());
    showStatus([shown] { return tr("Opened %1").arg(shown); });
    return true;
}

void MainWindow::watchFiles()
{
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    if (!m_document->isOpen())
        return;
    QStringList paths{m_document->directory()};
    for (TableKind kind : model::allTableKinds()) {
        const QString path = m_document->root().filePath(kind);
        if (QFileInfo::exists(path))
            paths << path;
    }
    m_watcher->addPaths(paths);
}

QWidget *MainWindow::pageFor(TableKind kind) const
{
    return kind == TableKind::Server ? static_cast<QWidget *>(m_serverEditor) : m_editors.value(kind);
}

void MainWindow::showTable(TableKind kind)
{
    QWidget *page = pageFor(kind);
    if (!page)
        return;
    showHome();
    if (m_tabs->indexOf(page) < 0) {
        const bool first = m_tabs->count() == 0;
        m_tabs->addTab(
            page, icon(kind == TableKind::Server ? QStringLiteral("variables") : QStringLiteral("table")),
            QString());
        updateTabTexts();
        if (first) {
            // Beside the flowchart, which keeps the larger part (or as wide as it was left).
            const int total = m_homeSplitter->width() - m_homeSplitter->handleWidth();
            const int tables = m_tablesWidth > 0 ? qMin(m_tablesWidth, total * 3 / 4) : total * 9 / 20;
            m_homeSplitter->setSizes({total - tables, tables});
        }
    }
    m_tabs->setCurrentWidget(page);
}

void MainWindow::closeTable(int index)
{
    if (m_tabs->count() == 1)
        m_tablesWidth = m_tabs->width();
    m_tabs->removeTab(index);
    updateTabTexts();
}

void MainWindow::goToLine(const QString &file, int line)
{
    const auto kind = model::tableKindForFile(file);
    if (!kind)
        return;
    showTable(*kind);
    if (*kind == TableKind::Server) {
        m_serverEditor->goToLine(line);
    } else if (TableEditor *editor = m_editors.value(*kind)) {
        editor->goToLine(line);
        // A table that just opened gets its size later: bring the line into view again then.
        QTimer::singleShot(0, editor, [editor] {
            editor->view()->scrollTo(editor->view()->currentIndex(), QAbstractItemView::PositionAtCenter);
        });
    }
}

// Home: the simulator's bar, the flowchart with the open tables beside it, the results below.
void MainWindow::createHome()
{
    m_flowchart = new FlowchartPanel(m_document, this);
    m_simulator = new SimulatorPanel(m_document, m_flowchart->scene(), this);
    m_homeSplitter = new QSplitter(Qt::Horizontal, this);
    m_homeSplitter->setObjectName(QStringLiteral("HomeSplitter"));
    m_homeSplitter->addWidget(m_flowchart);
    m_homeSplitter->addWidget(m_tabs);
    m_homeSplitter->setStretchFactor(0, 3);
    m_homeSplitter->setStretchFactor(1, 2);
    m_homeSplitter->setChildrenCollapsible(false);
    m_tabs->setVisible(false);
    m_simulator->setCentralWidget(m_homeSplitter);
    addView(m_simulator, icon(QStringLiteral("home")), QString());

    connect(m_flowchart->scene(), &FlowchartScene::stageActivated, this,
            [this](const QString &stage) { m_activatedStage = stage; });
    connect(m_flowchart->scene(), &FlowchartScene::openRequested, this, &MainWindow::openSource);
    connect(m_flowchart, &FlowchartPanel::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 5000); });
    connect(m_simulator, &SimulatorPanel::lineActivated, this, &MainWindow::goToLine);
    connect(m_simulator, &SimulatorPanel::simulated, m_flowchart, &FlowchartPanel::revealPath);
    // The hint stays until the user runs a session (not the automatic re-runs).
    connect(m_simulator, &SimulatorPanel::userRan, m_flowchart,
            [this] { m_flowchart->setStartHintVisible(false); });
    connect(m_simulator, &SimulatorPanel::batchRequested, this, [this](const QStringList &addresses) {
        m_batch->setAddressText(addresses.join(QLatin1Char('\n')));
        showView(m_batch);
    });
}

// A node click opens the table beside the flowchart, at the rule that decided
// the simulated session when the path went through the node.
void MainWindow::openSource(const QString &file, int line, const QString &variable)
{
    const QString stage = std::exchange(m_activatedStage, QString());
    // A stage read from server.tab whose simulated step was decided by a line of another
    // table (greylisting's whitelist) opens that line.
    const engine::StagePathStep *decided = nullptr;
    for (const engine::StagePathStep &step : m_flowchart->scene()->path())
        if (step.stage == stage && step.line > 0 && step.file != file && model::tableKindForFile(step.file))
            decided = &step;
    if (decided && !variable.isEmpty()) {
        showTable(*model::tableKindForFile(decided->file));
        goToLine(decided->file, decided->line);
    } else if (!variable.isEmpty() && model::tableKindForFile(file) == TableKind::Server) {
        showTable(TableKind::Server);
        m_serverEditor->goToVariable(variable);
    } else if (const auto kind = model::tableKindForFile(file)) {
        FlowchartScene *scene = m_flowchart->scene();
        for (const engine::StagePathStep &step : scene->path())
            if (step.stage == stage && step.file == file && step.line > 0)
                line = step.line;
        showTable(*kind);
        if (line > 0)
            goToLine(file, line);
    }
    // The clicked node stays in sight of the narrower flowchart.
    if (FlowchartNodeItem *node = m_flowchart->scene()->node(stage))
        QTimer::singleShot(0, m_flowchart->view(),
                           [this, node] { m_flowchart->view()->ensureVisible(node, 24, 24); });
}

void MainWindow::createViews()
{
    m_batch = new BatchSimulationPanel(m_document, this);
    m_daemon = new DaemonPanel(m_document, this);
    addView(m_batch, icon(QStringLiteral("batch")), QString());
    addView(m_daemon, icon(QStringLiteral("daemon")), QString());
    // Know before you save: what the unsaved edits do to the logged clients, and
    // spammers.tab lines proposed from the logs (names follow their window titles).
    addView(new ImpactPanel(m_document, this), icon(QStringLiteral("impact")), QString());
    addView(new SuggestionsPanel(m_document, this), icon(QStringLiteral("suggestions")), QString());
    viewAction(m_simulator)->setShortcut(QKeySequence(Qt::Key_F7));
    viewAction(m_batch)->setShortcut(QKeySequence(Qt::Key_F9));
    viewAction(m_daemon)->setShortcut(QKeySequence(Qt::Key_F10));
    m_startDaemonAction = new QAction(this);
    connect(m_startDaemonAction, &QAction::triggered, this, [this] {
        showView(m_daemon);
        m_daemon->startDaemon();
    });
    m_stopDaemonAction = new QAction(this);
    m_stopDaemonAction->setEnabled(false);
    connect(m_stopDaemonAction, &QAction::triggered, m_daemon, &DaemonPanel::stopDaemon);
    connect(m_daemon, &DaemonPanel::daemonStateChanged, this, [this] {
        m_startDaemonAction->setEnabled(!m_daemon->process()->isActive());
        m_stopDaemonAction->setEnabled(m_daemon->process()->isActive());
    });
}

int MainWindow::addView(QWidget *view, const QIcon &icon, const QString &name, const QString &toolTip)
{
    const int index = m_views->addWidget(view);
    auto *action = new QAction(icon, name, m_viewGroup);
    action->setCheckable(true);
    action->setData(QVariant::fromValue(view));
    action->setToolTip(toolTip.isEmpty() ? name : toolTip);
    if (!view->windowTitle().isEmpty())
        action->setText(view->windowTitle());
    connect(action, &QAction::triggered, this, [this, view] { showView(view); });
    m_modeBar->insertAction(m_modeSeparator, action);
    if (m_viewMenu) // views added after the menus were built
        m_viewMenu->insertAction(m_focusAddressAction, action);
    view->installEventFilter(this); // follows its windowTitle
    if (index == 0)
        action->setChecked(true);
    return index;
}

void MainWindow::showView(QWidget *view)
{
    if (m_views->indexOf(view) < 0)
        return;
    m_views->setCurrentWidget(view);
    if (QAction *action = viewAction(view))
        action->setChecked(true);
}

QWidget *MainWindow::currentView() const
{
    return m_views->currentWidget();
}

QAction *MainWindow::viewAction(QWidget *view) const
{
    for (QAction *action : m_viewGroup->actions())
        if (action->data().value<QWidget *>() == view)
            return action;
    return nullptr;
}

QWidget *MainWindow::homeView() const
{
    return m_simulator;
}

void MainWindow::showHome()
{
    showView(m_simulator);
}

void MainWindow::focusAddress()
{
    showHome();
    m_simulator->focusAddress();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::WindowTitleChange)
        if (auto *view = qobject_cast<QWidget *>(watched); view && !view->windowTitle().isEmpty())
            if (QAction *action = viewAction(view))
                action->setText(view->windowTitle());
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showStatus(std::function<QString()> text, int timeout)
{
    m_statusText = std::move(text);
    m_statusShown = m_statusText();
    statusBar()->showMessage(m_statusShown, timeout);
}

// First run: a size that fits the screen; later, the window, docks and splitters as left.
void MainWindow::restoreLayout()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("mainWindow/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        const QRect screen = (this->screen() ? this->screen()->availableGeometry() : QRect(0, 0, 1366, 768));
        resize(qMin(screen.width(), 1600), qMin(screen.height(), 1000));
    }
    m_tablesWidth = settings.value(QStringLiteral("mainWindow/tablesWidth"), 0).toInt();
    const QByteArray state = settings.value(QStringLiteral("mainWindow/state")).toByteArray();
    if (!state.isEmpty())
        restoreState(state);
    for (QSplitter *splitter : findChildren<QSplitter *>()) {
        const QByteArray sizes =
            settings.value(QStringLiteral("mainWindow/splitters/") + splitter->objectName()).toByteArray();
        if (!splitter->objectName().isEmpty() && !sizes.isEmpty())
            splitter->restoreState(sizes);
    }
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/tablesWidth"),
                      m_tabs->isVisible() ? m_tabs->width() : m_tablesWidth);
    for (QSplitter *splitter : findChildren<QSplitter *>())
        if (!splitter->objectName().isEmpty() && splitter != m_homeSplitter) // that one: m_tablesWidth
            settings.setValue(QStringLiteral("mainWindow/splitters/") + splitter->objectName(),
                              splitter->saveState());
}

TableEditor *MainWindow::currentTableEditor() const
{
    QWidget *page = m_tabs->currentWidget();
    if (page == m_serverEditor)
        return m_serverEditor->linesEditor();
    return qobject_cast<TableEditor *>(page);
}

QMessageBox::StandardButton MainWindow::ask(const QString &title, const QString &text,
                                            QMessageBox::StandardButtons buttons,
                                            QMessageBox::StandardButton defaultButton)
{
    if (m_ask)
        return m_ask(title, text, buttons, defaultButton);
    QMessageBox box(QMessageBox::Question, title, text, buttons, this);
    box.setDefaultButton(defaultButton);
    return QMessageBox::StandardButton(box.exec());
}

bool MainWindow::save()
{
    if (!m_document->isOpen())
        return false;
    QString error;
    if (!m_document->save(&error)) {
        ask(tr("Save failed"),
            tr("The tables could not be saved: %1\nNo file was left half written.").arg(error),
            QMessageBox::Ok, QMessageBox::Ok);
        return false;
    }
    showStatus([] { return tr("Saved; the previous files are kept as .bak"); });
    return true;
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const auto answer =
        ask(tr("Unsaved changes"), tr("The MailRoot has unsaved changes. Save them before continuing?"),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_daemon->shutdown(); // the daemon does not outlive the window
    saveLayout();
    event->accept();
}

void MainWindow::chooseMailRoot()
{
    const QString start = m_document->isOpen() ? m_document->directory() : QDir::homePath();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose an XMail MailRoot folder"), start);
    if (!dir.isEmpty() && maybeSave())
        openMailRoot(dir);
}

void MainWindow::openSample()
{
    if (maybeSave())
        openMailRoot(sampleMailRoot());
}

void MainWindow::checkDiskChanges()
{
    if (!m_document->isOpen() || m_askingAboutDisk)
        return;
    QList<TableKind> changed;
    for (TableKind kind : m_document->changedOnDisk())
        if (!m_ignoredDiskChanges.contains(kind))
            changed.append(kind);
    watchFiles(); // an atomic replace drops the old file from the watcher
    if (changed.isEmpty())
        return;
    QStringList names;
    bool losesEdits = false;
    for (TableKind kind : changed) {
        names << model::tableFileName(kind);
        losesEdits = losesEdits || m_document->isModified(kind);
    }
    QString text = tr("These files were changed by another program:\n%1\n\nReload them?")
                       .arg(names.join(QLatin1Char('\n')));
    if (losesEdits)
        text += QStringLiteral("\n\n") + tr("Your unsaved edits in them will be lost.");
    m_askingAboutDisk = true;
    const auto answer = ask(tr("Files changed on disk"), text, QMessageBox::Yes | QMessageBox::No,
                            losesEdits ? QMessageBox::No : QMessageBox::Yes);
    m_askingAboutDisk = false;
    if (answer == QMessageBox::Yes) {
        QString error;
        if (!m_document->reload(changed, &error))
            ask(tr("Reload failed"), error, QMessageBox::Ok, QMessageBox::Ok);
        else
            showStatus([names] { return tr("Reloaded %1").arg(names.join(QStringLiteral(", "))); });
    } else {
        for (TableKind kind : changed)
            m_ignoredDiskChanges.insert(kind);
    }
}

void MainWindow::exportTables()
{
    if (!m_document->isOpen())
        return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export the tables to a folder"));
    if (dir.isEmpty())
        return;
    bool drop = false;
    const QStringList extensions = m_document->extensionVariables();
    if (!extensions.isEmpty()) {
        const auto answer = ask(tr("xmflow extensions in server.tab"),
                                tr("server.tab uses xmflow extensions that plain XMail 1.27 ignores:\n%1\n\n"
                                   "Yes: leave them out (for plain XMail).\nNo: keep them (for xmflowd).")
                                    .arg(extensions.join(QLatin1Char('\n'))),
                                QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel, QMessageBox::Yes);
        if (answer == QMessageBox::Cancel)
            return;
        drop = answer == QMessageBox::Yes;
    }
    QStringList dropped;
    QString error;
    if (!m_document->exportTo(dir, drop, &dropped, &error)) {
        ask(tr("Export failed"), error, QMessageBox::Ok, QMessageBox::Ok);
        return;
    }
    showStatus(
        [dir, dropped] {
            QString message = tr("Exported the tables to %1").arg(QDir::toNativeSeparators(dir));
            if (!dropped.isEmpty())
                message += QStringLiteral("; ") + tr("left out: %1").arg(dropped.join(QStringLiteral(", ")));
            return message;
        },
        8000);
}

void MainWindow::exportReport()
{
    if (!m_document->isOpen())
        return;
    QString selected;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export the configuration report"),
                                     QDir::home().filePath(QStringLiteral("xmflow-report.pdf")),
                                     tr("PDF (*.pdf);;HTML (*.html)"), &selected);
    if (path.isEmpty())
        return;
    QString error;
    const bool html = path.endsWith(QLatin1String(".html"), Qt::CaseInsensitive) ||
                      path.endsWith(QLatin1String(".htm"), Qt::CaseInsensitive);
    const bool ok = html ? ReportBuilder::writeHtml(*m_document, path, &error)
                         : ReportBuilder::writePdf(*m_document, path, &error);
    if (!ok)
        ask(tr("Export failed"), error, QMessageBox::Ok, QMessageBox::Ok);
    else
        showStatus([path] { return tr("Report written to %1").arg(QDir::toNativeSeparators(path)); }, 8000);
}

void MainWindow::printReport()
{
    if (!m_document->isOpen())
        return;
    QPrinter printer(QPrinter::HighResolution);
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() == QDialog::Accepted)
        ReportBuilder::print(*m_document, &printer);
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About xmflow"),
        tr("<b>xmflow %1</b><br/>See, check and edit what an XMail 1.27 MailRoot does with each SMTP client.")
            .arg(QCoreApplication::applicationVersion()));
}

} // namespace xmflow::gui

#include "MainWindow.h"

#include "AppResources.h"
#include "RecentMailRoots.h"
#include "SampleMailRoot.h"
#include "BatchSimulationPanel.h"
#include "ImpactPanel.h"
#include "SuggestionsPanel.h"
#include "DaemonPanel.h"
#include "DiagnosticsPanel.h"
#include "FlowchartPanel.h"
#include "FlowchartScene.h"
#include "LanguageManager.h"
#include "ReportBuilder.h"
#include "ServerEditor.h"
#include "SimulatorPanel.h"
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
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

namespace xmflow::gui {

using model::TableKind;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new MailRootDocument(this))
    , m_tableModel(new TableListModel(m_document, this))
    , m_tabs(new QTabWidget(this))
    , m_diagnostics(new DiagnosticsPanel(this))
    , m_diagnosticsDock(new QDockWidget(this))
    , m_tablesDock(new QDockWidget(this))
    , m_tableList(new QListView(this))
    , m_rootChooser(new QComboBox(this))
    , m_rootLabel(new QLabel(this))
    , m_pathLabel(new QLabel(this))
    , m_findingsLabel(new QLabel(this))
    , m_modifiedLabel(new QLabel(this))
    , m_watcher(new QFileSystemWatcher(this))
    , m_diskTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(icon(QStringLiteral("xmflow")));
    m_tabs->setObjectName(QStringLiteral("CentralTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true);
    setCentralWidget(m_tabs);

    // One editor tab per table, server.tab first.
    m_serverEditor = new ServerEditor(m_document, m_tabs);
    m_editors.insert(TableKind::Server, m_serverEditor->linesEditor());
    m_tabs->addTab(m_serverEditor, icon(QStringLiteral("variables")), QString());
    m_tabKinds.append(TableKind::Server);
    for (TableKind kind : model::allTableKinds()) {
        if (kind == TableKind::Server)
            continue;
        auto *editor = new TableEditor(m_document, kind, m_tabs);
        m_editors.insert(kind, editor);
        m_tabs->addTab(editor, icon(QStringLiteral("table")), QString());
        m_tabKinds.append(kind);
    }
    for (TableEditor *editor : std::as_const(m_editors))
        connect(editor, &TableEditor::statusMessage, this, [this](const QString &message) { statusBar()->showMessage(message, 5000); });
    createSimulationTabs();

    createOperationTabs();
    createActions();
    createMenus();
    createDocks();

    statusBar()->addPermanentWidget(m_modifiedLabel);
    statusBar()->addPermanentWidget(m_findingsLabel);
    statusBar()->addPermanentWidget(m_pathLabel);

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
        if (m_tabs->currentIndex() != m_tabKinds.indexOf(kind))
            showTable(kind);
    });
    connect(m_document, &MailRootDocument::saved, this, [this] {
        m_ignoredDiskChanges.clear();
        watchFiles();
        updateTabTexts();
    });
    connect(m_diagnostics, &DiagnosticsPanel::lineActivated, this, &MainWindow::goToLine);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index >= 0 && index < m_tabKinds.size())
            m_tableList->setCurrentIndex(m_tableModel->indexOf(m_tabKinds.at(index)));
    });

    // --- Issue 18: "What changes" and "Suggestions" panels as docks, hidden until asked for
    // from the View menu. Kept in one block so the new home screen can take them over.
    for (QWidget *panel :
         {static_cast<QWidget *>(new ImpactPanel(m_document)), static_cast<QWidget *>(new SuggestionsPanel(m_document))}) {
        auto *dock = new QDockWidget(this);
        dock->setObjectName(panel->objectName() + QStringLiteral("Dock"));
        dock->setWidget(panel);
        dock->setWindowTitle(panel->windowTitle());
        connect(panel, &QWidget::windowTitleChanged, dock, &QDockWidget::setWindowTitle);
        addDockWidget(Qt::BottomDockWidgetArea, dock);
        dock->hide();
        m_viewMenu->addAction(dock->toggleViewAction());
    }
    // --- end of issue 18 block

    resize(1200, 760);
    retranslateUi();
    const QByteArray geometry = QSettings().value(QStringLiteral("mainWindow/geometry")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
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
    m_findAction = new QAction(this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, onEditor(&TableEditor::focusFilter));
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
    m_viewMenu->addAction(m_showFlowchartAction);
    m_viewMenu->addAction(m_showSimulatorAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_showBatchAction);
    m_viewMenu->addAction(m_showDaemonAction);
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
    resizeDocks({ m_tablesDock }, { 250 }, Qt::Horizontal);
    resizeDocks({ m_diagnosticsDock }, { 210 }, Qt::Vertical);
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
    m_saveAction->setText(tr("&Save"));
    m_saveAction->setToolTip(tr("Save the changed tables (the previous files are kept as .bak)"));
    m_reloadAction->setText(tr("Re&load from Disk"));
    m_exportAction->setText(tr("&Export Tables…"));
    m_exportAction->setToolTip(tr("Write every table to a folder, ready for XMail"));
    m_reportAction->setText(tr("Export &Report (PDF/HTML)…"));
    m_reportAction->setToolTip(tr("Write a printable report of the tables, variables and findings"));
    m_printAction->setText(tr("&Print Report…"));
    m_quitAction->setText(tr("&Quit"));

    QUndoStack *undo = m_document->undoStack();
    m_undoAction->setText(undo->canUndo() ? tr("&Undo %1").arg(undo->undoText()) : tr("&Undo"));
    m_redoAction->setText(undo->canRedo() ? tr("&Redo %1").arg(undo->redoText()) : tr("&Redo"));
    m_addAction->setText(tr("&Add Line"));
    m_deleteAction->setText(tr("&Delete Lines"));
    m_upAction->setText(tr("Move &Up"));
    m_downAction->setText(tr("Move Do&wn"));
    m_copyAction->setText(tr("&Copy Lines"));
    m_pasteAction->setText(tr("&Paste Lines"));
    m_findAction->setText(tr("&Find…"));
    m_matchAction->setText(tr("Which Lines Match an &IP?"));
    m_aboutAction->setText(tr("&About xmflow"));

    m_tabs->setTabText(m_tabs->indexOf(m_batch), tr("Batch"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_batch), tr("Simulate many client IPs at once, pasted or from an XMail smtp log"));
    m_tabs->setTabText(m_tabs->indexOf(m_daemon), tr("Daemon"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_daemon), tr("Run the bundled xmflowd on this MailRoot and watch it live"));
    m_showBatchAction->setText(tr("&Batch Simulation"));
    m_showDaemonAction->setText(tr("&Daemon Panel"));
    m_startDaemonAction->setText(tr("&Start Daemon"));
    m_stopDaemonAction->setText(tr("S&top Daemon"));
    m_tablesDock->setWindowTitle(tr("Tables"));
    m_tabs->setTabText(m_tabs->indexOf(m_flowchart), tr("Flowchart"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_flowchart), tr("XMail's checks in the order it runs them, with what this MailRoot does at each"));
    m_tabs->setTabText(m_tabs->indexOf(m_simulator), tr("Simulator"));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_simulator), tr("What happens to a client IP, with and without SMTP AUTH"));
    m_showFlowchartAction->setText(tr("&Flowchart"));
    m_showSimulatorAction->setText(tr("&Simulator"));
    m_diagnosticsDock->setWindowTitle(tr("Findings"));
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
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
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
        m_rootChooser->addItem(dir == sample ? tr("%1 (sample)").arg(QDir::toNativeSeparators(dir)) : QDir::toNativeSeparators(dir), dir);
    if (!entries.contains(sample))
        m_rootChooser->addItem(tr("%1 (sample)").arg(QDir::toNativeSeparators(sample)), sample);
    m_rootChooser->addItem(tr("Browse…"), QString());
    m_rootChooser->setCurrentIndex(0);
}

void MainWindow::updateTitle()
{
    QString title = tr("xmflow");
    if (m_document->isOpen())
        title = QStringLiteral("%1[*] — %2").arg(QDir::toNativeSeparators(m_document->directory()), tr("xmflow"));
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
    m_pathLabel->setText(m_document->isOpen() ? QDir::toNativeSeparators(m_document->directory()) : tr("No MailRoot open"));
    m_saveAction->setEnabled(m_document->isModified());
}

void MainWindow::updateTabTexts()
{
    for (int i = 0; i < m_tabKinds.size(); ++i) {
        const TableKind kind = m_tabKinds.at(i);
        QString text = model::tableFileName(kind);
        if (m_document->isOpen() && m_document->isModified(kind))
            text += QStringLiteral(" *");
        const int index = m_tabs->indexOf(kind == TableKind::Server ? static_cast<QWidget *>(m_serverEditor) : m_editors.value(kind));
        m_tabs->setTabText(index, text);
        m_tabs->setTabToolTip(index, TableSchema::description(kind));
    }
}

bool MainWindow::openMailRoot(const QString &directory)
{
    QString error;
    if (!m_document->open(directory, &error)) {
        ask(tr("Cannot open the MailRoot"), tr("%1 cannot be opened: %2").arg(QDir::toNativeSeparators(directory), error),
            QMessageBox::Ok, QMessageBox::Ok);
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
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(m_document->directory())), 5000);
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
    QStringList paths { m_document->directory() };
    for (TableKind kind : model::allTableKinds()) {
        const QString path = m_document->root().filePath(kind);
        if (QFileInfo::exists(path))
            paths << path;
    }
    m_watcher->addPaths(paths);
}

void MainWindow::showTable(TableKind kind)
{
    const int index = m_tabKinds.indexOf(kind);
    if (index < 0)
        return;
    QWidget *page = kind == TableKind::Server ? static_cast<QWidget *>(m_serverEditor) : m_editors.value(kind);
    m_tabs->setCurrentWidget(page);
}

void MainWindow::goToLine(const QString &file, int line)
{
    const auto kind = model::tableKindForFile(file);
    if (!kind)
        return;
    showTable(*kind);
    if (*kind == TableKind::Server)
        m_serverEditor->goToLine(line);
    else if (TableEditor *editor = m_editors.value(*kind))
        editor->goToLine(line);
}

void MainWindow::createSimulationTabs()
{
    m_flowchart = new FlowchartPanel(m_document, m_tabs);
    m_simulator = new SimulatorPanel(m_document, m_flowchart->scene(), m_tabs);
    m_tabs->addTab(m_flowchart, icon(QStringLiteral("flowchart")), QString());
    m_tabs->addTab(m_simulator, icon(QStringLiteral("simulator")), QString());
    connect(m_flowchart->scene(), &FlowchartScene::openRequested, this, &MainWindow::openSource);
    connect(m_flowchart, &FlowchartPanel::statusMessage, this, [this](const QString &message) { statusBar()->showMessage(message, 5000); });
    connect(m_simulator, &SimulatorPanel::lineActivated, this, &MainWindow::goToLine);
    connect(m_simulator, &SimulatorPanel::showFlowchartRequested, this, [this] { m_tabs->setCurrentWidget(m_flowchart); });
    m_showFlowchartAction = new QAction(icon(QStringLiteral("flowchart")), QString(), this);
    m_showFlowchartAction->setShortcut(QKeySequence(Qt::Key_F7));
    connect(m_showFlowchartAction, &QAction::triggered, this, [this] { m_tabs->setCurrentWidget(m_flowchart); });
    m_showSimulatorAction = new QAction(icon(QStringLiteral("simulator")), QString(), this);
    m_showSimulatorAction->setShortcut(QKeySequence(Qt::Key_F8));
    connect(m_showSimulatorAction, &QAction::triggered, this, [this] { m_tabs->setCurrentWidget(m_simulator); });
}

void MainWindow::openSource(const QString &file, int line, const QString &variable)
{
    if (!variable.isEmpty() && model::tableKindForFile(file) == TableKind::Server) {
        showTable(TableKind::Server);
        m_serverEditor->goToVariable(variable);
        return;
    }
    if (const auto kind = model::tableKindForFile(file)) {
        showTable(*kind);
        if (line > 0)
            goToLine(file, line);
    }
}

void MainWindow::createOperationTabs()
{
    m_batch = new BatchSimulationPanel(m_document, m_tabs);
    m_daemon = new DaemonPanel(m_document, m_tabs);
    m_tabs->addTab(m_batch, icon(QStringLiteral("table")), QString());
    m_tabs->addTab(m_daemon, icon(QStringLiteral("variables")), QString());
    m_showBatchAction = new QAction(this);
    m_showBatchAction->setShortcut(QKeySequence(Qt::Key_F9));
    connect(m_showBatchAction, &QAction::triggered, this, [this] { m_tabs->setCurrentWidget(m_batch); });
    m_showDaemonAction = new QAction(this);
    m_showDaemonAction->setShortcut(QKeySequence(Qt::Key_F10));
    connect(m_showDaemonAction, &QAction::triggered, this, [this] { m_tabs->setCurrentWidget(m_daemon); });
    m_startDaemonAction = new QAction(this);
    connect(m_startDaemonAction, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_daemon);
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

TableEditor *MainWindow::currentTableEditor() const
{
    QWidget *page = m_tabs->currentWidget();
    if (page == m_serverEditor)
        return m_serverEditor->linesEditor();
    return qobject_cast<TableEditor *>(page);
}

QMessageBox::StandardButton MainWindow::ask(const QString &title, const QString &text, QMessageBox::StandardButtons buttons,
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
        ask(tr("Save failed"), tr("The tables could not be saved: %1\nNo file was left half written.").arg(error),
            QMessageBox::Ok, QMessageBox::Ok);
        return false;
    }
    statusBar()->showMessage(tr("Saved; the previous files are kept as .bak"), 5000);
    return true;
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const auto answer = ask(tr("Unsaved changes"),
                            tr("The MailRoot has unsaved changes. Save them before continuing?"),
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
    QSettings().setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
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
    QString text = tr("These files were changed by another program:\n%1\n\nReload them?").arg(names.join(QLatin1Char('\n')));
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
            statusBar()->showMessage(tr("Reloaded %1").arg(names.join(QStringLiteral(", "))), 5000);
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
    QString message = tr("Exported the tables to %1").arg(QDir::toNativeSeparators(dir));
    if (!dropped.isEmpty())
        message += QStringLiteral("; ") + tr("left out: %1").arg(dropped.join(QStringLiteral(", ")));
    statusBar()->showMessage(message, 8000);
}

void MainWindow::exportReport()
{
    if (!m_document->isOpen())
        return;
    QString selected;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the configuration report"),
                                                      QDir::home().filePath(QStringLiteral("xmflow-report.pdf")),
                                                      tr("PDF (*.pdf);;HTML (*.html)"), &selected);
    if (path.isEmpty())
        return;
    QString error;
    const bool html = path.endsWith(QLatin1String(".html"), Qt::CaseInsensitive) || path.endsWith(QLatin1String(".htm"), Qt::CaseInsensitive);
    const bool ok = html ? ReportBuilder::writeHtml(*m_document, path, &error) : ReportBuilder::writePdf(*m_document, path, &error);
    if (!ok)
        ask(tr("Export failed"), error, QMessageBox::Ok, QMessageBox::Ok);
    else
        statusBar()->showMessage(tr("Report written to %1").arg(QDir::toNativeSeparators(path)), 8000);
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
    QMessageBox::about(this, tr("About xmflow"),
                       tr("<b>xmflow %1</b><br/>See, check and edit what an XMail 1.27 MailRoot does with each SMTP client.")
                           .arg(QCoreApplication::applicationVersion()));
}

} // namespace xmflow::gui

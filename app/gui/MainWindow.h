#pragma once

#include "MailRootDocument.h"

#include <QHash>
#include <QMainWindow>
#include <QMessageBox>
#include <QSet>

#include <functional>

class QActionGroup;
class QComboBox;
class QDockWidget;
class QFileSystemWatcher;
class QLabel;
class QListView;
class QTabWidget;
class QTimer;

namespace xmflow::gui {

class BatchSimulationPanel;
class DaemonPanel;
class DiagnosticsPanel;
class FlowchartPanel;
class SimulatorPanel;
class ServerEditor;
class TableEditor;
class TableListModel;

// xmflow's main window: the MailRoot chooser, the table list, one editor tab
// per table in a central QTabWidget (room for the flowchart and simulator
// tabs), the diagnostics dock, menus and the status bar.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    bool openMailRoot(const QString &directory);
    MailRootDocument *document() const { return m_document; }

    QTabWidget *tabs() const { return m_tabs; }
    DiagnosticsPanel *diagnosticsPanel() const { return m_diagnostics; }
    QDockWidget *diagnosticsDock() const { return m_diagnosticsDock; }
    QDockWidget *tablesDock() const { return m_tablesDock; }
    QListView *tableList() const { return m_tableList; }
    TableEditor *tableEditor(model::TableKind kind) const { return m_editors.value(kind); }
    ServerEditor *serverEditor() const { return m_serverEditor; }
    BatchSimulationPanel *batchPanel() const { return m_batch; }
    DaemonPanel *daemonPanel() const { return m_daemon; }
    // The central tab showing a table; a later panel can add its own tabs.
    void showTable(model::TableKind kind);
    void goToLine(const QString &file, int line);
    // Opens a table at a line, or server.tab at a variable (the flowchart's node clicks).
    void openSource(const QString &file, int line, const QString &variable);
    FlowchartPanel *flowchartPanel() const { return m_flowchart; }
    SimulatorPanel *simulatorPanel() const { return m_simulator; }

    // Replaced by tests to answer questions without a dialog.
    using Asker = std::function<QMessageBox::StandardButton(const QString &title, const QString &text,
                                                            QMessageBox::StandardButtons buttons,
                                                            QMessageBox::StandardButton defaultButton)>;
    void setAsker(Asker asker) { m_ask = std::move(asker); }

public slots:
    bool save();
    void chooseMailRoot();
    void openSample();
    void exportTables();
    void exportReport();
    void printReport();
    void checkDiskChanges();
    void about();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createOperationTabs(); // batch simulation and daemon
    void createSimulationTabs();
    void retranslateUi();
    void rebuildRecentMenu();
    void updateTitle();
    void updateStatus();
    void updateTabTexts();
    void watchFiles();
    bool maybeSave();
    TableEditor *currentTableEditor() const;
    QMessageBox::StandardButton ask(const QString &title, const QString &text, QMessageBox::StandardButtons buttons,
                                    QMessageBox::StandardButton defaultButton);

    MailRootDocument *m_document;
    TableListModel *m_tableModel;
    QTabWidget *m_tabs;
    QHash<model::TableKind, TableEditor *> m_editors;
    ServerEditor *m_serverEditor = nullptr;
    QList<model::TableKind> m_tabKinds;
    DiagnosticsPanel *m_diagnostics;
    QDockWidget *m_diagnosticsDock;
    QDockWidget *m_tablesDock;
    QListView *m_tableList;
    QComboBox *m_rootChooser;
    QLabel *m_rootLabel;
    QLabel *m_pathLabel;
    QLabel *m_findingsLabel;
    QLabel *m_modifiedLabel;
    QFileSystemWatcher *m_watcher;
    QTimer *m_diskTimer;
    QSet<model::TableKind> m_ignoredDiskChanges;
    bool m_askingAboutDisk = false;
    Asker m_ask;

    QMenu *m_fileMenu, *m_recentMenu, *m_editMenu, *m_viewMenu, *m_languageMenu, *m_helpMenu;
    QToolBar *m_mainToolBar;
    QActionGroup *m_languageGroup;
    QAction *m_openAction, *m_openSampleAction, *m_saveAction, *m_reloadAction, *m_exportAction, *m_reportAction,
        *m_printAction, *m_quitAction;
    QAction *m_undoAction, *m_redoAction, *m_addAction, *m_deleteAction, *m_upAction, *m_downAction, *m_copyAction,
        *m_pasteAction, *m_findAction, *m_matchAction;
    QAction *m_aboutAction;
    QAction *m_englishAction, *m_japaneseAction;
    BatchSimulationPanel *m_batch = nullptr;
    DaemonPanel *m_daemon = nullptr;
    QAction *m_showBatchAction, *m_showDaemonAction, *m_startDaemonAction, *m_stopDaemonAction;
    FlowchartPanel *m_flowchart = nullptr;
    SimulatorPanel *m_simulator = nullptr;
    QAction *m_showFlowchartAction = nullptr, *m_showSimulatorAction = nullptr;
};

} // namespace xmflow::gui

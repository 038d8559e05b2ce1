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
class QSplitter;
class QStackedWidget;
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

// xmflow's main window. A mode bar on the left switches between views (Home,
// Batch, Daemon, and what addView() adds); Home is the flowchart of the open
// MailRoot with the simulator's bar above it and its results below. The table
// list (a dock) opens editors beside the flowchart, in a tab area that holds
// only the tables asked for. Also the findings dock, menus and the status bar.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    bool openMailRoot(const QString &directory);
    MailRootDocument *document() const { return m_document; }

    // The open tables, beside the flowchart on the home view.
    QTabWidget *tabs() const { return m_tabs; }
    // The views the mode bar switches between; addView() adds one (icon and name
    // in the mode bar and the View menu). A view that sets its windowTitle (and
    // retranslates it) is named by it, so the name follows the language.
    int addView(QWidget *view, const QIcon &icon, const QString &name, const QString &toolTip = QString());
    void showView(QWidget *view);
    QWidget *currentView() const;
    QStackedWidget *views() const { return m_views; }
    QToolBar *modeBar() const { return m_modeBar; }
    QAction *viewAction(QWidget *view) const;
    QWidget *homeView() const;
    QSplitter *homeSplitter() const { return m_homeSplitter; }
    QAction *focusAddressAction() const { return m_focusAddressAction; }
    DiagnosticsPanel *diagnosticsPanel() const { return m_diagnostics; }
    QDockWidget *diagnosticsDock() const { return m_diagnosticsDock; }
    QDockWidget *tablesDock() const { return m_tablesDock; }
    QListView *tableList() const { return m_tableList; }
    TableEditor *tableEditor(model::TableKind kind) const { return m_editors.value(kind); }
    ServerEditor *serverEditor() const { return m_serverEditor; }
    BatchSimulationPanel *batchPanel() const { return m_batch; }
    DaemonPanel *daemonPanel() const { return m_daemon; }
    // Opens a table's editor beside the flowchart (on the home view).
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

    void showHome();
    // Focuses the client address box on the home view (Ctrl+L).
    void focusAddress();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createViews(); // home, batch simulation and daemon
    void createHome();
    void closeTable(int index);
    // A status message that is translated again when the language changes.
    void showStatus(std::function<QString()> text, int timeout = 5000);
    void restoreLayout();
    void saveLayout();
    void retranslateUi();
    void fitTableList();
    void rebuildRecentMenu();
    void updateTitle();
    void updateStatus();
    void updateTabTexts();
    void watchFiles();
    bool maybeSave();
    TableEditor *currentTableEditor() const;
    QWidget *pageFor(model::TableKind kind) const;
    QMessageBox::StandardButton ask(const QString &title, const QString &text,
                                    QMessageBox::StandardButtons buttons,
                                    QMessageBox::StandardButton defaultButton);

    MailRootDocument *m_document;
    TableListModel *m_tableModel;
    QTabWidget *m_tabs;
    QStackedWidget *m_views;
    QToolBar *m_modeBar;
    QActionGroup *m_viewGroup;
    QAction *m_modeSeparator = nullptr;
    QSplitter *m_homeSplitter = nullptr;
    QHash<model::TableKind, TableEditor *> m_editors;
    ServerEditor *m_serverEditor = nullptr;
    QList<model::TableKind> m_tabKinds;
    QString m_activatedStage;
    int m_tablesWidth = 0; // the table area's width when it was last left open
    std::function<QString()> m_statusText;
    QString m_statusShown;
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

    QMenu *m_fileMenu = nullptr, *m_recentMenu = nullptr, *m_editMenu = nullptr, *m_viewMenu = nullptr,
          *m_languageMenu = nullptr, *m_helpMenu = nullptr;
    QToolBar *m_mainToolBar;
    QActionGroup *m_languageGroup;
    QAction *m_openAction, *m_openSampleAction, *m_saveAction, *m_reloadAction, *m_exportAction,
        *m_reportAction, *m_printAction, *m_quitAction;
    QAction *m_undoAction, *m_redoAction, *m_addAction, *m_deleteAction, *m_upAction, *m_downAction,
        *m_copyAction, *m_pasteAction, *m_findAction, *m_matchAction;
    QAction *m_aboutAction;
    QAction *m_englishAction, *m_japaneseAction;
    BatchSimulationPanel *m_batch = nullptr;
    DaemonPanel *m_daemon = nullptr;
    QAction *m_startDaemonAction, *m_stopDaemonAction;
    FlowchartPanel *m_flowchart = nullptr;
    SimulatorPanel *m_simulator = nullptr;
    QAction *m_focusAddressAction = nullptr;
};

} // namespace xmflow::gui

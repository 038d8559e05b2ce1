#pragma once

#include "MailRootDocument.h"
#include "StagePath.h"
#include "TimelinePlot.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTabWidget;
class QToolButton;
class QTableView;
class QTimer;
class QVBoxLayout;

namespace xmflow::gui {

class FlowchartScene;
class FlowchartView;
class TraceModel;
class TranscriptModel;

// The simulator of the home screen: a client (peer IP, listener, script, SMTP
// AUTH user, DNS what-ifs, XMail 1.27 or extension rules) run through
// engine::Simulator, the code `xmflowd simulate` uses. One bar on top holds
// the everyday inputs (address with history, port, AUTH and user, rules;
// Enter runs), "More options" the rest. The centre is the flowchart (or what
// setCentralWidget() puts there) with the path lit; below it, in a splitter,
// the timeline of four runs (XMail 1.27 / extensions × without / with AUTH)
// and the transcript, beside them the trace with links to the deciding lines.
class SimulatorPanel : public QWidget
{
    Q_OBJECT
public:
    SimulatorPanel(MailRootDocument *document, FlowchartScene *flowchart, QWidget *parent = nullptr);

    QLineEdit *peerEdit() const { return m_peer; }
    // The address box: its list is the history of simulated (and pasted) addresses.
    QComboBox *peerHistory() const { return m_peerBox; }
    QStringList history() const;
    QPushButton *runButton() const { return m_runButton; }
    QToolButton *optionsButton() const { return m_optionsButton; }
    // Shown after a paste of several addresses: runs them all in the batch view.
    QPushButton *batchOfferButton() const { return m_batchButton; }
    QStringList pastedAddresses() const { return m_pasted; }
    QWidget *inputBar() const { return m_bar; }
    QWidget *optionsPanel() const { return m_options; }
    // Centre/results and timeline+transcript/trace.
    QSplitter *mainSplitter() const { return m_mainSplitter; }
    QSplitter *resultsSplitter() const { return m_resultsSplitter; }
    // Replaces the centre (by default a view of the flowchart); the panel takes ownership.
    void setCentralWidget(QWidget *widget);
    QWidget *centralWidget() const { return m_central; }
    QLineEdit *listenerAddressEdit() const { return m_listenerAddress; }
    QSpinBox *portSpin() const { return m_port; }
    QComboBox *scriptChooser() const { return m_script; }
    QCheckBox *authCheck() const { return m_auth; }
    QComboBox *userChooser() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QComboBox *modeChooser() const { return m_mode; }
    // Greylisting: the timeline also plays a retry this many seconds after the first visit.
    QSpinBox *retryAfterBox() const { return m_retryAfter; }
    QComboBox *rdnsChooser() const { return m_rdns; }
    QLineEdit *rdnsNameEdit() const { return m_rdnsName; }
    // The CustMapsList roots (lower case, no trailing dot) and their "listed" boxes.
    QStringList mapRoots() const { return m_mapRoots; }
    QCheckBox *listedCheck(const QString &root) const { return m_listed.value(root); }

    void setScript(const QString &script);
    void setXmailCompat(bool compat);
    bool xmailCompat() const;
    // "none" or a PTR name.
    void setAssumedRdns(const QString &nameOrNone);

    TranscriptModel *transcriptModel() const { return m_transcriptModel; }
    TraceModel *traceModel() const { return m_traceModel; }
    TimelinePlot *timeline() const { return m_timeline; }
    QTableView *transcriptView() const { return m_transcriptView; }
    QTableView *traceView() const { return m_traceView; }
    QTabWidget *resultTabs() const { return m_results; }
    QLabel *verdictLabel() const { return m_verdict; }

    bool hasResult() const { return m_hasResult; }
    const engine::SimulationResult &result() const { return m_result; }
    const QList<engine::StagePathStep> &path() const { return m_path; }
    QString errorText() const { return m_error; }
    // The `xmflowd simulate` arguments that give the same session.
    QStringList commandArguments() const;

public slots:
    // Runs the session described by the inputs; false (with the reason shown) when they are not valid.
    bool run();
    // Focuses the address box with its text selected (Ctrl+L).
    void focusAddress();

signals:
    void lineActivated(const QString &file, int line);
    void simulated();
    // The user ran a session (Enter, Simulate, or a paste of addresses).
    void userRan();
    // "Run these in the batch view" after a paste of several addresses.
    void batchRequested(const QStringList &addresses);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setUpInputs();
    void buildLayout();
    void connectSignals();
    void retranslateUi();
    void reloadFromDocument();
    void scheduleRun();
    void scriptChanged();
    void authToggled(bool on);
    void userChanged();
    void showResult();
    // Enter or the Simulate button: runs, and keeps the address in the history.
    void runFromUser();
    void remember(const QStringList &addresses);
    // True when text held several addresses (they go to the history and the batch offer).
    bool takeAddresses(const QString &text);
    QString verdictHtml() const;
    QString caption() const;

    QPointer<MailRootDocument> m_document;
    QPointer<FlowchartScene> m_flowchart;

    QWidget *m_bar;
    QGroupBox *m_clientBox, *m_authBox, *m_dnsBox;
    QLabel *m_peerLabel, *m_listenerLabel, *m_portLabel, *m_scriptLabel, *m_userLabel, *m_passwordLabel,
        *m_rdnsLabel, *m_noMapsLabel, *m_commandLabel, *m_retryLabel = nullptr;
    QComboBox *m_peerBox;
    QLineEdit *m_peer, *m_listenerAddress, *m_password, *m_rdnsName, *m_command;
    QSpinBox *m_port;
    QSpinBox *m_retryAfter = nullptr;
    bool m_greylisting = false; // the open MailRoot has XMF-Greylist on
    QComboBox *m_script, *m_user, *m_mode, *m_rdns;
    QCheckBox *m_auth;
    QVBoxLayout *m_mapsLayout;
    QStringList m_mapRoots;
    QHash<QString, QCheckBox *> m_listed;
    QPushButton *m_runButton, *m_batchButton;
    QToolButton *m_optionsButton;
    QWidget *m_options = nullptr;
    QWidget *m_central = nullptr;
    QWidget *m_centreArea = nullptr;
    QSplitter *m_mainSplitter = nullptr, *m_resultsSplitter = nullptr;
    QStringList m_pasted;

    QLabel *m_verdict;
    QTabWidget *m_results;
    TranscriptModel *m_transcriptModel;
    TraceModel *m_traceModel;
    QTableView *m_transcriptView, *m_traceView;
    TimelinePlot *m_timeline;
    FlowchartView *m_flowchartView = nullptr;
    QTimer *m_runTimer;

    bool m_hasResult = false;
    bool m_ranCompat = false;
    bool m_needsDns = false; // the MailRoot asks DNS for this client: answers are always assumed
    engine::SimulationResult m_result;
    QList<engine::StagePathStep> m_path;
    engine::SimulationComparison m_comparison;
    QString m_error;
    QString m_runUser; // who the AUTH runs log in as
    QString m_runCaption;
};

} // namespace xmflow::gui

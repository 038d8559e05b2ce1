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
class QTabWidget;
class QTableView;
class QTimer;
class QVBoxLayout;

namespace xmflow::gui {

class FlowchartScene;
class FlowchartView;
class TraceModel;
class TranscriptModel;

// The "Simulator" tab: a client (peer IP, listener, script, SMTP AUTH user, DNS
// what-ifs, XMail 1.27 or extension rules) run through engine::Simulator, the
// code `xmflowd simulate` uses. It shows the verdict, the transcript, the
// trace with links to the deciding lines, the path lit on the flowchart, and
// the timeline of four runs (XMail 1.27 / extensions × without / with AUTH).
class SimulatorPanel : public QWidget
{
    Q_OBJECT
public:
    SimulatorPanel(MailRootDocument *document, FlowchartScene *flowchart, QWidget *parent = nullptr);

    QLineEdit *peerEdit() const { return m_peer; }
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

signals:
    void lineActivated(const QString &file, int line);
    void showFlowchartRequested();
    void simulated();

protected:
    void changeEvent(QEvent *event) override;

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
    QString verdictHtml() const;
    QString caption() const;

    QPointer<MailRootDocument> m_document;
    QPointer<FlowchartScene> m_flowchart;

    QGroupBox *m_clientBox, *m_authBox, *m_dnsBox, *m_rulesBox;
    QLabel *m_peerLabel, *m_listenerLabel, *m_portLabel, *m_scriptLabel, *m_userLabel, *m_passwordLabel, *m_rdnsLabel,
        *m_noMapsLabel, *m_modeLabel, *m_commandLabel, *m_retryLabel = nullptr;
    QLineEdit *m_peer, *m_listenerAddress, *m_password, *m_rdnsName, *m_command;
    QSpinBox *m_port;
    QSpinBox *m_retryAfter = nullptr;
    bool m_greylisting = false; // the open MailRoot has XMF-Greylist on
    QComboBox *m_script, *m_user, *m_mode, *m_rdns;
    QCheckBox *m_auth;
    QVBoxLayout *m_mapsLayout;
    QStringList m_mapRoots;
    QHash<QString, QCheckBox *> m_listed;
    QPushButton *m_runButton, *m_flowchartButton;

    QLabel *m_verdict;
    QTabWidget *m_results;
    TranscriptModel *m_transcriptModel;
    TraceModel *m_traceModel;
    QTableView *m_transcriptView, *m_traceView;
    TimelinePlot *m_timeline;
    FlowchartView *m_flowchartView = nullptr;
    QTimer *m_runTimer;

    bool m_hasResult = false;
    bool m_pathFitted = false; // the Path tab was fitted to its first size
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

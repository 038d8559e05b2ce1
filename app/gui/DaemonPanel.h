#pragma once

#include "DaemonProcess.h"
#include "DaemonStats.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace xmflow::gui {

class DaemonCharts;
class EventLogFilterModel;
class EventLogModel;
class MailRootDocument;

// Starts and stops the bundled `xmflowd serve` on the open MailRoot and
// watches it: the live event log with filters, counters and charts. A crash
// is reported with the daemon's last stderr lines and can be restarted.
class DaemonPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DaemonPanel(MailRootDocument *document, QWidget *parent = nullptr);
    ~DaemonPanel() override;

    DaemonProcess *process() const { return m_process; }
    EventLogModel *eventLog() const { return m_log; }
    EventLogFilterModel *filteredLog() const { return m_filter; }
    const DaemonStats &stats() const { return m_stats; }
    DaemonCharts *charts() const { return m_charts; }
    QTableView *logView() const { return m_view; }

    void setListenText(const QString &text);
    QString listenText() const;
    // "127.0.0.1:2525 [::1]:2525" (spaces or commas); error names the bad one.
    static QStringList parseListenText(const QString &text, QString *error);

    QString statusText() const;
    QString crashText() const;  // "" unless the daemon ended unexpectedly
    bool isCrashShown() const;
    QPushButton *restartButton() const { return m_restartButton; }

public slots:
    bool startDaemon();
    void stopDaemon();
    bool restartDaemon();
    // Stops the daemon and waits a little; for closing the window.
    void shutdown();
    void clearLog();
    // Refreshes the sessions sample and the charts now (the panel does it every second).
    void refreshCharts();

signals:
    void daemonStateChanged(xmflow::gui::DaemonProcess::State state);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildWidgets();
    void connectSignals();
    void onEvents(const QList<QJsonObject> &objects);
    void onStateChanged(DaemonProcess::State state);
    void onCrashed();
    void updateStatus();
    void updateCounters();
    void updateButtons();
    void retranslateUi();
    void fillTypeFilter();

    MailRootDocument *m_document;
    DaemonProcess *m_process;
    EventLogModel *m_log;
    EventLogFilterModel *m_filter;
    DaemonStats m_stats;
    QTimer *m_tick;
    bool m_chartsDirty = true;
    QString m_startError;
    QString m_servingRoot; // the MailRoot the running daemon was started on

    QLabel *m_rootLabel, *m_listenLabel, *m_status, *m_counters, *m_unsavedNote;
    QLineEdit *m_listen;
    QCheckBox *m_compat;
    QPushButton *m_startButton, *m_stopButton, *m_restartButton, *m_clearButton;
    QFrame *m_crashFrame;
    QLabel *m_crashMessage;
    QPlainTextEdit *m_crashLines;
    QLabel *m_typeLabel, *m_peerLabel;
    QComboBox *m_typeFilter;
    QLineEdit *m_peerFilter;
    QCheckBox *m_rejectsOnly;
    QTableView *m_view;
    DaemonCharts *m_charts;
};

} // namespace xmflow::gui

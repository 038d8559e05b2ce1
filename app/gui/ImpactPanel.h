#pragma once

#include "ImpactAnalysis.h"
#include "SmtpLogReader.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <memory>

class QCPBars;
class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace xmflow::gui {

class ImpactClientsModel;
class MailRootDocument;

// The clients of a set of smtp logs, read once and shared by the panels that replay them.
struct LogSnapshot {
    QStringList files;
    QList<engine::LogClient> clients;
    qint64 lines = 0;
    qint64 skipped = 0;
};

// "What changes": the unsaved edits against the saved MailRoot, replayed over the
// smtp logs the user picked for this MailRoot (remembered in QSettings). Recomputed on
// a worker thread after each edit, with progress and cancel.
class ImpactPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ImpactPanel(MailRootDocument *document, QWidget *parent = nullptr);
    ~ImpactPanel() override;

    // The log files remembered for a MailRoot folder.
    static QStringList rememberedLogs(const QString &mailRoot);
    static void rememberLogs(const QString &mailRoot, const QStringList &paths);
    // Reads the logs (a snapshot is reused while the files are the same); cancelable.
    static std::shared_ptr<const LogSnapshot> readLogs(const QStringList &paths,
                                                       const std::function<bool(int permille)> &progress);

    void setLogFiles(const QStringList &paths); // remembers them and recomputes
    QStringList logFiles() const { return m_files; }
    void recompute();
    void cancel();
    bool isRunning() const;
    void waitForFinished();

    const engine::ImpactReport &report() const { return m_report; }
    ImpactClientsModel *clientsModel() const { return m_model; }
    QTableView *clientsView() const { return m_view; }
    QCustomPlot *transitionsPlot() const { return m_plot; }
    QCPBars *transitionBars() const { return m_bars; }
    QString statusText() const;
    // What the save button asks before saving ("" when no authenticated user gets slower).
    QString saveWarning() const;

public slots:
    void chooseLogFiles();
    void saveWithWarning();

signals:
    void finished(bool canceled);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Outcome {
        std::shared_ptr<const LogSnapshot> logs;
        engine::ImpactReport report;
        QString error;
    };
    void retranslateUi();
    void showReport();
    void documentOpened();

    MailRootDocument *m_document;
    QStringList m_files;
    std::shared_ptr<const LogSnapshot> m_logs;
    engine::ImpactReport m_report;
    QString m_error;
    bool m_pending = false; // an edit came while the worker ran
    QFutureWatcher<Outcome> m_watcher;
    QTimer m_debounce;
    ImpactClientsModel *m_model;
    QLabel *m_filesLabel;
    QLabel *m_status;
    QPushButton *m_chooseButton;
    QPushButton *m_cancelButton;
    QPushButton *m_saveButton;
    QProgressBar *m_progress;
    QCustomPlot *m_plot;
    QCPBars *m_bars;
    QTableView *m_view;
};

} // namespace xmflow::gui

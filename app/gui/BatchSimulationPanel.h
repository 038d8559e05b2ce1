#pragma once

#include "BatchInput.h"
#include "BatchSimulator.h"

#include <QElapsedTimer>
#include <QWidget>

class QCheckBox;
class QCPBars;
class QCustomPlot;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace xmflow::gui {

class BatchResultsModel;
class MailRootDocument;

// Batch simulation: many client addresses (pasted, or the peers of XMail smtp
// logs) through the engine's simulator, with a table of outcomes, a summary
// chart by decision and CSV export.
class BatchSimulationPanel : public QWidget
{
    Q_OBJECT
public:
    explicit BatchSimulationPanel(MailRootDocument *document, QWidget *parent = nullptr);
    ~BatchSimulationPanel() override;

    BatchOptions options() const;
    void setOptions(const BatchOptions &options);
    void setAddressText(const QString &text);

    // Each returns false (and says why in the status line) when nothing could start.
    bool simulateAddressList();
    bool loadSmtpLogs(const QStringList &paths);
    void cancel();
    bool isRunning() const;

    const BatchAddresses &input() const { return m_input; }
    QStringList problemTexts() const;
    BatchResultsModel *resultsModel() const { return m_model; }
    QTableView *resultsView() const { return m_view; }
    QCustomPlot *summaryPlot() const { return m_plot; }
    QCPBars *addressBars() const { return m_addressBars; }
    QCPBars *connectionBars() const { return m_connectionBars; }
    QString statusText() const;
    bool exportCsv(const QString &path, QString *error = nullptr) const;

public slots:
    void chooseSmtpLogs();
    void chooseCsvFile();

signals:
    void finished(bool canceled);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildWidgets();
    void connectSignals();
    bool run(BatchAddresses input);
    void onFinished(bool canceled);
    void updateChart();
    void updateProblems();
    void updateButtons();
    void retranslateUi();
    void refreshStatus();

    MailRootDocument *m_document;
    BatchSimulator *m_simulator;
    BatchResultsModel *m_model;
    QSortFilterProxyModel *m_sorted;
    BatchAddresses m_input;
    enum class State { Idle, NoMailRoot, NoAddresses, Running, Done, Canceled };
    State m_state = State::Idle;
    int m_done = 0;
    qint64 m_elapsedMs = 0;
    QElapsedTimer m_clock;

    QGroupBox *m_inputBox, *m_optionsBox;
    QPlainTextEdit *m_addresses;
    QPushButton *m_simulateButton, *m_loadLogButton, *m_cancelButton, *m_exportButton;
    QCheckBox *m_compat, *m_withAuth, *m_assumeDns;
    QLineEdit *m_user, *m_password, *m_listed, *m_ptrName;
    QLabel *m_userLabel, *m_passwordLabel, *m_portLabel, *m_listedLabel, *m_ptrLabel, *m_dnsNote;
    QSpinBox *m_port;
    QLabel *m_problemsLabel;
    QListWidget *m_problems;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTableView *m_view;
    QCustomPlot *m_plot;
    QCPBars *m_addressBars, *m_connectionBars;
};

} // namespace xmflow::gui

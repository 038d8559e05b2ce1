#include "BatchSimulationPanel.h"

#include "BatchResultsModel.h"
#include "MailRootDocument.h"

#include <QCheckBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "QCustomPlotSupport.h"

namespace xmflow::gui {

BatchSimulationPanel::BatchSimulationPanel(MailRootDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_simulator(new BatchSimulator(this))
    , m_model(new BatchResultsModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("BatchSimulationPanel"));
    buildWidgets();
    connectSignals();
    retranslateUi();
    updateChart();
    updateProblems();
    updateButtons();
}

void BatchSimulationPanel::buildWidgets()
{
    // Input: the addresses and the options.
    m_inputBox = new QGroupBox(this);
    m_addresses = new QPlainTextEdit(m_inputBox);
    m_addresses->setObjectName(QStringLiteral("BatchAddresses"));
    m_addresses->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_simulateButton = new QPushButton(m_inputBox);
    m_simulateButton->setDefault(true);
    m_loadLogButton = new QPushButton(m_inputBox);
    m_cancelButton = new QPushButton(m_inputBox);
    auto *inputButtons = new QHBoxLayout;
    inputButtons->addWidget(m_simulateButton);
    inputButtons->addWidget(m_loadLogButton);
    inputButtons->addStretch();
    inputButtons->addWidget(m_cancelButton);
    auto *inputLayout = new QVBoxLayout(m_inputBox);
    inputLayout->addWidget(m_addresses, 1);
    inputLayout->addLayout(inputButtons);

    m_optionsBox = new QGroupBox(this);
    m_compat = new QCheckBox(m_optionsBox);
    m_withAuth = new QCheckBox(m_optionsBox);
    m_withAuth->setChecked(true);
    m_user = new QLineEdit(BatchOptions().user, m_optionsBox);
    m_password = new QLineEdit(BatchOptions().password, m_optionsBox);
    m_password->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_port = new QSpinBox(m_optionsBox);
    m_port->setRange(1, 65535);
    m_port->setValue(BatchOptions().local.port);
    m_assumeDns = new QCheckBox(m_optionsBox);
    m_listed = new QLineEdit(m_optionsBox);
    m_ptrName = new QLineEdit(m_optionsBox);
    m_userLabel = new QLabel(m_optionsBox);
    m_passwordLabel = new QLabel(m_optionsBox);
    m_portLabel = new QLabel(m_optionsBox);
    m_listedLabel = new QLabel(m_optionsBox);
    m_ptrLabel = new QLabel(m_optionsBox);
    m_dnsNote = new QLabel(m_optionsBox);
    m_dnsNote->setWordWrap(true);
    auto *optionsLayout = new QFormLayout(m_optionsBox);
    optionsLayout->addRow(m_compat);
    optionsLayout->addRow(m_portLabel, m_port);
    optionsLayout->addRow(m_withAuth);
    optionsLayout->addRow(m_userLabel, m_user);
    optionsLayout->addRow(m_passwordLabel, m_password);
    optionsLayout->addRow(m_assumeDns);
    optionsLayout->addRow(m_listedLabel, m_listed);
    optionsLayout->addRow(m_ptrLabel, m_ptrName);
    optionsLayout->addRow(m_dnsNote);

    m_problemsLabel = new QLabel(this);
    m_problemsLabel->setWordWrap(true);
    m_problems = new QListWidget(this);
    m_problems->setObjectName(QStringLiteral("BatchProblems"));
    m_problems->setMaximumHeight(120);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_inputBox, 1);
    leftLayout->addWidget(m_problemsLabel);
    leftLayout->addWidget(m_problems);
    leftLayout->addWidget(m_optionsBox);

    // Output: progress, the table and the chart.
    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("BatchStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exportButton = new QPushButton(this);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_exportButton);

    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(BatchResultsModel::SortRole);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("BatchResults"));
    m_view->setModel(m_sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // input order until a header is clicked
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(BatchResultsModel::AddressColumn, 170);
    m_view->setColumnWidth(BatchResultsModel::CountColumn, 70);
    m_view->setColumnWidth(BatchResultsModel::DecisionColumn, 170);
    m_view->setColumnWidth(BatchResultsModel::RuleColumn, 170);
    m_view->setColumnWidth(BatchResultsModel::PlainColumn, 110);

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("BatchSummaryPlot"));
    m_plot->setMinimumHeight(200);
    m_addressBars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_connectionBars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    auto *group = new QCPBarsGroup(m_plot);
    m_addressBars->setBarsGroup(group);
    m_connectionBars->setBarsGroup(group);
    m_addressBars->setWidth(0.35);
    m_connectionBars->setWidth(0.35);
    m_addressBars->setBrush(QColor(0x42, 0x7a, 0xc4));
    m_addressBars->setPen(QPen(QColor(0x2a, 0x55, 0x8f)));
    m_connectionBars->setBrush(QColor(0xa0, 0xc4, 0xe8));
    m_connectionBars->setPen(QPen(QColor(0x6a, 0x8f, 0xb8)));
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_plot->xAxis->setRange(-0.6, BatchResultsModel::allDecisions().size() - 0.4);
    m_plot->xAxis->grid()->setVisible(false);
    QSharedPointer<QCPAxisTickerFixed> counts(new QCPAxisTickerFixed);
    counts->setTickStep(1.0);
    counts->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->yAxis->setTicker(counts);

    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_view);
    right->addWidget(m_plot);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    auto *rightPane = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(rightPane);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(statusRow);
    rightLayout->addWidget(right, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(rightPane);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
}

void BatchSimulationPanel::connectSignals()
{
    const auto enableOptions = [this] {
        m_user->setEnabled(m_withAuth->isChecked());
        m_password->setEnabled(m_withAuth->isChecked());
        m_listed->setEnabled(m_assumeDns->isChecked());
        m_ptrName->setEnabled(m_assumeDns->isChecked());
    };
    connect(m_withAuth, &QCheckBox::toggled, this, enableOptions);
    connect(m_assumeDns, &QCheckBox::toggled, this, enableOptions);
    enableOptions();
    connect(m_simulateButton, &QPushButton::clicked, this, &BatchSimulationPanel::simulateAddressList);
    connect(m_loadLogButton, &QPushButton::clicked, this, &BatchSimulationPanel::chooseSmtpLogs);
    connect(m_cancelButton, &QPushButton::clicked, this, &BatchSimulationPanel::cancel);
    connect(m_exportButton, &QPushButton::clicked, this, &BatchSimulationPanel::chooseCsvFile);
    connect(m_simulator, &BatchSimulator::resultsReady, this, [this](const QList<BatchResult> &results) {
        m_model->append(results);
        m_done = m_model->rowCount();
        m_progress->setValue(m_done);
        refreshStatus();
        updateChart();
    });
    connect(m_simulator, &BatchSimulator::finished, this, &BatchSimulationPanel::onFinished);
}

BatchSimulationPanel::~BatchSimulationPanel()
{
    // The worker reads the policy and its entries: stop it before they go.
    m_simulator->cancel();
    m_simulator->waitForFinished();
}

BatchOptions BatchSimulationPanel::options() const
{
    BatchOptions options;
    options.xmailCompat = m_compat->isChecked();
    options.withAuth = m_withAuth->isChecked();
    options.user = m_user->text();
    options.password = m_password->text();
    options.local.port = quint16(m_port->value());
    if (m_assumeDns->isChecked()) {
        for (const QString &root : m_listed->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts))
            options.assumeListed << root;
        options.assumeRdns = m_ptrName->text().trimmed();
    }
    return options;
}

void BatchSimulationPanel::setOptions(const BatchOptions &options)
{
    m_compat->setChecked(options.xmailCompat);
    m_withAuth->setChecked(options.withAuth);
    m_user->setText(options.user);
    m_password->setText(options.password);
    m_port->setValue(options.local.port);
    m_assumeDns->setChecked(!options.assumeListed.isEmpty() || options.assumeRdns.has_value());
    m_listed->setText(options.assumeListed.join(QStringLiteral(", ")));
    m_ptrName->setText(options.assumeRdns.value_or(QString()));
}

void BatchSimulationPanel::setAddressText(const QString &text)
{
    m_addresses->setPlainText(text);
}

bool BatchSimulationPanel::simulateAddressList()
{
    return run(BatchInput::parseAddressList(m_addresses->toPlainText()));
}

bool BatchSimulationPanel::loadSmtpLogs(const QStringList &paths)
{
    return run(BatchInput::parseSmtpLogs(paths));
}

void BatchSimulationPanel::chooseSmtpLogs()
{
    QString start = QDir::homePath();
    if (m_document->isOpen() && QDir(m_document->directory()).exists(QStringLiteral("logs")))
        start = QDir(m_document->directory()).filePath(QStringLiteral("logs"));
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Load XMail smtp logs"), start,
                                                            tr("XMail smtp logs (smtp-*);;All files (*)"));
    if (!paths.isEmpty())
        loadSmtpLogs(paths);
}

bool BatchSimulationPanel::run(BatchAddresses input)
{
    m_simulator->cancel();
    m_simulator->waitForFinished();
    m_model->clear();
    m_input = std::move(input);
    m_done = 0;
    updateProblems();
    if (!m_document->isOpen()) {
        m_state = State::NoMailRoot;
    } else if (m_input.entries.isEmpty()) {
        m_state = State::NoAddresses;
    } else {
        const BatchOptions batchOptions = options();
        auto policy = engine::Policy::compile(m_document->root(), BatchSimulator::policyOptions(batchOptions));
        m_progress->setRange(0, int(m_input.entries.size()));
        m_progress->setValue(0);
        m_state = State::Running;
        m_clock.start();
        m_simulator->start(std::move(policy), m_input.entries, batchOptions);
    }
    refreshStatus();
    updateChart();
    updateButtons();
    return m_state == State::Running;
}

void BatchSimulationPanel::cancel()
{
    m_simulator->cancel();
}

bool BatchSimulationPanel::isRunning() const
{
    return m_state == State::Running;
}

void BatchSimulationPanel::onFinished(bool canceled)
{
    if (m_state != State::Running)
        return;
    m_elapsedMs = m_clock.elapsed();
    m_done = m_model->rowCount();
    m_state = canceled ? State::Canceled : State::Done;
    if (!canceled)
        m_progress->setValue(m_progress->maximum());
    refreshStatus();
    updateChart();
    updateButtons();
    emit finished(canceled);
}

QStringList BatchSimulationPanel::problemTexts() const
{
    QStringList texts;
    for (const BatchInputProblem &problem : m_input.problems)
        texts << BatchInput::describe(problem);
    return texts;
}

QString BatchSimulationPanel::statusText() const
{
    return m_status->text();
}

void BatchSimulationPanel::refreshStatus()
{
    const int total = int(m_input.entries.size());
    switch (m_state) {
    case State::Idle:
        m_status->setText(tr("Paste addresses or load an XMail smtp log, then simulate."));
        break;
    case State::NoMailRoot:
        m_status->setText(tr("Open a MailRoot first."));
        break;
    case State::NoAddresses:
        m_status->setText(tr("No IP address to simulate."));
        break;
    case State::Running:
        m_status->setText(tr("Simulating %1 of %2 addresses…").arg(m_done).arg(total));
        break;
    case State::Done:
        m_status->setText(tr("%1 addresses (%2 connections) simulated in %3 s.")
                              .arg(total)
                              .arg(m_input.addressesRead)
                              .arg(double(m_elapsedMs) / 1000.0, 0, 'f', 1));
        break;
    case State::Canceled:
        m_status->setText(tr("Canceled after %1 of %2 addresses.").arg(m_done).arg(total));
        break;
    }
}

void BatchSimulationPanel::updateProblems()
{
    m_problems->clear();
    const QStringList texts = problemTexts();
    m_problems->addItems(texts);
    m_problems->setVisible(!texts.isEmpty());
    m_problemsLabel->setVisible(!texts.isEmpty());
    m_problemsLabel->setText(tr("%n line(s) could not be used:", nullptr, int(texts.size())));
}

void BatchSimulationPanel::updateButtons()
{
    const bool running = m_state == State::Running;
    m_simulateButton->setEnabled(!running);
    m_loadLogButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    m_exportButton->setEnabled(!running && m_model->rowCount() > 0);
    m_progress->setVisible(running || m_state == State::Canceled);
}

void BatchSimulationPanel::updateChart()
{
    const QList<BatchDecision> decisions = BatchResultsModel::allDecisions();
    QVector<double> keys, addresses, connections;
    QVector<QString> labels;
    double top = 1;
    for (qsizetype i = 0; i < decisions.size(); ++i) {
        keys << double(i);
        labels << BatchResultsModel::decisionName(decisions.at(i));
        addresses << m_model->addressCount(decisions.at(i));
        connections << double(m_model->connectionCount(decisions.at(i)));
        top = std::max({top, addresses.last(), connections.last()});
    }
    m_addressBars->setData(keys, addresses, true);
    m_connectionBars->setData(keys, connections, true);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    ticker->addTicks(keys, labels);
    m_plot->xAxis->setTicker(ticker);
    m_plot->yAxis->setRange(0, top * 1.15);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool BatchSimulationPanel::exportCsv(const QString &path, QString *error) const
{
    return m_model->writeCsv(path, error);
}

void BatchSimulationPanel::chooseCsvFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the batch results"),
                                                      QDir::home().filePath(QStringLiteral("xmflow-batch.csv")),
                                                      tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export failed"), tr("%1 could not be written: %2").arg(QDir::toNativeSeparators(path), error));
}

void BatchSimulationPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void BatchSimulationPanel::retranslateUi()
{
    m_inputBox->setTitle(tr("Client addresses"));
    m_addresses->setPlaceholderText(tr("One IP address per line, e.g.\n203.0.113.7\n198.51.100.20\n# comments and blank lines are ignored"));
    m_simulateButton->setText(tr("&Simulate"));
    m_simulateButton->setToolTip(tr("Run every address through the engine's policy and session, as xmflowd simulate does"));
    m_loadLogButton->setText(tr("Load smtp &Log…"));
    m_loadLogButton->setToolTip(tr("Simulate the client addresses of XMail smtp logs (MailRoot/logs/smtp-*), counted"));
    m_cancelButton->setText(tr("Cancel"));
    m_exportButton->setText(tr("Export &CSV…"));
    m_optionsBox->setTitle(tr("Options"));
    m_compat->setText(tr("XMail 1.27 compatible (ignore the XMF- extensions)"));
    m_portLabel->setText(tr("Listener port:"));
    m_port->setToolTip(tr("The port the clients connect to (SmtpConfig-IP,PORT options apply)"));
    m_withAuth->setText(tr("Also simulate an authenticated session"));
    m_userLabel->setText(tr("AUTH user:"));
    m_passwordLabel->setText(tr("Password:"));
    m_assumeDns->setText(tr("Assume DNS answers for every address"));
    m_listedLabel->setText(tr("Listed in maps:"));
    m_listed->setPlaceholderText(tr("CustMapsList roots, comma-separated"));
    m_ptrLabel->setText(tr("Reverse DNS name:"));
    m_ptrName->setPlaceholderText(tr("empty: no PTR record"));
    m_dnsNote->setText(tr("No DNS query is sent: without assumed answers, every address counts as not listed and without a PTR record."));
    m_addressBars->setName(tr("Addresses"));
    m_connectionBars->setName(tr("Connections"));
    m_plot->yAxis->setLabel(tr("Count"));
    m_model->retranslate();
    refreshStatus();
    updateProblems();
    updateChart();
}

} // namespace xmflow::gui

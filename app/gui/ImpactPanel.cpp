#include "ImpactPanel.h"

#include "ImpactClientsModel.h"
#include "MailRootDocument.h"
#include "QCustomPlotSupport.h"

#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace xmflow::gui {

namespace {

constexpr int kDebounceMilliseconds = 300;
constexpr int kPermille = 1000;

QString settingsKey(const QString &mailRoot)
{
    // QSettings keys cannot hold '/' as data; the path is encoded.
    return QStringLiteral("impact/logs/") + QString::fromLatin1(mailRoot.toUtf8().toHex());
}

} // namespace

QStringList ImpactPanel::rememberedLogs(const QString &mailRoot)
{
    return QSettings().value(settingsKey(QFileInfo(mailRoot).absoluteFilePath())).toStringList();
}

void ImpactPanel::rememberLogs(const QString &mailRoot, const QStringList &paths)
{
    QSettings().setValue(settingsKey(QFileInfo(mailRoot).absoluteFilePath()), paths);
}

std::shared_ptr<const LogSnapshot> ImpactPanel::readLogs(const QStringList &paths,
                                                         const std::function<bool(int)> &progress)
{
    engine::SmtpLogReader reader;
    reader.setProgress([&](qint64, qint64 bytes, qint64 total) {
        return !progress || progress(total > 0 ? int(bytes * kPermille / total) : 0);
    });
    reader.readFiles(paths);
    if (reader.canceled())
        return nullptr;
    auto snapshot = std::make_shared<LogSnapshot>();
    snapshot->files = paths;
    snapshot->lines = reader.linesRead();
    snapshot->skipped = reader.problemCount();
    snapshot->clients = reader.takeClients();
    return snapshot;
}

ImpactPanel::ImpactPanel(MailRootDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document), m_model(new ImpactClientsModel(this)),
      m_filesLabel(new QLabel(this)), m_status(new QLabel(this)), m_chooseButton(new QPushButton(this)),
      m_cancelButton(new QPushButton(this)), m_saveButton(new QPushButton(this)),
      m_progress(new QProgressBar(this)), m_plot(new QCustomPlot(this)), m_view(new QTableView(this))
{
    setObjectName(QStringLiteral("ImpactPanel"));
    m_filesLabel->setWordWrap(true);
    m_status->setWordWrap(true);
    m_progress->setRange(0, kPermille);
    m_progress->setVisible(false);
    m_cancelButton->setEnabled(false);

    m_plot->setObjectName(QStringLiteral("ImpactTransitionsPlot"));
    m_plot->setMinimumHeight(180);
    m_bars = new QCPBars(m_plot->yAxis, m_plot->xAxis); // horizontal: long labels fit
    m_bars->setPen(Qt::NoPen);
    m_bars->setBrush(QColor(0x3b, 0x6e, 0xa8));
    m_plot->yAxis->grid()->setVisible(false);

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->setVisible(false);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_chooseButton);
    buttons->addWidget(m_filesLabel, 1);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_saveButton);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_plot);
    splitter->addWidget(m_view);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMilliseconds);
    connect(&m_debounce, &QTimer::timeout, this, &ImpactPanel::recompute);
    connect(m_chooseButton, &QPushButton::clicked, this, &ImpactPanel::chooseLogFiles);
    connect(m_cancelButton, &QPushButton::clicked, this, &ImpactPanel::cancel);
    connect(m_saveButton, &QPushButton::clicked, this, &ImpactPanel::saveWithWarning);
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        m_progress->setVisible(false);
        m_cancelButton->setEnabled(false);
        const bool canceled = m_watcher.isCanceled() || m_watcher.future().resultCount() == 0;
        if (!canceled) {
            Outcome outcome = m_watcher.result();
            m_logs = outcome.logs;
            m_error = outcome.error;
            m_report = std::move(outcome.report);
            showReport();
        }
        if (m_pending) {
            m_pending = false;
            recompute();
            return;
        }
        if (canceled)
            m_status->setText(tr("Canceled."));
        emit finished(canceled);
    });
    connect(m_document, &MailRootDocument::tableChanged, this, [this] { m_debounce.start(); });
    connect(m_document, &MailRootDocument::saved, this, [this] { m_debounce.start(); });
    connect(m_document, &MailRootDocument::opened, this, &ImpactPanel::documentOpened);
    retranslateUi();
    if (m_document->isOpen())
        documentOpened();
}

ImpactPanel::~ImpactPanel()
{
    m_pending = false;
    cancel();
    waitForFinished();
}

void ImpactPanel::documentOpened()
{
    m_logs.reset();
    m_files = rememberedLogs(m_document->directory());
    retranslateUi();
    recompute();
}

void ImpactPanel::setLogFiles(const QStringList &paths)
{
    m_files = paths;
    if (m_document->isOpen())
        rememberLogs(m_document->directory(), paths);
    retranslateUi();
    recompute();
}

void ImpactPanel::chooseLogFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Choose XMail smtp logs"), m_document->isOpen() ? m_document->directory() : QString(),
        tr("XMail smtp logs (smtp-* *.gz);;All files (*)"));
    if (!paths.isEmpty())
        setLogFiles(paths);
}

bool ImpactPanel::isRunning() const
{
    return m_watcher.isRunning();
}

void ImpactPanel::cancel()
{
    if (m_watcher.isRunning())
        m_watcher.cancel();
}

void ImpactPanel::waitForFinished()
{
    m_watcher.waitForFinished();
}

void ImpactPanel::recompute()
{
    if (!m_document->isOpen() || m_files.isEmpty()) {
        m_status->setText(m_document->isOpen() ? tr("Choose the smtp logs to replay.")
                                               : tr("Open a MailRoot first."));
        return;
    }
    if (m_watcher.isRunning()) {
        m_pending = true;
        m_watcher.cancel();
        return;
    }
    const QString directory = m_document->directory();
    const model::MailRoot edited = m_document->root();
    std::shared_ptr<const LogSnapshot> cached = m_logs && m_logs->files == m_files ? m_logs : nullptr;
    const QStringList files = m_files;
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_cancelButton->setEnabled(true);
    m_status->setText(tr("Replaying the logs..."));
    m_watcher.setFuture(QtConcurrent::run([directory, edited, cached, files](QPromise<Outcome> &promise) {
        promise.setProgressRange(0, kPermille);
        Outcome outcome;
        outcome.logs = cached ? cached : readLogs(files, [&promise](int permille) {
            promise.setProgressValue(permille / 2);
            return !promise.isCanceled();
        });
        if (!outcome.logs || promise.isCanceled())
            return;
        QString error;
        const auto saved = model::MailRoot::load(directory, &error);
        if (!saved) {
            outcome.error = error;
            promise.addResult(std::move(outcome));
            return;
        }
        const auto current = engine::Policy::compile(*saved);
        const auto proposed = engine::Policy::compile(edited);
        outcome.report = engine::ImpactAnalysis::compare(
            current, proposed, outcome.logs->clients, [&promise](int done, int total) {
                promise.setProgressValue(kPermille / 2 + done * (kPermille / 2) / total);
                return !promise.isCanceled();
            });
        if (outcome.report.canceled || promise.isCanceled())
            return;
        outcome.report.linesRead = outcome.logs->lines;
        promise.addResult(std::move(outcome));
    }));
}

QString ImpactPanel::statusText() const
{
    return m_status->text();
}

QString ImpactPanel::saveWarning() const
{
    QStringList names;
    for (const engine::AffectedClient &a : m_report.affected)
        if (!a.user.isEmpty() && a.secondsAddedPerSession() > 0)
            names << tr("%1 from %2 (+%3 s per session)")
                         .arg(a.user, a.address)
                         .arg(a.secondsAddedPerSession());
    if (names.isEmpty())
        return {};
    return tr("These edits make %n authenticated user(s) slower:", nullptr, int(names.size())) +
           QLatin1Char('\n') + names.join(QLatin1Char('\n'));
}

void ImpactPanel::saveWithWarning()
{
    if (!m_document->isOpen())
        return;
    const QString warning = saveWarning();
    if (!warning.isEmpty() && QMessageBox::warning(this, tr("Authenticated users get slower"),
                                                   warning + QStringLiteral("\n\n") + tr("Save anyway?"),
                                                   QMessageBox::Save | QMessageBox::Cancel,
                                                   QMessageBox::Cancel) != QMessageBox::Save)
        return;
    QString error;
    if (!m_document->save(&error))
        QMessageBox::critical(this, tr("Save failed"), error);
}

void ImpactPanel::showReport()
{
    m_model->setReport(m_report);
    QVector<double> keys, values;
    QVector<QString> labels;
    for (int i = 0; i < m_report.transitions.size(); ++i) {
        const engine::ImpactTransition &t = m_report.transitions.at(i);
        keys << i;
        values << double(t.sessions);
        labels << t.before + QStringLiteral(" → ") + t.after;
    }
    m_bars->setData(keys, values, true);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    ticker->addTicks(keys, labels);
    m_plot->yAxis->setTicker(ticker);
    m_plot->yAxis->setRange(-0.6, qMax(1, int(keys.size())) - 0.4);
    double top = 1;
    for (double v : std::as_const(values))
        top = qMax(top, v);
    m_plot->xAxis->setRange(0, top * 1.1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    retranslateUi();
}

void ImpactPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

void ImpactPanel::retranslateUi()
{
    setWindowTitle(tr("What changes"));
    m_chooseButton->setText(tr("Logs..."));
    m_cancelButton->setText(tr("Cancel"));
    m_saveButton->setText(tr("Save..."));
    m_plot->xAxis->setLabel(tr("Sessions"));
    QStringList names;
    for (const QString &f : std::as_const(m_files))
        names << QFileInfo(f).fileName();
    m_filesLabel->setText(names.isEmpty() ? tr("No smtp logs chosen") : names.join(QStringLiteral(", ")));
    if (m_watcher.isRunning())
        return;
    if (!m_error.isEmpty()) {
        m_status->setText(tr("The saved MailRoot cannot be read: %1").arg(m_error));
        return;
    }
    if (!m_logs)
        return;
    if (m_report.transitions.isEmpty()) {
        m_status->setText(
            tr("%n log line(s), %1 clients: the edits change no session.", nullptr, int(m_report.linesRead))
                .arg(m_report.clients));
        return;
    }
    m_status->setText(tr("%n log line(s), %1 clients: %2 transitions; %3 authenticated users slower; waiting "
                         "time of real users %4 s.",
                         nullptr, int(m_report.linesRead))
                          .arg(m_report.clients)
                          .arg(m_report.transitions.size())
                          .arg(m_report.authUsersDelayed())
                          .arg(m_report.realUsersWaitingDeltaSeconds));
}

} // namespace xmflow::gui

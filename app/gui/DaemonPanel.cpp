#include "DaemonPanel.h"

#include "DaemonCharts.h"
#include "EventLogFilterModel.h"
#include "EventLogModel.h"
#include "MailRootDocument.h"
#include "ListenAddress.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace xmflow::gui {

namespace {
constexpr int kChartIntervalMs = 1000;
constexpr int kCloseWaitMs = 3000;
const QString kDefaultListen = QStringLiteral("127.0.0.1:2525");
} // namespace

DaemonPanel::DaemonPanel(MailRootDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_process(new DaemonProcess(this))
    , m_log(new EventLogModel(this))
    , m_filter(new EventLogFilterModel(this))
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("DaemonPanel"));
    buildWidgets();
    connectSignals();
    retranslateUi();
    updateButtons();
    m_charts->showStats(m_stats);
}

void DaemonPanel::buildWidgets()
{
    // Controls: where it listens, start/stop, status.
    m_rootLabel = new QLabel(this);
    m_rootLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_listenLabel = new QLabel(this);
    m_listen = new QLineEdit(kDefaultListen, this);
    m_listen->setObjectName(QStringLiteral("DaemonListen"));
    m_listenLabel->setBuddy(m_listen);
    m_compat = new QCheckBox(this);
    m_startButton = new QPushButton(this);
    m_stopButton = new QPushButton(this);
    m_restartButton = new QPushButton(this);
    m_restartButton->setObjectName(QStringLiteral("DaemonRestart"));
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_listenLabel);
    controls->addWidget(m_listen, 1);
    controls->addWidget(m_compat);
    controls->addWidget(m_startButton);
    controls->addWidget(m_stopButton);
    controls->addWidget(m_restartButton);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("DaemonStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_counters = new QLabel(this);
    m_counters->setObjectName(QStringLiteral("DaemonCounters"));
    m_unsavedNote = new QLabel(this);
    m_unsavedNote->setWordWrap(true);

    // What a crash looks like: the reason, the last stderr lines, Restart.
    m_crashFrame = new QFrame(this);
    m_crashFrame->setObjectName(QStringLiteral("DaemonCrash"));
    m_crashFrame->setFrameShape(QFrame::StyledPanel);
    m_crashFrame->setStyleSheet(QStringLiteral("#DaemonCrash { background: #fdecea; border: 1px solid #c62828; }"));
    m_crashMessage = new QLabel(m_crashFrame);
    m_crashMessage->setWordWrap(true);
    m_crashMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_crashLines = new QPlainTextEdit(m_crashFrame);
    m_crashLines->setReadOnly(true);
    m_crashLines->setMaximumHeight(110);
    m_crashLines->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *crashLayout = new QVBoxLayout(m_crashFrame);
    crashLayout->addWidget(m_crashMessage);
    crashLayout->addWidget(m_crashLines);
    m_crashFrame->hide();

    // The event log and its filters.
    m_typeLabel = new QLabel(this);
    m_typeFilter = new QComboBox(this);
    m_typeFilter->setObjectName(QStringLiteral("DaemonTypeFilter"));
    m_peerLabel = new QLabel(this);
    m_peerFilter = new QLineEdit(this);
    m_peerFilter->setObjectName(QStringLiteral("DaemonPeerFilter"));
    m_peerFilter->setClearButtonEnabled(true);
    m_rejectsOnly = new QCheckBox(this);
    m_clearButton = new QPushButton(this);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_typeLabel);
    filters->addWidget(m_typeFilter);
    filters->addWidget(m_peerLabel);
    filters->addWidget(m_peerFilter, 1);
    filters->addWidget(m_rejectsOnly);
    filters->addWidget(m_clearButton);

    m_filter->setSourceModel(m_log);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("DaemonEventLog"));
    m_view->setModel(m_filter);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(EventLogModel::TimeColumn, 100);
    m_view->setColumnWidth(EventLogModel::TypeColumn, 80);
    m_view->setColumnWidth(EventLogModel::SessionColumn, 70);
    m_view->setColumnWidth(EventLogModel::PeerColumn, 130);
    m_view->setColumnWidth(EventLogModel::CodeColumn, 50);

    auto *logPane = new QWidget(this);
    auto *logLayout = new QVBoxLayout(logPane);
    logLayout->setContentsMargins(0, 0, 0, 0);
    logLayout->addLayout(filters);
    logLayout->addWidget(m_view, 1);

    m_charts = new DaemonCharts(this);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(logPane);
    splitter->addWidget(m_charts);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_rootLabel);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(m_unsavedNote);
    layout->addWidget(m_crashFrame);
    layout->addWidget(m_counters);
    layout->addWidget(splitter, 1);
    m_tick->setInterval(kChartIntervalMs);
}

void DaemonPanel::connectSignals()
{
    connect(m_startButton, &QPushButton::clicked, this, &DaemonPanel::startDaemon);
    connect(m_stopButton, &QPushButton::clicked, this, &DaemonPanel::stopDaemon);
    connect(m_restartButton, &QPushButton::clicked, this, &DaemonPanel::restartDaemon);
    connect(m_clearButton, &QPushButton::clicked, this, &DaemonPanel::clearLog);
    connect(m_typeFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setTypeFilter(m_typeFilter->currentData().toString()); });
    connect(m_peerFilter, &QLineEdit::textChanged, m_filter, &EventLogFilterModel::setPeerFilter);
    connect(m_rejectsOnly, &QCheckBox::toggled, m_filter, &EventLogFilterModel::setRejectsOnly);
    connect(m_process, &DaemonProcess::eventsReceived, this, &DaemonPanel::onEvents);
    connect(m_process, &DaemonProcess::stateChanged, this, &DaemonPanel::onStateChanged);
    connect(m_process, &DaemonProcess::crashed, this, &DaemonPanel::onCrashed);
    connect(m_document, &MailRootDocument::modifiedChanged, this, [this] { updateStatus(); });
    connect(m_document, &MailRootDocument::opened, this, [this] { updateStatus(); });
    connect(m_tick, &QTimer::timeout, this, &DaemonPanel::refreshCharts);
}

DaemonPanel::~DaemonPanel()
{
    m_process->disconnect(this);
    shutdown();
}

void DaemonPanel::setListenText(const QString &text)
{
    m_listen->setText(text);
}

QString DaemonPanel::listenText() const
{
    return m_listen->text();
}

QStringList DaemonPanel::parseListenText(const QString &text, QString *error)
{
    QStringList addresses;
    for (const QString &item : text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
        engine::ListenAddress address;
        QString why;
        if (!engine::parseListenAddress(item, &address, &why)) {
            if (error)
                *error = tr("'%1' is not a listen address (ADDR:PORT, [v6]:PORT or PORT): %2").arg(item, why);
            return {};
        }
        addresses << item;
    }
    if (addresses.isEmpty() && error)
        *error = tr("Give at least one listen address, e.g. %1.").arg(kDefaultListen);
    return addresses;
}

bool DaemonPanel::startDaemon()
{
    m_startError.clear();
    if (m_process->isActive()) {
        updateStatus();
        return false;
    }
    QString error;
    const QStringList listen = parseListenText(m_listen->text(), &error);
    if (!m_document->isOpen())
        error = tr("Open a MailRoot first.");
    if (listen.isEmpty() || !m_document->isOpen()) {
        m_startError = error;
        updateStatus();
        return false;
    }
    m_crashFrame->hide();
    m_servingRoot = m_document->directory();
    if (!m_process->start(m_servingRoot, listen, m_compat->isChecked(), &error)) {
        if (m_process->state() != DaemonProcess::State::Crashed)
            m_startError = error; // a crash shows in the crash frame instead
        updateStatus();
        updateButtons();
        return false;
    }
    m_tick->start();
    updateStatus();
    updateButtons();
    return true;
}

void DaemonPanel::stopDaemon()
{
    m_process->stop();
    updateStatus();
    updateButtons();
}

bool DaemonPanel::restartDaemon()
{
    if (m_process->isActive()) {
        // Start again once this run has ended.
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(m_process, &DaemonProcess::stateChanged, this, [this, connection](DaemonProcess::State state) {
            if (state == DaemonProcess::State::Stopped || state == DaemonProcess::State::Crashed) {
                disconnect(*connection);
                startDaemon();
            }
        });
        stopDaemon();
        return true;
    }
    return startDaemon();
}

void DaemonPanel::shutdown()
{
    m_process->stopAndWait(kCloseWaitMs);
}

void DaemonPanel::clearLog()
{
    m_log->clear();
}

void DaemonPanel::onEvents(const QList<QJsonObject> &objects)
{
    QList<DaemonEvent> events;
    events.reserve(objects.size());
    for (const QJsonObject &object : objects) {
        events.append(DaemonEvent::fromJson(object));
        m_stats.add(events.last());
    }
    QScrollBar *bar = m_view->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    m_log->append(events);
    if (atBottom)
        m_view->scrollToBottom();
    m_chartsDirty = true;
    updateCounters();
}

void DaemonPanel::refreshCharts()
{
    if (m_process->isActive()) {
        m_stats.sampleSessions(QDateTime::currentDateTime());
        m_chartsDirty = true;
    }
    if (!m_chartsDirty)
        return;
    m_chartsDirty = false;
    m_charts->showStats(m_stats);
    updateCounters();
}

void DaemonPanel::onStateChanged(DaemonProcess::State state)
{
    if (state == DaemonProcess::State::Starting) {
        m_stats.daemonRestarted();
        m_crashFrame->hide();
    }
    if (state == DaemonProcess::State::Stopped || state == DaemonProcess::State::Crashed) {
        m_stats.daemonRestarted(); // its sessions ended with it
        m_tick->stop();
        m_chartsDirty = true;
        refreshCharts();
    }
    updateStatus();
    updateCounters();
    updateButtons();
    emit daemonStateChanged(state);
}

void DaemonPanel::onCrashed()
{
    m_crashMessage->setText(tr("<b>The daemon stopped unexpectedly.</b> %1 Its last messages are below; "
                               "Restart runs it again with the same settings.")
                                .arg(m_process->failureText().toHtmlEscaped()));
    m_crashLines->setPlainText(m_process->lastErrorLines().join(QLatin1Char('\n')));
    m_crashLines->setVisible(!m_process->lastErrorLines().isEmpty());
    m_crashFrame->show();
    updateStatus();
    updateButtons();
}

QString DaemonPanel::statusText() const
{
    return m_status->text();
}

QString DaemonPanel::crashText() const
{
    if (m_crashFrame->isHidden())
        return {};
    return m_crashMessage->text() + QLatin1Char('\n') + m_crashLines->toPlainText();
}

bool DaemonPanel::isCrashShown() const
{
    return !m_crashFrame->isHidden();
}

void DaemonPanel::updateStatus()
{
    m_rootLabel->setText(m_document->isOpen() ? tr("MailRoot: %1").arg(QDir::toNativeSeparators(m_document->directory()))
                                              : tr("No MailRoot open."));
    QStringList notes;
    if (m_process->isActive() && m_servingRoot != m_document->directory())
        notes << tr("The daemon still serves %1: restart it to serve the MailRoot open now.").arg(QDir::toNativeSeparators(m_servingRoot));
    else if (m_document->isOpen() && m_document->isModified())
        notes << tr("The daemon serves the saved tables: save to apply your edits (it reloads changed files by itself).");
    m_unsavedNote->setText(notes.join(QLatin1Char(' ')));
    m_unsavedNote->setVisible(!notes.isEmpty());
    if (!m_startError.isEmpty()) {
        m_status->setText(m_startError);
        return;
    }
    switch (m_process->state()) {
    case DaemonProcess::State::Stopped:
        m_status->setText(tr("Stopped."));
        break;
    case DaemonProcess::State::Starting:
        m_status->setText(tr("Starting %1…").arg(QDir::toNativeSeparators(m_process->program())));
        break;
    case DaemonProcess::State::Running:
        m_status->setText(tr("Running (pid %1), listening on %2.")
                              .arg(m_process->processId())
                              .arg(m_process->listenAddresses().join(QStringLiteral(", "))));
        break;
    case DaemonProcess::State::Stopping:
        m_status->setText(tr("Stopping: live sessions get %n second(s) to finish…", nullptr, m_process->graceSeconds()));
        break;
    case DaemonProcess::State::Crashed:
        m_status->setText(tr("The daemon stopped unexpectedly."));
        break;
    }
}

void DaemonPanel::updateCounters()
{
    QString text = tr("Sessions now: %1   Connections: %2   Rejects: %3   Delays: %4   Events kept: %5")
                       .arg(m_stats.sessionsNow())
                       .arg(m_stats.connections())
                       .arg(m_stats.rejects())
                       .arg(m_stats.delays())
                       .arg(m_log->rowCount());
    if (m_stats.greylisted() + m_stats.greylistPassed() + m_stats.autoWhitelisted() > 0)
        text += QStringLiteral("   ")
                + tr("Greylisted: %1   Passed: %2   Auto-whitelisted: %3")
                      .arg(m_stats.greylisted())
                      .arg(m_stats.greylistPassed())
                      .arg(m_stats.autoWhitelisted());
    m_counters->setText(text);
}

void DaemonPanel::updateButtons()
{
    const bool active = m_process->isActive();
    m_startButton->setEnabled(!active);
    m_stopButton->setEnabled(active && m_process->state() != DaemonProcess::State::Stopping);
    m_restartButton->setEnabled(m_process->state() != DaemonProcess::State::Stopping);
    m_listen->setEnabled(!active);
    m_compat->setEnabled(!active);
}

void DaemonPanel::fillTypeFilter()
{
    const QString current = m_typeFilter->currentData().toString();
    const QSignalBlocker blocker(m_typeFilter);
    m_typeFilter->clear();
    m_typeFilter->addItem(tr("All events"), QString());
    for (const QString &type : EventLogModel::knownTypes())
        m_typeFilter->addItem(type, type);
    m_typeFilter->setCurrentIndex(std::max(0, m_typeFilter->findData(current)));
}

void DaemonPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DaemonPanel::retranslateUi()
{
    m_listenLabel->setText(tr("&Listen on:"));
    m_listen->setToolTip(tr("Addresses the daemon listens on, separated by spaces: ADDR:PORT, [v6]:PORT or PORT"));
    m_compat->setText(tr("XMail 1.27 compatible"));
    m_compat->setToolTip(tr("Run with --xmail-compat: every XMF- extension is ignored"));
    m_startButton->setText(tr("&Start"));
    m_startButton->setToolTip(tr("Run the bundled xmflowd serve on this MailRoot"));
    m_stopButton->setText(tr("S&top"));
    m_stopButton->setToolTip(tr("Ask the daemon to stop (SIGTERM); it is killed if it does not end in time"));
    m_restartButton->setText(tr("&Restart"));
    m_typeLabel->setText(tr("Event:"));
    m_peerLabel->setText(tr("Client:"));
    m_peerFilter->setPlaceholderText(tr("part of an IP address"));
    m_rejectsOnly->setText(tr("Rejects only"));
    m_clearButton->setText(tr("Clear Log"));
    fillTypeFilter();
    m_log->retranslate();
    if (isCrashShown())
        onCrashed();
    updateStatus();
    updateCounters();
}

} // namespace xmflow::gui

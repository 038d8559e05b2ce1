#include "SimulatorPanel.h"

#include "AppResources.h"
#include "FlowchartScene.h"
#include "FlowchartView.h"
#include "MailRootDocument.h"
#include "TraceModel.h"
#include "TranscriptModel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace xmflow::gui {

using engine::SimulationRequest;
using engine::SimulationResult;
using engine::Simulator;

namespace {

const QString kAuthScript = QStringLiteral("auth");
const QString kBadAuthScript = QStringLiteral("badauth");
const QString kPlainScript = QStringLiteral("plain");
const QString kHistoryKey = QStringLiteral("simulator/history");
constexpr int kHistorySize = 20;

bool isAuthScript(const QString &script)
{
    return script == kAuthScript || script == kBadAuthScript;
}

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->setVisible(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

} // namespace

SimulatorPanel::SimulatorPanel(MailRootDocument *document, FlowchartScene *flowchart, QWidget *parent)
    : QWidget(parent), m_document(document), m_flowchart(flowchart), m_bar(new QWidget(this)),
      m_clientBox(new QGroupBox(this)), m_authBox(new QGroupBox(this)), m_dnsBox(new QGroupBox(this)),
      m_peerLabel(new QLabel(this)), m_listenerLabel(new QLabel(this)), m_portLabel(new QLabel(this)),
      m_scriptLabel(new QLabel(this)), m_userLabel(new QLabel(this)), m_passwordLabel(new QLabel(this)),
      m_rdnsLabel(new QLabel(this)), m_noMapsLabel(new QLabel(this)), m_commandLabel(new QLabel(this)),
      m_peerBox(new QComboBox(this)), m_peer(nullptr), m_listenerAddress(new QLineEdit(this)),
      m_password(new QLineEdit(this)), m_rdnsName(new QLineEdit(this)), m_command(new QLineEdit(this)),
      m_port(new QSpinBox(this)), m_script(new QComboBox(this)), m_user(new QComboBox(this)),
      m_mode(new QComboBox(this)), m_rdns(new QComboBox(this)), m_auth(new QCheckBox(this)),
      m_mapsLayout(new QVBoxLayout), m_runButton(new QPushButton(this)), m_batchButton(new QPushButton(this)),
      m_optionsButton(new QToolButton(this)), m_verdict(new QLabel(this)), m_results(new QTabWidget(this)),
      m_transcriptModel(new TranscriptModel(this)), m_traceModel(new TraceModel(this)),
      m_transcriptView(makeTable(m_transcriptModel, this)), m_traceView(makeTable(m_traceModel, this)),
      m_timeline(new TimelinePlot(this)), m_runTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("SimulatorPanel"));
    m_peerBox->setEditable(true);
    m_peer = m_peerBox->lineEdit();
    setUpInputs();
    buildLayout();
    connectSignals();
    retranslateUi();
    reloadFromDocument();
}

// The inputs' ranges, choices and first values.
void SimulatorPanel::setUpInputs()
{
    m_peerBox->setObjectName(QStringLiteral("ClientAddress"));
    m_peerBox->setInsertPolicy(QComboBox::NoInsert);
    m_peerBox->setMaxVisibleItems(15);
    m_peerBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_peerBox->setMinimumContentsLength(18);
    m_peerBox->addItems(QSettings().value(kHistoryKey).toStringList().mid(0, kHistorySize));
    m_peer->setText(QStringLiteral("203.0.113.10"));
    m_peer->setClearButtonEnabled(true);
    m_peer->installEventFilter(this);
    m_listenerAddress->setText(QStringLiteral("127.0.0.1"));
    m_port->setRange(1, 65535);
    m_port->setValue(25);
    for (const QString &script : Simulator::scriptNames())
        m_script->addItem(script, script);
    m_user->setEditable(true);
    m_user->setInsertPolicy(QComboBox::NoInsert);
    m_user->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_user->setMinimumContentsLength(14);
    m_password->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_mode->addItem(QString(), false);
    m_mode->addItem(QString(), true);
    m_mode->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_rdns->addItem(QString(), QStringLiteral("none"));
    m_rdns->addItem(QString(), QStringLiteral("name"));
    m_rdnsName->setText(QStringLiteral("client.remote.test"));
    m_rdnsName->setEnabled(false);
    m_command->setReadOnly(true);
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::RichText);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->setContentsMargins(6, 2, 6, 2);
    m_verdict->setStyleSheet(
        QStringLiteral("QLabel { background: #f8fafc; border: 1px solid #cbd5e1; border-radius: 4px; }"));
    m_runButton->setDefault(true);
    m_runButton->setIcon(icon(QStringLiteral("simulator")));
    m_optionsButton->setCheckable(true);
    m_optionsButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_batchButton->setIcon(icon(QStringLiteral("batch")));
    m_batchButton->setVisible(false);
    m_retryLabel = new QLabel(this);
    m_retryAfter = new QSpinBox(this);
    m_retryAfter->setObjectName(QStringLiteral("retryAfter"));
    m_retryAfter->setRange(0, 7 * 86400);
    m_retryAfter->setValue(400);
}

// The bar on top; the centre (flowchart) with the optional "more options"
// column; the results below in a splitter.
void SimulatorPanel::buildLayout()
{
    auto *bar = new QHBoxLayout(m_bar);
    bar->setContentsMargins(6, 4, 6, 4);
    bar->setSpacing(6);
    bar->addWidget(m_peerLabel);
    bar->addWidget(m_peerBox, 2);
    bar->addSpacing(6);
    bar->addWidget(m_portLabel);
    bar->addWidget(m_port);
    bar->addSpacing(6);
    bar->addWidget(m_auth);
    bar->addWidget(m_user, 1);
    bar->addSpacing(6);
    bar->addWidget(m_mode);
    bar->addWidget(m_runButton);
    bar->addWidget(m_optionsButton);
    bar->addWidget(m_batchButton);
    bar->addStretch(0);

    // What the bar has no room for.
    auto *clientForm = new QFormLayout(m_clientBox);
    clientForm->addRow(m_listenerLabel, m_listenerAddress);
    clientForm->addRow(m_scriptLabel, m_script);
    clientForm->addRow(m_retryLabel, m_retryAfter);
    auto *authForm = new QFormLayout(m_authBox);
    m_userLabel->hide(); // the user is chosen in the bar
    authForm->addRow(m_passwordLabel, m_password);
    auto *dnsForm = new QFormLayout(m_dnsBox);
    m_mapsLayout->setContentsMargins(0, 0, 0, 0);
    m_mapsLayout->addWidget(m_noMapsLabel);
    dnsForm->addRow(m_mapsLayout);
    dnsForm->addRow(m_rdnsLabel, m_rdns);
    dnsForm->addRow(QString(), m_rdnsName);
    m_noMapsLabel->setWordWrap(true);
    m_commandLabel->setWordWrap(true);
    auto *inputs = new QWidget(this);
    auto *inputsLayout = new QVBoxLayout(inputs);
    inputsLayout->addWidget(m_clientBox);
    inputsLayout->addWidget(m_authBox);
    inputsLayout->addWidget(m_dnsBox);
    inputsLayout->addWidget(m_commandLabel);
    inputsLayout->addWidget(m_command);
    inputsLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("SimulatorOptions"));
    scroll->setWidget(inputs);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFixedWidth(320);
    scroll->setVisible(false);
    m_options = scroll;

    // The centre: the flowchart unless setCentralWidget() brings another one.
    m_centreArea = new QWidget(this);
    auto *centre = new QHBoxLayout(m_centreArea);
    centre->setContentsMargins(0, 0, 0, 0);
    centre->setSpacing(0);
    if (m_flowchart) {
        m_flowchartView = new FlowchartView(m_flowchart, m_centreArea);
        m_central = m_flowchartView;
        centre->addWidget(m_central, 1);
    }
    centre->addWidget(m_options);

    // Results: the timeline and the transcript, beside them the trace.
    m_results->setDocumentMode(true);
    m_results->addTab(m_timeline, QString());
    m_results->addTab(m_transcriptView, QString());
    auto *traceBox = new QWidget(this);
    auto *traceLayout = new QVBoxLayout(traceBox);
    traceLayout->setContentsMargins(0, 0, 0, 0);
    traceLayout->setSpacing(2);
    traceLayout->addWidget(m_traceView, 1);
    m_resultsSplitter = new QSplitter(Qt::Horizontal, this);
    m_resultsSplitter->setObjectName(QStringLiteral("SimulatorResultsSplitter"));
    m_resultsSplitter->addWidget(m_results);
    m_resultsSplitter->addWidget(traceBox);
    m_resultsSplitter->setStretchFactor(0, 3);
    m_resultsSplitter->setStretchFactor(1, 2);
    m_resultsSplitter->setChildrenCollapsible(false);
    m_resultsSplitter->setSizes({580, 420});

    m_mainSplitter = new QSplitter(Qt::Vertical, this);
    m_mainSplitter->setObjectName(QStringLiteral("SimulatorMainSplitter"));
    m_mainSplitter->addWidget(m_centreArea);
    m_mainSplitter->addWidget(m_resultsSplitter);
    m_mainSplitter->setStretchFactor(0, 3);
    m_mainSplitter->setStretchFactor(1, 2);
    m_mainSplitter->setChildrenCollapsible(false);
    m_mainSplitter->setSizes({620, 380});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_bar);
    layout->addWidget(m_verdict);
    layout->addWidget(m_mainSplitter, 1);
}

void SimulatorPanel::setCentralWidget(QWidget *widget)
{
    if (widget == m_central)
        return;
    auto *centre = static_cast<QHBoxLayout *>(m_centreArea->layout());
    if (m_central) {
        centre->removeWidget(m_central);
        if (m_central == m_flowchartView)
            m_flowchartView = nullptr;
        m_central->deleteLater();
    }
    m_central = widget;
    if (widget) {
        widget->setParent(m_centreArea);
        centre->insertWidget(0, widget, 1);
        widget->show();
    }
}

void SimulatorPanel::focusAddress()
{
    m_peer->setFocus(Qt::ShortcutFocusReason);
    m_peer->selectAll();
}

QStringList SimulatorPanel::history() const
{
    QStringList items;
    for (int i = 0; i < m_peerBox->count(); ++i)
        items << m_peerBox->itemText(i);
    return items;
}

// Newest first, each address once, at most kHistorySize; kept for the next start.
void SimulatorPanel::remember(const QStringList &addresses)
{
    QStringList items = history();
    for (auto it = addresses.crbegin(); it != addresses.crend(); ++it) {
        items.removeAll(*it);
        items.prepend(*it);
    }
    items = items.mid(0, kHistorySize);
    const QString text = m_peer->text();
    const QSignalBlocker blocker(m_peerBox);
    const QSignalBlocker editBlocker(m_peer);
    m_peerBox->clear();
    m_peerBox->addItems(items);
    m_peerBox->setCurrentIndex(-1);
    m_peer->setText(text);
    QSettings().setValue(kHistoryKey, items);
}

bool SimulatorPanel::takeAddresses(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    const QStringList parts = text.split(separators, Qt::SkipEmptyParts);
    if (parts.size() < 2)
        return false;
    QStringList addresses;
    for (const QString &part : parts)
        if (model::IpAddress::parse(part) && !addresses.contains(part))
            addresses << part;
    if (addresses.isEmpty())
        return false;
    m_pasted = addresses;
    remember(addresses);
    m_peer->setText(addresses.first());
    m_batchButton->setVisible(addresses.size() > 1);
    retranslateUi();
    runFromUser();
    return true;
}

bool SimulatorPanel::eventFilter(QObject *watched, QEvent *event)
{
    // A paste of several addresses (a list, a log excerpt) is not one address.
    if (watched == m_peer && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Paste)) {
        if (takeAddresses(QGuiApplication::clipboard()->text()))
            return true;
    }
    return QWidget::eventFilter(watched, event);
}

void SimulatorPanel::runFromUser()
{
    m_runTimer->stop();
    if (run()) {
        remember({m_peer->text().trimmed()});
        emit userRan();
    }
}

void SimulatorPanel::connectSignals()
{
    m_runTimer->setSingleShot(true);
    m_runTimer->setInterval(150);
    connect(m_runTimer, &QTimer::timeout, this, [this] {
        if (m_document && m_document->isOpen() && model::IpAddress::parse(m_peer->text().trimmed()))
            run();
    });
    connect(m_runButton, &QPushButton::clicked, this, &SimulatorPanel::runFromUser);
    connect(m_batchButton, &QPushButton::clicked, this, [this] { emit batchRequested(m_pasted); });
    connect(m_optionsButton, &QToolButton::toggled, m_options, &QWidget::setVisible);
    connect(m_peer, &QLineEdit::returnPressed, this, &SimulatorPanel::runFromUser);
    connect(m_peer, &QLineEdit::textEdited, this, [this](const QString &text) {
        // A paste from a context menu or a middle click.
        if (text.contains(QRegularExpression(QStringLiteral("[\\s,;]"))))
            takeAddresses(text);
    });
    connect(m_peer, &QLineEdit::textChanged, this, &SimulatorPanel::scheduleRun);
    connect(m_listenerAddress, &QLineEdit::textChanged, this, &SimulatorPanel::scheduleRun);
    connect(m_port, &QSpinBox::valueChanged, this, &SimulatorPanel::scheduleRun);
    connect(m_script, &QComboBox::currentIndexChanged, this, &SimulatorPanel::scriptChanged);
    connect(m_auth, &QCheckBox::toggled, this, &SimulatorPanel::authToggled);
    connect(m_user, &QComboBox::currentIndexChanged, this, &SimulatorPanel::userChanged);
    connect(m_user, &QComboBox::editTextChanged, this, &SimulatorPanel::scheduleRun);
    connect(m_password, &QLineEdit::textChanged, this, &SimulatorPanel::scheduleRun);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &SimulatorPanel::scheduleRun);
    connect(m_retryAfter, &QSpinBox::valueChanged, this, &SimulatorPanel::scheduleRun);
    connect(m_rdns, &QComboBox::currentIndexChanged, this, [this] {
        m_rdnsName->setEnabled(m_rdns->currentData().toString() == QLatin1String("name"));
        scheduleRun();
    });
    connect(m_rdnsName, &QLineEdit::textChanged, this, &SimulatorPanel::scheduleRun);
    connect(m_traceView, &QTableView::clicked, this, [this](const QModelIndex &index) {
        const QString file = index.data(TraceModel::FileRole).toString();
        if (index.column() == TraceModel::RuleColumn && !file.isEmpty())
            emit lineActivated(file, index.data(TraceModel::LineRole).toInt());
    });
    connect(m_traceView, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QString file = index.data(TraceModel::FileRole).toString();
        if (!file.isEmpty())
            emit lineActivated(file, index.data(TraceModel::LineRole).toInt());
    });
    if (m_document) {
        connect(m_document, &MailRootDocument::opened, this, &SimulatorPanel::reloadFromDocument);
        connect(m_document, &MailRootDocument::tableChanged, this, &SimulatorPanel::reloadFromDocument);
    }
}

void SimulatorPanel::setScript(const QString &script)
{
    const int index = m_script->findData(script);
    if (index >= 0)
        m_script->setCurrentIndex(index);
}

void SimulatorPanel::setXmailCompat(bool compat)
{
    m_mode->setCurrentIndex(compat ? 1 : 0);
}

bool SimulatorPanel::xmailCompat() const
{
    return m_mode->currentData().toBool();
}

void SimulatorPanel::setAssumedRdns(const QString &nameOrNone)
{
    const bool none =
        nameOrNone.isEmpty() || nameOrNone.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0;
    if (!none)
        m_rdnsName->setText(nameOrNone);
    m_rdns->setCurrentIndex(m_rdns->findData(none ? QStringLiteral("none") : QStringLiteral("name")));
}

void SimulatorPanel::scheduleRun()
{
    m_runTimer->start();
}

void SimulatorPanel::scriptChanged()
{
    const QSignalBlocker blocker(m_auth);
    m_auth->setChecked(isAuthScript(m_script->currentData().toString()));
    scheduleRun();
}

void SimulatorPanel::authToggled(bool on)
{
    const QString script = m_script->currentData().toString();
    if (on && !isAuthScript(script))
        setScript(kAuthScript);
    else if (!on && isAuthScript(script))
        setScript(kPlainScript);
    scheduleRun();
}

void SimulatorPanel::userChanged()
{
    const QVariant password = m_user->currentData();
    if (password.isValid())
        m_password->setText(password.toString());
    scheduleRun();
}

// Users and DNSBL maps come from the open MailRoot; the choices made are kept.
void SimulatorPanel::reloadFromDocument()
{
    const bool open = m_document && m_document->isOpen();
    {
        const QString current = m_user->currentText();
        const QSignalBlocker blocker(m_user);
        m_user->clear();
        if (open) {
            const model::ParsedTables &t = m_document->root().tables();
            for (const model::MailUser &user : t.mailUsers)
                m_user->addItem(user.user + QLatin1Char('@') + user.domain, user.password());
            for (const model::SmtpAuthUser &user : t.smtpAuth)
                if (m_user->findText(user.user) < 0)
                    m_user->addItem(user.user, user.password);
        }
        const int index = current.isEmpty() ? 0 : m_user->findText(current);
        if (index >= 0 && m_user->count() > 0) {
            m_user->setCurrentIndex(index);
            m_password->setText(m_user->itemData(index).toString());
        } else {
            m_user->setEditText(current);
        }
    }

    QStringList roots;
    bool greylisting = false;
    if (open) {
        const auto policy = engine::Policy::compile(m_document->root());
        roots = policy->mapRoots();
        greylisting = policy->settings().greylist.enabled;
        // A retry just after XMF-GreylistDelay, as a polite MTA would.
        if (greylisting && !m_greylisting)
            m_retryAfter->setValue(policy->settings().greylist.delaySeconds + 100);
    }
    m_greylisting = greylisting;
    m_retryLabel->setVisible(greylisting);
    m_retryAfter->setVisible(greylisting);
    if (roots != m_mapRoots) {
        QSet<QString> checked;
        for (auto it = m_listed.cbegin(); it != m_listed.cend(); ++it)
            if ((*it)->isChecked())
                checked.insert(it.key());
        qDeleteAll(m_listed);
        m_listed.clear();
        m_mapRoots = roots;
        for (const QString &root : std::as_const(m_mapRoots)) {
            auto *box = new QCheckBox(m_dnsBox);
            box->setChecked(checked.contains(root));
            connect(box, &QCheckBox::toggled, this, &SimulatorPanel::scheduleRun);
            m_mapsLayout->addWidget(box);
            m_listed.insert(root, box);
        }
        m_noMapsLabel->setVisible(m_mapRoots.isEmpty());
        retranslateUi();
    }
    m_runButton->setEnabled(open);
    if (m_hasResult)
        scheduleRun();
}

QStringList SimulatorPanel::commandArguments() const
{
    QStringList args{QStringLiteral("simulate"), QStringLiteral("--mailroot"),
                     m_document ? QDir::toNativeSeparators(m_document->directory()) : QString(),
                     QStringLiteral("--peer"), m_peer->text().trimmed()};
    const QString local = m_listenerAddress->text().trimmed();
    args << QStringLiteral("--local")
         << (local.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2") : QStringLiteral("%1:%2"))
                .arg(local)
                .arg(m_port->value());
    const QString script = m_script->currentData().toString();
    args << QStringLiteral("--script") << script;
    if (isAuthScript(script))
        args << QStringLiteral("--auth")
             << m_user->currentText().trimmed() + QLatin1Char(':') + m_password->text();
    bool anyDns = false;
    for (const QString &root : m_mapRoots)
        if (m_listed.value(root)->isChecked()) {
            args << QStringLiteral("--assume-listed") << root;
            anyDns = true;
        }
    const bool ptrName =
        m_rdns->currentData().toString() == QLatin1String("name") && !m_rdnsName->text().trimmed().isEmpty();
    if (anyDns || ptrName || m_needsDns)
        args << QStringLiteral("--assume-rdns")
             << (ptrName ? m_rdnsName->text().trimmed() : QStringLiteral("none"));
    if (xmailCompat())
        args << QStringLiteral("--xmail-compat");
    return args;
}

bool SimulatorPanel::run()
{
    m_error.clear();
    auto fail = [this](const QString &message) {
        m_error = message;
        m_verdict->setText(
            QStringLiteral("<span style=\"color:#c62828\">%1</span>").arg(message.toHtmlEscaped()));
        return false;
    };
    if (!m_document || !m_document->isOpen())
        return fail(tr("Open a MailRoot first."));
    const auto peer = model::IpAddress::parse(m_peer->text().trimmed());
    if (!peer)
        return fail(tr("“%1” is not an IP address.").arg(m_peer->text().trimmed()));
    const auto local = model::IpAddress::parse(m_listenerAddress->text().trimmed());
    if (!local)
        return fail(
            tr("The listener address “%1” is not an IP address.").arg(m_listenerAddress->text().trimmed()));

    engine::PolicyOptions compatOptions;
    compatOptions.xmailCompat = true;
    const auto compatPolicy = engine::Policy::compile(m_document->root(), compatOptions);
    const auto extensionPolicy = engine::Policy::compile(m_document->root(), engine::PolicyOptions{});
    const bool compat = xmailCompat();

    // The same request `xmflowd simulate` builds from --assume-*: once one DNS
    // answer is assumed, every other one is "not listed" / "no PTR".
    SimulationRequest base;
    base.peer = *peer;
    base.local.address = *local;
    base.local.port = quint16(m_port->value());
    engine::AssumedDns assumed;
    for (const QString &root : std::as_const(m_mapRoots))
        if (m_listed.value(root)->isChecked())
            assumed.listedRoots << root;
    const bool ptrGiven =
        m_rdns->currentData().toString() == QLatin1String("name") && !m_rdnsName->text().trimmed().isEmpty();
    m_needsDns =
        engine::needsDnsAnswers(*compatPolicy, *peer) || engine::needsDnsAnswers(*extensionPolicy, *peer);
    if (ptrGiven)
        assumed.ptrName = m_rdnsName->text().trimmed();
    else if (m_needsDns)
        assumed.ptrName = QString(); // no live DNS here: as --assume-rdns none
    engine::applyAssumedDns(base, assumed);
    const QString user = m_user->currentText().trimmed();
    if (!user.isEmpty()) {
        base.user = user;
        base.password = m_password->text();
    }
    m_runUser = base.user;

    const QString script = m_script->currentData().toString();
    SimulationRequest primary = base;
    primary.script = script;
    m_result = Simulator::run(compat ? compatPolicy : extensionPolicy, primary);
    engine::PolicyOptions options;
    options.xmailCompat = compat;
    m_path = engine::stagePath(m_result, options);
    m_ranCompat = compat;

    // The comparison: the chosen script without AUTH, and the auth script; with
    // greylisting, each also retries (the timeline draws both visits).
    SimulationRequest comparisonBase = base;
    if (m_greylisting && m_retryAfter->value() > 0)
        comparisonBase.retryAfterSeconds = m_retryAfter->value();
    m_comparison = engine::SimulationComparison::run(compatPolicy, extensionPolicy, comparisonBase, script);
    m_hasResult = true;
    showResult();
    emit simulated();
    return true;
}

QString SimulatorPanel::caption() const
{
    QString text = tr("Client %1 → %2 port %3, script “%4”")
                       .arg(m_peer->text().trimmed(), m_listenerAddress->text().trimmed())
                       .arg(m_port->value())
                       .arg(m_script->currentData().toString());
    if (isAuthScript(m_script->currentData().toString()))
        text += tr(", AUTH as %1").arg(m_runUser);
    return text;
}

void SimulatorPanel::showResult()
{
    if (!m_hasResult)
        return;
    m_runCaption = caption();
    m_transcriptModel->setSteps(m_result.steps);
    m_traceModel->setPath(m_path, m_ranCompat);
    m_transcriptView->resizeColumnsToContents();
    m_traceView->resizeColumnsToContents();
    m_traceView->horizontalHeader()->setStretchLastSection(true);
    m_transcriptView->horizontalHeader()->setStretchLastSection(true);
    m_timeline->setRuns(m_comparison.runs, tr("Client %1 → port %2; AUTH runs log in as %3")
                                               .arg(m_peer->text().trimmed())
                                               .arg(m_port->value())
                                               .arg(m_runUser));
    m_verdict->setText(verdictHtml());
    m_command->setText(QStringLiteral("xmflowd ") + commandArguments().join(QLatin1Char(' ')));
    if (m_flowchart) {
        m_flowchart->setXmailCompat(m_ranCompat);
        m_flowchart->showPath(m_path, m_runCaption);
    }
}

QString SimulatorPanel::verdictHtml() const
{
    const SimulationResult &r = m_result;
    const engine::ConnectVerdict &v = r.verdict;
    auto find = [&r](const QString &name) -> const engine::SimulationStep * {
        for (const engine::SimulationStep &s : r.steps)
            if (s.step == name)
                return &s;
        return nullptr;
    };
    auto ruleOf = [this](const QString &exit) {
        for (const engine::StagePathStep &step : m_path)
            if (step.exit == exit && !step.file.isEmpty())
                return QStringLiteral(" (%1%2)").arg(
                    step.file, step.line > 0 ? QStringLiteral(":%1").arg(step.line) : QString());
        return QString();
    };
    QString headline;
    QString color = QStringLiteral("#2e7d32");
    const engine::SimulationStep *banner = r.steps.isEmpty() ? nullptr : &r.steps.first();
    const engine::SimulationStep *body = find(QStringLiteral("BODY"));
    const engine::SimulationStep *mail = find(QStringLiteral("MAIL FROM"));
    const engine::SimulationStep *closing = nullptr;
    bool anyRecipient = false;
    for (const engine::SimulationStep &s : r.steps) {
        if (&s != banner && !closing && (s.code == 0 || s.code == 421))
            closing = &s;
        anyRecipient = anyRecipient || (s.step == QLatin1String("RCPT TO") && s.code == 250);
    }
    if (banner && banner->code == 554 && !v.drop) {
        headline = tr("Refused: the client talked before the banner (early talker)");
        color = QStringLiteral("#c62828");
    } else if (v.drop || (banner && banner->code != 220)) {
        headline = tr("Refused at connect: %1").arg(banner ? banner->reply : v.dropReply) +
                   ruleOf(QStringLiteral("drop"));
        color = QStringLiteral("#c62828");
    } else if (body && body->code == 250) {
        headline = tr("Accepted: the message was stored");
    } else if (closing) {
        headline = tr("Closed by the server at %1").arg(closing->step);
        color = QStringLiteral("#c62828");
    } else if (mail && mail->code != 250) {
        headline = tr("MAIL FROM refused: %1").arg(mail->reply);
        color = QStringLiteral("#c62828");
    } else if (mail && !anyRecipient) {
        headline = tr("Every recipient was refused");
        color = QStringLiteral("#c62828");
    } else {
        headline = tr("No message was sent");
        color = QStringLiteral("#475569");
    }
    QStringList details;
    if (v.delaySeconds > 0 && !v.drop)
        details << (v.delayAtMail
                        ? tr("Delay %1 s before every command from MAIL FROM on, until AUTH succeeds")
                              .arg(v.delaySeconds)
                        : tr("Delay %1 s before every command until AUTH succeeds").arg(v.delaySeconds));
    if (r.authenticated)
        details << tr("Authenticated as %1").arg(m_runUser);
    details << tr("Session time: %1 s").arg(r.totalSeconds);
    QString html =
        QStringLiteral("<div style=\"font-size:large; font-weight:bold; color:%1\">%2</div><div>%3</div>")
            .arg(color, headline.toHtmlEscaped(), details.join(QStringLiteral(" · ")).toHtmlEscaped());
    // The comparison the admins asked for.
    const TimelineRun *compatAuth = m_comparison.find(true, true);
    const TimelineRun *extensionAuth = m_comparison.find(false, true);
    if (compatAuth && extensionAuth && compatAuth->result.authenticated)
        html += QStringLiteral("<div style=\"color:#1d4e89\">%1</div>")
                    .arg(tr("An authenticated submission from this client waits %1 s under XMail 1.27's "
                            "rules and %2 s "
                            "with the xmflow extensions.")
                             .arg(compatAuth->result.totalSeconds)
                             .arg(extensionAuth->result.totalSeconds)
                             .toHtmlEscaped());
    return html;
}

void SimulatorPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SimulatorPanel::retranslateUi()
{
    m_clientBox->setTitle(tr("Client"));
    m_authBox->setTitle(tr("SMTP AUTH"));
    m_dnsBox->setTitle(tr("DNS what-ifs"));
    m_peerLabel->setText(tr("Client IP:"));
    m_peer->setPlaceholderText(tr("e.g. 203.0.113.10 or 2001:db8::1"));
    m_peerBox->setToolTip(
        tr("The client's address (Ctrl+L); Enter simulates it. The list holds the addresses "
           "simulated before; paste several to offer them to the batch view."));
    m_listenerLabel->setText(tr("Listener address:"));
    m_portLabel->setText(tr("Port:"));
    m_port->setToolTip(tr("The listener port the client connects to (server.tab and smtp.ipprop.tab can "
                          "decide by port)"));
    m_scriptLabel->setText(tr("Client script:"));
    const QHash<QString, QString> scripts{
        {QStringLiteral("plain"), tr("plain: EHLO, MAIL, RCPT ×2, DATA, QUIT")},
        {QStringLiteral("auth"), tr("auth: EHLO, AUTH PLAIN, MAIL, RCPT ×2, DATA")},
        {QStringLiteral("badauth"), tr("badauth: AUTH with a wrong password")},
        {QStringLiteral("helo"), tr("helo: HELO instead of EHLO")},
        {QStringLiteral("nouser"), tr("nouser: an unknown local user first")},
        {QStringLiteral("garbage"), tr("garbage: three unknown commands first")},
        {QStringLiteral("early"), tr("early: talks before the banner")},
    };
    for (int i = 0; i < m_script->count(); ++i)
        m_script->setItemText(
            i, scripts.value(m_script->itemData(i).toString(), m_script->itemData(i).toString()));
    m_auth->setText(tr("AUTH as"));
    m_auth->setToolTip(tr("Log in with SMTP AUTH PLAIN as the chosen user"));
    m_userLabel->setText(tr("User:"));
    m_user->setToolTip(
        tr("Users of mailusers.tab and smtpauth.tab; the timeline's AUTH runs log in as this user"));
    m_passwordLabel->setText(tr("Password:"));
    m_noMapsLabel->setText(tr("CustMapsList is not set: no DNSBL is asked."));
    for (auto it = m_listed.cbegin(); it != m_listed.cend(); ++it)
        (*it)->setText(tr("Listed in %1").arg(it.key()));
    m_rdnsLabel->setText(tr("Reverse DNS:"));
    m_rdns->setItemText(0, tr("No PTR record"));
    m_rdns->setItemText(1, tr("PTR record:"));
    m_retryLabel->setText(tr("Greylisting retry after:"));
    m_retryAfter->setSuffix(tr(" s"));
    m_retryAfter->setSpecialValueText(tr("no retry"));
    m_retryAfter->setToolTip(tr("The timeline also plays the client's retry this many seconds after its first, "
                                "greylisted visit (as xmflowd simulate --retry-after)."));
    m_mode->setItemText(0, tr("xmflowd rules"));
    m_mode->setItemText(1, tr("XMail 1.27 rules"));
    m_mode->setToolTip(
        tr("Decide as xmflowd with the XMF- extensions, or as plain XMail 1.27 (extensions ignored)"));
    m_runButton->setText(tr("&Simulate"));
    m_runButton->setToolTip(tr("Run the session (Enter in the address box)"));
    m_optionsButton->setText(tr("More options"));
    m_optionsButton->setToolTip(tr("Listener address, client script, password and DNS what-ifs"));
    m_batchButton->setText(tr("Batch: %1 addresses").arg(m_pasted.size()));
    m_batchButton->setToolTip(tr("Simulate every pasted address in the batch view"));
    m_commandLabel->setText(tr("The same with the command-line tool:"));
    m_results->setTabText(0, tr("Timeline"));
    m_results->setTabText(1, tr("Transcript"));
    m_results->setTabToolTip(
        0, tr("Seconds per SMTP command, XMail 1.27 against the extensions, without and with AUTH"));
    m_results->setTabToolTip(1, tr("Every command the client sent and every reply, with its delay"));
    m_traceView->setToolTip(tr("Every stage of the decision; click a rule to open its line"));
    if (m_hasResult)
        showResult();
    else
        m_verdict->setText(tr("Choose a client and press Simulate."));
}

} // namespace xmflow::gui

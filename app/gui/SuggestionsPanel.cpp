#include "SuggestionsPanel.h"

#include "MailRootDocument.h"
#include "SuggestionsModel.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace xmflow::gui {

namespace {
constexpr int kPermille = 1000;
}

SuggestionsPanel::SuggestionsPanel(MailRootDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document), m_model(new SuggestionsModel(this)), m_days(new QSpinBox(this)),
      m_minFailures(new QSpinBox(this)), m_style(new QComboBox(this)), m_daysLabel(new QLabel(this)),
      m_minLabel(new QLabel(this)), m_styleLabel(new QLabel(this)), m_filesLabel(new QLabel(this)),
      m_status(new QLabel(this)), m_chooseButton(new QPushButton(this)), m_findButton(new QPushButton(this)),
      m_cancelButton(new QPushButton(this)), m_addButton(new QPushButton(this)),
      m_progress(new QProgressBar(this)), m_view(new QTableView(this))
{
    setObjectName(QStringLiteral("SuggestionsPanel"));
    m_days->setRange(1, 3650);
    m_minFailures->setRange(1, 1000000);
    for (int i = 0; i < 3; ++i)
        m_style->addItem(QString());
    setOptions({});
    m_progress->setRange(0, kPermille);
    m_progress->setVisible(false);
    m_cancelButton->setEnabled(false);
    m_status->setWordWrap(true);
    m_view->setModel(m_model);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->setVisible(false);

    auto *files = new QHBoxLayout;
    files->addWidget(m_chooseButton);
    files->addWidget(m_filesLabel, 1);
    auto *settings = new QHBoxLayout;
    settings->addWidget(m_daysLabel);
    settings->addWidget(m_days);
    settings->addWidget(m_minLabel);
    settings->addWidget(m_minFailures);
    settings->addWidget(m_styleLabel);
    settings->addWidget(m_style);
    settings->addStretch(1);
    settings->addWidget(m_findButton);
    settings->addWidget(m_cancelButton);
    settings->addWidget(m_addButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(files);
    layout->addLayout(settings);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);

    connect(m_chooseButton, &QPushButton::clicked, this, &SuggestionsPanel::chooseLogFiles);
    connect(m_findButton, &QPushButton::clicked, this, &SuggestionsPanel::findSuggestions);
    connect(m_cancelButton, &QPushButton::clicked, this, &SuggestionsPanel::cancel);
    connect(m_addButton, &QPushButton::clicked, this, &SuggestionsPanel::addChecked);
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        m_progress->setVisible(false);
        m_cancelButton->setEnabled(false);
        m_findButton->setEnabled(true);
        const bool canceled = m_watcher.isCanceled() || m_watcher.future().resultCount() == 0;
        if (canceled) {
            m_status->setText(tr("Canceled."));
        } else {
            const Outcome outcome = m_watcher.result();
            m_logs = outcome.logs;
            m_model->setReport(outcome.report);
            retranslateUi();
        }
        emit finished(canceled);
    });
    connect(m_document, &MailRootDocument::opened, this, [this] {
        m_logs.reset();
        m_files = ImpactPanel::rememberedLogs(m_document->directory());
        m_model->setReport({});
        retranslateUi();
    });
    if (m_document->isOpen())
        m_files = ImpactPanel::rememberedLogs(m_document->directory());
    retranslateUi();
}

SuggestionsPanel::~SuggestionsPanel()
{
    cancel();
    waitForFinished();
}

engine::SuggestOptions SuggestionsPanel::options() const
{
    engine::SuggestOptions o;
    o.days = m_days->value();
    o.minScore = m_minFailures->value();
    o.style = engine::SuggestOptions::Style(m_style->currentIndex());
    o.ownNetworks = engine::SuggestOptions::localNetworks(); // as xmflowd suggest on this machine
    return o;
}

void SuggestionsPanel::setOptions(const engine::SuggestOptions &options)
{
    m_days->setValue(options.days);
    m_minFailures->setValue(options.minScore);
    m_style->setCurrentIndex(int(options.style));
}

void SuggestionsPanel::setLogFiles(const QStringList &paths)
{
    m_files = paths;
    if (m_document->isOpen())
        ImpactPanel::rememberLogs(m_document->directory(), paths);
    retranslateUi();
}

void SuggestionsPanel::chooseLogFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Choose XMail smtp logs"), m_document->isOpen() ? m_document->directory() : QString(),
        tr("XMail smtp logs (smtp-* *.gz);;All files (*)"));
    if (!paths.isEmpty())
        setLogFiles(paths);
}

bool SuggestionsPanel::isRunning() const
{
    return m_watcher.isRunning();
}

void SuggestionsPanel::cancel()
{
    if (m_watcher.isRunning())
        m_watcher.cancel();
}

void SuggestionsPanel::waitForFinished()
{
    m_watcher.waitForFinished();
}

void SuggestionsPanel::findSuggestions()
{
    if (!m_document->isOpen() || m_files.isEmpty() || m_watcher.isRunning()) {
        if (!m_watcher.isRunning())
            m_status->setText(m_document->isOpen() ? tr("Choose the smtp logs to read.")
                                                   : tr("Open a MailRoot first."));
        return;
    }
    const model::MailRoot root = m_document->root();
    const engine::SuggestOptions o = options();
    std::shared_ptr<const LogSnapshot> cached = m_logs && m_logs->files == m_files ? m_logs : nullptr;
    const QStringList files = m_files;
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_cancelButton->setEnabled(true);
    m_findButton->setEnabled(false);
    m_status->setText(tr("Reading the logs..."));
    m_watcher.setFuture(QtConcurrent::run([root, o, cached, files](QPromise<Outcome> &promise) {
        promise.setProgressRange(0, kPermille);
        Outcome outcome;
        outcome.logs = cached ? cached : ImpactPanel::readLogs(files, [&promise](int permille) {
            promise.setProgressValue(permille * 9 / 10);
            return !promise.isCanceled();
        });
        if (!outcome.logs || promise.isCanceled())
            return;
        outcome.report = engine::SpammerSuggester::run(root, outcome.logs->clients, o);
        promise.setProgressValue(kPermille);
        promise.addResult(std::move(outcome));
    }));
}

bool SuggestionsPanel::addChecked()
{
    const QList<engine::Suggestion> chosen = m_model->checkedSuggestions();
    if (chosen.isEmpty() || !m_document->isOpen())
        return false;
    const engine::SuggestOptions o = m_model->report().options;
    const bool changed = m_document->edit(
        model::TableKind::Spammers, tr("Add %n suggested line(s)", nullptr, int(chosen.size())),
        [&chosen, &o](model::TabFile &file) {
            for (const engine::Suggestion &s : chosen) {
                file.insertLine(file.lineCount(), s.comment(o).toUtf8());
                file.appendRecord({s.network, QStringLiteral("code=%1").arg(s.code)});
            }
        });
    if (changed)
        m_status->setText(
            tr("%n line(s) added to spammers.tab (undo restores the file).", nullptr, int(chosen.size())));
    return changed;
}

QString SuggestionsPanel::statusText() const
{
    return m_status->text();
}

void SuggestionsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

void SuggestionsPanel::retranslateUi()
{
    setWindowTitle(tr("Suggestions"));
    m_chooseButton->setText(tr("Logs..."));
    m_findButton->setText(tr("Find suggestions"));
    m_cancelButton->setText(tr("Cancel"));
    m_addButton->setText(tr("Add ticked lines"));
    m_daysLabel->setText(tr("Days:"));
    m_minLabel->setText(tr("Minimum weighted failures:"));
    m_styleLabel->setText(tr("Style:"));
    m_style->setItemText(0, tr("drop (code=1)"));
    m_style->setItemText(1, tr("delay (code=-30)"));
    m_style->setItemText(2, tr("AUTH only (code=0)"));
    QStringList names;
    for (const QString &f : std::as_const(m_files))
        names << QFileInfo(f).fileName();
    m_filesLabel->setText(names.isEmpty() ? tr("No smtp logs chosen") : names.join(QStringLiteral(", ")));
    if (m_watcher.isRunning() || !m_logs)
        return;
    const engine::SuggestReport &r = m_model->report();
    m_status->setText(
        tr("%n suggested line(s) from %1 log lines; %2 networks or addresses never proposed (users, "
           "whitelists, own networks, already covered).",
           nullptr, int(r.suggestions.size()))
            .arg(m_logs->lines)
            .arg(r.refused.size()));
}

} // namespace xmflow::gui

#include "DiagnosticsPanel.h"

#include "AppResources.h"
#include "LanguageManager.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace xmflow::gui {

QString severityTitle(model::Severity severity)
{
    switch (severity) {
    case model::Severity::Error: return DiagnosticsPanel::tr("Error");
    case model::Severity::Warning: return DiagnosticsPanel::tr("Warning");
    case model::Severity::Info: return DiagnosticsPanel::tr("Info");
    }
    return {};
}

DiagnosticsPanel::DiagnosticsPanel(QWidget *parent)
    : QWidget(parent)
    , m_severity(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_details(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("DiagnosticsPanel"));
    m_severity->addItems({ QString(), QString(), QString() });
    m_list->setColumnCount(3);
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setUniformRowHeights(true);
    m_list->header()->setStretchLastSection(true);
    m_list->setColumnWidth(0, 110);
    m_list->setColumnWidth(1, 150);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_severity);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_severity, &QComboBox::currentIndexChanged, this, &DiagnosticsPanel::fill);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &DiagnosticsPanel::showDetails);
    connect(m_list, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) { activateRow(m_list->indexOfTopLevelItem(item)); });
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) { activateRow(m_list->indexOfTopLevelItem(item)); });
    connect(&LanguageManager::instance(), &LanguageManager::languageChanged, this, &DiagnosticsPanel::fill);
    retranslateUi();
}

void DiagnosticsPanel::setDiagnostics(const model::Diagnostics &diagnostics)
{
    m_diagnostics = diagnostics;
    fill();
}

void DiagnosticsPanel::activateRow(int row)
{
    QTreeWidgetItem *item = m_list->topLevelItem(row);
    if (!item)
        return;
    m_list->setCurrentItem(item);
    const auto &d = m_diagnostics.at(item->data(0, Qt::UserRole).toInt());
    emit lineActivated(d.file, d.line);
}

void DiagnosticsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DiagnosticsPanel::retranslateUi()
{
    m_list->setHeaderLabels({ tr("Severity"), tr("Location"), tr("Finding") });
    m_severity->setItemText(0, tr("All findings"));
    m_severity->setItemText(1, tr("Errors and warnings"));
    m_severity->setItemText(2, tr("Errors only"));
    fill();
}

void DiagnosticsPanel::fill()
{
    const QString lang = currentLanguage();
    const int minimum = m_severity->currentIndex() <= 0 ? 0 : m_severity->currentIndex() == 1 ? 1 : 2;
    m_list->clear();
    int errors = 0, warnings = 0, infos = 0;
    for (int i = 0; i < m_diagnostics.size(); ++i) {
        const auto &d = m_diagnostics.at(i);
        switch (d.severity) {
        case model::Severity::Error: ++errors; break;
        case model::Severity::Warning: ++warnings; break;
        case model::Severity::Info: ++infos; break;
        }
        if (int(d.severity) < minimum)
            continue;
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, severityTitle(d.severity));
        item->setIcon(0, icon(d.severity == model::Severity::Error ? QStringLiteral("error")
                              : d.severity == model::Severity::Warning ? QStringLiteral("warning")
                                                                        : QStringLiteral("info")));
        item->setText(1, d.location());
        item->setText(2, d.message.text(lang));
        item->setToolTip(2, d.message.text(lang));
        item->setData(0, Qt::UserRole, i);
    }
    m_summary->setText(m_diagnostics.isEmpty() ? tr("No findings: XMail will read every line as written.")
                                               : tr("%1 errors, %2 warnings, %3 notes").arg(errors).arg(warnings).arg(infos));
    showDetails();
}

void DiagnosticsPanel::showDetails()
{
    QTreeWidgetItem *item = m_list->currentItem();
    if (!item) {
        m_details->setHtml(tr("Click a finding to jump to its line."));
        return;
    }
    const QString lang = currentLanguage();
    const auto &d = m_diagnostics.at(item->data(0, Qt::UserRole).toInt());
    QString html = QStringLiteral("<p><b>%1</b> — %2</p><p>%3</p>")
                       .arg(d.location().toHtmlEscaped(), severityTitle(d.severity).toHtmlEscaped(), d.message.text(lang).toHtmlEscaped());
    if (!d.xmailBehaviour.isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("What XMail does:").toHtmlEscaped(), d.xmailBehaviour.text(lang).toHtmlEscaped());
    if (!d.hint.isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("How to fix:").toHtmlEscaped(), d.hint.text(lang).toHtmlEscaped());
    m_details->setHtml(html);
}

} // namespace xmflow::gui

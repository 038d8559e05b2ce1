#include "TableEditor.h"

#include "AppResources.h"
#include "TableDelegate.h"
#include "TableModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace xmflow::gui {

using model::TableKind;
using model::TabFile;

TableEditor::TableEditor(MailRootDocument *document, TableKind kind, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_kind(kind)
    , m_model(new TableModel(document, kind, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_delegate(new TableDelegate(this))
    , m_toolBar(new QToolBar(this))
    , m_filter(new QLineEdit(this))
    , m_match(new QLineEdit(this))
    , m_matchLabel(new QLabel(this))
    , m_filterLabel(new QLabel(this))
    , m_matchResult(new QLabel(this))
{
    setObjectName(QStringLiteral("TableEditor-") + model::tableFileName(kind));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_view->setModel(m_proxy);
    m_view->setItemDelegate(m_delegate);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_toolBar->setIconSize(QSize(18, 18));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_add = m_toolBar->addAction(icon(QStringLiteral("add")), QString(), this, &TableEditor::addRow);
    m_delete = m_toolBar->addAction(icon(QStringLiteral("remove")), QString(), this, &TableEditor::deleteRows);
    m_up = m_toolBar->addAction(icon(QStringLiteral("up")), QString(), this, &TableEditor::moveUp);
    m_down = m_toolBar->addAction(icon(QStringLiteral("down")), QString(), this, &TableEditor::moveDown);
    m_toolBar->addSeparator();
    m_copy = new QAction(this);
    m_paste = new QAction(this);
    connect(m_copy, &QAction::triggered, this, &TableEditor::copyRows);
    connect(m_paste, &QAction::triggered, this, &TableEditor::pasteRows);
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_up->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    m_up->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_down->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    m_down->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addActions({ m_add, m_delete, m_up, m_down, m_copy, m_paste });

    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    m_match->setClearButtonEnabled(true);
    connect(m_match, &QLineEdit::textChanged, this, [this](const QString &text) { highlightMatches(text); });
    const bool hasFilters = TableSchema::hasAddressFilters(kind);
    m_match->setVisible(hasFilters);
    m_matchLabel->setVisible(hasFilters);
    m_matchResult->setVisible(hasFilters);

    auto *search = new QHBoxLayout;
    search->addWidget(m_filterLabel);
    search->addWidget(m_filter, 2);
    search->addSpacing(12);
    search->addWidget(m_matchLabel);
    search->addWidget(m_match, 1);
    search->addWidget(m_matchResult, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_toolBar);
    layout->addLayout(search);
    layout->addWidget(m_view, 1);

    connect(document, &MailRootDocument::tableChanged, this, &TableEditor::onTableChanged);
    connect(document, &MailRootDocument::opened, this, [this] { onTableChanged(m_kind, {}); });
    connect(m_delegate, &TableDelegate::rejected, this, &TableEditor::statusMessage);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &TableEditor::updateSpans);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &TableEditor::updateSpans);
    retranslateUi();
    updateSpans();
    fitColumns();
}

void TableEditor::fitColumns()
{
    // Comment rows span the whole width, so size columns by the records only.
    const int columns = m_model->columnCount();
    for (int column = 0; column < columns - 1; ++column)
    {
        m_view->resizeColumnToContents(column);
        m_view->setColumnWidth(column, std::max(150, m_view->columnWidth(column) + 16));
    }
}

void TableEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TableEditor::retranslateUi()
{
    m_add->setText(tr("Add line"));
    m_add->setToolTip(tr("Add a line below the current one"));
    m_delete->setText(tr("Delete"));
    m_delete->setToolTip(tr("Delete the selected lines (Del)"));
    m_up->setText(tr("Move up"));
    m_up->setToolTip(tr("Move the selected lines up: order matters where the first match wins (Alt+Up)"));
    m_down->setText(tr("Move down"));
    m_down->setToolTip(tr("Move the selected lines down (Alt+Down)"));
    m_copy->setText(tr("Copy lines"));
    m_paste->setText(tr("Paste lines"));
    m_filterLabel->setText(tr("Filter:"));
    m_filter->setPlaceholderText(tr("Show lines containing…"));
    m_matchLabel->setText(tr("Which lines match this IP?"));
    m_match->setPlaceholderText(tr("e.g. 203.0.113.7"));
    highlightMatches(m_match->text());
}

void TableEditor::updateSpans()
{
    m_view->clearSpans();
    const int columns = m_model->columnCount();
    if (columns < 2)
        return;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex source = m_proxy->mapToSource(m_proxy->index(row, 0));
        if (!m_model->isRecord(source.row()))
            m_view->setSpan(row, 0, 1, columns);
    }
}

QList<int> TableEditor::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows.append(m_proxy->mapToSource(index).row());
    if (rows.isEmpty() && m_view->currentIndex().isValid() && m_view->selectionModel()->isSelected(m_view->currentIndex()))
        rows.append(m_proxy->mapToSource(m_view->currentIndex()).row());
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

void TableEditor::selectRows(const QList<int> &rows)
{
    auto *selection = m_view->selectionModel();
    selection->clearSelection();
    bool first = true;
    for (int row : rows) {
        if (row < 0 || row >= m_model->rowCount())
            continue;
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        if (!index.isValid())
            continue;
        const auto flags = QItemSelectionModel::Select | QItemSelectionModel::Rows;
        if (first) {
            selection->setCurrentIndex(index, flags);
            m_view->scrollTo(index);
            first = false;
        } else {
            selection->select(index, flags);
        }
    }
}

void TableEditor::goToLine(int line)
{
    if (line < 1)
        return;
    if (!m_proxy->mapFromSource(m_model->index(line - 1, 0)).isValid())
        m_filter->clear();
    selectRows({ line - 1 });
    m_view->setFocus();
}

int TableEditor::insertionRow() const
{
    const QList<int> rows = selectedRows();
    return rows.isEmpty() ? m_model->rowCount() : rows.last() + 1;
}

void TableEditor::addRow()
{
    const int row = insertionRow();
    const QStringList record = TableSchema::newRecord(m_kind);
    if (m_document->edit(m_kind, tr("Add line %1").arg(row + 1),
                         [row, record](TabFile &file) { file.insertRecord(row, record); }, { row })) {
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        if (index.isValid())
            m_view->setCurrentIndex(index);
    }
}

void TableEditor::deleteRows()
{
    QList<int> rows = selectedRows();
    if (rows.isEmpty())
        return;
    const int next = rows.first();
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    const int total = m_model->rowCount() - int(rows.size());
    m_document->edit(m_kind, tr("Delete %n line(s)", nullptr, int(rows.size())),
                     [rows](TabFile &file) {
                         for (int row : rows)
                             file.removeLine(row);
                     },
                     { std::min(next, total - 1) });
}

void TableEditor::moveUp()
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty() || rows.first() == 0)
        return;
    QList<int> after;
    for (int row : rows)
        after.append(row - 1);
    m_document->edit(m_kind, tr("Move %n line(s) up", nullptr, int(rows.size())),
                     [rows](TabFile &file) {
                         for (int row : rows)
                             file.moveLine(row, row - 1);
                     },
                     after);
}

void TableEditor::moveDown()
{
    QList<int> rows = selectedRows();
    if (rows.isEmpty() || rows.last() >= m_model->rowCount() - 1)
        return;
    QList<int> after;
    for (int row : rows)
        after.append(row + 1);
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    m_document->edit(m_kind, tr("Move %n line(s) down", nullptr, int(rows.size())),
                     [rows](TabFile &file) {
                         for (int row : rows)
                             file.moveLine(row, row + 1);
                     },
                     after);
}

void TableEditor::copyRows()
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty())
        return;
    QString text;
    for (int row : rows)
        text += m_model->lineText(row) + QLatin1Char('\n');
    QApplication::clipboard()->setText(text);
    emit statusMessage(tr("Copied %n line(s) as tab-file text", nullptr, int(rows.size())));
}

void TableEditor::pasteRows()
{
    QString text = QApplication::clipboard()->text();
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    QStringList lines = text.split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    if (lines.isEmpty())
        return;
    const int row = insertionRow();
    QList<int> select;
    for (int i = 0; i < lines.size(); ++i)
        select.append(row + i);
    const auto &source = m_document->file(m_kind);
    QList<QByteArray> encoded;
    for (const QString &line : std::as_const(lines))
        encoded.append(source.encode(line));
    m_document->edit(m_kind, tr("Paste %n line(s)", nullptr, int(lines.size())),
                     [row, encoded](TabFile &file) {
                         for (int i = 0; i < encoded.size(); ++i)
                             file.insertLine(row + i, encoded.at(i));
                     },
                     select);
}

void TableEditor::focusFilter()
{
    m_filter->setFocus();
    m_filter->selectAll();
}

void TableEditor::focusMatch()
{
    m_match->setFocus();
    m_match->selectAll();
}

int TableEditor::highlightMatches(const QString &ip)
{
    const QString text = ip.trimmed();
    if (text.isEmpty()) {
        m_model->setHighlightedRows({});
        m_matchResult->clear();
        return 0;
    }
    const auto address = model::IpAddress::parse(text);
    if (!address) {
        m_model->setHighlightedRows({});
        m_matchResult->setText(tr("not an IP address"));
        return -1;
    }
    const QList<int> lines = TableSchema::linesMatching(m_kind, m_document->root().tables(), address->unmapped());
    QSet<int> rows;
    QStringList numbers;
    for (int line : lines) {
        rows.insert(line - 1);
        numbers << QString::number(line);
    }
    m_model->setHighlightedRows(rows);
    m_matchResult->setText(lines.isEmpty() ? tr("no line matches")
                                           : tr("%n line(s) match: %1", nullptr, int(lines.size())).arg(numbers.join(QStringLiteral(", "))));
    if (!lines.isEmpty())
        m_view->scrollTo(m_proxy->mapFromSource(m_model->index(lines.first() - 1, 0)));
    return int(lines.size());
}

void TableEditor::onTableChanged(TableKind kind, const QList<int> &select)
{
    if (kind != m_kind)
        return;
    updateSpans();
    fitColumns();
    if (!select.isEmpty())
        selectRows(select);
    if (!m_match->text().isEmpty())
        highlightMatches(m_match->text());
}

} // namespace xmflow::gui

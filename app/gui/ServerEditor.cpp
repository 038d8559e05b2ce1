#include "ServerEditor.h"

#include "CodeEditor.h"
#include "ServerVariablesModel.h"
#include "TableEditor.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace xmflow::gui {

using model::VariableType;

QWidget *VariableDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString name = index.data(ServerVariablesModel::VariableNameRole).toString();
    const int type = index.data(ServerVariablesModel::TypeRole).toInt();
    if (name == QLatin1String("XMF-DelayStart")) {
        auto *combo = new QComboBox(parent);
        combo->addItem(tr("connect: from the first command (XMail)"), QStringLiteral("connect"));
        combo->addItem(tr("mail: from MAIL FROM (AUTH users never wait)"), QStringLiteral("mail"));
        return combo;
    }
    switch (VariableType(type)) {
    case VariableType::Boolean: {
        auto *combo = new QComboBox(parent);
        combo->addItem(tr("0 (off)"), QStringLiteral("0"));
        combo->addItem(tr("1 (on)"), QStringLiteral("1"));
        return combo;
    }
    case VariableType::Integer:
    case VariableType::Seconds: {
        auto *spin = new QSpinBox(parent);
        spin->setRange(type == int(VariableType::Seconds) ? 0 : -1000000000, 1000000000);
        if (type == int(VariableType::Seconds))
            spin->setSuffix(tr(" s"));
        return spin;
    }
    case VariableType::DropCode:
        return new CodeEditor(parent);
    default:
        return QStyledItemDelegate::createEditor(parent, option, index);
    }
}

void VariableDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const QString value = index.data(Qt::EditRole).toString();
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        combo->setCurrentIndex(std::max(0, combo->findData(value.trimmed())));
    } else if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        spin->setValue(value.toInt());
    } else if (auto *code = qobject_cast<CodeEditor *>(editor)) {
        code->setCode(value.toInt());
    } else {
        QStyledItemDelegate::setEditorData(editor, index);
    }
}

void VariableDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        model->setData(index, combo->currentData().toString());
    else if (auto *spin = qobject_cast<QSpinBox *>(editor))
        model->setData(index, QString::number(spin->value()));
    else if (auto *code = qobject_cast<CodeEditor *>(editor))
        model->setData(index, QString::number(code->code()));
    else
        QStyledItemDelegate::setModelData(editor, model, index);
}

ServerEditor::ServerEditor(MailRootDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new ServerVariablesModel(document, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_pages(new QTabWidget(this))
    , m_tree(new QTreeView(this))
    , m_filter(new QLineEdit(this))
    , m_reset(new QPushButton(this))
    , m_details(new QTextBrowser(this))
    , m_lines(new TableEditor(document, model::TableKind::Server, this))
{
    setObjectName(QStringLiteral("ServerEditor"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_tree->setModel(m_proxy);
    m_tree->setItemDelegate(new VariableDelegate(this));
    m_tree->setAlternatingRowColors(true);
    m_tree->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(ServerVariablesModel::NameColumn, 230);
    m_tree->setColumnWidth(ServerVariablesModel::ValueColumn, 190);
    m_tree->setColumnWidth(ServerVariablesModel::DefaultColumn, 80);
    m_tree->setColumnWidth(ServerVariablesModel::LineColumn, 50);
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_filter, &QLineEdit::textChanged, m_tree, &QTreeView::expandAll);
    connect(m_reset, &QPushButton::clicked, this, &ServerEditor::resetCurrent);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &ServerEditor::updateDetails);
    connect(m_model, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ServerEditor::updateDetails);

    auto *variablesPage = new QWidget(this);
    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_reset);
    auto *splitter = new QSplitter(Qt::Vertical, variablesPage);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    auto *variablesLayout = new QVBoxLayout(variablesPage);
    variablesLayout->setContentsMargins(4, 4, 4, 4);
    variablesLayout->addLayout(top);
    variablesLayout->addWidget(splitter, 1);

    m_pages->addTab(variablesPage, QString());
    m_pages->addTab(m_lines, QString());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
    m_tree->expandAll();
    retranslateUi();
}

void ServerEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ServerEditor::retranslateUi()
{
    m_pages->setTabText(0, tr("Variables"));
    m_pages->setTabText(1, tr("Lines"));
    m_filter->setPlaceholderText(tr("Find a variable…"));
    m_reset->setText(tr("Reset to default"));
    m_reset->setToolTip(tr("Remove the variable from server.tab so that XMail's default applies"));
    updateDetails();
}

void ServerEditor::updateDetails()
{
    const QModelIndex current = m_proxy->mapToSource(m_tree->currentIndex());
    const QString html = m_model->explanation(current);
    m_details->setHtml(html.isEmpty() ? tr("Select a variable to see what it does. Double-click a value to edit it.") : html);
    m_reset->setEnabled(current.isValid() && current.data(ServerVariablesModel::IsSetRole).toBool());
}

void ServerEditor::resetCurrent()
{
    m_model->resetToDefault(m_proxy->mapToSource(m_tree->currentIndex()));
}

void ServerEditor::goToVariable(const QString &name)
{
    m_filter->clear();
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOf(name, ServerVariablesModel::NameColumn));
    if (!index.isValid())
        return;
    m_pages->setCurrentIndex(0);
    m_tree->expand(index.parent());
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void ServerEditor::goToLine(int line)
{
    for (const auto &variable : m_document->root().tables().server) {
        if (variable.line == line) {
            // The first occurrence is the one XMail uses; later ones are shown as lines.
            const auto first = m_document->root().variable(variable.name);
            bool isFirst = false;
            for (const auto &v : m_document->root().tables().server)
                if (v.name == variable.name) {
                    isFirst = v.line == line;
                    break;
                }
            if (isFirst && first) {
                goToVariable(variable.name);
                return;
            }
            break;
        }
    }
    m_pages->setCurrentIndex(1);
    m_lines->goToLine(line);
}

} // namespace xmflow::gui

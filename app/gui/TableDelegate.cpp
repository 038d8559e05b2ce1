#include "TableDelegate.h"

#include "CodeEditor.h"
#include "TableModel.h"

#include <QAbstractProxyModel>
#include <QComboBox>
#include <QIntValidator>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>

namespace xmflow::gui {

AddressValidator::AddressValidator(Mode mode, QObject *parent)
    : QValidator(parent)
    , m_mode(mode)
{
}

QValidator::State AddressValidator::validate(QString &input, int &) const
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return m_mode == OptionalNetmask ? Acceptable : Intermediate;
    static const QRegularExpression allowed(QStringLiteral("^[0-9A-Fa-f:./]*$"));
    static const QRegularExpression allowedMask(QStringLiteral("^[0-9.]*$"));
    if (m_mode == Address) {
        if (!allowed.match(text).hasMatch())
            return Invalid;
        return TableSchema::isValidAddress(text) ? Acceptable : Intermediate;
    }
    if (!allowedMask.match(text).hasMatch())
        return Invalid;
    return TableSchema::isValidNetmask(text) ? Acceptable : Intermediate;
}

void attachValidityColouring(QLineEdit *edit)
{
    const auto update = [edit] {
        edit->setStyleSheet(edit->hasAcceptableInput() ? QString() : QStringLiteral("QLineEdit { background: #ffd6d6; }"));
    };
    QObject::connect(edit, &QLineEdit::textChanged, edit, update);
    update();
}

TableDelegate::TableDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

namespace {

const TableModel *tableModelOf(const QModelIndex &index, QModelIndex *sourceIndex)
{
    QModelIndex source = index;
    while (auto *proxy = qobject_cast<const QAbstractProxyModel *>(source.model()))
        source = proxy->mapToSource(source);
    *sourceIndex = source;
    return qobject_cast<const TableModel *>(source.model());
}

} // namespace

ColumnType TableDelegate::columnType(const QModelIndex &index)
{
    QModelIndex source;
    if (auto *model = tableModelOf(index, &source))
        return model->columnSpecs().value(source.column()).type;
    return ColumnType::Text;
}

QWidget *TableDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    switch (columnType(index)) {
    case ColumnType::Address:
    case ColumnType::Netmask: {
        auto *edit = new QLineEdit(parent);
        QModelIndex source;
        const TableModel *table = tableModelOf(index, &source);
        const bool optional = table && table->kind() != model::TableKind::IpMap;
        const auto mode = columnType(index) == ColumnType::Address ? AddressValidator::Address
            : optional                                               ? AddressValidator::OptionalNetmask
                                                                     : AddressValidator::Netmask;
        edit->setValidator(new AddressValidator(mode, edit));
        attachValidityColouring(edit);
        return edit;
    }
    case ColumnType::IpMapAction: {
        auto *combo = new QComboBox(parent);
        combo->addItems({ QStringLiteral("ALLOW"), QStringLiteral("DENY") });
        return combo;
    }
    case ColumnType::Precedence:
    case ColumnType::Integer: {
        auto *edit = new QLineEdit(parent);
        edit->setValidator(new QIntValidator(edit));
        attachValidityColouring(edit);
        return edit;
    }
    case ColumnType::SpammerCode:
        return new CodeEditor(parent);
    case ColumnType::Password: {
        auto *edit = new QLineEdit(parent);
        edit->setEchoMode(QLineEdit::PasswordEchoOnEdit);
        return edit;
    }
    default:
        return QStyledItemDelegate::createEditor(parent, option, index);
    }
}

void TableDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *code = qobject_cast<CodeEditor *>(editor)) {
        code->setCode(index.data(Qt::EditRole).toInt());
        return;
    }
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const int at = combo->findText(index.data(Qt::EditRole).toString().trimmed(), Qt::MatchFixedString);
        combo->setCurrentIndex(std::max(0, at));
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void TableDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *code = qobject_cast<CodeEditor *>(editor)) {
        model->setData(index, code->code());
        return;
    }
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, combo->currentText());
        return;
    }
    if (auto *edit = qobject_cast<QLineEdit *>(editor)) {
        if (edit->validator() && !edit->hasAcceptableInput()) {
            emit rejected(tr("'%1' is not valid here; the line was left unchanged.").arg(edit->text()));
            return;
        }
        model->setData(index, edit->text());
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

void TableDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option, const QModelIndex &) const
{
    QRect rect = option.rect;
    if (qobject_cast<CodeEditor *>(editor))
        rect.setWidth(std::max(rect.width(), editor->sizeHint().width()));
    editor->setGeometry(rect);
}

} // namespace xmflow::gui

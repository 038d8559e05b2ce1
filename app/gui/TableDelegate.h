#pragma once

#include "TableSchema.h"

#include <QStyledItemDelegate>
#include <QValidator>

namespace xmflow::gui {

// Accepts an IPv4/IPv6 address with an optional /bits, or (netmask mode) an
// IPv4 netmask; while the text is incomplete it is Intermediate and the editor
// turns red.
class AddressValidator : public QValidator
{
    Q_OBJECT
public:
    enum Mode { Address, Netmask, OptionalNetmask };
    explicit AddressValidator(Mode mode, QObject *parent = nullptr);
    State validate(QString &input, int &pos) const override;

private:
    Mode m_mode;
};

// The delegate of the table editors: a validating editor per column type.
class TableDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit TableDelegate(QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Which column type the index shows; the view's model may be a proxy.
    static ColumnType columnType(const QModelIndex &index);

signals:
    // A value was refused; the message says why.
    void rejected(const QString &message) const;
};

// Marks a line edit red while its validator says the text is not acceptable.
void attachValidityColouring(class QLineEdit *edit);

} // namespace xmflow::gui

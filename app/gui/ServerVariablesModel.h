#pragma once

#include "MailRootDocument.h"
#include "VariableCatalogue.h"

#include <QAbstractItemModel>

namespace xmflow::gui {

// server.tab as a tree: variable groups, then every variable XMail 1.27 knows
// (set or at its default), the per-listener SmtpConfig-IP[,PORT] variables, and
// a last group of names unknown to XMail that are kept as they are.
class ServerVariablesModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Columns { NameColumn, ValueColumn, DefaultColumn, LineColumn, DescriptionColumn, ColumnCount };
    enum Roles {
        VariableNameRole = Qt::UserRole + 1, // QString, empty on group rows
        IsSetRole,                           // bool
        IsUnknownRole,                       // bool
        LineRole,                            // int, 1-based first occurrence, 0 when unset
        TypeRole,                            // int (model::VariableType), -1 when unknown
    };

    explicit ServerVariablesModel(MailRootDocument *document, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // Removes the variable's lines so that XMail's default applies again.
    bool resetToDefault(const QModelIndex &index);
    // The index of a variable's value cell, for tests and "go to variable".
    QModelIndex indexOf(const QString &name, int column = ValueColumn) const;
    // A rich-text explanation of the variable in the current language.
    QString explanation(const QModelIndex &index) const;

    static const model::VariableInfo *info(const QString &name) { return model::VariableCatalogue::find(name); }

public slots:
    void retranslate();

private:
    struct Entry {
        QString name;
        const model::VariableInfo *info = nullptr;
    };
    struct Group {
        int group = -1; // model::VariableGroup, -1 for "unknown"
        QList<Entry> entries;
    };
    QList<Group> build() const;
    void rebuild();
    const Entry *entry(const QModelIndex &index) const;
    QList<int> linesOf(const QString &name) const;
    QString groupTitle(const Group &group) const;

    MailRootDocument *m_document;
    QList<Group> m_groups;
};

} // namespace xmflow::gui

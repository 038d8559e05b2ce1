#pragma once

#include "MailRootDocument.h"
#include "TableSchema.h"

#include <QAbstractTableModel>
#include <QSet>

namespace xmflow::gui {

// One row per line of a table file (comments and blank lines included, so that
// row N is line N+1 and the order XMail reads is the order shown). Edits go
// through MailRootDocument::edit and are undoable.
class TableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Roles {
        LineKindRole = Qt::UserRole + 1, // "record", "comment" or "blank"
        SeverityRole,                    // worst finding on the line: -1 none, else model::Severity
        HighlightRole,                   // bool: matched by "which lines match this IP?"
        CodeRole,                        // spammers.tab: the parsed code (int)
    };

    TableModel(MailRootDocument *document, model::TableKind kind, QObject *parent = nullptr);

    model::TableKind kind() const { return m_kind; }
    const QList<ColumnSpec> &columnSpecs() const { return m_columns; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    bool isRecord(int row) const;
    QString lineText(int row) const;
    QStringList columnValues(int row) const;

    // Lines (0-based rows) to highlight; an empty set clears the highlight.
    void setHighlightedRows(const QSet<int> &rows);
    const QSet<int> &highlightedRows() const { return m_highlighted; }

public slots:
    void retranslate();

private:
    void onTableChanged(model::TableKind kind);
    void onDiagnosticsChanged();
    int parsedCode(int row, bool *found) const;

    MailRootDocument *m_document;
    model::TableKind m_kind;
    QList<ColumnSpec> m_columns;
    int m_rows = 0;
    QSet<int> m_highlighted;
    QHash<int, model::Diagnostics> m_findings; // by 0-based row
};

} // namespace xmflow::gui

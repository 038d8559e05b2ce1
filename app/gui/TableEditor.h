#pragma once

#include "MailRootDocument.h"

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolBar;

namespace xmflow::gui {

class TableModel;
class TableDelegate;

// The editor of one table file: a line-by-line grid with add, delete, move,
// copy/paste as tab-file text, a filter and "which lines match this IP?".
class TableEditor : public QWidget
{
    Q_OBJECT
public:
    TableEditor(MailRootDocument *document, model::TableKind kind, QWidget *parent = nullptr);

    model::TableKind kind() const { return m_kind; }
    TableModel *tableModel() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QLineEdit *matchEdit() const { return m_match; }

    // Selected lines as 0-based row numbers of the file, ascending.
    QList<int> selectedRows() const;
    void selectRows(const QList<int> &rows);
    // Shows and selects a 1-based line.
    void goToLine(int line);

    // Returns the number of matching lines, or -1 when ip is not an address.
    int highlightMatches(const QString &ip);

public slots:
    void addRow();
    void deleteRows();
    void moveUp();
    void moveDown();
    void copyRows();
    void pasteRows();
    void focusFilter();
    void focusMatch();

signals:
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateSpans();
    void fitColumns();
    void onTableChanged(model::TableKind kind, const QList<int> &select);
    int insertionRow() const;

    MailRootDocument *m_document;
    model::TableKind m_kind;
    TableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    TableDelegate *m_delegate;
    QToolBar *m_toolBar;
    QLineEdit *m_filter;
    QLineEdit *m_match;
    QLabel *m_matchLabel;
    QLabel *m_filterLabel;
    QLabel *m_matchResult;
    QAction *m_add, *m_delete, *m_up, *m_down, *m_copy, *m_paste;
};

} // namespace xmflow::gui

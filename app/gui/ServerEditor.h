#pragma once

#include "MailRootDocument.h"

#include <QStyledItemDelegate>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTextBrowser;
class QTreeView;

namespace xmflow::gui {

class ServerVariablesModel;
class TableEditor;

// Type-aware editors for server.tab values: on/off, numbers, seconds, XMail
// codes (drop / AUTH only / delay), fixed choices, and text.
class VariableDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

// The server.tab editor: variables grouped by purpose with their defaults and
// explanations, and the raw lines as a second page.
class ServerEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ServerEditor(MailRootDocument *document, QWidget *parent = nullptr);

    ServerVariablesModel *variablesModel() const { return m_model; }
    QTreeView *variablesView() const { return m_tree; }
    TableEditor *linesEditor() const { return m_lines; }
    QTabWidget *pages() const { return m_pages; }

    // Shows a 1-based server.tab line: the variable when it is one, else the line.
    void goToLine(int line);
    void goToVariable(const QString &name);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateDetails();
    void resetCurrent();

    MailRootDocument *m_document;
    ServerVariablesModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTabWidget *m_pages;
    QTreeView *m_tree;
    QLineEdit *m_filter;
    QPushButton *m_reset;
    QTextBrowser *m_details;
    TableEditor *m_lines;
};

} // namespace xmflow::gui

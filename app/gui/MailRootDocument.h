#pragma once

#include "MailRoot.h"

#include <QObject>
#include <QUndoStack>

#include <functional>

namespace xmflow::gui {

// The open MailRoot, its undo history and its lint findings. Every edit of a
// table goes through edit(): it applies TabFile operations to a copy of the
// file, and the undo command swaps whole TabFile snapshots, so undo and redo
// give back exactly the same bytes.
class MailRootDocument : public QObject
{
    Q_OBJECT
public:
    explicit MailRootDocument(QObject *parent = nullptr);

    bool open(const QString &directory, QString *error = nullptr);
    bool isOpen() const { return m_open; }
    QString directory() const { return m_root.directory(); }

    const model::MailRoot &root() const { return m_root; }
    const model::TabFile &file(model::TableKind kind) const { return m_root.document(kind).file; }
    const model::Diagnostics &diagnostics() const { return m_diagnostics; }
    model::Diagnostics diagnosticsFor(model::TableKind kind) const;

    QUndoStack *undoStack() { return &m_undo; }
    bool isModified() const;
    bool isModified(model::TableKind kind) const { return m_root.document(kind).isModified(); }

    // Applies change to a copy of the table's file and pushes an undoable
    // command when the bytes differ. selectAfter: the line indexes a view
    // should select once the change is applied. Returns false when nothing changed.
    bool edit(model::TableKind kind, const QString &text, const std::function<void(model::TabFile &)> &change,
              const QList<int> &selectAfter = {});

    bool save(QString *error = nullptr);
    bool exportTo(const QString &directory, bool dropExtensions, QStringList *dropped, QString *error) const;
    QList<model::TableKind> changedOnDisk() const { return m_root.changedOnDisk(); }
    // Re-reads the given tables from disk; the undo history is cleared.
    bool reload(const QList<model::TableKind> &kinds, QString *error = nullptr);
    QStringList extensionVariables() const;

    // Used by the undo commands.
    void setFile(model::TableKind kind, const model::TabFile &file, const QList<int> &select);

signals:
    void opened();
    // The table's file changed; select lists the lines to select afterwards.
    void tableChanged(xmflow::model::TableKind kind, const QList<int> &select);
    void diagnosticsChanged();
    void modifiedChanged(bool modified);
    void saved();

private:
    void refresh();

    model::MailRoot m_root;
    model::Diagnostics m_diagnostics;
    QUndoStack m_undo;
    bool m_open = false;
};

} // namespace xmflow::gui

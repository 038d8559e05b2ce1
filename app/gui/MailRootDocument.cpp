#include "MailRootDocument.h"

#include "Lint.h"

#include <QUndoCommand>

namespace xmflow::gui {

using model::TableKind;
using model::TabFile;

namespace {

class TableEditCommand : public QUndoCommand
{
public:
    TableEditCommand(MailRootDocument *document, TableKind kind, TabFile before, TabFile after,
                     const QString &text, QList<int> selectAfter)
        : QUndoCommand(text)
        , m_document(document)
        , m_kind(kind)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_selectAfter(std::move(selectAfter))
    {
    }
    void undo() override { m_document->setFile(m_kind, m_before, m_selectAfter); }
    void redo() override { m_document->setFile(m_kind, m_after, m_selectAfter); }

private:
    MailRootDocument *m_document;
    TableKind m_kind;
    TabFile m_before;
    TabFile m_after;
    QList<int> m_selectAfter;
};

} // namespace

MailRootDocument::MailRootDocument(QObject *parent)
    : QObject(parent)
{
    connect(&m_undo, &QUndoStack::cleanChanged, this, [this] { emit modifiedChanged(isModified()); });
}

bool MailRootDocument::open(const QString &directory, QString *error)
{
    auto loaded = model::MailRoot::load(directory, error);
    if (!loaded)
        return false;
    m_root = std::move(*loaded);
    m_open = true;
    m_undo.clear();
    refresh();
    emit opened();
    emit diagnosticsChanged();
    emit modifiedChanged(false);
    return true;
}

model::Diagnostics MailRootDocument::diagnosticsFor(TableKind kind) const
{
    model::Diagnostics result;
    const QString name = model::tableFileName(kind);
    for (const auto &d : m_diagnostics)
        if (d.file == name)
            result.append(d);
    return result;
}

bool MailRootDocument::isModified() const
{
    if (!m_open)
        return false;
    for (TableKind kind : model::allTableKinds())
        if (m_root.document(kind).isModified())
            return true;
    return false;
}

bool MailRootDocument::edit(TableKind kind, const QString &text, const std::function<void(TabFile &)> &change,
                            const QList<int> &selectAfter)
{
    if (!m_open)
        return false;
    const TabFile before = m_root.document(kind).file;
    TabFile after = before;
    change(after);
    if (after.toBytes() == before.toBytes())
        return false;
    m_undo.push(new TableEditCommand(this, kind, before, after, text, selectAfter));
    return true;
}

void MailRootDocument::setFile(TableKind kind, const TabFile &file, const QList<int> &select)
{
    const bool wasModified = isModified();
    m_root.document(kind).file = file;
    refresh();
    emit tableChanged(kind, select);
    emit diagnosticsChanged();
    if (wasModified != isModified())
        emit modifiedChanged(isModified());
}

bool MailRootDocument::save(QString *error)
{
    if (!m_root.save(error))
        return false;
    m_undo.setClean();
    emit modifiedChanged(isModified());
    emit saved();
    return true;
}

bool MailRootDocument::exportTo(const QString &directory, bool dropExtensions, QStringList *dropped, QString *error) const
{
    return m_root.exportTo(directory, dropExtensions, dropped, error);
}

bool MailRootDocument::reload(const QList<TableKind> &kinds, QString *error)
{
    for (TableKind kind : kinds)
        if (!m_root.reload(kind, error))
            return false;
    m_undo.clear();
    refresh();
    for (TableKind kind : kinds)
        emit tableChanged(kind, {});
    emit diagnosticsChanged();
    emit modifiedChanged(isModified());
    return true;
}

QStringList MailRootDocument::extensionVariables() const
{
    QStringList names;
    for (const auto &variable : m_root.tables().server)
        if (variable.name.startsWith(QLatin1String("XMF-")) && !names.contains(variable.name))
            names.append(variable.name);
    return names;
}

void MailRootDocument::refresh()
{
    m_root.reparse();
    m_diagnostics = engine::lint(m_root);
}

} // namespace xmflow::gui

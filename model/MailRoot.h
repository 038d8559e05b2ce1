#pragma once

#include "Diagnostic.h"
#include "TabFile.h"
#include "Tables.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>

#include <optional>

namespace xmflow::model {

// One table file of a MailRoot: its bytes as loaded and as edited.
struct TableDocument {
    TableKind kind = TableKind::Server;
    TabFile file;
    bool existsOnDisk = false; // XMail treats a missing file as empty (hnprop: as "not used")
    QByteArray loadedBytes;    // what was on disk at load/save time
    bool isModified() const
    {
        return file.toBytes() != loadedBytes || (!existsOnDisk && file.lineCount() > 0);
    }
};

// A whole XMail MailRoot: server.tab and the .tab files xmflow knows.
class MailRoot
{
public:
    MailRoot() = default;

    // Loads every known table; a missing file is an empty table. Fails (with
    // a message) only when the folder itself cannot be read.
    static std::optional<MailRoot> load(const QString &directory, QString *error = nullptr);

    QString directory() const { return m_directory; }

    TableDocument &document(TableKind kind) { return m_documents[kind]; }
    const TableDocument &document(TableKind kind) const { return m_documents.find(kind).value(); }
    bool fileExists(TableKind kind) const { return document(kind).existsOnDisk; }

    const ParsedTables &tables() const { return m_tables; }
    const Diagnostics &diagnostics() const { return m_diagnostics; }

    // Re-reads the typed tables after a document was edited.
    void reparse();

    // server.tab lookups: the first occurrence wins; unset gives the catalogue default.
    std::optional<QString> variable(const QString &name) const;
    QString variableOr(const QString &name, const QString &fallback) const;
    int intVariable(const QString &name, int fallback) const;
    int variableLine(const QString &name) const; // the first occurrence's line, 0 when unset

    bool isLocalDomain(const QString &domain) const;
    const MailUser *findMailUser(const QString &domain, const QString &user) const;
    // A variable of the user's own user.tab (domains/DOMAIN/PATH/user.tab), e.g. SmtpPerms.
    std::optional<QString> userVariable(const MailUser &user, const QByteArray &name) const;

    // Writes every modified table, keeping the previous file as NAME.bak. All or
    // nothing: every new file is written beside its target before any target is
    // replaced, so a failure (read-only folder, disk full) leaves every file and
    // every edit as it was; *error names the file and the reason.
    bool save(QString *error = nullptr);
    // Writes every known table to another folder; untouched files come out byte-identical.
    // With dropExtensions, XMF- variables are left out of server.tab and xmflow's own
    // tables (xmflow-*.tab) are not written; both are listed in dropped.
    bool exportTo(const QString &directory, bool dropExtensions, QStringList *dropped, QString *error) const;

    // Tables whose file changed on disk since it was loaded or saved.
    QList<TableKind> changedOnDisk() const;
    // Re-reads one table from disk, dropping its edits.
    bool reload(TableKind kind, QString *error = nullptr);

    QString filePath(TableKind kind) const;

private:
    QString m_directory;
    QHash<TableKind, TableDocument> m_documents;
    ParsedTables m_tables;
    Diagnostics m_diagnostics;
    QHash<QString, QString> m_firstValues;
};

bool writeFileAtomically(const QString &path, const QByteArray &bytes, bool keepBackup, QString *error);

} // namespace xmflow::model

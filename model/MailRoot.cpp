#include "MailRoot.h"

#include "VariableCatalogue.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

namespace xmflow::model {

namespace {

bool readFile(const QString &path, QByteArray *bytes, bool *exists, QString *error)
{
    QFile file(path);
    *exists = file.exists();
    if (!*exists) {
        bytes->clear();
        return true;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    *bytes = file.readAll();
    return true;
}

QByteArray withoutExtensions(const TabFile &server, QStringList *dropped)
{
    TabFile copy = server;
    for (int i = copy.lineCount() - 1; i >= 0; --i) {
        const QByteArray &text = copy.line(i).text;
        if (!TabFile::isRecord(text))
            continue;
        const QList<QByteArray> fields = TabFile::splitFields(text);
        if (!fields.isEmpty() && fields.at(0).startsWith("XMF-")) {
            if (dropped)
                dropped->prepend(QString::fromUtf8(fields.at(0)));
            copy.removeLine(i);
        }
    }
    return copy.toBytes();
}

} // namespace

std::optional<MailRoot> MailRoot::load(const QString &directory, QString *error)
{
    const QFileInfo info(directory);
    if (!info.isDir()) {
        if (error)
            *error = QStringLiteral("%1: not a folder").arg(directory);
        return std::nullopt;
    }
    MailRoot root;
    root.m_directory = info.absoluteFilePath();
    for (TableKind kind : allTableKinds()) {
        TableDocument doc;
        doc.kind = kind;
        if (!readFile(root.filePath(kind), &doc.loadedBytes, &doc.existsOnDisk, error))
            return std::nullopt;
        doc.file = TabFile::fromBytes(doc.loadedBytes);
        root.m_documents.insert(kind, doc);
    }
    root.reparse();
    return root;
}

void MailRoot::reparse()
{
    m_tables = ParsedTables();
    m_diagnostics.clear();
    for (TableKind kind : allTableKinds())
        parseTable(kind, m_documents[kind].file, m_tables, m_diagnostics);
    if (!m_documents[TableKind::Spammers].existsOnDisk &&
        m_documents[TableKind::Spammers].file.lineCount() == 0) {
        m_diagnostics.append(makeDiagnostic(
            tableFileName(TableKind::Spammers), 0, Severity::Warning, QStringLiteral("missing-spammers"),
            {QStringLiteral("spammers.tab does not exist"), QStringLiteral("spammers.tab がありません")},
            {QStringLiteral("XMail 1.27 treats a missing spammers.tab as an error that counts as a code=1 "
                            "match: every client that is not whitelisted is dropped (read from the "
                            "source, not measured)."),
             QStringLiteral("XMail 1.27 は spammers.tab がないとエラーを code=1 の一致として扱い、"
                            "ホワイトリスト以外のすべてのクライアントを切断します (ソースより。未計測)。")},
            {QStringLiteral("Create an empty spammers.tab."),
             QStringLiteral("空の spammers.tab を作成してください。")}));
    }
    m_firstValues.clear();
    for (const ServerVariable &var : std::as_const(m_tables.server))
        if (!m_firstValues.contains(var.name))
            m_firstValues.insert(var.name, var.value);
}

std::optional<QString> MailRoot::variable(const QString &name) const
{
    const auto it = m_firstValues.constFind(name);
    if (it == m_firstValues.cend())
        return std::nullopt;
    return *it;
}

int MailRoot::variableLine(const QString &name) const
{
    for (const ServerVariable &var : tables().server)
        if (var.name == name)
            return var.line;
    return 0;
}

QString MailRoot::variableOr(const QString &name, const QString &fallback) const
{
    return variable(name).value_or(fallback);
}

int MailRoot::intVariable(const QString &name, int fallback) const
{
    const auto value = variable(name);
    if (!value)
        return fallback;
    // XMail (SvrGetConfigInt): an empty value gives the default, otherwise atoi.
    if (value->isEmpty())
        return fallback;
    return xmailAtoi(value->toUtf8());
}

std::optional<QString> MailRoot::userVariable(const MailUser &user, const QByteArray &name) const
{
    QFile userTab(
        QDir(directory()).filePath(QStringLiteral("domains/%1/%2/user.tab").arg(user.domain, user.path)));
    if (!userTab.open(QIODevice::ReadOnly))
        return std::nullopt;
    const TabFile tab = TabFile::fromBytes(userTab.readAll());
    for (const TabFile::Line &line : tab.lines()) {
        if (!TabFile::isRecord(line.text))
            continue;
        const QList<QByteArray> fields = TabFile::splitFields(line.text);
        if (fields.size() >= 2 && fields.at(0) == name)
            return QString::fromUtf8(fields.at(1));
    }
    return std::nullopt;
}

bool MailRoot::isLocalDomain(const QString &domain) const
{
    for (const DomainEntry &entry : m_tables.domains)
        if (entry.domain.compare(domain, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

const MailUser *MailRoot::findMailUser(const QString &domain, const QString &user) const
{
    for (const MailUser &entry : m_tables.mailUsers)
        if (entry.domain.compare(domain, Qt::CaseInsensitive) == 0 &&
            entry.user.compare(user, Qt::CaseInsensitive) == 0)
            return &entry;
    return nullptr;
}

QString MailRoot::filePath(TableKind kind) const
{
    return QDir(m_directory).filePath(tableFileName(kind));
}

bool writeFileAtomically(const QString &path, const QByteArray &bytes, bool keepBackup, QString *error)
{
    if (keepBackup && QFile::exists(path)) {
        const QString backup = path + QStringLiteral(".bak");
        QFile::remove(backup);
        if (!QFile::copy(path, backup)) {
            if (error)
                *error = QStringLiteral("%1: cannot write the backup %2").arg(path, backup);
            return false;
        }
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    return true;
}

bool MailRoot::save(QString *error)
{
    // All or nothing across the tables: every new file is written and flushed next to
    // its target first; only when all of them (and the .bak copies) are made does any
    // target get replaced. A failure before that leaves every file as it was.
    struct Pending {
        TableKind kind;
        QByteArray bytes;
        std::unique_ptr<QSaveFile> file;
    };
    std::vector<Pending> pending;
    auto fail = [&](const QString &path, const QString &reason) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, reason);
        for (Pending &p : pending)
            if (p.file)
                p.file->cancelWriting(); // the destructor removes the temporary file
        return false;
    };
    for (TableKind kind : allTableKinds()) {
        TableDocument &doc = m_documents[kind];
        if (!doc.isModified())
            continue;
        Pending p{kind, doc.file.toBytes(), std::make_unique<QSaveFile>(filePath(kind))};
        if (!p.file->open(QIODevice::WriteOnly))
            return fail(filePath(kind), p.file->errorString());
        errno = 0;
        if (p.file->write(p.bytes) != p.bytes.size() || !p.file->flush()) {
            // QSaveFile reports a full disk as "Unknown error"; errno still says what happened.
            const int writeErrno = errno;
            return fail(filePath(kind), writeErrno ? QString::fromLocal8Bit(std::strerror(writeErrno))
                                                   : p.file->errorString());
        }
        pending.push_back(std::move(p));
    }
    for (const Pending &p : pending) {
        const QString path = filePath(p.kind);
        if (!QFile::exists(path))
            continue;
        const QString backup = path + QStringLiteral(".bak");
        QFile::remove(backup);
        QFile original(path);
        if (!original.copy(backup))
            return fail(
                path, QStringLiteral("cannot write the backup %1 (%2)").arg(backup, original.errorString()));
    }
    for (Pending &p : pending) {
        // commit() syncs and renames over the target; a failure here (rare: the data is
        // already written) leaves the tables before it saved, which the error says.
        if (!p.file->commit())
            return fail(filePath(p.kind), p.file->errorString());
        TableDocument &doc = m_documents[p.kind];
        doc.loadedBytes = p.bytes;
        doc.existsOnDisk = true;
        doc.file = TabFile::fromBytes(p.bytes);
    }
    reparse();
    return true;
}

bool MailRoot::exportTo(const QString &directory, bool dropExtensions, QStringList *dropped,
                        QString *error) const
{
    if (!QDir().mkpath(directory)) {
        if (error)
            *error = QStringLiteral("%1: cannot create the folder").arg(directory);
        return false;
    }
    for (TableKind kind : allTableKinds()) {
        const TableDocument &doc = document(kind);
        if (!doc.existsOnDisk && doc.file.lineCount() == 0)
            continue; // XMail reads a missing file as empty; keep it missing
        if (dropExtensions && isXmflowTable(kind)) {
            if (dropped)
                dropped->append(tableFileName(kind));
            continue;
        }
        const QByteArray bytes = (dropExtensions && kind == TableKind::Server)
                                     ? withoutExtensions(doc.file, dropped)
                                     : doc.file.toBytes();
        if (!writeFileAtomically(QDir(directory).filePath(tableFileName(kind)), bytes, false, error))
            return false;
    }
    return true;
}

QList<TableKind> MailRoot::changedOnDisk() const
{
    QList<TableKind> changed;
    for (TableKind kind : allTableKinds()) {
        const TableDocument &doc = document(kind);
        QByteArray bytes;
        bool exists = false;
        if (!readFile(filePath(kind), &bytes, &exists, nullptr) || exists != doc.existsOnDisk ||
            bytes != doc.loadedBytes)
            changed.append(kind);
    }
    return changed;
}

bool MailRoot::reload(TableKind kind, QString *error)
{
    TableDocument &doc = m_documents[kind];
    QByteArray bytes;
    bool exists = false;
    if (!readFile(filePath(kind), &bytes, &exists, error))
        return false;
    doc.loadedBytes = bytes;
    doc.existsOnDisk = exists;
    doc.file = TabFile::fromBytes(bytes);
    reparse();
    return true;
}

} // namespace xmflow::model

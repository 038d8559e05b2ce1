#include "MessageStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QSysInfo>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace xmflow::daemon {

bool writeAll(int fd, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        size -= n;
    }
    return true;
}

namespace {

std::atomic<quint64> g_uniq{0};

QString errnoText(const QString &what, const QString &path)
{
    return what + QStringLiteral(" ") + path + QStringLiteral(": ") +
           QString::fromLocal8Bit(std::strerror(errno));
}

bool fsyncDir(const QString &dir, bool enabled)
{
    return !enabled || syncPath(dir);
}

QString hostName()
{
    static const QString name = [] {
        QString h = QSysInfo::machineHostName();
        h.replace(QLatin1Char('/'), QStringLiteral("\\057"));
        h.replace(QLatin1Char(':'), QStringLiteral("\\072"));
        return h.isEmpty() ? QStringLiteral("localhost") : h;
    }();
    return name;
}

} // namespace

MessageStore::MessageStore(const QString &mailRoot, bool fsyncEnabled, FolderSync::Syncer queueSyncer,
                           qint64 journalSegmentLimit, FolderSync::Syncer journalSyncer)
    : m_mailRoot(mailRoot), m_spoolDir(QDir(mailRoot).filePath(QStringLiteral("spool/xmflow"))),
      m_queueDir(QDir(mailRoot).filePath(QStringLiteral("spool/xmflow/queue"))),
      m_tmpDir(QDir(mailRoot).filePath(QStringLiteral("spool/xmflow/tmp"))),
      m_freeDir(QDir(mailRoot).filePath(QStringLiteral("spool/xmflow/free"))), m_fsync(fsyncEnabled),
      m_queueSync(m_queueDir, fsyncEnabled, std::move(queueSyncer))
{
    QDir().mkpath(m_queueDir);
    QDir().mkpath(m_tmpDir);
    QDir().mkpath(m_freeDir);
    // Kept without fsync too: a journal left by an earlier run is still read at start.
    m_journal = std::make_unique<SpoolJournal>(QDir(m_spoolDir).filePath(QStringLiteral("journal")),
                                               journalSegmentLimit, std::move(journalSyncer));
}

MessageStore::~MessageStore()
{
    if (m_lockFd >= 0)
        ::close(m_lockFd);
}

bool MessageStore::lockSpool(QString *error)
{
    const QString path = QDir(m_spoolDir).filePath(QStringLiteral("serve.lock"));
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        *error = errnoText(QStringLiteral("cannot open"), path);
        return false;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const bool held = errno == EWOULDBLOCK;
        *error = held ? QStringLiteral("another xmflowd serve is using this MailRoot's spool (%1 is locked); "
                                       "two daemons on one MailRoot would hand out the same message ids")
                            .arg(path)
                      : errnoText(QStringLiteral("cannot lock"), path);
        ::close(fd);
        return false;
    }
    m_lockFd = fd;
    return true;
}

QString MessageStore::nextMessageId()
{
    QMutexLocker lock(&m_idMutex);
    if (m_nextId >= m_reservedUntil) {
        // XMail keeps its counter in MailRoot/message.id; reserve blocks of ids so a
        // crash never hands out an id twice.
        const QString path = QDir(m_mailRoot).filePath(QStringLiteral("message.id"));
        if (m_nextId == 0) {
            QFile f(path);
            if (f.open(QIODevice::ReadOnly))
                m_nextId = f.readAll().trimmed().toULongLong();
            if (m_nextId == 0)
                m_nextId = 1;
        }
        m_reservedUntil = m_nextId + 1024;
        QString error;
        writeDurably(path + QStringLiteral(".tmp"), path, QByteArray::number(m_reservedUntil) + '\n', &error);
    }
    return QStringLiteral("S") + QString::number(m_nextId++, 16).toUpper();
}

QString MessageStore::maildirUniqueName()
{
    // Maildir naming: time.MusecPpidQcounter.host (",S=size" follows in new/)
    const qint64 usecs = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
    return QStringLiteral("%1.M%2P%3Q%4.%5")
        .arg(usecs / 1000000)
        .arg(usecs % 1000000)
        .arg(::getpid())
        .arg(++g_uniq)
        .arg(hostName());
}

bool MessageStore::renameNoReplace(const QByteArray &from, const QByteArray &to)
{
    if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE) == 0)
        return true;
    if (errno != EINVAL && errno != ENOSYS)
        return false;
    // A file system without RENAME_NOREPLACE: link() does not replace either.
    if (::link(from.constData(), to.constData()) != 0)
        return false;
    return ::unlink(from.constData()) == 0;
}

bool MessageStore::syncFolder(const QString &dir, bool enabled)
{
    return fsyncDir(dir, enabled);
}

bool MessageStore::writeFileDurably(const QString &tmpPath, const QString &finalPath, const QByteArray &bytes,
                                    bool doFsync, QString *error)
{
    const int fd = ::open(QFile::encodeName(tmpPath).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = errnoText(QStringLiteral("cannot create"), tmpPath);
        return false;
    }
    return writeOpenFileDurably(fd, tmpPath, finalPath, bytes, doFsync, error);
}

bool MessageStore::writeOpenFileDurably(int fd, const QString &tmpPath, const QString &finalPath,
                                        const QByteArray &bytes, bool doFsync, QString *error, bool noReplace)
{
    const QByteArray tmp = QFile::encodeName(tmpPath);
    // close() can also report a full disk (delayed allocation): it counts as a failed write.
    // The file may be a recycled, longer one: cut to what was written.
    if (!writeAll(fd, bytes.constData(), bytes.size()) || ::ftruncate(fd, bytes.size()) != 0 ||
        (doFsync && ::fsync(fd) != 0) || ::close(fd) != 0) {
        const int cause = errno;
        *error = errnoText(QStringLiteral("cannot write"), tmpPath);
        ::close(fd);
        ::unlink(tmp.constData());
        errno = cause;
        return false;
    }
    if (!(noReplace ? renameNoReplace(tmp, QFile::encodeName(finalPath)) : ::rename(tmp.constData(), QFile::encodeName(finalPath).constData()) == 0)) {
        const int cause = errno;
        *error = errnoText(QStringLiteral("cannot rename to"), finalPath);
        ::unlink(tmp.constData());
        errno = cause;
        return false;
    }
    if (!fsyncDir(QFileInfo(finalPath).absolutePath(), doFsync)) {
        *error = errnoText(QStringLiteral("cannot sync folder of"), finalPath);
        return false;
    }
    return true;
}

bool MessageStore::deliverLocal(const QList<LocalMailbox> &mailboxes, const QByteArray &message,
                                QString *error, QStringList *written)
{
    QSet<QString> done;
    QStringList copies;
    // All copies or none: a client told 4xx sends again, and must not find a copy left over.
    auto fail = [&] {
        const int cause = errno;
        removeDelivered(copies);
        errno = cause;
        return false;
    };
    for (const LocalMailbox &box : mailboxes) {
        if (done.contains(box.maildir))
            continue; // one copy per mailbox
        done.insert(box.maildir);
        const QDir maildir(box.maildir);
        for (const char *sub : {"tmp", "new", "cur"}) {
            if (!QDir().mkpath(maildir.filePath(QLatin1String(sub)))) {
                *error = errnoText(QStringLiteral("cannot create"), maildir.filePath(QLatin1String(sub)));
                return fail();
            }
        }
        const QString unique = maildirUniqueName();
        const QString finalName = unique + QStringLiteral(",S=") + QString::number(message.size());
        const QString finalPath = maildir.filePath(QStringLiteral("new/") + finalName);
        if (!writeDurably(maildir.filePath(QStringLiteral("tmp/") + unique), finalPath, message, error))
            return fail();
        copies << finalPath;
    }
    if (written)
        *written = copies;
    return true;
}

void MessageStore::removeDelivered(const QStringList &paths)
{
    QSet<QString> folders;
    for (const QString &path : paths) {
        ::unlink(QFile::encodeName(path).constData());
        folders.insert(QFileInfo(path).absolutePath());
    }
    for (const QString &folder : std::as_const(folders))
        fsyncDir(folder, m_fsync);
}

QByteArray MessageStore::encodeSpool(const SpoolEnvelope &e, const QByteArray &message)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), e.id);
    o.insert(QStringLiteral("from"), e.mailFrom);
    o.insert(QStringLiteral("rcpt"), QJsonArray::fromStringList(e.recipients));
    o.insert(QStringLiteral("peer"), e.peer);
    o.insert(QStringLiteral("helo"), e.helo);
    o.insert(QStringLiteral("auth"), e.authUser);
    o.insert(QStringLiteral("received"), e.received.toString(Qt::ISODate));
    o.insert(QStringLiteral("attempts"), e.attempts);
    if (e.nextAttempt.isValid())
        o.insert(QStringLiteral("next"), e.nextAttempt.toString(Qt::ISODate));
    o.insert(QStringLiteral("error"), e.lastError);
    QByteArray bytes = QByteArrayLiteral("XMFLOW-SPOOL 1\n");
    bytes += QJsonDocument(o).toJson(QJsonDocument::Compact);
    bytes += '\n';
    bytes += message;
    return bytes;
}

bool MessageStore::decodeSpool(const QByteArray &bytes, SpoolEnvelope *e, QByteArray *message)
{
    if (!bytes.startsWith("XMFLOW-SPOOL 1\n"))
        return false;
    const qsizetype start = 15;
    const qsizetype end = bytes.indexOf('\n', start);
    if (end < 0)
        return false;
    const QJsonObject o = QJsonDocument::fromJson(bytes.mid(start, end - start)).object();
    if (o.isEmpty())
        return false;
    e->id = o.value(QStringLiteral("id")).toString();
    e->mailFrom = o.value(QStringLiteral("from")).toString();
    e->recipients.clear();
    for (const QJsonValue &v : o.value(QStringLiteral("rcpt")).toArray())
        e->recipients << v.toString();
    e->peer = o.value(QStringLiteral("peer")).toString();
    e->helo = o.value(QStringLiteral("helo")).toString();
    e->authUser = o.value(QStringLiteral("auth")).toString();
    e->received = QDateTime::fromString(o.value(QStringLiteral("received")).toString(), Qt::ISODate);
    e->attempts = o.value(QStringLiteral("attempts")).toInt();
    e->nextAttempt = QDateTime::fromString(o.value(QStringLiteral("next")).toString(), Qt::ISODate);
    e->lastError = o.value(QStringLiteral("error")).toString();
    if (message)
        *message = bytes.mid(end + 1);
    return true;
}

bool MessageStore::spool(const SpoolEnvelope &envelope, const QByteArray &message, QString *error)
{
    QString tmpPath;
    const int fd = openSpoolTemporary(envelope.id, &tmpPath);
    if (fd < 0) {
        *error = errnoText(QStringLiteral("cannot create"), tmpPath);
        return false;
    }
    return writeOpenFileDurably(fd, tmpPath, QDir(m_queueDir).filePath(envelope.id), encodeSpool(envelope, message),
                                m_fsync, error, true);
}

int MessageStore::openSpoolTemporary(const QString &id, QString *path)
{
    for (;;) {
        QString name;
        {
            QMutexLocker lock(&m_freeMutex);
            if (m_freeFiles.isEmpty())
                break;
            name = m_freeFiles.takeLast();
        }
        // Written where it lies: until its rename into the queue it is still a free file,
        // which is what a crash leaves it as.
        *path = QDir(m_freeDir).filePath(name);
        const QByteArray free = QFile::encodeName(*path);
        const int fd = ::open(free.constData(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
        struct stat st;
        // Only a plain private file of ours with no other name is written again.
        if (fd >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() &&
            st.st_nlink == 1 && (st.st_mode & 077) == 0)
            return fd;
        if (fd >= 0)
            ::close(fd);
        ::unlink(free.constData());
    }
    *path = QDir(m_tmpDir).filePath(id);
    return ::open(QFile::encodeName(*path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
}

bool MessageStore::recycleSpoolFile(const QString &path, QStringList *later)
{
    {
        QMutexLocker lock(&m_freeMutex);
        if (m_freeFiles.size() + (later ? later->size() : 0) >= kSpoolFilePool)
            return false;
    }
    const QByteArray from = QFile::encodeName(path);
    struct stat st;
    if (::lstat(from.constData(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > kSpoolFileReuseLimit)
        return false;
    QString name = QFileInfo(path).fileName();
    if (QFileInfo(path).absolutePath() != QFileInfo(m_freeDir).absoluteFilePath()) {
        // A name of its own, not the entry's id, and never over another file: even if ids
        // were ever handed out again (message.id reset), a free file being written is not
        // replaced under its writer.
        name = QStringLiteral("F%1.%2").arg(m_freeEpoch).arg(m_freeNames.fetch_add(1));
        if (!renameNoReplace(from, QFile::encodeName(QDir(m_freeDir).filePath(name))))
            return false;
    }
    if (later) {
        later->append(name);
        return true;
    }
    QMutexLocker lock(&m_freeMutex);
    m_freeFiles.append(name);
    return true;
}

bool MessageStore::releaseSpoolFile(const QString &path, QStringList *later)
{
    return recycleSpoolFile(path, later) || ::unlink(QFile::encodeName(path).constData()) == 0;
}

void MessageStore::releaseQueueFiles(const QStringList &ids)
{
    // A delivered entry's file is written over again only once its leaving the queue is
    // durable: else a crash could bring the old name back holding a new message.
    QStringList freed;
    for (const QString &id : ids)
        releaseSpoolFile(spoolPath(id), &freed);
    // With the journal, its record of the removals (one shared fdatasync) does what a
    // sync of the queue folder would: after a power loss an old name that comes back is
    // removed (recoverJournal).
    if (!journalEnabled() || !m_journal->delivered(ids) || !m_journal->commit())
        syncQueueFolder();
    {
        QMutexLocker lock(&m_freeMutex);
        for (const QString &name : std::as_const(freed)) {
            if (m_freeFiles.size() < kSpoolFilePool)
                m_freeFiles.append(name);
            else // another batch filled the pool meanwhile
                ::unlink(QFile::encodeName(QDir(m_freeDir).filePath(name)).constData());
        }
    }
    if (journalEnabled() && m_journal->hasSealed())
        checkpointJournal();
}

void MessageStore::recycleSpoolTemporary(const QString &tmpPath)
{
    releaseSpoolFile(tmpPath);
}

int MessageStore::freeSpoolFiles() const
{
    QMutexLocker lock(&m_freeMutex);
    return int(m_freeFiles.size());
}

bool MessageStore::readSpoolEntry(const QString &id, SpoolEnvelope *envelope, QByteArray *message) const
{
    QFile f(QDir(m_queueDir).filePath(id));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return decodeSpool(f.readAll(), envelope, message);
}

namespace {

// "XMFLOW-SPOOL 1\n" and the JSON line, read from an open file; the file is left at the message.
bool readHeader(QFile &f, SpoolEnvelope *envelope)
{
    QByteArray head = f.readLine(64);
    if (head != "XMFLOW-SPOOL 1\n")
        return false;
    const QByteArray json = f.readLine();
    if (!json.endsWith('\n'))
        return false;
    head += json;
    return MessageStore::decodeSpool(head, envelope, nullptr);
}

} // namespace

QString MessageStore::spoolPath(const QString &id) const
{
    return QDir(m_queueDir).filePath(id);
}

bool MessageStore::readSpoolHeader(const QString &id, SpoolEnvelope *envelope, qint64 *bodyOffset) const
{
    QFile f(spoolPath(id));
    if (!f.open(QIODevice::ReadOnly) || !readHeader(f, envelope))
        return false;
    *bodyOffset = f.pos();
    return true;
}

QByteArray MessageStore::readSpoolMessageHead(const QString &id, qint64 limit) const
{
    QFile f(spoolPath(id));
    SpoolEnvelope ignored;
    if (!f.open(QIODevice::ReadOnly) || !readHeader(f, &ignored))
        return QByteArray();
    return f.read(limit);
}

bool MessageStore::rewriteSpoolEnvelope(const SpoolEnvelope &envelope, QString *error)
{
    QFile in(spoolPath(envelope.id));
    SpoolEnvelope old;
    if (!in.open(QIODevice::ReadOnly) || !readHeader(in, &old)) {
        *error = QStringLiteral("spool entry %1 is unreadable").arg(envelope.id);
        return false;
    }
    const QString tmpPath = QDir(m_tmpDir).filePath(envelope.id + QStringLiteral(".rw"));
    const QByteArray tmp = QFile::encodeName(tmpPath);
    const int fd = ::open(tmp.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = errnoText(QStringLiteral("cannot create"), tmpPath);
        return false;
    }
    const QByteArray header = encodeSpool(envelope, QByteArray());
    bool ok = writeAll(fd, header.constData(), header.size());
    char buf[65536];
    while (ok) {
        const qint64 n = in.read(buf, sizeof buf);
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        ok = writeAll(fd, buf, n);
    }
    ok = ok && (!m_fsync || ::fsync(fd) == 0);
    const int writeError = errno;
    // close() can also report a full disk (delayed allocation).
    const bool closed = ::close(fd) == 0;
    if (!ok || !closed) {
        if (!ok)
            errno = writeError;
        *error = errnoText(QStringLiteral("cannot write"), tmpPath);
        const int why = errno;
        ::unlink(tmp.constData());
        errno = why;
        return false;
    }
    if (::rename(tmp.constData(), QFile::encodeName(spoolPath(envelope.id)).constData()) != 0) {
        const int renameError = errno;
        *error = errnoText(QStringLiteral("cannot rename to"), spoolPath(envelope.id));
        ::unlink(tmp.constData());
        errno = renameError;
        return false;
    }
    if (!syncQueueFolder())
        return false;
    if (journalEnabled() && m_journal->holds(envelope.id)) { // the file now speaks for itself
        m_journal->release(envelope.id);
        m_journal->commit();
    }
    return true;
}

bool MessageStore::removeSpoolEntry(const QString &id)
{
    const bool ok = QFileInfo::exists(spoolPath(id));
    releaseQueueFiles({id});
    return ok;
}

void MessageStore::removeSpoolEntries(const QStringList &ids)
{
    releaseQueueFiles(ids);
}

QStringList MessageStore::spoolEntries() const
{
    return QDir(m_queueDir).entryList(QDir::Files, QDir::Time | QDir::Reversed);
}

void MessageStore::cleanTemporaries()
{
    {
        QMutexLocker lock(&m_freeMutex);
        m_freeFiles.clear();
    }
    // Free files first, so the temporaries a crash left can join them.
    for (const QString &dir : {m_freeDir, m_tmpDir}) {
        const QDir folder(dir);
        const QStringList names = folder.entryList(QDir::Files | QDir::Hidden | QDir::System);
        for (const QString &name : names)
            releaseSpoolFile(folder.filePath(name));
    }
}

bool MessageStore::commitJournaled(int fd, const QString &tmpPath, const QString &id, const QByteArray &bytes,
                                   QString *error)
{
    const QString finalPath = spoolPath(id);
    // Written and renamed without a sync (the journal's record is what is synced), and
    // into the queue never over another entry.
    if (!writeOpenFileDurably(fd, tmpPath, finalPath, bytes, /*doFsync=*/false, error, /*noReplace=*/true))
        return false;
    const QByteArray final = QFile::encodeName(finalPath);
    if (!m_journal->appendEntry(id, bytes) || !m_journal->commit()) {
        const int cause = errno;
        *error = errnoText(QStringLiteral("cannot write the spool journal for"), finalPath);
        m_journal->release(id); // answered 4xx: must not come back after a restart
        ::unlink(final.constData());
        errno = cause;
        return false;
    }
    if (m_journal->hasSealed())
        checkpointJournal();
    return true;
}

void MessageStore::checkpointJournal()
{
    if (!m_checkpointMutex.tryLock())
        return; // another thread is at it
    quint64 upTo = 0;
    const QStringList ids = m_journal->sealedLive(&upTo);
    bool ok = true;
    for (const QString &id : ids)
        if (!syncPath(spoolPath(id), SyncTarget::FileData))
            ok = ok && errno == ENOENT; // delivered meanwhile: its removal is synced below
    // Names that went in or out of the queue are durable too: nothing the old segments
    // said is needed any more.
    if (ok && syncQueueFolder())
        m_journal->dropSealed(upTo);
    m_checkpointMutex.unlock();
}

namespace {

// A journal entry's id names a file in the queue: plain characters only.
bool isSpoolId(const QString &id)
{
    if (id.isEmpty() || id.size() > 64 || id.startsWith(QLatin1Char('.')))
        return false;
    for (const QChar c : id)
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('.') && c != QLatin1Char('-') &&
            c != QLatin1Char('_'))
            return false;
    return true;
}

} // namespace

bool MessageStore::recoverJournal(QString *error, int *restored)
{
    if (restored)
        *restored = 0;
    const SpoolJournal::Recovered found = m_journal->recover();
    // Delivered before the power loss, but the name's removal had not reached the disk.
    for (const QString &id : found.delivered)
        if (isSpoolId(id))
            ::unlink(QFile::encodeName(spoolPath(id)).constData());
    for (const QString &id : found.order) {
        if (!isSpoolId(id))
            continue;
        const QByteArray &bytes = found.live.value(id);
        const QString path = spoolPath(id);
        QFile current(path);
        const bool intact =
            current.open(QIODevice::ReadOnly) && current.size() == bytes.size() && current.readAll() == bytes;
        current.close();
        if (intact && syncPath(path, SyncTarget::FileData))
            continue;
        // Missing, torn or taken over by another entry's bytes: written again as a new
        // file (never into the one found, which may be another entry's).
        if (!writeFileDurably(QDir(m_tmpDir).filePath(id + QStringLiteral(".journal")), path, bytes, true, error))
            return false;
        if (restored)
            ++*restored;
    }
    if (!fsyncDir(m_queueDir, true)) {
        *error = errnoText(QStringLiteral("cannot sync"), m_queueDir);
        return false;
    }
    return m_journal->open(error);
}

} // namespace xmflow::daemon

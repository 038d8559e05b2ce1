#include "IncomingMessage.h"

#include "FrontMode.h"
#include "MessageStore.h"
#include "Policy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace xmflow::daemon {

// The file of one message, touched by one delivery thread at a time (writes are chained).
// Whatever was not committed is removed when the last reference goes.
struct StreamFile {
    MessageStore *store = nullptr;
    bool fsync = true;
    bool toSpool = false;
    QString id;
    QString tmpPath;   // the file being written (a spool entry may be written over a free file)
    QString spoolPath; // spool: queue/ID
    QString maildir;   // Maildir primary: its folder and unique name
    QString unique;
    QList<LocalMailbox> copies; // other mailboxes (Maildir primary), every mailbox (spool primary)
    QByteArray prefix;          // written first: the spool header, or the Return-Path
    QByteArray returnPath;      // Maildir copies made from a spool entry start with it
    SpoolEnvelope spool;        // spool primary: the entry's envelope
    qint64 written = 0;
    int fd = -1;
    bool failed = false;
    int failure = 0; // errno of the failure
    QString error;
    bool committed = false;
    bool created = false; // tmpPath exists

    ~StreamFile()
    {
        if (fd >= 0)
            ::close(fd);
        if (committed || !created || failed)
            return;
        if (toSpool)
            store->recycleSpoolTemporary(tmpPath); // a refused or broken-off message
        else
            ::unlink(QFile::encodeName(tmpPath).constData());
    }

    bool fail(const QString &what, const QString &path)
    {
        failure = errno;
        error = what + QLatin1Char(' ') + path + QStringLiteral(": ") +
                QString::fromLocal8Bit(std::strerror(failure));
        failed = true;
        if (fd >= 0)
            ::close(fd);
        fd = -1;
        if (!tmpPath.isEmpty())
            ::unlink(QFile::encodeName(tmpPath).constData());
        errno = failure;
        return false;
    }

    bool writeBytes(const char *p, qsizetype n)
    {
        if (failed)
            return false;
        if (!writeAll(fd, p, n))
            return fail(QStringLiteral("cannot write"), tmpPath);
        written += n;
        return true;
    }

    bool ensureOpen()
    {
        if (failed)
            return false;
        if (fd >= 0)
            return true;
        if (!toSpool) {
            for (const char *sub : {"tmp", "new", "cur"})
                if (!QDir().mkpath(QDir(maildir).filePath(QLatin1String(sub))))
                    return fail(QStringLiteral("cannot create"), QDir(maildir).filePath(QLatin1String(sub)));
        }
        fd = toSpool ? store->openSpoolTemporary(id, &tmpPath)
                     : ::open(QFile::encodeName(tmpPath).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            return fail(QStringLiteral("cannot create"), tmpPath);
        created = true;
        return writeBytes(prefix.constData(), prefix.size());
    }

    // A Maildir copy of the file from `offset` on, `head` first; durable on return.
    bool copyInto(const LocalMailbox &box, qint64 offset, const QByteArray &head, QString *made)
    {
        const QDir dir(box.maildir);
        for (const char *sub : {"tmp", "new", "cur"})
            if (!QDir().mkpath(dir.filePath(QLatin1String(sub))))
                return fail(QStringLiteral("cannot create"), dir.filePath(QLatin1String(sub)));
        const QString name = MessageStore::maildirUniqueName();
        const QString tmp = dir.filePath(QStringLiteral("tmp/") + name);
        const QByteArray tmpName = QFile::encodeName(tmp);
        const int in = ::open(QFile::encodeName(tmpPath).constData(), O_RDONLY | O_CLOEXEC);
        if (in < 0)
            return fail(QStringLiteral("cannot read"), tmpPath);
        const int out = ::open(tmpName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (out < 0) {
            ::close(in);
            return fail(QStringLiteral("cannot create"), tmp);
        }
        bool ok = ::lseek(in, offset, SEEK_SET) == offset && writeAll(out, head.constData(), head.size());
        qint64 size = head.size();
        char buf[65536];
        while (ok) {
            const ssize_t n = ::read(in, buf, sizeof buf);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                ok = n == 0;
                break;
            }
            ok = writeAll(out, buf, n);
            size += n;
        }
        ok = ok && (!fsync || ::fsync(out) == 0);
        const int cause = errno;
        ::close(in);
        ok = ::close(out) == 0 && ok;
        const QString final =
            dir.filePath(QStringLiteral("new/") + name + QStringLiteral(",S=") + QString::number(size));
        if (!ok || ::rename(tmpName.constData(), QFile::encodeName(final).constData()) != 0) {
            if (ok == false)
                errno = cause;
            const int why = errno;
            ::unlink(tmpName.constData());
            errno = why;
            return fail(QStringLiteral("cannot write"), tmp);
        }
        *made = final;
        MessageStore::syncFolder(dir.filePath(QStringLiteral("new")), fsync);
        return true;
    }

    // Another mailbox gets the same (already durable) file as a hard link, or a copy
    // where a link cannot be made (another file system).
    bool linkInto(const LocalMailbox &box, QString *made)
    {
        const QDir dir(box.maildir);
        for (const char *sub : {"tmp", "new", "cur"})
            if (!QDir().mkpath(dir.filePath(QLatin1String(sub))))
                return fail(QStringLiteral("cannot create"), dir.filePath(QLatin1String(sub)));
        const QString final = dir.filePath(QStringLiteral("new/") + MessageStore::maildirUniqueName() +
                                           QStringLiteral(",S=") + QString::number(written));
        if (::link(QFile::encodeName(tmpPath).constData(), QFile::encodeName(final).constData()) == 0) {
            *made = final;
            if (!MessageStore::syncFolder(dir.filePath(QStringLiteral("new")), fsync))
                return fail(QStringLiteral("cannot sync"), dir.filePath(QStringLiteral("new")));
            return true;
        }
        if (errno != EXDEV && errno != EPERM && errno != EMLINK)
            return fail(QStringLiteral("cannot link"), final);
        return copyInto(box, 0, QByteArray(), made);
    }

    void takeBack(const QStringList &made)
    {
        const int cause = errno;
        QSet<QString> folders;
        for (const QString &path : made) {
            ::unlink(QFile::encodeName(path).constData());
            folders.insert(QFileInfo(path).absolutePath());
        }
        for (const QString &folder : std::as_const(folders))
            MessageStore::syncFolder(folder, fsync);
        errno = cause;
    }

    DeliveryResult failedResult() const
    {
        DeliveryResult result;
        result.messageId = id;
        result.error = error;
        result.outOfSpace = failure == ENOSPC || failure == EDQUOT;
        return result;
    }

    DeliveryResult storedResult()
    {
        committed = true;
        DeliveryResult result;
        result.messageId = id;
        result.stored = true;
        result.spooled = toSpool;
        if (toSpool) {
            result.spoolEnvelope = spool;
            result.spoolBodyOffset = prefix.size();
        }
        result.localCopies = int(copies.size()) + (toSpool ? 0 : 1);
        return result;
    }

    // The whole entry is in memory (nothing was written yet): through the spool journal.
    DeliveryResult commitJournaled(const QByteArray &tail)
    {
        fd = store->openSpoolTemporary(id, &tmpPath);
        if (fd < 0) {
            fail(QStringLiteral("cannot create"), tmpPath);
            return failedResult();
        }
        created = true;
        const int taken = std::exchange(fd, -1);
        if (!store->commitJournaled(taken, tmpPath, id, prefix + tail, &error)) {
            failure = errno;
            failed = true; // nothing is left: the store took the file back
            return failedResult();
        }
        written = prefix.size() + tail.size();
        return storedResult();
    }

    DeliveryResult commit(const QByteArray &tail)
    {
        if (toSpool && fd < 0 && !failed && copies.isEmpty() && store->journalEnabled())
            return commitJournaled(tail);
        if (!ensureOpen() || !writeBytes(tail.constData(), tail.size()))
            return failedResult();
        // A recycled spool file may be longer than this message.
        if (toSpool && ::ftruncate(fd, written) != 0) {
            fail(QStringLiteral("cannot write"), tmpPath);
            return failedResult();
        }
        // close() can also report a full disk (delayed allocation): it counts as a failed write.
        if (fsync && ::fdatasync(fd) != 0) { // the size is data: fdatasync writes it; timestamps are not needed
            fail(QStringLiteral("cannot sync"), tmpPath);
            return failedResult();
        }
        const int closing = fd;
        fd = -1;
        if (::close(closing) != 0) {
            fail(QStringLiteral("cannot write"), tmpPath);
            return failedResult();
        }
        QStringList made; // copies taken back if the message cannot be accepted whole
        QString path;
        for (const LocalMailbox &box : std::as_const(copies)) {
            const bool ok = toSpool ? copyInto(box, prefix.size(), returnPath, &path) : linkInto(box, &path);
            if (!ok) {
                takeBack(made);
                return failedResult();
            }
            made << path;
        }
        const QString final = toSpool
                                  ? spoolPath
                                  : QDir(maildir).filePath(QStringLiteral("new/") + unique +
                                                           QStringLiteral(",S=") + QString::number(written));
        const auto synced = [&] {
            return toSpool ? store->syncQueueFolder() : MessageStore::syncFolder(QFileInfo(final).absolutePath(), fsync);
        };
        // Into the queue never over another entry (an id handed out twice must not cost a message).
        const bool moved = toSpool ? MessageStore::renameNoReplace(QFile::encodeName(tmpPath), QFile::encodeName(final))
                                   : ::rename(QFile::encodeName(tmpPath).constData(), QFile::encodeName(final).constData()) == 0;
        if (!moved || !synced()) {
            fail(QStringLiteral("cannot store"), final);
            if (moved) // ours, not durable: taken back (an entry that was there first stays)
                ::unlink(QFile::encodeName(final).constData());
            takeBack(made);
            return failedResult();
        }
        return storedResult();
    }
};

IncomingMessage::IncomingMessage(DeliveryService *delivery, std::shared_ptr<const engine::Policy> policy,
                                 QObject *parent)
    : QObject(parent), m_delivery(delivery), m_policy(std::move(policy))
{
}

IncomingMessage::~IncomingMessage() = default;

QString IncomingMessage::open(const engine::Envelope &envelope)
{
    ++m_generation;
    m_file = std::make_shared<StreamFile>();
    m_buffer = QByteArray();
    m_size = 0;
    m_inFlight = false;
    m_commitDone = nullptr;
    MessageStore *store = m_delivery->store();
    StreamFile &f = *m_file;
    f.store = store;
    f.fsync = store->fsyncEnabled();
    f.id = store->nextMessageId();
    const DeliveryPlan plan = DeliveryPlan::of(envelope, *m_policy);
    const QList<LocalMailbox> &boxes = plan.boxes;
    const QByteArray &returnPath = plan.returnPath;
    if (!plan.remote.isEmpty()) {
        const SpoolEnvelope spool = plan.spoolEnvelope(envelope, f.id);
        f.toSpool = true;
        f.prefix = MessageStore::encodeSpool(spool, QByteArray());
        f.spool = spool;
        f.tmpPath = QDir(store->spoolTmpDir()).filePath(f.id);
        f.spoolPath = QDir(store->spoolQueueDir()).filePath(f.id);
        f.copies = boxes;
        f.returnPath = returnPath;
    } else if (!boxes.isEmpty()) {
        f.maildir = boxes.constFirst().maildir;
        f.unique = MessageStore::maildirUniqueName();
        f.tmpPath = QDir(f.maildir).filePath(QStringLiteral("tmp/") + f.unique);
        f.prefix = returnPath;
        f.copies = boxes.mid(1);
    }
    return f.id;
}

void IncomingMessage::append(const char *data, qsizetype size)
{
    if (size <= 0)
        return;
    if (m_buffer.capacity() == 0)
        m_buffer.reserve(kChunk + 1024); // one chunk and the line that completes it, without regrowth
    // resize + memcpy: QByteArray::append goes through its general insert path, which
    // showed in profiles at one call per body line.
    const qsizetype at = m_buffer.size();
    m_buffer.resize(at + size);
    std::memcpy(m_buffer.data() + at, data, size_t(size));
    m_size += size;
}

void IncomingMessage::write(const char *data, qsizetype size)
{
    if (!m_file)
        return;
    append(data, size);
    written();
}

void IncomingMessage::writeLine(const char *data, qsizetype size)
{
    if (!m_file)
        return;
    append(data, size);
    append("\r\n", 2);
    written();
}

void IncomingMessage::written()
{
    if (m_buffer.size() >= kChunk) {
        if (!m_inFlight)
            submitWrite();
        else
            m_wasFull = true;
    }
}

bool IncomingMessage::full() const
{
    return m_inFlight && m_buffer.size() >= kChunk;
}

void IncomingMessage::discard()
{
    ++m_generation;
    m_file.reset(); // the last reference (maybe a write in flight) removes the file
    m_buffer = QByteArray();
    m_size = 0;
    m_inFlight = false;
    if (std::exchange(m_wasFull, false))
        QMetaObject::invokeMethod(this, &IncomingMessage::drained, Qt::QueuedConnection);
}

void IncomingMessage::submitWrite()
{
    m_inFlight = true;
    const std::shared_ptr<StreamFile> file = m_file;
    const QByteArray chunk = std::exchange(m_buffer, QByteArray());
    const quint64 generation = m_generation;
    m_delivery->runThen(
        [file, chunk] {
            if (file->ensureOpen())
                file->writeBytes(chunk.constData(), chunk.size());
        },
        this,
        [this, generation] {
            if (generation == m_generation)
                onWriteDone();
        });
}

void IncomingMessage::onWriteDone()
{
    m_inFlight = false;
    if (m_commitDone) {
        submitCommit();
        return;
    }
    if (m_buffer.size() >= kChunk)
        submitWrite();
    if (m_wasFull && !full()) {
        m_wasFull = false;
        emit drained();
    }
}

void IncomingMessage::commit(DeliveryService::Callback done)
{
    m_commitDone = std::move(done);
    if (!m_inFlight)
        submitCommit();
}

void IncomingMessage::submitCommit()
{
    m_inFlight = true;
    const std::shared_ptr<StreamFile> file = std::exchange(m_file, nullptr);
    const QByteArray tail = std::exchange(m_buffer, QByteArray());
    const quint64 generation = m_generation;
    if (!file) { // nothing was opened: cannot happen after open(), answered as a local error
        DeliveryResult failed;
        failed.error = QStringLiteral("no message in progress");
        QMetaObject::invokeMethod(
            this, [this, failed] { std::exchange(m_commitDone, nullptr)(failed); }, Qt::QueuedConnection);
        return;
    }
    m_delivery->run([file, tail] { return file->commit(tail); }, this,
                    [this, generation](const DeliveryResult &result) {
                        if (generation != m_generation)
                            return;
                        m_inFlight = false;
                        if (auto done = std::exchange(m_commitDone, nullptr))
                            done(result);
                    });
}

} // namespace xmflow::daemon

#pragma once

#include "FolderSync.h"
#include "SpoolJournal.h"

#include <QByteArray>
#include <QDateTime>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

namespace xmflow::daemon {

// write(2) until every byte is out, across EINTR; false on any other error (errno says which).
bool writeAll(int fd, const char *data, qsizetype size);

// A local mailbox: MailRoot/domains/<domain>/<account dir>/Maildir.
struct LocalMailbox {
    QString address; // user@domain, as accepted
    QString maildir; // absolute path of the Maildir folder
};

// A message and its envelope, as the spool keeps it.
struct SpoolEnvelope {
    QString id;             // spool entry name (also the SMTP message id)
    QString mailFrom;       // "" = null sender (a bounce)
    QStringList recipients; // still to deliver
    QString peer;
    QString helo;
    QString authUser;
    QDateTime received;
    int attempts = 0;
    QDateTime nextAttempt;
    QString lastError;
};

// Durable storage: Maildir delivery (tmp/ then new/, file and folder fsync'd) and
// the relay spool (MailRoot/spool/xmflow/queue). Thread-safe; called from a pool.
class MessageStore
{
public:
    // queueSyncer replaces the queue folder's fsync, journalSyncer the journal's (tests).
    explicit MessageStore(const QString &mailRoot, bool fsyncEnabled = true, FolderSync::Syncer queueSyncer = {},
                          qint64 journalSegmentLimit = SpoolJournal::kDefaultSegmentLimit,
                          FolderSync::Syncer journalSyncer = {});
    ~MessageStore();
    MessageStore(const MessageStore &) = delete;
    MessageStore &operator=(const MessageStore &) = delete;

    // Takes spool/xmflow/serve.lock for as long as this store lives (flock: the kernel lets
    // go when the process ends, however it ends). A second daemon on the same spool would
    // hand out the same ids and reuse the same free files: it gets an error instead.
    bool lockSpool(QString *error);

    QString mailRoot() const { return m_mailRoot; }
    QString spoolTmpDir() const { return m_tmpDir; }
    bool fsyncEnabled() const { return m_fsync; }
    // A Maildir file name without its ",S=size": time.MusecPpidQcounter.host
    static QString maildirUniqueName();
    // fsync a folder (after a rename or link into it); true when disabled.
    static bool syncFolder(const QString &dir, bool enabled);
    QString spoolQueueDir() const { return m_queueDir; }
    // fsync of the queue folder after a rename into or out of it, shared by the threads
    // that ask at the same time (group commit).
    bool syncQueueFolder() { return m_queueSync.sync(); }
    quint64 queueFolderSyncs() const { return m_queueSync.syncs(); }
    QString spoolFreeDir() const { return m_freeDir; }

    // Spool files are recycled: a delivered entry's file moves to spool/xmflow/free, and
    // the next entry is written over it and renamed into the queue instead of a new file
    // being created. On ext4 a new file costs an inode and block allocation, whose metadata
    // the fsync then writes (0.9 ms a file on the benchmark machine against 0.2 ms for the
    // rest). At most kSpoolFilePool files of at most kSpoolFileReuseLimit bytes are kept,
    // in the spool's private folder like the queue itself.
    static constexpr int kSpoolFilePool = 1024;
    static constexpr qint64 kSpoolFileReuseLimit = 64 * 1024;
    // Opens a file to write the spool entry `id` into: a free file (written over from the
    // start; the writer cuts it to length) or a new one in tmp/. *path says which; -1 with
    // errno on failure.
    int openSpoolTemporary(const QString &id, QString *path);
    // A spool file that will not be committed: kept for the next entry (or removed).
    void recycleSpoolTemporary(const QString &tmpPath);
    int freeSpoolFiles() const;

    // XMail-style message id: "S" + upper-case hex counter, unique across restarts.
    QString nextMessageId();

    // Writes one copy of `message` into every mailbox; returns false (and says why)
    // if any copy could not be made durable, after taking back the copies it made.
    // *written receives the copies' paths (for removeDelivered). On failure errno says
    // why (ENOSPC / EDQUOT: no room).
    bool deliverLocal(const QList<LocalMailbox> &mailboxes, const QByteArray &message, QString *error,
                      QStringList *written = nullptr);
    // Takes back Maildir copies of a message that could not be accepted as a whole.
    void removeDelivered(const QStringList &paths);
    // Writes a spool entry for the recipients; durable on return. On failure errno says why.
    bool spool(const SpoolEnvelope &envelope, const QByteArray &message, QString *error);

    // Spool entries: file format is "XMFLOW-SPOOL 1\n", one JSON envelope line, then the message bytes.
    static QByteArray encodeSpool(const SpoolEnvelope &envelope, const QByteArray &message);
    static bool decodeSpool(const QByteArray &bytes, SpoolEnvelope *envelope, QByteArray *message);
    bool readSpoolEntry(const QString &id, SpoolEnvelope *envelope, QByteArray *message) const;
    // The envelope only, and where the message starts in the file (the relay streams the rest).
    bool readSpoolHeader(const QString &id, SpoolEnvelope *envelope, qint64 *bodyOffset) const;
    // The first `limit` bytes of the message (a bounce quotes the headers).
    QByteArray readSpoolMessageHead(const QString &id, qint64 limit) const;
    QString spoolPath(const QString &id) const;
    // Keeps the message bytes, copied in bounded chunks.
    bool rewriteSpoolEnvelope(const SpoolEnvelope &envelope, QString *error);
    bool removeSpoolEntry(const QString &id);
    // Removes several entries with one fsync of the queue folder (their files are recycled).
    void removeSpoolEntries(const QStringList &ids);
    QStringList spoolEntries() const; // ids, oldest first
    // Removes temporary files a crash left behind (never acknowledged to a client), and
    // takes stock of the free spool files.
    void cleanTemporaries();

    // The spool journal (with fsync only): a message small enough to be whole in memory at
    // the end of DATA is written to its queue file without a sync, renamed into the queue
    // without a folder sync, and appended to the journal, whose appends share fdatasyncs.
    bool journalEnabled() const { return m_fsync; }
    SpoolJournal *journal() const { return m_journal.get(); }
    // Takes fd (open on tmpPath, from openSpoolTemporary): the entry `id` is in the queue
    // and durable on true. On false errno says why, *error too, and nothing is left
    // behind (tmpPath neither).
    bool commitJournaled(int fd, const QString &tmpPath, const QString &id, const QByteArray &bytes, QString *error);
    // At start, after cleanTemporaries(): entries the journal holds whose queue file is
    // missing or not what was acknowledged (a power loss) are written again; then every
    // one is synced on its own and the journal starts afresh. *restored counts the files
    // written again.
    bool recoverJournal(QString *error, int *restored = nullptr);
    // Entries that only a full journal segment still speaks for are synced on their own,
    // then the segment goes. Runs when a segment has filled (after a commit).
    void checkpointJournal();

    bool writeDurably(const QString &tmpPath, const QString &finalPath, const QByteArray &bytes,
                      QString *error)
    {
        return writeFileDurably(tmpPath, finalPath, bytes, m_fsync, error);
    }
    // Write to tmpPath, fsync, rename to finalPath, fsync its folder. On failure the
    // temporary file is gone and errno still tells the reason.
    static bool writeFileDurably(const QString &tmpPath, const QString &finalPath, const QByteArray &bytes,
                                 bool doFsync, QString *error);
    // The same for a file already open on tmpPath (cut to the length of bytes); closes fd.
    static bool writeOpenFileDurably(int fd, const QString &tmpPath, const QString &finalPath,
                                     const QByteArray &bytes, bool doFsync, QString *error, bool noReplace = false);
    // rename(2) that fails (EEXIST) instead of replacing the target: a spool entry never
    // takes the place of another.
    static bool renameNoReplace(const QByteArray &from, const QByteArray &to);

private:
    // Moves a file to free/; its name joins the pool at once or, with `later`, is added
    // there for the caller. false: the pool is full, the file too big or the rename failed.
    bool recycleSpoolFile(const QString &path, QStringList *later = nullptr);
    bool releaseSpoolFile(const QString &path, QStringList *later = nullptr); // recycled or removed
    void releaseQueueFiles(const QStringList &ids); // then one sync of the queue folder

    QString m_mailRoot;
    QString m_spoolDir;
    QString m_queueDir;
    QString m_tmpDir;
    QString m_freeDir;
    bool m_fsync;
    FolderSync m_queueSync;
    std::unique_ptr<SpoolJournal> m_journal;
    QMutex m_checkpointMutex;
    int m_lockFd = -1;
    mutable QMutex m_freeMutex;
    QStringList m_freeFiles; // names in m_freeDir
    const qint64 m_freeEpoch = QDateTime::currentMSecsSinceEpoch(); // free files' names: F<epoch>.<n>
    std::atomic<quint64> m_freeNames{0};
    QMutex m_idMutex;
    quint64 m_nextId = 0;
    quint64 m_reservedUntil = 0;
};

} // namespace xmflow::daemon

#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMutex>
#include <QString>
#include <QStringList>

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
    explicit MessageStore(const QString &mailRoot, bool fsyncEnabled = true);

    QString mailRoot() const { return m_mailRoot; }
    QString spoolTmpDir() const { return m_tmpDir; }
    bool fsyncEnabled() const { return m_fsync; }
    // A Maildir file name without its ",S=size": time.MusecPpidQcounter.host
    static QString maildirUniqueName();
    // fsync a folder (after a rename or link into it); true when disabled.
    static bool syncFolder(const QString &dir, bool enabled);
    QString spoolQueueDir() const { return m_queueDir; }

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
    // Removes several entries with one fsync of the queue folder.
    void removeSpoolEntries(const QStringList &ids);
    QStringList spoolEntries() const; // ids, oldest first
    // Removes temporary files a crash left behind (never acknowledged to a client).
    void cleanTemporaries();

    bool writeDurably(const QString &tmpPath, const QString &finalPath, const QByteArray &bytes,
                      QString *error)
    {
        return writeFileDurably(tmpPath, finalPath, bytes, m_fsync, error);
    }
    // Write to tmpPath, fsync, rename to finalPath, fsync its folder. On failure the
    // temporary file is gone and errno still tells the reason.
    static bool writeFileDurably(const QString &tmpPath, const QString &finalPath, const QByteArray &bytes,
                                 bool doFsync, QString *error);

private:
    QString m_mailRoot;
    QString m_spoolDir;
    QString m_queueDir;
    QString m_tmpDir;
    bool m_fsync;
    QMutex m_idMutex;
    quint64 m_nextId = 0;
    quint64 m_reservedUntil = 0;
    quint64 m_uniq = 0;
};

} // namespace xmflow::daemon

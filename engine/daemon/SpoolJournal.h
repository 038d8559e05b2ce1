#pragma once

#include "FolderSync.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

namespace xmflow::daemon {

// The spool's write-ahead journal (MailRoot/spool/xmflow/journal): a small spool entry is
// appended here whole, and threads that append at the same time share one fdatasync
// (group commit), instead of each entry's file and the queue folder being synced on their
// own. The entry's file in queue/ is written without a sync; after a power loss the
// journal puts back any entry whose file did not reach the disk. A "release" record
// says the journal no longer speaks for an entry (delivered, or rewritten durably).
//
// Segments (J<16 hex digits>) are appended to until they pass segmentLimit; the full one
// is then sealed, and dropped once the entries it still speaks for have been made
// durable in the queue on their own (checkpoint, in MessageStore).
//
// A record: "XMJ1", type ('E' entry, 'R' release, 'D' delivered), 3 zero bytes, the id's and the
// payload's lengths (32-bit little-endian), the first 8 bytes of an MD5 of type, lengths,
// id and payload; then the id and the payload. Reading stops at the first record that does
// not check out (a torn append: never acknowledged).
class SpoolJournal
{
public:
    static constexpr qint64 kDefaultSegmentLimit = 8 * 1024 * 1024;

    // syncer replaces fdatasync of the open segment (tests); it gets the segment's path.
    SpoolJournal(const QString &dir, qint64 segmentLimit = kDefaultSegmentLimit, FolderSync::Syncer syncer = {});
    ~SpoolJournal();
    SpoolJournal(const SpoolJournal &) = delete;
    SpoolJournal &operator=(const SpoolJournal &) = delete;

    struct Recovered {
        QStringList order;               // live ids, in the order they were appended
        QStringList delivered;           // ids whose queue file must not come back
        QHash<QString, QByteArray> live; // id -> the entry's bytes
        int segments = 0;
        int tornRecords = 0; // segments whose tail did not check out
    };
    // Reads every segment (at start, before open()).
    Recovered recover() const;
    // Removes every segment (after recover()'s entries were made durable in the queue)
    // and starts a new one. false with *error when the folder cannot be used.
    bool open(QString *error);
    bool isOpen() const { return m_fd >= 0; }

    // Appends an entry; then commit() makes it durable. false (errno) on failure.
    bool appendEntry(const QString &id, const QByteArray &bytes);
    // Returns once everything appended before the call is on disk (shared fdatasync).
    bool commit();
    // The journal no longer speaks for `id`; nothing happens for an id it does not hold.
    // Not synced by itself: the next commit carries it.
    void release(const QString &id);
    // The entries left the queue (delivered): after a power loss, a queue file under one
    // of these names is an old name come back and is removed. Then commit() stands in for
    // a sync of the queue folder before the files are written over.
    bool delivered(const QStringList &ids);
    bool holds(const QString &id) const;

    // Ids that sealed segments (numbers up to *upTo) still speak for; once the caller made
    // them durable on their own, dropSealed(upTo) removes those segments.
    bool hasSealed() const;
    QStringList sealedLive(quint64 *upTo) const;
    void dropSealed(quint64 upTo);

    int segmentCount() const;
    quint64 syncs() const { return m_sync.syncs(); }

    static QByteArray encodeRecord(char type, const QString &id, const QByteArray &payload);

private:
    struct Segment {
        quint64 number = 0;
        QSet<QString> live;
    };
    QString segmentPath(quint64 number) const;
    bool appendRecord(char type, const QString &id, const QByteArray &payload, bool entry);
    void forget(const QString &id);             // with m_mutex held
    bool writeLocked(const QByteArray &records); // with m_mutex held; a failed write leaves no part
    bool startSegment(quint64 number, QString *error); // with m_mutex held
    int syncOpenSegment(); // the FolderSync's syncer

    const QString m_dir;
    const qint64 m_limit;
    const FolderSync::Syncer m_syncer;
    mutable QMutex m_mutex;
    int m_fd = -1;
    qint64 m_size = 0;
    Segment m_current;
    QList<Segment> m_sealed;
    QHash<QString, quint64> m_segmentOf; // live id -> segment number
    FolderSync m_sync;
};

} // namespace xmflow::daemon

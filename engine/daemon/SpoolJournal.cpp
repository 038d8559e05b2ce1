#include "SpoolJournal.h"

#include "MessageStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QMutexLocker>
#include <QtEndian>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace xmflow::daemon {

namespace {

constexpr char kMagic[4] = {'X', 'M', 'J', '1'};
constexpr qsizetype kHeaderSize = 24; // magic, type, 3 zero bytes, id length, payload length, digest
constexpr qsizetype kDigestSize = 8;
constexpr quint32 kMaxIdLength = 4096;
constexpr quint32 kMaxPayload = 256 * 1024 * 1024;

QByteArray digestOf(char type, quint32 idLength, quint32 payloadLength, const char *id, const char *payload)
{
    QCryptographicHash hash(QCryptographicHash::Md5);
    char fields[9];
    fields[0] = type;
    qToLittleEndian(idLength, fields + 1);
    qToLittleEndian(payloadLength, fields + 5);
    hash.addData(QByteArrayView(fields, sizeof fields));
    hash.addData(QByteArrayView(id, idLength));
    hash.addData(QByteArrayView(payload, payloadLength));
    return hash.result().left(kDigestSize);
}

} // namespace

SpoolJournal::SpoolJournal(const QString &dir, qint64 segmentLimit, FolderSync::Syncer syncer)
    : m_dir(dir), m_limit(segmentLimit), m_syncer(std::move(syncer)),
      m_sync(dir, true, [this](const QString &) { return syncOpenSegment(); })
{
    QDir().mkpath(m_dir);
}

SpoolJournal::~SpoolJournal()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

QString SpoolJournal::segmentPath(quint64 number) const
{
    return QDir(m_dir).filePath(QStringLiteral("J%1").arg(number, 16, 16, QLatin1Char('0')));
}

QByteArray SpoolJournal::encodeRecord(char type, const QString &id, const QByteArray &payload)
{
    const QByteArray idBytes = id.toUtf8();
    QByteArray record(kHeaderSize, '\0');
    std::memcpy(record.data(), kMagic, 4);
    record[4] = type;
    qToLittleEndian(quint32(idBytes.size()), record.data() + 8);
    qToLittleEndian(quint32(payload.size()), record.data() + 12);
    const QByteArray digest =
        digestOf(type, quint32(idBytes.size()), quint32(payload.size()), idBytes.constData(), payload.constData());
    std::memcpy(record.data() + 16, digest.constData(), kDigestSize);
    record += idBytes;
    record += payload;
    return record;
}

SpoolJournal::Recovered SpoolJournal::recover() const
{
    Recovered out;
    QSet<QString> gone;
    const QStringList names = QDir(m_dir).entryList({QStringLiteral("J*")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QFile f(QDir(m_dir).filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        ++out.segments;
        const QByteArray bytes = f.readAll();
        qsizetype at = 0;
        while (at < bytes.size()) {
            const char *p = bytes.constData() + at;
            const qsizetype left = bytes.size() - at;
            if (left < kHeaderSize || std::memcmp(p, kMagic, 4) != 0 || (p[4] != 'E' && p[4] != 'R' && p[4] != 'D')) {
                ++out.tornRecords;
                break;
            }
            const quint32 idLength = qFromLittleEndian<quint32>(p + 8);
            const quint32 payloadLength = qFromLittleEndian<quint32>(p + 12);
            if (idLength == 0 || idLength > kMaxIdLength || payloadLength > kMaxPayload ||
                left < kHeaderSize + qsizetype(idLength) + qsizetype(payloadLength)) {
                ++out.tornRecords;
                break;
            }
            const char *id = p + kHeaderSize;
            const char *payload = id + idLength;
            if (digestOf(p[4], idLength, payloadLength, id, payload) != QByteArrayView(p + 16, kDigestSize)) {
                ++out.tornRecords;
                break;
            }
            const QString key = QString::fromUtf8(id, idLength);
            if (p[4] == 'E') {
                if (!out.live.contains(key))
                    out.order << key;
                out.live.insert(key, QByteArray(payload, payloadLength));
                gone.remove(key);
            } else {
                if (out.live.remove(key))
                    out.order.removeOne(key);
                if (p[4] == 'D')
                    gone.insert(key);
            }
            at += kHeaderSize + idLength + payloadLength;
        }
    }
    out.delivered = QStringList(gone.cbegin(), gone.cend());
    return out;
}

bool SpoolJournal::open(QString *error)
{
    QMutexLocker lock(&m_mutex);
    const QStringList names = QDir(m_dir).entryList({QStringLiteral("J*")}, QDir::Files, QDir::Name);
    quint64 last = 0;
    for (const QString &name : names) {
        bool ok = false;
        last = qMax(last, name.mid(1).toULongLong(&ok, 16));
        if (!QFile::remove(QDir(m_dir).filePath(name))) {
            *error = QStringLiteral("cannot remove %1").arg(QDir(m_dir).filePath(name));
            return false;
        }
    }
    if (!names.isEmpty() && !syncPath(m_dir)) {
        *error = QStringLiteral("cannot sync %1: %2").arg(m_dir, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_segmentOf.clear();
    m_sealed.clear();
    return startSegment(last + 1, error);
}

bool SpoolJournal::startSegment(quint64 number, QString *error)
{
    const QString path = segmentPath(number);
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
    // The new name must be durable before anything in it is acknowledged.
    if (fd < 0 || !syncPath(m_dir)) {
        if (error)
            *error = QStringLiteral("cannot create %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        if (fd >= 0) {
            ::close(fd);
            ::unlink(QFile::encodeName(path).constData());
        }
        return false;
    }
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
    m_size = 0;
    m_current = Segment{number, {}};
    return true;
}

bool SpoolJournal::writeLocked(const QByteArray &records)
{
    if (m_fd < 0) {
        errno = EBADF;
        return false;
    }
    if (!writeAll(m_fd, records.constData(), records.size())) {
        // A part of a record would end the segment for recovery: cut it off, or go on in
        // a new segment.
        const int cause = errno;
        if (::ftruncate(m_fd, m_size) != 0) {
            const Segment broken = m_current;
            if (startSegment(broken.number + 1, nullptr))
                m_sealed.append(broken);
        }
        errno = cause;
        return false;
    }
    m_size += records.size();
    return true;
}

bool SpoolJournal::appendRecord(char type, const QString &id, const QByteArray &payload, bool entry)
{
    const QByteArray record = encodeRecord(type, id, payload);
    QMutexLocker lock(&m_mutex);
    if (!writeLocked(record))
        return false;
    if (entry) {
        m_current.live.insert(id);
        m_segmentOf.insert(id, m_current.number);
    }
    if (m_size < m_limit)
        return true;
    // Full: everything in it is made durable before appends go to the next segment, so
    // a commit() that syncs the new one also covers what was appended to the old.
    if (::fdatasync(m_fd) != 0)
        return !entry; // the entry's own commit would not hear of this failure
    const Segment full = m_current;
    if (!startSegment(full.number + 1, nullptr))
        return true; // keep appending to the full one
    m_sealed.append(full);
    return true;
}

bool SpoolJournal::appendEntry(const QString &id, const QByteArray &bytes)
{
    return appendRecord('E', id, bytes, true);
}

bool SpoolJournal::commit()
{
    return m_sync.sync();
}

int SpoolJournal::syncOpenSegment()
{
    int fd = -1;
    QString path;
    {
        QMutexLocker lock(&m_mutex);
        if (m_fd >= 0)
            fd = ::dup(m_fd); // a segment change may close m_fd meanwhile
        path = segmentPath(m_current.number);
    }
    if (fd < 0)
        return EBADF;
    int error = 0;
    if (m_syncer)
        error = m_syncer(path);
    else if (::fdatasync(fd) != 0)
        error = errno;
    ::close(fd);
    return error;
}

void SpoolJournal::forget(const QString &id)
{
    const auto it = m_segmentOf.constFind(id);
    if (it == m_segmentOf.constEnd())
        return;
    const quint64 number = it.value();
    m_segmentOf.erase(it);
    if (m_current.number == number)
        m_current.live.remove(id);
    for (Segment &s : m_sealed)
        if (s.number == number)
            s.live.remove(id);
}

void SpoolJournal::release(const QString &id)
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_segmentOf.contains(id))
            return;
        forget(id);
    }
    // A release lost in a crash only means the entry is put back and sent again.
    appendRecord('R', id, QByteArray(), false);
}

bool SpoolJournal::delivered(const QStringList &ids)
{
    QByteArray records;
    for (const QString &id : ids)
        records += encodeRecord('D', id, QByteArray());
    QMutexLocker lock(&m_mutex);
    for (const QString &id : ids)
        forget(id);
    return writeLocked(records);
}

bool SpoolJournal::holds(const QString &id) const
{
    QMutexLocker lock(&m_mutex);
    return m_segmentOf.contains(id);
}

bool SpoolJournal::hasSealed() const
{
    QMutexLocker lock(&m_mutex);
    return !m_sealed.isEmpty();
}

QStringList SpoolJournal::sealedLive(quint64 *upTo) const
{
    QMutexLocker lock(&m_mutex);
    QStringList ids;
    *upTo = 0;
    for (const Segment &s : m_sealed) {
        *upTo = qMax(*upTo, s.number);
        for (const QString &id : s.live)
            ids << id;
    }
    return ids;
}

void SpoolJournal::dropSealed(quint64 upTo)
{
    QMutexLocker lock(&m_mutex);
    while (!m_sealed.isEmpty() && m_sealed.constFirst().number <= upTo) {
        const Segment s = m_sealed.takeFirst();
        for (const QString &id : s.live)
            m_segmentOf.remove(id);
        ::unlink(QFile::encodeName(segmentPath(s.number)).constData());
        // One at a time: an older segment must not come back after a newer one is gone.
        syncPath(m_dir);
    }
}

int SpoolJournal::segmentCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_sealed.size()) + (m_fd >= 0 ? 1 : 0);
}

} // namespace xmflow::daemon

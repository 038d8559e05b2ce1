#include "FolderSync.h"

#include <QFile>
#include <QMutexLocker>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace xmflow::daemon {

namespace {

constexpr qsizetype kFailuresKept = 64;

int fsyncFolder(const QString &folder)
{
    return syncPath(folder) ? 0 : errno;
}

} // namespace

bool syncPath(const QString &path, SyncTarget target)
{
    const bool folder = target == SyncTarget::Folder;
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : O_NOFOLLOW));
    if (fd < 0)
        return false;
    const bool ok = (folder ? ::fsync(fd) : ::fdatasync(fd)) == 0;
    const int cause = errno;
    ::close(fd);
    errno = cause;
    return ok;
}

FolderSync::FolderSync(QString folder, bool enabled, Syncer syncer)
    : m_folder(std::move(folder)), m_enabled(enabled), m_syncer(syncer ? std::move(syncer) : Syncer(fsyncFolder))
{
}

bool FolderSync::sync()
{
    if (!m_enabled)
        return true;
    QMutexLocker lock(&m_mutex);
    const quint64 mine = ++m_requested;
    while (m_synced < mine) {
        if (m_running) {
            m_done.wait(&m_mutex);
            continue;
        }
        // Lead a sync for every request so far.
        m_running = true;
        const quint64 from = m_synced;
        const quint64 upTo = m_requested;
        lock.unlock();
        const int error = m_syncer(m_folder);
        lock.relock();
        ++m_syncs;
        m_running = false;
        m_synced = upTo;
        if (error != 0) {
            m_failures.append({from, upTo, error});
            if (m_failures.size() > kFailuresKept)
                m_failures.removeFirst();
        }
        m_done.wakeAll();
    }
    for (const Failure &f : std::as_const(m_failures)) {
        if (mine > f.from && mine <= f.to) {
            errno = f.error;
            return false;
        }
    }
    return true;
}

quint64 FolderSync::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requested;
}

quint64 FolderSync::syncs() const
{
    QMutexLocker lock(&m_mutex);
    return m_syncs;
}

} // namespace xmflow::daemon

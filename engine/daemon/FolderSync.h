#pragma once

#include <QList>
#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <functional>

namespace xmflow::daemon {

// fsync of a folder (its entries), or fdatasync of a file, by path; false with errno
// (ENOENT: it is not there). A file is not followed through a symbolic link.
enum class SyncTarget { Folder, FileData };
bool syncPath(const QString &path, SyncTarget target = SyncTarget::Folder);

// Group commit of one folder's fsync: threads that renamed files into the folder each
// need a sync that started after their rename; one sync serves every request made
// before it began. Under load the queue folder is synced once for several messages
// instead of once per message.
class FolderSync
{
public:
    // Syncs the folder; returns 0 or an errno. Replaceable for tests.
    using Syncer = std::function<int(const QString &folder)>;
    explicit FolderSync(QString folder, bool enabled = true, Syncer syncer = {});

    // Returns once the folder's entries as of this call are durable; false if the
    // sync that covered them failed (errno says why).
    bool sync();

    quint64 syncs() const;    // fsync calls made
    quint64 requests() const; // sync() calls so far

private:
    struct Failure {
        quint64 from; // requests (from, to] got the error
        quint64 to;
        int error;
    };

    const QString m_folder;
    const bool m_enabled;
    const Syncer m_syncer;
    mutable QMutex m_mutex;
    QWaitCondition m_done;
    quint64 m_requested = 0;
    quint64 m_synced = 0;
    quint64 m_syncs = 0;
    bool m_running = false;
    QList<Failure> m_failures; // the last few, for the waiters they cover
};

} // namespace xmflow::daemon

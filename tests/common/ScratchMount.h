#pragma once
// Small file systems made by a test for fault injection: a tmpfs of a few KB
// (disk full) or a folder nobody can write to (read-only), unmounted again when
// the object goes away. Mounting needs root (CI runs as root); without it the
// read-only case falls back to file permissions and the disk-full case cannot be
// made, and reason() says why.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

#include <cerrno>
#include <cstring>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace xmflow::testing {

class ScratchMount
{
public:
    ScratchMount() = default;
    ScratchMount(const ScratchMount &) = delete;
    ScratchMount &operator=(const ScratchMount &) = delete;
    ~ScratchMount() { unmount(); }

    // A tmpfs of sizeKb at path (created if needed).
    bool mountTmpfs(const QString &path, int sizeKb)
    {
        if (::geteuid() != 0) {
            m_reason = QStringLiteral("mounting a small tmpfs needs root (CI runs as root; here uid %1)")
                           .arg(::geteuid());
            return false;
        }
        QDir().mkpath(path);
        const QByteArray options = "size=" + QByteArray::number(sizeKb) + "k,mode=0755";
        if (::mount("tmpfs", QFile::encodeName(path).constData(), "tmpfs", MS_NOSUID | MS_NODEV,
                    options.constData()) != 0) {
            m_reason = QStringLiteral("cannot mount a tmpfs at %1: %2")
                           .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        m_path = path;
        return true;
    }

    // Makes the mounted tmpfs read-only (root ignores file permissions, so this is
    // the only way to refuse root a write).
    bool remountReadOnly()
    {
        if (m_path.isEmpty())
            return false;
        if (::mount("tmpfs", QFile::encodeName(m_path).constData(), "tmpfs",
                    MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, nullptr) != 0) {
            m_reason = QStringLiteral("cannot remount %1 read-only: %2")
                           .arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        return true;
    }

    // Fills the file system up to `leaveKb` free (a file named .filler).
    bool fill(qint64 leaveKb)
    {
        QFile filler(QDir(m_path).filePath(QStringLiteral(".filler")));
        if (!filler.open(QIODevice::WriteOnly | QIODevice::Append))
            return false;
        const QByteArray block(4096, 'f');
        while (freeKb() > leaveKb + 4) {
            if (filler.write(block) != block.size() || !filler.flush())
                break;
        }
        return freeKb() <= leaveKb + 8;
    }
    void removeFiller() { QFile::remove(QDir(m_path).filePath(QStringLiteral(".filler"))); }

    qint64 freeKb() const
    {
        struct statvfs st {
        };
        if (::statvfs(QFile::encodeName(m_path).constData(), &st) != 0)
            return -1;
        return qint64(st.f_bavail) * qint64(st.f_frsize) / 1024;
    }

    void unmount()
    {
        if (!m_path.isEmpty())
            ::umount2(QFile::encodeName(m_path).constData(), MNT_DETACH);
        m_path.clear();
    }

    QString path() const { return m_path; }
    QString reason() const { return m_reason; }

private:
    QString m_path;
    QString m_reason;
};

} // namespace xmflow::testing

#include "Privileges.h"

#include <cerrno>
#include <cstring>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

namespace xmflow::daemon {

namespace {
QString lastError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}
} // namespace

bool PrivilegeDrop::rootWithoutUser(const QString &user)
{
    return ::geteuid() == 0 && user.isEmpty();
}

bool PrivilegeDrop::drop(const QString &user, QString *done, QString *error)
{
    done->clear();
    if (user.isEmpty())
        return true;
    const QByteArray name = user.toLocal8Bit();
    errno = 0;
    const passwd *pw = ::getpwnam(name.constData());
    if (!pw) {
        *error = QStringLiteral("--user %1: no such user").arg(user);
        return false;
    }
    const uid_t uid = pw->pw_uid;
    const gid_t gid = pw->pw_gid;
    if (::geteuid() != 0) {
        if (uid == ::geteuid())
            return true;
        *error = QStringLiteral("--user %1: only root can change to another user (running as uid %2)")
                     .arg(user)
                     .arg(::geteuid());
        return false;
    }
    if (uid == 0) {
        *done =
            QStringLiteral("warning: running as root (--user %1): every table and message is read as root")
                .arg(user);
        return true;
    }
    if (::initgroups(name.constData(), gid) != 0) {
        *error = QStringLiteral("--user %1: initgroups: %2").arg(user, lastError());
        return false;
    }
    if (::setgid(gid) != 0) {
        *error = QStringLiteral("--user %1: setgid(%2): %3").arg(user).arg(gid).arg(lastError());
        return false;
    }
    if (::setuid(uid) != 0) {
        *error = QStringLiteral("--user %1: setuid(%2): %3").arg(user).arg(uid).arg(lastError());
        return false;
    }
    // setuid() as root sets the real, effective and saved ids: there is no way back.
    if (::setuid(0) == 0 || ::seteuid(0) == 0 || ::getuid() != uid || ::geteuid() != uid ||
        ::getgid() != gid || ::getegid() != gid) {
        *error =
            QStringLiteral("--user %1: root could be regained after setuid; refusing to go on").arg(user);
        return false;
    }
    *done = QStringLiteral("running as %1 (uid %2, gid %3)").arg(user).arg(uid).arg(gid);
    return true;
}

} // namespace xmflow::daemon

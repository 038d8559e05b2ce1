#pragma once

#include <QString>

namespace xmflow::daemon {

// Least privilege for `xmflowd serve`: started as root it binds its ports, then becomes
// `user` (its primary group and supplementary groups: initgroups, setgid, then setuid)
// before it reads a table, a message or the spool, and checks that root cannot be had back.
// Started as root without --user it refuses (rootWithoutUser). "--user root" keeps root
// on purpose (said in the log). Not root: --user must name the current user, or be empty.
struct PrivilegeDrop {
    static bool rootWithoutUser(const QString &user);
    // On success *done says what happened ("" when nothing changed).
    static bool drop(const QString &user, QString *done, QString *error);
};

} // namespace xmflow::daemon

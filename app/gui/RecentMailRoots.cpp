#include "RecentMailRoots.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace xmflow::gui {

QStringList recentMailRoots()
{
    QStringList list = QSettings().value(QStringLiteral("recentMailRoots")).toStringList();
    list.removeIf([](const QString &dir) { return !QFileInfo(dir).isDir(); });
    return list;
}

void addRecentMailRoot(const QString &directory)
{
    const QString dir = QDir::cleanPath(QFileInfo(directory).absoluteFilePath());
    QStringList list = QSettings().value(QStringLiteral("recentMailRoots")).toStringList();
    list.removeAll(dir);
    list.prepend(dir);
    while (list.size() > 8)
        list.removeLast();
    QSettings().setValue(QStringLiteral("recentMailRoots"), list);
}

} // namespace xmflow::gui

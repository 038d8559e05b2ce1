#pragma once

#include <QString>
#include <QStringList>

namespace xmflow::gui {

// Recently opened MailRoot folders, newest first (QSettings "recentMailRoots").
QStringList recentMailRoots();
void addRecentMailRoot(const QString &directory);

} // namespace xmflow::gui

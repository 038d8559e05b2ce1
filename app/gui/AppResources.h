#pragma once

#include <QString>

class QIcon;

namespace xmflow::gui {

// Registers the icons and translations compiled into the static library (call once, after QApplication).
void initResources();

// One of the bundled icons, by file name without ".svg".
QIcon icon(const QString &name);

} // namespace xmflow::gui

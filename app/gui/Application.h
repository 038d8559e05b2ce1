#pragma once

class QApplication;

namespace xmflow::gui {

// Sets up names, resources and language, opens the main window, runs the event loop.
int runApplication(QApplication &app);

} // namespace xmflow::gui

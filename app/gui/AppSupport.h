#pragma once

#include <QString>
#include <QStringList>

class QApplication;
class QIcon;

namespace xmflow::gui {

// Registers the icons compiled into the static library (call once, after QApplication).
void initResources();

// Where the bundled sample MailRoot lives: $XMFLOW_SAMPLE_MAILROOT, next to an
// installed program, or the source tree it was built from.
QString sampleMailRoot();

// Recently opened MailRoot folders, newest first (QSettings "recentMailRoots").
QStringList recentMailRoots();
void addRecentMailRoot(const QString &directory);

QIcon icon(const QString &name);

struct CommandLine {
    QString mailRoot;  // --mailroot DIR
    QString language;  // --lang en|ja
};
// Parses xmflow's command line (QCoreApplication::arguments()).
CommandLine parseCommandLine(const QStringList &arguments);

// Sets up names, resources and language, opens the main window, runs the event loop.
int runApplication(QApplication &app);

} // namespace xmflow::gui

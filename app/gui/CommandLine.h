#pragma once

#include <QString>
#include <QStringList>

namespace xmflow::gui {

struct CommandLine {
    QString mailRoot; // --mailroot DIR
    QString language; // --lang en|ja
};
// Parses xmflow's command line (QCoreApplication::arguments()).
CommandLine parseCommandLine(const QStringList &arguments);

} // namespace xmflow::gui

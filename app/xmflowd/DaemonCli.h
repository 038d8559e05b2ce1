#pragma once

#include <QStringList>

namespace xmflow::cli {

// Dispatches `xmflowd <subcommand> ...`; returns the process exit code.
// `serve` runs the event loop of the QCoreApplication that already exists.
int runDaemonCli(const QStringList &arguments);

} // namespace xmflow::cli

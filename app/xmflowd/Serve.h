#pragma once

#include <QStringList>

class QTextStream;

namespace xmflow::cli {

// `xmflowd serve --mailroot DIR [--listen ADDR:PORT]... [--events]` (SPEC §4).
// Runs the event loop of the existing QCoreApplication until SIGTERM.
int runServe(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace xmflow::cli

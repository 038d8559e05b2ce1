#pragma once

#include <QStringList>
#include <QTextStream>

namespace xmflow::cli {

// `xmflowd simulate ...` (SPEC §4): a scripted session on a virtual clock.
int runSimulate(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace xmflow::cli

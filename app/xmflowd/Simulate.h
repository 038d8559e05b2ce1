#pragma once

#include <QStringList>
#include <QTextStream>

namespace xmflow::engine {

// `xmflowd simulate ...` (SPEC §4): a scripted session on a virtual clock.
int runSimulate(const QStringList &arguments, QTextStream &out, QTextStream &err);
// `xmflowd check --mailroot DIR [--json]`: lint; exit 1 when there are errors.
int runCheck(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace xmflow::engine

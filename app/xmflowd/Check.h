#pragma once

#include <QStringList>
#include <QTextStream>

namespace xmflow::cli {

// `xmflowd check --mailroot DIR [--json]`: lint; exit 1 when there are errors.
int runCheck(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace xmflow::cli

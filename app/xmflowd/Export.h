#pragma once

#include <QStringList>
#include <QTextStream>

namespace xmflow::cli {

// `xmflowd export --mailroot DIR --out DIR [--xmail]`
int runExport(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace xmflow::cli

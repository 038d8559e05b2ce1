#pragma once

#include <QStringList>
#include <QTextStream>

namespace xmflow::cli {

// `xmflowd suggest --mailroot DIR --log FILE... [--days N --min-failures K --style drop|delay|auth-only
// --expire-days M] [--json]`: spammers.tab lines from the logs, each with its evidence and impact.
int runSuggest(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace xmflow::cli

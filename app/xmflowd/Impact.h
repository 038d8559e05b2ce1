#pragma once

#include <QStringList>
#include <QTextStream>

#include <optional>

namespace xmflow::engine {
class SmtpLogReader;
}

namespace xmflow::cli {

// `xmflowd impact --mailroot CURRENT --proposed OTHER --log FILE... [--json|--csv]
// [--fail-on auth-delayed,accepted-to-dropped]`: replays every client of the logs under both
// MailRoots; exit 1 when a --fail-on category happens, 2 on usage errors.
int runImpact(const QStringList &arguments, QTextStream &out, QTextStream &err);

// Streams the logs into `reader` with a progress line on stderr; false (message printed)
// when no file could be read. Shared with `suggest`.
bool readLogsWithProgress(engine::SmtpLogReader &reader, const QStringList &paths, bool quiet,
                          QTextStream &err, const QString &command);

} // namespace xmflow::cli

#pragma once

#include <QStringList>
#include <QTextStream>

class QCommandLineParser;

namespace xmflow::cli {

// Parses a subcommand's arguments. False when the command should stop: a parse
// error (printed to err, exit code 2) or --help (printed to out, exit code 0).
bool parseOrExplain(QCommandLineParser &parser, const QStringList &arguments, QTextStream &out,
                    QTextStream &err, int *exitCode);

} // namespace xmflow::cli

#include "DaemonCli.h"

#include "Check.h"
#include "Export.h"
#include "Impact.h"
#include "Serve.h"
#include "Simulate.h"
#include "Suggest.h"

#include <QTextStream>

#include <cstdio>

namespace xmflow::cli {

namespace {

struct Subcommand {
    const char *name;
    const char *summary;
    int (*run)(const QStringList &, QTextStream &, QTextStream &);
};

const Subcommand kSubcommands[] = {
    {"serve", "run the SMTP daemon that enforces the MailRoot's policy", runServe},
    {"simulate", "run a scripted client session through the policy on a virtual clock", runSimulate},
    {"check", "lint a MailRoot: broken lines, shadowed rules, delays that hit AUTH users", runCheck},
    {"export", "write a MailRoot's tables to a folder, byte-identical when untouched", runExport},
    {"impact", "replay the clients of smtp logs under the current and a proposed MailRoot", runImpact},
    {"suggest", "propose spammers.tab lines from smtp logs, with evidence and impact", runSuggest},
};

void printUsage(QTextStream &out)
{
    out << "Usage: xmflowd <subcommand> [options]\n\nSubcommands:\n";
    for (const Subcommand &sub : kSubcommands)
        out << "  " << QString::fromLatin1(sub.name).leftJustified(10) << QString::fromLatin1(sub.summary)
            << '\n';
    out << "\nRun 'xmflowd <subcommand> --help' for its options.\n";
}

} // namespace

int runDaemonCli(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.size() < 2 || arguments.at(1) == QLatin1String("--help") ||
        arguments.at(1) == QLatin1String("-h") || arguments.at(1) == QLatin1String("help")) {
        printUsage(out);
        return arguments.size() < 2 ? 2 : 0;
    }
    if (arguments.at(1) == QLatin1String("--version")) {
        out << "xmflowd " << XMFLOW_VERSION << '\n';
        return 0;
    }
    for (const Subcommand &sub : kSubcommands) {
        if (arguments.at(1) == QLatin1String(sub.name)) {
            QStringList rest = arguments.mid(1);
            rest[0] = arguments.at(0) + QLatin1Char(' ') + rest.at(0);
            return sub.run(rest, out, err);
        }
    }
    err << "xmflowd: unknown subcommand '" << arguments.at(1) << "'\n";
    printUsage(err);
    return 2;
}

} // namespace xmflow::cli

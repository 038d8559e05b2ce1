// `impact` and `suggest` over a month of logs from a busy small office: 1,000,000 generated
// log lines, 50,000 distinct clients (tests/common/LogCorpus.h). Each phase runs in its own
// process so peak RSS (getrusage ru_maxrss) is that phase's own:
//
//   engine_impact_bench --write DIR     writes DIR/smtp-bench (plain) and two MailRoots
//   engine_impact_bench --impact DIR    reads the log, replays every client (catch-all delay edit)
//   engine_impact_bench --suggest DIR   reads the log, suggests spammers.tab lines
//
// bench/engine/impact-bench.sh runs the three. Target: each phase under 30 s.

#include "ImpactAnalysis.h"
#include "LogCorpus.h"
#include "SmtpLogReader.h"
#include "SpammerSuggester.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <sys/resource.h>

#include <cstdio>

using namespace xmflow;

namespace {

constexpr qint64 kLines = 1000000;
constexpr int kClients = 50000;

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

bool writeMailRoot(const QString &dir, const QByteArray &spammers)
{
    const QDir source(QStringLiteral(XMFLOW_CONFORMANCE_DIR "/base-mailroot"));
    QDir().mkpath(dir);
    for (const QString &name : source.entryList(QDir::Files)) {
        QFile::remove(QDir(dir).filePath(name));
        if (!QFile::copy(source.filePath(name), QDir(dir).filePath(name)))
            return false;
    }
    QFile f(QDir(dir).filePath(QStringLiteral("spammers.tab")));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.write(spammers);
    return true;
}

int write(const QString &dir)
{
    QDir().mkpath(dir);
    const testing::LogCorpus corpus = testing::LogCorpus::random(2026, kLines, kClients);
    QFile log(QDir(dir).filePath(QStringLiteral("smtp-bench")));
    if (!log.open(QIODevice::WriteOnly) || log.write(corpus.text()) != corpus.text().size())
        return 1;
    if (!writeMailRoot(QDir(dir).filePath(QStringLiteral("current")), "\"12.0.0.0/8\"\t\"code=1\"\n") ||
        !writeMailRoot(QDir(dir).filePath(QStringLiteral("proposed")),
                       "\"12.0.0.0/8\"\t\"code=1\"\n\"0.0.0.0/0\"\t\"code=-30\"\n"))
        return 1;
    std::printf("wrote %lld lines, %lld bytes\n", corpus.lineCount(), qint64(corpus.text().size()));
    return 0;
}

std::optional<model::MailRoot> load(const QString &dir)
{
    QString error;
    auto root = model::MailRoot::load(dir, &error);
    if (!root)
        std::fprintf(stderr, "%s\n", qPrintable(error));
    return root;
}

int run(const QString &dir, bool impact)
{
    QElapsedTimer timer;
    timer.start();
    engine::SmtpLogReader reader;
    reader.readFile(QDir(dir).filePath(QStringLiteral("smtp-bench")));
    const qint64 readMs = timer.elapsed();
    const auto current = load(QDir(dir).filePath(QStringLiteral("current")));
    if (!current)
        return 1;
    QString summary;
    if (impact) {
        const auto proposed = load(QDir(dir).filePath(QStringLiteral("proposed")));
        if (!proposed)
            return 1;
        const engine::ImpactReport report = engine::ImpactAnalysis::compare(
            engine::Policy::compile(*current), engine::Policy::compile(*proposed), reader.clients());
        summary = QStringLiteral("%1 transitions, %2 replays, %3 authenticated users delayed")
                      .arg(report.transitions.size())
                      .arg(report.replays)
                      .arg(report.authUsersDelayed());
    } else {
        const engine::SuggestReport report = engine::SpammerSuggester::run(*current, reader.clients(), {});
        summary = QStringLiteral("%1 suggestions, %2 refused")
                      .arg(report.suggestions.size())
                      .arg(report.refused.size());
    }
    const qint64 totalMs = timer.elapsed();
    std::printf(
        "%s: %lld lines, %lld clients; read %.2f s, total %.2f s, %.0f lines/s, peak RSS %ld MiB; %s\n",
        impact ? "impact" : "suggest", reader.linesRead(), qint64(reader.clients().size()), readMs / 1000.0,
        totalMs / 1000.0, reader.linesRead() / (totalMs / 1000.0), peakRssKb() / 1024, qPrintable(summary));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args.at(1) == QLatin1String("--write"))
        return write(args.at(2));
    if (args.size() == 3 && args.at(1) == QLatin1String("--impact"))
        return run(args.at(2), true);
    if (args.size() == 3 && args.at(1) == QLatin1String("--suggest"))
        return run(args.at(2), false);
    std::fprintf(stderr, "usage: engine_impact_bench --write|--impact|--suggest DIR\n");
    return 2;
}

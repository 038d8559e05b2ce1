#include "Impact.h"

#include "CommandParser.h"
#include "ImpactAnalysis.h"
#include "SmtpLogReader.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>

namespace xmflow::cli {

using namespace engine;

namespace {

constexpr qint64 kProgressMilliseconds = 500;

std::shared_ptr<const Policy> loadPolicy(const QString &dir, bool xmailCompat, QTextStream &err)
{
    QString error;
    const auto root = model::MailRoot::load(dir, &error);
    if (!root) {
        err << "impact: " << error << Qt::endl;
        return nullptr;
    }
    return Policy::compile(*root, PolicyOptions{xmailCompat});
}

} // namespace

bool readLogsWithProgress(SmtpLogReader &reader, const QStringList &paths, bool quiet, QTextStream &err,
                          const QString &command)
{
    QElapsedTimer timer;
    timer.start();
    qint64 shownAt = 0;
    reader.setProgress([&](qint64 lines, qint64 bytes, qint64 total) {
        if (!quiet && timer.elapsed() - shownAt >= kProgressMilliseconds) {
            shownAt = timer.elapsed();
            err << "\r" << command << ": reading logs: " << lines << " lines";
            if (total > 0)
                err << " (" << (bytes * 100 / total) << "%)";
            err.flush();
        }
        return true;
    });
    int unreadable = 0;
    for (const QString &path : paths)
        if (!reader.readFile(path))
            ++unreadable;
    if (!quiet && shownAt > 0)
        err << "\r" << command << ": read " << reader.linesRead() << " lines, " << reader.clients().size()
            << " clients" << Qt::endl;
    for (const LogProblem &p : reader.problems())
        if (p.kind == LogProblem::Kind::Unreadable)
            err << command << ": " << p.file << ": cannot be read: " << p.text << Qt::endl;
    if (reader.problemCount() > 0 && !quiet)
        err << command << ": " << reader.problemCount() << " log lines skipped (not smtp log records)"
            << Qt::endl;
    return unreadable < paths.size();
}

int runImpact(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Replay every client of XMail smtp logs (plain or gzip) under the current and a proposed MailRoot, "
        "and report what changes."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("mailroot"), QStringLiteral("The current MailRoot folder."), QStringLiteral("DIR")},
        {QStringLiteral("proposed"), QStringLiteral("The proposed MailRoot folder."), QStringLiteral("DIR")},
        {QStringLiteral("log"),
         QStringLiteral("An smtp log file (repeatable; more files may follow as arguments)."),
         QStringLiteral("FILE")},
        {QStringLiteral("json"), QStringLiteral("Print the report as JSON.")},
        {QStringLiteral("csv"), QStringLiteral("Print transitions and affected clients as CSV.")},
        {QStringLiteral("fail-on"),
         QStringLiteral(
             "Exit 1 when one of these happens: auth-delayed, auth-refused, auth-dropped, auth-changed, "
             "any, or KIND-to-KIND with accepted/delayed/refused/dropped (comma-separated)."),
         QStringLiteral("LIST")},
        {QStringLiteral("xmail-compat"),
         QStringLiteral("Both MailRoots as plain XMail 1.27 (no XMF- extensions).")},
        {QStringLiteral("quiet"), QStringLiteral("No progress on stderr.")},
    });
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("More smtp log files."),
                                 QStringLiteral("[FILE...]"));
    int exitCode = 0;
    if (!parseOrExplain(parser, arguments, out, err, &exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("mailroot")) || !parser.isSet(QStringLiteral("proposed"))) {
        err << "impact: --mailroot DIR and --proposed DIR are required" << Qt::endl;
        return 2;
    }
    const QStringList logs = parser.values(QStringLiteral("log")) + parser.positionalArguments();
    if (logs.isEmpty()) {
        err << "impact: at least one --log FILE is required" << Qt::endl;
        return 2;
    }
    if (parser.isSet(QStringLiteral("json")) && parser.isSet(QStringLiteral("csv"))) {
        err << "impact: --json and --csv exclude each other" << Qt::endl;
        return 2;
    }
    QStringList failOn;
    for (const QString &item : parser.values(QStringLiteral("fail-on")))
        failOn += item.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &category : std::as_const(failOn)) {
        if (!ImpactReport::isFailCategory(category)) {
            err << "impact: unknown --fail-on category '" << category << "'" << Qt::endl;
            return 2;
        }
    }
    const bool compat = parser.isSet(QStringLiteral("xmail-compat"));
    const auto current = loadPolicy(parser.value(QStringLiteral("mailroot")), compat, err);
    const auto proposed = loadPolicy(parser.value(QStringLiteral("proposed")), compat, err);
    if (!current || !proposed)
        return 2;

    const bool quiet = parser.isSet(QStringLiteral("quiet"));
    SmtpLogReader reader;
    if (!readLogsWithProgress(reader, logs, quiet, err, QStringLiteral("impact")))
        return 2;
    QElapsedTimer timer;
    timer.start();
    qint64 shownAt = 0;
    ImpactReport report =
        ImpactAnalysis::compare(current, proposed, reader.clients(), [&](int done, int total) {
            if (!quiet && (timer.elapsed() - shownAt >= kProgressMilliseconds || done == total)) {
                shownAt = timer.elapsed();
                err << "\rimpact: replaying clients: " << done << "/" << total;
                if (done == total)
                    err << '\n';
                err.flush();
            }
            return true;
        });
    report.linesRead = reader.linesRead();

    if (parser.isSet(QStringLiteral("json")))
        out << QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
    else if (parser.isSet(QStringLiteral("csv")))
        out << report.toCsv();
    else
        out << report.toText();
    out.flush();
    QStringList hit;
    for (const QString &category : std::as_const(failOn))
        if (report.hits(category))
            hit << category;
    if (!hit.isEmpty()) {
        err << "impact: failing on " << hit.join(QStringLiteral(", ")) << Qt::endl;
        return 1;
    }
    return 0;
}

} // namespace xmflow::cli

#include "Suggest.h"

#include "CommandParser.h"
#include "Impact.h"
#include "SpammerSuggester.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonDocument>
#include <QTimeZone>

namespace xmflow::cli {

using namespace engine;

namespace {

bool intOption(const QCommandLineParser &parser, const QString &name, int minimum, int *value,
               QTextStream &err)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int v = parser.value(name).toInt(&ok);
    if (!ok || v < minimum) {
        err << "suggest: --" << name << " needs a whole number of at least " << minimum << Qt::endl;
        return false;
    }
    *value = v;
    return true;
}

} // namespace

int runSuggest(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Propose spammers.tab lines from XMail smtp logs (plain or gzip): clients with enough weighted "
        "failures, "
        "grouped into /24 (/64) networks; never a network with an authenticated or good-mail address, a "
        "whitelisted or an own (smtprelay.tab) network."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("mailroot"), QStringLiteral("The MailRoot folder."), QStringLiteral("DIR")},
        {QStringLiteral("log"),
         QStringLiteral("An smtp log file (repeatable; more files may follow as arguments)."),
         QStringLiteral("FILE")},
        {QStringLiteral("days"), QStringLiteral("Count failures of the last N days (default 30)."),
         QStringLiteral("N")},
        {QStringLiteral("min-failures"),
         QStringLiteral("Weighted failures that make a client bad (default 5)."), QStringLiteral("K")},
        {QStringLiteral("weight"),
         QStringLiteral(
             "KIND=W for relay-denied, unknown-user, early-talker, auth-failure, dnsbl, rule-dropped "
             "(repeatable)."),
         QStringLiteral("KIND=W")},
        {QStringLiteral("style"), QStringLiteral("drop (code=1), delay (code=-N) or auth-only (code=0)."),
         QStringLiteral("STYLE"), QStringLiteral("drop")},
        {QStringLiteral("delay"), QStringLiteral("Seconds per command for --style delay (default 30)."),
         QStringLiteral("N")},
        {QStringLiteral("aggregate"),
         QStringLiteral("Bad addresses of one /24 (/64) that make a network line (default 3)."),
         QStringLiteral("N")},
        {QStringLiteral("expire-days"),
         QStringLiteral("Also list earlier suggested lines no log record hit for M days."),
         QStringLiteral("M")},
        {QStringLiteral("now"),
         QStringLiteral("The end of the window, 'YYYY-MM-DD HH:MM:SS' (default: the newest log record)."),
         QStringLiteral("TIME")},
        {QStringLiteral("own"),
         QStringLiteral("A network of the server's own, never proposed (repeatable; this machine's interface "
                        "networks, smtprelay.tab and loopback always count)."),
         QStringLiteral("ADDR/BITS")},
        {QStringLiteral("no-local-networks"),
         QStringLiteral("Do not count this machine's interface networks as the server's own (when the logs "
                        "come from another host).")},
        {QStringLiteral("xmail-compat"), QStringLiteral("Read the MailRoot as plain XMail 1.27.")},
        {QStringLiteral("json"), QStringLiteral("Print the suggestions as JSON.")},
        {QStringLiteral("quiet"), QStringLiteral("No progress on stderr.")},
    });
    parser.addPositionalArgument(QStringLiteral("files"), QStringLiteral("More smtp log files."),
                                 QStringLiteral("[FILE...]"));
    int exitCode = 0;
    if (!parseOrExplain(parser, arguments, out, err, &exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("mailroot"))) {
        err << "suggest: --mailroot DIR is required" << Qt::endl;
        return 2;
    }
    const QStringList logs = parser.values(QStringLiteral("log")) + parser.positionalArguments();
    if (logs.isEmpty()) {
        err << "suggest: at least one --log FILE is required" << Qt::endl;
        return 2;
    }
    SuggestOptions options;
    if (!intOption(parser, QStringLiteral("days"), 1, &options.days, err) ||
        !intOption(parser, QStringLiteral("min-failures"), 1, &options.minScore, err) ||
        !intOption(parser, QStringLiteral("delay"), 1, &options.delaySeconds, err) ||
        !intOption(parser, QStringLiteral("aggregate"), 1, &options.aggregateMin, err) ||
        !intOption(parser, QStringLiteral("expire-days"), 0, &options.expireDays, err))
        return 2;
    const auto style = SuggestOptions::styleFromName(parser.value(QStringLiteral("style")));
    if (!style) {
        err << "suggest: --style is drop, delay or auth-only" << Qt::endl;
        return 2;
    }
    options.style = *style;
    if (!parser.isSet(QStringLiteral("no-local-networks")))
        options.ownNetworks = SuggestOptions::localNetworks();
    for (const QString &item : parser.values(QStringLiteral("own"))) {
        const auto address = model::IpAddress::parse(item.section(QLatin1Char('/'), 0, 0));
        bool ok = !item.contains(QLatin1Char('/'));
        const int bits =
            ok ? (address && address->v6 ? 128 : 32) : item.section(QLatin1Char('/'), 1).toInt(&ok);
        if (!address || !ok || bits < 0 || bits > (address->v6 ? 128 : 32)) {
            err << "suggest: --own needs ADDR or ADDR/BITS, e.g. 192.168.1.0/24, not '" << item << "'"
                << Qt::endl;
            return 2;
        }
        options.ownNetworks << model::AddressFilter::fromPrefix(*address, bits);
    }
    for (const QString &item : parser.values(QStringLiteral("weight"))) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const auto kind = failureKindFromName(item.left(eq));
        bool ok = false;
        const int weight = item.mid(eq + 1).toInt(&ok);
        if (eq <= 0 || !kind || !ok || weight < 0) {
            err << "suggest: --weight KIND=W, KIND one of relay-denied, unknown-user, early-talker, "
                   "auth-failure, "
                   "dnsbl, rule-dropped"
                << Qt::endl;
            return 2;
        }
        options.weights[size_t(*kind)] = weight;
    }
    if (parser.isSet(QStringLiteral("now"))) {
        QDateTime now =
            QDateTime::fromString(parser.value(QStringLiteral("now")), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        if (!now.isValid()) {
            err << "suggest: --now needs 'YYYY-MM-DD HH:MM:SS'" << Qt::endl;
            return 2;
        }
        now.setTimeSpec(Qt::UTC); // log times are compared as written
        options.now = now.toSecsSinceEpoch();
    }
    options.policy.xmailCompat = parser.isSet(QStringLiteral("xmail-compat"));
    QString error;
    const auto root = model::MailRoot::load(parser.value(QStringLiteral("mailroot")), &error);
    if (!root) {
        err << "suggest: " << error << Qt::endl;
        return 2;
    }
    SmtpLogReader reader;
    if (!readLogsWithProgress(reader, logs, parser.isSet(QStringLiteral("quiet")), err,
                              QStringLiteral("suggest")))
        return 2;
    const SuggestReport report = SpammerSuggester::run(*root, reader.clients(), options);
    if (parser.isSet(QStringLiteral("json")))
        out << QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
    else
        out << report.toTabLines();
    return 0;
}

} // namespace xmflow::cli

#include "Simulate.h"

#include "CommandParser.h"
#include "NetworkResolver.h"
#include "Simulator.h"
#include "Stages.h"

#include <QCommandLineParser>
#include <QJsonDocument>

namespace xmflow::cli {

using namespace engine;

namespace {

std::optional<Endpoint> parseEndpoint(const QString &text)
{
    // ADDR:PORT, [v6]:PORT, or a bare port.
    Endpoint endpoint;
    endpoint.address = model::IpAddress::fromV4(0x7f000001);
    QString host = text;
    QString port;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        host = text.mid(1, close - 1);
        port = text.mid(close + 2);
    } else if (text.count(QLatin1Char(':')) == 1) {
        host = text.section(QLatin1Char(':'), 0, 0);
        port = text.section(QLatin1Char(':'), 1);
    } else if (!text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char(':'))) {
        host.clear();
        port = text;
    }
    if (!host.isEmpty()) {
        const auto ip = model::IpAddress::parse(host);
        if (!ip)
            return std::nullopt;
        endpoint.address = *ip;
    }
    if (!port.isEmpty()) {
        bool ok = false;
        const uint value = port.toUInt(&ok);
        if (!ok || value == 0 || value > 65535)
            return std::nullopt;
        endpoint.port = quint16(value);
    }
    return endpoint;
}

} // namespace

int runSimulate(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Simulate a client session against a MailRoot's policy."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("mailroot"), QStringLiteral("The MailRoot folder."), QStringLiteral("DIR")},
        {QStringLiteral("peer"), QStringLiteral("The client's IP address."), QStringLiteral("IP")},
        {QStringLiteral("local"),
         QStringLiteral("The listener the client connects to (default 127.0.0.1:25)."),
         QStringLiteral("ADDR:PORT")},
        {QStringLiteral("script"),
         QStringLiteral("The client script: %1 (default plain).")
             .arg(Simulator::scriptNames().join(QStringLiteral(", "))),
         QStringLiteral("NAME"), QStringLiteral("plain")},
        {QStringLiteral("auth"),
         QStringLiteral("Credentials the auth script uses (default alice@example.test:wonderland)."),
         QStringLiteral("USER:PASS")},
        {QStringLiteral("assume-listed"),
         QStringLiteral("Assume the peer is listed in the CustMapsList map ROOT."), QStringLiteral("ROOT")},
        {QStringLiteral("assume-rdns"), QStringLiteral("Assume the peer's PTR answer (or 'none')."),
         QStringLiteral("NAME|none")},
        {QStringLiteral("dns-server"),
         QStringLiteral("DNS servers for live lookups, ADDR[:PORT][/tcp|/udp],... (default: SmartDNSHost, "
                        "else the system's)."),
         QStringLiteral("SERVERS")},
        {QStringLiteral("dns-timeout"),
         QStringLiteral(
             "Per-query DNS timeout; a DNSBL that does not answer counts as not listed (default 5000)."),
         QStringLiteral("MS"), QStringLiteral("5000")},
        {QStringLiteral("xmail-compat"),
         QStringLiteral("Ignore every XMF- extension, to predict a plain XMail 1.27.")},
        {QStringLiteral("retry-after"),
         QStringLiteral("Greylisting: play the script, wait SECONDS, play it again (the retry)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("json"), QStringLiteral("Print one JSON object.")},
    });
    int exitCode = 0;
    if (!parseOrExplain(parser, arguments, out, err, &exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("mailroot")) || !parser.isSet(QStringLiteral("peer"))) {
        err << "simulate: --mailroot DIR and --peer IP are required" << Qt::endl;
        return 2;
    }
    const auto peer = model::IpAddress::parse(parser.value(QStringLiteral("peer")));
    if (!peer) {
        err << "simulate: '" << parser.value(QStringLiteral("peer")) << "' is not an IP address" << Qt::endl;
        return 2;
    }
    SimulationRequest request;
    request.peer = *peer;
    const auto local =
        parseEndpoint(parser.isSet(QStringLiteral("local")) ? parser.value(QStringLiteral("local"))
                                                            : QStringLiteral("127.0.0.1:25"));
    if (!local) {
        err << "simulate: '" << parser.value(QStringLiteral("local")) << "' is not ADDR:PORT" << Qt::endl;
        return 2;
    }
    request.local = *local;
    if (parser.isSet(QStringLiteral("retry-after"))) {
        bool ok = false;
        request.retryAfterSeconds = parser.value(QStringLiteral("retry-after")).toInt(&ok);
        if (!ok || request.retryAfterSeconds < 0) {
            err << "simulate: --retry-after takes seconds" << Qt::endl;
            return 2;
        }
    }
    request.script = parser.value(QStringLiteral("script"));
    if (!Simulator::isScript(request.script)) {
        err << "simulate: unknown script '" << request.script
            << "' (scripts: " << Simulator::scriptNames().join(QStringLiteral(", ")) << ")" << Qt::endl;
        return 2;
    }
    if (parser.isSet(QStringLiteral("auth"))) {
        const QString credentials = parser.value(QStringLiteral("auth"));
        const qsizetype colon = credentials.indexOf(QLatin1Char(':'));
        if (colon <= 0) {
            err << "simulate: --auth takes USER:PASS" << Qt::endl;
            return 2;
        }
        request.user = credentials.left(colon);
        request.password = credentials.mid(colon + 1);
    }
    AssumedDns assumed;
    assumed.listedRoots = parser.values(QStringLiteral("assume-listed"));
    if (parser.isSet(QStringLiteral("assume-rdns"))) {
        const QString name = parser.value(QStringLiteral("assume-rdns"));
        assumed.ptrName = name.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0 ? QString() : name;
    }
    applyAssumedDns(request, assumed);

    QString error;
    const auto root = model::MailRoot::load(parser.value(QStringLiteral("mailroot")), &error);
    if (!root) {
        err << "simulate: " << error << Qt::endl;
        return 1;
    }
    PolicyOptions options;
    options.xmailCompat = parser.isSet(QStringLiteral("xmail-compat"));
    const auto policy = Policy::compile(*root, options);
    // Without --assume-*, DNS is asked for real: --dns-server, else SmartDNSHost, else the system's servers.
    NetworkResolver resolver;
    if (!request.dnsAssumed) {
        bool ok = false;
        const int timeout = parser.value(QStringLiteral("dns-timeout")).toInt(&ok);
        if (!ok || timeout <= 0) {
            err << "simulate: --dns-timeout takes milliseconds" << Qt::endl;
            return 2;
        }
        resolver.setTimeoutMs(timeout);
        if (parser.isSet(QStringLiteral("dns-server"))) {
            const DnsServerList servers = parseDnsServerOption(parser.value(QStringLiteral("dns-server")));
            if (!servers.problems.isEmpty()) {
                err << "simulate: --dns-server: " << servers.problems.join(QStringLiteral("; ")) << Qt::endl;
                return 2;
            }
            resolver.setServers(servers.servers);
        } else if (policy->settings().smartDnsHost) {
            const DnsServerList servers = smartDnsServers(policy->settings());
            for (const QString &problem : servers.problems)
                err << "simulate: warning: " << problem << Qt::endl;
            resolver.setServers(servers.servers);
        }
        request.resolver = &resolver;
    }
    const SimulationResult result = Simulator::run(policy, request);

    if (parser.isSet(QStringLiteral("json"))) {
        out << QJsonDocument(result.toJson()).toJson(QJsonDocument::Indented);
        return 0;
    }
    out << "Peer " << request.peer.toString() << " -> " << request.local.address.toString() << ':'
        << request.local.port << ", script " << request.script
        << (options.xmailCompat ? ", XMail 1.27 compatible" : ", with xmflow extensions")
        << '\n';
    auto printTranscript = [&out](const char *title, const SimulationResult &visit) {
        out << '\n' << title << ":\n";
        out << QStringLiteral("  %1 %2 %3 %4  %5\n")
                   .arg(QStringLiteral("time"), 5)
                   .arg(QStringLiteral("delay"), 5)
                   .arg(QStringLiteral("step"), -10)
                   .arg(QStringLiteral("code"), 4)
                   .arg(QStringLiteral("reply"));
        for (const SimulationStep &s : visit.steps)
            out << QStringLiteral("  %1 %2 %3 %4  %5\n")
                       .arg(QStringLiteral("%1s").arg(s.time), 5)
                       .arg(QStringLiteral("%1s").arg(s.delay), 5)
                       .arg(s.step, -10)
                       .arg(s.code == 0 ? QStringLiteral("---") : QString::number(s.code), 4)
                       .arg(s.code == 0 ? QStringLiteral("(connection closed)") : s.reply);
        if (!visit.greylist.isEmpty())
            out << "  greylisting: " << visit.greylist.join(QStringLiteral(", ")) << '\n';
    };
    if (result.firstVisit) {
        printTranscript("First visit", *result.firstVisit);
        out << "\n(the client retries " << result.retryAfterSeconds << " s later)\n";
        printTranscript("Retry", result);
    } else {
        printTranscript("Transcript", result);
    }
    if (!result.dnsQueries.isEmpty()) {
        out << "\nDNS queries:\n";
        for (const DnsLookupResult &q : result.dnsQueries)
            out << "  " << q.traceLine() << '\n';
    }
    out << "\nDecision trace:\n";
    for (const TraceEntry &e : result.verdict.trace) {
        const StageInfo *stage = findStage(e.stage);
        out << QStringLiteral("  %1 %2 %3")
                   .arg(stage ? stage->title.en : e.stage, -32)
                   .arg(traceOutcomeName(e.outcome), -15)
                   .arg(e.effect.en);
        if (!e.file.isEmpty())
            out << "  [" << (e.line > 0 ? e.file + QLatin1Char(':') + QString::number(e.line) : e.file)
                << (e.lineText.isEmpty() ? QString() : QStringLiteral(": ") + e.lineText) << ']';
        out << '\n';
    }
    out << "\nTotal: " << result.totalSeconds << " s" << (result.authenticated ? ", authenticated" : "")
        << '\n';
    return 0;
}

} // namespace xmflow::cli

#include "Serve.h"

#include "Daemon.h"
#include "Privileges.h"

#include <QCoreApplication>
#include <QTextStream>

#include <sys/stat.h>

namespace xmflow::cli {

namespace {

void printHelp(QTextStream &out)
{
    out << "Usage: xmflowd serve --mailroot DIR [--listen ADDR:PORT]... [--events] [options]\n\n"
           "A real SMTP daemon enforcing the MailRoot's XMail 1.27 policy (plus XMF- extensions).\n\n"
           "  --mailroot DIR         the XMail MailRoot (tables, server.cert/.key, domains/, spool/)\n"
           "  --listen ADDR:PORT     listen address; repeatable; [v6]:PORT for IPv6 (default 127.0.0.1:2525);\n"
           "                         ADDR:PORT,tls: implicit TLS from the first byte (RFC 8314, port 465)\n"
           "  --user NAME            started as root: bind the ports, then become NAME (and its groups)\n"
           "                         before reading the MailRoot; required when started as root\n"
           "  --events               one JSON event per line on stdout\n"
           "  --xmail-compat         ignore every XMF- extension\n"
           "  --timeout SECONDS      idle session timeout (default 90, XMail -St)\n"
           "  --max-sessions N       concurrent sessions; beyond it a 421 (default 15000, lowered to what\n"
           "                         the descriptor limit allows; the soft limit is raised to the hard one)\n"
           "  --descriptor-limit N   started as root: raise the hard descriptor limit to N first (as nginx's\n"
           "                         worker_rlimit_nofile; needs CAP_SYS_RESOURCE; LimitNOFILE= under systemd)\n"
           "  --max-session-time S   a session's longest life, however busy; then 421 (default 3600, 0 = "
           "none)\n"
           "  --grace SECONDS        SIGTERM: time live sessions get to finish (default 30)\n"
           "  --dns-server ADDR[:PORT][/tcp],...  DNS servers for every lookup (default: SmartDNSHost, else system)\n"
           "  --dns-timeout MS       DNS timeout; a late answer counts as not listed (default 5000)\n"
           "  --relay-retry SECONDS  first relay retry, doubling after each failure (default 60)\n"
           "  --relay-max-retry S    longest retry interval (default 3600)\n"
           "  --relay-max-age S      bounce relayed mail still undelivered after this (default 432000)\n"
           "  --relay-timeout S      relay SMTP client timeout per step (default 60)\n"
           "  --relay-connections N  connections kept to the gateway, each reused (default 8)\n"
           "  --delivery-threads N   threads writing Maildir/spool files (default 16)\n"
           "  --no-fsync             do not fsync (benchmarks only: 250 no longer means durable)\n"
           "server.tab XMF-MaxSessionsPerIP (default 50, 0 = none) caps the sessions of one client\n"
           "address (421 4.7.0 beyond it; WhiteList peers in smtp.ipprop.tab are exempt), --xmail-compat "
           "too.\n"
           "Signals: SIGHUP reloads the tables (also reloaded on change); SIGTERM stops cleanly.\n";
}

} // namespace

int runServe(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    daemon::ServeOptions options;
    auto intArg = [&](int &i, int *target, const QString &name) {
        if (i + 1 >= arguments.size()) {
            err << "xmflowd serve: " << name << " needs a value\n";
            return false;
        }
        bool ok = false;
        const int v = arguments.at(++i).toInt(&ok);
        if (!ok || v < 0) {
            err << "xmflowd serve: " << name << ": '" << arguments.at(i) << "' is not a non-negative number\n";
            return false;
        }
        *target = v;
        return true;
    };
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            printHelp(out);
            return 0;
        } else if (a == QLatin1String("--mailroot") && i + 1 < arguments.size()) {
            options.mailRoot = arguments.at(++i);
        } else if (a == QLatin1String("--listen") && i + 1 < arguments.size()) {
            daemon::ListenAddress address;
            QString error;
            if (!daemon::parseListenAddress(arguments.at(++i), &address, &error)) {
                err << "xmflowd serve: --listen " << error << '\n';
                return 2;
            }
            options.listen << address;
        } else if (a == QLatin1String("--events")) {
            options.events = true;
        } else if (a == QLatin1String("--xmail-compat")) {
            options.xmailCompat = true;
        } else if (a == QLatin1String("--no-fsync")) {
            options.noFsync = true;
        } else if (a == QLatin1String("--user") && i + 1 < arguments.size()) {
            options.user = arguments.at(++i);
        } else if (a == QLatin1String("--dns-server") && i + 1 < arguments.size()) {
            options.dnsServer = arguments.at(++i);
        } else if (a == QLatin1String("--timeout")) {
            if (!intArg(i, &options.idleTimeoutSeconds, a))
                return 2;
        } else if (a == QLatin1String("--max-sessions")) {
            if (!intArg(i, &options.maxSessions, a))
                return 2;
        } else if (a == QLatin1String("--descriptor-limit")) {
            if (!intArg(i, &options.descriptorLimit, a))
                return 2;
        } else if (a == QLatin1String("--max-session-time")) {
            if (!intArg(i, &options.maxSessionSeconds, a))
                return 2;
        } else if (a == QLatin1String("--grace")) {
            if (!intArg(i, &options.graceSeconds, a))
                return 2;
        } else if (a == QLatin1String("--dns-timeout")) {
            if (!intArg(i, &options.dnsTimeoutMs, a))
                return 2;
        } else if (a == QLatin1String("--relay-retry")) {
            if (!intArg(i, &options.relayRetrySeconds, a))
                return 2;
        } else if (a == QLatin1String("--relay-max-retry")) {
            if (!intArg(i, &options.relayMaxRetrySeconds, a))
                return 2;
        } else if (a == QLatin1String("--relay-max-age")) {
            if (!intArg(i, &options.relayMaxAgeSeconds, a))
                return 2;
        } else if (a == QLatin1String("--relay-timeout")) {
            if (!intArg(i, &options.relayTimeoutSeconds, a))
                return 2;
        } else if (a == QLatin1String("--relay-connections")) {
            if (!intArg(i, &options.relayConcurrency, a) || options.relayConcurrency < 1) {
                err << "xmflowd serve: --relay-connections needs a number of at least 1\n";
                return 2;
            }
        } else if (a == QLatin1String("--delivery-threads")) {
            if (!intArg(i, &options.deliveryThreads, a))
                return 2;
        } else {
            err << "xmflowd serve: unknown or incomplete option '" << a << "'\n";
            printHelp(err);
            return 2;
        }
    }
    if (options.mailRoot.isEmpty()) {
        err << "xmflowd serve: --mailroot DIR is required\n";
        return 2;
    }
    if (daemon::PrivilegeDrop::rootWithoutUser(options.user)) {
        err << "xmflowd serve: refusing to run as root without --user: give --user NAME (the account that owns\n"
               "the MailRoot, e.g. --user xmflowd); the ports are bound first, then root is given up\n";
        return 1;
    }
    if (!QCoreApplication::instance()) {
        err << "xmflowd serve: no QCoreApplication\n";
        return 1;
    }
    // Spool, Maildir and log files are the daemon's alone, whatever umask it was started
    // with: a local user must not be able to plant a spool entry the relay would send.
    ::umask(077);
    daemon::Daemon daemon(options, err);
    QString error;
    if (!daemon.start(&error)) {
        err << "xmflowd serve: " << error << '\n';
        err.flush();
        return 1;
    }
    out.flush();
    err.flush();
    return QCoreApplication::exec();
}

} // namespace xmflow::cli

#pragma once
// Asynchronous DNS for the connect-time checks (CustMapsList, SMTP-RDNSCheck,
// smtp.hnprop.tab) and CheckMailerDomain, behind an interface so the daemon,
// the simulator and the tests share one way of asking. NetworkResolver.h has
// the real one.

#include "DnsAnswer.h"
#include "Policy.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace xmflow::engine {

// One DNS server to ask.
struct DnsServer {
    QHostAddress address;
    quint16 port = 53;
    bool tcp = false;
    QString text() const; // "127.0.0.153:53/udp", "[::1]:5353/tcp"
    bool operator==(const DnsServer &other) const
    {
        return address == other.address && port == other.port && tcp == other.tcp;
    }
};

struct DnsServerList {
    QList<DnsServer> servers;
    QStringList problems; // what could not be used, for the daemon's log
    // The same, for check (SmartDNSHost only):
    bool syntaxError = false;    // fewer than two tokens: XMail 1.27 rejects the value
    QStringList unusableHosts;   // not IP addresses
    QString hostWithoutProtocol; // a last host with no ":tcp|udp", ignored by XMail
};

// XMail's SmartDNSHost, "host:tcp|udp,host:tcp|udp,...": split on ',' and ':'
// into (host, protocol) pairs; "tcp" (any case) is TCP, anything else UDP; the
// port is always 53. Hosts must be IP addresses here (XMail would look names up).
DnsServerList parseSmartDnsHost(const QString &value);
// The servers SmartDNSHost names (empty when it is not set): what simulate,
// check and serve ask when no --dns-server is given.
DnsServerList smartDnsServers(const PolicySettings &settings);
// The --dns-server option: "ADDR[:PORT][/tcp|/udp]", IPv6 as "[ADDR]:PORT", several separated by ','.
DnsServerList parseDnsServerOption(const QString &value);

// One finished query, as the trace shows it.
struct DnsLookupResult {
    DnsQueryKind kind = DnsQueryKind::Dnsbl;
    QString name; // the name asked for
    DnsAnswer answer;
    QString server; // who answered: "127.0.0.153:53/udp", "system", "assumed"
    qint64 elapsedMs = 0;
    bool cached = false;
    // "A 1.40.0.127.bl.example.test @127.0.0.153:53/udp: listed (127.0.0.2), 2 ms"
    QString traceLine() const;
};

class Resolver : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const DnsLookupResult &)>;
    using QObject::QObject;
    // Calls `done` exactly once, from the event loop (never from inside lookup()),
    // unless `context` is destroyed first.
    virtual void lookup(DnsQueryKind kind, const QString &name, QObject *context, Callback done) = 0;
};

// The connect-time DNS work: one DNSBL query per CustMapsList root (all at
// once: the Policy still lets the first listing map in list order decide) and
// the PTR when asked.
struct ConnectDnsResult {
    DnsAnswers answers;
    QList<DnsLookupResult> queries; // in the order they were asked
};
// confirmPtr: a PTR name found is then looked up (A or AAAA) to see whether it points
// back to the peer (DnsAnswers::ptrConfirmed).
void resolveConnectDns(Resolver &resolver, const IpAddress &peer, const QStringList &mapRoots, bool wantPtr,
                       bool confirmPtr, QObject *context, std::function<void(const ConnectDnsResult &)> done);

// CheckMailerDomain as XMail 1.27 asks: MX first, then A and AAAA.
struct MailerDomainCheck {
    MailerDomainResult result;
    QList<DnsLookupResult> queries;
};
void resolveMailerDomain(Resolver &resolver, const QString &domain, QObject *context,
                         std::function<void(const MailerDomainCheck &)> done);

} // namespace xmflow::engine

#pragma once

#include "Policy.h"
#include "Resolver.h"
#include "SmtpSession.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace xmflow::engine {

// A clock the simulator advances by the delays the session asks for.
class VirtualClock : public Clock
{
public:
    explicit VirtualClock(const QDateTime &start = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC))
        : m_now(start)
    {
    }
    QDateTime now() const override { return m_now; }
    void advance(int seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now;
};

struct SimulationRequest {
    IpAddress peer;
    Endpoint local;
    QString script = QStringLiteral("plain");
    QString user = QStringLiteral("alice@example.test"); // for the auth scripts
    QString password = QStringLiteral("wonderland");
    DnsAnswers dns;
    bool dnsAssumed = false; // answers come from --assume-*: nothing else resolves
    // Live DNS when nothing is assumed (the connect checks and CheckMailerDomain);
    // without one the connect checks use `dns` and CheckMailerDomain lets the sender pass.
    Resolver *resolver = nullptr;
    // Greylisting: play the script once (the first visit), wait this many seconds after
    // it, and play it again; the result is the retry, with the first visit attached.
    int retryAfterSeconds = -1;
};

// DNS answers taken as given instead of asked, as simulate's --assume-listed
// and --assume-rdns state them (SPEC §4).
struct AssumedDns {
    QStringList listedRoots;        // CustMapsList roots that list the peer (any case, trailing dot allowed)
    std::optional<QString> ptrName; // the PTR answer; "" = no PTR record
    bool isEmpty() const { return listedRoots.isEmpty() && !ptrName; }
};

// Sets the request's DNS answers as `xmflowd simulate` does from --assume-*: once
// one answer is assumed nothing is resolved, and every map not named counts as
// not listed.
void applyAssumedDns(SimulationRequest &request, const AssumedDns &assumed);
// True when the connect checks of `policy` ask DNS about `peer` (CustMapsList,
// SMTP-RDNSCheck, smtp.hnprop.tab). Without live DNS (the GUI), such a peer is
// simulated with "--assume-rdns none" unless something else is assumed.
bool needsDnsAnswers(const Policy &policy, const IpAddress &peer);

struct SimulationStep {
    QString step;     // "banner", "EHLO", "MAIL FROM", "BODY", ...
    QString send;     // the line the client sent ("" for the banner)
    int code = 0;     // reply code; 0 when the server closed instead
    int delay = 0;    // seconds from sending to the reply
    QString reply;    // reply text (last line for multi-line replies)
    qint64 time = 0;  // seconds since connect when the reply arrived
    QString greylist; // a RCPT greylisting judged: its outcome ("greylisted", "retried", ...)
    // A RCPT a greylisting whitelist let through: why, and the line that did it.
    LocalizedText greylistExemption;
    QString greylistFile;
    int greylistLine = 0;
};

struct SimulationResult {
    ConnectVerdict verdict;
    QList<SimulationStep> steps;
    bool authenticated = false;
    qint64 totalSeconds = 0;
    QList<DnsLookupResult> dnsQueries;            // every query the live resolver answered, in order
    QStringList greylist;                         // greylisting's outcome at each RCPT it judged, in order
    std::shared_ptr<SimulationResult> firstVisit; // with retryAfterSeconds: the first try
    int retryAfterSeconds = -1;
    QJsonObject toJson() const;
};

// Runs one of conformance/README.md's client scripts through the real session
// machine on a virtual clock.
class Simulator
{
public:
    static QStringList scriptNames();
    static bool isScript(const QString &name);
    static SimulationResult run(const std::shared_ptr<const Policy> &policy,
                                const SimulationRequest &request);
};

QString traceOutcomeName(TraceOutcome outcome);

} // namespace xmflow::engine

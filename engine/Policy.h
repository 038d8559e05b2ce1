#pragma once

#include "AddressFilter.h"
#include "Diagnostic.h"
#include "MailRoot.h"
#include "PolicySettings.h"

#include <QSet>
#include <QString>

#include <memory>
#include <optional>

namespace xmflow::engine {

using model::IpAddress;
using model::LocalizedText;

struct Endpoint {
    IpAddress address;
    quint16 port = 25;
};

// What DNS said about a peer. Root names are lower-case without a trailing dot.
struct DnsAnswers {
    QSet<QString> listedIn;         // CustMapsList roots that list the peer
    QSet<QString> timedOut;         // roots whose query timed out (counted as not listed)
    std::optional<QString> ptrName; // the PTR answer; empty when there is none
    bool ptrLooked = false;         // a PTR answer (or its absence) is known
    // The PTR name's A/AAAA records include the peer (forward-confirmed), or the name is
    // assumed (simulate --assume-rdns). Greylisting trusts only such a name: anyone can
    // set the PTR of their own addresses to mail.google.com.
    bool ptrConfirmed = false;
};

enum class TraceOutcome { NoMatch, Matched, Skipped, NotConfigured };

// One stage of the decision, as the trace reports it.
struct TraceEntry {
    QString stage; // a StageIds value
    TraceOutcome outcome = TraceOutcome::NoMatch;
    QString file;         // the deciding rule's file ("" when none)
    int line = 0;         // its 1-based line
    QString lineText;     // the line as written
    LocalizedText effect; // what the stage did
    int delaySeconds = 0; // delay this stage asks for
    QString exit;         // the StageExit id taken
};

// The listener options that apply to one (address, port), SmtpConfig* plus XMF- ones.
struct ListenerOptions {
    bool mailAuth = false;
    bool wantTls = false;
    bool noDelay = false;     // XMF: no delay on this listener
    bool delayAtMail = false; // XMF: DelayStart=mail here
    int greetPause = -1;      // XMF: -1 = use XMF-GreetPause
    QString sourceVariable;   // the server.tab variable the options came from
};

// The outcome of the connect-time pipeline for one peer.
struct ConnectVerdict {
    bool drop = false;
    int dropCode = 0;         // reply code sent before closing
    QString dropReply;        // full reply line, without CRLF
    QString logStatus;        // "EIPBAN", "EIPSPAM", "EIPMAP (root)", ...
    int delaySeconds = 0;     // per-command delay, maximum of every delaying stage
    bool delayAtMail = false; // XMF-DelayStart=mail: delay starts at MAIL FROM
    int greetPause = 0;       // XMF-GreetPause seconds before the banner (0: none)
    // Flags that refuse MAIL FROM until AUTH succeeds.
    bool blocked = false;  // spammers.tab code=0
    bool mapped = false;   // CustMapsList code 0
    bool noRdns = false;   // SMTP-RDNSCheck=1 without PTR
    bool ipMapped = false; // ipmap DENY with drop code 0: set, never enforced by XMail 1.27
    QString blockedReply;  // reply for the blocked flag (SmtpMsgIPBanSpammers or 551)
    // smtp.ipprop.tab / smtp.hnprop.tab properties of the peer.
    bool whiteListed = false;
    bool noAuth = false;
    bool senderDomainCheck = true;
    bool easeTls = false;
    bool enableVrfy = false;
    bool enableEtrn = false;
    QString ptrName;           // the peer's PTR answer ("" when none or not asked)
    bool ptrConfirmed = false; // DnsAnswers::ptrConfirmed
    // The name greylisting's whitelist and pools go by: the PTR name when forward-confirmed.
    QString trustedPtrName() const { return ptrConfirmed ? ptrName : QString(); }
    ListenerOptions listener;
    QList<TraceEntry> trace;
};

// What an XMail-compatible AUTH check found.
struct AuthAccount {
    QString user;        // as the client gave it
    QString permissions; // M R V T Z S letters
};

struct PolicyOptions {
    bool xmailCompat = false; // ignore every XMF- extension
};

// An immutable, indexed snapshot of a MailRoot's policy. Shared by every session,
// the simulator, the flowchart and lint; a reload builds a new one.
class Policy
{
public:
    static std::shared_ptr<const Policy> compile(const model::MailRoot &root, PolicyOptions options = {});
    ~Policy();

    const model::MailRoot &mailRoot() const;
    const PolicyOptions &options() const;
    // Every server.tab variable the engine acts on, read once by compile().
    const PolicySettings &settings() const;

    // DNS work the connect pipeline needs for this peer (empty: none).
    QStringList mapRoots() const; // CustMapsList roots in list order
    bool needsPtr(const IpAddress &peer) const;

    // withTrace=false skips building the trace texts: the daemon's hot path needs the verdict only.
    ConnectVerdict evaluate(const IpAddress &peer, const Endpoint &local, const DnsAnswers &dns,
                            bool withTrace = true) const;
    ListenerOptions listenerOptions(const Endpoint &local) const;
    // XMF-GreetPause, globally or on some listener: the daemon then keeps a pass cache.
    bool mayPauseGreeting() const;
    // Greylisting goes by the PTR name only once it is forward-confirmed (A/AAAA back to the peer).
    bool confirmsPtr() const;

    // Session checks.
    bool relayAllowed(const IpAddress &peer, int *line = nullptr) const;
    // The first smtp.ipprop.tab rule for the peer has WhiteList.
    bool ipWhiteListed(const IpAddress &peer) const;
    std::optional<int> spamAddressLine(const QString &mailFrom) const;
    bool isLocalDomain(const QString &domain) const;
    bool hasLocalUser(const QString &domain, const QString &user) const;
    // mailusers.tab (user@domain or user:domain) first, then smtpauth.tab.
    std::optional<AuthAccount> authenticate(const QString &user, const QString &password) const;
    std::optional<QString> passwordFor(const QString &user) const; // for CRAM-MD5
    std::optional<QString> permissionsFor(const QString &user) const;
    int maxErrors() const;
    qint64 maxMessageSize() const; // bytes, 0 = unlimited
    QString serverDomain() const;
    bool tlsAvailable() const;   // EnableSMTP-TLS and MailRoot/server.cert + server.key
    static QString serverName(); // "[xmflowd ESMTP Server]", used in banners
    // The xmflow extensions a SmtpConfig* variable relies on: "any-address" for the
    // SmtpConfig-0.0.0.0 / SmtpConfig-:: names, and the NoDelay, DelayStart and
    // GreetPause options. Empty for a variable XMail 1.27 reads the same way.
    static QStringList listenerExtensions(const QString &variableName, const QString &value);
    bool extensionsActive() const { return !options().xmailCompat; }

private:
    Policy();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace xmflow::engine

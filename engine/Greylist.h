#pragma once
// Greylisting (an xmflow extension) as pure functions: the keys a RCPT is judged by,
// and the decision from what the state store holds. postgrey's semantics (triplet of
// client network, normalised sender and recipient; delay, retry window, maximum age;
// auto-whitelisting of clients), plus sqlgrey's pools: a retry from another address
// whose PTR domain matches the first one passes.

#include "AddressFilter.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace xmflow::engine {

// The defaults are postgrey's (--delay 300, --retry-window 2d, --max-age 35d,
// --auto-whitelist-clients 5, /24 for IPv4) and /64 for IPv6.
struct GreylistSettings {
    bool enabled = false;
    int delaySeconds = 300;
    int retryWindowSeconds = 2 * 86400;
    int maxAgeSeconds = 35 * 86400;
    int ipv4PrefixLength = 24;
    int ipv6PrefixLength = 64;
    int autoWhitelistCount = 5; // passed retries before a client network is whitelisted; 0: never
};

// One write the store must carry out after a decision.
struct StoreWrite {
    enum class Kind { Set, Increment };
    Kind kind = Kind::Set;
    QByteArray key;
    QByteArray value; // Set only
    int ttlSeconds = 0;
};

struct GreylistKeys {
    QByteArray triplet; // client network, sender, recipient
    QByteArray pool;    // PTR domain, sender, recipient (empty without a PTR domain)
    QByteArray client;  // the client network's auto-whitelist counter
    QList<QByteArray> all() const;
};

// What the store held for the keys, in GreylistKeys::all() order.
struct GreylistRecords {
    std::optional<QByteArray> triplet;
    std::optional<QByteArray> pool;
    std::optional<QByteArray> client;
    static GreylistRecords fromValues(const GreylistKeys &keys,
                                      const QList<std::optional<QByteArray>> &values);
};

enum class GreylistOutcome {
    FirstSeen,       // 451: a new triplet
    TooEarly,        // 451: retried before the delay
    RetryExpired,    // 451: retried after the window, starts over
    Retried,         // pass: retried inside the window
    PoolRetried,     // pass: another address of the same PTR domain retried in the window
    Known,           // pass: this triplet passed before
    AutoWhitelisted, // pass: the client network passed autoWhitelistCount times
};

struct GreylistDecision {
    GreylistOutcome outcome = GreylistOutcome::FirstSeen;
    bool pass = false;
    int waitSeconds = 0; // for a 451: seconds until a retry can pass
    QList<StoreWrite> writes;
};

namespace greylist {

// The client's network, e.g. "192.0.2.0/24" or "2001:db8:1:2::/64".
QString clientNetwork(const model::IpAddress &peer, const GreylistSettings &settings);
// postgrey's sender normalisation: lower case, BATV "prvs=TAG=" unwrapped, "+ext"
// dropped from the local part, digit runs in the local part become '#' (VERP).
QString normalizeSender(const QString &sender);
// The registered domain of a PTR name: "mail-yw1-f170.google.com" -> "google.com",
// "p123.tokyo.ocn.ne.jp" -> "ocn.ne.jp" (Japanese second-level labels kept).
// Empty for no name, a single label or an address-literal-looking name.
QString ptrDomain(const QString &ptrName);
// True when ptrName is domain or a subdomain of it (case-insensitive, trailing dots ignored).
bool nameInDomain(const QString &ptrName, const QString &domain);

GreylistKeys keys(const model::IpAddress &peer, const QString &ptrName, const QString &sender,
                  const QString &recipient, const GreylistSettings &settings);
// The decision at RCPT for a client that no exemption covers, at `nowSeconds` (Unix time).
GreylistDecision decide(const GreylistKeys &keys, const GreylistRecords &records, qint64 nowSeconds,
                        const GreylistSettings &settings);

// "greylisted", "retried", "auto-whitelisted", ...: events, logs and the GUI's counters.
QString outcomeName(GreylistOutcome outcome);

// How a "greylist" event's detail starts when a whitelisted PTR domain let the client
// through, e.g. "exempt: PTR mail.google.com is in xmflow-greylist-whitelist.tab:3 (google.com)".
inline constexpr const char *kExemptPrefix = "exempt: ";

// The log status of a greylisted RCPT, in XMail's style.
inline constexpr const char *kLogStatus = "RCPT=EGREYLIST";

} // namespace greylist
} // namespace xmflow::engine

#pragma once

#include "ListenAddress.h"

#include <QList>
#include <QString>

namespace xmflow::daemon {

using engine::ListenAddress;
using engine::parseListenAddress;

// Everything `xmflowd serve` takes from its command line.
struct ServeOptions {
    QString mailRoot;
    QList<ListenAddress> listen;
    bool events = false;             // JSON lines on stdout
    bool xmailCompat = false;        // ignore XMF- extensions
    int idleTimeoutSeconds = 90;     // XMail -St
    int maxSessions = 15000;         // beyond: 421 and close (lowered to what the descriptor limit allows)
    int descriptorLimit = 0;         // --descriptor-limit: raise the hard RLIMIT_NOFILE to this (root)
    int maxSessionSeconds = 3600;    // a session's whole life, however active; 0: no limit
    int graceSeconds = 30;           // SIGTERM: time given to live sessions
    int reloadDebounceMs = 300;      // table-file change debounce
    int dnsTimeoutMs = 5000;         // a DNS query slower than this counts as "not listed"
    QString dnsServer;               // "ADDR[:PORT][/tcp],..." for every lookup (default: SmartDNSHost, else system)
    int relayRetrySeconds = 60;      // first retry; doubles up to relayMaxRetrySeconds
    int relayMaxRetrySeconds = 3600;
    int relayMaxAgeSeconds = 5 * 86400; // then a bounce
    int relayTimeoutSeconds = 60;    // per SMTP client step
    int relayConcurrency = 8;
    // Threads writing and syncing messages: they mostly wait on the disk, and syncs that
    // wait together share a journal commit. 16 beat 8 with 20 and 200 clients on ext4
    // with and without a journal; 32 helped with a journal and hurt without one.
    static constexpr int kDefaultDeliveryThreads = 16;
    int deliveryThreads = kDefaultDeliveryThreads;
    bool noFsync = false;            // benchmarks only: skip fsync
    QString user;            // --user: the account to become once the ports are bound
};

} // namespace xmflow::daemon

#pragma once

#include "DnsCache.h"
#include "Resolver.h"

#include <QHash>
#include <QPointer>

#include <functional>
#include <memory>

namespace xmflow::engine {

class CaresChannel;

// Real DNS over UDP and TCP through c-ares, on the Qt event loop.
//
// Why not QDnsLookup: Qt 6.4 runs each lookup as a blocking res_nsend() on a
// shared pool of 5 threads, so five queries to a DNSBL that does not answer
// hold every other lookup of the process for the resolver's full timeout
// (measured: 10 s), and it can neither pick a port nor use TCP.
//
// Servers are asked in order: a timeout, SERVFAIL, REFUSED or an unreadable
// answer moves on to the next one (as XMail walks SmartDNSHost); each gets
// an equal share of the query's timeout. Without servers the system's
// (/etc/resolv.conf) are used. Equal queries in flight are asked once; answers
// are cached for their TTL.
class NetworkResolver : public Resolver
{
    Q_OBJECT
public:
    explicit NetworkResolver(QObject *parent = nullptr);
    ~NetworkResolver() override;

    // Empty: the system's servers. Queries already asked finish on the old ones.
    void setServers(const QList<DnsServer> &servers);
    QList<DnsServer> servers() const { return m_servers; }
    QString serversText() const; // for logs: "127.0.0.153:53/udp" or "system (127.0.0.53:53)"
    void setTimeoutMs(int ms);
    int timeoutMs() const { return m_timeoutMs; }
    // Milliseconds of a monotonic clock; tests move it to expire cached answers.
    void setClock(std::function<qint64()> nowMs);
    DnsCache &cache() { return m_cache; }

    void lookup(DnsQueryKind kind, const QString &name, QObject *context, Callback done) override;

    struct Stats {
        qint64 lookups = 0;   // lookup() calls
        qint64 cacheHits = 0;
        qint64 coalesced = 0; // joined a query already in flight
        qint64 sent = 0;      // queries sent to a server (each server tried counts)
    };
    const Stats &stats() const { return m_stats; }

private:
    struct Waiter {
        QPointer<QObject> context;
        Callback done;
        qint64 startedMs = 0;
    };
    struct Transaction;
    void ensureChannels();
    void retireChannels();
    void attempt(const std::shared_ptr<Transaction> &t);
    void finish(const std::shared_ptr<Transaction> &t, const DnsReply &reply, const QString &server);
    void deliver(QList<Waiter> waiters, DnsLookupResult result);

    QList<DnsServer> m_servers;
    QList<CaresChannel *> m_channels; // one per server, or one for the system's
    int m_timeoutMs = 5000;
    std::function<qint64()> m_now;
    DnsCache m_cache;
    QHash<QString, std::shared_ptr<Transaction>> m_inFlight;
    Stats m_stats;
};

} // namespace xmflow::engine

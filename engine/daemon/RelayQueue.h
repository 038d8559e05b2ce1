#pragma once

#include "MessageStore.h"
#include "RelayClient.h"
#include "ServeOptions.h"

#include <QDateTime>
#include <QHash>
#include <QMultiMap>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>

namespace xmflow::engine {
class Policy;
}

namespace xmflow::daemon {

class DeliveryService;
class EventStream;

// Forwards the relay spool to DefaultSMTPGateways (or XMF-NextHop): retries with
// exponential back-off, bounces to the sender on a permanent failure or when the
// entry grows too old, and removes an entry only once every recipient is done.
// On start it resumes whatever a previous run left in the spool. Up to
// --relay-concurrency connections are kept to the gateway, each sending one entry
// after another (RelayClient), so a busy front does not open a connection per message.
class RelayQueue : public QObject
{
    Q_OBJECT
public:
    using PolicySource = std::function<std::shared_ptr<const engine::Policy>()>;
    RelayQueue(MessageStore *store, DeliveryService *delivery, const ServeOptions *options,
               PolicySource policy, EventStream *events, QObject *parent = nullptr);
    ~RelayQueue() override;

    void start(); // scan the spool
    void stop();  // abort attempts in flight (they stay in the spool)
    void enqueue(const QString &id);
    // A new entry whose envelope is known (bodyOffset >= 0): the relay does not read it back.
    void enqueueSpooled(const SpoolEnvelope &envelope, qint64 bodyOffset);
    void retryNow(); // e.g. after a reload changed the gateways
    int size() const { return int(m_entries.size()); }

    static constexpr int kMessagesPerConnection = 100;
    static constexpr int kIdleMs = 2000; // an unused connection to the gateway is closed after this

    static QList<RelayTarget> targetsFor(const engine::Policy &policy);
    // XMF-NextHopTLS and XMF-NextHopAuth, for XMF-NextHop only.
    static RelayClientOptions clientOptionsFor(const engine::Policy &policy);
    static QByteArray composeBounce(const QString &serverDomain, const SpoolEnvelope &envelope,
                                    const QStringList &failed, const QHash<QString, QString> &reasons,
                                    const QByteArray &original);

private:
    struct Entry {
        qint64 due = 0; // ms since the epoch
        bool inFlight = false;
        SpoolEnvelope envelope; // while in flight, or known from the start (bodyOffset >= 0)
        qint64 bodyOffset = -1;
    };
    struct Connection {
        RelayClient *client;
        QString key; // the gateways and options it was opened for
    };
    void dispatch();
    void scheduleNext();
    QString currentKey(); // of the gateways and options the policy names now
    void wait(const QString &id, qint64 due);
    // Hands the next due entry to `client` (an idle connection), or opens a connection; false when none is
    // due.
    bool sendNext(RelayClient *client, const QString &key);
    // The next due entry, marked in flight; false when none is due.
    bool takeNext(RelayJob *job);
    void onReadyForNext(RelayClient *client); // its message's "." is out: pipeline the next
    void onFinished(const RelayOutcome &outcome);
    void onClosed(RelayClient *client);
    void removeEntryFile(const QString &id);
    void startRemovals();
    void flushRemovals();
    void bounce(const SpoolEnvelope &envelope, const QStringList &failed,
                const QHash<QString, QString> &reasons, const QByteArray &message);

    MessageStore *m_store;
    DeliveryService *m_delivery;
    const ServeOptions *m_options;
    PolicySource m_policy;
    EventStream *m_events;
    QHash<QString, Entry> m_entries;
    std::deque<QString> m_ready;          // due now, oldest first (may name entries gone since)
    QMultiMap<qint64, QString> m_waiting; // due later
    QList<Connection> m_connections;
    QStringList m_removals; // delivered entries whose files go in one batch (one folder fsync)
    bool m_removing = false;
    QTimer m_timer;
    bool m_stopped = false;
    std::shared_ptr<const engine::Policy> m_keyPolicy;
    QString m_key;
};

} // namespace xmflow::daemon

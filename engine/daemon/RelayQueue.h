#pragma once

#include "MessageStore.h"
#include "RelayClient.h"
#include "ServeOptions.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

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
// On start it resumes whatever a previous run left in the spool.
class RelayQueue : public QObject
{
    Q_OBJECT
public:
    using PolicySource = std::function<std::shared_ptr<const engine::Policy>()>;
    RelayQueue(MessageStore *store, DeliveryService *delivery, const ServeOptions *options, PolicySource policy,
               EventStream *events, QObject *parent = nullptr);
    ~RelayQueue() override;

    void start();         // scan the spool
    void stop();          // abort attempts in flight (they stay in the spool)
    void enqueue(const QString &id);
    void retryNow();      // e.g. after a reload changed the gateways
    int size() const { return int(m_entries.size()); }

    static QList<RelayTarget> targetsFor(const engine::Policy &policy);
    // XMF-NextHopTLS and XMF-NextHopAuth, for XMF-NextHop only.
    static RelayClientOptions clientOptionsFor(const engine::Policy &policy);
    static QByteArray composeBounce(const QString &serverDomain, const SpoolEnvelope &envelope,
                                    const QStringList &failed, const QHash<QString, QString> &reasons,
                                    const QByteArray &original);

private:
    struct Entry {
        QDateTime due;
        bool inFlight = false;
    };
    void dispatch();
    void scheduleNext();
    void attempt(const QString &id);
    void onFinished(const QString &id, const RelayOutcome &outcome);
    void bounce(const SpoolEnvelope &envelope, const QStringList &failed, const QHash<QString, QString> &reasons,
                const QByteArray &message);

    MessageStore *m_store;
    DeliveryService *m_delivery;
    const ServeOptions *m_options;
    PolicySource m_policy;
    EventStream *m_events;
    QHash<QString, Entry> m_entries;
    QHash<QString, RelayClient *> m_clients;
    QTimer m_timer;
    bool m_stopped = false;
};

} // namespace xmflow::daemon

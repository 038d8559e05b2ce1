#pragma once

#include "ServeContext.h"
#include "ServeOptions.h"
#include "StateStore.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QThread>
#include <QSet>
#include <QTimer>

#include <memory>

class QFileSystemWatcher;
class QTextStream;

namespace xmflow::engine {
class NetworkResolver;
}

namespace xmflow::daemon {

class DeliveryService;
class DescriptorReserve;
class EventStream;
class MessageStore;
class RelayQueue;
class SignalNotifier;
class SmtpConnection;
class SmtpLog;
class SmtpServer;

// `xmflowd serve`: owns the listeners, the live connections, the current policy
// (reloaded on SIGHUP and on table-file changes), delivery, relay and logs.
class Daemon : public QObject
{
    Q_OBJECT
public:
    Daemon(const ServeOptions &options, QTextStream &err, QObject *parent = nullptr);
    ~Daemon() override;

    bool start(QString *error);
    // Compiles the MailRoot again; a broken table keeps the previous policy.
    bool reload(const QString &reason);
    void shutdown();
    int sessionCount() const { return int(m_connections.size()); }
    std::shared_ptr<const engine::Policy> policy() const { return m_ctx.policy; }

signals:
    void stopped();

private:
    bool loadConfiguration(bool initial, QString *error);
    void loadTls();
    void configureResolver();
    void configureStateStore();
    void migrateGreetPasses();
    void accept(qintptr descriptor, SmtpServer *server);
    void rejectBusy(qintptr descriptor);
    void raiseDescriptorLimit();
    void fitSessionsToDescriptors();
    void watchTables();
    void onWatchedChange();
    QHash<QString, QString> tableSignature() const;
    void finishShutdown();
    void message(const QString &text);

    ServeOptions m_options;
    QTextStream &m_err;
    ServeContext m_ctx;
    std::unique_ptr<EventStream> m_events;
    std::unique_ptr<SmtpLog> m_log;
    std::unique_ptr<MessageStore> m_store;
    DeliveryService *m_delivery = nullptr;
    engine::NetworkResolver *m_resolver = nullptr;
    std::unique_ptr<engine::StateStore> m_stateStore;
    QString m_stateStoreAddress;
    // The relay runs on a thread and event loop of its own: its connections to the next hop
    // get their turn however many sessions the main loop serves (with 200 clients on one
    // loop, 8 relay connections fell behind and the spool backlog grew without end).
    RelayQueue *m_relay = nullptr;
    QThread *m_relayThread = nullptr;
    mutable QMutex m_policyMutex; // m_ctx.policy as the relay thread reads it
    std::shared_ptr<const engine::Policy> policyForRelay() const;
    void stopRelay();
    SignalNotifier *m_signals = nullptr;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer m_reloadDebounce;
    QTimer m_graceTimer;
    QHash<QString, QString> m_signature;
    QList<SmtpServer *> m_servers;
    QSet<SmtpConnection *> m_connections;
    QHash<QString, int> m_sessionsPerPeer; // live sessions by client address
    int m_maxSessionsPerPeer = 0;          // XMF-MaxSessionsPerIP; 0: no limit
    std::unique_ptr<DescriptorReserve> m_reserve;
    quint64 m_nextSessionId = 0;
    bool m_shuttingDown = false;
};

} // namespace xmflow::daemon

#pragma once
// The shared state store for several MX hosts: a Redis server (XMF-StateStore
// redis://HOST:PORT/DB), through hiredis' asynchronous API on the Qt event loop.
// Keys carry TTLs, so Redis expires them itself. When Redis is down every read
// answers "unavailable" at once (the caller fails open) and the store reconnects.

#include "StateStore.h"

#include <QHash>
#include <QTimer>
#include <QUrl>

struct redisAsyncContext;

namespace xmflow::daemon {

class RedisStateStore : public engine::StateStore
{
    Q_OBJECT
public:
    static constexpr int kReadTimeoutMs = 250;     // a read slower than this fails open
    static constexpr int kConnectTimeoutMs = 2000; // a connect attempt slower than this is retried
    static constexpr int kReconnectMinMs = 500;
    static constexpr int kReconnectMaxMs = 8000;

    // url: redis://HOST[:PORT][/DB]; nullptr with *error for a malformed URL.
    static std::unique_ptr<RedisStateStore> create(const QString &url, QString *error);
    ~RedisStateStore() override;

    void read(const QList<QByteArray> &keys, ReadCallback done) override;
    void write(const QList<engine::StoreWrite> &writes) override;
    bool available() const override { return m_connected; }
    QString describe() const override { return m_url; }

    // Internal: hiredis' C callbacks land here.
    void onConnected(bool ok, const QString &error);
    void onDisconnected(const QString &error);
    void onReadReply(quint64 id, void *reply);
    void onWriteReply(void *reply);

private:
    RedisStateStore(QString url, QString host, int port, int database);
    void connectNow();
    void scheduleReconnect();
    void sweep();
    void setAvailable(bool available, const QString &reason);
    void reportSlow(bool slow, const QString &reason);
    bool command(const QList<QByteArray> &args, quint64 readId);

    struct PendingRead {
        ReadCallback done;
        QList<qsizetype> positions; // where each MGET value goes in the answer (-1: empty key)
        qsizetype size = 0;
        qint64 deadlineMs = 0;
    };
    QString m_url;
    QString m_host;
    int m_port = 6379;
    int m_database = 0;
    redisAsyncContext *m_ctx = nullptr;
    bool m_connected = false;
    bool m_reportedDown = false; // failed() was emitted (down or slow); recovered() not yet
    qint64 m_connectStartedMs = 0;
    int m_reconnectDelayMs = kReconnectMinMs;
    QHash<quint64, PendingRead> m_pending;
    quint64 m_nextId = 1;
    QTimer m_sweep;
    QTimer m_reconnect;
};

} // namespace xmflow::daemon

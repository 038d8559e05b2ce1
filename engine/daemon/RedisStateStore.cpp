#include "RedisStateStore.h"

#include <QPointer>
#include <QSocketNotifier>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

namespace xmflow::daemon {

using engine::StoreWrite;

namespace {
// What a command's callback needs: the store (gone when it was destroyed) and the read id.
struct ReplyContext {
    QPointer<RedisStateStore> store;
    quint64 readId = 0; // 0: a write
};

void replyCallback(redisAsyncContext *, void *reply, void *privdata)
{
    std::unique_ptr<ReplyContext> context(static_cast<ReplyContext *>(privdata));
    if (!context->store)
        return;
    if (context->readId)
        context->store->onReadReply(context->readId, reply);
    else
        context->store->onWriteReply(reply);
}

void connectCallback(const redisAsyncContext *ctx, int status)
{
    if (auto *store = static_cast<RedisStateStore *>(ctx->data))
        store->onConnected(status == REDIS_OK, QString::fromLocal8Bit(ctx->errstr));
}

void disconnectCallback(const redisAsyncContext *ctx, int status)
{
    if (auto *store = static_cast<RedisStateStore *>(ctx->data))
        store->onDisconnected(status == REDIS_OK ? QStringLiteral("disconnected")
                                                 : QString::fromLocal8Bit(ctx->errstr));
}
} // namespace

// hiredis' event hooks on QSocketNotifier, as hiredis' adapters/qt.h does; that header
// declares a Q_OBJECT class (moc would have to run over /usr/include) and deletes a
// notifier from inside its own signal when hiredis drops the connection.
class RedisEventAdapter : public QObject
{
public:
    explicit RedisEventAdapter(redisAsyncContext *ctx) : m_ctx(ctx)
    {
        ctx->ev.data = this;
        ctx->ev.addRead = [](void *a) { static_cast<RedisEventAdapter *>(a)->enable(m_readKind, true); };
        ctx->ev.delRead = [](void *a) { static_cast<RedisEventAdapter *>(a)->enable(m_readKind, false); };
        ctx->ev.addWrite = [](void *a) { static_cast<RedisEventAdapter *>(a)->enable(m_writeKind, true); };
        ctx->ev.delWrite = [](void *a) { static_cast<RedisEventAdapter *>(a)->enable(m_writeKind, false); };
        ctx->ev.cleanup = [](void *a) { static_cast<RedisEventAdapter *>(a)->detach(); };
    }

private:
    static constexpr int m_readKind = 0;
    static constexpr int m_writeKind = 1;

    void enable(int kind, bool on)
    {
        QSocketNotifier *&notifier = kind == m_readKind ? m_read : m_write;
        if (on && !notifier && m_ctx) {
            notifier = new QSocketNotifier(
                m_ctx->c.fd, kind == m_readKind ? QSocketNotifier::Read : QSocketNotifier::Write, this);
            connect(notifier, &QSocketNotifier::activated, this, [this, kind] {
                if (!m_ctx)
                    return;
                if (kind == m_readKind)
                    redisAsyncHandleRead(m_ctx);
                else
                    redisAsyncHandleWrite(m_ctx);
            });
        } else if (!on && notifier) {
            // Possibly inside this notifier's own signal: delete it later.
            notifier->setEnabled(false);
            notifier->deleteLater();
            notifier = nullptr;
        }
    }
    // hiredis frees the context after this: forget it, and go.
    void detach()
    {
        enable(m_readKind, false);
        enable(m_writeKind, false);
        m_ctx = nullptr;
        deleteLater();
    }

    redisAsyncContext *m_ctx = nullptr;
    QSocketNotifier *m_read = nullptr;
    QSocketNotifier *m_write = nullptr;
};

std::unique_ptr<RedisStateStore> RedisStateStore::create(const QString &url, QString *error)
{
    const QUrl parsed(url, QUrl::StrictMode);
    bool dbOk = true;
    const QString path = parsed.path().mid(1);
    const int database = path.isEmpty() ? 0 : path.toInt(&dbOk);
    if (!parsed.isValid() || parsed.scheme() != QLatin1String("redis") || parsed.host().isEmpty() || !dbOk ||
        database < 0) {
        if (error)
            *error = QStringLiteral("%1: not a redis://HOST[:PORT][/DB] address").arg(url);
        return nullptr;
    }
    std::unique_ptr<RedisStateStore> store(
        new RedisStateStore(url, parsed.host(), parsed.port(6379), database));
    store->connectNow();
    return store;
}

RedisStateStore::RedisStateStore(QString url, QString host, int port, int database)
    : m_url(std::move(url)), m_host(std::move(host)), m_port(port), m_database(database)
{
    m_sweep.setInterval(kReadTimeoutMs / 5);
    connect(&m_sweep, &QTimer::timeout, this, &RedisStateStore::sweep);
    m_sweep.start();
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &RedisStateStore::connectNow);
}

RedisStateStore::~RedisStateStore()
{
    m_sweep.stop();
    m_reconnect.stop();
    if (m_ctx) {
        m_ctx->data = nullptr; // no connect/disconnect callbacks into a dying store
        redisAsyncFree(m_ctx); // pending replies run with their store already gone
        m_ctx = nullptr;
    }
    for (const ReadCallback &done : m_pending.takeAll())
        done(false, {});
}

void RedisStateStore::connectNow()
{
    redisAsyncContext *ctx = redisAsyncConnect(m_host.toLatin1().constData(), m_port);
    if (!ctx || ctx->err) {
        const QString error = ctx ? QString::fromLocal8Bit(ctx->errstr) : QStringLiteral("out of memory");
        if (ctx)
            redisAsyncFree(ctx);
        setAvailable(false, error);
        scheduleReconnect();
        return;
    }
    m_ctx = ctx;
    ctx->data = this;
    new RedisEventAdapter(ctx); // deletes itself when hiredis lets the context go
    redisAsyncSetConnectCallback(ctx, connectCallback);
    redisAsyncSetDisconnectCallback(ctx, disconnectCallback);
    m_connectStartedMs = monotonicMs();
    if (m_database != 0)
        command({QByteArrayLiteral("SELECT"), QByteArray::number(m_database)}, 0);
}

void RedisStateStore::onConnected(bool ok, const QString &error)
{
    if (!ok) {
        m_ctx = nullptr; // hiredis frees it after this callback
        setAvailable(false, error);
        scheduleReconnect();
        return;
    }
    m_reconnectDelayMs = kReconnectMinMs;
    setAvailable(true, {});
}

void RedisStateStore::onDisconnected(const QString &error)
{
    m_ctx = nullptr; // freed by hiredis after this callback
    setAvailable(false, error);
    scheduleReconnect();
}

void RedisStateStore::scheduleReconnect()
{
    if (m_reconnect.isActive())
        return;
    m_reconnect.start(m_reconnectDelayMs);
    m_reconnectDelayMs = qMin(m_reconnectDelayMs * 2, kReconnectMaxMs);
}

void RedisStateStore::sweep()
{
    const qint64 now = monotonicMs();
    if (m_ctx && !m_connected && now - m_connectStartedMs > kConnectTimeoutMs) {
        // A connect that hangs (a host that drops packets): give up on it and try again.
        redisAsyncContext *ctx = std::exchange(m_ctx, nullptr);
        ctx->data = nullptr;
        redisAsyncFree(ctx);
        setAvailable(false, QStringLiteral("connect timed out"));
        scheduleReconnect();
    }
    const QList<ReadCallback> late = m_pending.takeExpired();
    // A slow answer is reported, but the connection stays: the next timely answer clears it.
    if (!late.isEmpty())
        reportSlow(true, QStringLiteral("no answer within %1 ms").arg(kReadTimeoutMs));
    for (const ReadCallback &done : late)
        done(false, {});
}

bool RedisStateStore::command(const QList<QByteArray> &args, quint64 readId)
{
    if (!m_ctx)
        return false;
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    for (const QByteArray &arg : args) {
        argv.push_back(arg.constData());
        lengths.push_back(size_t(arg.size()));
    }
    auto *context = new ReplyContext{this, readId};
    if (redisAsyncCommandArgv(m_ctx, replyCallback, context, int(argv.size()), argv.data(), lengths.data()) !=
        REDIS_OK) {
        delete context;
        return false;
    }
    return true;
}

void RedisStateStore::read(const QList<QByteArray> &keys, ReadCallback done)
{
    MgetLayout layout;
    layout.size = keys.size();
    QList<QByteArray> args{QByteArrayLiteral("MGET")};
    for (const QByteArray &key : keys) {
        layout.positions.append(key.isEmpty() ? -1 : args.size() - 1);
        if (!key.isEmpty())
            args.append(key);
    }
    if (args.size() == 1 || !m_connected) {
        // Nothing to ask, or nobody to ask: answer at once, from the event loop.
        const bool ok = args.size() == 1;
        Values empty(keys.size(), std::nullopt);
        QMetaObject::invokeMethod(
            this, [done = std::move(done), ok, empty] { done(ok, ok ? empty : Values()); },
            Qt::QueuedConnection);
        return;
    }
    const quint64 id = m_pending.add(std::move(done), kReadTimeoutMs, std::move(layout));
    if (!command(args, id)) {
        QMetaObject::invokeMethod(
            this, [done = std::move(m_pending.take(id)->done)] { done(false, {}); }, Qt::QueuedConnection);
    }
}

void RedisStateStore::onReadReply(quint64 id, void *replyPointer)
{
    const auto pending = m_pending.take(id);
    if (!pending)
        return; // timed out already
    const auto *reply = static_cast<const redisReply *>(replyPointer);
    if (!reply || reply->type != REDIS_REPLY_ARRAY) {
        const QString error = reply && reply->type == REDIS_REPLY_ERROR
                                  ? QString::fromLocal8Bit(reply->str, int(reply->len))
                                  : QStringLiteral("no reply");
        if (reply)
            emit failed(error); // Redis answers, but refuses: say so, stay connected
        pending->done(false, {});
        return;
    }
    Values values(pending->extra.size, std::nullopt);
    for (qsizetype i = 0; i < pending->extra.size; ++i) {
        const qsizetype position = pending->extra.positions.at(i);
        if (position < 0 || size_t(position) >= reply->elements)
            continue;
        const redisReply *element = reply->element[position];
        if (element && element->type == REDIS_REPLY_STRING)
            values[i] = QByteArray(element->str, qsizetype(element->len));
    }
    reportSlow(false, {});
    pending->done(true, values);
}

void RedisStateStore::onWriteReply(void *replyPointer)
{
    const auto *reply = static_cast<const redisReply *>(replyPointer);
    if (reply && reply->type == REDIS_REPLY_ERROR)
        emit failed(QString::fromLocal8Bit(reply->str, int(reply->len)));
}

void RedisStateStore::write(const QList<StoreWrite> &writes)
{
    if (!m_connected)
        return; // fail open: the state is lost, never waited for
    for (const StoreWrite &w : writes) {
        if (w.key.isEmpty())
            continue;
        const QByteArray ttl = QByteArray::number(qMax(1, w.ttlSeconds));
        if (w.kind == StoreWrite::Kind::Set) {
            command({QByteArrayLiteral("SET"), w.key, w.value, QByteArrayLiteral("EX"), ttl}, 0);
        } else {
            command({QByteArrayLiteral("INCR"), w.key}, 0);
            command({QByteArrayLiteral("EXPIRE"), w.key, ttl}, 0);
        }
    }
}

void RedisStateStore::reportSlow(bool slow, const QString &reason)
{
    if (slow == m_reportedDown || !m_connected)
        return;
    m_reportedDown = slow;
    if (slow)
        emit failed(reason);
    else
        emit recovered();
}

void RedisStateStore::setAvailable(bool available, const QString &reason)
{
    const bool wasConnected = m_connected;
    m_connected = available;
    if (available && !wasConnected)
        emit connected();
    if (available && m_reportedDown) {
        m_reportedDown = false;
        emit recovered();
    } else if (!available && !m_reportedDown) {
        m_reportedDown = true;
        emit failed(reason);
    }
}

} // namespace xmflow::daemon

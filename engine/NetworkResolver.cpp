#include "NetworkResolver.h"

#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTimer>

#include <ares.h>
#include <arpa/inet.h>

#include <cstring>
#include <mutex>

namespace xmflow::engine {

// One c-ares channel (one server, or the system's list) driven by Qt socket
// notifiers and a timer instead of a thread.
class CaresChannel : public QObject
{
public:
    using Done = std::function<void(const DnsReply &)>;

    CaresChannel(const DnsServer *server, int timeoutMs, QObject *parent)
        : QObject(parent)
    {
        static std::once_flag libraryInit;
        std::call_once(libraryInit, [] { ares_library_init(ARES_LIB_INIT_ALL); });
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] { process(ARES_SOCKET_BAD, ARES_SOCKET_BAD); });

        ares_options options{};
        int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_SOCK_STATE_CB;
        options.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES;
        if (server) {
            // Report SERVFAIL/REFUSED as they are: NetworkResolver walks the servers itself.
            options.flags |= ARES_FLAG_NOCHECKRESP;
            if (server->tcp)
                options.flags |= ARES_FLAG_USEVC;
        }
        // Two tries: a lost UDP packet is sent again after a third of the budget
        // (c-ares doubles the wait for the second try, so both fit in it).
        options.timeout = qMax(50, timeoutMs / 3);
        options.tries = 2;
        options.sock_state_cb = &CaresChannel::onSocketState;
        options.sock_state_cb_data = this;
        const int status = ares_init_options(&m_channel, &options, mask);
        if (status != ARES_SUCCESS) {
            m_error = QString::fromLatin1(ares_strerror(status));
            m_channel = nullptr;
            return;
        }
        if (server) {
            ares_addr_port_node node{};
            node.udp_port = server->port;
            node.tcp_port = server->port;
            if (server->address.protocol() == QAbstractSocket::IPv6Protocol) {
                node.family = AF_INET6;
                const Q_IPV6ADDR v6 = server->address.toIPv6Address();
                std::memcpy(&node.addr.addr6, v6.c, 16);
            } else {
                node.family = AF_INET;
                node.addr.addr4.s_addr = htonl(server->address.toIPv4Address());
            }
            ares_set_servers_ports(m_channel, &node);
            m_serverText = server->text();
        } else {
            m_serverText = QStringLiteral("system");
            ares_addr_port_node *list = nullptr;
            if (ares_get_servers_ports(m_channel, &list) == ARES_SUCCESS) {
                QStringList names;
                for (ares_addr_port_node *n = list; n; n = n->next) {
                    char text[64] = {};
                    ares_inet_ntop(n->family, &n->addr, text, sizeof text);
                    names << QStringLiteral("%1:%2").arg(QString::fromLatin1(text)).arg(n->udp_port ? n->udp_port : 53);
                }
                ares_free_data(list);
                m_serverText += QStringLiteral(" (%1)").arg(names.join(QStringLiteral(", ")));
            }
        }
    }

    ~CaresChannel() override
    {
        if (m_channel) {
            m_destroying = true;
            ares_destroy(m_channel); // calls every pending callback with ARES_EDESTRUCTION
        }
    }

    QString serverText() const { return m_serverText; }

    void query(const QString &name, quint16 type, Done done)
    {
        if (!m_channel) {
            DnsReply reply;
            reply.status = DnsStatus::NetworkError;
            reply.error = QStringLiteral("resolver not available: ") + m_error;
            done(reply);
            return;
        }
        auto *pending = new Pending{this, normalizedDnsName(name), type, std::move(done)};
        const QByteArray ascii = pending->name.toLatin1();
        ares_query(m_channel, ascii.constData(), 1 /* IN */, type, &CaresChannel::onAnswer, pending);
        updateTimer();
    }

private:
    struct Pending {
        CaresChannel *channel;
        QString name;
        quint16 type;
        Done done;
    };

    static void onAnswer(void *arg, int status, int /*timeouts*/, unsigned char *abuf, int alen)
    {
        std::unique_ptr<Pending> pending(static_cast<Pending *>(arg));
        DnsReply reply;
        if (abuf && alen >= 12) {
            const QByteArray message(reinterpret_cast<const char *>(abuf), alen);
            const quint16 id = quint16((abuf[0] << 8) | abuf[1]);
            const ParsedDnsMessage parsed = parseDnsMessage(message, id, pending->name, pending->type);
            reply = parsed.reply;
            if (!parsed.matched && reply.status != DnsStatus::Malformed) {
                reply.status = DnsStatus::Malformed;
                reply.error = QStringLiteral("the answer is for another question");
                reply.answers.clear();
            }
        } else {
            switch (status) {
            case ARES_ETIMEOUT: reply.status = DnsStatus::Timeout; break;
            case ARES_ENOTFOUND: reply.status = DnsStatus::NxDomain; break;
            case ARES_ENODATA: reply.status = DnsStatus::NoError; break;
            case ARES_EREFUSED: reply.status = DnsStatus::Refused; break;
            case ARES_ESERVFAIL:
            case ARES_EFORMERR:
            case ARES_ENOTIMP: reply.status = DnsStatus::ServerFailure; break;
            case ARES_EBADRESP: reply.status = DnsStatus::Malformed; break;
            default:
                reply.status = DnsStatus::NetworkError;
                reply.error = QString::fromLatin1(ares_strerror(status));
                break;
            }
        }
        if (pending->done)
            pending->done(reply);
    }

    static void onSocketState(void *data, ares_socket_t fd, int readable, int writable)
    {
        static_cast<CaresChannel *>(data)->watch(fd, readable, writable);
    }

    void watch(ares_socket_t fd, bool readable, bool writable)
    {
        if (m_destroying)
            return;
        Watch &w = m_watches[fd];
        if (!readable && !writable) {
            // The notifier may be the one that is calling us: let it finish first.
            for (QSocketNotifier *n : {w.read, w.write})
                if (n) {
                    n->setEnabled(false);
                    n->deleteLater();
                }
            m_watches.remove(fd);
            return;
        }
        if (!w.read) {
            w.read = new QSocketNotifier(fd, QSocketNotifier::Read, this);
            connect(w.read, &QSocketNotifier::activated, this, [this, fd] { process(fd, ARES_SOCKET_BAD); });
        }
        w.read->setEnabled(readable);
        if (writable && !w.write) {
            w.write = new QSocketNotifier(fd, QSocketNotifier::Write, this);
            connect(w.write, &QSocketNotifier::activated, this, [this, fd] { process(ARES_SOCKET_BAD, fd); });
        }
        if (w.write)
            w.write->setEnabled(writable);
    }

    void process(ares_socket_t readFd, ares_socket_t writeFd)
    {
        if (!m_channel)
            return;
        ares_process_fd(m_channel, readFd, writeFd);
        updateTimer();
    }

    void updateTimer()
    {
        timeval tv{};
        if (timeval *next = ares_timeout(m_channel, nullptr, &tv))
            m_timer.start(int(next->tv_sec * 1000 + next->tv_usec / 1000) + 1);
        else
            m_timer.stop();
    }

    struct Watch {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
    };
    ares_channel m_channel = nullptr;
    QHash<ares_socket_t, Watch> m_watches;
    QTimer m_timer;
    QString m_serverText;
    QString m_error;
    bool m_destroying = false;
};

struct NetworkResolver::Transaction {
    DnsQueryKind kind;
    QString name;
    QString key;
    QList<Waiter> waiters;
    QList<QPointer<CaresChannel>> channels; // the servers this query walks
    int next = 0;
    QString server; // the one asked last
    bool finished = false;
    QElapsedTimer clock;
    QTimer *deadline = nullptr;
};

NetworkResolver::NetworkResolver(QObject *parent)
    : Resolver(parent)
{
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    m_now = [clock] { return clock->elapsed(); };
}

NetworkResolver::~NetworkResolver()
{
    // Late c-ares callbacks must not reach a half-destroyed resolver.
    for (const auto &t : std::as_const(m_inFlight))
        t->finished = true;
    qDeleteAll(m_channels);
}

void NetworkResolver::setServers(const QList<DnsServer> &servers)
{
    if (servers == m_servers && !m_channels.isEmpty())
        return;
    m_servers = servers;
    retireChannels();
    m_cache.clear();
}

void NetworkResolver::retireChannels()
{
    // Queries already asked finish on the old channels (their deadline is shorter than this).
    for (CaresChannel *c : std::as_const(m_channels))
        QTimer::singleShot(m_timeoutMs + 1000, c, &QObject::deleteLater);
    m_channels.clear();
}

QString NetworkResolver::serversText() const
{
    const_cast<NetworkResolver *>(this)->ensureChannels();
    QStringList texts;
    for (const CaresChannel *c : m_channels)
        texts << c->serverText();
    return texts.join(QStringLiteral(", "));
}

void NetworkResolver::setTimeoutMs(int ms)
{
    if (ms == m_timeoutMs)
        return;
    retireChannels();
    m_timeoutMs = qMax(100, ms);
}

void NetworkResolver::setClock(std::function<qint64()> nowMs)
{
    m_now = std::move(nowMs);
}

void NetworkResolver::ensureChannels()
{
    if (!m_channels.isEmpty())
        return;
    if (m_servers.isEmpty()) {
        m_channels << new CaresChannel(nullptr, m_timeoutMs, this);
        return;
    }
    const int share = qMax(100, m_timeoutMs / int(m_servers.size()));
    for (const DnsServer &server : std::as_const(m_servers))
        m_channels << new CaresChannel(&server, share, this);
}

void NetworkResolver::lookup(DnsQueryKind kind, const QString &nameIn, QObject *context, Callback done)
{
    ++m_stats.lookups;
    const QString name = normalizedDnsName(nameIn);
    const qint64 now = m_now();
    Waiter waiter{QPointer<QObject>(context), std::move(done), now};
    if (const auto cached = m_cache.find(kind, name, now)) {
        ++m_stats.cacheHits;
        deliver({waiter}, DnsLookupResult{kind, name, *cached, QStringLiteral("cache"), 0, true});
        return;
    }
    const QString key = QString::number(int(kind)) + QLatin1Char(' ') + name;
    if (const auto running = m_inFlight.value(key)) {
        ++m_stats.coalesced;
        running->waiters << waiter;
        return;
    }
    ensureChannels();
    auto t = std::make_shared<Transaction>();
    t->kind = kind;
    t->name = name;
    t->key = key;
    t->waiters << waiter;
    for (CaresChannel *c : std::as_const(m_channels))
        t->channels << c;
    t->clock.start();
    // The whole query's budget, whatever the servers do.
    t->deadline = new QTimer(this);
    t->deadline->setSingleShot(true);
    std::weak_ptr<Transaction> weak = t;
    connect(t->deadline, &QTimer::timeout, this, [this, weak] {
        if (const auto late = weak.lock()) {
            DnsReply timeout;
            timeout.status = DnsStatus::Timeout;
            finish(late, timeout, late->server);
        }
    });
    t->deadline->start(m_timeoutMs + 250);
    m_inFlight.insert(key, t);
    attempt(t);
}

void NetworkResolver::attempt(const std::shared_ptr<Transaction> &t)
{
    CaresChannel *channel = t->channels.at(t->next++);
    if (!channel) {
        DnsReply gone;
        gone.status = DnsStatus::NetworkError;
        finish(t, gone, t->server);
        return;
    }
    ++m_stats.sent;
    t->server = channel->serverText();
    std::weak_ptr<Transaction> weak = t;
    channel->query(t->name, dnsQueryType(t->kind), [this, weak](const DnsReply &reply) {
        const auto self = weak.lock();
        if (!self || self->finished)
            return; // already answered (deadline) or the resolver is going away
        const bool tryNext = reply.status != DnsStatus::NoError && reply.status != DnsStatus::NxDomain
                             && self->next < self->channels.size();
        if (tryNext) {
            // Not from inside c-ares' callback: the next channel may be this one's sibling.
            QMetaObject::invokeMethod(this, [this, self] { if (!self->finished) attempt(self); }, Qt::QueuedConnection);
            return;
        }
        finish(self, reply, self->server);
    });
}

void NetworkResolver::finish(const std::shared_ptr<Transaction> &t, const DnsReply &reply, const QString &server)
{
    if (t->finished)
        return;
    t->finished = true;
    if (t->deadline) {
        t->deadline->stop();
        t->deadline->deleteLater();
        t->deadline = nullptr;
    }
    m_inFlight.remove(t->key);
    DnsLookupResult result;
    result.kind = t->kind;
    result.name = t->name;
    result.answer = interpretDnsReply(t->kind, t->name, reply);
    result.server = server;
    result.elapsedMs = t->clock.elapsed();
    m_cache.insert(t->kind, t->name, result.answer, m_now());
    deliver(t->waiters, result);
}

void NetworkResolver::deliver(QList<Waiter> waiters, DnsLookupResult result)
{
    // Always from the event loop, so that a caller never sees its callback inside lookup().
    QMetaObject::invokeMethod(
        this,
        [waiters = std::move(waiters), result = std::move(result)] {
            for (const Waiter &w : waiters)
                if (w.context && w.done)
                    w.done(result);
        },
        Qt::QueuedConnection);
}

} // namespace xmflow::engine

#include "Daemon.h"

#include "Delivery.h"
#include "EventStream.h"
#include "GreetPassMigration.h"
#include "RedisStateStore.h"
#include "SqliteStateStore.h"
#include "MessageStore.h"
#include "NetworkResolver.h"
#include "Policy.h"
#include "Privileges.h"
#include "RelayQueue.h"
#include "SignalNotifier.h"
#include "SmtpConnection.h"
#include "SmtpLog.h"
#include "SmtpServer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QJsonArray>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslKey>
#include <QSslSocket>
#include <QTextStream>

#include <QDirIterator>

#include <sys/resource.h>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace xmflow::daemon {

namespace {
// Descriptors kept free for everything but sessions: the smtp log, table reloads, the
// greet-pass cache, DNS sockets, and some headroom.
constexpr int kDescriptorHeadroom = 16;

// TLS 1.2 suites the server offers, in OpenSSL's names (Mozilla "intermediate", ECDHE only).
const QStringList kServerTls12Ciphers = {
    QStringLiteral("ECDHE-ECDSA-AES128-GCM-SHA256"), QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"),
    QStringLiteral("ECDHE-ECDSA-AES256-GCM-SHA384"), QStringLiteral("ECDHE-RSA-AES256-GCM-SHA384"),
    QStringLiteral("ECDHE-ECDSA-CHACHA20-POLY1305"), QStringLiteral("ECDHE-RSA-CHACHA20-POLY1305"),
};

QByteArray readSmallFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(64) : QByteArray();
}

int openDescriptors()
{
    int count = 0;
    QDirIterator it(QStringLiteral("/proc/self/fd"), QDir::Files | QDir::System | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        it.next();
        ++count;
    }
    return count > 0 ? count - 1 : 64; // minus the iterator's own; a guess without /proc
}
} // namespace

Daemon::Daemon(const ServeOptions &options, QTextStream &err, QObject *parent)
    : QObject(parent), m_options(options), m_err(err)
{
    m_ctx.options = &m_options;
    m_events = std::make_unique<EventStream>(options.events);
    m_ctx.events = m_events.get();
    m_reloadDebounce.setSingleShot(true);
    m_reloadDebounce.setInterval(options.reloadDebounceMs);
    connect(&m_reloadDebounce, &QTimer::timeout, this, &Daemon::onWatchedChange);
    m_graceTimer.setSingleShot(true);
    connect(&m_graceTimer, &QTimer::timeout, this, [this] {
        const auto live = m_connections;
        for (SmtpConnection *c : live)
            c->abortSession(QStringLiteral("Service shutting down"));
        QTimer::singleShot(2000, this, &Daemon::finishShutdown);
    });
}

Daemon::~Daemon()
{
    stopRelay();
    if (m_delivery)
        m_delivery->waitForDone();
}

std::shared_ptr<const engine::Policy> Daemon::policyForRelay() const
{
    QMutexLocker lock(&m_policyMutex);
    return m_ctx.policy;
}

void Daemon::stopRelay()
{
    if (!m_relayThread)
        return;
    QMetaObject::invokeMethod(m_relay, &RelayQueue::stop, Qt::BlockingQueuedConnection);
    // The delivery threads' work for the queue answers on its thread: done before it goes,
    // and the queue is destroyed there (its sockets belong to it).
    if (m_delivery)
        m_delivery->waitForDone();
    m_relay->deleteLater();
    m_relay = nullptr;
    m_relayThread->quit();
    m_relayThread->wait();
    delete m_relayThread;
    m_relayThread = nullptr;
}

void Daemon::message(const QString &text)
{
    m_err << "xmflowd: " << text << '\n';
    m_err.flush();
}

bool Daemon::start(QString *error)
{
    const QFileInfo root(m_options.mailRoot);
    if (!root.isDir()) {
        *error = QStringLiteral("MailRoot %1 is not a folder").arg(m_options.mailRoot);
        return false;
    }
    m_options.mailRoot = root.absoluteFilePath();
    raiseDescriptorLimit();
    m_reserve = std::make_unique<DescriptorReserve>();
    // The ports are bound first (25 and 465 need root or CAP_NET_BIND_SERVICE); nothing of
    // the MailRoot is read before the daemon has become --user.
    if (m_options.listen.isEmpty())
        m_options.listen << ListenAddress{QHostAddress(QHostAddress::LocalHost), 2525};
    QJsonArray listening;
    for (const ListenAddress &address : std::as_const(m_options.listen)) {
        auto *server = new SmtpServer(
            address, [this](qintptr fd, SmtpServer *s) { accept(fd, s); }, this);
        server->setExhaustionHandling(m_reserve.get(), [this] {
            return QStringLiteral("421 4.3.2 %1 Too many connections, try again later\r\n")
                .arg(m_ctx.policy->serverDomain())
                .toLatin1();
        });
        connect(server, &SmtpServer::descriptorsExhausted, this, [this](int refused, int backoffMs) {
            message(QStringLiteral("out of file descriptors with %1 session(s): %2 client(s) told 421, "
                                   "accepting again in %3 ms")
                        .arg(m_connections.size())
                        .arg(refused)
                        .arg(backoffMs));
            m_events->emitEvent(QStringLiteral("reject"),
                                {{QStringLiteral("code"), 421},
                                 {QStringLiteral("count"), refused},
                                 {QStringLiteral("detail"), QStringLiteral("out of file descriptors")}});
        });
        if (!server->start(error))
            return false;
        m_servers << server;
        message(QStringLiteral("listening on %1").arg(server->address().text()));
        listening.append(server->address().text());
    }
    QString dropped;
    if (!PrivilegeDrop::drop(m_options.user, &dropped, error))
        return false;
    if (!dropped.isEmpty())
        message(dropped);
    if (!loadConfiguration(true, error))
        return false;
    for (const ListenAddress &address : std::as_const(m_options.listen)) {
        if (address.implicitTls && !m_ctx.tlsAvailable) {
            *error =
                QStringLiteral("--listen %1: implicit TLS needs a usable server.cert and server.key in %2")
                    .arg(address.text(), m_options.mailRoot);
            return false;
        }
    }

    m_log = std::make_unique<SmtpLog>(m_options.mailRoot);
    m_ctx.log = m_log.get();
    m_store = std::make_unique<MessageStore>(m_options.mailRoot, !m_options.noFsync);
    if (!m_store->lockSpool(error))
        return false;
    m_store->cleanTemporaries();
    int restored = 0;
    if (!m_store->recoverJournal(error, &restored))
        return false;
    if (restored > 0)
        message(QStringLiteral("put back %1 spool entries from the journal (their files had not reached the disk)")
                    .arg(restored));
    m_delivery = new DeliveryService(m_store.get(), m_options.deliveryThreads, this);
    m_ctx.delivery = m_delivery;
    m_resolver = new engine::NetworkResolver(this);
    m_resolver->setTimeoutMs(m_options.dnsTimeoutMs);
    if (!m_options.dnsServer.isEmpty()) {
        const engine::DnsServerList servers = engine::parseDnsServerOption(m_options.dnsServer);
        if (!servers.problems.isEmpty()) {
            *error = QStringLiteral("--dns-server: ") + servers.problems.join(QStringLiteral("; "));
            return false;
        }
        m_resolver->setServers(servers.servers);
    }
    configureResolver();
    m_ctx.resolver = m_resolver;

    m_relay = new RelayQueue(m_store.get(), m_delivery, &m_options, [this] { return policyForRelay(); },
                             m_events.get());
    m_relayThread = new QThread;
    m_relayThread->setObjectName(QStringLiteral("relay"));
    m_relay->moveToThread(m_relayThread);
    m_relayThread->start();
    connect(m_delivery, &DeliveryService::spooled, m_relay, &RelayQueue::enqueueSpooled);

    m_signals = new SignalNotifier(this);
    if (!m_signals->install(error))
        return false;
    connect(m_signals, &SignalNotifier::hangup, this, [this] { reload(QStringLiteral("SIGHUP")); });
    connect(m_signals, &SignalNotifier::terminate, this, &Daemon::shutdown);

    int queued = 0;
    QMetaObject::invokeMethod(
        m_relay,
        [this, &queued] {
            m_relay->start();
            queued = m_relay->size();
        },
        Qt::BlockingQueuedConnection);
    watchTables();
    fitSessionsToDescriptors();
    m_events->emitEvent(QStringLiteral("listening"), {{QStringLiteral("addresses"), listening},
                                                      {QStringLiteral("mailroot"), m_options.mailRoot},
                                                      {QStringLiteral("pid"), qint64(::getpid())}});
    message(QStringLiteral("ready (pid %1, MailRoot %2, spool %3 entries)")
                .arg(::getpid())
                .arg(m_options.mailRoot)
                .arg(queued));
    return true;
}

bool Daemon::loadConfiguration(bool initial, QString *error)
{
    QString loadError;
    auto root = model::MailRoot::load(m_options.mailRoot, &loadError);
    if (!root) {
        *error = QStringLiteral("cannot load MailRoot %1: %2").arg(m_options.mailRoot, loadError);
        return false;
    }
    QStringList errors;
    for (const model::Diagnostic &d : root->diagnostics())
        if (d.severity == model::Severity::Error)
            errors << d.format();
    if (!errors.isEmpty()) {
        if (!initial) {
            *error = QStringLiteral("configuration rejected, keeping the last good one:\n  ") + errors.join(QStringLiteral("\n  "));
            return false;
        }
        for (const QString &e : std::as_const(errors))
            message(QStringLiteral("warning: ") + e);
    }
    engine::PolicyOptions options;
    options.xmailCompat = m_options.xmailCompat;
    auto policy = engine::Policy::compile(*root, options);
    if (!policy) {
        *error = QStringLiteral("cannot compile the policy of %1").arg(m_options.mailRoot);
        return false;
    }
    {
        QMutexLocker lock(&m_policyMutex);
        m_ctx.policy = std::move(policy);
    }
    // A safety limit, not a policy XMail has: it holds in --xmail-compat too (a peer under
    // it sees exactly XMail's dialogue).
    m_maxSessionsPerPeer = qMax(0, m_ctx.policy->settings().maxSessionsPerIp);
    loadTls();
    configureStateStore();
    return true;
}

// The state store of greylisting and the greet-pass cache: SQLite in the MailRoot by
// default, Redis for several MX hosts (XMF-StateStore). Opened when either is in use,
// again when the address changes.
void Daemon::configureStateStore()
{
    const engine::PolicySettings &settings = m_ctx.policy->settings();
    const bool needed = !m_options.xmailCompat &&
                        (settings.greylist.enabled || m_ctx.policy->mayPauseGreeting() || !settings.stateStore.isEmpty());
    if (!needed) {
        m_ctx.stateStore = nullptr;
        return;
    }
    const QString address = settings.stateStore.isEmpty()
                                ? QDir(m_options.mailRoot).filePath(QStringLiteral("xmflow-state.sqlite"))
                                : settings.stateStore;
    if (m_stateStore && address == m_stateStoreAddress) {
        m_ctx.stateStore = m_stateStore.get();
        return;
    }
    QString error;
    std::unique_ptr<engine::StateStore> store;
    if (settings.stateStore.isEmpty())
        store = SqliteStateStore::open(address, &error);
    else
        store = RedisStateStore::create(address, &error);
    if (!store) {
        // Fails open: every RCPT passes, every greet pause applies, and the admin is told why.
        message(QStringLiteral("warning: state store unusable, greylisting is off and greet passes are not remembered: ") +
                error);
        m_events->emitEvent(QStringLiteral("store"), {{QStringLiteral("ok"), false}, {QStringLiteral("detail"), error}});
        m_ctx.stateStore = nullptr;
        return;
    }
    connect(store.get(), &engine::StateStore::failed, this, [this, address](const QString &reason) {
        message(QStringLiteral("warning: state store %1: %2 (greylisting fails open, greet passes are not remembered)")
                    .arg(address, reason));
        m_events->emitEvent(QStringLiteral("store"), {{QStringLiteral("ok"), false}, {QStringLiteral("detail"), reason}});
    });
    connect(store.get(), &engine::StateStore::recovered, this, [this, address] {
        message(QStringLiteral("state store %1 is back").arg(address));
        m_events->emitEvent(QStringLiteral("store"), {{QStringLiteral("ok"), true}});
    });
    message(QStringLiteral("state store: %1").arg(store->describe()));
    m_stateStore = std::move(store);
    m_stateStoreAddress = address;
    m_ctx.stateStore = m_stateStore.get();
    // A Redis store is not connected yet: migrate once it is.
    if (m_stateStore->available())
        migrateGreetPasses();
    else
        connect(m_stateStore.get(), &engine::StateStore::connected, this, &Daemon::migrateGreetPasses,
                Qt::SingleShotConnection);
}

void Daemon::migrateGreetPasses()
{
    if (!m_stateStore)
        return;
    const GreetPassMigration::Result result =
        GreetPassMigration::run(m_options.mailRoot, *m_stateStore, m_ctx.policy->settings().greetPassTtl,
                                QDateTime::currentSecsSinceEpoch());
    for (const QString &problem : result.problems)
        message(QStringLiteral("warning: ") + problem);
    if (!result.error.isEmpty())
        message(QStringLiteral("warning: greet passes not migrated: ") + result.error);
    else if (result.fileFound)
        message(QStringLiteral("migrated %1 greet pass(es) from %2 into %3 (%4 expired); the file is now %2.migrated")
                    .arg(result.migrated)
                    .arg(GreetPassMigration::legacyPath(m_options.mailRoot), m_stateStore->describe())
                    .arg(result.expired));
}

// Without --dns-server, SmartDNSHost names the DNS servers (XMail uses it for MX
// only; xmflowd asks it for DNSBL and PTR too), else the system's.
void Daemon::configureResolver()
{
    if (!m_resolver || !m_options.dnsServer.isEmpty())
        return;
    const engine::DnsServerList servers = engine::smartDnsServers(m_ctx.policy->settings());
    for (const QString &problem : servers.problems)
        message(QStringLiteral("warning: ") + problem);
    m_resolver->setServers(servers.servers);
    message(QStringLiteral("DNS: %1, timeout %2 ms").arg(m_resolver->serversText()).arg(m_resolver->timeoutMs()));
}

void Daemon::loadTls()
{
    const QDir root(m_options.mailRoot);
    QFile certFile(root.filePath(QStringLiteral("server.cert")));
    QFile keyFile(root.filePath(QStringLiteral("server.key")));
    m_ctx.tlsAvailable = false;
    if (!QSslSocket::supportsSsl() || !certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    const QByteArray keyBytes = keyFile.readAll();
    QSslKey key(keyBytes, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyBytes, QSsl::Ec, QSsl::Pem);
    if (chain.isEmpty() || chain.constFirst().isNull() || key.isNull()) {
        message(QStringLiteral("warning: server.cert / server.key in %1 are unusable; STARTTLS will fail")
                    .arg(m_options.mailRoot));
        return;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    // Mozilla's "intermediate" profile without DHE: TLS 1.2 only with ECDHE (forward
    // secrecy) and AEAD ciphers; TLS 1.3's suites are all of that kind.
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    QList<QSslCipher> ciphers;
    for (const QSslCipher &cipher : QSslConfiguration::supportedCiphers()) {
        if (cipher.protocol() == QSsl::TlsV1_3 || kServerTls12Ciphers.contains(cipher.name()))
            ciphers << cipher;
    }
    tls.setCiphers(ciphers);
    m_ctx.tls = tls;
    m_ctx.tlsAvailable = true;
}

bool Daemon::reload(const QString &reason)
{
    QString error;
    const bool ok = loadConfiguration(false, &error);
    if (ok) {
        configureResolver();
        message(QStringLiteral("reloaded (%1)").arg(reason));
        QMetaObject::invokeMethod(m_relay, &RelayQueue::retryNow, Qt::QueuedConnection);
    } else {
        message(QStringLiteral("reload (%1) failed: %2").arg(reason, error));
    }
    m_events->emitEvent(QStringLiteral("reload"), {{QStringLiteral("ok"), ok},
                                                   {QStringLiteral("reason"), reason},
                                                   {QStringLiteral("detail"), error}});
    watchTables();
    return ok;
}

QHash<QString, QString> Daemon::tableSignature() const
{
    QHash<QString, QString> sig;
    const QDir root(m_options.mailRoot);
    QStringList names;
    for (model::TableKind kind : model::allTableKinds())
        names << model::tableFileName(kind);
    names << QStringLiteral("server.cert") << QStringLiteral("server.key");
    for (const QString &name : std::as_const(names)) {
        const QFileInfo fi(root.filePath(name));
        sig.insert(name, fi.exists() ? QString::number(fi.lastModified().toMSecsSinceEpoch()) + QLatin1Char('/')
                                           + QString::number(fi.size()) + QLatin1Char('/')
                                           + QString::number(fi.metadataChangeTime().toMSecsSinceEpoch())
                                     : QString());
    }
    return sig;
}

void Daemon::watchTables()
{
    if (!m_watcher) {
        m_watcher = new QFileSystemWatcher(this);
        connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { m_reloadDebounce.start(); });
        connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_reloadDebounce.start(); });
    }
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    if (m_watcher->directories().isEmpty())
        m_watcher->addPath(m_options.mailRoot);
    const QDir root(m_options.mailRoot);
    QStringList paths;
    for (model::TableKind kind : model::allTableKinds()) {
        const QString path = root.filePath(model::tableFileName(kind));
        if (QFileInfo::exists(path))
            paths << path;
    }
    if (!paths.isEmpty())
        m_watcher->addPaths(paths);
    m_signature = tableSignature();
}

void Daemon::onWatchedChange()
{
    if (m_shuttingDown)
        return;
    const auto sig = tableSignature();
    if (sig == m_signature) {
        watchTables(); // re-arm (a replaced file drops off the watch list)
        return;
    }
    reload(QStringLiteral("table file changed"));
}

// Sessions need a descriptor each: the soft limit goes up to the hard one. With
// --descriptor-limit N (started as root, with CAP_SYS_RESOURCE, before the privilege
// drop) the hard limit itself goes up to N first, within the kernel's ceiling.
void Daemon::raiseDescriptorLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return;
    const rlim_t wanted = rlim_t(qMax(0, m_options.descriptorLimit));
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < wanted) {
        bool ok = false;
        const qint64 ceiling = readSmallFile(QStringLiteral("/proc/sys/fs/nr_open")).trimmed().toLongLong(&ok);
        const rlim_t target = ok && ceiling > 0 ? qMin(wanted, rlim_t(ceiling)) : wanted;
        const rlimit higher{target, target};
        if (::setrlimit(RLIMIT_NOFILE, &higher) == 0) {
            message(QStringLiteral("descriptor limit raised from %1/%2 to %3 (--descriptor-limit)")
                        .arg(limit.rlim_cur)
                        .arg(limit.rlim_max)
                        .arg(target));
            return;
        }
        message(QStringLiteral("warning: --descriptor-limit %1: cannot raise the hard limit from %2 (%3: run as root "
                               "with CAP_SYS_RESOURCE, or set LimitNOFILE=)")
                    .arg(target)
                    .arg(limit.rlim_max)
                    .arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    if (limit.rlim_cur >= limit.rlim_max)
        return;
    const rlim_t before = limit.rlim_cur;
    limit.rlim_cur = limit.rlim_max;
    if (limit.rlim_max == RLIM_INFINITY) {
        bool ok = false; // the kernel's ceiling for one process
        const qint64 ceiling =
            readSmallFile(QStringLiteral("/proc/sys/fs/nr_open")).trimmed().toLongLong(&ok);
        limit.rlim_cur = ok && ceiling > 0 ? rlim_t(ceiling) : rlim_t(1 << 20);
    }
    if (::setrlimit(RLIMIT_NOFILE, &limit) == 0)
        message(QStringLiteral("descriptor limit raised from %1 to %2").arg(before).arg(limit.rlim_cur));
}

// Lowers --max-sessions to what the descriptor limit can hold, so a client beyond it
// gets the busy 421 instead of a failing accept().
void Daemon::fitSessionsToDescriptors()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return;
    const int deliveryThreads = m_options.deliveryThreads > 0 ? m_options.deliveryThreads : ServeOptions::kDefaultDeliveryThreads;
    // Each delivery thread has one file or folder open at a time; each relay one socket.
    // A session needs one (STARTTLS keeps the same descriptor).
    const qint64 reserved =
        qint64(openDescriptors()) + kDescriptorHeadroom + deliveryThreads + 2 * m_options.relayConcurrency;
    const qint64 fit = qMax<qint64>(1, qint64(limit.rlim_cur) - reserved);
    if (fit < m_options.maxSessions) {
        message(QStringLiteral("--max-sessions lowered from %1 to %2: the descriptor limit is %3 "
                               "(raise it with ulimit -n or LimitNOFILE=)")
                    .arg(m_options.maxSessions)
                    .arg(fit)
                    .arg(qint64(limit.rlim_cur)));
        m_options.maxSessions = int(fit);
    }
}

void Daemon::accept(qintptr descriptor, SmtpServer *server)
{
    if (m_shuttingDown) {
        ::close(int(descriptor));
        return;
    }
    if (m_connections.size() >= m_options.maxSessions) {
        rejectBusy(descriptor);
        return;
    }
    const model::IpAddress peer = SmtpConnection::peerAddress(descriptor);
    const QString peerKey = peer.toString();
    int &perPeer = m_sessionsPerPeer[peerKey];
    if (m_maxSessionsPerPeer > 0 && perPeer >= m_maxSessionsPerPeer && !m_ctx.policy->ipWhiteListed(peer)) {
        if (perPeer == 0)
            m_sessionsPerPeer.remove(peerKey);
        SmtpServer::refuse(descriptor, QStringLiteral("421 4.7.0 %1 Too many connections from your address "
                                                      "(limit %2), try again later\r\n")
                                           .arg(m_ctx.policy->serverDomain())
                                           .arg(m_maxSessionsPerPeer)
                                           .toLatin1());
        m_events->emitEvent(
            QStringLiteral("reject"),
            {{QStringLiteral("peer"), peerKey},
             {QStringLiteral("code"), 421},
             {QStringLiteral("detail"), QStringLiteral("too many sessions from this address")}});
        return;
    }
    ++perPeer;
    auto *connection = new SmtpConnection(m_ctx, descriptor, ++m_nextSessionId, this,
                                          server && server->address().implicitTls, peer);
    m_connections.insert(connection);
    connect(connection, &SmtpConnection::finished, this, [this, peerKey](SmtpConnection *c) {
        const auto it = m_sessionsPerPeer.find(peerKey);
        if (it != m_sessionsPerPeer.end() && --it.value() <= 0)
            m_sessionsPerPeer.erase(it);
        m_connections.remove(c);
        c->deleteLater();
        if (m_shuttingDown && m_connections.isEmpty())
            QTimer::singleShot(0, this, &Daemon::finishShutdown);
    });
    connection->begin();
}

void Daemon::rejectBusy(qintptr descriptor)
{
    // Answered and closed at once: under a flood, refused clients must not hold descriptors.
    const QString peer = SmtpConnection::peerAddress(descriptor).toString();
    SmtpServer::refuse(descriptor,
                       QStringLiteral("421 %1 Too many open sessions (limit %2), try again later\r\n")
                           .arg(m_ctx.policy->serverDomain())
                           .arg(m_options.maxSessions)
                           .toLatin1());
    m_events->emitEvent(QStringLiteral("reject"),
                        {{QStringLiteral("peer"), peer},
                         {QStringLiteral("code"), 421},
                         {QStringLiteral("detail"), QStringLiteral("too many sessions")}});
}

void Daemon::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    message(QStringLiteral("shutting down: %1 live session(s), grace %2 s")
                .arg(m_connections.size())
                .arg(m_options.graceSeconds));
    for (SmtpServer *s : std::as_const(m_servers))
        s->stop();
    QMetaObject::invokeMethod(m_relay, &RelayQueue::stop, Qt::BlockingQueuedConnection);
    m_events->emitEvent(QStringLiteral("shutdown"), {{QStringLiteral("sessions"), int(m_connections.size())}});
    if (m_connections.isEmpty()) {
        QTimer::singleShot(0, this, &Daemon::finishShutdown);
        return;
    }
    m_graceTimer.start(m_options.graceSeconds * 1000);
}

void Daemon::finishShutdown()
{
    static bool done = false;
    if (done)
        return;
    done = true;
    m_graceTimer.stop();
    m_delivery->waitForDone();
    message(QStringLiteral("stopped"));
    emit stopped();
    QCoreApplication::exit(0);
}

} // namespace xmflow::daemon

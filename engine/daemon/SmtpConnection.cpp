#include "SmtpConnection.h"

#include "Delivery.h"
#include "EventStream.h"
#include "GreetPass.h"
#include "IncomingMessage.h"
#include "Resolver.h"
#include "SmtpLog.h"
#include "StateStore.h"
#include "VerdictJson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QSocketNotifier>
#include <QSslSocket>
#include <QTimerEvent>

#include <arpa/inet.h>
#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/sockios.h>
#endif

namespace xmflow::daemon {

using engine::SessionOutput;

namespace {

model::IpAddress toIp(const QHostAddress &address)
{
    QHostAddress a = address;
    a.setScopeId(QString());
    return model::IpAddress::parse(a.toString()).value_or(model::IpAddress{});
}

// The address inside <...> of "MAIL FROM:<x>" / "RCPT TO:<x>".
QString pathArgument(const QByteArray &line)
{
    const qsizetype open = line.indexOf('<');
    const qsizetype close = line.indexOf('>', open + 1);
    if (open < 0 || close < 0)
        return QString();
    return QString::fromLatin1(line.mid(open + 1, close - open - 1));
}

QString domainOf(const QString &address)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : address.mid(at + 1);
}

} // namespace

model::IpAddress SmtpConnection::peerAddress(qintptr descriptor)
{
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&ss), &len) != 0)
        return model::IpAddress{};
    return toIp(QHostAddress(reinterpret_cast<sockaddr *>(&ss))).unmapped();
}

SmtpConnection::SmtpConnection(const ServeContext &context, qintptr descriptor, quint64 id, QObject *parent,
                               bool implicitTls, std::optional<model::IpAddress> peer)
    : QObject(parent), m_ctx(context), m_fd(int(descriptor)), m_id(id), m_implicitTls(implicitTls)
{
    m_peer = peer ? *peer : peerAddress(descriptor);
    m_peerText = m_peer.toString();
    if (m_ctx.options->maxSessionSeconds > 0)
        m_lifeTimer.start(int(qMin<qint64>(qint64(m_ctx.options->maxSessionSeconds) * 1000, INT_MAX)), this);
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getsockname(m_fd, reinterpret_cast<sockaddr *>(&ss), &len) == 0) {
        const QHostAddress local(reinterpret_cast<sockaddr *>(&ss));
        m_local.address = toIp(local);
        m_local.port = ss.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6 *>(&ss)->sin6_port)
                                                : ntohs(reinterpret_cast<sockaddr_in *>(&ss)->sin_port);
        m_localText = (local.protocol() == QAbstractSocket::IPv6Protocol
                           ? QLatin1Char('[') + local.toString() + QLatin1Char(']')
                           : local.toString()) +
                      QLatin1Char(':') + QString::number(m_local.port);
    }
    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &SmtpConnection::onReadable);
}

SmtpConnection::~SmtpConnection()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool SmtpConnection::transportOpen() const
{
    if (m_tls)
        return m_tls->state() == QAbstractSocket::ConnectedState;
    return m_fd >= 0 && !m_peerClosed;
}

qint64 SmtpConnection::pendingOutput() const
{
    return m_tls ? m_tls->bytesToWrite() : m_output.size();
}

void SmtpConnection::setReading(bool enabled)
{
    if (m_readNotifier)
        m_readNotifier->setEnabled(enabled);
}

void SmtpConnection::releaseIdleMemory()
{
    // A session waiting (tarpit delay, idle client) keeps no buffer capacity.
    if (m_input.isEmpty() && m_input.capacity() > 0)
        m_input = QByteArray();
    if (m_output.isEmpty() && m_output.capacity() > 0)
        m_output = QByteArray();
}

qsizetype SmtpConnection::inputLimit() const
{
    // A line the session is ready to take may grow to its cap (plus one byte, so that
    // the cap is seen); otherwise kMaxBuffered of pipelined input is enough, and less
    // in DATA: there the lines go to disk, and a full write buffer should stop the
    // client (TCP), not grow this one.
    if (!m_busy && m_session && !m_session->isClosed() && !m_input.contains('\n'))
        return qMax<qsizetype>(kMaxBuffered, (m_session->inData() ? kMaxDataLine : kMaxCommandLine) + 1);
    if (m_session && m_session->inData())
        return kMaxDataBuffered;
    return kMaxBuffered;
}

void SmtpConnection::onReadable()
{
    if (m_tls || m_fd < 0)
        return;
    if (m_discardPlaintext) {
        discardPlaintext();
        return;
    }
    // In DATA, bounded reads straight into the input buffer, its complete lines taken after
    // each: however fast the client sends, the buffer stays small (the body goes on to disk).
    // Commands are read first and taken once, as they come (a STARTTLS is answered before
    // anything behind it is read).
    for (int round = 0; round < kReadRounds && !m_finished; ++round) {
        const qsizetype room = m_closing || m_greetPending ? kReadStep : inputLimit() - m_input.size();
        if (room <= 0) {
            setReading(false); // back-pressure: TCP holds the rest until we catch up
            break;
        }
        const qsizetype step = qMin<qsizetype>(room, kReadStep);
        const bool direct = m_session && m_session->inData() && !m_busy && !m_closing && !m_greetPending;
        ssize_t n;
        if (direct) { // no copy through a stack buffer
            const qsizetype old = m_input.size();
            m_input.resize(old + step);
            n = ::recv(m_fd, m_input.data() + old, size_t(step), 0);
            m_input.resize(old + qMax<qsizetype>(n, 0));
        } else { // the buffer gets only what came (thousands of waiting sessions)
            char buf[kReadStep];
            n = ::recv(m_fd, buf, size_t(step), 0);
            if (n > 0 && !m_closing)
                m_input.append(buf, n);
        }
        if (n > 0) {
            // A short read drained the socket: no second recv() just to hear EAGAIN (the
            // notifier is level-triggered and fires again for whatever comes next).
            const bool drained = n < step;
            if (m_closing) {
                if (drained)
                    break;
                continue; // draining after our last reply
            }
            if (m_greetPending)
                break;
            if (direct) {
                onReadyRead();
                if (m_tls || m_fd < 0 || m_pendingTls || m_discardPlaintext)
                    return;
            }
            if (drained)
                break;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        m_peerClosed = true; // EOF or error
        setReading(false);
        break;
    }
    if (m_closing) {
        if (m_peerClosed)
            onDisconnected();
        return;
    }
    if (!m_input.isEmpty())
        onReadyRead();
    // Lines already received from a client that wrote and closed are still answered
    // (processInput ends the session once they are done).
    if (m_peerClosed && !m_finished && !m_closing && !m_busy)
        onDisconnected();
}

void SmtpConnection::onWritable()
{
    if (m_tls || m_fd < 0)
        return;
    while (!m_output.isEmpty()) {
        const ssize_t n = ::send(m_fd, m_output.constData(), size_t(m_output.size()), MSG_NOSIGNAL);
        if (n > 0) {
            m_output.remove(0, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        m_peerClosed = true;
        m_output.clear();
        onDisconnected();
        return;
    }
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(!m_output.isEmpty());
    // Lines held back while the client was not reading its replies.
    if (!m_processing && !m_busy && !m_closing && !m_finished && !m_input.isEmpty() &&
        m_output.size() < kMaxBuffered / 2)
        QMetaObject::invokeMethod(this, &SmtpConnection::processInput, Qt::QueuedConnection);
    if (m_output.isEmpty()) {
        m_output = QByteArray();
        if (m_closing) {
            finishClose();
        } else if (m_pendingTls) {
            tryBeginTls();
        }
    }
}

void SmtpConnection::begin()
{
    if (m_implicitTls && !m_tls) {
        // RFC 8314: the handshake comes first; begin() goes on once it is done.
        if (!m_ctx.tlsAvailable) {
            onDisconnected();
            return;
        }
        beginTlsHandshake();
        return;
    }
    if (m_ctx.events->enabled()) {
        m_ctx.events->emitEvent(QStringLiteral("connect"), {{QStringLiteral("session"), qint64(m_id)},
                                                            {QStringLiteral("peer"), m_peerText},
                                                            {QStringLiteral("local"), m_localText}});
    }
    const QStringList roots = m_ctx.policy->mapRoots();
    const bool wantPtr = m_ctx.policy->needsPtr(m_peer);
    if (roots.isEmpty() && !wantPtr) {
        onVerdict(engine::DnsAnswers{});
        return;
    }
    // Asynchronous: other sessions go on meanwhile; this one's lines wait for the banner, as in XMail.
    engine::resolveConnectDns(*m_ctx.resolver, m_peer, roots, wantPtr, m_ctx.policy->confirmsPtr(), this,
                              [this](const engine::ConnectDnsResult &dns) {
                                  emitDnsEvent(QStringLiteral("connect"), dns.queries);
                                  onVerdict(dns.answers);
                              });
}

// With --events: each query and its answer, as the simulator's trace shows them.
void SmtpConnection::emitDnsEvent(const QString &check, const QList<engine::DnsLookupResult> &queries)
{
    if (!m_ctx.events->enabled() || queries.isEmpty())
        return;
    QJsonArray lines;
    for (const engine::DnsLookupResult &q : queries)
        lines.append(q.traceLine());
    m_ctx.events->emitEvent(QStringLiteral("dns"), {{QStringLiteral("session"), qint64(m_id)},
                                                    {QStringLiteral("peer"), m_peerText},
                                                    {QStringLiteral("check"), check},
                                                    {QStringLiteral("queries"), lines}});
}

void SmtpConnection::onVerdict(const engine::DnsAnswers &dns)
{
    if (m_finished)
        return;
    m_dns = dns;
    engine::ConnectVerdict verdict = m_ctx.policy->evaluate(m_peer, m_local, dns, /*withTrace=*/false);
    verdict.trace = {}; // the session does not need the trace; thousands of tarpitted sessions add up
    const qint64 ttl = m_ctx.policy->settings().greetPassTtl;
    if (verdict.greetPause <= 0 || !m_ctx.stateStore || ttl <= 0) {
        startSession(std::move(verdict), false);
        return;
    }
    // A pass earned here or on another xmflowd sharing the store skips the pause; a store
    // that cannot answer in time counts as "no pass" (the pause applies).
    m_ctx.stateStore->read({engine::greetpass::key(m_peerText)},
                           [this, guard = QPointer<SmtpConnection>(this), verdict = std::move(verdict),
                            ttl](bool available, const engine::StateStore::Values &values) mutable {
                               if (!guard || m_finished)
                                   return;
                               const bool cached =
                                   available && !values.isEmpty() &&
                                   engine::greetpass::valid(values.first(), QDateTime::currentSecsSinceEpoch(), ttl);
                               if (cached)
                                   verdict.greetPause = 0;
                               startSession(std::move(verdict), cached);
                           });
}

void SmtpConnection::startSession(engine::ConnectVerdict verdict, bool greetCached)
{
    if (m_ctx.events->enabled()) {
        QJsonObject o = engine::toJson(verdict);
        o.insert(QStringLiteral("session"), qint64(m_id));
        o.insert(QStringLiteral("peer"), m_peerText);
        if (verdict.drop)
            o.insert(QStringLiteral("code"), verdict.dropCode);
        if (!verdict.logStatus.isEmpty())
            o.insert(QStringLiteral("status"), verdict.logStatus);
        if (greetCached)
            o.insert(QStringLiteral("greet_pass_cached"), true);
        m_ctx.events->emitEvent(QStringLiteral("verdict"), o);
    }
    m_session = std::make_unique<engine::SmtpSession>(m_ctx.policy, m_peer, m_local, verdict, m_clock);
    if (m_dns.ptrName)
        m_session->setPeerName(*m_dns.ptrName);
    if (m_tls)
        m_session->setTlsActive(); // implicit TLS: no STARTTLS offered, ESMTPS, WantTLS met
    // DATA goes to disk as it arrives; a full write buffer pauses the lines until it drains.
    m_incoming = new IncomingMessage(m_ctx.delivery, m_ctx.policy, this);
    connect(m_incoming, &IncomingMessage::drained, this, &SmtpConnection::processInput, Qt::QueuedConnection);
    m_session->setMessageSink(m_incoming);
    const SessionOutput out = m_session->start();
    emitSessionEvents(out.events);
    if (out.delaySeconds > 0 && !out.close) {
        // XMF-GreetPause: hold the banner; anything the client sends meanwhile makes it an early talker.
        m_greetPending = true;
        m_pending = out;
        m_pending.events.clear();
        m_delayTimer.start(out.delaySeconds * 1000, this);
        if (m_ctx.events->enabled())
            m_ctx.events->emitEvent(QStringLiteral("delay"),
                                    {{QStringLiteral("session"), qint64(m_id)},
                                     {QStringLiteral("peer"), m_peerText},
                                     {QStringLiteral("command"), QStringLiteral("banner")},
                                     {QStringLiteral("seconds"), out.delaySeconds}});
        armIdleTimer();
        if (!m_input.isEmpty() || (m_tls && m_tls->bytesAvailable() > 0))
            onReadyRead();
        return;
    }
    carryOut(out);
    processInput();
}

void SmtpConnection::onReadyRead()
{
    if (m_closing || m_finished) {
        if (m_tls)
            m_tls->readAll();
        m_input.clear();
        return;
    }
    if (m_greetPending) {
        m_greetPending = false;
        m_delayTimer.stop();
        m_input.clear();
        if (m_tls)
            m_tls->readAll();
        SessionOutput out = m_session->earlyTalker();
        out.delaySeconds = 0;
        out.close = true;
        apply(out);
        return;
    }
    if (m_tls) {
        const qsizetype limit = inputLimit();
        if (m_input.size() >= limit)
            return; // back-pressure: the socket buffer (and then TCP) holds the rest
        m_input += m_tls->read(limit - m_input.size());
    }
    if (!m_session)
        return; // DNS still running; the lines wait for the banner, as in XMail
    processInput();
}

void SmtpConnection::processInput()
{
    if (m_processing || !m_session)
        return;
    m_processing = true;
    qsizetype pos = 0;
    // Replies the client does not read stop us taking its commands (and then reading):
    // a pipelining client that never reads cannot make us queue replies without end.
    while (!m_busy && !m_closing && !m_finished && !m_session->isClosed() && pendingOutput() < kMaxBuffered &&
           !m_incoming->full()) {
        const bool data = m_session->inData();
        const qsizetype limit = data ? kMaxDataLine : kMaxCommandLine;
        if (data) { // the plain lines of a body in one go
            const qsizetype bulk = m_session->handleBodyLines(
                m_input.constData() + pos, qMin(m_input.size() - pos, m_incoming->room()), limit);
            if (bulk > 0) {
                pos += bulk;
                m_idleTimer.stop();
                continue;
            }
        }
        const qsizetype lf = m_input.indexOf('\n', pos);
        if ((lf < 0 && m_input.size() - pos >= limit) || (lf >= 0 && lf - pos >= limit)) {
            m_input.clear();
            pos = 0;
            SessionOutput out = m_session->lineTooLong();
            out.delaySeconds = 0;
            out.close = true;
            if (m_ctx.events->enabled())
                m_ctx.events->emitEvent(QStringLiteral("reject"),
                                        {{QStringLiteral("session"), qint64(m_id)},
                                         {QStringLiteral("peer"), m_peerText},
                                         {QStringLiteral("detail"), QStringLiteral("line too long")}});
            apply(out);
            break;
        }
        if (lf < 0)
            break;
        // Exactly one CR before the LF makes a CRLF; any other CR stays in the line for the
        // session to refuse, and a bare LF is reported as such (DATA ends only at CRLF.CRLF).
        engine::LineEnding ending = engine::LineEnding::BareLf;
        qsizetype length = lf - pos;
        if (length > 0 && m_input.at(lf - 1) == '\r') {
            --length;
            ending = engine::LineEnding::CrLf;
        }
        // A body line is only read by the session (not kept): it can point into the buffer.
        const QByteArray line =
            data ? QByteArray::fromRawData(m_input.constData() + pos, length) : m_input.mid(pos, length);
        pos = lf + 1;
        if (!data) {
            // What the log needs before the session's envelope exists (it is filled at DATA's end).
            const QByteArray upper = line.left(10).toUpper();
            if (upper.startsWith("RCPT TO:"))
                m_lastRecipient = pathArgument(line);
            else if (upper.startsWith("MAIL FROM:"))
                m_lastSender = pathArgument(line);
            else if (upper.startsWith("HELO ") || upper.startsWith("EHLO "))
                m_helo = QString::fromLatin1(line.mid(5).trimmed());
        }
        m_idleTimer.stop();
        const engine::SessionOutput out = m_session->handleLine(line, ending);
        if (!out.checkMailerDomain.isEmpty() || !out.greylistKeys.isEmpty())
            m_pendingCommand = line; // its command event waits for the answer
        else if (!data && m_ctx.events->enabled())
            emitCommandEvent(line, out);
        apply(out);
    }
    if (pos > 0)
        m_input.remove(0, pos);
    m_processing = false;
    if (!m_busy && !m_closing && !m_finished) {
        // The idle clock runs from the last complete line: bytes that never make a line
        // (slowloris) do not keep the session alive.
        if (!m_idleTimer.isActive())
            armIdleTimer();
        if (m_tls && m_tls->bytesAvailable() > 0 && m_input.size() < inputLimit())
            QMetaObject::invokeMethod(this, &SmtpConnection::onReadyRead, Qt::QueuedConnection);
    }
    if (!m_tls && !m_closing && !m_finished && !m_peerClosed && m_input.size() < inputLimit())
        setReading(true);
    if (m_peerClosed && !m_busy && !m_closing && !m_finished)
        QMetaObject::invokeMethod(this, &SmtpConnection::onDisconnected, Qt::QueuedConnection);
    if (m_busy || m_input.isEmpty())
        releaseIdleMemory();
}

void SmtpConnection::apply(const SessionOutput &output)
{
    emitSessionEvents(output.events);
    if (output.delaySeconds > 0) {
        m_busy = true;
        m_idleTimer.stop();
        m_pending = output;
        m_pending.events.clear();
        m_delayTimer.start(output.delaySeconds * 1000, this); // the session reported the "delay" event
        return;
    }
    carryOut(output);
}

void SmtpConnection::carryOut(const SessionOutput &output)
{
    if (!output.reply.isEmpty())
        sendReply(output.reply);
    if (!output.storeWrites.isEmpty() && m_ctx.stateStore)
        m_ctx.stateStore->write(output.storeWrites);
    if (output.close || m_session->isClosed()) {
        closeAfterReply();
        return;
    }
    if (output.startTls) {
        startTls();
        return;
    }
    if (output.deliver) {
        startDelivery();
        return;
    }
    if (!output.checkMailerDomain.isEmpty()) {
        checkMailerDomain(output.checkMailerDomain);
        return;
    }
    if (!output.greylistKeys.isEmpty()) {
        checkGreylist(output.greylistKeys);
        return;
    }
    m_busy = false;
}

// The store answers later (or "unavailable" within its timeout, and the RCPT is taken).
void SmtpConnection::checkGreylist(const QList<QByteArray> &keys)
{
    m_busy = true; // pipelined lines wait for this RCPT's reply
    m_idleTimer.stop();
    auto resume = [this, guard = QPointer<SmtpConnection>(this)](bool available,
                                                                 const engine::StateStore::Values &values) {
        if (!guard || m_finished || !m_session)
            return;
        const SessionOutput out = m_session->resumeGreylist(available, values);
        if (m_ctx.events->enabled())
            emitCommandEvent(std::exchange(m_pendingCommand, QByteArray()), out);
        apply(out);
        processInput();
    };
    if (m_ctx.stateStore)
        m_ctx.stateStore->read(keys, resume);
    else
        QMetaObject::invokeMethod(
            this, [resume] { resume(false, {}); }, Qt::QueuedConnection);
}

void SmtpConnection::checkMailerDomain(const QString &domain)
{
    m_busy = true; // pipelined lines wait for this MAIL FROM's reply
    m_idleTimer.stop();
    engine::resolveMailerDomain(*m_ctx.resolver, domain, this,
                                [this](const engine::MailerDomainCheck &check) {
                                    if (m_finished || !m_session)
                                        return;
                                    emitDnsEvent(QStringLiteral("CheckMailerDomain"), check.queries);
                                    const SessionOutput out = m_session->resumeMailerDomain(check.result);
                                    if (m_ctx.events->enabled())
                                        emitCommandEvent(std::exchange(m_pendingCommand, QByteArray()), out);
                                    apply(out);
                                    processInput();
                                });
}

void SmtpConnection::sendReply(const QByteArray &reply)
{
    if (m_tls) {
        if (m_tls->state() == QAbstractSocket::ConnectedState)
            m_tls->write(reply);
        return;
    }
    if (m_fd < 0)
        return;
    m_output += reply;
    onWritable();
    if (!m_output.isEmpty()) {
        if (!m_writeNotifier) {
            m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
            connect(m_writeNotifier, &QSocketNotifier::activated, this, &SmtpConnection::onWritable);
        }
        m_writeNotifier->setEnabled(true);
    }
}

void SmtpConnection::closeAfterReply()
{
    if (m_closing)
        return;
    m_closing = true;
    m_busy = true;
    m_delayTimer.stop();
    m_idleTimer.stop();
    m_closeTimer.start(10000, this); // a client that never reads its last reply
    if (m_tls) {
        m_tls->disconnectFromHost();
        return;
    }
    if (m_fd < 0 || (m_peerClosed && m_output.isEmpty())) {
        QMetaObject::invokeMethod(this, &SmtpConnection::onDisconnected, Qt::QueuedConnection);
        return;
    }
    if (m_output.isEmpty())
        finishClose();
}

void SmtpConnection::finishClose()
{
    // Everything is written: send FIN, discard what the client sent meanwhile (closing
    // with unread data would reset the connection and could lose our last reply), close.
    ::shutdown(m_fd, SHUT_WR);
    char buf[4096];
    while (::recv(m_fd, buf, sizeof buf, 0) > 0) {
    }
    QMetaObject::invokeMethod(this, &SmtpConnection::onDisconnected, Qt::QueuedConnection);
}

void SmtpConnection::abortSession(const QString &reason)
{
    if (m_closing || m_finished)
        return;
    const QString domain = m_ctx.policy ? m_ctx.policy->serverDomain() : QString();
    sendReply(QStringLiteral("421 %1 %2, closing transmission channel\r\n").arg(domain, reason).toLatin1());
    closeAfterReply();
}

void SmtpConnection::startTls()
{
    m_busy = true;
    m_idleTimer.stop();
    // Nothing sent in plaintext after STARTTLS may be taken as a command after the handshake:
    // what is buffered goes now, what arrives until the handshake starts is read and dropped.
    m_input.clear();
    if (!m_ctx.tlsAvailable) {
        // The session already said 220; without a certificate the handshake cannot succeed.
        logStatus(QStringLiteral("SMTP=ESSL"), nullptr);
        closeAfterReply();
        return;
    }
    m_discardPlaintext = true;
    m_pendingTls = true;
    setReading(true);
    if (m_ctx.options->idleTimeoutSeconds > 0)
        m_closeTimer.start(m_ctx.options->idleTimeoutSeconds * 1000,
                           this); // a client that never reads the 220
    tryBeginTls();
}

// Bytes our peer has not acknowledged yet (0 where the system cannot tell).
qint64 SmtpConnection::unacknowledgedOutput() const
{
#ifdef SIOCOUTQ
    int queued = 0;
    if (m_fd >= 0 && ::ioctl(m_fd, SIOCOUTQ, &queued) == 0)
        return queued;
#endif
    return 0;
}

// The handshake starts once "220 Ready to start TLS" is written and acknowledged: a client
// cannot send its ClientHello before it has the 220, so everything received until then is
// plaintext slipped in behind STARTTLS (a backed-up reply queue makes that a long time).
void SmtpConnection::tryBeginTls()
{
    if (!m_pendingTls || m_closing || m_finished)
        return;
    if (!m_output.isEmpty())
        return; // onWritable calls again
    if (unacknowledgedOutput() > 0) {
        m_tlsWaitTimer.start(5, this);
        return;
    }
    m_tlsWaitTimer.stop();
    m_pendingTls = false;
    beginTlsHandshake();
}

void SmtpConnection::discardPlaintext()
{
    char buf[16384];
    for (;;) {
        // Peek first: bytes that arrived after the 220 was acknowledged may be the
        // ClientHello and stay for the handshake; the ones before are consumed and dropped.
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, MSG_PEEK);
        if (n > 0) {
            if (m_output.isEmpty() && unacknowledgedOutput() == 0) {
                tryBeginTls();
                return;
            }
            ::recv(m_fd, buf, size_t(n), 0);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        m_peerClosed = true; // EOF or error
        setReading(false);
        onDisconnected();
        return;
    }
}

void SmtpConnection::beginTlsHandshake()
{
    // Hand the descriptor over to QSslSocket.
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    m_input.clear();
    m_discardPlaintext = false; // from here on the bytes belong to the TLS handshake
    m_tls = new QSslSocket(this);
    if (!m_tls->setSocketDescriptor(m_fd)) {
        onDisconnected();
        return;
    }
    m_fd = -1; // owned by m_tls now
    connect(m_tls, &QSslSocket::readyRead, this, &SmtpConnection::onReadyRead);
    // Lines held back while the client was not reading its replies (see processInput).
    const auto resume = [this] {
        if (!m_processing && !m_busy && !m_closing && !m_finished &&
            m_tls->bytesToWrite() < kMaxBuffered / 2 && (!m_input.isEmpty() || m_tls->bytesAvailable() > 0))
            QMetaObject::invokeMethod(this, &SmtpConnection::onReadyRead, Qt::QueuedConnection);
    };
    connect(m_tls, &QSslSocket::bytesWritten, this, resume);
    connect(m_tls, &QSslSocket::encryptedBytesWritten, this, resume);
    connect(m_tls, &QSslSocket::disconnected, this, &SmtpConnection::onDisconnected);
    connect(m_tls, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::RemoteHostClosedError)
            return; // disconnected() follows
        if (m_tls->state() != QAbstractSocket::ConnectedState)
            onDisconnected();
    });
    m_tls->setSslConfiguration(m_ctx.tls);
    connect(m_tls, &QSslSocket::encrypted, this, [this] {
        m_closeTimer.stop();
        if (!m_session) { // implicit TLS: now the connection starts as usual
            begin();
            return;
        }
        m_session->tlsStarted();
        if (m_ctx.events->enabled())
            m_ctx.events->emitEvent(QStringLiteral("tls"),
                                    {{QStringLiteral("session"), qint64(m_id)},
                                     {QStringLiteral("peer"), m_peerText},
                                     {QStringLiteral("protocol"), m_tls->sessionProtocol() == QSsl::TlsV1_3
                                                                      ? QStringLiteral("TLSv1.3")
                                                                      : QStringLiteral("TLS")}});
        m_busy = false;
        armIdleTimer();
        processInput();
    });
    connect(m_tls, &QSslSocket::handshakeInterruptedOnError, this,
            [this](const QSslError &) { logStatus(QStringLiteral("SMTP=ESSL"), nullptr); });
    connect(m_tls, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &) {
        logStatus(QStringLiteral("SMTP=ESSL"), nullptr);
        m_tls->abort();
    });
    m_closeTimer.start(m_ctx.options->idleTimeoutSeconds * 1000, this); // handshake deadline
    m_tls->startServerEncryption();
}

void SmtpConnection::startDelivery()
{
    m_busy = true;
    m_delivering = true;
    m_idleTimer.stop();
    m_lastMessageSize = m_incoming->size();
    m_incoming->commit([this](const DeliveryResult &result) {
        m_delivering = false;
        if (m_finished)
            return;
        m_lastMessageId = result.messageId;
        if (!result.stored) {
            std::fprintf(stderr, "xmflowd: delivery failed for session %llu: %s\n",
                         static_cast<unsigned long long>(m_id), qPrintable(result.error));
        }
        if (m_ctx.events->enabled()) {
            m_ctx.events->emitEvent(QStringLiteral("stored"), {{QStringLiteral("session"), qint64(m_id)},
                                                               {QStringLiteral("peer"), m_peerText},
                                                               {QStringLiteral("ok"), result.stored},
                                                               {QStringLiteral("id"), result.messageId},
                                                               {QStringLiteral("local"), result.localCopies},
                                                               {QStringLiteral("spooled"), result.spooled},
                                                               {QStringLiteral("error"), result.error}});
        }
        apply(m_session->deliveryFinished(result.stored, result.messageId, result.outOfSpace));
        processInput();
    });
}

void SmtpConnection::emitCommandEvent(const QByteArray &line, const engine::SessionOutput &out)
{
    // Only the verb (and the MAIL/RCPT path): never AUTH data or its continuation lines.
    static const QByteArrayList verbs = {"HELO", "EHLO", "MAIL", "RCPT", "DATA", "AUTH",    "RSET",
                                         "NOOP", "QUIT", "HELP", "VRFY", "ETRN", "STARTTLS"};
    const QByteArray verb = line.left(line.indexOf(' ') < 0 ? line.size() : line.indexOf(' ')).toUpper();
    QString name = QStringLiteral("(other)");
    if (verbs.contains(verb) || verb.startsWith("MAIL") || verb.startsWith("RCPT")) {
        const QByteArray upper = line.left(10).toUpper();
        name = upper.startsWith("MAIL FROM:") ? QStringLiteral("MAIL FROM")
               : upper.startsWith("RCPT TO:") ? QStringLiteral("RCPT TO")
                                              : QString::fromLatin1(verb);
    }
    QJsonObject o{{QStringLiteral("session"), qint64(m_id)},
                  {QStringLiteral("peer"), m_peerText},
                  {QStringLiteral("command"), name},
                  {QStringLiteral("delay"), out.delaySeconds}};
    if (out.code)
        o.insert(QStringLiteral("code"), out.code);
    if (name == QLatin1String("MAIL FROM") || name == QLatin1String("RCPT TO"))
        o.insert(QStringLiteral("path"), pathArgument(line));
    m_ctx.events->emitEvent(QStringLiteral("command"), o);
}

void SmtpConnection::emitSessionEvents(const QList<engine::SessionEvent> &events)
{
    for (const engine::SessionEvent &ev : events) {
        if (ev.type == QLatin1String("close"))
            m_closeReported = true;
        if (m_ctx.events->enabled()) {
            QJsonObject o{{QStringLiteral("session"), qint64(m_id)}, {QStringLiteral("peer"), m_peerText}};
            if (!ev.command.isEmpty())
                o.insert(QStringLiteral("command"), ev.command);
            if (ev.code)
                o.insert(QStringLiteral("code"), ev.code);
            if (!ev.detail.isEmpty())
                o.insert(QStringLiteral("detail"), ev.detail);
            if (!ev.logStatus.isEmpty())
                o.insert(QStringLiteral("status"), ev.logStatus);
            m_ctx.events->emitEvent(ev.type, o);
        }
        if (!ev.logStatus.isEmpty())
            logStatus(ev.logStatus, &ev);
    }
}

void SmtpConnection::logStatus(const QString &status, const engine::SessionEvent *event)
{
    if (!m_ctx.log)
        return;
    SmtpLogRecord r;
    r.serverFqdn = m_ctx.policy->serverDomain();
    r.serverDomain = m_ctx.policy->settings().rootDomain.value_or(r.serverFqdn);
    r.peer = m_peerText;
    // The fields name this line's own transaction: the envelope is the last delivered
    // message's, so it is used for RECV only; a refused MAIL or RCPT names the path it
    // refused, anything else the transaction in progress (none after RSET or a message).
    const QString command = event ? event->command : QString();
    const bool received = status.startsWith(QLatin1String("RECV"));
    if (m_session) {
        const engine::Envelope &env = m_session->envelope();
        r.helo = m_helo.isEmpty() ? env.heloName : m_helo;
        r.logonUser = m_session->authUser();
        if (received) {
            r.sender = env.mailFrom;
            if (!env.recipients.isEmpty())
                r.recipient = env.recipients.constLast();
        } else if (command == QLatin1String("MAIL FROM") || command == QLatin1String("BODY")) {
            r.sender = m_lastSender; // the refused path, or the message refused at its end
        } else {
            r.sender = m_session->transactionSender();
        }
    }
    if (command == QLatin1String("RCPT TO"))
        r.recipient = m_lastRecipient;
    r.destinationDomain = domainOf(r.recipient);
    if (received) {
        r.messageId = m_lastMessageId;
        r.size = m_lastMessageSize;
    }
    r.status = status;
    if (m_dns.ptrName)
        r.clientFqdn = *m_dns.ptrName;
    m_ctx.log->write(r);
}

void SmtpConnection::armIdleTimer()
{
    if (m_ctx.options->idleTimeoutSeconds > 0)
        m_idleTimer.start(m_ctx.options->idleTimeoutSeconds * 1000, this);
}

void SmtpConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_delayTimer.timerId()) {
        m_delayTimer.stop();
        if (m_greetPending) {
            m_greetPending = false;
            const qint64 ttl = m_ctx.policy->settings().greetPassTtl;
            if (m_ctx.stateStore && ttl > 0)
                m_ctx.stateStore->write(
                    {engine::greetpass::record(m_peerText, QDateTime::currentSecsSinceEpoch(), ttl)});
        }
        const SessionOutput out = m_pending;
        m_pending = SessionOutput{};
        carryOut(out);
        processInput();
    } else if (event->timerId() == m_idleTimer.timerId()) {
        m_idleTimer.stop();
        if (!m_session || m_busy || m_closing)
            return;
        SessionOutput out = m_session->timedOut();
        out.delaySeconds = 0;
        out.close = true;
        if (m_ctx.events->enabled())
            m_ctx.events->emitEvent(QStringLiteral("timeout"), {{QStringLiteral("session"), qint64(m_id)},
                                                                {QStringLiteral("peer"), m_peerText}});
        apply(out);
    } else if (event->timerId() == m_lifeTimer.timerId()) {
        if (m_delivering) { // the message's 250 or 4xx goes out first
            m_lifeTimer.start(1000, this);
            return;
        }
        m_lifeTimer.stop();
        if (m_closing || m_finished)
            return;
        if (m_ctx.events->enabled())
            m_ctx.events->emitEvent(QStringLiteral("timeout"),
                                    {{QStringLiteral("session"), qint64(m_id)},
                                     {QStringLiteral("peer"), m_peerText},
                                     {QStringLiteral("detail"), QStringLiteral("session time limit")}});
        logStatus(QStringLiteral("SMTP=ELIFETIME"), nullptr);
        m_pending = SessionOutput{};
        const QString domain = m_ctx.policy ? m_ctx.policy->serverDomain() : QString();
        sendReply(QStringLiteral("421 4.4.2 %1 Session time limit exceeded, closing transmission channel\r\n")
                      .arg(domain)
                      .toLatin1());
        closeAfterReply();
    } else if (event->timerId() == m_tlsWaitTimer.timerId()) {
        m_tlsWaitTimer.stop();
        if (m_discardPlaintext)
            discardPlaintext();
        tryBeginTls();
    } else if (event->timerId() == m_closeTimer.timerId()) {
        // A client that never reads its last reply, or a TLS handshake that never ends.
        m_closeTimer.stop();
        if (m_tls)
            m_tls->abort();
        onDisconnected();
    } else {
        QObject::timerEvent(event);
    }
}

void SmtpConnection::onDisconnected()
{
    if (m_finished)
        return;
    m_finished = true;
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    m_delayTimer.stop();
    m_idleTimer.stop();
    m_closeTimer.stop();
    m_lifeTimer.stop();
    m_tlsWaitTimer.stop();
    if (m_ctx.events->enabled() && !m_closeReported)
        m_ctx.events->emitEvent(QStringLiteral("close"),
                                {{QStringLiteral("session"), qint64(m_id)},
                                 {QStringLiteral("peer"), m_peerText},
                                 {QStringLiteral("detail"), QStringLiteral("disconnected")}});
    emit finished(this);
}

} // namespace xmflow::daemon

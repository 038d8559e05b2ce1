#include "RelayClient.h"

#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTimerEvent>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace xmflow::daemon {

QList<RelayTarget> parseGateways(const QString &text)
{
    QList<RelayTarget> targets;
    static const QRegularExpression sep(QStringLiteral("[,;\\s]+"));
    const QStringList items = text.split(sep, Qt::SkipEmptyParts);
    for (const QString &item : items) {
        RelayTarget t;
        if (item.startsWith(QLatin1Char('['))) {
            const qsizetype close = item.indexOf(QLatin1Char(']'));
            if (close < 0)
                continue;
            t.host = item.mid(1, close - 1);
            if (item.mid(close + 1).startsWith(QLatin1Char(':')))
                t.port = quint16(item.mid(close + 2).toUInt());
        } else if (item.count(QLatin1Char(':')) == 1) {
            const qsizetype colon = item.indexOf(QLatin1Char(':'));
            t.host = item.left(colon);
            t.port = quint16(item.mid(colon + 1).toUInt());
        } else {
            t.host = item;
        }
        if (t.port == 0)
            t.port = 25;
        if (!t.host.isEmpty())
            targets << t;
    }
    return targets;
}

namespace {
// The socket's unsent bytes while a body streams out: enough to keep the link busy.
constexpr qint64 kBodyHighWater = 256 * 1024;
constexpr qint64 kBodyChunk = 64 * 1024;
// A reply line is at most 512 octets (RFC 5321 4.5.3.1.5). A next hop or remote MX that
// sends a far longer one, or a multi-line reply without end, is broken or hostile: the
// connection is given up like a timed-out one instead of buffering without bound.
constexpr qsizetype kMaxReplyLineBytes = 4096;
constexpr int kMaxReplyLines = 256;
} // namespace

void BodyEncoder::add(const char *data, qsizetype size, QByteArray *out)
{
    const char *p = data;
    const char *end = data + size;
    while (p < end) {
        if (m_inBreak) {
            // The rest of a break that began with a CR: more CRs, then at most one LF.
            if (*p == '\r') {
                ++p;
                continue;
            }
            m_inBreak = false;
            if (*p == '\n') {
                ++p;
                continue;
            }
        }
        if (m_lineStart && *p == '.')
            out->append('.');
        const char *q = p;
        while (q < end && *q != '\r' && *q != '\n')
            ++q;
        if (q > p) {
            out->append(p, q - p);
            m_lineStart = false;
        }
        if (q == end)
            break;
        out->append("\r\n", 2);
        m_lineStart = true;
        m_inBreak = *q == '\r';
        p = q + 1;
    }
}

void BodyEncoder::finish(QByteArray *out)
{
    if (!m_lineStart)
        out->append("\r\n", 2);
    out->append(".\r\n", 3);
    m_lineStart = true;
    m_inBreak = false;
}

RelayClient::RelayClient(const QList<RelayTarget> &targets, const QString &heloName, int timeoutMs,
                         QObject *parent, const RelayClientOptions &options)
    : QObject(parent), m_targets(targets), m_helo(heloName), m_timeoutMs(timeoutMs), m_options(options)
{
}

RelayClient::~RelayClient() = default;

QByteArray RelayClient::encodeBody(const QByteArray &message)
{
    QByteArray out;
    out.reserve(message.size() + message.size() / 20 + 8);
    BodyEncoder encoder;
    encoder.add(message.constData(), message.size(), &out);
    encoder.finish(&out);
    return out;
}

bool RelayClient::safeCommandArgument(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return false;
    return true;
}

void RelayClient::start(const RelayJob &job)
{
    takeJob(job); // (no target yet: connectNext() names it)
    connectNext();
}

void RelayClient::send(const RelayJob &job)
{
    Q_ASSERT(isIdle());
    takeJob(job);
    beginTransaction();
}

void RelayClient::takeJob(const RelayJob &job)
{
    m_hasJob = true;
    m_job = job;
    m_outcome = RelayOutcome();
    m_outcome.id = job.envelope.id;
    m_outcome.target = m_targetIndex >= 0 && m_targetIndex < m_targets.size()
                           ? m_targets.at(m_targetIndex).text()
                           : QString();
    m_retriedStale = false;
}

void RelayClient::startTransactionState(QList<QPair<Expect, int>> expect)
{
    m_step = Step::Transaction;
    m_expect = std::move(expect);
    m_unsent.clear();
    m_accepted.clear();
    m_mailOk = false;
    m_mailRefusal.clear();
    m_jobReplied = false;
}

bool RelayClient::canPipelineNext() const
{
    return m_pipelining && !m_hasNext && m_step == Step::BodyReply && m_sentOnConnection < m_options.maxMessages;
}

void RelayClient::abort()
{
    m_timer.stop();
    m_body.reset();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    m_step = Step::Done;
}

void RelayClient::connectNext()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    ++m_targetIndex;
    if (m_targetIndex >= m_targets.size()) {
        m_step = Step::Done;
        failJob(false, m_targets.isEmpty()
                           ? QStringLiteral("no gateway configured (DefaultSMTPGateways / XMF-NextHop)")
                           : QStringLiteral("no gateway reachable: ") + m_lastConnectError);
        close();
        return;
    }
    const RelayTarget &t = m_targets.at(m_targetIndex);
    m_outcome.target = t.text();
    m_step = Step::Connect;
    m_buffer.clear();
    m_replyText.clear();
    m_replyLines.clear();
    m_tls = false;
    m_pipelining = false;
    m_needRset = false;
    m_sentOnConnection = 0;
    m_socket = new QSslSocket(this);
    m_socket->setReadBufferSize(4 * kMaxReplyLineBytes); // the rest waits in the kernel (TCP)
    m_socket->setPeerVerifyName(t.host);
    if (m_options.tls != RelayClientOptions::Tls::Verify)
        m_socket->setPeerVerifyMode(QSslSocket::VerifyNone); // as XMF-NextHopTLS=may says
    connect(m_socket, &QSslSocket::connected, this, [this] { m_step = Step::Greeting; });
    connect(m_socket, &QSslSocket::readyRead, this, &RelayClient::onReadyRead);
    connect(m_socket, &QSslSocket::bytesWritten, this, [this] {
        if (m_step == Step::Body)
            pumpBody();
    });
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        m_tls = true;
        m_step = Step::Ehlo; // RFC 3207: what the server said before TLS is forgotten, EHLO again
        write("EHLO " + m_helo.toLatin1() + "\r\n");
    });
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_step == Step::Done)
            return;
        m_lastConnectError = m_outcome.target + QStringLiteral(": ") + m_socket->errorString();
        if (m_step == Step::Connect || m_step == Step::Greeting)
            QMetaObject::invokeMethod(this, &RelayClient::connectNext, Qt::QueuedConnection);
        else
            connectionLost(QStringLiteral("connection lost: ") + m_lastConnectError);
    });
    m_timer.start(m_timeoutMs, this);
    m_socket->connectToHost(t.host, t.port);
}

void RelayClient::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId())
        return;
    m_timer.stop();
    if (m_step == Step::Connect || m_step == Step::Greeting) {
        m_lastConnectError = m_outcome.target + QStringLiteral(": timed out");
        connectNext();
    } else if (m_step == Step::Ready) {
        quit(); // idle long enough
    } else if (m_step == Step::Quit) {
        close();
    } else {
        giveUp(QStringLiteral("timed out"));
    }
}

// The next hop broke the protocol or its time: the next target while connecting, else the
// message waits in the spool for its retry.
void RelayClient::giveUp(const QString &what)
{
    m_timer.stop();
    if (m_step == Step::Connect || m_step == Step::Greeting) {
        m_lastConnectError = m_outcome.target + QStringLiteral(": ") + what;
        connectNext();
    } else if (m_step == Step::Ready || m_step == Step::Quit) {
        close();
    } else {
        m_step = Step::Done;
        failJob(false, what + QStringLiteral(" talking to ") + m_outcome.target);
        close();
    }
}

void RelayClient::write(const QByteArray &bytes)
{
    m_timer.start(m_timeoutMs, this);
    m_socket->write(bytes);
}

void RelayClient::onReadyRead()
{
    m_buffer += m_socket->readAll();
    qsizetype start = 0;
    qsizetype lf;
    while ((lf = m_buffer.indexOf('\n', start)) >= 0) {
        QByteArray line = m_buffer.mid(start, lf - start);
        start = lf + 1;
        while (line.endsWith('\r'))
            line.chop(1);
        if (line.size() < 3)
            continue;
        m_replyText += QString::fromLatin1(line.mid(4)) + QLatin1Char(' ');
        m_replyLines << QString::fromLatin1(line.mid(4));
        if (line.size() > kMaxReplyLineBytes || m_replyLines.size() > kMaxReplyLines) {
            giveUp(QStringLiteral("a reply without end"));
            return;
        }
        if (line.size() > 3 && line.at(3) == '-')
            continue; // multi-line reply
        const int code = line.left(3).toInt();
        const QString text = m_replyText.trimmed();
        m_replyText.clear();
        m_capabilities = std::exchange(m_replyLines, QStringList());
        onReply(code, QString::number(code) + QLatin1Char(' ') + text);
        if (m_step == Step::Done || !m_socket)
            return;
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > kMaxReplyLineBytes)
        giveUp(QStringLiteral("a reply line without end"));
}

void RelayClient::onReply(int code, const QString &text)
{
    const bool ok = code >= 200 && code < 400;
    const bool permanent = code >= 500;
    switch (m_step) {
    case Step::Connect:
    case Step::Greeting:
        if (code / 100 != 2) {
            m_lastConnectError = m_outcome.target + QStringLiteral(" greeted ") + text;
            connectNext();
            return;
        }
        m_step = Step::Ehlo;
        write("EHLO " + m_helo.toLatin1() + "\r\n");
        return;
    case Step::Ehlo:
        if (ok) {
            afterEhlo(m_capabilities);
        } else if (m_tls) {
            quit();
            failJob(permanent, QStringLiteral("EHLO refused after STARTTLS: ") + text);
        } else {
            m_step = Step::Helo;
            write("HELO " + m_helo.toLatin1() + "\r\n");
        }
        return;
    case Step::Helo:
        if (!ok) {
            quit();
            failJob(permanent, QStringLiteral("HELO refused: ") + text);
            return;
        }
        if (m_options.tls == RelayClientOptions::Tls::Verify) {
            quit();
            failJob(false,
                    QStringLiteral("no STARTTLS: the next hop does not speak ESMTP (XMF-NextHopTLS=verify)"));
            return;
        }
        authenticateOrMail();
        return;
    case Step::StartTls:
        if (code != 220) {
            if (m_options.tls == RelayClientOptions::Tls::Verify) {
                quit();
                failJob(false, QStringLiteral("STARTTLS refused (XMF-NextHopTLS=verify): ") + text);
                return;
            }
            authenticateOrMail(); // opportunistic: go on in plain text
            return;
        }
        m_step = Step::Handshake;
        m_timer.start(m_timeoutMs, this);
        m_socket->startClientEncryption();
        return;
    case Step::Handshake:
        return; // nothing is said during the handshake
    case Step::AuthPlain:
    case Step::AuthLoginDone:
        if (code != 235) {
            // Wrong credentials are the admin's to fix: the mail waits in the spool meanwhile.
            quit();
            failJob(false, QStringLiteral("AUTH refused by the next hop: ") + text);
            return;
        }
        beginTransaction();
        return;
    case Step::AuthLoginUser:
        if (code != 334) {
            quit();
            failJob(false, QStringLiteral("AUTH LOGIN refused by the next hop: ") + text);
            return;
        }
        m_step = Step::AuthLoginPassword;
        write(m_options.authUser.toUtf8().toBase64() + "\r\n");
        return;
    case Step::AuthLoginPassword:
        if (code != 334) {
            quit();
            failJob(false, QStringLiteral("AUTH LOGIN refused by the next hop: ") + text);
            return;
        }
        m_step = Step::AuthLoginDone;
        write(m_options.authPassword.toUtf8().toBase64() + "\r\n");
        return;
    case Step::Transaction:
        onTransactionReply(code, text);
        return;
    case Step::Body:
        return; // nothing is expected before the final "."
    case Step::BodyReply:
        for (const QString &r : std::as_const(m_accepted)) {
            if (ok) {
                m_outcome.delivered << r;
            } else {
                (permanent ? m_outcome.permanentFailures : m_outcome.temporaryFailures) << r;
                m_outcome.reasons.insert(r, QStringLiteral("message refused: ") + text);
            }
        }
        m_outcome.summary = text;
        m_needRset = false; // the final reply ends the transaction
        completeJob();
        return;
    case Step::DotAbort:
        m_needRset = false; // the empty DATA ended the transaction
        completeJob();
        return;
    case Step::Ready:
        return; // nothing was asked (a 421 before closing arrives as an error next)
    case Step::Quit:
        close();
        return;
    case Step::Done:
        return;
    }
}

void RelayClient::afterEhlo(const QStringList &capabilities)
{
    bool startTls = false;
    m_pipelining = false;
    for (const QString &c : capabilities) {
        const QString cap = c.trimmed();
        startTls = startTls || cap.compare(QLatin1String("STARTTLS"), Qt::CaseInsensitive) == 0;
        m_pipelining = m_pipelining || cap.compare(QLatin1String("PIPELINING"), Qt::CaseInsensitive) == 0;
    }
    if (!m_tls && m_options.tls != RelayClientOptions::Tls::Off && startTls && QSslSocket::supportsSsl()) {
        m_step = Step::StartTls;
        write("STARTTLS\r\n");
        return;
    }
    if (!m_tls && m_options.tls == RelayClientOptions::Tls::Verify) {
        quit();
        failJob(false, QStringLiteral("the next hop offers no STARTTLS (XMF-NextHopTLS=verify)"));
        return;
    }
    authenticateOrMail();
}

void RelayClient::authenticateOrMail()
{
    if (m_options.authUser.isEmpty()) {
        beginTransaction();
        return;
    }
    if (!m_tls && !m_socket->peerAddress().isLoopback()) {
        quit();
        failJob(false,
                QStringLiteral("XMF-NextHopAuth: the password goes only over TLS or to a loopback next "
                               "hop, and %1 offered no STARTTLS")
                    .arg(m_outcome.target));
        return;
    }
    QStringList mechanisms;
    for (const QString &c : std::as_const(m_capabilities)) {
        const QString upper = c.trimmed().toUpper();
        if (upper.startsWith(QLatin1String("AUTH ")) || upper.startsWith(QLatin1String("AUTH=")))
            mechanisms += upper.mid(5).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    if (mechanisms.contains(QLatin1String("PLAIN"))) {
        m_step = Step::AuthPlain;
        const QByteArray token = '\0' + m_options.authUser.toUtf8() + '\0' + m_options.authPassword.toUtf8();
        write("AUTH PLAIN " + token.toBase64() + "\r\n");
    } else if (mechanisms.contains(QLatin1String("LOGIN"))) {
        m_step = Step::AuthLoginUser;
        write("AUTH LOGIN\r\n");
    } else {
        quit();
        failJob(false,
                QStringLiteral("XMF-NextHopAuth: %1 offers no AUTH PLAIN or LOGIN").arg(m_outcome.target));
    }
}

bool RelayClient::transactionFor(const RelayJob &job, const QString &helo, QList<QByteArray> *commands,
                                 QList<QPair<Expect, int>> *expect)
{
    const SpoolEnvelope &e = job.envelope;
    bool safe = safeCommandArgument(e.mailFrom) && safeCommandArgument(helo) && !e.recipients.isEmpty();
    for (const QString &r : std::as_const(e.recipients))
        safe = safe && safeCommandArgument(r);
    if (!safe)
        return false;
    *commands << "MAIL FROM:<" + e.mailFrom.toLatin1() + ">\r\n";
    *expect << qMakePair(Expect::Mail, 0);
    for (int i = 0; i < e.recipients.size(); ++i) {
        *commands << "RCPT TO:<" + e.recipients.at(i).toLatin1() + ">\r\n";
        *expect << qMakePair(Expect::Rcpt, i);
    }
    *commands << QByteArrayLiteral("DATA\r\n");
    *expect << qMakePair(Expect::Data, 0);
    return true;
}

void RelayClient::beginTransaction()
{
    if (!m_hasJob) {
        startIdle();
        return;
    }
    QList<QByteArray> commands;
    QList<QPair<Expect, int>> expect;
    if (!transactionFor(m_job, m_helo, &commands, &expect)) {
        failJob(true, QStringLiteral("control character in the envelope; not sent"));
        return;
    }
    startTransactionState({});
    ++m_sentOnConnection;
    if (m_needRset) {
        m_unsent << QByteArrayLiteral("RSET\r\n");
        m_expect << qMakePair(Expect::Rset, 0);
        m_needRset = false;
    }
    m_unsent += commands;
    m_expect += expect;
    if (m_pipelining) { // RFC 2920: the whole group in one write, DATA last
        write(m_unsent.join());
        m_unsent.clear();
    } else {
        write(m_unsent.takeFirst());
    }
}

bool RelayClient::sendPipelined(const RelayJob &job)
{
    if (!canPipelineNext())
        return false;
    QList<QByteArray> commands;
    m_nextExpect.clear();
    if (!transactionFor(job, m_helo, &commands, &m_nextExpect))
        return false;
    // The "." ends the transaction whatever its reply: no RSET is needed in between.
    m_hasNext = true;
    m_next = job;
    ++m_sentOnConnection;
    write(commands.join());
    return true;
}

void RelayClient::promoteNext()
{
    m_hasNext = false;
    takeJob(std::exchange(m_next, RelayJob()));
    startTransactionState(std::exchange(m_nextExpect, {})); // its commands are out already
    m_needRset = false;
}

void RelayClient::reportNextUntouched(const QString &reason)
{
    if (!m_hasNext)
        return;
    m_hasNext = false;
    RelayOutcome outcome;
    outcome.id = m_next.envelope.id;
    outcome.untouched = true;
    outcome.summary = reason;
    for (const QString &r : std::as_const(m_next.envelope.recipients)) {
        outcome.temporaryFailures << r;
        outcome.reasons.insert(r, reason);
    }
    m_next = RelayJob();
    m_nextExpect.clear();
    emit finished(outcome);
}

void RelayClient::onTransactionReply(int code, const QString &text)
{
    if (m_expect.isEmpty())
        return;
    m_jobReplied = true;
    const bool ok = code >= 200 && code < 400;
    const bool permanent = code >= 500;
    const auto [kind, index] = m_expect.takeFirst();
    const QStringList &recipients = m_job.envelope.recipients;
    switch (kind) {
    case Expect::Rset:
        break; // whatever it says, MAIL tells
    case Expect::Mail:
        m_mailOk = ok;
        if (!ok) {
            m_mailRefusal = QStringLiteral("MAIL FROM refused: ") + text;
            m_mailPermanent = permanent;
        } else {
            m_needRset = true; // until DATA ends the transaction
        }
        if (!ok && !m_pipelining) {
            failJob(permanent, m_mailRefusal);
            return;
        }
        break;
    case Expect::Rcpt: {
        const QString &rcpt = recipients.at(index);
        if (!m_mailOk) {
            (m_mailPermanent ? m_outcome.permanentFailures : m_outcome.temporaryFailures) << rcpt;
            m_outcome.reasons.insert(rcpt, m_mailRefusal);
        } else if (ok) {
            m_accepted << rcpt;
        } else {
            (permanent ? m_outcome.permanentFailures : m_outcome.temporaryFailures) << rcpt;
            m_outcome.reasons.insert(rcpt, text);
        }
        break;
    }
    case Expect::Data:
        if (code == 354) {
            if (m_accepted.isEmpty()) {
                // RFC 2920: a server that said 354 with no recipient gets an empty message.
                m_step = Step::DotAbort;
                m_outcome.summary =
                    m_mailRefusal.isEmpty() ? QStringLiteral("no recipient accepted") : m_mailRefusal;
                write(".\r\n");
                return;
            }
            m_body = std::make_unique<BodyFile>();
            m_body->fd = ::open(QFile::encodeName(m_job.path).constData(), O_RDONLY | O_CLOEXEC);
            m_body->offset = m_job.bodyOffset;
            if (m_body->fd < 0) {
                // Gone meanwhile (or unreadable): nothing can be sent; an empty message ends the DATA.
                m_body.reset();
                for (const QString &r : std::as_const(m_accepted)) {
                    m_outcome.temporaryFailures << r;
                    m_outcome.reasons.insert(r, QStringLiteral("spool entry unreadable"));
                }
                m_accepted.clear();
                m_step = Step::DotAbort;
                write(".\r\n");
                return;
            }
            m_encoder = BodyEncoder();
            m_step = Step::Body;
            pumpBody();
            return;
        }
        for (const QString &r : std::as_const(m_accepted)) {
            (permanent ? m_outcome.permanentFailures : m_outcome.temporaryFailures) << r;
            m_outcome.reasons.insert(r, QStringLiteral("DATA refused: ") + text);
        }
        m_accepted.clear();
        if (m_outcome.summary.isEmpty())
            m_outcome.summary = text;
        completeJob();
        return;
    }
    if (!m_unsent.isEmpty()) {
        // Without PIPELINING: one command at a time, and no DATA when nobody was accepted.
        if (m_unsent.size() == 1 && m_accepted.isEmpty()) {
            m_unsent.clear();
            m_expect.clear();
            m_outcome.summary = QStringLiteral("no recipient accepted");
            completeJob();
            return;
        }
        write(m_unsent.takeFirst());
    }
}

RelayClient::BodyFile::~BodyFile()
{
    if (fd >= 0)
        ::close(fd);
}

void RelayClient::pumpBody()
{
    if (!m_body)
        return;
    QByteArray out;
    while (m_socket->bytesToWrite() + out.size() < kBodyHighWater) {
        char buf[kBodyChunk];
        qint64 n;
        do
            n = ::pread(m_body->fd, buf, sizeof buf, m_body->offset);
        while (n < 0 && errno == EINTR);
        if (n > 0)
            m_body->offset += n;
        if (n < 0) {
            // The file went bad under us: the next hop must not take a truncated message.
            m_body.reset();
            m_step = Step::Done;
            failJob(false, QStringLiteral("cannot read the spool entry"));
            close();
            return;
        }
        if (n == 0) {
            m_encoder.finish(&out);
            m_body.reset();
            m_step = Step::BodyReply;
            break;
        }
        m_encoder.add(buf, n, &out);
    }
    if (!out.isEmpty())
        write(out);
    if (canPipelineNext())
        emit readyForNext();
}

void RelayClient::failJob(bool permanent, const QString &reason)
{
    if (!m_hasJob)
        return;
    for (const QString &r : std::as_const(m_job.envelope.recipients)) {
        if (m_outcome.delivered.contains(r) || m_outcome.permanentFailures.contains(r) ||
            m_outcome.temporaryFailures.contains(r))
            continue;
        (permanent ? m_outcome.permanentFailures : m_outcome.temporaryFailures) << r;
        m_outcome.reasons.insert(r, reason);
    }
    m_outcome.summary = reason;
    completeJob();
}

void RelayClient::completeJob()
{
    if (!m_hasJob)
        return;
    m_hasJob = false;
    m_body.reset();
    m_expect.clear();
    m_unsent.clear();
    // Recipients the conversation never reached stay temporary.
    for (const QString &r : std::as_const(m_job.envelope.recipients)) {
        if (!m_outcome.delivered.contains(r) && !m_outcome.permanentFailures.contains(r) &&
            !m_outcome.temporaryFailures.contains(r)) {
            m_outcome.temporaryFailures << r;
            m_outcome.reasons.insert(r, m_outcome.summary.isEmpty() ? QStringLiteral("not attempted")
                                                                    : m_outcome.summary);
        }
    }
    const RelayOutcome outcome = std::exchange(m_outcome, RelayOutcome());
    // The message pipelined behind this one goes on (its replies come next); else idle
    // before the report, so that the queue can hand over the next message at once.
    // (A failure while setting up the session has already said QUIT.)
    if (m_hasNext && m_step == Step::BodyReply)
        promoteNext();
    else
        startIdle();
    emit finished(outcome);
}

void RelayClient::startIdle()
{
    if (m_step == Step::Done || m_step == Step::Quit)
        return;
    if (m_sentOnConnection >= m_options.maxMessages) {
        quit();
        return;
    }
    m_step = Step::Ready;
    m_timer.start(m_options.idleMs, this);
}

void RelayClient::connectionLost(const QString &reason)
{
    if (m_step == Step::Quit || m_step == Step::Ready || !m_hasJob) {
        close();
        return;
    }
    // A reused connection the next hop had already closed: nothing of this message was
    // answered, so it goes again at once on a fresh connection (once).
    if (m_sentOnConnection > 1 && !m_jobReplied && !m_retriedStale && m_step == Step::Transaction) {
        m_retriedStale = true;
        m_targetIndex = -1;
        m_socket->disconnect(this); // its further errors are no news
        QMetaObject::invokeMethod(this, &RelayClient::connectNext, Qt::QueuedConnection);
        m_step = Step::Connect;
        return;
    }
    m_step = Step::Done; // no QUIT on a dead connection
    failJob(false, reason);
    close();
}

void RelayClient::quit()
{
    if (m_step == Step::Done || m_step == Step::Quit)
        return;
    m_step = Step::Quit;
    write("QUIT\r\n");
}

void RelayClient::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_step = Step::Done;
    m_timer.stop();
    m_body.reset();
    if (m_hasJob)
        failJob(false, m_outcome.summary.isEmpty() ? QStringLiteral("connection closed") : m_outcome.summary);
    reportNextUntouched(QStringLiteral("connection closed before its turn"));
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->disconnectFromHost();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    emit closed();
}

} // namespace xmflow::daemon

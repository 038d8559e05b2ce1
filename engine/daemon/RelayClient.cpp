#include "RelayClient.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTimerEvent>

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

RelayClient::RelayClient(const QList<RelayTarget> &targets, const SpoolEnvelope &envelope,
                         const QByteArray &message, const QString &heloName, int timeoutMs, QObject *parent,
                         const RelayClientOptions &options)
    : QObject(parent), m_targets(targets), m_envelope(envelope), m_message(message), m_helo(heloName),
      m_timeoutMs(timeoutMs), m_options(options)
{
}

QByteArray RelayClient::encodeBody(const QByteArray &message)
{
    QByteArray out;
    out.reserve(message.size() + message.size() / 20 + 8);
    const char *data = message.constData();
    const qsizetype size = message.size();
    qsizetype pos = 0;
    while (pos < size) {
        qsizetype end = pos;
        while (end < size && data[end] != '\r' && data[end] != '\n')
            ++end;
        if (data[pos] == '.')
            out += '.';
        out += QByteArrayView(data + pos, end - pos);
        out += "\r\n";
        // One line break: a run of CRs with an optional LF, or a lone LF.
        while (end < size && data[end] == '\r')
            ++end;
        if (end < size && data[end] == '\n')
            ++end;
        pos = end;
    }
    out += ".\r\n";
    return out;
}

bool RelayClient::safeCommandArgument(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return false;
    return true;
}

void RelayClient::start()
{
    bool safe = safeCommandArgument(m_envelope.mailFrom) && safeCommandArgument(m_helo);
    for (const QString &r : std::as_const(m_envelope.recipients))
        safe = safe && safeCommandArgument(r);
    if (!safe) {
        QMetaObject::invokeMethod(
            this, [this] { failAll(true, QStringLiteral("control character in the envelope; not sent")); },
            Qt::QueuedConnection);
        return;
    }
    connectNext();
}

void RelayClient::abort()
{
    m_timer.stop();
    if (m_socket)
        m_socket->abort();
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
        failAll(false, m_targets.isEmpty() ? QStringLiteral("no gateway configured (DefaultSMTPGateways / XMF-NextHop)")
                                           : QStringLiteral("no gateway reachable: ") + m_lastConnectError);
        return;
    }
    const RelayTarget &t = m_targets.at(m_targetIndex);
    m_outcome.target = t.text();
    m_step = Step::Connect;
    m_buffer.clear();
    m_replyText.clear();
    m_replyLines.clear();
    m_tls = false;
    m_socket = new QSslSocket(this);
    m_socket->setPeerVerifyName(t.host);
    if (m_options.tls != RelayClientOptions::Tls::Verify)
        m_socket->setPeerVerifyMode(QSslSocket::VerifyNone); // as XMF-NextHopTLS=may says
    connect(m_socket, &QSslSocket::connected, this, [this] { m_step = Step::Greeting; });
    connect(m_socket, &QSslSocket::readyRead, this, &RelayClient::onReadyRead);
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        m_tls = true;
        m_step = Step::Ehlo; // RFC 3207: what the server said before TLS is forgotten, EHLO again
        send("EHLO " + m_helo.toLatin1() + "\r\n");
    });
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_step == Step::Done)
            return;
        m_lastConnectError = m_outcome.target + QStringLiteral(": ") + m_socket->errorString();
        if (m_step == Step::Connect || m_step == Step::Greeting)
            QMetaObject::invokeMethod(this, &RelayClient::connectNext, Qt::QueuedConnection);
        else if (m_step == Step::Quit)
            finish();
        else
            failAll(false, QStringLiteral("connection lost: ") + m_lastConnectError);
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
    } else if (m_step == Step::Quit) {
        finish();
    } else {
        failAll(false, QStringLiteral("timed out talking to ") + m_outcome.target);
    }
}

void RelayClient::send(const QByteArray &line)
{
    m_timer.start(m_timeoutMs, this);
    m_socket->write(line);
}

void RelayClient::onReadyRead()
{
    m_buffer += m_socket->readAll();
    qsizetype lf;
    while ((lf = m_buffer.indexOf('\n')) >= 0) {
        QByteArray line = m_buffer.left(lf);
        m_buffer.remove(0, lf + 1);
        while (line.endsWith('\r'))
            line.chop(1);
        if (line.size() < 3)
            continue;
        m_replyText += QString::fromLatin1(line.mid(4)) + QLatin1Char(' ');
        m_replyLines << QString::fromLatin1(line.mid(4));
        if (line.size() > 3 && line.at(3) == '-')
            continue; // multi-line reply
        const int code = line.left(3).toInt();
        const QString text = m_replyText.trimmed();
        m_replyText.clear();
        m_capabilities = std::exchange(m_replyLines, QStringList());
        onReply(code, QString::number(code) + QLatin1Char(' ') + text);
        if (m_step == Step::Done)
            return;
    }
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
        send("EHLO " + m_helo.toLatin1() + "\r\n");
        return;
    case Step::Ehlo:
        if (ok) {
            afterEhlo(m_capabilities);
        } else if (m_tls) {
            failAll(permanent, QStringLiteral("EHLO refused after STARTTLS: ") + text);
        } else {
            m_step = Step::Helo;
            send("HELO " + m_helo.toLatin1() + "\r\n");
        }
        return;
    case Step::Helo:
        if (!ok) {
            failAll(permanent, QStringLiteral("HELO refused: ") + text);
            return;
        }
        if (m_options.tls == RelayClientOptions::Tls::Verify) {
            failAll(false,
                    QStringLiteral("no STARTTLS: the next hop does not speak ESMTP (XMF-NextHopTLS=verify)"));
            return;
        }
        authenticateOrMail();
        return;
    case Step::StartTls:
        if (code != 220) {
            if (m_options.tls == RelayClientOptions::Tls::Verify) {
                failAll(false, QStringLiteral("STARTTLS refused (XMF-NextHopTLS=verify): ") + text);
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
            failAll(false, QStringLiteral("AUTH refused by the next hop: ") + text);
            return;
        }
        sendMail();
        return;
    case Step::AuthLoginUser:
        if (code != 334) {
            failAll(false, QStringLiteral("AUTH LOGIN refused by the next hop: ") + text);
            return;
        }
        m_step = Step::AuthLoginPassword;
        send(m_options.authUser.toUtf8().toBase64() + "\r\n");
        return;
    case Step::AuthLoginPassword:
        if (code != 334) {
            failAll(false, QStringLiteral("AUTH LOGIN refused by the next hop: ") + text);
            return;
        }
        m_step = Step::AuthLoginDone;
        send(m_options.authPassword.toUtf8().toBase64() + "\r\n");
        return;
    case Step::Mail:
        if (!ok) {
            failAll(permanent, QStringLiteral("MAIL FROM refused: ") + text);
            return;
        }
        m_step = Step::Rcpt;
        m_rcptIndex = 0;
        send("RCPT TO:<" + m_envelope.recipients.at(0).toLatin1() + ">\r\n");
        return;
    case Step::Rcpt: {
        const QString rcpt = m_envelope.recipients.at(m_rcptIndex);
        if (ok) {
            m_accepted << rcpt;
        } else {
            (permanent ? m_outcome.permanentFailures : m_outcome.temporaryFailures) << rcpt;
            m_outcome.reasons.insert(rcpt, text);
        }
        nextRecipient();
        return;
    }
    case Step::Data:
        if (code != 354) {
            for (const QString &r : std::as_const(m_accepted)) {
                (permanent ? m_outcome.permanentFailures : m_outcome.temporaryFailures) << r;
                m_outcome.reasons.insert(r, QStringLiteral("DATA refused: ") + text);
            }
            m_accepted.clear();
            m_step = Step::Quit;
            send("QUIT\r\n");
            return;
        }
        m_step = Step::Body;
        send(encodeBody(m_message));
        return;
    case Step::Body:
        for (const QString &r : std::as_const(m_accepted)) {
            if (ok)
                m_outcome.delivered << r;
            else
                (permanent ? m_outcome.permanentFailures : m_outcome.temporaryFailures) << r;
            if (!ok)
                m_outcome.reasons.insert(r, QStringLiteral("message refused: ") + text);
        }
        m_outcome.summary = text;
        m_step = Step::Quit;
        send("QUIT\r\n");
        return;
    case Step::Quit:
        finish();
        return;
    case Step::Done:
        return;
    }
}

void RelayClient::afterEhlo(const QStringList &capabilities)
{
    bool startTls = false;
    for (const QString &c : capabilities)
        startTls = startTls || c.trimmed().compare(QLatin1String("STARTTLS"), Qt::CaseInsensitive) == 0;
    if (!m_tls && m_options.tls != RelayClientOptions::Tls::Off && startTls && QSslSocket::supportsSsl()) {
        m_step = Step::StartTls;
        send("STARTTLS\r\n");
        return;
    }
    if (!m_tls && m_options.tls == RelayClientOptions::Tls::Verify) {
        failAll(false, QStringLiteral("the next hop offers no STARTTLS (XMF-NextHopTLS=verify)"));
        return;
    }
    authenticateOrMail();
}

void RelayClient::authenticateOrMail()
{
    if (m_options.authUser.isEmpty()) {
        sendMail();
        return;
    }
    if (!m_tls && !m_socket->peerAddress().isLoopback()) {
        failAll(false,
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
        send("AUTH PLAIN " + token.toBase64() + "\r\n");
    } else if (mechanisms.contains(QLatin1String("LOGIN"))) {
        m_step = Step::AuthLoginUser;
        send("AUTH LOGIN\r\n");
    } else {
        failAll(false,
                QStringLiteral("XMF-NextHopAuth: %1 offers no AUTH PLAIN or LOGIN").arg(m_outcome.target));
    }
}

void RelayClient::sendMail()
{
    m_step = Step::Mail;
    send("MAIL FROM:<" + m_envelope.mailFrom.toLatin1() + ">\r\n");
}

void RelayClient::nextRecipient()
{
    ++m_rcptIndex;
    if (m_rcptIndex < m_envelope.recipients.size()) {
        send("RCPT TO:<" + m_envelope.recipients.at(m_rcptIndex).toLatin1() + ">\r\n");
        return;
    }
    if (m_accepted.isEmpty()) {
        m_step = Step::Quit;
        send("QUIT\r\n");
        return;
    }
    m_step = Step::Data;
    send("DATA\r\n");
}

void RelayClient::failAll(bool permanent, const QString &reason)
{
    if (m_step == Step::Done)
        return;
    for (const QString &r : std::as_const(m_envelope.recipients)) {
        if (m_outcome.delivered.contains(r) || m_outcome.permanentFailures.contains(r)
            || m_outcome.temporaryFailures.contains(r))
            continue;
        (permanent ? m_outcome.permanentFailures : m_outcome.temporaryFailures) << r;
        m_outcome.reasons.insert(r, reason);
    }
    m_outcome.summary = reason;
    finish();
}

void RelayClient::finish()
{
    if (m_step == Step::Done)
        return;
    m_step = Step::Done;
    m_timer.stop();
    // Recipients the conversation never reached (lost connection after DATA) stay temporary.
    for (const QString &r : std::as_const(m_envelope.recipients)) {
        if (!m_outcome.delivered.contains(r) && !m_outcome.permanentFailures.contains(r)
            && !m_outcome.temporaryFailures.contains(r)) {
            m_outcome.temporaryFailures << r;
            m_outcome.reasons.insert(r, m_outcome.summary.isEmpty() ? QStringLiteral("not attempted")
                                                                     : m_outcome.summary);
        }
    }
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->disconnectFromHost();
    }
    emit finished(m_outcome);
}

} // namespace xmflow::daemon

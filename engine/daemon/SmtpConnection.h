#pragma once

#include "Resolver.h"
#include "ServeContext.h"
#include "SmtpSession.h"

#include <QBasicTimer>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

class QSocketNotifier;
class QSslSocket;

namespace xmflow::daemon {

// One client connection: reads command lines from the socket, feeds them to the
// engine's SmtpSession and carries out what it says (replies, delays, delivery,
// STARTTLS, close). Delays are timers; lines that arrive meanwhile wait in the
// input buffer and are handled in order (pipelining).
//
// Plain-text sessions use the descriptor directly (a QSocketNotifier and our own
// buffers, squeezed when idle) so that ten thousand tarpitted sessions stay cheap;
// QTcpSocket keeps two 16 KB buffers per connection for good. STARTTLS hands the
// descriptor to a QSslSocket.
class IncomingMessage;

class SmtpConnection : public QObject
{
    Q_OBJECT
public:
    // Command lines must end within this many bytes (XMail: 1024-byte buffer).
    static constexpr int kMaxCommandLine = 1022;
    // Body lines (XMail continues longer ones; we cap memory instead).
    static constexpr int kMaxDataLine = 1 << 20;
    // Client data held while the session is busy (delay, delivery), and replies the client
    // has not read yet; beyond it we stop reading. A single line in progress may grow to its cap.
    static constexpr int kMaxBuffered = 256 * 1024;
    // In DATA, unread client bytes held while the message's write buffer is full.
    static constexpr int kMaxDataBuffered = 64 * 1024;
    // One recv() at most, and at most this many per readable event (the others' turn).
    static constexpr int kReadStep = 32 * 1024;
    static constexpr int kReadRounds = 16;

    // descriptor: from accept4() with SOCK_NONBLOCK | SOCK_CLOEXEC. implicitTls: a
    // `--listen ADDR:PORT,tls` listener, TLS from the first byte. peer: the client's
    // address when the caller already asked (else it is looked up).
    SmtpConnection(const ServeContext &context, qintptr descriptor, quint64 id, QObject *parent = nullptr,
                   bool implicitTls = false, std::optional<model::IpAddress> peer = std::nullopt);
    ~SmtpConnection() override;

    // The client address of an accepted descriptor (IPv4-mapped addresses unmapped).
    static model::IpAddress peerAddress(qintptr descriptor);

    quint64 id() const { return m_id; }
    QString peerText() const { return m_peerText; }
    // Runs DNS (when the policy needs it), the verdict, then the greeting.
    void begin();
    // Shutdown grace expired: close now.
    void abortSession(const QString &reason);

signals:
    void finished(xmflow::daemon::SmtpConnection *connection);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void onVerdict(const engine::DnsAnswers &dns);
    // After the greet-pass lookup (when the verdict pauses the banner).
    void startSession(engine::ConnectVerdict verdict, bool greetCached);
    void onReadyRead();
    void processInput();
    void apply(const engine::SessionOutput &output);
    void carryOut(const engine::SessionOutput &output);
    void sendReply(const QByteArray &reply);
    void closeAfterReply();
    void finishClose();
    void startTls();
    void tryBeginTls();
    void beginTlsHandshake();
    void discardPlaintext();
    qint64 unacknowledgedOutput() const;
    void startDelivery();
    void checkMailerDomain(const QString &domain);
    void checkGreylist(const QList<QByteArray> &keys);
    void emitDnsEvent(const QString &check, const QList<engine::DnsLookupResult> &queries);
    void emitCommandEvent(const QByteArray &line, const engine::SessionOutput &out);
    void emitSessionEvents(const QList<engine::SessionEvent> &events);
    void logStatus(const QString &status, const engine::SessionEvent *event);
    void armIdleTimer();
    void onDisconnected();
    // Transport: the raw descriptor until STARTTLS, then m_tls.
    void onReadable();
    void onWritable();
    bool transportOpen() const;
    qint64 pendingOutput() const;
    void setReading(bool enabled);
    qsizetype inputLimit() const; // client bytes we hold before we stop reading
    void releaseIdleMemory();

    ServeContext m_ctx; // copy: keeps the policy this session started with
    int m_fd = -1;      // plain-text phase
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QByteArray m_output; // not yet written (plain-text phase)
    bool m_peerClosed = false;
    bool m_pendingTls = false;
    bool m_discardPlaintext = false; // STARTTLS answered, handshake not begun
    QSslSocket *m_tls = nullptr;     // after STARTTLS
    quint64 m_id;
    bool m_implicitTls = false;
    QString m_peerText;
    QString m_localText;
    model::IpAddress m_peer;
    engine::Endpoint m_local;
    engine::SystemClock m_clock;
    std::unique_ptr<engine::SmtpSession> m_session;
    IncomingMessage *m_incoming = nullptr; // the session's message sink (a child: goes with us)
    engine::DnsAnswers m_dns;

    QByteArray m_input;
    engine::SessionOutput m_pending; // the reply waiting for its delay
    QBasicTimer m_delayTimer;
    QBasicTimer m_idleTimer;
    QBasicTimer m_closeTimer;
    QBasicTimer m_lifeTimer; // --max-session-time: NOOPs every few seconds do not keep a slot forever
    bool m_delivering = false;
    QBasicTimer m_tlsWaitTimer; // polls until the 220 to STARTTLS is acknowledged
    bool m_busy = true;         // not taking lines (DNS, delay, delivery, TLS handshake)
    bool m_greetPending = false;
    bool m_closing = false;
    bool m_finished = false;
    bool m_processing = false;
    bool m_closeReported = false;
    QString m_lastMessageId;
    qint64 m_lastMessageSize = 0;
    QString m_lastRecipient;
    QString m_lastSender;
    QString m_helo;
    QByteArray m_pendingCommand; // MAIL FROM waiting for CheckMailerDomain
};

} // namespace xmflow::daemon

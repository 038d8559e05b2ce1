#pragma once

#include "MessageStore.h"

#include <QBasicTimer>
#include <QObject>
#include <QStringList>

class QSslSocket;

namespace xmflow::daemon {

struct RelayTarget {
    QString host;
    quint16 port = 25;
    QString text() const { return host + QLatin1Char(':') + QString::number(port); }
};

// "host[:port],[v6]:port;..." as in DefaultSMTPGateways / XMF-NextHop.
QList<RelayTarget> parseGateways(const QString &text);

struct RelayOutcome {
    QStringList delivered;
    QStringList permanentFailures; // recipient -> reason in `reasons`
    QStringList temporaryFailures;
    QHash<QString, QString> reasons;
    QString summary; // what happened, for logs and events
    QString target;
};

// How the relay client talks to its gateway beyond plain SMTP.
struct RelayClientOptions {
    enum class Tls { May, Verify, Off };
    // May: STARTTLS when offered, certificate not verified (a loopback or LAN next hop);
    // Verify: STARTTLS required and the certificate checked against the host name.
    Tls tls = Tls::May;
    QString authUser; // XMF-NextHopAuth: AUTH PLAIN or LOGIN, only over TLS or to loopback
    QString authPassword;
};

// One delivery attempt of a spool entry to the first reachable gateway: a small
// SMTP client (EHLO/HELO, MAIL, RCPT..., DATA), no pipelining.
class RelayClient : public QObject
{
    Q_OBJECT
public:
    RelayClient(const QList<RelayTarget> &targets, const SpoolEnvelope &envelope, const QByteArray &message,
                const QString &heloName, int timeoutMs, QObject *parent = nullptr,
                const RelayClientOptions &options = {});
    void start();
    void abort();

    // Dot-stuffing and CRLF line ends for the DATA phase, with the final ".". Every line
    // break in the stored message (CRLF, a bare LF, a bare CR, CRs before an LF) goes out
    // as exactly one CRLF: no bare CR or LF can reach the next hop and end its DATA early.
    static QByteArray encodeBody(const QByteArray &message);
    // An envelope path or HELO name with a control character would be a second command
    // on the wire: such an entry is refused, never sent.
    static bool safeCommandArgument(const QString &text);

signals:
    void finished(const xmflow::daemon::RelayOutcome &outcome);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    enum class Step {
        Connect,
        Greeting,
        Ehlo,
        Helo,
        StartTls,
        Handshake,
        AuthPlain,
        AuthLoginUser,
        AuthLoginPassword,
        AuthLoginDone,
        Mail,
        Rcpt,
        Data,
        Body,
        Quit,
        Done
    };
    void afterEhlo(const QStringList &capabilities);
    void authenticateOrMail();
    void sendMail();
    void connectNext();
    void onReadyRead();
    void onReply(int code, const QString &text);
    void send(const QByteArray &line);
    void failAll(bool permanent, const QString &reason);
    void finish();
    void nextRecipient();

    QList<RelayTarget> m_targets;
    int m_targetIndex = -1;
    SpoolEnvelope m_envelope;
    QByteArray m_message;
    QString m_helo;
    int m_timeoutMs;
    QSslSocket *m_socket = nullptr;
    RelayClientOptions m_options;
    QStringList m_replyLines; // of the reply being read (EHLO capabilities)
    QStringList m_capabilities;
    bool m_tls = false;
    QByteArray m_buffer;
    QString m_replyText;
    Step m_step = Step::Connect;
    int m_rcptIndex = 0;
    QStringList m_accepted;
    RelayOutcome m_outcome;
    QBasicTimer m_timer;
    QString m_lastConnectError;
};

} // namespace xmflow::daemon

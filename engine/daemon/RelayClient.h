#pragma once

#include "MessageStore.h"

#include <QBasicTimer>
#include <QObject>
#include <QStringList>

#include <memory>

class QFile;
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
    QString id; // the spool entry
    QStringList delivered;
    QStringList permanentFailures; // recipient -> reason in `reasons`
    QStringList temporaryFailures;
    QHash<QString, QString> reasons;
    QString summary; // what happened, for logs and events
    QString target;
    // Sent behind another message's end of data, and the connection went before any
    // reply for it: nothing of it reached the next hop, it goes again at once.
    bool untouched = false;
};

// How the relay client talks to its gateway beyond plain SMTP.
struct RelayClientOptions {
    enum class Tls { May, Verify, Off };
    // May: STARTTLS when offered, certificate not verified (a loopback or LAN next hop);
    // Verify: STARTTLS required and the certificate checked against the host name.
    Tls tls = Tls::May;
    QString authUser; // XMF-NextHopAuth: AUTH PLAIN or LOGIN, only over TLS or to loopback
    QString authPassword;
    int maxMessages = 100; // per connection, then QUIT and a fresh one
    int idleMs = 5000;     // an idle connection is closed after this
};

// One spool entry to send: its envelope and where its message bytes start in the file.
struct RelayJob {
    SpoolEnvelope envelope;
    QString path;
    qint64 bodyOffset = 0;
};

// Dot-stuffing and CRLF line ends for the DATA phase, fed chunk by chunk. Every line
// break in the stored message (CRLF, a bare LF, a bare CR, CRs before an LF) goes out
// as exactly one CRLF: no bare CR or LF can reach the next hop and end its DATA early.
class BodyEncoder
{
public:
    void add(const char *data, qsizetype size, QByteArray *out);
    void finish(QByteArray *out); // the last line's CRLF if missing, then "."
private:
    bool m_lineStart = true;
    bool m_inBreak = false; // after a CR: an LF (or more CRs) belong to the same break
};

// One SMTP connection to the first reachable gateway, sending spool entries one after
// another (MAIL, RCPT..., DATA; pipelined when the gateway offers PIPELINING). The body
// is read from the spool file in bounded chunks. finished() reports each message; after
// it the connection is idle (isIdle()) and takes another with send(), until it has sent
// maxMessages or stayed idle idleMs, then it says QUIT. closed() when it is gone.
class RelayClient : public QObject
{
    Q_OBJECT
public:
    RelayClient(const QList<RelayTarget> &targets, const QString &heloName, int timeoutMs,
                QObject *parent = nullptr, const RelayClientOptions &options = {});
    ~RelayClient() override;
    void start(const RelayJob &job); // connect, then send the first message
    void send(const RelayJob &job);  // only when isIdle()
    // With PIPELINING, the next message's MAIL, RCPT and DATA go right behind the final
    // "." of the one in progress (RFC 2920: the message content may begin a group), so a
    // message costs one round trip instead of two. Only after readyForNext(); false when
    // the envelope cannot be sent this way (it then goes by send()).
    bool sendPipelined(const RelayJob &job);
    bool isIdle() const { return m_step == Step::Ready && !m_hasJob; }
    bool isClosed() const { return m_step == Step::Done; }
    void abort();

    static QByteArray encodeBody(const QByteArray &message);
    // An envelope path or HELO name with a control character would be a second command
    // on the wire: such an entry is refused, never sent.
    static bool safeCommandArgument(const QString &text);

signals:
    void finished(const xmflow::daemon::RelayOutcome &outcome);
    void closed();
    // The message's final "." is out and the next hop pipelines: sendPipelined() may follow.
    void readyForNext();

protected:
    void timerEvent(QTimerEvent *event) override;
    void giveUp(const QString &what);

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
        Ready,       // session set up; a message goes out when there is one
        Transaction, // RSET, MAIL, RCPT..., DATA replies awaited (in m_expect)
        Body,        // streaming the message
        BodyReply,   // waiting for the reply to the final "."
        DotAbort,    // a 354 with no recipient accepted: "." sent, its reply ignored
        Quit,
        Done
    };
    enum class Expect { Rset, Mail, Rcpt, Data };
    void afterEhlo(const QStringList &capabilities);
    void authenticateOrMail();
    void beginTransaction();
    // MAIL, RCPT..., DATA for a job, and the replies they call for; false: not sendable.
    static bool transactionFor(const RelayJob &job, const QString &helo, QList<QByteArray> *commands,
                               QList<QPair<Expect, int>> *expect);
    void takeJob(const RelayJob &job);                            // the message in progress, and its outcome
    void startTransactionState(QList<QPair<Expect, int>> expect); // MAIL... replies awaited
    bool canPipelineNext() const;
    void promoteNext(); // the message behind the final "." becomes the one in progress
    void reportNextUntouched(const QString &reason);
    void connectNext();
    void onReadyRead();
    void onReply(int code, const QString &text);
    void onTransactionReply(int code, const QString &text);
    void write(const QByteArray &bytes);
    void pumpBody();
    void failJob(bool permanent, const QString &reason);
    void completeJob();
    void connectionLost(const QString &reason);
    void quit();
    void close();
    void startIdle();

    QList<RelayTarget> m_targets;
    int m_targetIndex = -1;
    QString m_helo;
    int m_timeoutMs;
    RelayClientOptions m_options;
    QSslSocket *m_socket = nullptr;
    QStringList m_replyLines; // of the reply being read (EHLO capabilities)
    QStringList m_capabilities;
    bool m_tls = false;
    bool m_pipelining = false;
    QByteArray m_buffer;
    QString m_replyText;
    Step m_step = Step::Connect;
    QString m_lastConnectError;
    QBasicTimer m_timer;
    int m_sentOnConnection = 0;
    bool m_needRset = false; // a transaction was left open (no DATA, refused DATA)

    // The message in progress.
    bool m_hasJob = false;
    RelayJob m_job;
    RelayOutcome m_outcome;
    QList<QPair<Expect, int>> m_expect; // replies still to come, in order
    QList<QByteArray> m_unsent;         // commands not yet written (no PIPELINING)
    bool m_mailOk = false;
    QString m_mailRefusal;
    bool m_mailPermanent = false;
    QStringList m_accepted;
    bool m_jobReplied = false; // a reply for this message came: a lost connection is not stale
    bool m_retriedStale = false;
    bool m_closed = false;
    // The spool entry being sent: a plain descriptor read with pread (QFile's stat and
    // buffering calls showed at one message per connection turn).
    struct BodyFile {
        int fd = -1;
        qint64 offset = 0;
        ~BodyFile();
    };
    std::unique_ptr<BodyFile> m_body;
    BodyEncoder m_encoder;

    // The message pipelined behind the final "." of the one in progress.
    bool m_hasNext = false;
    RelayJob m_next;
    QList<QPair<Expect, int>> m_nextExpect;
};

} // namespace xmflow::daemon

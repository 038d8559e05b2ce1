#pragma once

#include "DnsAnswer.h"
#include "Greylist.h"
#include "MessageSink.h"
#include "Policy.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace xmflow::engine {

// Time source of a session; the simulator injects a virtual one.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
};

class SystemClock : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

// Something worth logging or showing live, in the order it happened.
struct SessionEvent {
    QString type;      // "command", "auth", "reject", "accept", "delay", "close"
    QString command;   // the step name, e.g. "MAIL FROM"
    int code = 0;      // reply code, when there is one
    QString detail;    // reply text or reason
    QString logStatus; // XMail log status, e.g. "RCPT=OK", "SNDRIP=EIPSPAM"
};

// What the caller must do after feeding the session.
struct SessionOutput {
    int delaySeconds = 0;  // wait this long, then send `reply`
    QByteArray reply;      // complete reply text with CRLFs (may be several lines); empty: none
    int code = 0;          // reply code of the last line (0 when no reply)
    bool close = false;    // close the connection after sending the reply
    bool startTls = false; // begin the TLS handshake after sending the reply
    bool deliver = false;  // a message is complete: store it, then call deliveryFinished()
    // CheckMailerDomain: resolve this sender domain (MX, then A/AAAA) without
    // blocking anyone, then call resumeMailerDomain(). No reply yet.
    QString checkMailerDomain;
    // Greylisting: read these keys from the state store without blocking anyone, then
    // call resumeGreylist(). No reply yet.
    QList<QByteArray> greylistKeys;
    // What the state store must remember (greylisting's records), once the reply is out.
    QList<StoreWrite> storeWrites;
    QList<SessionEvent> events;
};

// How the client ended a line: RFC 5321 allows only CRLF. Commands also take a bare
// LF (as XMail does); message data never does (SMTP smuggling).
enum class LineEnding { CrLf, BareLf };

struct Envelope {
    QString heloName;
    QString mailFrom;
    QStringList recipients;      // accepted recipients, in order
    QStringList localRecipients; // those in local domains
    QString authUser;
    IpAddress peer;
    Endpoint local;
    QDateTime received;
};

// XMail 1.27's SMTP server dialogue as a sans-IO state machine: it takes command
// lines and the clock and says what to reply, how long to wait, and when to close.
// The daemon and the simulator drive the same machine.
class SmtpSession
{
public:
    SmtpSession(std::shared_ptr<const Policy> policy, const IpAddress &peer, const Endpoint &local,
                const ConnectVerdict &verdict, const Clock &clock);
    ~SmtpSession();

    // The greeting (or the drop reply). With an XMF greet pause, delaySeconds says
    // how long to wait before sending it; a client that talks meanwhile is passed to earlyTalker().
    SessionOutput start();
    SessionOutput earlyTalker();

    // Errors a session may make when SMTP-MaxErrors is unset, outside --xmail-compat
    // (Postfix's smtpd_hard_error_limit); then a 421 closes it.
    static constexpr int kDefaultMaxErrors = 20;
    // Greylisted recipients one session may ask about before it is closed (421): 451s are not
    // errors, so without this a client could make the store and the log write without end.
    static constexpr int kMaxGreylistedPerSession = 100;

    // One line from the client, without its ending (exactly one CRLF, or the bare LF),
    // and how it ended. In DATA mode the lines are the body, which ends only at
    // <CRLF>.<CRLF>. Between a `startTls` output and tlsStarted() no line is executed.
    SessionOutput handleLine(const QByteArray &line, LineEnding ending = LineEnding::CrLf);
    // In DATA, past the headers: takes the longest run of whole body lines at the start
    // of data[0, size) that need nothing but copying (each ends in CRLF, has no other CR or
    // LF, does not start with "." and is under maxLine bytes with its CRLF; the size limit
    // not reached), as handleLine() would one by one, and returns the bytes taken (0: give
    // the next line to handleLine()). A message's bulk in one copy, not a call per line.
    qsizetype handleBodyLines(const char *data, qsizetype size, qsizetype maxLine);
    // The delay the next command line will wait before its reply.
    int pendingDelay() const;
    bool inData() const;
    bool isClosed() const;

    // DATA goes to this sink as it arrives (the Received header first); the session keeps
    // none of it. Without one (nullptr) it is kept in memory for message(). Not owned.
    void setMessageSink(MessageSink *sink);
    // The client's PTR name, for the Received header.
    void setPeerName(const QString &ptrName);

    // After `deliver`: the envelope, and the message (with its Received header) when no
    // sink of the caller's took it.
    const Envelope &envelope() const;
    const QByteArray &message() const;
    // The sender of the transaction in progress ("" outside one), for the log.
    QString transactionSender() const;
    // outOfSpace: the disk (or quota) was full: 452 instead of 451, so the client retries later.
    // messageId "" names the sink's queue id.
    SessionOutput deliveryFinished(bool stored, const QString &messageId = QString(),
                                   bool outOfSpace = false);

    // After `startTls` the caller runs the handshake and reports it. The session forgets
    // everything the client said before (RFC 3207 4.2); STARTTLS is refused after AUTH.
    void tlsStarted();
    // The connection was TLS from its first byte (RFC 8314 implicit TLS): STARTTLS is not
    // offered, the Received header says ESMTPS and WantTLS is met. Call before start().
    void setTlsActive();
    bool tlsActive() const;

    bool authenticated() const;
    QString authUser() const;
    const ConnectVerdict &verdict() const;

    // The answer for a `checkMailerDomain` request: MAIL FROM goes on (505 when
    // the domain has no MX, A or AAAA, as in XMail 1.27). Lines fed meanwhile are ignored.
    SessionOutput resumeMailerDomain(const MailerDomainResult &result);
    bool awaitingMailerDomain() const;

    // The state store's answer for a `greylistKeys` request, in the keys' order; with
    // available=false the store could not answer and the recipient is taken (fail open).
    SessionOutput resumeGreylist(bool available, const QList<std::optional<QByteArray>> &values);
    bool awaitingGreylist() const;

    // Session limits the daemon enforces as XMail does.
    SessionOutput lineTooLong();
    SessionOutput timedOut();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace xmflow::engine

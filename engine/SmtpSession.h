#pragma once

#include "DnsAnswer.h"
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
    QString type;     // "command", "auth", "reject", "accept", "delay", "close"
    QString command;  // the step name, e.g. "MAIL FROM"
    int code = 0;     // reply code, when there is one
    QString detail;   // reply text or reason
    QString logStatus; // XMail log status, e.g. "RCPT=OK", "SNDRIP=EIPSPAM"
};

// What the caller must do after feeding the session.
struct SessionOutput {
    int delaySeconds = 0;   // wait this long, then send `reply`
    QByteArray reply;       // complete reply text with CRLFs (may be several lines); empty: none
    int code = 0;           // reply code of the last line (0 when no reply)
    bool close = false;     // close the connection after sending the reply
    bool startTls = false;  // begin the TLS handshake after sending the reply
    bool deliver = false;   // a message is complete: store it, then call deliveryFinished()
    // CheckMailerDomain: resolve this sender domain (MX, then A/AAAA) without
    // blocking anyone, then call resumeMailerDomain(). No reply yet.
    QString checkMailerDomain;
    QList<SessionEvent> events;
};

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

    // One line from the client, without its CRLF. In DATA mode the lines are the body.
    SessionOutput handleLine(const QByteArray &line);
    // The delay the next command line will wait before its reply.
    int pendingDelay() const;
    bool inData() const;
    bool isClosed() const;

    // After `deliver`: the envelope and the message (with XMail's Received header).
    const Envelope &envelope() const;
    const QByteArray &message() const;
    // The sender of the transaction in progress ("" outside one), for the log.
    QString transactionSender() const;
    // outOfSpace: the disk (or quota) was full: 452 instead of 451, so the client retries later.
    SessionOutput deliveryFinished(bool stored, const QString &messageId = QString(), bool outOfSpace = false);

    // After `startTls` the caller runs the handshake and reports it.
    void tlsStarted();
    bool tlsActive() const;

    bool authenticated() const;
    QString authUser() const;
    const ConnectVerdict &verdict() const;

    // The answer for a `checkMailerDomain` request: MAIL FROM goes on (505 when
    // the domain has no MX, A or AAAA, as in XMail 1.27). Lines fed meanwhile are ignored.
    SessionOutput resumeMailerDomain(const MailerDomainResult &result);
    bool awaitingMailerDomain() const;

    // Session limits the daemon enforces as XMail does.
    SessionOutput lineTooLong();
    SessionOutput timedOut();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace xmflow::engine

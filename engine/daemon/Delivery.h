#pragma once

#include "MessageStore.h"
#include "SmtpSession.h"

#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace xmflow::daemon {

struct DeliveryResult {
    bool stored = false;
    QString messageId;
    QString error;
    int localCopies = 0;
    bool spooled = false;
    bool outOfSpace = false; // not stored because the disk (or quota) was full: 452
    // A new spool entry's envelope and where its message starts, so the relay need not
    // read them back (spoolBodyOffset < 0: not known here).
    SpoolEnvelope spoolEnvelope;
    qint64 spoolBodyOffset = -1;
};

// Where one accepted message goes: the local mailboxes (one copy per Maildir) and the
// recipients left for the relay spool. In front mode (XMF-LocalDelivery=nexthop) every
// recipient is for the next hop, which delivers locally and bounces itself.
struct DeliveryPlan {
    QList<LocalMailbox> boxes;
    QStringList remote;
    QByteArray returnPath; // for final delivery (RFC 5321 4.4); relayed copies get none

    static DeliveryPlan of(const engine::Envelope &envelope, const engine::Policy &policy);
    SpoolEnvelope spoolEnvelope(const engine::Envelope &envelope, const QString &id) const;
};

// Stores accepted messages off the event loop: local recipients into their Maildir,
// the others into the relay spool. The callback runs on the caller's thread once the
// message is durable (or failed), and not at all if `context` was destroyed.
class DeliveryService : public QObject
{
    Q_OBJECT
public:
    DeliveryService(MessageStore *store, int threads, QObject *parent = nullptr);
    ~DeliveryService() override;

    using Callback = std::function<void(const DeliveryResult &)>;
    void submit(const engine::Envelope &envelope, const QByteArray &message,
                std::shared_ptr<const engine::Policy> policy, QObject *context, Callback done);

    // Synchronous variant (bounces): same work on the calling thread.
    DeliveryResult store(const engine::Envelope &envelope, const QByteArray &message,
                         const engine::Policy &policy);

    // Runs `job` on the delivery threads; `done` as for submit() (a spooled result is announced).
    void run(std::function<DeliveryResult()> job, QObject *context, Callback done);
    // Runs `work` on the delivery threads, then `then` on `context`'s thread while it lives.
    // (A context of another thread, such as the relay queue, must outlive the delivery
    // threads' work: it is destroyed only after waitForDone().)
    void runThen(std::function<void()> work, QObject *context, std::function<void()> then);
    MessageStore *store() const { return m_store; }

    static QString maildirFor(const engine::Policy &policy, const QString &address);
    void waitForDone() { m_pool.waitForDone(); }

signals:
    // A new relay entry is on disk; bodyOffset < 0 when the envelope is to be read from it.
    void spooled(const xmflow::daemon::SpoolEnvelope &envelope, qint64 bodyOffset);

private:
    MessageStore *m_store;
    QThreadPool m_pool;
};

} // namespace xmflow::daemon

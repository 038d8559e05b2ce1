#include "Delivery.h"

#include "FrontMode.h"

#include <QDir>
#include <QMetaObject>
#include <QPointer>

#include <cerrno>

namespace xmflow::daemon {

DeliveryService::DeliveryService(MessageStore *store, int threads, QObject *parent)
    : QObject(parent), m_store(store)
{
    m_pool.setMaxThreadCount(threads > 0 ? threads : 8); // fsync-bound work: more threads than cores
    m_pool.setExpiryTimeout(-1);
}

DeliveryService::~DeliveryService()
{
    m_pool.waitForDone();
}

QString DeliveryService::maildirFor(const engine::Policy &policy, const QString &address)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    const QString user = address.left(at);
    const QString domain = address.mid(at + 1).toLower();
    QString account = user.toLower();
    if (const model::MailUser *mu = policy.mailRoot().findMailUser(domain, user)) {
        if (!mu->path.isEmpty())
            account = mu->path;
        else
            account = mu->user;
    }
    account.replace(QLatin1Char('/'), QLatin1Char('_'));
    QString safeDomain = domain;
    safeDomain.replace(QLatin1Char('/'), QLatin1Char('_'));
    return QDir(policy.mailRoot().directory())
        .filePath(QStringLiteral("domains/") + safeDomain + QLatin1Char('/') + account +
                  QStringLiteral("/Maildir"));
}

DeliveryResult DeliveryService::store(const engine::Envelope &envelope, const QByteArray &message,
                                      const engine::Policy &policy)
{
    DeliveryResult result;
    result.messageId = m_store->nextMessageId();
    QList<LocalMailbox> boxes;
    QSet<QString> local;
    // Front mode (XMF-LocalDelivery=nexthop): the next hop delivers locally, bounces too.
    const QStringList localRecipients =
        engine::deliversToNextHop(policy) ? QStringList() : envelope.localRecipients;
    for (const QString &rcpt : localRecipients) {
        local.insert(rcpt.toLower());
        boxes.append({rcpt, maildirFor(policy, rcpt)});
    }
    QStringList remote;
    for (const QString &rcpt : envelope.recipients)
        if (!local.contains(rcpt.toLower()) && !remote.contains(rcpt, Qt::CaseInsensitive))
            remote << rcpt;
    // Nothing is stored unless everything is: a failure takes back what was written.
    auto failed = [&result] {
        result.outOfSpace = errno == ENOSPC || errno == EDQUOT;
        return result;
    };
    QStringList localCopies;
    if (!boxes.isEmpty()) {
        // Final delivery records the envelope sender (RFC 5321 4.4); the session dropped any
        // Return-Path the client wrote. Relayed copies get none: the last hop adds it.
        const QByteArray returnPath = "Return-Path: <" + envelope.mailFrom.toUtf8() + ">\r\n";
        if (!m_store->deliverLocal(boxes, returnPath + message, &result.error, &localCopies))
            return failed();
        result.localCopies = int(boxes.size());
    }
    if (!remote.isEmpty()) {
        SpoolEnvelope spool;
        spool.id = result.messageId;
        spool.mailFrom = envelope.mailFrom;
        spool.recipients = remote;
        spool.peer = envelope.peer.toString();
        spool.helo = envelope.heloName;
        spool.authUser = envelope.authUser;
        spool.received = QDateTime::currentDateTimeUtc();
        if (!m_store->spool(spool, message, &result.error)) {
            DeliveryResult failure = failed();
            m_store->removeDelivered(localCopies);
            failure.localCopies = 0;
            return failure;
        }
        result.spooled = true;
    }
    result.stored = true;
    return result;
}

void DeliveryService::submit(const engine::Envelope &envelope, const QByteArray &message,
                             std::shared_ptr<const engine::Policy> policy, QObject *context, Callback done)
{
    run([this, envelope, message, policy] { return store(envelope, message, *policy); }, context,
        std::move(done));
}

void DeliveryService::run(std::function<DeliveryResult()> job, QObject *context, Callback done)
{
    QPointer<QObject> guard(context);
    QPointer<DeliveryService> self(this);
    m_pool.start([this, self, guard, job = std::move(job), done = std::move(done)] {
        const DeliveryResult result = job();
        QMetaObject::invokeMethod(
            this,
            [self, guard, result, done] {
                if (self && result.spooled)
                    emit self->spooled(result.messageId);
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
    });
}

void DeliveryService::runThen(std::function<void()> work, QObject *context, std::function<void()> then)
{
    QPointer<QObject> guard(context);
    m_pool.start([this, guard, work = std::move(work), then = std::move(then)] {
        work();
        QMetaObject::invokeMethod(
            this,
            [guard, then] {
                if (guard)
                    then();
            },
            Qt::QueuedConnection);
    });
}

} // namespace xmflow::daemon

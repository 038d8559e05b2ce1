#include "Delivery.h"

#include "FrontMode.h"
#include "ServeOptions.h"

#include <QDir>
#include <QMetaObject>
#include <QPointer>

#include <cerrno>

namespace xmflow::daemon {

DeliveryService::DeliveryService(MessageStore *store, int threads, QObject *parent)
    : QObject(parent), m_store(store)
{
    m_pool.setMaxThreadCount(threads > 0 ? threads : ServeOptions::kDefaultDeliveryThreads);
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

DeliveryPlan DeliveryPlan::of(const engine::Envelope &envelope, const engine::Policy &policy)
{
    DeliveryPlan plan;
    QSet<QString> local;
    QSet<QString> folders;
    if (!engine::deliversToNextHop(policy)) {
        for (const QString &rcpt : envelope.localRecipients) {
            local.insert(rcpt.toLower());
            const QString maildir = DeliveryService::maildirFor(policy, rcpt);
            if (!folders.contains(maildir)) // one copy per mailbox
                plan.boxes.append({rcpt, maildir});
            folders.insert(maildir);
        }
    }
    for (const QString &rcpt : envelope.recipients)
        if (!local.contains(rcpt.toLower()) && !plan.remote.contains(rcpt, Qt::CaseInsensitive))
            plan.remote << rcpt;
    // The session dropped any Return-Path the client wrote.
    plan.returnPath = "Return-Path: <" + envelope.mailFrom.toUtf8() + ">\r\n";
    return plan;
}

SpoolEnvelope DeliveryPlan::spoolEnvelope(const engine::Envelope &envelope, const QString &id) const
{
    SpoolEnvelope spool;
    spool.id = id;
    spool.mailFrom = envelope.mailFrom;
    spool.recipients = remote;
    spool.peer = envelope.peer.toString();
    spool.helo = envelope.heloName;
    spool.authUser = envelope.authUser;
    spool.received = QDateTime::currentDateTimeUtc();
    return spool;
}

DeliveryResult DeliveryService::store(const engine::Envelope &envelope, const QByteArray &message,
                                      const engine::Policy &policy)
{
    DeliveryResult result;
    result.messageId = m_store->nextMessageId();
    const DeliveryPlan plan = DeliveryPlan::of(envelope, policy);
    const QList<LocalMailbox> &boxes = plan.boxes;
    const QStringList &remote = plan.remote;
    // Nothing is stored unless everything is: a failure takes back what was written.
    auto failed = [&result] {
        result.outOfSpace = errno == ENOSPC || errno == EDQUOT;
        return result;
    };
    QStringList localCopies;
    if (!boxes.isEmpty()) {
        if (!m_store->deliverLocal(boxes, plan.returnPath + message, &result.error, &localCopies))
            return failed();
        result.localCopies = int(boxes.size());
    }
    if (!remote.isEmpty()) {
        if (!m_store->spool(plan.spoolEnvelope(envelope, result.messageId), message, &result.error)) {
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
                if (self && result.spooled) {
                    SpoolEnvelope known = result.spoolEnvelope;
                    known.id = result.messageId;
                    emit self->spooled(known, result.spoolBodyOffset);
                }
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
    });
}

void DeliveryService::runThen(std::function<void()> work, QObject *context, std::function<void()> then)
{
    QPointer<QObject> guard(context);
    // Back on the context's thread: this one's (checked there against the guard), or the
    // relay queue's own.
    QObject *target = context && context->thread() != thread() ? context : this;
    m_pool.start([target, guard, work = std::move(work), then = std::move(then)] {
        work();
        QMetaObject::invokeMethod(
            target,
            [guard, then] {
                if (guard)
                    then();
            },
            Qt::QueuedConnection);
    });
}

} // namespace xmflow::daemon

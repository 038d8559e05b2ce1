#include "RelayQueue.h"

#include "Delivery.h"
#include "EventStream.h"
#include "Policy.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace xmflow::daemon {

RelayQueue::RelayQueue(MessageStore *store, DeliveryService *delivery, const ServeOptions *options,
                       PolicySource policy, EventStream *events, QObject *parent)
    : QObject(parent), m_store(store), m_delivery(delivery), m_options(options), m_policy(std::move(policy)),
      m_events(events)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RelayQueue::dispatch);
}

RelayQueue::~RelayQueue()
{
    stop();
}

QList<RelayTarget> RelayQueue::targetsFor(const engine::Policy &policy)
{
    if (policy.extensionsActive()) {
        const QString &next = policy.settings().nextHop;
        if (!next.trimmed().isEmpty())
            return parseGateways(next);
    }
    return parseGateways(policy.settings().defaultSmtpGateways);
}

RelayClientOptions RelayQueue::clientOptionsFor(const engine::Policy &policy)
{
    RelayClientOptions options; // opportunistic STARTTLS for every gateway
    const engine::PolicySettings &settings = policy.settings();
    if (!policy.extensionsActive() || settings.nextHop.trimmed().isEmpty())
        return options;
    const QString &tls = settings.nextHopTls;
    if (tls == QLatin1String("verify"))
        options.tls = RelayClientOptions::Tls::Verify;
    else if (tls == QLatin1String("off"))
        options.tls = RelayClientOptions::Tls::Off;
    const QString &auth = settings.nextHopAuth;
    const qsizetype colon = auth.indexOf(QLatin1Char(':'));
    if (colon > 0) {
        options.authUser = auth.left(colon);
        options.authPassword = auth.mid(colon + 1);
    }
    return options;
}

void RelayQueue::start()
{
    m_stopped = false;
    const QStringList ids = m_store->spoolEntries();
    for (const QString &id : ids) {
        SpoolEnvelope e;
        if (!m_store->readSpoolEntry(id, &e, nullptr)) {
            std::fprintf(stderr, "xmflowd: spool entry %s is unreadable; left in place\n", qPrintable(id));
            continue;
        }
        Entry entry;
        entry.due = e.nextAttempt.isValid() ? e.nextAttempt : QDateTime::currentDateTimeUtc();
        m_entries.insert(id, entry);
    }
    if (!ids.isEmpty() && m_events->enabled())
        m_events->emitEvent(QStringLiteral("spool"), {{QStringLiteral("resumed"), int(m_entries.size())}});
    scheduleNext();
}

void RelayQueue::stop()
{
    m_stopped = true;
    m_timer.stop();
    const auto clients = m_clients;
    m_clients.clear();
    for (RelayClient *c : clients) {
        c->disconnect(this);
        c->abort();
        c->deleteLater();
    }
    for (Entry &e : m_entries)
        e.inFlight = false;
}

void RelayQueue::enqueue(const QString &id)
{
    if (m_entries.contains(id))
        return;
    Entry e;
    e.due = QDateTime::currentDateTimeUtc();
    m_entries.insert(id, e);
    scheduleNext();
}

void RelayQueue::retryNow()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (Entry &e : m_entries)
        if (!e.inFlight)
            e.due = now;
    scheduleNext();
}

void RelayQueue::scheduleNext()
{
    if (m_stopped)
        return;
    QDateTime next;
    for (const Entry &e : std::as_const(m_entries))
        if (!e.inFlight && (!next.isValid() || e.due < next))
            next = e.due;
    if (!next.isValid())
        return;
    const qint64 ms = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(next));
    if (!m_timer.isActive() || m_timer.remainingTime() > ms)
        m_timer.start(int(std::min<qint64>(ms, 3600 * 1000)));
}

void RelayQueue::dispatch()
{
    if (m_stopped)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QStringList due;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it)
        if (!it->inFlight && it->due <= now)
            due << it.key();
    std::sort(due.begin(), due.end());
    for (const QString &id : std::as_const(due)) {
        if (m_clients.size() >= std::max(1, m_options->relayConcurrency))
            break;
        attempt(id);
    }
    scheduleNext();
}

void RelayQueue::attempt(const QString &id)
{
    SpoolEnvelope envelope;
    QByteArray message;
    if (!m_store->readSpoolEntry(id, &envelope, &message)) {
        m_entries.remove(id); // gone (or unreadable: left on disk for the admin)
        return;
    }
    if (envelope.recipients.isEmpty()) {
        m_store->removeSpoolEntry(id);
        m_entries.remove(id);
        return;
    }
    const auto policy = m_policy();
    m_entries[id].inFlight = true;
    auto *client = new RelayClient(targetsFor(*policy), envelope, message, policy->serverDomain(),
                                   m_options->relayTimeoutSeconds * 1000, this, clientOptionsFor(*policy));
    m_clients.insert(id, client);
    connect(client, &RelayClient::finished, this, [this, id, client](const RelayOutcome &outcome) {
        m_clients.remove(id);
        client->deleteLater();
        onFinished(id, outcome);
    });
    client->start();
}

void RelayQueue::onFinished(const QString &id, const RelayOutcome &outcome)
{
    SpoolEnvelope envelope;
    QByteArray message;
    if (!m_store->readSpoolEntry(id, &envelope, &message)) {
        m_entries.remove(id);
        return;
    }
    QStringList remaining;
    for (const QString &r : std::as_const(envelope.recipients))
        if (!outcome.delivered.contains(r) && !outcome.permanentFailures.contains(r))
            remaining << r;

    if (m_events->enabled()) {
        m_events->emitEvent(QStringLiteral("relay"),
                            {{QStringLiteral("id"), id},
                             {QStringLiteral("target"), outcome.target},
                             {QStringLiteral("delivered"), QJsonArray::fromStringList(outcome.delivered)},
                             {QStringLiteral("failed"), QJsonArray::fromStringList(outcome.permanentFailures)},
                             {QStringLiteral("deferred"), QJsonArray::fromStringList(remaining)},
                             {QStringLiteral("detail"), outcome.summary}});
    }

    QStringList failed = outcome.permanentFailures;
    QHash<QString, QString> reasons = outcome.reasons;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool tooOld = envelope.received.isValid()
                        && envelope.received.secsTo(now) > qint64(m_options->relayMaxAgeSeconds);
    if (!remaining.isEmpty() && tooOld) {
        for (const QString &r : std::as_const(remaining))
            reasons.insert(r, reasons.value(r) + QStringLiteral(" (gave up after %1 attempts)").arg(envelope.attempts + 1));
        failed += remaining;
        remaining.clear();
    }

    // The bounce is made durable before the entry changes, so a crash in between
    // can only repeat a bounce, never lose one.
    if (!failed.isEmpty())
        bounce(envelope, failed, reasons, message);

    if (remaining.isEmpty()) {
        m_store->removeSpoolEntry(id);
        m_entries.remove(id);
    } else {
        envelope.recipients = remaining;
        envelope.attempts += 1;
        const qint64 base = std::max(1, m_options->relayRetrySeconds);
        const qint64 backoff = std::min<qint64>(qint64(m_options->relayMaxRetrySeconds),
                                                base << std::min(envelope.attempts - 1, 20));
        envelope.nextAttempt = now.addSecs(backoff);
        envelope.lastError = outcome.summary;
        QString error;
        if (!m_store->rewriteSpoolEnvelope(envelope, &error))
            std::fprintf(stderr, "xmflowd: %s\n", qPrintable(error));
        Entry &e = m_entries[id];
        e.inFlight = false;
        e.due = envelope.nextAttempt;
    }
    scheduleNext();
}

QByteArray RelayQueue::composeBounce(const QString &serverDomain, const SpoolEnvelope &envelope,
                                     const QStringList &failed, const QHash<QString, QString> &reasons,
                                     const QByteArray &original)
{
    QByteArray b;
    const QByteArray domain = serverDomain.toLatin1();
    b += "From: Mail Delivery System <MAILER-DAEMON@" + domain + ">\r\n";
    b += "To: <" + envelope.mailFrom.toLatin1() + ">\r\n";
    b += "Subject: Undelivered Mail Returned to Sender\r\n";
    b += "Date: " + QDateTime::currentDateTime().toString(Qt::RFC2822Date).toLatin1() + "\r\n";
    b += "Message-ID: <" + envelope.id.toLatin1() + ".bounce." + QByteArray::number(QDateTime::currentSecsSinceEpoch())
         + "@" + domain + ">\r\n";
    b += "Auto-Submitted: auto-replied\r\n";
    b += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
    b += "This is xmflowd at " + domain + ".\r\n\r\n";
    b += "Your message " + envelope.id.toLatin1() + " could not be delivered to the following recipients:\r\n\r\n";
    for (const QString &r : failed)
        b += "  <" + r.toUtf8() + ">: " + reasons.value(r).toUtf8() + "\r\n";
    b += "\r\n--- Headers of the original message ---\r\n\r\n";
    qsizetype headerEnd = original.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        headerEnd = original.indexOf("\n\n");
    b += original.left(headerEnd < 0 ? std::min<qsizetype>(original.size(), 8192) : headerEnd);
    b += "\r\n";
    return b;
}

void RelayQueue::bounce(const SpoolEnvelope &envelope, const QStringList &failed,
                        const QHash<QString, QString> &reasons, const QByteArray &message)
{
    if (envelope.mailFrom.isEmpty()) {
        std::fprintf(stderr, "xmflowd: bounce for %s dropped (null sender): %s\n", qPrintable(envelope.id),
                     qPrintable(failed.join(QLatin1Char(','))));
        return; // never bounce a bounce
    }
    const auto policy = m_policy();
    engine::Envelope bounceEnvelope;
    bounceEnvelope.mailFrom = QString();
    bounceEnvelope.recipients = QStringList{envelope.mailFrom};
    const qsizetype at = envelope.mailFrom.lastIndexOf(QLatin1Char('@'));
    const QString domain = envelope.mailFrom.mid(at + 1);
    const QString user = envelope.mailFrom.left(at);
    if (at > 0 && policy->isLocalDomain(domain) && policy->hasLocalUser(domain, user))
        bounceEnvelope.localRecipients = bounceEnvelope.recipients;
    bounceEnvelope.heloName = policy->serverDomain();
    const DeliveryResult result =
        m_delivery->store(bounceEnvelope, composeBounce(policy->serverDomain(), envelope, failed, reasons, message),
                          *policy);
    if (!result.stored)
        std::fprintf(stderr, "xmflowd: cannot store bounce for %s: %s\n", qPrintable(envelope.id),
                     qPrintable(result.error));
    if (m_events->enabled())
        m_events->emitEvent(QStringLiteral("bounce"), {{QStringLiteral("id"), envelope.id},
                                                       {QStringLiteral("to"), envelope.mailFrom},
                                                       {QStringLiteral("bounceId"), result.messageId},
                                                       {QStringLiteral("failed"), QJsonArray::fromStringList(failed)}});
    if (result.spooled)
        enqueue(result.messageId);
}

} // namespace xmflow::daemon

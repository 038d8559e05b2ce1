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
    // A child, so that it moves with the queue to the relay thread (a member is destroyed
    // before the parent's child list is, and leaves it on the way).
    m_timer.setParent(this);
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

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString poolKey(const QList<RelayTarget> &targets, const RelayClientOptions &options)
{
    QStringList parts;
    for (const RelayTarget &t : targets)
        parts << t.text();
    parts << QString::number(int(options.tls)) << options.authUser << options.authPassword;
    return parts.join(QLatin1Char('\n'));
}

} // namespace

QString RelayQueue::currentKey()
{
    // Parsed again only when a reload brought another policy.
    const auto policy = m_policy();
    if (policy != m_keyPolicy) {
        m_keyPolicy = policy;
        m_key = poolKey(targetsFor(*policy), clientOptionsFor(*policy));
    }
    return m_key;
}

void RelayQueue::start()
{
    m_stopped = false;
    const QStringList ids = m_store->spoolEntries();
    for (const QString &id : ids) {
        SpoolEnvelope e;
        qint64 offset = 0;
        if (!m_store->readSpoolHeader(id, &e, &offset)) {
            std::fprintf(stderr, "xmflowd: spool entry %s is unreadable; left in place\n", qPrintable(id));
            continue;
        }
        wait(id, e.nextAttempt.isValid() ? e.nextAttempt.toMSecsSinceEpoch() : nowMs());
    }
    if (!ids.isEmpty() && m_events->enabled())
        m_events->emitEvent(QStringLiteral("spool"), {{QStringLiteral("resumed"), int(m_entries.size())}});
    scheduleNext();
}

void RelayQueue::stop()
{
    m_stopped = true;
    m_timer.stop();
    const QList<Connection> connections = std::exchange(m_connections, {});
    for (const Connection &c : connections) {
        c.client->disconnect(this);
        c.client->abort();
        c.client->deleteLater();
    }
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->inFlight) {
            it->inFlight = false;
            it->envelope = SpoolEnvelope();
            it->bodyOffset = -1;
            m_ready.push_back(it.key());
        }
    }
    flushRemovals();
}

void RelayQueue::wait(const QString &id, qint64 due)
{
    Entry &e = m_entries[id];
    e.due = due;
    e.inFlight = false;
    e.envelope = SpoolEnvelope(); // read again from the spool: a retry may have rewritten it
    e.bodyOffset = -1;
    if (due <= nowMs())
        m_ready.push_back(id);
    else
        m_waiting.insert(due, id);
}

void RelayQueue::enqueue(const QString &id)
{
    if (m_entries.contains(id))
        return;
    wait(id, nowMs());
    scheduleNext();
}

void RelayQueue::enqueueSpooled(const SpoolEnvelope &envelope, qint64 bodyOffset)
{
    if (m_entries.contains(envelope.id))
        return;
    wait(envelope.id, nowMs());
    if (bodyOffset >= 0) {
        Entry &e = m_entries[envelope.id];
        e.envelope = envelope;
        e.bodyOffset = bodyOffset;
    }
    scheduleNext();
}

void RelayQueue::retryNow()
{
    const qint64 now = nowMs();
    for (auto it = m_waiting.cbegin(); it != m_waiting.cend(); ++it) {
        auto entry = m_entries.find(it.value());
        if (entry != m_entries.end() && !entry->inFlight && entry->due == it.key()) {
            entry->due = now;
            m_ready.push_back(it.value());
        }
    }
    m_waiting.clear();
    scheduleNext();
}

void RelayQueue::scheduleNext()
{
    if (m_stopped)
        return;
    qint64 ms = -1;
    if (!m_ready.empty())
        ms = 0;
    else if (!m_waiting.isEmpty())
        ms = std::max<qint64>(0, m_waiting.firstKey() - nowMs());
    if (ms < 0)
        return;
    if (!m_timer.isActive() || m_timer.remainingTime() > ms)
        m_timer.start(int(std::min<qint64>(ms, 3600 * 1000)));
}

void RelayQueue::dispatch()
{
    if (m_stopped)
        return;
    const qint64 now = nowMs();
    while (!m_waiting.isEmpty() && m_waiting.firstKey() <= now) {
        const qint64 due = m_waiting.firstKey();
        const QString id = m_waiting.take(due);
        auto entry = m_entries.find(id);
        if (entry != m_entries.end() && !entry->inFlight && entry->due == due)
            m_ready.push_back(id);
    }
    const QString key = currentKey();
    const QList<Connection> connections = m_connections;
    // Idle connections first (those to gateways the policy no longer names are closed),
    for (const Connection &c : connections) {
        if (!c.client->isIdle())
            continue;
        if (c.key != key) {
            c.client->abort();
            onClosed(c.client);
        } else if (!sendNext(c.client, key)) {
            break;
        }
    }
    // then new ones while there is work and room.
    while (!m_ready.empty() && m_connections.size() < std::max(1, m_options->relayConcurrency))
        if (!sendNext(nullptr, key))
            break;
    if (m_ready.empty() || m_connections.size() < std::max(1, m_options->relayConcurrency))
        scheduleNext();
    else if (!m_waiting.isEmpty())
        m_timer.start(int(std::clamp<qint64>(m_waiting.firstKey() - now, 0, 3600 * 1000)));
}

bool RelayQueue::takeNext(RelayJob *job)
{
    while (!m_ready.empty()) {
        const QString id = m_ready.front();
        m_ready.pop_front();
        auto entry = m_entries.find(id);
        if (entry == m_entries.end() || entry->inFlight || entry->due > nowMs())
            continue; // gone, or queued twice
        *job = RelayJob();
        if (entry->bodyOffset >= 0) {
            job->envelope = entry->envelope;
            job->bodyOffset = entry->bodyOffset;
        } else if (!m_store->readSpoolHeader(id, &job->envelope, &job->bodyOffset)) {
            m_entries.erase(entry); // gone (or unreadable: left on disk for the admin)
            continue;
        }
        if (job->envelope.recipients.isEmpty()) {
            removeEntryFile(id);
            m_entries.erase(entry);
            continue;
        }
        job->path = m_store->spoolPath(id);
        entry->inFlight = true;
        entry->envelope = job->envelope;
        return true;
    }
    return false;
}

void RelayQueue::onReadyForNext(RelayClient *client)
{
    if (m_stopped)
        return;
    const QString key = currentKey();
    for (const Connection &c : std::as_const(m_connections)) {
        if (c.client != client)
            continue;
        RelayJob job;
        if (c.key != key || !takeNext(&job))
            return;
        if (!client->sendPipelined(job)) { // it goes by itself, on an idle connection
            m_entries[job.envelope.id].inFlight = false;
            m_ready.push_front(job.envelope.id);
        }
        return;
    }
}

bool RelayQueue::sendNext(RelayClient *client, const QString &key)
{
    RelayJob job;
    if (takeNext(&job)) {
        if (client) {
            client->send(job);
            return true;
        }
        const auto policy = m_policy();
        RelayClientOptions options = clientOptionsFor(*policy);
        options.maxMessages = kMessagesPerConnection;
        options.idleMs = kIdleMs;
        auto *fresh = new RelayClient(targetsFor(*policy), policy->serverDomain(),
                                      m_options->relayTimeoutSeconds * 1000, this, options);
        m_connections.append({fresh, key});
        connect(fresh, &RelayClient::finished, this, &RelayQueue::onFinished);
        connect(fresh, &RelayClient::closed, this, [this, fresh] { onClosed(fresh); });
        connect(fresh, &RelayClient::readyForNext, this, [this, fresh] { onReadyForNext(fresh); });
        fresh->start(job);
        return true;
    }
    return false;
}

void RelayQueue::onClosed(RelayClient *client)
{
    for (qsizetype i = 0; i < m_connections.size(); ++i) {
        if (m_connections.at(i).client == client) {
            m_connections.removeAt(i);
            client->disconnect(this);
            client->deleteLater();
            break;
        }
    }
    scheduleNext();
}

void RelayQueue::removeEntryFile(const QString &id)
{
    m_removals << id;
    if (!m_removing)
        startRemovals();
}

void RelayQueue::startRemovals()
{
    // Off the event loop; the entries delivered meanwhile go in the next batch.
    m_removing = true;
    MessageStore *store = m_store;
    const QStringList batch = std::exchange(m_removals, {});
    m_delivery->runThen([store, batch] { store->removeSpoolEntries(batch); }, this,
                        [this] {
                            m_removing = false;
                            if (!m_removals.isEmpty())
                                startRemovals();
                        });
}

void RelayQueue::flushRemovals()
{
    if (!m_removals.isEmpty())
        m_store->removeSpoolEntries(std::exchange(m_removals, {}));
}

void RelayQueue::onFinished(const RelayOutcome &outcome)
{
    const QString id = outcome.id;
    auto *client = qobject_cast<RelayClient *>(sender());
    auto entry = m_entries.find(id);
    if (entry == m_entries.end())
        return;
    if (outcome.untouched) {
        // Pipelined behind a message whose connection went: nothing of it was answered,
        // so it is no attempt, and it goes again at once.
        entry->inFlight = false;
        m_ready.push_front(id);
        QMetaObject::invokeMethod(this, &RelayQueue::dispatch, Qt::QueuedConnection);
        return;
    }
    SpoolEnvelope envelope = entry->envelope;
    QStringList remaining;
    for (const QString &r : std::as_const(envelope.recipients))
        if (!outcome.delivered.contains(r) && !outcome.permanentFailures.contains(r))
            remaining << r;

    if (m_events->enabled()) {
        m_events->emitEvent(
            QStringLiteral("relay"),
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
    const bool tooOld =
        envelope.received.isValid() && envelope.received.secsTo(now) > qint64(m_options->relayMaxAgeSeconds);
    if (!remaining.isEmpty() && tooOld) {
        for (const QString &r : std::as_const(remaining))
            reasons.insert(r, reasons.value(r) +
                                  QStringLiteral(" (gave up after %1 attempts)").arg(envelope.attempts + 1));
        failed += remaining;
        remaining.clear();
    }

    // The bounce is made durable before the entry changes, so a crash in between
    // can only repeat a bounce, never lose one.
    if (!failed.isEmpty())
        bounce(envelope, failed, reasons, m_store->readSpoolMessageHead(id, 64 * 1024));

    if (remaining.isEmpty()) {
        removeEntryFile(id);
        m_entries.remove(id); // (bounce() may have added an entry: no iterator is kept)
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
        wait(id, envelope.nextAttempt.toMSecsSinceEpoch());
    }
    // The connection takes the next message at once, unless the gateways changed meanwhile.
    if (client && client->isIdle() && !m_stopped) {
        const QString key = currentKey();
        for (const Connection &c : std::as_const(m_connections)) {
            if (c.client != client)
                continue;
            if (c.key == key)
                sendNext(client, key);
            break;
        }
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
    b += "Message-ID: <" + envelope.id.toLatin1() + ".bounce." +
         QByteArray::number(QDateTime::currentSecsSinceEpoch()) + "@" + domain + ">\r\n";
    b += "Auto-Submitted: auto-replied\r\n";
    b += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
    b += "This is xmflowd at " + domain + ".\r\n\r\n";
    b += "Your message " + envelope.id.toLatin1() +
         " could not be delivered to the following recipients:\r\n\r\n";
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
    const DeliveryResult result = m_delivery->store(
        bounceEnvelope, composeBounce(policy->serverDomain(), envelope, failed, reasons, message), *policy);
    if (!result.stored)
        std::fprintf(stderr, "xmflowd: cannot store bounce for %s: %s\n", qPrintable(envelope.id),
                     qPrintable(result.error));
    if (m_events->enabled())
        m_events->emitEvent(QStringLiteral("bounce"),
                            {{QStringLiteral("id"), envelope.id},
                             {QStringLiteral("to"), envelope.mailFrom},
                             {QStringLiteral("bounceId"), result.messageId},
                             {QStringLiteral("failed"), QJsonArray::fromStringList(failed)}});
    if (result.spooled)
        enqueue(result.messageId);
}

} // namespace xmflow::daemon

#include "Greylist.h"

#include <QRegularExpression>
#include <QStringList>

namespace xmflow::engine {

QList<QByteArray> GreylistKeys::all() const
{
    return {triplet, pool, client};
}

GreylistRecords GreylistRecords::fromValues(const GreylistKeys &keys,
                                            const QList<std::optional<QByteArray>> &values)
{
    GreylistRecords records;
    if (values.size() > 0)
        records.triplet = values[0];
    if (values.size() > 1 && !keys.pool.isEmpty())
        records.pool = values[1];
    if (values.size() > 2)
        records.client = values[2];
    return records;
}

namespace greylist {
namespace {

// A stored triplet: "FIRST;PASSED", Unix seconds; PASSED is 0 until a retry passed.
struct TripletRecord {
    bool present = false;
    qint64 firstSeen = 0;
    qint64 passed = 0;
};

TripletRecord parseRecord(const std::optional<QByteArray> &value)
{
    TripletRecord record;
    if (!value)
        return record;
    const qsizetype semicolon = value->indexOf(';');
    if (semicolon < 0)
        return record;
    bool okFirst = false;
    bool okPassed = false;
    record.firstSeen = value->left(semicolon).toLongLong(&okFirst);
    record.passed = value->mid(semicolon + 1).toLongLong(&okPassed);
    record.present = okFirst && okPassed; // a damaged record counts as none: the client starts over
    return record;
}

QByteArray recordValue(qint64 firstSeen, qint64 passed)
{
    return QByteArray::number(firstSeen) + ';' + QByteArray::number(passed);
}

// Second-level labels under a two-letter country code that are not registrable
// themselves (co.jp, ne.jp, or.jp, ac.jp, co.uk, com.au, ...).
bool isCountrySecondLevel(const QString &label)
{
    static const QStringList labels{QStringLiteral("ac"),  QStringLiteral("ad"),  QStringLiteral("co"),
                                    QStringLiteral("com"), QStringLiteral("ed"),  QStringLiteral("edu"),
                                    QStringLiteral("go"),  QStringLiteral("gov"), QStringLiteral("gr"),
                                    QStringLiteral("lg"),  QStringLiteral("ne"),  QStringLiteral("net"),
                                    QStringLiteral("or"),  QStringLiteral("org")};
    return labels.contains(label);
}

QString canonicalName(const QString &name)
{
    QString canonical = name.trimmed().toLower();
    while (canonical.endsWith(QLatin1Char('.')))
        canonical.chop(1);
    return canonical;
}

} // namespace

QString clientNetwork(const model::IpAddress &peer, const GreylistSettings &settings)
{
    const model::IpAddress address = peer.unmapped();
    const int bits = address.v6 ? settings.ipv6PrefixLength : settings.ipv4PrefixLength;
    return model::AddressFilter::fromPrefix(address, qBound(0, bits, address.bitCount())).toString();
}

QString normalizeSender(const QString &sender)
{
    QString address = sender.trimmed().toLower();
    if (address.startsWith(QLatin1Char('<')) && address.endsWith(QLatin1Char('>')))
        address = address.mid(1, address.size() - 2);
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    if (at < 0)
        return address; // the null sender "<>" or a bare name
    QString local = address.left(at);
    const QString domain = address.mid(at);
    // BATV: prvs=KEYTAG=user (RFC draft) and the older prvs=user=KEYTAG.
    static const QRegularExpression batv(QStringLiteral("^(?:prvs|btv1)=[0-9a-z]{4,10}=(.+)$"));
    static const QRegularExpression batvOld(QStringLiteral("^prvs=(.+)=[0-9a-z]{4,10}$"));
    if (const auto m = batv.match(local); m.hasMatch())
        local = m.captured(1);
    else if (const auto old = batvOld.match(local); old.hasMatch())
        local = old.captured(1);
    const qsizetype plus = local.indexOf(QLatin1Char('+'));
    if (plus > 0)
        local.truncate(plus);
    static const QRegularExpression digits(QStringLiteral("[0-9]+"));
    local.replace(digits, QStringLiteral("#"));
    return local + domain;
}

QString ptrDomain(const QString &ptrName)
{
    const QString name = canonicalName(ptrName);
    if (name.isEmpty() || model::IpAddress::parse(name))
        return {};
    const QStringList labels = name.split(QLatin1Char('.'));
    if (labels.size() < 2 || labels.contains(QString()))
        return {};
    int keep = 2;
    if (labels.size() >= 3 && labels.last().size() == 2 && isCountrySecondLevel(labels[labels.size() - 2]))
        keep = 3;
    if (labels.size() < keep)
        return {};
    return labels.mid(labels.size() - keep).join(QLatin1Char('.'));
}

bool nameInDomain(const QString &ptrName, const QString &domain)
{
    const QString name = canonicalName(ptrName);
    QString suffix = canonicalName(domain);
    if (suffix.startsWith(QLatin1Char('.')))
        suffix.remove(0, 1);
    if (name.isEmpty() || suffix.isEmpty())
        return false;
    return name == suffix || name.endsWith(QLatin1Char('.') + suffix);
}

GreylistKeys keys(const model::IpAddress &peer, const QString &ptrName, const QString &sender,
                  const QString &recipient, const GreylistSettings &settings)
{
    const QByteArray tail =
        '|' + normalizeSender(sender).toUtf8() + '|' + recipient.trimmed().toLower().toUtf8();
    const QByteArray network = clientNetwork(peer, settings).toUtf8();
    GreylistKeys k;
    k.triplet = "gl|" + network + tail;
    const QString domain = ptrDomain(ptrName);
    if (!domain.isEmpty())
        k.pool = "glp|" + domain.toUtf8() + tail;
    k.client = "awl|" + network;
    return k;
}

GreylistDecision decide(const GreylistKeys &keys, const GreylistRecords &records, qint64 now,
                        const GreylistSettings &settings)
{
    GreylistDecision decision;
    const int ttl = settings.maxAgeSeconds;
    auto markPassed = [&](qint64 firstSeen, bool countForClient) {
        decision.pass = true;
        decision.writes.append({StoreWrite::Kind::Set, keys.triplet, recordValue(firstSeen, now), ttl});
        if (!keys.pool.isEmpty())
            decision.writes.append({StoreWrite::Kind::Set, keys.pool, recordValue(firstSeen, now), ttl});
        if (countForClient && settings.autoWhitelistCount > 0)
            decision.writes.append({StoreWrite::Kind::Increment, keys.client, {}, ttl});
    };

    const int clientPasses = records.client ? records.client->toInt() : 0;
    if (settings.autoWhitelistCount > 0 && clientPasses >= settings.autoWhitelistCount) {
        decision.outcome = GreylistOutcome::AutoWhitelisted;
        decision.pass = true;
        // Seen again: the whitelisting lasts another maximum age.
        decision.writes.append({StoreWrite::Kind::Set, keys.client, QByteArray::number(clientPasses), ttl});
        return decision;
    }

    const TripletRecord triplet = parseRecord(records.triplet);
    const TripletRecord pool = keys.pool.isEmpty() ? TripletRecord() : parseRecord(records.pool);
    auto passedRecently = [&](const TripletRecord &r) {
        return r.present && r.passed > 0 && now - r.passed <= settings.maxAgeSeconds;
    };
    auto inWindow = [&](const TripletRecord &r) {
        return r.present && r.passed == 0 && now >= r.firstSeen + settings.delaySeconds &&
               now <= r.firstSeen + settings.retryWindowSeconds;
    };
    auto tooEarly = [&](const TripletRecord &r) {
        return r.present && r.passed == 0 && now < r.firstSeen + settings.delaySeconds;
    };

    if (passedRecently(triplet) || passedRecently(pool)) {
        decision.outcome = GreylistOutcome::Known;
        markPassed(passedRecently(triplet) ? triplet.firstSeen : pool.firstSeen, false);
        return decision;
    }
    if (inWindow(triplet)) {
        decision.outcome = GreylistOutcome::Retried;
        markPassed(triplet.firstSeen, true);
        return decision;
    }
    if (inWindow(pool)) {
        decision.outcome = GreylistOutcome::PoolRetried;
        markPassed(pool.firstSeen, true);
        return decision;
    }

    // Greylisted. The earliest first sighting that can still pass says how long to wait.
    qint64 firstSeen = now;
    if (tooEarly(triplet) || tooEarly(pool)) {
        decision.outcome = GreylistOutcome::TooEarly;
        if (tooEarly(triplet))
            firstSeen = triplet.firstSeen;
        if (tooEarly(pool))
            firstSeen = qMin(firstSeen, pool.firstSeen);
    } else {
        decision.outcome = triplet.present ? GreylistOutcome::RetryExpired : GreylistOutcome::FirstSeen;
    }
    decision.waitSeconds = int(qMax<qint64>(0, firstSeen + settings.delaySeconds - now));
    // A new or expired record starts now; one still waiting keeps its first sighting.
    if (!tooEarly(triplet))
        decision.writes.append({StoreWrite::Kind::Set, keys.triplet, recordValue(now, 0), ttl});
    if (!keys.pool.isEmpty() && !tooEarly(pool))
        decision.writes.append({StoreWrite::Kind::Set, keys.pool, recordValue(now, 0), ttl});
    return decision;
}

QString outcomeName(GreylistOutcome outcome)
{
    switch (outcome) {
    case GreylistOutcome::FirstSeen:
        return QStringLiteral("greylisted");
    case GreylistOutcome::TooEarly:
        return QStringLiteral("greylisted-too-early");
    case GreylistOutcome::RetryExpired:
        return QStringLiteral("greylisted-retry-expired");
    case GreylistOutcome::Retried:
        return QStringLiteral("passed");
    case GreylistOutcome::PoolRetried:
        return QStringLiteral("passed-pool");
    case GreylistOutcome::Known:
        return QStringLiteral("passed-known");
    case GreylistOutcome::AutoWhitelisted:
        return QStringLiteral("auto-whitelisted");
    }
    return {};
}

} // namespace greylist
} // namespace xmflow::engine

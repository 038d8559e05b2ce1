#include "SpammerSuggester.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QNetworkInterface>
#include <QSet>
#include <QTimeZone>

#include <algorithm>

namespace xmflow::engine {

namespace {

const Endpoint kLocal{model::IpAddress::fromV4(0x7f000001), 25};

// The /24 (IPv4) or /64 (IPv6) holding an address.
model::AddressFilter networkOf(const IpAddress &address)
{
    return model::AddressFilter::fromPrefix(address, address.v6 ? 64 : 24);
}

QString filterText(const model::AddressFilter &filter)
{
    return filter.address.toString() + QLatin1Char('/') + QString::number(filter.prefixLength);
}

bool isLoopback(const IpAddress &a)
{
    if (!a.v6)
        return (a.v4() >> 24) == 127;
    static const IpAddress one = *IpAddress::parse(u"::1");
    return a == one;
}

// Whether two filters share an address (both are prefixes here, or the rule's own mask).
bool overlaps(const model::AddressFilter &rule, const model::AddressFilter &network)
{
    return rule.matches(network.address) || network.matches(rule.address);
}

struct Network {
    model::AddressFilter filter;
    QList<int> bad; // client indexes
    bool authenticated = false;
    bool goodMail = false;
    bool whitelisted = false;
    bool own = false;
};

} // namespace

QList<model::AddressFilter> SuggestOptions::localNetworks()
{
    QList<model::AddressFilter> networks;
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces())
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            const auto address = IpAddress::parse(entry.ip().toString().section(QLatin1Char('%'), 0, 0));
            if (address && entry.prefixLength() >= 0)
                networks << model::AddressFilter::fromPrefix(address->unmapped(), entry.prefixLength());
        }
    return networks;
}

std::optional<SuggestOptions::Style> SuggestOptions::styleFromName(const QString &name)
{
    if (name == QLatin1String("drop"))
        return Style::Drop;
    if (name == QLatin1String("delay"))
        return Style::Delay;
    if (name == QLatin1String("auth-only"))
        return Style::AuthOnly;
    return std::nullopt;
}

QString SuggestOptions::styleName(Style style)
{
    switch (style) {
    case Style::Drop:
        return QStringLiteral("drop");
    case Style::Delay:
        return QStringLiteral("delay");
    case Style::AuthOnly:
        return QStringLiteral("auth-only");
    }
    return {};
}

QString SpammerSuggester::formatTime(qint64 seconds)
{
    if (seconds <= 0)
        return QStringLiteral("-");
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString Suggestion::line() const
{
    return QStringLiteral("\"%1\"\t\"code=%2\"").arg(network).arg(code);
}

QString Suggestion::comment(const SuggestOptions &options) const
{
    QStringList kinds;
    for (int k = 0; k < kFailureKindCount; ++k)
        if (failures[size_t(k)] > 0)
            kinds << QStringLiteral("%1 %2x%3")
                         .arg(failureKindName(FailureKind(k)))
                         .arg(failures[size_t(k)])
                         .arg(options.weights[size_t(k)]);
    return QStringLiteral(
               "%1 %2: %3 address(es), score %4 in %5 days (%6), first %7, last %8; impact: %9 clients, "
               "%10 sessions, %11 authenticated users")
        .arg(QString::fromLatin1(SpammerSuggester::kCommentMarker),
             QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate))
        .arg(addresses.size())
        .arg(score)
        .arg(options.days)
        .arg(kinds.join(QStringLiteral(", ")), SpammerSuggester::formatTime(firstSeen),
             SpammerSuggester::formatTime(lastSeen))
        .arg(clientsAffected)
        .arg(sessionsAffected)
        .arg(authUsersAffected);
}

model::MailRoot SpammerSuggester::withSuggestions(const model::MailRoot &root,
                                                  const QList<Suggestion> &suggestions,
                                                  const SuggestOptions &options)
{
    model::MailRoot copy = root;
    model::TabFile &file = copy.document(model::TableKind::Spammers).file;
    for (const Suggestion &s : suggestions) {
        file.insertLine(file.lineCount(), s.comment(options).toUtf8());
        file.appendRecord({s.network, QStringLiteral("code=%1").arg(s.code)});
    }
    copy.reparse();
    return copy;
}

SuggestReport SpammerSuggester::run(const model::MailRoot &root, const QList<LogClient> &clients,
                                    const SuggestOptions &options)
{
    SuggestReport report;
    report.options = options;
    qint64 now = options.now;
    if (now <= 0)
        for (const LogClient &c : clients)
            now = qMax(now, c.lastSeen);
    report.now = now;
    const qint64 since = now - qint64(options.days) * 86400 + 1;
    const auto current = Policy::compile(root, options.policy);
    DnsAnswers noDns;
    noDns.ptrLooked = true;

    QList<model::AddressFilter> whitelistRules, ownRules;
    for (const model::IpPropRule &rule : root.tables().ipProp)
        if (rule.flag(QStringLiteral("WhiteList")))
            whitelistRules << rule.filter;
    for (const model::RelayRule &rule : root.tables().relay)
        ownRules << rule.filter;
    ownRules += options.ownNetworks;

    // Every client counts for its network (authenticated, good mail); the bad ones are listed.
    QHash<QString, int> networkIndex;
    QList<Network> networks;
    QList<std::array<qint64, kFailureKindCount>> windowFailures(clients.size());
    for (int i = 0; i < clients.size(); ++i) {
        const LogClient &c = clients.at(i);
        const model::AddressFilter net = networkOf(c.address);
        const QString key = filterText(net);
        int n = networkIndex.value(key, -1);
        if (n < 0) {
            n = int(networks.size());
            networkIndex.insert(key, n);
            Network network;
            network.filter = net;
            for (const model::AddressFilter &f : std::as_const(whitelistRules))
                network.whitelisted = network.whitelisted || overlaps(f, net);
            for (const model::AddressFilter &f : std::as_const(ownRules))
                network.own = network.own || (!f.isCatchAll() && overlaps(f, net));
            networks.append(network);
        }
        Network &network = networks[n];
        network.authenticated = network.authenticated || c.everAuthenticated();
        network.goodMail = network.goodMail || c.delivered > 0;
        network.own = network.own || isLoopback(c.address) || current->relayAllowed(c.address);
        network.whitelisted = network.whitelisted || current->ipWhiteListed(c.address);
        qint64 score = 0;
        for (int k = 0; k < kFailureKindCount; ++k) {
            windowFailures[i][size_t(k)] = c.failuresSince(FailureKind(k), since);
            score += windowFailures[i][size_t(k)] * options.weights[size_t(k)];
        }
        if (score >= options.minScore && score > 0)
            network.bad.append(i);
    }

    const int code = options.style == SuggestOptions::Style::Drop    ? 1
                     : options.style == SuggestOptions::Style::Delay ? -qMax(1, options.delaySeconds)
                                                                     : 0;
    auto alreadyCovered = [&](const IpAddress &a) {
        const ConnectVerdict v = current->evaluate(a, kLocal, noDns, false);
        switch (options.style) {
        case SuggestOptions::Style::Drop:
            return v.drop;
        case SuggestOptions::Style::Delay:
            return v.drop || v.delaySeconds >= qMax(1, options.delaySeconds);
        case SuggestOptions::Style::AuthOnly:
            return v.drop || v.blocked;
        }
        return false;
    };
    auto make = [&](const QString &network, const QList<int> &members) {
        Suggestion s;
        s.network = network;
        s.code = code;
        for (int i : members) {
            const LogClient &c = clients.at(i);
            s.addresses << c.text;
            s.sessions += c.sessions;
            for (int k = 0; k < kFailureKindCount; ++k) {
                s.failures[size_t(k)] += windowFailures[i][size_t(k)];
                s.score += windowFailures[i][size_t(k)] * options.weights[size_t(k)];
            }
            s.firstSeen = s.firstSeen ? qMin(s.firstSeen, c.firstSeen) : c.firstSeen;
            s.lastSeen = qMax(s.lastSeen, c.lastSeen);
        }
        return s;
    };

    QList<Suggestion> suggestions;
    for (const Network &network : std::as_const(networks)) {
        if (network.bad.isEmpty())
            continue;
        const QString netText = filterText(network.filter);
        if (network.whitelisted || network.own) {
            report.refused.append({netText, network.whitelisted ? QStringLiteral("whitelisted")
                                                                : QStringLiteral("own-network")});
            continue;
        }
        QList<int> open; // bad addresses no rule already handles the way the style asks
        for (int i : network.bad) {
            const LogClient &c = clients.at(i);
            if (c.everAuthenticated() || c.delivered > 0) {
                report.refused.append({c.text, c.everAuthenticated() ? QStringLiteral("authenticated")
                                                                     : QStringLiteral("good-mail")});
                continue;
            }
            if (alreadyCovered(c.address)) {
                report.refused.append({c.text, QStringLiteral("already-covered")});
                continue;
            }
            open.append(i);
        }
        if (open.isEmpty())
            continue;
        if (open.size() >= options.aggregateMin) {
            if (!network.authenticated && !network.goodMail) {
                suggestions.append(make(netText, open));
                continue;
            }
            report.refused.append({netText, network.authenticated ? QStringLiteral("authenticated")
                                                                  : QStringLiteral("good-mail")});
        }
        for (int i : open) {
            const LogClient &c = clients.at(i);
            suggestions.append(
                make(c.text + (c.address.v6 ? QStringLiteral("/128") : QStringLiteral("/32")), {i}));
        }
    }

    // Impact through the same engine as `impact`: only clients inside a suggested line can change.
    // Every line is a /24 (/64) or a single address, so a hash finds a client's line.
    auto lineFor = [](const QHash<QString, int> &index, const IpAddress &address) {
        const int single = index.value(
            address.toString() + (address.v6 ? QStringLiteral("/128") : QStringLiteral("/32")), -1);
        return single >= 0 ? single : index.value(filterText(networkOf(address)), -1);
    };
    for (int round = 0; round < 8 && !suggestions.isEmpty(); ++round) {
        QHash<QString, int> index;
        for (int i = 0; i < suggestions.size(); ++i)
            index.insert(suggestions.at(i).network, i);
        QList<LogClient> inside;
        for (const LogClient &c : clients)
            if (lineFor(index, c.address) >= 0)
                inside.append(c);
        const auto proposed = Policy::compile(withSuggestions(root, suggestions, options), options.policy);
        report.impact = ImpactAnalysis::compare(current, proposed, inside);
        for (Suggestion &s : suggestions)
            s.clientsAffected = 0, s.sessionsAffected = 0, s.authUsersAffected = 0;
        QSet<int> withdraw;
        QSet<QString> counted; // a client once per line, whatever its behaviours
        for (const AffectedClient &a : std::as_const(report.impact.affected)) {
            const int i = lineFor(index, *IpAddress::parse(a.address));
            if (i < 0)
                continue;
            if (!counted.contains(a.address)) {
                counted.insert(a.address);
                ++suggestions[i].clientsAffected;
            }
            suggestions[i].sessionsAffected += a.sessions;
            if (!a.user.isEmpty()) {
                ++suggestions[i].authUsersAffected;
                withdraw.insert(i);
            }
        }
        if (withdraw.isEmpty())
            break;
        QList<Suggestion> kept;
        for (int i = 0; i < suggestions.size(); ++i) {
            if (withdraw.contains(i))
                report.refused.append({suggestions.at(i).network, QStringLiteral("impact")});
            else
                kept.append(suggestions.at(i));
        }
        suggestions = kept;
        if (suggestions.isEmpty())
            report.impact = {};
    }
    report.suggestions = suggestions;

    if (options.expireDays >= 0) {
        const qint64 expireBefore = now - qint64(options.expireDays) * 86400;
        const model::TabFile &file = root.document(model::TableKind::Spammers).file;
        for (int i = 0; i + 1 < file.lineCount(); ++i) {
            if (!file.line(i).text.startsWith(kCommentMarker))
                continue;
            const int ruleLine = i + 2; // the record right after the comment, 1-based
            for (const model::SpammerRule &rule : root.tables().spammers) {
                if (rule.line != ruleLine)
                    continue;
                qint64 lastHit = 0;
                for (const LogClient &c : clients)
                    if (rule.filter.matches(c.address))
                        lastHit = qMax(lastHit, c.lastSeen);
                if (lastHit < expireBefore)
                    report.expired.append({ruleLine, QString::fromUtf8(file.line(i + 1).text), lastHit});
            }
        }
    }
    return report;
}

QString SuggestReport::toTabLines() const
{
    QStringList weights;
    for (int k = 0; k < kFailureKindCount; ++k)
        weights
            << QStringLiteral("%1=%2").arg(failureKindName(FailureKind(k))).arg(options.weights[size_t(k)]);
    QString out =
        QStringLiteral("# xmflowd suggest: %1 line(s), style %2, window %3 days up to %4, threshold %5, "
                       "weights %6\n")
            .arg(suggestions.size())
            .arg(SuggestOptions::styleName(options.style))
            .arg(options.days)
            .arg(SpammerSuggester::formatTime(now))
            .arg(options.minScore)
            .arg(weights.join(QLatin1Char(' ')));
    for (const Suggestion &s : suggestions)
        out += s.comment(options) + QLatin1Char('\n') + s.line() + QLatin1Char('\n');
    for (const SuggestionExpiry &e : expired)
        out += QStringLiteral(
                   "# EXPIRE spammers.tab:%1 (suggested earlier, no log record for %2 days, last %3): %4\n")
                   .arg(e.line)
                   .arg(options.expireDays)
                   .arg(SpammerSuggester::formatTime(e.lastHit), e.text);
    return out;
}

QJsonObject SuggestReport::toJson() const
{
    QJsonObject weights;
    for (int k = 0; k < kFailureKindCount; ++k)
        weights.insert(failureKindName(FailureKind(k)), options.weights[size_t(k)]);
    QJsonArray list;
    for (const Suggestion &s : suggestions) {
        QJsonObject failures;
        for (int k = 0; k < kFailureKindCount; ++k)
            if (s.failures[size_t(k)] > 0)
                failures.insert(failureKindName(FailureKind(k)), s.failures[size_t(k)]);
        list.append(QJsonObject{
            {QStringLiteral("network"), s.network},
            {QStringLiteral("code"), s.code},
            {QStringLiteral("line"), s.line()},
            {QStringLiteral("comment"), s.comment(options)},
            {QStringLiteral("addresses"), QJsonArray::fromStringList(s.addresses)},
            {QStringLiteral("failures"), failures},
            {QStringLiteral("score"), s.score},
            {QStringLiteral("sessions"), s.sessions},
            {QStringLiteral("first_seen"), SpammerSuggester::formatTime(s.firstSeen)},
            {QStringLiteral("last_seen"), SpammerSuggester::formatTime(s.lastSeen)},
            {QStringLiteral("impact"), QJsonObject{{QStringLiteral("clients"), s.clientsAffected},
                                                   {QStringLiteral("sessions"), s.sessionsAffected},
                                                   {QStringLiteral("auth_users"), s.authUsersAffected}}}});
    }
    QJsonArray refusedArray;
    for (const SuggestionRefusal &r : refused)
        refusedArray.append(
            QJsonObject{{QStringLiteral("network"), r.network}, {QStringLiteral("reason"), r.reason}});
    QJsonArray expiredArray;
    for (const SuggestionExpiry &e : expired)
        expiredArray.append(
            QJsonObject{{QStringLiteral("line"), e.line},
                        {QStringLiteral("text"), e.text},
                        {QStringLiteral("last_hit"), SpammerSuggester::formatTime(e.lastHit)}});
    return QJsonObject{{QStringLiteral("style"), SuggestOptions::styleName(options.style)},
                       {QStringLiteral("days"), options.days},
                       {QStringLiteral("min_failures"), options.minScore},
                       {QStringLiteral("now"), SpammerSuggester::formatTime(now)},
                       {QStringLiteral("weights"), weights},
                       {QStringLiteral("suggestions"), list},
                       {QStringLiteral("refused"), refusedArray},
                       {QStringLiteral("expire"), expiredArray},
                       {QStringLiteral("impact"), impact.toJson()}};
}

} // namespace xmflow::engine

#include "Policy.h"

#include "DecisionTracer.h"
#include "IpMapPriority.h"
#include "PrefixIndex.h"
#include "Stages.h"
#include "TraceTexts.h"
#include "VariableNames.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>

namespace xmflow::engine {

using model::TableKind;

namespace {

namespace Names = model::VariableNames;

const QString kServerName = QStringLiteral("[xmflowd ESMTP Server]");

// XMail's atoi.
int atoiText(const QString &text)
{
    return model::xmailAtoi(text.toLatin1());
}

// Reads a SmtpConfig value: XMail's MailAuth/WantTLS, then xmflow's per-listener options.
ListenerOptions parseListenerOptions(const QString &value, bool xmailCompat)
{
    ListenerOptions opts;
    const QStringList tokens =
        value.split(QRegularExpression(QStringLiteral("[,\\r\\n]")), Qt::SkipEmptyParts);
    for (const QString &token : tokens) {
        const qsizetype eq = token.indexOf(QLatin1Char('='));
        const QString name = (eq < 0 ? token : token.left(eq)).trimmed();
        const QString val = eq < 0 ? QString() : token.mid(eq + 1).trimmed();
        const bool on = eq < 0 || atoiText(val) != 0;
        if (name == QLatin1String("MailAuth") || name == QLatin1String("mail-auth"))
            opts.mailAuth = on;
        else if (name == QLatin1String("WantTLS"))
            opts.wantTls = on;
        else if (xmailCompat)
            continue;
        else if (name == QLatin1String("NoDelay"))
            opts.noDelay = on;
        else if (name == QLatin1String("DelayStart"))
            opts.delayAtMail = val.compare(QLatin1String("mail"), Qt::CaseInsensitive) == 0;
        else if (name == QLatin1String("GreetPause"))
            opts.greetPause = qMax(0, atoiText(val));
    }
    return opts;
}

} // namespace

struct Policy::Private {
    model::MailRoot root;
    PolicyOptions options;

    PrefixIndex ipMap;             // value: index into tables.ipMap
    PrefixIndex ipProp;            // value: index into tables.ipProp
    PrefixIndex spammers;          // value: index into tables.spammers
    std::vector<int> spammerCodes; // code= of each spammers.tab rule: 4 bytes per line stay in cache
    PrefixIndex relay;             // value: index into tables.relay
    PolicySettings settings;
    // Replies derived from the settings.
    QString blockedReply; // SmtpMsgIPBanSpammers or XMail's 551
    QString notAvailable; // XMail's 421 when no SmtpMsgIPBan* text is set
    QString ipBanReply;   // SmtpMsgIPBan, else notAvailable
    int ipBanCode = 0;
    QString spammersBanReply; // SmtpMsgIPBanSpammers, else notAvailable
    int spammersBanCode = 0;
    // SmtpConfig* variables, parsed once: names become (address, port) so that a
    // connection finds its options without formatting strings.
    struct ListenerRule {
        enum Scope { AddressAndPort, Address, AnyAddressAndPort, AnyAddress, Default } scope;
        IpAddress address;
        int port = -1;
        ListenerOptions options;
    };
    std::vector<ListenerRule> listenerRules;

    // "SmtpConfig", "SmtpConfig-IP" or "SmtpConfig-IP,PORT" as XMail spells them
    // (canonical address, decimal port); 0.0.0.0 / :: are xmflow's any-address
    // form. Other spellings never match a connection, in XMail as here.
    static std::optional<ListenerRule> parseListenerRule(const QString &name, bool xmailCompat)
    {
        if (name == Names::SmtpConfig)
            return ListenerRule{ListenerRule::Default, {}, -1, {}};
        if (!name.startsWith(QLatin1String("SmtpConfig-")))
            return std::nullopt;
        QString addressText = name.mid(int(qstrlen("SmtpConfig-")));
        int port = -1;
        const qsizetype comma = addressText.lastIndexOf(QLatin1Char(','));
        if (comma >= 0) {
            bool ok = false;
            port = addressText.mid(comma + 1).toInt(&ok);
            if (!ok || port < 0 || port > 65535 || QString::number(port) != addressText.mid(comma + 1))
                return std::nullopt;
            addressText.truncate(comma);
        }
        const auto address = IpAddress::parse(addressText);
        if (!address || address->toString() != addressText)
            return std::nullopt;
        const bool any =
            std::all_of(address->bytes.cbegin(), address->bytes.cend(), [](quint8 b) { return b == 0; });
        if (any && !xmailCompat)
            return ListenerRule{
                port >= 0 ? ListenerRule::AnyAddressAndPort : ListenerRule::AnyAddress, *address, port, {}};
        return ListenerRule{
            port >= 0 ? ListenerRule::AddressAndPort : ListenerRule::Address, *address, port, {}};
    }
    struct Account {
        QString password;
        QString permissions;
    };
    QHash<QString, Account> mailUsers; // "user@domain" lower-case
    QList<model::SmtpAuthUser> smtpAuth;
    QHash<QString, QSet<QString>> localUsers; // domain -> users, lower-case
    QSet<QString> localDomains;

    // mailusers.tab: the login name splits at the first '@', else ':', else '%'.
    const Account *mailUser(const QString &user) const
    {
        for (const QChar separator : {QLatin1Char('@'), QLatin1Char(':'), QLatin1Char('%')}) {
            const qsizetype at = user.indexOf(separator);
            if (at < 0)
                continue;
            const auto it =
                mailUsers.constFind(user.left(at).toLower() + QLatin1Char('@') + user.mid(at + 1).toLower());
            return it == mailUsers.cend() ? nullptr : &*it;
        }
        return nullptr;
    }
    // smtpauth.tab: user names are case-sensitive; the first line wins.
    const model::SmtpAuthUser *smtpAuthUser(const QString &user) const
    {
        for (const model::SmtpAuthUser &entry : smtpAuth)
            if (entry.user == user)
                return &entry;
        return nullptr;
    }

    // The connect-time stages, in XMail's order; each writes into the verdict.
    void checkIpProp(const IpAddress &peer, ConnectVerdict &v, DecisionTracer &trace) const;
    void checkHnProp(const DnsAnswers &dns, ConnectVerdict &v, DecisionTracer &trace) const;
    void checkIpMap(const IpAddress &peer, ConnectVerdict &v, DecisionTracer &trace) const;
    void checkSpammers(const IpAddress &peer, ConnectVerdict &v, DecisionTracer &trace) const;
    void checkDnsMaps(const DnsAnswers &dns, ConnectVerdict &v, DecisionTracer &trace) const;
    void checkRdns(const DnsAnswers &dns, ConnectVerdict &v, DecisionTracer &trace) const;
    void applyExtensions(ConnectVerdict &v, DecisionTracer &trace) const;
    static void traceBanner(const ConnectVerdict &v, DecisionTracer &trace);
};

namespace {

void dropConnection(ConnectVerdict &v, int code, const QString &reply, const QString &status)
{
    v.drop = true;
    v.dropCode = code;
    v.dropReply = reply;
    v.logStatus = status;
}

} // namespace

Policy::Policy() : d(std::make_unique<Private>()) {}

Policy::~Policy() = default;

std::shared_ptr<const Policy> Policy::compile(const model::MailRoot &root, PolicyOptions options)
{
    std::shared_ptr<Policy> policy(new Policy);
    Private &p = *policy->d;
    p.root = root;
    p.options = options;
    const model::ParsedTables &t = root.tables();

    // smtp.ipmap.tab ranks by XMail's precedence order; the other tables by line order.
    std::vector<PrefixIndex::Entry> entries;
    const std::vector<int> ipMapOrder = ipMapPriorityOrder(t.ipMap);
    for (int rank = 0; rank < int(ipMapOrder.size()); ++rank)
        entries.push_back({t.ipMap.at(ipMapOrder[size_t(rank)]).filter, rank, ipMapOrder[size_t(rank)]});
    p.ipMap = PrefixIndex(entries);
    auto lineOrder = [&entries](const auto &rules) {
        entries.clear();
        for (int i = 0; i < int(rules.size()); ++i)
            entries.push_back({rules.at(i).filter, i, i});
        return PrefixIndex(entries);
    };
    p.ipProp = lineOrder(t.ipProp);
    p.spammers = lineOrder(t.spammers);
    p.spammerCodes.reserve(size_t(t.spammers.size()));
    for (const model::SpammerRule &rule : t.spammers)
        p.spammerCodes.push_back(rule.code);
    p.relay = lineOrder(t.relay);

    p.settings = PolicySettings::read(root, options.xmailCompat);
    const PolicySettings &settings = p.settings;
    p.blockedReply =
        settings.spammersBanReply.value_or(QStringLiteral("551 Server access forbidden by your IP"));
    p.notAvailable =
        QStringLiteral("421 %1 service not available (-1), closing transmission channel").arg(kServerName);
    p.ipBanReply = settings.ipBanReply.value_or(p.notAvailable);
    p.ipBanCode = atoiText(p.ipBanReply.left(3));
    p.spammersBanReply = settings.spammersBanReply.value_or(p.notAvailable);
    p.spammersBanCode = atoiText(p.spammersBanReply.left(3));
    QSet<QString> seenListenerNames; // the first occurrence of a variable counts
    for (const model::ServerVariable &var : t.server) {
        if (!var.name.startsWith(Names::SmtpConfig) || seenListenerNames.contains(var.name))
            continue;
        seenListenerNames.insert(var.name);
        if (auto rule = Private::parseListenerRule(var.name, options.xmailCompat)) {
            rule->options = parseListenerOptions(var.value, options.xmailCompat);
            rule->options.sourceVariable = var.name;
            p.listenerRules.push_back(*rule);
        }
    }
    const QString &defaultPerms = settings.defaultSmtpPerms;
    for (const model::DomainEntry &domain : t.domains)
        p.localDomains.insert(domain.domain.toLower());
    for (const model::MailUser &user : t.mailUsers) {
        const auto password = model::decodeXMailPassword(user.encryptedPassword);
        const QString key = user.user.toLower() + QLatin1Char('@') + user.domain.toLower();
        p.localUsers[user.domain.toLower()].insert(user.user.toLower());
        if (!password)
            continue;
        // user.tab SmtpPerms overrides DefaultSmtpPerms.
        const QString perms = root.userVariable(user, "SmtpPerms").value_or(defaultPerms);
        p.mailUsers.insert(key, {*password, perms});
    }
    p.smtpAuth = t.smtpAuth;
    return policy;
}

const model::MailRoot &Policy::mailRoot() const
{
    return d->root;
}

const PolicyOptions &Policy::options() const
{
    return d->options;
}

QStringList Policy::mapRoots() const
{
    QStringList roots;
    for (const DnsMapSetting &entry : d->settings.maps)
        roots.append(entry.key);
    return roots;
}

bool Policy::needsPtr(const IpAddress &) const
{
    // Greylisting keys retries from a pool of addresses by their PTR domain.
    return d->settings.rdnsCheck != 0 || d->root.fileExists(TableKind::HnProp) ||
           d->settings.greylist.enabled;
}

bool Policy::confirmsPtr() const
{
    return d->settings.greylist.enabled;
}

bool Policy::mayPauseGreeting() const
{
    if (d->settings.greetPause > 0)
        return true;
    return std::any_of(d->listenerRules.cbegin(), d->listenerRules.cend(),
                       [](const Private::ListenerRule &rule) { return rule.options.greetPause > 0; });
}

ListenerOptions Policy::listenerOptions(const Endpoint &local) const
{
    using Rule = Private::ListenerRule;
    const Rule *best = nullptr;
    for (const Rule &rule : d->listenerRules) {
        const bool applies = rule.scope == Rule::Default ||
                             ((rule.port < 0 || rule.port == local.port) &&
                              (rule.scope == Rule::AnyAddress || rule.scope == Rule::AnyAddressAndPort
                                   ? rule.address.v6 == local.address.v6
                                   : rule.address == local.address));
        if (applies && (!best || rule.scope < best->scope))
            best = &rule;
    }
    return best ? best->options : ListenerOptions{};
}

Q_ALWAYS_INLINE void Policy::Private::checkIpProp(const IpAddress &peer, ConnectVerdict &v,
                                                  DecisionTracer &trace) const
{
    const model::ParsedTables &t = root.tables();
    const int index = ipProp.lookup(peer);
    if (index < 0) {
        trace.note(StageIds::IpProp, t.ipProp.isEmpty() ? TraceOutcome::NotConfigured : TraceOutcome::NoMatch,
                   ExitIds::NoMatch, TraceTexts::noLineMatches);
        return;
    }
    const model::IpPropRule &rule = t.ipProp.at(index);
    v.whiteListed = rule.flag(QStringLiteral("WhiteList"));
    v.noAuth = rule.flag(QStringLiteral("NoAuth"));
    const auto sdc = rule.property(QStringLiteral("SenderDomainCheck"));
    v.senderDomainCheck = !(sdc && atoiText(*sdc) == 0);
    v.easeTls = rule.flag(QStringLiteral("EaseTLS"));
    v.enableVrfy = rule.flag(QStringLiteral("EnableVRFY"));
    v.enableEtrn = rule.flag(QStringLiteral("EnableETRN"));
    trace.rule(StageIds::IpProp, TraceOutcome::Matched, v.whiteListed ? ExitIds::Whitelisted : ExitIds::Match,
               TableKind::IpProp, rule.line, [&] {
                   QStringList props;
                   for (const model::Property &prop : rule.properties)
                       props.append(prop.name + QLatin1Char('=') + prop.value);
                   return TraceTexts::ipPropMatched(props.join(QLatin1Char(' ')), v.whiteListed);
               });
}

// smtp.hnprop.tab, only when the file exists, keyed by the PTR name.
Q_ALWAYS_INLINE void Policy::Private::checkHnProp(const DnsAnswers &dns, ConnectVerdict &v,
                                                  DecisionTracer &trace) const
{
    if (!root.fileExists(TableKind::HnProp)) {
        trace.note(StageIds::HnProp, TraceOutcome::NotConfigured, ExitIds::NoMatch,
                   TraceTexts::hnPropMissing);
        return;
    }
    const bool havePtr = dns.ptrName && !dns.ptrName->isEmpty();
    const model::HnPropRule *hit = nullptr;
    if (havePtr)
        for (const model::HnPropRule &rule : root.tables().hnProp)
            if (options.xmailCompat ? rule.matchesLikeXMail127(*dns.ptrName) : rule.matches(*dns.ptrName)) {
                hit = &rule;
                break;
            }
    if (hit) {
        v.whiteListed = v.whiteListed || hit->flag(QStringLiteral("WhiteList"));
        v.noAuth = v.noAuth || hit->flag(QStringLiteral("NoAuth"));
        const auto sdc = hit->property(QStringLiteral("SenderDomainCheck"));
        if (sdc && atoiText(*sdc) == 0)
            v.senderDomainCheck = false;
        v.enableVrfy = v.enableVrfy || hit->flag(QStringLiteral("EnableVRFY"));
        v.enableEtrn = v.enableEtrn || hit->flag(QStringLiteral("EnableETRN"));
        trace.rule(StageIds::HnProp, TraceOutcome::Matched,
                   v.whiteListed ? ExitIds::Whitelisted : ExitIds::Match, TableKind::HnProp, hit->line,
                   [&] { return TraceTexts::hnPropMatched(*dns.ptrName); });
    } else if (options.xmailCompat && dns.ptrLooked && !havePtr) {
        // XMail 1.27 resolves the name itself for hnprop; without a PTR the session setup fails.
        dropConnection(v, 421, notAvailable, QString());
        trace.note(StageIds::HnProp, TraceOutcome::Matched, ExitIds::Drop, TraceTexts::hnPropNoPtrDrop);
    } else {
        trace.note(StageIds::HnProp, TraceOutcome::NoMatch, ExitIds::NoMatch, [&] {
            return dns.ptrName ? TraceTexts::hnPropNoMatch(*dns.ptrName) : TraceTexts::hnPropNoPtrName();
        });
    }
}

Q_ALWAYS_INLINE void Policy::Private::checkIpMap(const IpAddress &peer, ConnectVerdict &v,
                                                 DecisionTracer &trace) const
{
    const model::ParsedTables &t = root.tables();
    const int index = ipMap.lookup(peer);
    if (index < 0) {
        trace.note(StageIds::IpMap, t.ipMap.isEmpty() ? TraceOutcome::NotConfigured : TraceOutcome::NoMatch,
                   ExitIds::Allow, TraceTexts::ipMapNoMatch);
        return;
    }
    const model::IpMapRule &rule = t.ipMap.at(index);
    const int dropCode = settings.ipMapDropCode;
    if (rule.allow) {
        trace.rule(StageIds::IpMap, TraceOutcome::Matched, ExitIds::Allow, TableKind::IpMap, rule.line,
                   [&] { return TraceTexts::ipMapAllow(rule.precedence); });
    } else if (dropCode > 0) {
        dropConnection(v, ipBanCode, ipBanReply, QStringLiteral("EIPBAN"));
        trace.rule(StageIds::IpMap, TraceOutcome::Matched, ExitIds::Drop, TableKind::IpMap, rule.line,
                   [&] { return TraceTexts::ipMapDenyDrop(dropCode); });
    } else if (dropCode == 0) {
        v.ipMapped = true;
        trace.rule(StageIds::IpMap, TraceOutcome::Matched, ExitIds::AuthOnly, TableKind::IpMap, rule.line,
                   TraceTexts::ipMapDenyFlag);
    } else {
        v.delaySeconds = qMax(v.delaySeconds, -dropCode);
        trace.rule(
            StageIds::IpMap, TraceOutcome::Matched, ExitIds::Delay, TableKind::IpMap, rule.line,
            [&] { return TraceTexts::ipMapDenyDelay(dropCode); }, -dropCode);
    }
}

// spammers.tab, first match. The decision reads the compact code array only.
Q_ALWAYS_INLINE void Policy::Private::checkSpammers(const IpAddress &peer, ConnectVerdict &v,
                                                    DecisionTracer &trace) const
{
    const int index = spammers.lookup(peer);
    if (index < 0) {
        trace.note(StageIds::Spammers,
                   root.tables().spammers.isEmpty() ? TraceOutcome::NotConfigured : TraceOutcome::NoMatch,
                   ExitIds::NoMatch, TraceTexts::noLineMatches);
        return;
    }
    const int code = spammerCodes[size_t(index)];
    const int line = trace.enabled() ? root.tables().spammers.at(index).line : 0;
    auto effect = [code] { return TraceTexts::spammersCode(code); };
    if (code > 0) {
        dropConnection(v, spammersBanCode, spammersBanReply, QStringLiteral("EIPSPAM"));
        trace.rule(StageIds::Spammers, TraceOutcome::Matched, ExitIds::Drop, TableKind::Spammers, line,
                   effect);
    } else if (code == 0) {
        v.blocked = true;
        trace.rule(StageIds::Spammers, TraceOutcome::Matched, ExitIds::AuthOnly, TableKind::Spammers, line,
                   effect);
    } else {
        v.delaySeconds = qMax(v.delaySeconds, -code);
        trace.rule(StageIds::Spammers, TraceOutcome::Matched, ExitIds::Delay, TableKind::Spammers, line,
                   effect, -code);
    }
}

// CustMapsList: the first listing map decides.
Q_ALWAYS_INLINE void Policy::Private::checkDnsMaps(const DnsAnswers &dns, ConnectVerdict &v,
                                                   DecisionTracer &trace) const
{
    const QList<DnsMapSetting> &maps = settings.maps;
    if (maps.isEmpty()) {
        trace.note(StageIds::DnsMaps, TraceOutcome::NotConfigured, ExitIds::NoMatch, TraceTexts::mapsNotSet);
        return;
    }
    const DnsMapSetting *listed = nullptr;
    for (const DnsMapSetting &entry : maps)
        if (dns.listedIn.contains(entry.key)) {
            listed = &entry;
            break;
        }
    if (!listed) {
        trace.note(StageIds::DnsMaps, TraceOutcome::NoMatch, ExitIds::NoMatch, [&] {
            QStringList notes;
            for (const DnsMapSetting &entry : maps)
                notes.append(TraceTexts::mapNote(entry.root, dns.timedOut.contains(entry.key)));
            return TraceTexts::mapsNotListed(notes.join(QStringLiteral("; ")));
        });
        return;
    }
    auto value = [listed] { return QStringLiteral("%1:%2").arg(listed->root).arg(listed->code); };
    if (listed->code == 1) {
        const QString reply =
            settings.mapsBanReply
                ? *settings.mapsBanReply + QStringLiteral(" (%1)").arg(listed->root)
                : QStringLiteral("550 Denied due inclusion of your IP inside (%1)").arg(listed->root);
        dropConnection(v, atoiText(reply.left(3)), reply, QStringLiteral("EIPMAP (%1)").arg(listed->root));
        trace.setting(StageIds::DnsMaps, TraceOutcome::Matched, ExitIds::Drop, Names::CustMapsList, value,
                      [listed] { return TraceTexts::mapsListedDrop(listed->root); });
    } else if (listed->code == 0) {
        v.mapped = true;
        trace.setting(StageIds::DnsMaps, TraceOutcome::Matched, ExitIds::AuthOnly, Names::CustMapsList, value,
                      [listed] { return TraceTexts::mapsListedAuthOnly(listed->root); });
    } else {
        const int delay = qAbs(listed->code);
        v.delaySeconds = qMax(v.delaySeconds, delay);
        trace.setting(
            StageIds::DnsMaps, TraceOutcome::Matched, ExitIds::Delay, Names::CustMapsList, value,
            [listed, delay] { return TraceTexts::mapsListedDelay(listed->root, listed->code, delay); },
            delay);
    }
}

Q_ALWAYS_INLINE void Policy::Private::checkRdns(const DnsAnswers &dns, ConnectVerdict &v,
                                                DecisionTracer &trace) const
{
    const int check = settings.rdnsCheck;
    auto value = [check] { return QString::number(check); };
    if (check == 0) {
        trace.note(StageIds::RDns, TraceOutcome::NotConfigured, ExitIds::NoMatch, TraceTexts::rdnsOff);
    } else if (dns.ptrName && !dns.ptrName->isEmpty()) {
        trace.note(StageIds::RDns, TraceOutcome::NoMatch, ExitIds::NoMatch,
                   [&] { return TraceTexts::rdnsPasses(*dns.ptrName); });
    } else if (check > 0) {
        v.noRdns = true;
        trace.setting(StageIds::RDns, TraceOutcome::Matched, ExitIds::AuthOnly, Names::RdnsCheck, value,
                      TraceTexts::rdnsAuthOnly);
    } else {
        v.delaySeconds = qMax(v.delaySeconds, -check);
        trace.setting(
            StageIds::RDns, TraceOutcome::Matched, ExitIds::Delay, Names::RdnsCheck, value,
            [check] { return TraceTexts::rdnsDelay(-check); }, -check);
    }
}

// XMF-DefaultDelay, the listener's NoDelay / DelayStart, XMF-GreetPause.
Q_ALWAYS_INLINE void Policy::Private::applyExtensions(ConnectVerdict &v, DecisionTracer &trace) const
{
    const int defaultDelay = settings.defaultDelay;
    if (defaultDelay > 0 && !v.whiteListed) {
        v.delaySeconds = qMax(v.delaySeconds, defaultDelay);
        trace.setting(
            StageIds::DefaultDelay, TraceOutcome::Matched, ExitIds::Delay, Names::XmfDefaultDelay,
            [defaultDelay] { return QString::number(defaultDelay); },
            [defaultDelay] { return TraceTexts::defaultDelay(defaultDelay); }, defaultDelay);
    } else {
        trace.note(
            StageIds::DefaultDelay, defaultDelay > 0 ? TraceOutcome::Skipped : TraceOutcome::NotConfigured,
            ExitIds::NoMatch, [defaultDelay] {
                return defaultDelay > 0 ? TraceTexts::whitelistedSkip() : TraceTexts::defaultDelayNotSet();
            });
    }
    v.delayAtMail = settings.delayAtMail || v.listener.delayAtMail;
    if (v.listener.noDelay)
        v.delaySeconds = 0;
    const bool fromListener = v.listener.greetPause >= 0;
    const int pause = fromListener ? v.listener.greetPause : settings.greetPause;
    v.greetPause = v.whiteListed ? 0 : pause;
    if (pause <= 0)
        return;
    trace.setting(
        StageIds::GreetPause, v.whiteListed ? TraceOutcome::Skipped : TraceOutcome::Matched,
        v.whiteListed ? ExitIds::Skipped : ExitIds::Pause,
        fromListener ? v.listener.sourceVariable : Names::XmfGreetPause, [] { return QString(); },
        [&] { return v.whiteListed ? TraceTexts::whitelistedSkip() : TraceTexts::greetPause(pause); },
        v.greetPause);
    trace.moveLastToFront();
}

// The banner, or the drop.
Q_ALWAYS_INLINE void Policy::Private::traceBanner(const ConnectVerdict &v, DecisionTracer &trace)
{
    if (v.drop)
        trace.note(StageIds::Banner, TraceOutcome::Matched, ExitIds::Drop,
                   [&] { return TraceTexts::bannerDrop(v.dropReply); });
    else
        trace.note(
            StageIds::Banner, TraceOutcome::Matched, ExitIds::Banner,
            [&] { return TraceTexts::banner(v.delaySeconds, v.delayAtMail); }, v.delaySeconds);
}

ConnectVerdict Policy::evaluate(const IpAddress &rawPeer, const Endpoint &local, const DnsAnswers &dns,
                                bool withTrace) const
{
    const Private &p = *d;
    const IpAddress peer = rawPeer.unmapped();
    ConnectVerdict v;
    v.listener = listenerOptions(local);
    v.trace.reserve(withTrace ? 10 : 0);
    v.blockedReply = p.blockedReply;
    v.ptrName = dns.ptrName.value_or(QString());
    v.ptrConfirmed = dns.ptrConfirmed && !v.ptrName.isEmpty();
    DecisionTracer trace(p.root, withTrace ? &v.trace : nullptr);

    p.checkIpProp(peer, v, trace);
    p.checkHnProp(dns, v, trace);
    if (v.drop) {
        // Refused before the IP checks (hnprop without a PTR in XMail-compatible mode).
    } else if (v.whiteListed) {
        for (const QString &stage : {StageIds::IpMap, StageIds::Spammers, StageIds::DnsMaps, StageIds::RDns})
            trace.note(stage, TraceOutcome::Skipped, ExitIds::Skipped, TraceTexts::whitelistedSkip);
    } else {
        p.checkIpMap(peer, v, trace);
        if (!v.drop)
            p.checkSpammers(peer, v, trace);
        if (!v.drop)
            p.checkDnsMaps(dns, v, trace);
        if (!v.drop)
            p.checkRdns(dns, v, trace);
    }
    if (!p.options.xmailCompat && !v.drop)
        p.applyExtensions(v, trace);
    Private::traceBanner(v, trace);
    return v;
}

bool Policy::ipWhiteListed(const IpAddress &peer) const
{
    const int index = d->ipProp.lookup(peer);
    return index >= 0 && d->root.tables().ipProp.at(index).flag(QStringLiteral("WhiteList"));
}

bool Policy::relayAllowed(const IpAddress &peer, int *line) const
{
    const int index = d->relay.lookup(peer.unmapped());
    if (index < 0)
        return false;
    if (line)
        *line = d->root.tables().relay.at(index).line;
    return true;
}

std::optional<int> Policy::spamAddressLine(const QString &mailFrom) const
{
    for (const model::SpamAddressRule &rule : d->root.tables().spamAddress)
        if (rule.matches(mailFrom))
            return rule.line;
    return std::nullopt;
}

bool Policy::isLocalDomain(const QString &domain) const
{
    return d->localDomains.contains(domain.toLower());
}

bool Policy::hasLocalUser(const QString &domain, const QString &user) const
{
    const auto it = d->localUsers.constFind(domain.toLower());
    return it != d->localUsers.cend() && it->contains(user.toLower());
}

std::optional<AuthAccount> Policy::authenticate(const QString &user, const QString &password) const
{
    if (const Private::Account *account = d->mailUser(user); account && account->password == password)
        return AuthAccount{user, account->permissions};
    for (const model::SmtpAuthUser &entry : d->smtpAuth)
        if (entry.user == user && entry.password == password)
            return AuthAccount{user, entry.permissions};
    return std::nullopt;
}

std::optional<QString> Policy::passwordFor(const QString &user) const
{
    if (const Private::Account *account = d->mailUser(user))
        return account->password;
    if (const model::SmtpAuthUser *entry = d->smtpAuthUser(user))
        return entry->password;
    return std::nullopt;
}

std::optional<QString> Policy::permissionsFor(const QString &user) const
{
    if (const Private::Account *account = d->mailUser(user))
        return account->permissions;
    if (const model::SmtpAuthUser *entry = d->smtpAuthUser(user))
        return entry->permissions;
    return std::nullopt;
}

const PolicySettings &Policy::settings() const
{
    return d->settings;
}

int Policy::maxErrors() const
{
    return d->settings.maxErrors;
}

qint64 Policy::maxMessageSize() const
{
    return d->settings.maxMessageSize;
}

QString Policy::serverDomain() const
{
    return d->settings.serverDomain;
}

bool Policy::tlsAvailable() const
{
    if (!d->settings.enableSmtpTls)
        return false;
    const QDir dir(d->root.directory());
    return QFile::exists(dir.filePath(QStringLiteral("server.cert"))) &&
           QFile::exists(dir.filePath(QStringLiteral("server.key")));
}

QStringList Policy::listenerExtensions(const QString &variableName, const QString &value)
{
    QStringList used;
    using Rule = Private::ListenerRule;
    const auto rule = Private::parseListenerRule(variableName, false);
    if (rule && (rule->scope == Rule::AnyAddress || rule->scope == Rule::AnyAddressAndPort))
        used << QStringLiteral("any-address");
    const ListenerOptions options = parseListenerOptions(value, false);
    if (options.noDelay)
        used << QStringLiteral("NoDelay");
    if (options.delayAtMail)
        used << QStringLiteral("DelayStart");
    if (options.greetPause >= 0)
        used << QStringLiteral("GreetPause");
    return used;
}

QString Policy::serverName()
{
    return kServerName;
}

} // namespace xmflow::engine

#include "Policy.h"

#include "IpMapPriority.h"
#include "PrefixIndex.h"
#include "Stages.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>

namespace xmflow::engine {

using model::TableKind;

namespace {

const QString kServerName = QStringLiteral("[xmflowd ESMTP Server]");

struct MapEntry {
    QString root;     // as written (used in replies and the log)
    QString key;      // lower-case, no trailing dot
    int code = 0;
};

QString normalizeRoot(QString root)
{
    root = root.trimmed().toLower();
    while (root.endsWith(QLatin1Char('.')))
        root.chop(1);
    return root;
}

// XMail's reading of CustMapsList: "root:code,root:code,...".
QList<MapEntry> parseMapsList(const QString &value)
{
    QList<MapEntry> maps;
    const QStringList items = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const qsizetype colon = item.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            continue;
        MapEntry entry;
        entry.root = item.left(colon).trimmed();
        entry.key = normalizeRoot(entry.root);
        entry.code = item.mid(colon + 1).trimmed().toInt();
        maps.append(entry);
    }
    return maps;
}

// XMail's atoi.
int atoiText(const QString &text)
{
    return model::xmailAtoi(text.toLatin1());
}

QString lineText(const model::MailRoot &root, TableKind kind, int line)
{
    const model::TableDocument &doc = root.document(kind);
    if (line <= 0 || line > doc.file.lineCount())
        return {};
    return doc.file.decode(doc.file.line(line - 1).text);
}

LocalizedText tr2(const QString &en, const QString &ja)
{
    return {en, ja};
}

QString codeMeaningEn(int code)
{
    if (code > 0)
        return QStringLiteral("drop");
    if (code == 0)
        return QStringLiteral("AUTH only");
    return QStringLiteral("delay %1 s").arg(-code);
}

QString codeMeaningJa(int code)
{
    if (code > 0)
        return QStringLiteral("切断");
    if (code == 0)
        return QStringLiteral("SMTP認証が通れば受信");
    return QStringLiteral("%1 秒遅延").arg(-code);
}

// Reads a SmtpConfig value: XMail's MailAuth/WantTLS, then xmflow's per-listener options.
ListenerOptions parseListenerOptions(const QString &value, bool xmailCompat)
{
    ListenerOptions opts;
    const QStringList tokens = value.split(QRegularExpression(QStringLiteral("[,\\r\\n]")), Qt::SkipEmptyParts);
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

    PrefixIndex ipMap;    // value: index into tables.ipMap
    PrefixIndex ipProp;   // value: index into tables.ipProp
    PrefixIndex spammers; // value: index into tables.spammers
    std::vector<int> spammerCodes; // code= of each spammers.tab rule: 4 bytes per line stay in cache
    PrefixIndex relay;    // value: index into tables.relay
    QList<MapEntry> maps;
    int ipMapDropCode = 1;
    int rdnsCheck = 0;
    int maxErrors = 0;
    qint64 maxMessageSize = 0;
    QString serverDomain;
    // Extensions (zero/false in XMail-compatible mode).
    QString blockedReply;  // SmtpMsgIPBanSpammers or XMail's 551
    QString notAvailable;  // XMail's 421 when no SmtpMsgIPBan* text is set
    QString ipBanReply;    // SmtpMsgIPBan, else notAvailable
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
        if (name == QLatin1String("SmtpConfig"))
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
        const bool any = std::all_of(address->bytes.cbegin(), address->bytes.cend(), [](quint8 b) { return b == 0; });
        if (any && !xmailCompat)
            return ListenerRule{port >= 0 ? ListenerRule::AnyAddressAndPort : ListenerRule::AnyAddress, *address, port, {}};
        return ListenerRule{port >= 0 ? ListenerRule::AddressAndPort : ListenerRule::Address, *address, port, {}};
    }
    int defaultDelay = 0;
    bool delayAtMail = false;
    int greetPause = 0;

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
            const auto it = mailUsers.constFind(user.left(at).toLower() + QLatin1Char('@') + user.mid(at + 1).toLower());
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

    int serverLine(const QString &name) const { return root.variableLine(name); }
    QString var(const QString &name, const QString &fallback = QString()) const
    {
        return root.variable(name).value_or(fallback);
    }
    int intVar(const QString &name, int fallback) const { return root.intVariable(name, fallback); }
};

Policy::Policy()
    : d(std::make_unique<Private>())
{
}

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

    p.blockedReply = p.var(QStringLiteral("SmtpMsgIPBanSpammers"), QStringLiteral("551 Server access forbidden by your IP"));
    p.notAvailable = QStringLiteral("421 %1 service not available (-1), closing transmission channel").arg(kServerName);
    p.ipBanReply = p.var(QStringLiteral("SmtpMsgIPBan"), p.notAvailable);
    p.ipBanCode = atoiText(p.ipBanReply.left(3));
    p.spammersBanReply = p.var(QStringLiteral("SmtpMsgIPBanSpammers"), p.notAvailable);
    p.spammersBanCode = atoiText(p.spammersBanReply.left(3));
    QSet<QString> seenListenerNames; // the first occurrence of a variable counts
    for (const model::ServerVariable &var : t.server) {
        if (!var.name.startsWith(QLatin1String("SmtpConfig")) || seenListenerNames.contains(var.name))
            continue;
        seenListenerNames.insert(var.name);
        if (auto rule = Private::parseListenerRule(var.name, options.xmailCompat)) {
            rule->options = parseListenerOptions(var.value, options.xmailCompat);
            rule->options.sourceVariable = var.name;
            p.listenerRules.push_back(*rule);
        }
    }
    p.maps = parseMapsList(p.var(QStringLiteral("CustMapsList")));
    p.ipMapDropCode = p.intVar(QStringLiteral("SMTP-IpMapDropCode"), 1);
    p.rdnsCheck = p.intVar(QStringLiteral("SMTP-RDNSCheck"), 0);
    p.maxErrors = p.intVar(QStringLiteral("SMTP-MaxErrors"), 0);
    p.maxMessageSize = qint64(p.intVar(QStringLiteral("MaxMessageSize"), 0)) * 1024;
    p.serverDomain = p.var(QStringLiteral("SmtpServerDomain"), p.var(QStringLiteral("RootDomain")));
    if (!options.xmailCompat) {
        p.defaultDelay = qMax(0, p.intVar(QStringLiteral("XMF-DefaultDelay"), 0));
        p.delayAtMail = p.var(QStringLiteral("XMF-DelayStart")).trimmed().compare(QLatin1String("mail"),
                                                                                   Qt::CaseInsensitive) == 0;
        p.greetPause = qMax(0, p.intVar(QStringLiteral("XMF-GreetPause"), 0));
    }

    const QString defaultPerms = p.var(QStringLiteral("DefaultSmtpPerms"), QStringLiteral("MRVZ"));
    for (const model::DomainEntry &domain : t.domains)
        p.localDomains.insert(domain.domain.toLower());
    for (const model::MailUser &user : t.mailUsers) {
        const auto password = model::decodeXMailPassword(user.encryptedPassword);
        const QString key = user.user.toLower() + QLatin1Char('@') + user.domain.toLower();
        p.localUsers[user.domain.toLower()].insert(user.user.toLower());
        if (!password)
            continue;
        // user.tab SmtpPerms overrides DefaultSmtpPerms.
        QString perms = defaultPerms;
        QFile userTab(QDir(root.directory()).filePath(QStringLiteral("domains/%1/%2/user.tab").arg(user.domain, user.path)));
        if (userTab.open(QIODevice::ReadOnly)) {
            const model::TabFile tab = model::TabFile::fromBytes(userTab.readAll());
            for (const model::TabFile::Line &line : tab.lines()) {
                const QList<QByteArray> fields = model::TabFile::splitFields(line.text);
                if (model::TabFile::isRecord(line.text) && fields.size() >= 2 && fields.at(0) == "SmtpPerms") {
                    perms = QString::fromUtf8(fields.at(1));
                    break;
                }
            }
        }
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
    for (const MapEntry &entry : d->maps)
        roots.append(entry.key);
    return roots;
}

bool Policy::needsPtr(const IpAddress &) const
{
    return d->rdnsCheck != 0 || d->root.fileExists(TableKind::HnProp);
}

ListenerOptions Policy::listenerOptions(const Endpoint &local) const
{
    using Rule = Private::ListenerRule;
    const Rule *best = nullptr;
    for (const Rule &rule : d->listenerRules) {
        const bool applies = rule.scope == Rule::Default
                             || ((rule.port < 0 || rule.port == local.port)
                                 && (rule.scope == Rule::AnyAddress || rule.scope == Rule::AnyAddressAndPort
                                         ? rule.address.v6 == local.address.v6
                                         : rule.address == local.address));
        if (applies && (!best || rule.scope < best->scope))
            best = &rule;
    }
    return best ? best->options : ListenerOptions{};
}

ConnectVerdict Policy::evaluate(const IpAddress &rawPeer, const Endpoint &local, const DnsAnswers &dns,
                                bool withTrace) const
{
    const Private &p = *d;
    const model::ParsedTables &t = p.root.tables();
    const IpAddress peer = rawPeer.unmapped();
    ConnectVerdict v;
    v.listener = listenerOptions(local);
    v.trace.reserve(withTrace ? 10 : 0);
    v.blockedReply = p.blockedReply;

    auto trace = [&v](const QString &stage, TraceOutcome outcome, const QString &exit, const LocalizedText &effect,
                      const QString &file = {}, int line = 0, const QString &text = {}, int delay = 0) {
        TraceEntry e;
        e.stage = stage;
        e.outcome = outcome;
        e.exit = exit;
        e.effect = effect;
        e.file = file;
        e.line = line;
        e.lineText = text;
        e.delaySeconds = delay;
        v.trace.append(e);
    };
    auto drop = [&v](int code, const QString &reply, const QString &status) {
        v.drop = true;
        v.dropCode = code;
        v.dropReply = reply;
        v.logStatus = status;
    };
    auto replyCode = [](const QString &reply) { return atoiText(reply.left(3)); };

    // 1. smtp.ipprop.tab, first match.
    const int propIndex = p.ipProp.lookup(peer);
    if (propIndex >= 0) {
        const model::IpPropRule &rule = t.ipProp.at(propIndex);
        v.whiteListed = rule.flag(QStringLiteral("WhiteList"));
        v.noAuth = rule.flag(QStringLiteral("NoAuth"));
        const auto sdc = rule.property(QStringLiteral("SenderDomainCheck"));
        v.senderDomainCheck = !(sdc && atoiText(*sdc) == 0);
        v.easeTls = rule.flag(QStringLiteral("EaseTLS"));
        v.enableVrfy = rule.flag(QStringLiteral("EnableVRFY"));
        v.enableEtrn = rule.flag(QStringLiteral("EnableETRN"));
        QStringList props;
        if (withTrace)
            for (const model::Property &prop : rule.properties)
                props.append(prop.name + QLatin1Char('=') + prop.value);
        if (withTrace) trace(StageIds::IpProp, TraceOutcome::Matched, v.whiteListed ? QStringLiteral("whitelisted") : QStringLiteral("match"),
              tr2(QStringLiteral("properties %1%2").arg(props.join(QLatin1Char(' ')),
                                                        v.whiteListed ? QStringLiteral(": IP checks skipped") : QString()),
                  QStringLiteral("プロパティ %1%2").arg(props.join(QLatin1Char(' ')),
                                                     v.whiteListed ? QStringLiteral(": IP チェックを省略") : QString())),
              tableFileName(TableKind::IpProp), rule.line, lineText(p.root, TableKind::IpProp, rule.line));
    } else {
        if (withTrace) trace(StageIds::IpProp, t.ipProp.isEmpty() ? TraceOutcome::NotConfigured : TraceOutcome::NoMatch,
              QStringLiteral("no-match"), tr2(QStringLiteral("no line matches"), QStringLiteral("一致する行なし")));
    }

    // 2. smtp.hnprop.tab, only when the file exists, keyed by the PTR name.
    if (p.root.fileExists(TableKind::HnProp)) {
        const model::HnPropRule *hit = nullptr;
        if (dns.ptrName && !dns.ptrName->isEmpty())
            for (const model::HnPropRule &rule : t.hnProp)
                if (p.options.xmailCompat ? rule.matchesLikeXMail127(*dns.ptrName) : rule.matches(*dns.ptrName)) {
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
            if (withTrace) trace(StageIds::HnProp, TraceOutcome::Matched, v.whiteListed ? QStringLiteral("whitelisted") : QStringLiteral("match"),
                  tr2(QStringLiteral("host name %1 matches").arg(*dns.ptrName),
                      QStringLiteral("ホスト名 %1 が一致").arg(*dns.ptrName)),
                  tableFileName(TableKind::HnProp), hit->line, lineText(p.root, TableKind::HnProp, hit->line));
        } else if (p.options.xmailCompat && dns.ptrLooked && (!dns.ptrName || dns.ptrName->isEmpty())) {
            // XMail 1.27 resolves the name itself for hnprop; without a PTR the session setup fails.
            drop(421, p.notAvailable, QString());
            if (withTrace) trace(StageIds::HnProp, TraceOutcome::Matched, QStringLiteral("drop"),
                  tr2(QStringLiteral("no PTR name: XMail 1.27 cannot set the session up (421)"),
                      QStringLiteral("逆引き名なし: XMail 1.27 はセッションを開始できない (421)")));
        } else {
            if (withTrace) trace(StageIds::HnProp, TraceOutcome::NoMatch, QStringLiteral("no-match"),
                  dns.ptrName ? tr2(QStringLiteral("no line matches %1").arg(*dns.ptrName),
                                    QStringLiteral("%1 に一致する行なし").arg(*dns.ptrName))
                              : tr2(QStringLiteral("no PTR name to match"), QStringLiteral("照合する逆引き名なし")));
        }
    } else {
        if (withTrace) trace(StageIds::HnProp, TraceOutcome::NotConfigured, QStringLiteral("no-match"),
              tr2(QStringLiteral("smtp.hnprop.tab does not exist"), QStringLiteral("smtp.hnprop.tab はありません")));
    }

    if (v.drop) {
        // Refused before the IP checks (hnprop without a PTR in XMail-compatible mode).
    } else if (v.whiteListed) {
        for (const QString &stage : {StageIds::IpMap, StageIds::Spammers, StageIds::DnsMaps, StageIds::RDns})
            if (withTrace) trace(stage, TraceOutcome::Skipped, QStringLiteral("skipped"),
                  tr2(QStringLiteral("skipped: the peer is whitelisted"), QStringLiteral("ホワイトリストのため省略")));
    } else {
        // 3. smtp.ipmap.tab.
        const int mapIndex = p.ipMap.lookup(peer);
        if (mapIndex < 0) {
            if (withTrace) trace(StageIds::IpMap, t.ipMap.isEmpty() ? TraceOutcome::NotConfigured : TraceOutcome::NoMatch,
                  QStringLiteral("allow"), tr2(QStringLiteral("no line matches: allowed"), QStringLiteral("一致なし: 許可")));
        } else {
            const model::IpMapRule &rule = t.ipMap.at(mapIndex);
            const QString file = withTrace ? tableFileName(TableKind::IpMap) : QString();
            const QString text = withTrace ? lineText(p.root, TableKind::IpMap, rule.line) : QString();
            if (rule.allow) {
                if (withTrace) trace(StageIds::IpMap, TraceOutcome::Matched, QStringLiteral("allow"),
                      tr2(QStringLiteral("ALLOW (precedence %1)").arg(rule.precedence),
                          QStringLiteral("許可 (優先度 %1)").arg(rule.precedence)),
                      file, rule.line, text);
            } else if (p.ipMapDropCode > 0) {
                drop(p.ipBanCode, p.ipBanReply, QStringLiteral("EIPBAN"));
                if (withTrace) trace(StageIds::IpMap, TraceOutcome::Matched, QStringLiteral("drop"),
                      tr2(QStringLiteral("DENY with SMTP-IpMapDropCode=%1: dropped").arg(p.ipMapDropCode),
                          QStringLiteral("拒否 (SMTP-IpMapDropCode=%1): 切断").arg(p.ipMapDropCode)),
                      file, rule.line, text);
            } else if (p.ipMapDropCode == 0) {
                v.ipMapped = true;
                if (withTrace) trace(StageIds::IpMap, TraceOutcome::Matched, QStringLiteral("auth-only"),
                      tr2(QStringLiteral("DENY with SMTP-IpMapDropCode=0: flag set, but XMail 1.27 never enforces it"),
                          QStringLiteral("拒否 (SMTP-IpMapDropCode=0): フラグは立つが XMail 1.27 は強制しない")),
                      file, rule.line, text);
            } else {
                v.delaySeconds = qMax(v.delaySeconds, -p.ipMapDropCode);
                if (withTrace) trace(StageIds::IpMap, TraceOutcome::Matched, QStringLiteral("delay"),
                      tr2(QStringLiteral("DENY with SMTP-IpMapDropCode=%1: delay %2 s").arg(p.ipMapDropCode).arg(-p.ipMapDropCode),
                          QStringLiteral("拒否 (SMTP-IpMapDropCode=%1): %2 秒遅延").arg(p.ipMapDropCode).arg(-p.ipMapDropCode)),
                      file, rule.line, text, -p.ipMapDropCode);
            }
        }

        // 4. spammers.tab, first match.
        if (!v.drop) {
            const int spamIndex = p.spammers.lookup(peer);
            if (spamIndex < 0) {
                if (withTrace) trace(StageIds::Spammers, t.spammers.isEmpty() ? TraceOutcome::NotConfigured : TraceOutcome::NoMatch,
                      QStringLiteral("no-match"), tr2(QStringLiteral("no line matches"), QStringLiteral("一致する行なし")));
            } else {
                const model::SpammerRule &rule = t.spammers.at(spamIndex); // read for the trace only
                const int code = p.spammerCodes[size_t(spamIndex)];
                const QString file = withTrace ? tableFileName(TableKind::Spammers) : QString();
                const QString text = withTrace ? lineText(p.root, TableKind::Spammers, rule.line) : QString();
                const LocalizedText effect = !withTrace ? LocalizedText{} : tr2(QStringLiteral("code=%1: %2").arg(code).arg(codeMeaningEn(code)),
                                                 QStringLiteral("code=%1: %2").arg(code).arg(codeMeaningJa(code)));
                if (code > 0) {
                    drop(p.spammersBanCode, p.spammersBanReply, QStringLiteral("EIPSPAM"));
                    if (withTrace) trace(StageIds::Spammers, TraceOutcome::Matched, QStringLiteral("drop"), effect, file, rule.line, text);
                } else if (code == 0) {
                    v.blocked = true;
                    if (withTrace) trace(StageIds::Spammers, TraceOutcome::Matched, QStringLiteral("auth-only"), effect, file, rule.line, text);
                } else {
                    v.delaySeconds = qMax(v.delaySeconds, -code);
                    if (withTrace) trace(StageIds::Spammers, TraceOutcome::Matched, QStringLiteral("delay"), effect, file, rule.line, text,
                          -code);
                }
            }
        }

        // 5. CustMapsList: the first listing map decides.
        if (!v.drop) {
            if (p.maps.isEmpty()) {
                if (withTrace) trace(StageIds::DnsMaps, TraceOutcome::NotConfigured, QStringLiteral("no-match"),
                      tr2(QStringLiteral("CustMapsList is not set"), QStringLiteral("CustMapsList は未設定")));
            } else {
                const MapEntry *listed = nullptr;
                QStringList notes;
                for (const MapEntry &entry : p.maps) {
                    if (dns.listedIn.contains(entry.key)) {
                        listed = &entry;
                        break;
                    }
                    if (withTrace)
                        notes.append(entry.root + (dns.timedOut.contains(entry.key) ? QStringLiteral(": timed out (not listed)")
                                                                                : QStringLiteral(": not listed")));
                }
                const QString file = QStringLiteral("server.tab");
                if (!listed) {
                    if (withTrace) trace(StageIds::DnsMaps, TraceOutcome::NoMatch, QStringLiteral("no-match"),
                          tr2(QStringLiteral("no map lists the peer (%1)").arg(notes.join(QStringLiteral("; "))),
                              QStringLiteral("どの DNSBL にも登録なし (%1)").arg(notes.join(QStringLiteral("; ")))));
                } else if (listed->code == 1) {
                    const auto custom = p.root.variable(QStringLiteral("SmtpMsgIPBanMaps"));
                    const QString reply = custom ? *custom + QStringLiteral(" (%1)").arg(listed->root)
                                                 : QStringLiteral("550 Denied due inclusion of your IP inside (%1)").arg(listed->root);
                    drop(replyCode(reply), reply, QStringLiteral("EIPMAP (%1)").arg(listed->root));
                    if (withTrace) trace(StageIds::DnsMaps, TraceOutcome::Matched, QStringLiteral("drop"),
                          tr2(QStringLiteral("listed in %1 (code 1): dropped").arg(listed->root),
                              QStringLiteral("%1 に登録あり (code 1): 切断").arg(listed->root)),
                          file, p.serverLine(QStringLiteral("CustMapsList")), QStringLiteral("CustMapsList %1:%2").arg(listed->root).arg(listed->code));
                } else if (listed->code == 0) {
                    v.mapped = true;
                    if (withTrace) trace(StageIds::DnsMaps, TraceOutcome::Matched, QStringLiteral("auth-only"),
                          tr2(QStringLiteral("listed in %1 (code 0): MAIL FROM needs AUTH").arg(listed->root),
                              QStringLiteral("%1 に登録あり (code 0): SMTP認証が必要").arg(listed->root)),
                          file, p.serverLine(QStringLiteral("CustMapsList")), QStringLiteral("CustMapsList %1:%2").arg(listed->root).arg(listed->code));
                } else {
                    const int delay = qAbs(listed->code);
                    v.delaySeconds = qMax(v.delaySeconds, delay);
                    if (withTrace) trace(StageIds::DnsMaps, TraceOutcome::Matched, QStringLiteral("delay"),
                          tr2(QStringLiteral("listed in %1 (code %2): delay %3 s").arg(listed->root).arg(listed->code).arg(delay),
                              QStringLiteral("%1 に登録あり (code %2): %3 秒遅延").arg(listed->root).arg(listed->code).arg(delay)),
                          file, p.serverLine(QStringLiteral("CustMapsList")), QStringLiteral("CustMapsList %1:%2").arg(listed->root).arg(listed->code), delay);
                }
            }
        }

        // 6. SMTP-RDNSCheck.
        if (!v.drop) {
            if (p.rdnsCheck == 0) {
                if (withTrace) trace(StageIds::RDns, TraceOutcome::NotConfigured, QStringLiteral("no-match"),
                      tr2(QStringLiteral("SMTP-RDNSCheck is off"), QStringLiteral("SMTP-RDNSCheck は無効")));
            } else if (dns.ptrName && !dns.ptrName->isEmpty()) {
                if (withTrace) trace(StageIds::RDns, TraceOutcome::NoMatch, QStringLiteral("no-match"),
                      tr2(QStringLiteral("PTR %1: passes").arg(*dns.ptrName), QStringLiteral("逆引き %1: 通過").arg(*dns.ptrName)));
            } else if (p.rdnsCheck > 0) {
                v.noRdns = true;
                if (withTrace) trace(StageIds::RDns, TraceOutcome::Matched, QStringLiteral("auth-only"),
                      tr2(QStringLiteral("no PTR record: MAIL FROM needs AUTH"), QStringLiteral("逆引きなし: SMTP認証が必要")),
                      QStringLiteral("server.tab"), p.serverLine(QStringLiteral("SMTP-RDNSCheck")), QStringLiteral("SMTP-RDNSCheck %1").arg(p.rdnsCheck));
            } else {
                v.delaySeconds = qMax(v.delaySeconds, -p.rdnsCheck);
                if (withTrace) trace(StageIds::RDns, TraceOutcome::Matched, QStringLiteral("delay"),
                      tr2(QStringLiteral("no PTR record: delay %1 s").arg(-p.rdnsCheck),
                          QStringLiteral("逆引きなし: %1 秒遅延").arg(-p.rdnsCheck)),
                      QStringLiteral("server.tab"), p.serverLine(QStringLiteral("SMTP-RDNSCheck")), QStringLiteral("SMTP-RDNSCheck %1").arg(p.rdnsCheck), -p.rdnsCheck);
            }
        }
    }

    // Extensions: XMF-DefaultDelay, per-listener NoDelay / DelayStart, XMF-GreetPause.
    if (!p.options.xmailCompat && !v.drop) {
        if (p.defaultDelay > 0 && !v.whiteListed) {
            v.delaySeconds = qMax(v.delaySeconds, p.defaultDelay);
            if (withTrace) trace(StageIds::DefaultDelay, TraceOutcome::Matched, QStringLiteral("delay"),
                  tr2(QStringLiteral("XMF-DefaultDelay: delay %1 s").arg(p.defaultDelay),
                      QStringLiteral("XMF-DefaultDelay: %1 秒遅延").arg(p.defaultDelay)),
                  QStringLiteral("server.tab"), p.serverLine(QStringLiteral("XMF-DefaultDelay")), QStringLiteral("XMF-DefaultDelay %1").arg(p.defaultDelay), p.defaultDelay);
        } else {
            if (withTrace) trace(StageIds::DefaultDelay, p.defaultDelay > 0 ? TraceOutcome::Skipped : TraceOutcome::NotConfigured,
                  QStringLiteral("no-match"),
                  p.defaultDelay > 0 ? tr2(QStringLiteral("skipped: the peer is whitelisted"), QStringLiteral("ホワイトリストのため省略"))
                                     : tr2(QStringLiteral("XMF-DefaultDelay is not set"), QStringLiteral("XMF-DefaultDelay は未設定")));
        }
        v.delayAtMail = p.delayAtMail || v.listener.delayAtMail;
        if (v.listener.noDelay)
            v.delaySeconds = 0;
        const int pause = v.listener.greetPause >= 0 ? v.listener.greetPause : p.greetPause;
        v.greetPause = v.whiteListed ? 0 : pause;
        if (pause > 0 && withTrace)
            v.trace.prepend([&] {
                TraceEntry e;
                e.stage = StageIds::GreetPause;
                e.outcome = v.whiteListed ? TraceOutcome::Skipped : TraceOutcome::Matched;
                e.exit = v.whiteListed ? QStringLiteral("skipped") : QStringLiteral("pause");
                e.effect = v.whiteListed ? tr2(QStringLiteral("skipped: the peer is whitelisted"), QStringLiteral("ホワイトリストのため省略"))
                                         : tr2(QStringLiteral("wait %1 s before the banner; early talkers are refused").arg(pause),
                                               QStringLiteral("バナー前に %1 秒待機。先に話すクライアントは拒否").arg(pause));
                e.delaySeconds = v.greetPause;
                e.file = QStringLiteral("server.tab");
                e.line = p.serverLine(v.listener.greetPause >= 0 ? v.listener.sourceVariable : QStringLiteral("XMF-GreetPause"));
                return e;
            }());
    }

    if (!withTrace)
        return v;
    // The banner, or the drop.
    TraceEntry banner;
    banner.stage = StageIds::Banner;
    banner.outcome = TraceOutcome::Matched;
    if (v.drop) {
        banner.exit = QStringLiteral("drop");
        banner.effect = tr2(QStringLiteral("connection refused: %1").arg(v.dropReply),
                            QStringLiteral("接続拒否: %1").arg(v.dropReply));
    } else {
        banner.exit = QStringLiteral("banner");
        QString en = QStringLiteral("220 banner at once");
        QString ja = QStringLiteral("220 バナーを即送信");
        if (v.delaySeconds > 0) {
            en += v.delayAtMail ? QStringLiteral("; from MAIL FROM on, every command waits %1 s until AUTH").arg(v.delaySeconds)
                                : QStringLiteral("; every command waits %1 s until AUTH").arg(v.delaySeconds);
            ja += v.delayAtMail ? QStringLiteral("。MAIL FROM 以降、SMTP認証まで各コマンドを %1 秒遅延").arg(v.delaySeconds)
                                : QStringLiteral("。SMTP認証まで各コマンドを %1 秒遅延").arg(v.delaySeconds);
        }
        banner.effect = tr2(en, ja);
        banner.delaySeconds = v.delaySeconds;
    }
    v.trace.append(banner);
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

int Policy::maxErrors() const
{
    return d->maxErrors;
}

qint64 Policy::maxMessageSize() const
{
    return d->maxMessageSize;
}

QString Policy::serverDomain() const
{
    return d->serverDomain;
}

QString Policy::variable(const QString &name, const QString &fallback) const
{
    return d->var(name, fallback);
}

int Policy::intVariable(const QString &name, int fallback) const
{
    return d->intVar(name, fallback);
}

bool Policy::tlsAvailable() const
{
    if (d->intVar(QStringLiteral("EnableSMTP-TLS"), 1) == 0)
        return false;
    const QDir dir(d->root.directory());
    return QFile::exists(dir.filePath(QStringLiteral("server.cert"))) && QFile::exists(dir.filePath(QStringLiteral("server.key")));
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

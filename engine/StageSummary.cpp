#include "StageSummary.h"

#include "Stages.h"
#include "VariableNames.h"

#include <QStringList>

namespace xmflow::engine {

namespace {

using model::TableKind;
namespace Names = model::VariableNames;

const QString kServerTab = QStringLiteral("server.tab");

StageSummaryLine textLine(const QString &en, const QString &ja, const QString &file = {}, int line = 0)
{
    return {{en, ja}, file, line};
}

QString atLineEn(int line)
{
    return line > 0 ? QStringLiteral(" (line %1)").arg(line) : QString();
}

QString atLineJa(int line)
{
    return line > 0 ? QStringLiteral(" (%1 行目)").arg(line) : QString();
}

QString codeEn(int code)
{
    return codeMeaning(code).en;
}

QString codeJa(int code)
{
    return codeMeaning(code).ja;
}

int serverLine(const Policy &policy, const QString &name)
{
    return policy.mailRoot().variableLine(name);
}

struct ListenerVariable {
    QString name;
    QString value;
    int line = 0;
    QStringList tokens; // the comma-separated options, trimmed
    bool has(const QString &option) const
    {
        for (const QString &token : tokens)
            if (token.section(QLatin1Char('='), 0, 0).trimmed() == option)
                return true;
        return false;
    }
    QStringList tokensNamed(const QStringList &options) const
    {
        QStringList found;
        for (const QString &token : tokens)
            if (options.contains(token.section(QLatin1Char('='), 0, 0).trimmed()))
                found << token;
        return found;
    }
};

// SmtpConfig, SmtpConfig-IP and SmtpConfig-IP,PORT, first occurrences, in file order.
QList<ListenerVariable> listenerVariables(const Policy &policy)
{
    QList<ListenerVariable> found;
    QStringList seen;
    for (const model::ServerVariable &v : policy.mailRoot().tables().server) {
        if (!v.name.startsWith(Names::SmtpConfig) || seen.contains(v.name))
            continue;
        seen << v.name;
        ListenerVariable listener{v.name, v.value, v.line, {}};
        for (const QString &token : v.value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            listener.tokens << token.trimmed();
        found << listener;
    }
    return found;
}

// One line per SmtpConfig* variable that uses one of `options`; true when any does.
bool summarizeListenerOptions(StageSummary &s, const Policy &policy, const QStringList &options)
{
    bool any = false;
    for (const ListenerVariable &l : listenerVariables(policy)) {
        const QStringList tokens = l.tokensNamed(options);
        if (tokens.isEmpty())
            continue;
        any = true;
        s.lines << textLine(
            QStringLiteral("%1: %2").arg(l.name, tokens.join(QLatin1Char(','))) + atLineEn(l.line),
            QStringLiteral("%1: %2").arg(l.name, tokens.join(QLatin1Char(','))) + atLineJa(l.line),
            kServerTab, l.line);
    }
    return any;
}

StageSummaryLine ignoredInCompat(const QString &variable)
{
    return textLine(QStringLiteral("Ignored: plain XMail 1.27 does not know %1").arg(variable),
                    QStringLiteral("無視: 素の XMail 1.27 は %1 を知りません").arg(variable));
}

// "spammers.tab: 3 lines" then the first rules, then "… 2 more".
template <typename Rule, typename Describe>
void summarizeTable(StageSummary &summary, TableKind kind, const QList<Rule> &rules, Describe describe)
{
    const QString file = model::tableFileName(kind);
    summary.openFile = file;
    summary.active = !rules.isEmpty();
    if (rules.isEmpty()) {
        summary.lines << textLine(QStringLiteral("%1: no line").arg(file),
                                  QStringLiteral("%1: 行なし").arg(file), file);
        return;
    }
    summary.lines << textLine(rules.size() == 1 ? QStringLiteral("%1: 1 line").arg(file)
                                                : QStringLiteral("%1: %2 lines").arg(file).arg(rules.size()),
                              QStringLiteral("%1: %2 行").arg(file).arg(rules.size()), file);
    const int shown = int(qMin<qsizetype>(rules.size(), kSummaryRulesShown));
    for (int i = 0; i < shown; ++i) {
        const Rule &rule = rules.at(i);
        const LocalizedText what = describe(rule);
        summary.lines << textLine(what.en + atLineEn(rule.line), what.ja + atLineJa(rule.line), file,
                                  rule.line);
    }
    if (rules.size() > shown)
        summary.lines << textLine(QStringLiteral("… %1 more").arg(rules.size() - shown),
                                  QStringLiteral("… ほか %1 行").arg(rules.size() - shown), file);
}

QString propertiesText(const QList<model::Property> &properties)
{
    QStringList parts;
    for (const model::Property &p : properties)
        parts << (p.bare ? p.name : p.name + QLatin1Char('=') + p.value);
    return parts.join(QLatin1Char(' '));
}

const QString kArrow = QStringLiteral(" → ");

void summarizeConnect(StageSummary &s, const Policy &policy)
{
    const QList<ListenerVariable> listeners = listenerVariables(policy);
    s.openVariable = listeners.isEmpty() ? Names::SmtpConfig : listeners.first().name;
    s.active = !listeners.isEmpty();
    if (listeners.isEmpty()) {
        s.lines << textLine(QStringLiteral("SmtpConfig not set: no listener options"),
                            QStringLiteral("SmtpConfig 未設定: リスナーオプションなし"));
        return;
    }
    for (const ListenerVariable &l : listeners)
        s.lines << textLine(QStringLiteral("%1 = %2").arg(l.name, l.value) + atLineEn(l.line),
                            QStringLiteral("%1 = %2").arg(l.name, l.value) + atLineJa(l.line), kServerTab,
                            l.line);
}

void summarizeGreetPause(StageSummary &s, const Policy &policy)
{
    s.openVariable = Names::XmfGreetPause;
    if (!policy.extensionsActive()) {
        s.lines << ignoredInCompat(Names::XmfGreetPause);
        return;
    }
    const int pause = qMax(0, policy.settings().greetPause);
    if (pause > 0) {
        const int line = serverLine(policy, Names::XmfGreetPause);
        s.lines << textLine(
            QStringLiteral("XMF-GreetPause = wait %1 s before the 220 banner").arg(pause) + atLineEn(line),
            QStringLiteral("XMF-GreetPause = 220 バナーの前に %1 秒待機").arg(pause) + atLineJa(line),
            kServerTab, line);
        const int ttl = policy.settings().greetPassTtl;
        s.lines << textLine(
            QStringLiteral("a client that passed skips it for %1 s (XMF-GreetPassTTL)").arg(ttl),
            QStringLiteral("通過したクライアントは %1 秒間待たない (XMF-GreetPassTTL)").arg(ttl), kServerTab,
            serverLine(policy, Names::XmfGreetPassTtl));
    }
    summarizeListenerOptions(s, policy, {QStringLiteral("GreetPause")});
    s.active = !s.lines.isEmpty();
    if (!s.active)
        s.lines << textLine(QStringLiteral("XMF-GreetPause not set: the banner is sent at once"),
                            QStringLiteral("XMF-GreetPause 未設定: バナーをすぐ送信"));
}

void summarizeIpMap(StageSummary &s, const Policy &policy)
{
    const auto &rules = policy.mailRoot().tables().ipMap;
    summarizeTable(s, TableKind::IpMap, rules, [](const model::IpMapRule &r) {
        return LocalizedText{
            r.filter.toString() + kArrow + (r.allow ? QStringLiteral("ALLOW") : QStringLiteral("DENY")) +
                QStringLiteral(" (precedence %1)").arg(r.precedence),
            r.filter.toString() + kArrow + (r.allow ? QStringLiteral("許可") : QStringLiteral("拒否")) +
                QStringLiteral(" (優先度 %1)").arg(r.precedence)};
    });
    bool anyDeny = false;
    for (const model::IpMapRule &r : rules)
        anyDeny = anyDeny || !r.allow;
    const int code = policy.settings().ipMapDropCode;
    const int line = serverLine(policy, Names::IpMapDropCode);
    QString en, ja;
    if (code > 0) {
        en = QStringLiteral("SMTP-IpMapDropCode = %1: DENY drops the connection").arg(code);
        ja = QStringLiteral("SMTP-IpMapDropCode = %1: 拒否は切断").arg(code);
    } else if (code == 0) {
        en = QStringLiteral("SMTP-IpMapDropCode = 0: DENY only sets a flag (not enforced by XMail 1.27)");
        ja = QStringLiteral("SMTP-IpMapDropCode = 0: 拒否はフラグのみ (XMail 1.27 は強制しない)");
    } else {
        en = QStringLiteral("SMTP-IpMapDropCode = %1: DENY delays %2 s").arg(code).arg(-code);
        ja = QStringLiteral("SMTP-IpMapDropCode = %1: 拒否は %2 秒遅延").arg(code).arg(-code);
    }
    if (anyDeny)
        s.lines << textLine(en + atLineEn(line), ja + atLineJa(line), kServerTab, line);
}

void summarizeDnsMaps(StageSummary &s, const Policy &policy)
{
    s.openVariable = Names::CustMapsList;
    const int line = serverLine(policy, Names::CustMapsList);
    // "root:code,root:code": shown as written, with what each code does.
    const QList<DnsMapSetting> &maps = policy.settings().maps;
    if (maps.isEmpty()) {
        s.lines << textLine(QStringLiteral("CustMapsList not set: no DNSBL is asked"),
                            QStringLiteral("CustMapsList 未設定: DNSBL に問い合わせない"), kServerTab, line);
        return;
    }
    s.active = true;
    s.lines << textLine(
        (maps.size() == 1 ? QStringLiteral("CustMapsList: 1 map")
                          : QStringLiteral("CustMapsList: %1 maps, asked in order").arg(maps.size())) +
            atLineEn(line),
        QStringLiteral("CustMapsList: %1 件を順に問い合わせ").arg(maps.size()) + atLineJa(line), kServerTab,
        line);
    for (const DnsMapSetting &map : maps) {
        const int effective = map.code == 1 ? 1 : (map.code == 0 ? 0 : -qAbs(map.code));
        s.lines << textLine(QStringLiteral("listed in %1%2%3").arg(map.root, kArrow, codeEn(effective)),
                            QStringLiteral("%1 に登録%2%3").arg(map.root, kArrow, codeJa(effective)),
                            kServerTab, line);
    }
}

void summarizeRdns(StageSummary &s, const Policy &policy)
{
    s.openVariable = Names::RdnsCheck;
    const int check = policy.settings().rdnsCheck;
    const int line = serverLine(policy, Names::RdnsCheck);
    s.active = check != 0;
    if (check == 0)
        s.lines << textLine(QStringLiteral("SMTP-RDNSCheck = 0: off") + atLineEn(line),
                            QStringLiteral("SMTP-RDNSCheck = 0: 無効") + atLineJa(line), kServerTab, line);
    else if (check > 0)
        s.lines << textLine(
            QStringLiteral("SMTP-RDNSCheck = %1: no PTR → MAIL FROM needs AUTH").arg(check) + atLineEn(line),
            QStringLiteral("SMTP-RDNSCheck = %1: 逆引きなし → SMTP認証が必要").arg(check) + atLineJa(line),
            kServerTab, line);
    else
        s.lines << textLine(
            QStringLiteral("SMTP-RDNSCheck = %1: no PTR → delay %2 s").arg(check).arg(-check) +
                atLineEn(line),
            QStringLiteral("SMTP-RDNSCheck = %1: 逆引きなし → %2 秒遅延").arg(check).arg(-check) +
                atLineJa(line),
            kServerTab, line);
}

void summarizeDefaultDelay(StageSummary &s, const Policy &policy)
{
    s.openVariable = Names::XmfDefaultDelay;
    if (!policy.extensionsActive()) {
        s.lines << ignoredInCompat(Names::XmfDefaultDelay);
        return;
    }
    const int delay = qMax(0, policy.settings().defaultDelay);
    const int line = serverLine(policy, Names::XmfDefaultDelay);
    s.active = delay > 0;
    if (delay > 0)
        s.lines << textLine(
            QStringLiteral("XMF-DefaultDelay = %1 s for every client not whitelisted").arg(delay) +
                atLineEn(line),
            QStringLiteral("XMF-DefaultDelay = ホワイトリスト以外に %1 秒遅延").arg(delay) + atLineJa(line),
            kServerTab, line);
    else
        s.lines << textLine(QStringLiteral("XMF-DefaultDelay not set"),
                            QStringLiteral("XMF-DefaultDelay 未設定"));
}

// The largest per-command delay any rule can give, and where it is written.
void summarizeBanner(StageSummary &s, const Policy &policy)
{
    const model::ParsedTables &t = policy.mailRoot().tables();
    int delay = 0;
    QString file;
    int line = 0;
    auto consider = [&](int seconds, const QString &f, int l) {
        if (seconds > delay) {
            delay = seconds;
            file = f;
            line = l;
        }
    };
    bool anyDeny = false;
    for (const model::IpMapRule &r : t.ipMap)
        anyDeny = anyDeny || !r.allow;
    if (anyDeny)
        consider(-policy.settings().ipMapDropCode, kServerTab, serverLine(policy, Names::IpMapDropCode));
    for (const model::SpammerRule &r : t.spammers)
        consider(-r.code, model::tableFileName(TableKind::Spammers), r.line);
    for (const DnsMapSetting &map : policy.settings().maps)
        if (map.code != 0 && map.code != 1)
            consider(qAbs(map.code), kServerTab, serverLine(policy, Names::CustMapsList));
    consider(-policy.settings().rdnsCheck, kServerTab, serverLine(policy, Names::RdnsCheck));
    if (policy.extensionsActive())
        consider(policy.settings().defaultDelay, kServerTab, serverLine(policy, Names::XmfDefaultDelay));
    s.active = delay > 0;
    s.openFile = file;
    s.openLine = line;
    if (delay > 0)
        s.lines << textLine(QStringLiteral("Longest delay configured: %1 s per command (%2%3)")
                                .arg(delay)
                                .arg(file, line > 0 ? QStringLiteral(":%1").arg(line) : QString()),
                            QStringLiteral("設定中の最大遅延: コマンドごとに %1 秒 (%2%3)")
                                .arg(delay)
                                .arg(file, line > 0 ? QStringLiteral(":%1").arg(line) : QString()),
                            file, line);
    else
        s.lines << textLine(QStringLiteral("No rule delays any client"),
                            QStringLiteral("遅延させるルールなし"));
}

void summarizeCommandDelay(StageSummary &s, const Policy &policy)
{
    s.openVariable = Names::XmfDelayStart;
    if (!policy.extensionsActive()) {
        s.lines << textLine(QStringLiteral("XMail 1.27: from the first command (EHLO) until AUTH succeeds"),
                            QStringLiteral("XMail 1.27: 最初のコマンド (EHLO) から SMTP認証成功まで"));
        return;
    }
    const int line = serverLine(policy, Names::XmfDelayStart);
    if (policy.settings().delayAtMail) {
        s.active = true;
        s.lines << textLine(
            QStringLiteral("XMF-DelayStart = mail: nothing before MAIL FROM waits") + atLineEn(line),
            QStringLiteral("XMF-DelayStart = mail: MAIL FROM より前は待たない") + atLineJa(line), kServerTab,
            line);
    } else {
        s.lines << textLine(
            QStringLiteral("XMF-DelayStart = connect (as XMail): from EHLO on") + atLineEn(line),
            QStringLiteral("XMF-DelayStart = connect (XMail と同じ): EHLO から") + atLineJa(line), kServerTab,
            line);
    }
    if (summarizeListenerOptions(s, policy, {QStringLiteral("NoDelay"), QStringLiteral("DelayStart")}))
        s.active = true;
}

void summarizeAuth(StageSummary &s, const Policy &policy)
{
    const model::ParsedTables &t = policy.mailRoot().tables();
    const QString mailUsers = model::tableFileName(TableKind::MailUsers);
    const QString smtpAuth = model::tableFileName(TableKind::SmtpAuth);
    s.openFile = mailUsers;
    s.active = !t.mailUsers.isEmpty() || !t.smtpAuth.isEmpty();
    auto users = [](qsizetype n) {
        return n == 1 ? QStringLiteral("1 user") : QStringLiteral("%1 users").arg(n);
    };
    s.lines << textLine(QStringLiteral("%1: %2").arg(mailUsers, users(t.mailUsers.size())),
                        QStringLiteral("%1: %2 ユーザー").arg(mailUsers).arg(t.mailUsers.size()), mailUsers);
    s.lines << textLine(QStringLiteral("%1: %2").arg(smtpAuth, users(t.smtpAuth.size())),
                        QStringLiteral("%1: %2 ユーザー").arg(smtpAuth).arg(t.smtpAuth.size()), smtpAuth);
    const QString &perms = policy.settings().defaultSmtpPerms;
    const int line = serverLine(policy, Names::DefaultSmtpPerms);
    s.lines << textLine(QStringLiteral("DefaultSmtpPerms = %1").arg(perms) + atLineEn(line),
                        QStringLiteral("DefaultSmtpPerms = %1").arg(perms) + atLineJa(line), kServerTab,
                        line);
}

void summarizeMailFrom(StageSummary &s, const Policy &policy)
{
    summarizeTable(s, TableKind::SpamAddress, policy.mailRoot().tables().spamAddress,
                   [](const model::SpamAddressRule &r) {
                       return LocalizedText{r.pattern + kArrow + QStringLiteral("refused"),
                                            r.pattern + kArrow + QStringLiteral("拒否")};
                   });
    if (policy.settings().checkMailerDomain) {
        const int line = serverLine(policy, Names::CheckMailerDomain);
        s.active = true;
        s.lines << textLine(
            QStringLiteral("CheckMailerDomain = 1: the sender domain needs MX or A") + atLineEn(line),
            QStringLiteral("CheckMailerDomain = 1: 差出人ドメインに MX か A が必要") + atLineJa(line),
            kServerTab, line);
    }
    if (summarizeListenerOptions(
            s, policy, {QStringLiteral("MailAuth"), QStringLiteral("mail-auth"), QStringLiteral("WantTLS")}))
        s.active = true;
}

void summarizeRcptTo(StageSummary &s, const Policy &policy)
{
    const model::ParsedTables &t = policy.mailRoot().tables();
    summarizeTable(s, TableKind::SmtpRelay, t.relay, [](const model::RelayRule &r) {
        return LocalizedText{r.filter.toString() + kArrow + QStringLiteral("may relay"),
                             r.filter.toString() + kArrow + QStringLiteral("中継可")};
    });
    QStringList domains;
    for (const model::DomainEntry &d : t.domains)
        domains << d.domain;
    const QString file = model::tableFileName(TableKind::Domains);
    if (domains.size() > kSummaryRulesShown)
        domains = domains.mid(0, kSummaryRulesShown) << QStringLiteral("…");
    s.lines.prepend(
        textLine(QStringLiteral("%1: %2").arg(file, domains.isEmpty() ? QStringLiteral("no local domain")
                                                                      : domains.join(QStringLiteral(", "))),
                 QStringLiteral("%1: %2").arg(file, domains.isEmpty() ? QStringLiteral("ローカルドメインなし")
                                                                      : domains.join(QStringLiteral(", "))),
                 file));
    s.active = true;
}

void summarizeData(StageSummary &s, const Policy &policy)
{
    s.openVariable = Names::MaxMessageSize;
    const int size = int(policy.settings().maxMessageSize / 1024);
    const int line = serverLine(policy, Names::MaxMessageSize);
    s.active = size > 0;
    if (size > 0)
        s.lines << textLine(QStringLiteral("MaxMessageSize = %1 KB").arg(size) + atLineEn(line),
                            QStringLiteral("MaxMessageSize = %1 KB").arg(size) + atLineJa(line), kServerTab,
                            line);
    else
        s.lines << textLine(QStringLiteral("MaxMessageSize = 0: no size limit") + atLineEn(line),
                            QStringLiteral("MaxMessageSize = 0: サイズ制限なし") + atLineJa(line), kServerTab,
                            line);
}

void summarizeGreylist(StageSummary &s, const Policy &policy)
{
    s.openVariable = Names::XmfGreylist;
    if (!policy.extensionsActive()) {
        s.lines << ignoredInCompat(Names::XmfGreylist);
        return;
    }
    const PolicySettings &settings = policy.settings();
    const GreylistSettings &g = settings.greylist;
    const int line = serverLine(policy, Names::XmfGreylist);
    s.active = g.enabled;
    if (!g.enabled) {
        s.lines << textLine(QStringLiteral("XMF-Greylist not set: no greylisting") + atLineEn(line),
                            QStringLiteral("XMF-Greylist 未設定: グレイリストなし") + atLineJa(line),
                            kServerTab, line);
        return;
    }
    s.lines << textLine(
        QStringLiteral("new (network, sender, recipient): 451 until a retry after %1 s, within %2 h")
                .arg(g.delaySeconds)
                .arg(g.retryWindowSeconds / 3600) +
            atLineEn(line),
        QStringLiteral("初めての（ネットワーク・送信者・宛先）: %1 秒後から %2 時間以内の再送まで 451")
                .arg(g.delaySeconds)
                .arg(g.retryWindowSeconds / 3600) +
            atLineJa(line),
        kServerTab, line);
    s.lines << textLine(
        QStringLiteral("clients by /%1 (IPv4) and /%2 (IPv6); auto-whitelisted after %3 passes")
            .arg(g.ipv4PrefixLength)
            .arg(g.ipv6PrefixLength)
            .arg(g.autoWhitelistCount),
        QStringLiteral("送信元は /%1 (IPv4)・/%2 (IPv6) 単位。%3 回通過で自動ホワイトリスト")
            .arg(g.ipv4PrefixLength)
            .arg(g.ipv6PrefixLength)
            .arg(g.autoWhitelistCount),
        kServerTab, serverLine(policy, Names::XmfGreylistAutoWhitelist));
    QStringList variableDomains;
    for (const GreylistWhitelistEntry &entry : settings.greylistWhitelist)
        if (entry.fromVariable)
            variableDomains << entry.domain;
    if (!variableDomains.isEmpty()) {
        const int at = serverLine(policy, Names::XmfGreylistWhitelist);
        s.lines << textLine(
            QStringLiteral("never for PTR domains: %1").arg(variableDomains.join(QStringLiteral(", "))) +
                atLineEn(at),
            QStringLiteral("対象外の逆引きドメイン: %1").arg(variableDomains.join(QStringLiteral(", "))) +
                atLineJa(at),
            kServerTab, at);
    }
    // xmflow-greylist-whitelist.tab: its size, the first domains, where they start.
    const QString table = model::tableFileName(TableKind::GreylistWhitelist);
    const QList<model::GreylistWhitelistEntry> &entries = policy.mailRoot().tables().greylistWhitelist;
    if (entries.isEmpty()) {
        s.lines << (policy.mailRoot().fileExists(TableKind::GreylistWhitelist)
                        ? textLine(QStringLiteral("%1: no PTR domain").arg(table),
                                   QStringLiteral("%1: 逆引きドメインなし").arg(table), table)
                        : textLine(QStringLiteral("%1: no file, no PTR domain exempted").arg(table),
                                   QStringLiteral("%1: ファイルなし (除外する逆引きドメインなし)").arg(table),
                                   table));
    } else {
        QStringList first;
        for (qsizetype i = 0; i < qMin<qsizetype>(entries.size(), kSummaryRulesShown); ++i)
            first << entries.at(i).domain;
        const QString more = entries.size() > kSummaryRulesShown ? QStringLiteral(" …") : QString();
        const int at = entries.first().line;
        s.lines << textLine((entries.size() == 1 ? QStringLiteral("%1: 1 PTR domain never greylisted: %2")
                                                 : QStringLiteral("%1: %3 PTR domains never greylisted: %2"))
                                    .arg(table, first.join(QStringLiteral(", ")) + more)
                                    .arg(entries.size()) +
                                QStringLiteral(" (from line %1)").arg(at),
                            QStringLiteral("%1: 対象外の逆引きドメイン %3 件: %2")
                                    .arg(table, first.join(QStringLiteral(", ")) + more)
                                    .arg(entries.size()) +
                                QStringLiteral(" (%1 行目から)").arg(at),
                            table, at);
    }
    s.lines << textLine(
        settings.stateStore.isEmpty()
            ? QStringLiteral("state: SQLite in the MailRoot (xmflow-state.sqlite)")
            : QStringLiteral("state: %1 (shared; fails open when down)").arg(settings.stateStore),
        settings.stateStore.isEmpty()
            ? QStringLiteral("状態: MailRoot 内の SQLite (xmflow-state.sqlite)")
            : QStringLiteral("状態: %1 (共有。停止中はグレイリストをかけずに通す)").arg(settings.stateStore),
        kServerTab, serverLine(policy, Names::XmfStateStore));
}

} // namespace

StageSummary summarizeStage(const Policy &policy, const QString &stageId)
{
    using namespace StageIds;
    StageSummary s;
    s.stage = stageId;
    const model::ParsedTables &t = policy.mailRoot().tables();
    if (stageId == Connect) {
        summarizeConnect(s, policy);
    } else if (stageId == GreetPause) {
        summarizeGreetPause(s, policy);
    } else if (stageId == IpProp) {
        summarizeTable(s, TableKind::IpProp, t.ipProp, [](const model::IpPropRule &r) {
            const QString text = r.filter.toString() + kArrow + propertiesText(r.properties);
            return LocalizedText{text, text};
        });
    } else if (stageId == HnProp) {
        if (!policy.mailRoot().fileExists(TableKind::HnProp)) {
            const QString file = model::tableFileName(TableKind::HnProp);
            s.openFile = file;
            s.lines << textLine(QStringLiteral("%1: no file, not read").arg(file),
                                QStringLiteral("%1: ファイルなし (読まない)").arg(file), file);
        } else {
            summarizeTable(s, TableKind::HnProp, t.hnProp, [](const model::HnPropRule &r) {
                const QString text = r.host + kArrow + propertiesText(r.properties);
                return LocalizedText{text, text};
            });
        }
    } else if (stageId == IpMap) {
        summarizeIpMap(s, policy);
    } else if (stageId == Spammers) {
        summarizeTable(s, TableKind::Spammers, t.spammers, [](const model::SpammerRule &r) {
            return LocalizedText{r.filter.toString() + kArrow + codeEn(r.code),
                                 r.filter.toString() + kArrow + codeJa(r.code)};
        });
    } else if (stageId == DnsMaps) {
        summarizeDnsMaps(s, policy);
    } else if (stageId == RDns) {
        summarizeRdns(s, policy);
    } else if (stageId == DefaultDelay) {
        summarizeDefaultDelay(s, policy);
    } else if (stageId == Banner) {
        summarizeBanner(s, policy);
    } else if (stageId == CommandDelay) {
        summarizeCommandDelay(s, policy);
    } else if (stageId == Auth) {
        summarizeAuth(s, policy);
    } else if (stageId == MailFrom) {
        summarizeMailFrom(s, policy);
    } else if (stageId == RcptTo) {
        summarizeRcptTo(s, policy);
    } else if (stageId == Greylist) {
        summarizeGreylist(s, policy);
    } else if (stageId == Data) {
        summarizeData(s, policy);
    }
    return s;
}

QList<StageSummary> summarizeStages(const Policy &policy)
{
    QList<StageSummary> summaries;
    for (const StageInfo &stage : stageList())
        summaries << summarizeStage(policy, stage.id);
    return summaries;
}

} // namespace xmflow::engine

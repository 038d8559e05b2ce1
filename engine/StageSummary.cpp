#include "StageSummary.h"

#include "Stages.h"
#include "VariableCatalogue.h"

#include <QStringList>

namespace xmflow::engine {

namespace {

using model::TableKind;

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
    if (code > 0)
        return QStringLiteral("drop");
    if (code == 0)
        return QStringLiteral("AUTH only");
    return QStringLiteral("delay %1 s").arg(-code);
}

QString codeJa(int code)
{
    if (code > 0)
        return QStringLiteral("切断");
    if (code == 0)
        return QStringLiteral("SMTP認証のみ");
    return QStringLiteral("%1 秒遅延").arg(-code);
}

// XMail's default for a variable that is not set, from the catalogue.
int defaultInt(const QString &name)
{
    const model::VariableInfo *info = model::VariableCatalogue::find(name);
    return info ? info->defaultValue.toInt() : 0;
}

int intVariable(const Policy &policy, const QString &name)
{
    return policy.intVariable(name, defaultInt(name));
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
        if (!v.name.startsWith(QLatin1String("SmtpConfig")) || seen.contains(v.name))
            continue;
        seen << v.name;
        ListenerVariable listener{v.name, v.value, v.line, {}};
        for (const QString &token : v.value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            listener.tokens << token.trimmed();
        found << listener;
    }
    return found;
}

StageSummaryLine ignoredInCompat(const QString &variable)
{
    return textLine(QStringLiteral("Ignored: plain XMail 1.27 does not know %1").arg(variable),
                    QStringLiteral("無視: 素の XMail 1.27 は %1 を知りません").arg(variable));
}

// "spammers.tab: 3 lines" then the first rules, then "… 2 more".
template <typename Rule, typename Describe>
void summarizeTable(StageSummary &summary, TableKind kind, const QList<Rule> &rules,
                    Describe describe)
{
    const QString file = model::tableFileName(kind);
    summary.openFile = file;
    summary.active = !rules.isEmpty();
    if (rules.isEmpty()) {
        summary.lines << textLine(QStringLiteral("%1: no line").arg(file), QStringLiteral("%1: 行なし").arg(file), file);
        return;
    }
    summary.lines << textLine(rules.size() == 1 ? QStringLiteral("%1: 1 line").arg(file)
                                                : QStringLiteral("%1: %2 lines").arg(file).arg(rules.size()),
                              QStringLiteral("%1: %2 行").arg(file).arg(rules.size()), file);
    const int shown = int(qMin<qsizetype>(rules.size(), kSummaryRulesShown));
    for (int i = 0; i < shown; ++i) {
        const Rule &rule = rules.at(i);
        const LocalizedText what = describe(rule);
        summary.lines << textLine(what.en + atLineEn(rule.line), what.ja + atLineJa(rule.line), file, rule.line);
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
    s.openVariable = listeners.isEmpty() ? QStringLiteral("SmtpConfig") : listeners.first().name;
    s.active = !listeners.isEmpty();
    if (listeners.isEmpty()) {
        s.lines << textLine(QStringLiteral("SmtpConfig not set: no listener options"),
                            QStringLiteral("SmtpConfig 未設定: リスナーオプションなし"));
        return;
    }
    for (const ListenerVariable &l : listeners)
        s.lines << textLine(QStringLiteral("%1 = %2").arg(l.name, l.value) + atLineEn(l.line),
                            QStringLiteral("%1 = %2").arg(l.name, l.value) + atLineJa(l.line), kServerTab, l.line);
}

void summarizeGreetPause(StageSummary &s, const Policy &policy)
{
    s.openVariable = QStringLiteral("XMF-GreetPause");
    if (!policy.extensionsActive()) {
        s.lines << ignoredInCompat(QStringLiteral("XMF-GreetPause"));
        return;
    }
    const int pause = qMax(0, intVariable(policy, QStringLiteral("XMF-GreetPause")));
    if (pause > 0) {
        const int line = serverLine(policy, QStringLiteral("XMF-GreetPause"));
        s.lines << textLine(QStringLiteral("XMF-GreetPause = wait %1 s before the 220 banner").arg(pause) + atLineEn(line),
                            QStringLiteral("XMF-GreetPause = 220 バナーの前に %1 秒待機").arg(pause) + atLineJa(line),
                            kServerTab, line);
        const int ttl = intVariable(policy, QStringLiteral("XMF-GreetPassTTL"));
        s.lines << textLine(QStringLiteral("a client that passed skips it for %1 s (XMF-GreetPassTTL)").arg(ttl),
                            QStringLiteral("通過したクライアントは %1 秒間待たない (XMF-GreetPassTTL)").arg(ttl), kServerTab,
                            serverLine(policy, QStringLiteral("XMF-GreetPassTTL")));
    }
    for (const ListenerVariable &l : listenerVariables(policy)) {
        const QStringList tokens = l.tokensNamed({QStringLiteral("GreetPause")});
        if (!tokens.isEmpty())
            s.lines << textLine(QStringLiteral("%1: %2").arg(l.name, tokens.join(QLatin1Char(','))) + atLineEn(l.line),
                                QStringLiteral("%1: %2").arg(l.name, tokens.join(QLatin1Char(','))) + atLineJa(l.line),
                                kServerTab, l.line);
    }
    s.active = !s.lines.isEmpty();
    if (!s.active)
        s.lines << textLine(QStringLiteral("XMF-GreetPause not set: the banner is sent at once"),
                            QStringLiteral("XMF-GreetPause 未設定: バナーをすぐ送信"));
}

void summarizeIpMap(StageSummary &s, const Policy &policy)
{
    const auto &rules = policy.mailRoot().tables().ipMap;
    summarizeTable(s, TableKind::IpMap, rules, [](const model::IpMapRule &r) {
        return LocalizedText{r.filter.toString() + kArrow + (r.allow ? QStringLiteral("ALLOW") : QStringLiteral("DENY"))
                                 + QStringLiteral(" (precedence %1)").arg(r.precedence),
                             r.filter.toString() + kArrow + (r.allow ? QStringLiteral("許可") : QStringLiteral("拒否"))
                                 + QStringLiteral(" (優先度 %1)").arg(r.precedence)};
    });
    bool anyDeny = false;
    for (const model::IpMapRule &r : rules)
        anyDeny = anyDeny || !r.allow;
    const int code = intVariable(policy, QStringLiteral("SMTP-IpMapDropCode"));
    const int line = serverLine(policy, QStringLiteral("SMTP-IpMapDropCode"));
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
    s.openVariable = QStringLiteral("CustMapsList");
    const QString value = policy.variable(QStringLiteral("CustMapsList")).trimmed();
    const int line = serverLine(policy, QStringLiteral("CustMapsList"));
    // "root:code,root:code": shown as written, with what each code does.
    QStringList items;
    for (const QString &item : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (item.indexOf(QLatin1Char(':')) > 0)
            items << item.trimmed();
    if (items.isEmpty()) {
        s.lines << textLine(QStringLiteral("CustMapsList not set: no DNSBL is asked"),
                            QStringLiteral("CustMapsList 未設定: DNSBL に問い合わせない"), kServerTab, line);
        return;
    }
    s.active = true;
    s.lines << textLine((items.size() == 1 ? QStringLiteral("CustMapsList: 1 map")
                                           : QStringLiteral("CustMapsList: %1 maps, asked in order").arg(items.size())) + atLineEn(line),
                        QStringLiteral("CustMapsList: %1 件を順に問い合わせ").arg(items.size()) + atLineJa(line),
                        kServerTab, line);
    for (const QString &item : std::as_const(items)) {
        const QString root = item.section(QLatin1Char(':'), 0, 0).trimmed();
        const int code = item.section(QLatin1Char(':'), 1).trimmed().toInt();
        const int effective = code == 1 ? 1 : (code == 0 ? 0 : -qAbs(code));
        s.lines << textLine(QStringLiteral("listed in %1%2%3").arg(root, kArrow, codeEn(effective)),
                            QStringLiteral("%1 に登録%2%3").arg(root, kArrow, codeJa(effective)), kServerTab, line);
    }
}

void summarizeRdns(StageSummary &s, const Policy &policy)
{
    s.openVariable = QStringLiteral("SMTP-RDNSCheck");
    const int check = intVariable(policy, QStringLiteral("SMTP-RDNSCheck"));
    const int line = serverLine(policy, QStringLiteral("SMTP-RDNSCheck"));
    s.active = check != 0;
    if (check == 0)
        s.lines << textLine(QStringLiteral("SMTP-RDNSCheck = 0: off") + atLineEn(line),
                            QStringLiteral("SMTP-RDNSCheck = 0: 無効") + atLineJa(line), kServerTab, line);
    else if (check > 0)
        s.lines << textLine(QStringLiteral("SMTP-RDNSCheck = %1: no PTR → MAIL FROM needs AUTH").arg(check) + atLineEn(line),
                            QStringLiteral("SMTP-RDNSCheck = %1: 逆引きなし → SMTP認証が必要").arg(check) + atLineJa(line),
                            kServerTab, line);
    else
        s.lines << textLine(QStringLiteral("SMTP-RDNSCheck = %1: no PTR → delay %2 s").arg(check).arg(-check) + atLineEn(line),
                            QStringLiteral("SMTP-RDNSCheck = %1: 逆引きなし → %2 秒遅延").arg(check).arg(-check) + atLineJa(line),
                            kServerTab, line);
}

void summarizeDefaultDelay(StageSummary &s, const Policy &policy)
{
    s.openVariable = QStringLiteral("XMF-DefaultDelay");
    if (!policy.extensionsActive()) {
        s.lines << ignoredInCompat(QStringLiteral("XMF-DefaultDelay"));
        return;
    }
    const int delay = qMax(0, intVariable(policy, QStringLiteral("XMF-DefaultDelay")));
    const int line = serverLine(policy, QStringLiteral("XMF-DefaultDelay"));
    s.active = delay > 0;
    if (delay > 0)
        s.lines << textLine(QStringLiteral("XMF-DefaultDelay = %1 s for every client not whitelisted").arg(delay) + atLineEn(line),
                            QStringLiteral("XMF-DefaultDelay = ホワイトリスト以外に %1 秒遅延").arg(delay) + atLineJa(line),
                            kServerTab, line);
    else
        s.lines << textLine(QStringLiteral("XMF-DefaultDelay not set"), QStringLiteral("XMF-DefaultDelay 未設定"));
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
        consider(-intVariable(policy, QStringLiteral("SMTP-IpMapDropCode")), kServerTab,
                 serverLine(policy, QStringLiteral("SMTP-IpMapDropCode")));
    for (const model::SpammerRule &r : t.spammers)
        consider(-r.code, model::tableFileName(TableKind::Spammers), r.line);
    for (const QString &item : policy.variable(QStringLiteral("CustMapsList")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const int code = item.section(QLatin1Char(':'), 1).trimmed().toInt();
        if (code != 0 && code != 1)
            consider(qAbs(code), kServerTab, serverLine(policy, QStringLiteral("CustMapsList")));
    }
    consider(-intVariable(policy, QStringLiteral("SMTP-RDNSCheck")), kServerTab, serverLine(policy, QStringLiteral("SMTP-RDNSCheck")));
    if (policy.extensionsActive())
        consider(intVariable(policy, QStringLiteral("XMF-DefaultDelay")), kServerTab,
                 serverLine(policy, QStringLiteral("XMF-DefaultDelay")));
    s.active = delay > 0;
    s.openFile = file;
    s.openLine = line;
    if (delay > 0)
        s.lines << textLine(QStringLiteral("Longest delay configured: %1 s per command (%2%3)").arg(delay).arg(file, line > 0 ? QStringLiteral(":%1").arg(line) : QString()),
                            QStringLiteral("設定中の最大遅延: コマンドごとに %1 秒 (%2%3)").arg(delay).arg(file, line > 0 ? QStringLiteral(":%1").arg(line) : QString()),
                            file, line);
    else
        s.lines << textLine(QStringLiteral("No rule delays any client"), QStringLiteral("遅延させるルールなし"));
}

void summarizeCommandDelay(StageSummary &s, const Policy &policy)
{
    s.openVariable = QStringLiteral("XMF-DelayStart");
    if (!policy.extensionsActive()) {
        s.lines << textLine(QStringLiteral("XMail 1.27: from the first command (EHLO) until AUTH succeeds"),
                            QStringLiteral("XMail 1.27: 最初のコマンド (EHLO) から SMTP認証成功まで"));
        return;
    }
    const QString start = policy.variable(QStringLiteral("XMF-DelayStart")).trimmed();
    const int line = serverLine(policy, QStringLiteral("XMF-DelayStart"));
    if (start.compare(QLatin1String("mail"), Qt::CaseInsensitive) == 0) {
        s.active = true;
        s.lines << textLine(QStringLiteral("XMF-DelayStart = mail: nothing before MAIL FROM waits") + atLineEn(line),
                            QStringLiteral("XMF-DelayStart = mail: MAIL FROM より前は待たない") + atLineJa(line), kServerTab, line);
    } else {
        s.lines << textLine(QStringLiteral("XMF-DelayStart = connect (as XMail): from EHLO on") + atLineEn(line),
                            QStringLiteral("XMF-DelayStart = connect (XMail と同じ): EHLO から") + atLineJa(line), kServerTab, line);
    }
    for (const ListenerVariable &l : listenerVariables(policy)) {
        const QStringList tokens = l.tokensNamed({QStringLiteral("NoDelay"), QStringLiteral("DelayStart")});
        if (tokens.isEmpty())
            continue;
        s.active = true;
        s.lines << textLine(QStringLiteral("%1: %2").arg(l.name, tokens.join(QLatin1Char(','))) + atLineEn(l.line),
                            QStringLiteral("%1: %2").arg(l.name, tokens.join(QLatin1Char(','))) + atLineJa(l.line), kServerTab, l.line);
    }
}

void summarizeAuth(StageSummary &s, const Policy &policy)
{
    const model::ParsedTables &t = policy.mailRoot().tables();
    const QString mailUsers = model::tableFileName(TableKind::MailUsers);
    const QString smtpAuth = model::tableFileName(TableKind::SmtpAuth);
    s.openFile = mailUsers;
    s.active = !t.mailUsers.isEmpty() || !t.smtpAuth.isEmpty();
    auto users = [](qsizetype n) { return n == 1 ? QStringLiteral("1 user") : QStringLiteral("%1 users").arg(n); };
    s.lines << textLine(QStringLiteral("%1: %2").arg(mailUsers, users(t.mailUsers.size())),
                        QStringLiteral("%1: %2 ユーザー").arg(mailUsers).arg(t.mailUsers.size()), mailUsers);
    s.lines << textLine(QStringLiteral("%1: %2").arg(smtpAuth, users(t.smtpAuth.size())),
                        QStringLiteral("%1: %2 ユーザー").arg(smtpAuth).arg(t.smtpAuth.size()), smtpAuth);
    const QString perms = policy.variable(QStringLiteral("DefaultSmtpPerms"),
                                          model::VariableCatalogue::find(QStringLiteral("DefaultSmtpPerms"))
                                              ? model::VariableCatalogue::find(QStringLiteral("DefaultSmtpPerms"))->defaultValue
                                              : QString());
    const int line = serverLine(policy, QStringLiteral("DefaultSmtpPerms"));
    s.lines << textLine(QStringLiteral("DefaultSmtpPerms = %1").arg(perms) + atLineEn(line),
                        QStringLiteral("DefaultSmtpPerms = %1").arg(perms) + atLineJa(line), kServerTab, line);
}

void summarizeMailFrom(StageSummary &s, const Policy &policy)
{
    summarizeTable(s, TableKind::SpamAddress, policy.mailRoot().tables().spamAddress,
                   [](const model::SpamAddressRule &r) {
                       return LocalizedText{r.pattern + kArrow + QStringLiteral("refused"),
                                            r.pattern + kArrow + QStringLiteral("拒否")};
                   });
    const int check = intVariable(policy, QStringLiteral("CheckMailerDomain"));
    if (check != 0) {
        const int line = serverLine(policy, QStringLiteral("CheckMailerDomain"));
        s.active = true;
        s.lines << textLine(QStringLiteral("CheckMailerDomain = %1: the sender domain needs MX or A").arg(check) + atLineEn(line),
                            QStringLiteral("CheckMailerDomain = %1: 差出人ドメインに MX か A が必要").arg(check) + atLineJa(line),
                            kServerTab, line);
    }
    for (const ListenerVariable &l : listenerVariables(policy)) {
        const QStringList tokens = l.tokensNamed({QStringLiteral("MailAuth"), QStringLiteral("mail-auth"), QStringLiteral("WantTLS")});
        if (tokens.isEmpty())
            continue;
        s.active = true;
        s.lines << textLine(QStringLiteral("%1: %2").arg(l.name, tokens.join(QLatin1Char(','))) + atLineEn(l.line),
                            QStringLiteral("%1: %2").arg(l.name, tokens.join(QLatin1Char(','))) + atLineJa(l.line), kServerTab, l.line);
    }
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
    s.lines.prepend(textLine(QStringLiteral("%1: %2").arg(file, domains.isEmpty() ? QStringLiteral("no local domain") : domains.join(QStringLiteral(", "))),
                             QStringLiteral("%1: %2").arg(file, domains.isEmpty() ? QStringLiteral("ローカルドメインなし") : domains.join(QStringLiteral(", "))),
                             file));
    s.active = true;
}

void summarizeData(StageSummary &s, const Policy &policy)
{
    s.openVariable = QStringLiteral("MaxMessageSize");
    const int size = intVariable(policy, QStringLiteral("MaxMessageSize"));
    const int line = serverLine(policy, QStringLiteral("MaxMessageSize"));
    s.active = size > 0;
    if (size > 0)
        s.lines << textLine(QStringLiteral("MaxMessageSize = %1 KB").arg(size) + atLineEn(line),
                            QStringLiteral("MaxMessageSize = %1 KB").arg(size) + atLineJa(line), kServerTab, line);
    else
        s.lines << textLine(QStringLiteral("MaxMessageSize = 0: no size limit") + atLineEn(line),
                            QStringLiteral("MaxMessageSize = 0: サイズ制限なし") + atLineJa(line), kServerTab, line);
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
            s.lines << textLine(QStringLiteral("%1: no file, not read").arg(file), QStringLiteral("%1: ファイルなし (読まない)").arg(file), file);
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
            return LocalizedText{r.filter.toString() + kArrow + codeEn(r.code), r.filter.toString() + kArrow + codeJa(r.code)};
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

#include "Lint.h"

#include "IpMapPriority.h"
#include "Resolver.h"

#include "Policy.h"
#include "VariableNames.h"

#include <QSet>

#include <algorithm>
#include <array>
#include <vector>

namespace xmflow::engine {

using model::Diagnostic;
using model::Diagnostics;
using model::Severity;
using model::TableKind;

namespace {

namespace Names = model::VariableNames;

// A binary trie of address prefixes that knows which subtrees are fully covered,
// so "is every address of this prefix already taken by earlier lines?" is exact.
class CoverageTrie
{
public:
    // True when every address of the prefix is covered by prefixes added before.
    bool covers(const model::IpAddress &address, int bits) const
    {
        int node = 0;
        for (int depth = 0; depth < bits; ++depth) {
            if (m_nodes[size_t(node)].full)
                return true;
            const int child = m_nodes[size_t(node)].child[address.bit(depth)];
            if (child < 0)
                return false;
            node = child;
        }
        return m_nodes[size_t(node)].full;
    }

    void add(const model::IpAddress &address, int bits)
    {
        std::vector<int> path{0};
        int node = 0;
        for (int depth = 0; depth < bits; ++depth) {
            if (m_nodes[size_t(node)].full)
                return;
            const int b = address.bit(depth);
            if (m_nodes[size_t(node)].child[b] < 0) {
                m_nodes[size_t(node)].child[b] = int(m_nodes.size());
                m_nodes.push_back(Node());
            }
            node = m_nodes[size_t(node)].child[b];
            path.push_back(node);
        }
        m_nodes[size_t(node)].full = true;
        // A node whose two halves are covered is covered.
        for (auto it = path.rbegin() + 1; it != path.rend(); ++it) {
            const Node &n = m_nodes[size_t(*it)];
            if (n.child[0] >= 0 && n.child[1] >= 0 && m_nodes[size_t(n.child[0])].full &&
                m_nodes[size_t(n.child[1])].full)
                m_nodes[size_t(*it)].full = true;
            else
                break;
        }
    }

private:
    struct Node {
        std::array<int, 2> child{-1, -1};
        bool full = false;
    };
    std::vector<Node> m_nodes = std::vector<Node>(1);
};

struct PrefixLine {
    int line;
    model::AddressFilter filter;
};

// Lines (in evaluation priority order) that can never decide: every address they
// match is taken by a line that comes first. Lines with non-contiguous masks are
// neither reported nor counted as covering (no prefix trie can hold them).
QList<QPair<int, int>> shadowedLines(const QList<PrefixLine> &inPriorityOrder)
{
    QList<QPair<int, int>> shadowed; // (line, first covering line or 0)
    CoverageTrie v4, v6;
    QList<PrefixLine> seen;
    for (const PrefixLine &entry : inPriorityOrder) {
        if (entry.filter.prefixLength < 0)
            continue;
        CoverageTrie &trie = entry.filter.address.v6 ? v6 : v4;
        if (trie.covers(entry.filter.address, entry.filter.prefixLength)) {
            int by = 0;
            for (const PrefixLine &earlier : seen)
                if (earlier.filter.address.v6 == entry.filter.address.v6 &&
                    earlier.filter.prefixLength <= entry.filter.prefixLength &&
                    earlier.filter.matches(entry.filter.address)) {
                    by = earlier.line;
                    break;
                }
            shadowed.append({entry.line, by});
        }
        trie.add(entry.filter.address, entry.filter.prefixLength);
        seen.append(entry);
    }
    return shadowed;
}

Diagnostic finding(TableKind kind, int line, Severity severity, const QString &id,
                   const LocalizedText &message, const LocalizedText &xmail, const LocalizedText &hint)
{
    return model::makeDiagnostic(model::tableFileName(kind), line, severity, id, message, xmail, hint);
}

void reportShadowed(Diagnostics &out, TableKind kind, const QList<PrefixLine> &order,
                    const LocalizedText &why)
{
    for (const auto &[line, by] : shadowedLines(order)) {
        const QString byEn = by > 0 ? QStringLiteral(" (line %1 matches first)").arg(by)
                                    : QStringLiteral(" (earlier lines cover it)");
        const QString byJa = by > 0 ? QStringLiteral(" (%1 行目が先に一致)").arg(by)
                                    : QStringLiteral(" (前の行ですべて覆われています)");
        out.append(
            finding(kind, line, Severity::Warning, QStringLiteral("shadowed-line"),
                    {QStringLiteral("this line can never apply: no address reaches it") + byEn,
                     QStringLiteral("この行は決して適用されません: どのアドレスもここに届きません") + byJa},
                    why,
                    {QStringLiteral("Move the line above the lines that cover it, or delete it."),
                     QStringLiteral("覆っている行より上に移動するか、削除してください。")}));
    }
}

struct LintContext {
    const model::MailRoot &root;
    const model::ParsedTables &tables;
    PolicySettings settings;
};

// Lines of first-match tables that no address reaches.
void reportShadowedLines(const LintContext &c, Diagnostics &out)
{
    const model::ParsedTables &t = c.tables;
    const LocalizedText firstMatch{QStringLiteral("XMail uses the first matching line only."),
                                   QStringLiteral("XMail は最初に一致した行だけを使います。")};
    QList<PrefixLine> spammers, ipprop, relay;
    for (const model::SpammerRule &r : t.spammers)
        spammers.append({r.line, r.filter});
    for (const model::IpPropRule &r : t.ipProp)
        ipprop.append({r.line, r.filter});
    for (const model::RelayRule &r : t.relay)
        relay.append({r.line, r.filter});
    reportShadowed(out, TableKind::Spammers, spammers, firstMatch);
    reportShadowed(out, TableKind::IpProp, ipprop, firstMatch);
    // smtprelay.tab lines all grant the same thing: a covered line is redundant.
    reportShadowed(out, TableKind::SmtpRelay, relay, firstMatch);
}

// smtp.ipmap.tab: priority is (precedence desc, later line first); below -1 never wins.
void reportIpMapPrecedence(const LintContext &c, Diagnostics &out)
{
    const model::ParsedTables &t = c.tables;
    for (int i = 0; i < t.ipMap.size(); ++i) {
        if (t.ipMap.at(i).precedence < -1)
            out.append(finding(
                TableKind::IpMap, t.ipMap.at(i).line, Severity::Warning,
                QStringLiteral("precedence-never-wins"),
                {QStringLiteral("precedence %1 is below -1: this line can never win")
                     .arg(t.ipMap.at(i).precedence),
                 QStringLiteral("優先度 %1 は -1 未満のため、この行は決して採用されません")
                     .arg(t.ipMap.at(i).precedence)},
                {QStringLiteral("XMail starts from precedence -1 and only takes lines at or above it."),
                 QStringLiteral("XMail は優先度 -1 から比較を始め、それ以上の行だけを採用します。")},
                {QStringLiteral("Use a precedence of 0 or more."),
                 QStringLiteral("優先度は 0 以上にしてください。")}));
    }
    QList<PrefixLine> ipmap;
    for (int i : ipMapPriorityOrder(t.ipMap))
        ipmap.append({t.ipMap.at(i).line, t.ipMap.at(i).filter});
    reportShadowed(
        out, TableKind::IpMap, ipmap,
        {QStringLiteral(
             "XMail takes the matching line with the highest precedence; on a tie, the later line."),
         QStringLiteral("XMail は一致した行のうち優先度が最も高い行 (同じなら後の行) を採用します。")});
}

// SMTP-IpMapDropCode=0 with DENY lines: documented as AUTH-only, not enforced by 1.27.
void reportIpMapDropCodeZero(const LintContext &c, Diagnostics &out)
{
    const model::ParsedTables &t = c.tables;
    const int dropCode = c.settings.ipMapDropCode;
    const bool hasDeny =
        std::any_of(t.ipMap.cbegin(), t.ipMap.cend(), [](const model::IpMapRule &r) { return !r.allow; });
    if (dropCode == 0 && hasDeny) {
        Diagnostic d = finding(
            TableKind::Server, c.root.variableLine(Names::IpMapDropCode), Severity::Warning,
            QStringLiteral("ipmap-dropcode-zero"),
            {QStringLiteral("SMTP-IpMapDropCode=0 with DENY lines in smtp.ipmap.tab: denied clients can "
                            "still send mail without AUTH"),
             QStringLiteral("SMTP-IpMapDropCode=0 で smtp.ipmap.tab に DENY 行があります: "
                            "拒否したはずのクライアントが認証なしで送信できます")},
            {QStringLiteral("The documentation says only authenticated users may send, but XMail 1.27 sets a "
                            "flag it never checks."),
             QStringLiteral("ドキュメントでは認証ユーザーのみ送信可とされていますが、XMail 1.27 "
                            "はフラグを立てるだけで確認しません。")},
            {QStringLiteral("Use spammers.tab code=0 for those networks, or a drop code of 1 or -N."),
             QStringLiteral(
                 "その範囲には spammers.tab の code=0 を使うか、ドロップコードを 1 か -N にしてください。")});
        out.append(d);
    }
}

// A catch-all delay that also hits authenticated users.
void reportDelayForAuthUsers(const LintContext &c, Diagnostics &out)
{
    const model::ParsedTables &t = c.tables;
    const int dropCode = c.settings.ipMapDropCode;
    int catchAllDelay = 0;
    int catchAllLine = 0;
    TableKind catchAllKind = TableKind::Spammers;
    for (const model::SpammerRule &r : t.spammers) {
        if (r.filter.isCatchAll()) {
            if (r.code < 0) {
                catchAllDelay = -r.code;
                catchAllLine = r.line;
            }
            break;
        }
    }
    if (catchAllDelay == 0 && dropCode < 0) {
        for (const model::IpMapRule &r : t.ipMap)
            if (!r.allow && r.filter.isCatchAll()) {
                catchAllDelay = -dropCode;
                catchAllLine = r.line;
                catchAllKind = TableKind::IpMap;
            }
    }
    const int defaultDelay = c.settings.defaultDelay;
    const bool delayAtMail = c.settings.delayAtMail;
    if (catchAllDelay > 0 || defaultDelay > 0) {
        const int delay = qMax(catchAllDelay, defaultDelay);
        const TableKind kind = catchAllDelay > 0 ? catchAllKind : TableKind::Server;
        const int line = catchAllDelay > 0 ? catchAllLine : c.root.variableLine(Names::XmfDefaultDelay);
        if (!delayAtMail) {
            out.append(finding(
                kind, line, Severity::Warning, QStringLiteral("delay-hits-auth-users"),
                {QStringLiteral(
                     "a %1 s delay applies to every client, including your own users: an authenticated "
                     "submission waits %2 s (EHLO and AUTH), %3 s with STARTTLS")
                     .arg(delay)
                     .arg(2 * delay)
                     .arg(4 * delay),
                 QStringLiteral(
                     "%1 秒の遅延が自分のユーザーを含む全クライアントにかかります: SMTP認証での送信は "
                     "1 通あたり %2 秒 (EHLO と AUTH)、STARTTLS 使用時は %3 秒待たされます")
                     .arg(delay)
                     .arg(2 * delay)
                     .arg(4 * delay)},
                {QStringLiteral("XMail waits before every command until AUTH succeeds, so EHLO and AUTH "
                                "themselves are delayed."),
                 QStringLiteral("XMail は SMTP認証が成功するまで各コマンドの前に待つため、EHLO と AUTH "
                                "自体も遅延されます。")},
                {QStringLiteral(
                     "Set XMF-DelayStart to \"mail\" (xmflowd) so only clients that skip AUTH wait, "
                     "or give submission port 587 \"NoDelay\" in SmtpConfig-IP,587."),
                 QStringLiteral(
                     "XMF-DelayStart を \"mail\" にすると (xmflowd)、認証しないクライアントだけが待ちます。"
                     "または SmtpConfig-IP,587 に \"NoDelay\" を付けて 587 番ポートを遅延なしにします。")}));
        }
    }
}

// An open relay.
void reportOpenRelay(const LintContext &c, Diagnostics &out)
{
    const model::ParsedTables &t = c.tables;
    for (const model::RelayRule &r : t.relay) {
        if (r.filter.isCatchAll() || (r.filter.prefixLength >= 0 && r.filter.prefixLength < 8)) {
            out.append(finding(
                TableKind::SmtpRelay, r.line, r.filter.isCatchAll() ? Severity::Error : Severity::Warning,
                QStringLiteral("open-relay"),
                {QStringLiteral("%1 may relay without AUTH: this is an open relay").arg(r.filter.toString()),
                 QStringLiteral("%1 は認証なしで中継できます: 不正中継 (オープンリレー) になります")
                     .arg(r.filter.toString())},
                {QStringLiteral("XMail relays mail for any client that matches a smtprelay.tab line."),
                 QStringLiteral(
                     "XMail は smtprelay.tab の行に一致するクライアントのメールをすべて中継します。")},
                {QStringLiteral(
                     "Limit smtprelay.tab to your own networks and let users relay through SMTP AUTH."),
                 QStringLiteral("smtprelay.tab は自社ネットワークだけにし、ユーザーには "
                                "SMTP認証で中継させてください。")}));
        }
    }
}

// hnprop ".domain" rules: an XMail 1.27 fact that surprises admins.
void reportHnPropSubdomains(const LintContext &c, Diagnostics &out)
{
    const model::ParsedTables &t = c.tables;
    for (const model::HnPropRule &r : t.hnProp) {
        if (r.host.startsWith(QLatin1Char('.')))
            out.append(finding(
                TableKind::HnProp, r.line, Severity::Warning, QStringLiteral("hnprop-subdomain"),
                {QStringLiteral("'%1' is meant to match sub-domains").arg(r.host),
                 QStringLiteral("'%1' はサブドメインに一致させる指定です").arg(r.host)},
                {QStringLiteral("XMail 1.27's comparison of '.domain' rules is off by one byte, so in "
                                "practice they never match; xmflowd matches sub-domains as documented."),
                 QStringLiteral("XMail 1.27 は '.domain' 形式の比較が 1 "
                                "バイトずれているため実際には一致しません。xmflowd "
                                "はドキュメントどおりサブドメインに一致させます。")},
                {QStringLiteral("With plain XMail, list the host names one by one."),
                 QStringLiteral("素の XMail ではホスト名を 1 つずつ列挙してください。")}));
    }
}

// SmartDNSHost: what XMail and xmflowd can use of it.
void reportSmartDnsHost(const LintContext &c, Diagnostics &out)
{
    if (const auto &smart = c.settings.smartDnsHost) {
        const int line = c.root.variableLine(Names::SmartDnsHost);
        const DnsServerList servers = smartDnsServers(c.settings);
        if (servers.syntaxError)
            out.append(finding(
                TableKind::Server, line, Severity::Error, QStringLiteral("bad-value"),
                {QStringLiteral("SmartDNSHost \"%1\" is not host:tcp|udp,...").arg(*smart),
                 QStringLiteral("SmartDNSHost \"%1\" は host:tcp|udp,... の形式ではありません").arg(*smart)},
                {QStringLiteral(
                     "XMail 1.27 rejects it, so its MX lookups fail; xmflowd uses the system's DNS servers."),
                 QStringLiteral("XMail 1.27 はこの値を受け付けず MX の問い合わせに失敗します。xmflowd "
                                "はシステムの DNS サーバーを使います。")},
                {QStringLiteral("Write the server and its protocol, e.g. 192.0.2.53:udp."),
                 QStringLiteral("サーバーとプロトコルを書いてください (例: 192.0.2.53:udp)。")}));
        for (const QString &host : servers.unusableHosts)
            out.append(
                finding(TableKind::Server, line, Severity::Warning, QStringLiteral("dns-server"),
                        {QStringLiteral("SmartDNSHost \"%1\" is not an IP address").arg(host),
                         QStringLiteral("SmartDNSHost の \"%1\" は IP アドレスではありません").arg(host)},
                        {QStringLiteral("XMail looks the name up first; xmflowd skips it and asks the other "
                                        "servers (or the system's)."),
                         QStringLiteral(
                             "XMail は名前を先に解決しますが、xmflowd はこのサーバーを飛ばし、他のサーバー "
                             "(なければシステムのもの) に問い合わせます。")},
                        {QStringLiteral("Write the DNS server's IP address."),
                         QStringLiteral("DNS サーバーの IP アドレスを書いてください。")}));
        if (!servers.hostWithoutProtocol.isEmpty())
            out.append(finding(
                TableKind::Server, line, Severity::Warning, QStringLiteral("dns-server"),
                {QStringLiteral("SmartDNSHost \"%1\" has no :tcp or :udp").arg(servers.hostWithoutProtocol),
                 QStringLiteral("SmartDNSHost の \"%1\" に :tcp / :udp がありません")
                     .arg(servers.hostWithoutProtocol)},
                {QStringLiteral("XMail 1.27 reads host:protocol pairs and ignores a host without one."),
                 QStringLiteral(
                     "XMail 1.27 は host:protocol の組で読むため、プロトコルのないホストは無視されます。")},
                {QStringLiteral("Add :udp (or :tcp)."),
                 QStringLiteral(":udp (または :tcp) を付けてください。")}));
        if (!servers.servers.isEmpty() &&
            (!c.settings.maps.isEmpty() || c.root.fileExists(TableKind::HnProp) || c.settings.rdnsCheck != 0))
            out.append(finding(
                TableKind::Server, line, Severity::Info, QStringLiteral("dns-server"),
                {QStringLiteral("xmflowd asks SmartDNSHost for DNSBL and PTR lookups too"),
                 QStringLiteral("xmflowd は DNSBL と逆引きの問い合わせにも SmartDNSHost を使います")},
                {QStringLiteral("XMail 1.27 uses SmartDNSHost for MX lookups only; DNSBL (CustMapsList) and "
                                "PTR lookups go to the system resolver."),
                 QStringLiteral("XMail 1.27 が SmartDNSHost を使うのは MX の問い合わせだけで、DNSBL "
                                "(CustMapsList) と逆引きはシステムのリゾルバーに問い合わせます。")},
                {QStringLiteral("Make sure the system resolver of the XMail host answers the same."),
                 QStringLiteral("XMail ホストのシステムリゾルバーも同じ答えを返すようにしてください。")}));
    }
}

// Extensions in use.
void reportExtensions(const LintContext &c, Diagnostics &out)
{
    const model::ParsedTables &t = c.tables;
    for (const model::ServerVariable &var : t.server) {
        if (var.name.startsWith(Names::SmtpConfig)) {
            const QStringList used = Policy::listenerExtensions(var.name, var.value);
            if (used.contains(QLatin1String("any-address")))
                out.append(finding(
                    TableKind::Server, var.line, Severity::Warning, QStringLiteral("extension"),
                    {QStringLiteral("%1 is an xmflow name: plain XMail 1.27 never applies it").arg(var.name),
                     QStringLiteral("%1 は xmflow 独自の名前です: 素の XMail 1.27 では適用されません")
                         .arg(var.name)},
                    {QStringLiteral("XMail looks up SmtpConfig-IP,PORT with the listener's own address; "
                                    "0.0.0.0 and :: never match, "
                                    "so options such as MailAuth would be lost under XMail."),
                     QStringLiteral("XMail はリスナー自身のアドレスで SmtpConfig-IP,PORT を探すため、0.0.0.0 "
                                    "や :: は一致せず、"
                                    "MailAuth などの設定が XMail では失われます。")},
                    {QStringLiteral("For a plain XMail, add the same line with the server's real address."),
                     QStringLiteral("素の XMail 用には、サーバーの実アドレスで同じ行を追加してください。")}));
            QStringList options = used;
            options.removeAll(QStringLiteral("any-address"));
            if (!options.isEmpty())
                out.append(finding(
                    TableKind::Server, var.line, Severity::Info, QStringLiteral("extension"),
                    {QStringLiteral("%1 uses xmflow options: %2")
                         .arg(var.name, options.join(QStringLiteral(", "))),
                     QStringLiteral("%1 は xmflow の拡張オプションを使っています: %2")
                         .arg(var.name, options.join(QStringLiteral(", ")))},
                    {QStringLiteral("Plain XMail 1.27 ignores these options; only xmflowd applies them."),
                     QStringLiteral(
                         "素の XMail 1.27 はこれらのオプションを無視し、xmflowd だけが適用します。")},
                    {}));
            continue;
        }
        if (!var.name.startsWith(Names::ExtensionPrefix))
            continue;
        out.append(finding(TableKind::Server, var.line, Severity::Info, QStringLiteral("extension"),
                           {QStringLiteral("%1 is an xmflow extension").arg(var.name),
                            QStringLiteral("%1 は xmflow の拡張です").arg(var.name)},
                           {QStringLiteral("Plain XMail 1.27 ignores it; only xmflowd applies it."),
                            QStringLiteral("素の XMail 1.27 は無視し、xmflowd だけが適用します。")},
                           {QStringLiteral("'xmflowd export --xmail' leaves it out for a plain XMail."),
                            QStringLiteral("素の XMail 用には 'xmflowd export --xmail' で除外できます。")}));
        if (var.name == Names::XmfDelayStart &&
            var.value.trimmed().compare(QLatin1String("mail"), Qt::CaseInsensitive) != 0 &&
            var.value.trimmed().compare(QLatin1String("connect"), Qt::CaseInsensitive) != 0)
            out.append(finding(
                TableKind::Server, var.line, Severity::Error, QStringLiteral("bad-value"),
                {QStringLiteral("XMF-DelayStart must be \"connect\" or \"mail\", not \"%1\"").arg(var.value),
                 QStringLiteral("XMF-DelayStart は \"connect\" か \"mail\" です (\"%1\" は不可)")
                     .arg(var.value)},
                {QStringLiteral("xmflowd falls back to \"connect\"."),
                 QStringLiteral("xmflowd は \"connect\" として扱います。")},
                {QStringLiteral("Write connect or mail."),
                 QStringLiteral("connect か mail を指定してください。")}));
    }
}

// Passwords in clear: XMail offers AUTH before STARTTLS unless a listener says WantTLS.
// An MX on port 25 cannot demand TLS of every sending server, but a listener where
// users log in (MailAuth) can, and should.
void reportPlaintextAuth(const LintContext &c, Diagnostics &out)
{
    bool anyWantTls = false;
    for (const model::ServerVariable &var : c.tables.server) {
        if (var.name != Names::SmtpConfig && !var.name.startsWith(Names::SmtpConfig + QLatin1Char('-')))
            continue;
        const QStringList options = var.value.split(QLatin1Char(','), Qt::SkipEmptyParts);
        auto has = [&options](const char *option) {
            return std::any_of(options.cbegin(), options.cend(), [option](const QString &o) {
                return o.trimmed().compare(QLatin1String(option), Qt::CaseInsensitive) == 0;
            });
        };
        anyWantTls = anyWantTls || has("WantTLS");
        if (has("MailAuth") && !has("WantTLS"))
            out.append(finding(
                TableKind::Server, var.line, Severity::Warning, QStringLiteral("plaintext-auth"),
                {QStringLiteral("%1 makes users log in, but not over TLS: their passwords can cross the network "
                                "in clear")
                     .arg(var.name),
                 QStringLiteral("%1 はログインを求めますが TLS を求めません: パスワードが暗号化されずに流れることがあります")
                     .arg(var.name)},
                {QStringLiteral("XMail 1.27 offers AUTH before STARTTLS unless the listener has WantTLS."),
                 QStringLiteral("XMail 1.27 は WantTLS のないリスナーでは STARTTLS の前でも AUTH を受け付けます。")},
                {QStringLiteral("Add WantTLS to this SmtpConfig line (with MailRoot/server.cert and server.key), "
                                "or let users submit on port 465 (xmflowd serve --listen ADDR:465,tls)."),
                 QStringLiteral("この SmtpConfig 行に WantTLS を加える (MailRoot に server.cert と server.key が必要) か、"
                                "ユーザーには 465 番ポート (xmflowd serve --listen ADDR:465,tls) で送信させてください。")}));
    }
    if (!anyWantTls && !c.tables.mailUsers.isEmpty())
        out.append(finding(
            TableKind::Server, 0, Severity::Info, QStringLiteral("plaintext-auth"),
            {QStringLiteral("No listener requires TLS: AUTH is accepted in clear on every port"),
             QStringLiteral("TLS を必須にしたリスナーがありません: どのポートでも平文の AUTH を受け付けます")},
            {QStringLiteral("XMail 1.27 offers AUTH before STARTTLS unless a listener has WantTLS."),
             QStringLiteral("XMail 1.27 は WantTLS のないリスナーでは STARTTLS の前でも AUTH を受け付けます。")},
            {QStringLiteral("Keep port 25 as it is for other mail servers, and give users a submission listener: "
                            "\"SmtpConfig-ADDR,587\" \"MailAuth,WantTLS\", or port 465 with implicit TLS."),
             QStringLiteral("25 番ポートは他のメールサーバー向けにそのままにし、ユーザーには送信用のリスナーを用意してください: "
                            "\"SmtpConfig-アドレス,587\" \"MailAuth,WantTLS\"、または暗黙 TLS の 465 番ポート。")}));
}

using LintCheck = void (*)(const LintContext &, Diagnostics &);

// Every check, in the order its findings are listed for one line.
constexpr LintCheck kChecks[] = {
    reportShadowedLines, reportIpMapPrecedence,  reportIpMapDropCodeZero, reportDelayForAuthUsers,
    reportOpenRelay,     reportHnPropSubdomains, reportSmartDnsHost,      reportExtensions,
    reportPlaintextAuth,
};

} // namespace

model::Diagnostics lint(const model::MailRoot &root)
{
    Diagnostics out = root.diagnostics();
    const LintContext context{root, root.tables(), PolicySettings::read(root, false)};
    for (LintCheck check : kChecks)
        check(context, out);
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return a.file != b.file ? a.file < b.file : a.line < b.line;
    });
    return out;
}

} // namespace xmflow::engine

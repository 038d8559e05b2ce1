#include "FrontSetupCheck.h"

#include "Policy.h"
#include "PolicySettings.h"
#include "VariableNames.h"

#include <QHostAddress>
#include <QNetworkInterface>
#include <QRegularExpression>

namespace xmflow::engine {

namespace {

struct Hop {
    QString text; // as written in XMF-NextHop
    QString host;
    quint16 port = 25;
};

QList<Hop> nextHops(const QString &value)
{
    QList<Hop> hops;
    for (QString item : value.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts)) {
        Hop hop;
        hop.text = item;
        if (item.startsWith(QLatin1Char('['))) {
            const qsizetype close = item.indexOf(QLatin1Char(']'));
            hop.host = item.mid(1, close - 1);
            if (item.mid(close + 1).startsWith(QLatin1Char(':')))
                hop.port = quint16(item.mid(close + 2).toUInt());
        } else if (item.count(QLatin1Char(':')) == 1) {
            hop.host = item.section(QLatin1Char(':'), 0, 0);
            hop.port = quint16(item.section(QLatin1Char(':'), 1).toUInt());
        } else {
            hop.host = item;
        }
        if (hop.port == 0)
            hop.port = 25;
        hops << hop;
    }
    return hops;
}

// The address the front's connections to `hop` come from, as the next hop sees it:
// the loopback address for a loopback next hop, else this machine's address on the
// next hop's network (none when the next hop is a name or on no local network).
QList<QHostAddress> frontAddresses(const Hop &hop)
{
    QHostAddress target(hop.host);
    if (hop.host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        target = QHostAddress(QHostAddress::LocalHost);
    if (target.isNull())
        return {};
    if (target.isLoopback())
        return {target.protocol() == QAbstractSocket::IPv6Protocol ? QHostAddress(QHostAddress::LocalHostIPv6)
                                                                   : QHostAddress(QHostAddress::LocalHost)};
    QList<QHostAddress> mine;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces())
        for (const QNetworkAddressEntry &entry : iface.addressEntries())
            if (entry.ip().protocol() == target.protocol() &&
                target.isInSubnet(entry.ip(), entry.prefixLength()))
                mine << entry.ip();
    return mine;
}

const TraceEntry *decidingEntry(const ConnectVerdict &verdict)
{
    // The last rule that matched is the one that decided (an ipmap ALLOW comes before spammers.tab).
    for (auto it = verdict.trace.crbegin(); it != verdict.trace.crend(); ++it)
        if (it->outcome == TraceOutcome::Matched && !it->file.isEmpty())
            return &*it;
    return nullptr;
}

model::Diagnostic finding(const QString &kind, const QString &file, int line, const QString &en,
                          const QString &ja, const QString &hintEn, const QString &hintJa)
{
    model::Diagnostic d;
    d.file = file;
    d.line = line;
    d.severity = model::Severity::Warning;
    d.kind = kind;
    d.message = {en, ja};
    d.hint = {hintEn, hintJa};
    return d;
}

} // namespace

model::Diagnostics checkFrontSetup(const model::MailRoot &root)
{
    namespace Names = model::VariableNames;
    model::Diagnostics out;
    const PolicySettings settings = PolicySettings::read(root, false);
    if (!settings.localDeliveryToNextHop)
        return out;
    const QString serverTab = QStringLiteral("server.tab");
    const QString nextHop = settings.nextHop.trimmed();
    if (nextHop.isEmpty()) {
        out << finding(
            QStringLiteral("front-no-next-hop"), serverTab,
            root.variableLine(Names::XmfLocalDelivery),
            QStringLiteral("XMF-LocalDelivery is nexthop but XMF-NextHop is unset: accepted mail waits in "
                           "the spool and is never delivered."),
            QStringLiteral(
                "XMF-LocalDelivery が nexthop なのに XMF-NextHop がない。受け付けたメールはスプールに"
                "溜まったまま配送されない。"),
            QStringLiteral("Add \"XMF-NextHop\"<TAB>\"127.0.0.1:2525\" (the XMail behind the front)."),
            QStringLiteral("\"XMF-NextHop\"<TAB>\"127.0.0.1:2525\"（フロントの後ろの XMail）を追加する。"));
        return out;
    }
    // The XMail behind reads these tables as XMail 1.27 does: no XMF- extension.
    PolicyOptions options;
    options.xmailCompat = true;
    const auto policy = Policy::compile(root, options);
    if (!policy)
        return out;
    const bool authenticates = !settings.nextHopAuth.trimmed().isEmpty();
    const int hopLine = root.variableLine(Names::XmfNextHop);
    for (const Hop &hop : nextHops(nextHop)) {
        const QList<QHostAddress> fronts = frontAddresses(hop);
        if (fronts.isEmpty()) {
            out << finding(
                QStringLiteral("front-address-unknown"), serverTab, hopLine,
                QStringLiteral("Cannot tell which address the front uses towards %1: its tables were not "
                               "checked for it.")
                    .arg(hop.text),
                QStringLiteral(
                    "%1 へ接続するときのフロント側のアドレスが分からないため、表を確認できなかった。")
                    .arg(hop.text),
                QStringLiteral("Give XMF-NextHop as an IP address on a local network, e.g. 127.0.0.1:2525."),
                QStringLiteral(
                    "XMF-NextHop をローカルネットワーク上の IP アドレスで書く（例: 127.0.0.1:2525）。"));
            continue;
        }
        Endpoint local;
        local.address =
            IpAddress::parse(QHostAddress(hop.host).isNull() ? QStringLiteral("127.0.0.1") : hop.host)
                .value_or(IpAddress::fromV4(0x7f000001));
        local.port = hop.port;
        for (const QHostAddress &frontAddress : fronts) {
            const auto front = IpAddress::parse(frontAddress.toString());
            if (!front)
                continue;
            const QString addr = front->toString();
            const QString prefix = addr + (frontAddress.protocol() == QAbstractSocket::IPv6Protocol
                                               ? QStringLiteral("/128")
                                               : QStringLiteral("/32"));
            const ConnectVerdict verdict = policy->evaluate(*front, local, DnsAnswers{}, true);
            const TraceEntry *rule = decidingEntry(verdict);
            const QString file = rule ? rule->file : QStringLiteral("spammers.tab");
            const int line = rule ? rule->line : 0;
            const QString whiteListHint =
                QStringLiteral(
                    "Exempt the front: add \"%1\"<TAB>\"WhiteList=1\" as the first line of smtp.ipprop.tab "
                    "(or narrow this rule so that it does not match %2).")
                    .arg(prefix, addr);
            const QString whiteListHintJa =
                QStringLiteral(
                    "フロントを除外する: smtp.ipprop.tab の先頭に \"%1\"<TAB>\"WhiteList=1\" を追加する"
                    "（またはこのルールが %2 に当たらないよう範囲を狭める）。")
                    .arg(prefix, addr);
            if (verdict.drop) {
                out << finding(
                    QStringLiteral("front-refused-by-next-hop"), file, line,
                    QStringLiteral("The XMail behind the front (%1) refuses the front's connections from "
                                   "%2 (%3): every message would stay in the front's spool.")
                        .arg(hop.text, addr, rule ? rule->lineText : verdict.logStatus),
                    QStringLiteral("フロントの後ろの XMail (%1) はフロント (%2) からの接続を拒否する (%3)。"
                                   "メールはすべてフロントのスプールに残る。")
                        .arg(hop.text, addr, rule ? rule->lineText : verdict.logStatus),
                    whiteListHint, whiteListHintJa);
                continue;
            }
            if ((verdict.blocked || verdict.mapped || verdict.noRdns) && !authenticates) {
                out << finding(
                    QStringLiteral("front-needs-auth-at-next-hop"), file, line,
                    QStringLiteral("The XMail behind the front (%1) takes MAIL FROM from the front's "
                                   "address %2 only after AUTH, and XMF-NextHopAuth is unset.")
                        .arg(hop.text, addr),
                    QStringLiteral("フロントの後ろの XMail (%1) はフロントのアドレス %2 からの MAIL FROM を"
                                   "SMTP認証 後にしか受け付けないが、XMF-NextHopAuth が設定されていない。")
                        .arg(hop.text, addr),
                    whiteListHint, whiteListHintJa);
            }
            if (verdict.delaySeconds > 0) {
                out << finding(
                    QStringLiteral("front-delayed-by-next-hop"), file, line,
                    QStringLiteral("The XMail behind the front (%1) delays every command of the front "
                                   "(%2) by %3 s: the tarpit meant for strangers slows every message twice.")
                        .arg(hop.text, addr)
                        .arg(verdict.delaySeconds),
                    QStringLiteral(
                        "フロントの後ろの XMail (%1) はフロント (%2) の各コマンドを %3 秒遅延させる。"
                        "外部向けの遅延がすべてのメールに二重にかかる。")
                        .arg(hop.text, addr)
                        .arg(verdict.delaySeconds),
                    whiteListHint, whiteListHintJa);
            }
            if (!policy->relayAllowed(*front) && !authenticates) {
                out << finding(
                    QStringLiteral("front-cannot-relay"), QStringLiteral("smtprelay.tab"), 0,
                    QStringLiteral("The XMail behind the front (%1) does not relay for the front's address "
                                   "%2: mail the front accepts for other domains (its users' outgoing "
                                   "mail) would bounce with 550 Relay denied.")
                        .arg(hop.text, addr),
                    QStringLiteral("フロントの後ろの XMail (%1) はフロントのアドレス %2 からの中継を許可して"
                                   "いない。フロントが受け付けた他ドメイン宛（ユーザーの送信メール）は"
                                   "550 Relay denied で戻ってくる。")
                        .arg(hop.text, addr),
                    QStringLiteral("Add \"%1\"<TAB>\"255.255.255.255\" to smtprelay.tab (or set "
                                   "XMF-NextHopAuth to an account with relay permission).")
                        .arg(addr),
                    QStringLiteral("smtprelay.tab に \"%1\"<TAB>\"255.255.255.255\" を追加する（または中継を"
                                   "許可されたアカウントを XMF-NextHopAuth に設定する）。")
                        .arg(addr));
            }
        }
    }
    return out;
}

} // namespace xmflow::engine

#include "PolicySettings.h"

#include "AddressFilter.h"
#include "VariableCatalogue.h"
#include "VariableNames.h"

#include <QRegularExpression>

namespace xmflow::engine {

namespace Names = model::VariableNames;

namespace {

// XMail's default for a variable that is not set.
QString catalogueDefault(const QString &name)
{
    const model::VariableInfo *info = model::VariableCatalogue::find(name);
    return info ? info->defaultValue : QString();
}

int intSetting(const model::MailRoot &root, const QString &name)
{
    return root.intVariable(name, model::xmailAtoi(catalogueDefault(name).toLatin1()));
}

bool flagSetting(const model::MailRoot &root, const QString &name)
{
    return intSetting(root, name) != 0;
}

// XMail 1.27's code gives mailusers.tab accounts MRVZ when DefaultSmtpPerms is
// unset; its Readme (and so the catalogue) says MR. The code is what runs.
const QString kXMail127DefaultSmtpPerms = QStringLiteral("MRVZ");

} // namespace

QString normalizedMapRoot(QString root)
{
    root = root.trimmed().toLower();
    while (root.endsWith(QLatin1Char('.')))
        root.chop(1);
    return root;
}

QList<DnsMapSetting> parseMapsList(const QString &value)
{
    QList<DnsMapSetting> maps;
    const QStringList items = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const qsizetype colon = item.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            continue;
        DnsMapSetting entry;
        entry.root = item.left(colon).trimmed();
        entry.key = normalizedMapRoot(entry.root);
        entry.code = item.mid(colon + 1).trimmed().toInt();
        maps.append(entry);
    }
    return maps;
}

PolicySettings PolicySettings::read(const model::MailRoot &root, bool xmailCompat)
{
    PolicySettings s;
    s.maps = parseMapsList(root.variableOr(Names::CustMapsList, catalogueDefault(Names::CustMapsList)));
    s.ipMapDropCode = intSetting(root, Names::IpMapDropCode);
    s.rdnsCheck = intSetting(root, Names::RdnsCheck);
    s.ipBanReply = root.variable(Names::SmtpMsgIPBan);
    s.spammersBanReply = root.variable(Names::SmtpMsgIPBanSpammers);
    s.mapsBanReply = root.variable(Names::SmtpMsgIPBanMaps);
    s.spamAddressReply = root.variable(Names::SmtpMsgIPBanSpamAddress);

    s.rootDomain = root.variable(Names::RootDomain);
    s.serverDomain = root.variableOr(Names::SmtpServerDomain, s.rootDomain.value_or(QString()));
    s.postMaster = root.variable(Names::PostMaster);
    s.maxErrors = intSetting(root, Names::MaxErrors);
    s.maxMessageSize = qint64(intSetting(root, Names::MaxMessageSize)) * 1024;
    s.checkMailerDomain = flagSetting(root, Names::CheckMailerDomain);
    s.allowNullSender = flagSetting(root, Names::AllowNullSender);
    s.allowSmtpVrfy = flagSetting(root, Names::AllowSmtpVrfy);
    s.allowSmtpEtrn = flagSetting(root, Names::AllowSmtpEtrn);
    s.enableSmtpTls = flagSetting(root, Names::EnableSmtpTls);
    s.defaultSmtpPerms = root.variableOr(Names::DefaultSmtpPerms, kXMail127DefaultSmtpPerms);

    s.smartDnsHost = root.variable(Names::SmartDnsHost);
    s.defaultSmtpGateways =
        root.variableOr(Names::DefaultSmtpGateways, catalogueDefault(Names::DefaultSmtpGateways));
    s.nextHop = root.variableOr(Names::XmfNextHop, catalogueDefault(Names::XmfNextHop));

    s.greetPassTtl =
        root.variableOr(Names::XmfGreetPassTtl, catalogueDefault(Names::XmfGreetPassTtl)).toLongLong();
    s.maxSessionsPerIp = intSetting(root, Names::XmfMaxSessionsPerIp);
    if (!xmailCompat) {
        s.defaultDelay = qMax(0, intSetting(root, Names::XmfDefaultDelay));
        s.delayAtMail = root.variableOr(Names::XmfDelayStart, catalogueDefault(Names::XmfDelayStart))
                            .trimmed()
                            .compare(QLatin1String("mail"), Qt::CaseInsensitive) == 0;
        s.greetPause = qMax(0, intSetting(root, Names::XmfGreetPause));
        s.localDeliveryToNextHop =
            root.variableOr(Names::XmfLocalDelivery, catalogueDefault(Names::XmfLocalDelivery))
                .trimmed()
                .compare(QLatin1String("nexthop"), Qt::CaseInsensitive) == 0;
        s.nextHopAuth = root.variableOr(Names::XmfNextHopAuth, QString());
        s.nextHopTls =
            root.variableOr(Names::XmfNextHopTls, catalogueDefault(Names::XmfNextHopTls)).trimmed().toLower();
        GreylistSettings &g = s.greylist;
        g.enabled = flagSetting(root, Names::XmfGreylist);
        g.delaySeconds = qMax(0, intSetting(root, Names::XmfGreylistDelay));
        g.retryWindowSeconds = qMax(g.delaySeconds, intSetting(root, Names::XmfGreylistRetryWindow));
        g.maxAgeSeconds = qMax(g.retryWindowSeconds, intSetting(root, Names::XmfGreylistMaxAge));
        g.ipv4PrefixLength = qBound(0, intSetting(root, Names::XmfGreylistIpv4Prefix), 32);
        g.ipv6PrefixLength = qBound(0, intSetting(root, Names::XmfGreylistIpv6Prefix), 128);
        g.autoWhitelistCount = qMax(0, intSetting(root, Names::XmfGreylistAutoWhitelist));
        const int variableLine = root.variableLine(Names::XmfGreylistWhitelist);
        for (const QString &domain :
             root.variableOr(Names::XmfGreylistWhitelist, QString())
                 .split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts))
            s.greylistWhitelist.append(
                {domain.trimmed().toLower(), QStringLiteral("server.tab"), variableLine, true, {}});
        const QString table = model::tableFileName(model::TableKind::GreylistWhitelist);
        for (const model::GreylistWhitelistEntry &entry : root.tables().greylistWhitelist)
            s.greylistWhitelist.append(
                {entry.domain.trimmed().toLower(), table, entry.line, false, entry.comment});
        s.stateStore = root.variableOr(Names::XmfStateStore, QString()).trimmed();
    }
    return s;
}

QString GreylistWhitelistEntry::source() const
{
    const QString at = line > 0 ? file + QLatin1Char(':') + QString::number(line) : file;
    return fromVariable ? QStringLiteral("%1 (%2)").arg(model::VariableNames::XmfGreylistWhitelist, at) : at;
}

const GreylistWhitelistEntry *PolicySettings::greylistWhitelistMatch(const QString &ptrName) const
{
    for (const GreylistWhitelistEntry &entry : greylistWhitelist)
        if (greylist::nameInDomain(ptrName, entry.domain))
            return &entry;
    return nullptr;
}

model::LocalizedText greylistWhitelistReason(const QString &ptrName, const GreylistWhitelistEntry &entry)
{
    return {QStringLiteral("PTR %1 is in %2 (%3)").arg(ptrName, entry.source(), entry.domain),
            QStringLiteral("逆引き %1 は %2 に登録 (%3)").arg(ptrName, entry.source(), entry.domain)};
}

} // namespace xmflow::engine

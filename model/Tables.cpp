#include "Tables.h"

namespace xmflow::model {

const QList<TableKind> &allTableKinds()
{
    static const QList<TableKind> kinds{
        TableKind::Server,    TableKind::IpMap,     TableKind::IpProp,           TableKind::HnProp,
        TableKind::Spammers,  TableKind::SmtpRelay, TableKind::SpamAddress,      TableKind::Domains,
        TableKind::MailUsers, TableKind::SmtpAuth,  TableKind::GreylistWhitelist};
    return kinds;
}

QString tableFileName(TableKind kind)
{
    switch (kind) {
    case TableKind::Server:
        return QStringLiteral("server.tab");
    case TableKind::IpMap:
        return QStringLiteral("smtp.ipmap.tab");
    case TableKind::IpProp:
        return QStringLiteral("smtp.ipprop.tab");
    case TableKind::HnProp:
        return QStringLiteral("smtp.hnprop.tab");
    case TableKind::Spammers:
        return QStringLiteral("spammers.tab");
    case TableKind::SmtpRelay:
        return QStringLiteral("smtprelay.tab");
    case TableKind::SpamAddress:
        return QStringLiteral("spam-address.tab");
    case TableKind::Domains:
        return QStringLiteral("domains.tab");
    case TableKind::MailUsers:
        return QStringLiteral("mailusers.tab");
    case TableKind::SmtpAuth:
        return QStringLiteral("smtpauth.tab");
    case TableKind::GreylistWhitelist:
        return QStringLiteral("xmflow-greylist-whitelist.tab");
    }
    return {};
}

std::optional<TableKind> tableKindForFile(const QString &fileName)
{
    for (TableKind kind : allTableKinds())
        if (tableFileName(kind) == fileName)
            return kind;
    return std::nullopt;
}

bool isXmflowTable(TableKind kind)
{
    return kind == TableKind::GreylistWhitelist;
}

bool HnPropRule::matches(const QString &hostName) const
{
    if (host.startsWith(QLatin1Char('.')))
        return hostName.endsWith(host, Qt::CaseInsensitive);
    return hostName.compare(host, Qt::CaseInsensitive) == 0;
}

bool HnPropRule::matchesLikeXMail127(const QString &hostName) const
{
    if (host.startsWith(QLatin1Char('.')))
        return false;
    QStringView selector(host);
    if (selector.endsWith(QLatin1Char('.')))
        selector.chop(1);
    return hostName.startsWith(selector, Qt::CaseInsensitive);
}

bool SpamAddressRule::matches(const QString &address) const
{
    return xmailWildcardMatch(address.toUtf8(), pattern.toUtf8());
}

QString MailUser::password() const
{
    return decodeXMailPassword(encryptedPassword).value_or(QString());
}

} // namespace xmflow::model

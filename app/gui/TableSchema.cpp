#include "TableSchema.h"

#include "LanguageManager.h"
#include "Stages.h"

#include <QRegularExpression>

namespace xmflow::gui {

using model::TableKind;

namespace {

// The same test XMail uses: a second field starting with a digit is a netmask
// unless the address already carries a prefix length.
bool hasMaskField(const QStringList &fields)
{
    return fields.size() > 1 && !fields.at(0).contains(QLatin1Char('/')) &&
           model::looksLikeNetmask(fields.at(1).toLatin1());
}

} // namespace

QList<ColumnSpec> TableSchema::columns(TableKind kind)
{
    switch (kind) {
    case TableKind::Server:
        return {{ColumnType::Text, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Variable"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "The server.tab variable name")},
                {ColumnType::Text, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Value"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "The value XMail reads")}};
    case TableKind::IpMap:
        return {
            {ColumnType::Address, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Address"),
             QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "IPv4 or IPv6 address, optionally with /bits")},
            {ColumnType::Netmask, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Netmask"),
             QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "IPv4 netmask such as 255.255.255.0")},
            {ColumnType::IpMapAction, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Action"),
             QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "ALLOW or DENY")},
            {ColumnType::Precedence, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Precedence"),
             QT_TRANSLATE_NOOP("xmflow::gui::TableModel",
                               "Among matching lines the highest precedence wins; on a tie the later line")}};
    case TableKind::IpProp:
        return {
            {ColumnType::Address, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Address"),
             QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "IPv4 or IPv6 address, optionally with /bits")},
            {ColumnType::Netmask, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Netmask"),
             QT_TRANSLATE_NOOP("xmflow::gui::TableModel",
                               "Optional IPv4 netmask; leave empty with the a.b.c.d/bits form")},
            {ColumnType::Properties, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Properties"),
             QT_TRANSLATE_NOOP("xmflow::gui::TableModel",
                               "WhiteList, NoAuth, SenderDomainCheck=0, EaseTLS, EnableVRFY, EnableETRN")}};
    case TableKind::HnProp:
        return {
            {ColumnType::Text, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Host name"),
             QT_TRANSLATE_NOOP("xmflow::gui::TableModel",
                               "Reverse-DNS name; .domain matches every subdomain")},
            {ColumnType::Properties, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Properties"),
             QT_TRANSLATE_NOOP("xmflow::gui::TableModel",
                               "WhiteList, NoAuth, SenderDomainCheck=0, EaseTLS, EnableVRFY, EnableETRN")}};
    case TableKind::Spammers:
        return {
            {ColumnType::Address, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Address"),
             QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "IPv4 or IPv6 address, optionally with /bits")},
            {ColumnType::Netmask, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Netmask"),
             QT_TRANSLATE_NOOP("xmflow::gui::TableModel",
                               "Optional IPv4 netmask; leave empty with the a.b.c.d/bits form")},
            {ColumnType::Parameters, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Parameters"),
             QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "name=value,... such as code=-30")},
            {ColumnType::SpammerCode, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "What XMail does"),
             QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "The code parameter: drop the connection, allow "
                                                          "only after SMTP AUTH, or delay every command")}};
    case TableKind::SmtpRelay:
        return {{ColumnType::Address, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Address"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "IPv4 or IPv6 address, optionally with /bits")},
                {ColumnType::Netmask, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Netmask"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel",
                                   "Optional IPv4 netmask; leave empty with the a.b.c.d/bits form")}};
    case TableKind::SpamAddress:
        return {{ColumnType::Text, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Sender pattern"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "MAIL FROM address with * and ? wildcards")}};
    case TableKind::Domains:
        return {{ColumnType::Text, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Domain"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "A local domain")}};
    case TableKind::MailUsers:
        return {{ColumnType::Text, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Domain"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "A local domain")},
                {ColumnType::Text, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "User"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "The account name")},
                {ColumnType::Password, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Password"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel",
                                   "Stored XMail-encrypted; type the plain password to change it")},
                {ColumnType::Integer, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "ID"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "The account's numeric id")},
                {ColumnType::Text, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Folder"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "The mailbox folder under the domain")},
                {ColumnType::Text, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Type"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "U for a user, M for a mailing list")}};
    case TableKind::SmtpAuth:
        return {{ColumnType::Text, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "User"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "The account name")},
                {ColumnType::Text, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Password"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Stored as plain text by XMail")},
                {ColumnType::Text, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Permissions"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel",
                                   "M mail, R relay, V VRFY, T ETRN, Z no size limit, S ease TLS")}};
    case TableKind::GreylistWhitelist:
        return {{ColumnType::Text, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "PTR domain"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel",
                                   "Clients whose reverse-DNS name is in this domain (or a subdomain) are "
                                   "never greylisted")},
                {ColumnType::Text, QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Comment"),
                 QT_TRANSLATE_NOOP("xmflow::gui::TableModel", "Who sends from there (free text)")}};
    }
    return {};
}

QStringList TableSchema::columnValues(TableKind kind, const QStringList &fields)
{
    const int count = int(columns(kind).size());
    QStringList values;
    switch (kind) {
    case TableKind::Spammers:
    case TableKind::SmtpRelay:
    case TableKind::IpProp: {
        const bool mask = hasMaskField(fields);
        values << fields.value(0) << (mask ? fields.value(1) : QString());
        const QStringList rest = fields.mid(mask ? 2 : 1);
        if (kind == TableKind::Spammers) {
            values << rest.join(QLatin1Char(','));
            values << QString(); // filled from the parsed rule
        } else if (kind == TableKind::IpProp) {
            values << rest.join(QLatin1Char(' '));
        }
        break;
    }
    case TableKind::HnProp:
        values << fields.value(0) << fields.mid(1).join(QLatin1Char(' '));
        break;
    default:
        for (int i = 0; i < count; ++i) {
            if (i == count - 1 && fields.size() > count)
                values << fields.mid(i).join(QLatin1Char('\t')); // keep extra fields visible
            else
                values << fields.value(i);
        }
        break;
    }
    while (values.size() < count)
        values << QString();
    return values;
}

QStringList TableSchema::fieldsFromColumns(TableKind kind, const QStringList &values)
{
    QStringList fields;
    const auto split = [](const QString &text) {
        return text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    };
    switch (kind) {
    case TableKind::Spammers:
    case TableKind::SmtpRelay:
    case TableKind::IpProp:
        fields << values.value(0).trimmed();
        if (!values.value(1).trimmed().isEmpty())
            fields << values.value(1).trimmed();
        if (kind == TableKind::Spammers && !values.value(2).trimmed().isEmpty())
            fields << values.value(2).trimmed();
        if (kind == TableKind::IpProp)
            fields << split(values.value(2));
        break;
    case TableKind::HnProp:
        fields << values.value(0).trimmed() << split(values.value(1));
        break;
    default:
        fields = values;
        if (!fields.isEmpty() && fields.last().contains(QLatin1Char('\t'))) {
            const QString last = fields.takeLast();
            fields << last.split(QLatin1Char('\t'));
        }
        break;
    }
    return fields;
}

QStringList TableSchema::newRecord(TableKind kind)
{
    switch (kind) {
    case TableKind::Server:
        return {QStringLiteral("NewVariable"), QString()};
    case TableKind::IpMap:
        return {QStringLiteral("192.0.2.0"), QStringLiteral("255.255.255.0"), QStringLiteral("DENY"),
                QStringLiteral("1")};
    case TableKind::IpProp:
        return {QStringLiteral("192.0.2.0/24"), QStringLiteral("WhiteList=1")};
    case TableKind::HnProp:
        return {QStringLiteral(".example.net"), QStringLiteral("WhiteList=1")};
    case TableKind::Spammers:
        return {QStringLiteral("192.0.2.0/24"), QStringLiteral("code=1")};
    case TableKind::SmtpRelay:
        return {QStringLiteral("192.0.2.0"), QStringLiteral("255.255.255.0")};
    case TableKind::SpamAddress:
        return {QStringLiteral("*@spam.example")};
    case TableKind::Domains:
        return {QStringLiteral("example.net")};
    case TableKind::MailUsers:
        return {QStringLiteral("example.test"), QStringLiteral("newuser"), QString(), QStringLiteral("0"),
                QStringLiteral("newuser"),      QStringLiteral("U")};
    case TableKind::SmtpAuth:
        return {QStringLiteral("newuser"), QString(), QStringLiteral("MR")};
    case TableKind::GreylistWhitelist:
        return {QStringLiteral("example.net"), QString()};
    }
    return {};
}

bool TableSchema::hasAddressFilters(TableKind kind)
{
    return kind == TableKind::IpMap || kind == TableKind::IpProp || kind == TableKind::Spammers ||
           kind == TableKind::SmtpRelay;
}

QList<int> TableSchema::linesMatching(TableKind kind, const model::ParsedTables &tables,
                                      const model::IpAddress &ip)
{
    QList<int> lines;
    const auto collect = [&](const auto &rules) {
        for (const auto &rule : rules)
            if (rule.filter.matches(ip))
                lines.append(rule.line);
    };
    switch (kind) {
    case TableKind::IpMap:
        collect(tables.ipMap);
        break;
    case TableKind::IpProp:
        collect(tables.ipProp);
        break;
    case TableKind::Spammers:
        collect(tables.spammers);
        break;
    case TableKind::SmtpRelay:
        collect(tables.relay);
        break;
    default:
        break;
    }
    return lines;
}

QString TableSchema::description(TableKind kind)
{
    switch (kind) {
    case TableKind::Server:
        return tr("Server settings");
    case TableKind::IpMap:
        return tr("SMTP access by IP address");
    case TableKind::IpProp:
        return tr("Per-IP properties (whitelist)");
    case TableKind::HnProp:
        return tr("Per-host-name properties");
    case TableKind::Spammers:
        return tr("Spam hosts");
    case TableKind::SmtpRelay:
        return tr("SMTP relay allowed");
    case TableKind::SpamAddress:
        return tr("Refused sender addresses");
    case TableKind::Domains:
        return tr("Local domains");
    case TableKind::MailUsers:
        return tr("Mail users");
    case TableKind::SmtpAuth:
        return tr("SMTP AUTH users");
    case TableKind::GreylistWhitelist:
        return tr("Senders never greylisted (xmflow)");
    }
    return {};
}

QString TableSchema::describeCode(int code)
{
    return engine::codeMeaning(code).text(LanguageManager::instance().language());
}

QString TableSchema::withCode(const QString &parameters, int code)
{
    QStringList items = parameters.split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QString entry = QStringLiteral("code=") + QString::number(code);
    bool replaced = false;
    for (QString &item : items) {
        if (item.trimmed().startsWith(QLatin1String("code="), Qt::CaseInsensitive) ||
            item.trimmed().compare(QLatin1String("code"), Qt::CaseInsensitive) == 0) {
            item = entry;
            replaced = true;
            break;
        }
    }
    if (!replaced)
        items.append(entry);
    return items.join(QLatin1Char(','));
}

bool TableSchema::isValidAddress(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype slash = trimmed.indexOf(QLatin1Char('/'));
    const auto ip =
        model::IpAddress::parse(slash < 0 ? QStringView(trimmed) : QStringView(trimmed).left(slash));
    if (!ip)
        return false;
    if (slash < 0)
        return true;
    bool ok = false;
    const int bits = trimmed.mid(slash + 1).toInt(&ok);
    return ok && bits >= 0 && bits <= ip->bitCount();
}

bool TableSchema::isValidNetmask(const QString &text)
{
    const auto ip = model::IpAddress::parse(text.trimmed());
    return ip && !ip->v6;
}

} // namespace xmflow::gui

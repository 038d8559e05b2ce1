#pragma once

#include "AddressFilter.h"
#include "Diagnostic.h"
#include "PropertyRule.h"
#include "TabFile.h"
#include "XMailPassword.h"
#include "XMailWildcard.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace xmflow::model {

// The MailRoot tables xmflow knows, each in its own file.
enum class TableKind {
    Server,      // server.tab
    IpMap,       // smtp.ipmap.tab
    IpProp,      // smtp.ipprop.tab
    HnProp,      // smtp.hnprop.tab
    Spammers,    // spammers.tab
    SmtpRelay,   // smtprelay.tab
    SpamAddress, // spam-address.tab
    Domains,     // domains.tab
    MailUsers,   // mailusers.tab
    SmtpAuth,    // smtpauth.tab
    // xmflow's own tables (the "xmflow-" prefix): XMail never reads them.
    GreylistWhitelist, // xmflow-greylist-whitelist.tab
};

const QList<TableKind> &allTableKinds();
QString tableFileName(TableKind kind);
std::optional<TableKind> tableKindForFile(const QString &fileName);
// True for xmflow's own tables, which plain XMail 1.27 never reads.
bool isXmflowTable(TableKind kind);

struct ServerVariable {
    int line = 0;
    QString name;
    QString value;
};

struct IpMapRule {
    int line = 0;
    AddressFilter filter;
    bool allow = true;
    int precedence = 0;
};

// smtp.ipprop.tab: the selector is "addr/bits" only.
struct IpPropRule : PropertyRule {
    int line = 0;
    AddressFilter filter;
};

// smtp.hnprop.tab: the selector is a host name.
struct HnPropRule : PropertyRule {
    int line = 0;
    QString host;
    // SPEC 3: ".domain" matches the domain's subdomains, otherwise the exact name.
    bool matches(const QString &hostName) const;
    // XMail 1.27's literal MscHostSubMatch (docs/xmail-behaviour.md 4): a
    // selector without a dot is a case-insensitive prefix of the host name
    // (one trailing '.' of the selector ignored); a ".domain" selector never matches.
    bool matchesLikeXMail127(const QString &hostName) const;
};

struct SpammerRule {
    int line = 0;
    AddressFilter filter;
    int code = 1;               // >0 drop, 0 AUTH only, <0 delay |code| seconds
    QString parameterText;      // the params field as written ("" when none)
    QList<Property> parameters; // parameterText split at ','
};

struct RelayRule {
    int line = 0;
    AddressFilter filter;
};

struct SpamAddressRule {
    int line = 0;
    QString
        pattern; // XMail's StrIWildMatch: '*', '?', '[a-z]', '[^...]', '\\' escapes; ASCII case-insensitive
    bool matches(const QString &address) const;
};

struct DomainEntry {
    int line = 0;
    QString domain;
};

// xmflow-greylist-whitelist.tab: a PTR domain whose senders greylisting lets
// through at once (it and its subdomains), with an optional free comment.
struct GreylistWhitelistEntry {
    int line = 0;
    QString domain; // as written
    QString comment;
};

struct MailUser {
    int line = 0;
    QString domain;
    QString user;
    QString encryptedPassword;
    QString id;
    QString path;
    QString type;
    QString password() const; // decoded
};

struct SmtpAuthUser {
    int line = 0;
    QString user;
    QString password;
    QString permissions;
};

// The typed reading of every table. Each parse function reads a TabFile exactly
// as XMail does and reports every line it cannot fully use.
struct ParsedTables {
    QList<ServerVariable> server;
    QList<IpMapRule> ipMap;
    QList<IpPropRule> ipProp;
    QList<HnPropRule> hnProp;
    QList<SpammerRule> spammers;
    QList<RelayRule> relay;
    QList<SpamAddressRule> spamAddress;
    QList<DomainEntry> domains;
    QList<MailUser> mailUsers;
    QList<SmtpAuthUser> smtpAuth;
    QList<GreylistWhitelistEntry> greylistWhitelist;
};

// The bytes XMail reads per line of a table (fgets buffer); a longer line is
// read as several lines. 0 when not limited.
int xmailLineLimit(TableKind kind);

// Reads one table into `into` (TableParser.cpp).
void parseTable(TableKind kind, const TabFile &file, ParsedTables &into, Diagnostics &diagnostics);

} // namespace xmflow::model

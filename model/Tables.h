#pragma once

#include "AddressFilter.h"
#include "Diagnostic.h"
#include "TabFile.h"

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
};

const QList<TableKind> &allTableKinds();
QString tableFileName(TableKind kind);
std::optional<TableKind> tableKindForFile(const QString &fileName);

// A name=value property of ipprop/hnprop lines and spammers.tab parameters.
// Split at the first '='; names and values are kept exactly (XMail compares
// names with strcmp and reads values with atoi).
struct Property {
    QString name;
    QString value;     // "1" for a bare name
    bool bare = false; // written without '='
};

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

// ipprop (addr/bits only) and hnprop lines: every field after the selector is
// one property, so "WhiteList=1,NoAuth=1" in one field is WhiteList = "1,NoAuth=1".
struct IpPropRule {
    int line = 0;
    AddressFilter filter;
    QList<Property> properties;
    // Case-sensitive name, as XMail; a bare name means 1; absent means "not set".
    std::optional<QString> property(const QString &name) const;
    bool flag(const QString &name) const; // bare, or atoi(value) != 0
    std::optional<int> intProperty(const QString &name) const; // atoi(value); nullopt when absent
};

struct HnPropRule {
    int line = 0;
    QString host;
    QList<Property> properties;
    // SPEC 3: ".domain" matches the domain's subdomains, otherwise the exact name.
    bool matches(const QString &hostName) const;
    // XMail 1.27's literal MscHostSubMatch (docs/xmail-behaviour.md 4): a
    // selector without a dot is a case-insensitive prefix of the host name
    // (one trailing '.' of the selector ignored); a ".domain" selector never matches.
    bool matchesLikeXMail127(const QString &hostName) const;
    std::optional<QString> property(const QString &name) const;
    bool flag(const QString &name) const;
    std::optional<int> intProperty(const QString &name) const;
};

struct SpammerRule {
    int line = 0;
    AddressFilter filter;
    int code = 1; // >0 drop, 0 AUTH only, <0 delay |code| seconds
    QString parameterText;      // the params field as written ("" when none)
    QList<Property> parameters; // parameterText split at ','
};

struct RelayRule {
    int line = 0;
    AddressFilter filter;
};

struct SpamAddressRule {
    int line = 0;
    QString pattern; // XMail's StrIWildMatch: '*', '?', '[a-z]', '[^...]', '\\' escapes; ASCII case-insensitive
    bool matches(const QString &address) const;
};

// XMail's wildcard match (StrIWildMatch) on UTF-8 bytes, ASCII case-insensitive.
bool xmailWildcardMatch(QByteArrayView text, QByteArrayView pattern);

struct DomainEntry {
    int line = 0;
    QString domain;
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

// XMail's mailusers.tab password encoding: every byte XOR 0x65, as two hex digits.
QString encodeXMailPassword(const QString &plain);
std::optional<QString> decodeXMailPassword(const QString &encoded);

// One Property per item, split at the first '=' (no trimming, no ',' split).
QList<Property> parseProperties(const QStringList &items);

// XMail's StrParamGet: the value of "name=" found at the start of text or right
// after a ',' (case-sensitive), up to the next ',' (at most 31 bytes).
std::optional<QString> xmailParamGet(const QString &text, const QString &name);

// The bytes XMail reads per line of a table (fgets buffer); a longer line is
// read as several lines. 0 when not limited.
int xmailLineLimit(TableKind kind);

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
};

void parseTable(TableKind kind, const TabFile &file, ParsedTables &into, Diagnostics &diagnostics);

} // namespace xmflow::model

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
struct Property {
    QString name;
    QString value;
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

struct IpPropRule {
    int line = 0;
    AddressFilter filter;
    QList<Property> properties;
    // A bare name means 1; an absent one means "not set".
    std::optional<QString> property(const QString &name) const;
    bool flag(const QString &name) const; // set and not "0"
};

struct HnPropRule {
    int line = 0;
    QString host; // ".domain" matches subdomains, otherwise the exact name
    QList<Property> properties;
    bool matches(const QString &hostName) const;
    std::optional<QString> property(const QString &name) const;
    bool flag(const QString &name) const;
};

struct SpammerRule {
    int line = 0;
    AddressFilter filter;
    int code = 1; // >0 drop, 0 AUTH only, <0 delay |code| seconds
    QList<Property> parameters;
};

struct RelayRule {
    int line = 0;
    AddressFilter filter;
};

struct SpamAddressRule {
    int line = 0;
    QString pattern; // '*' and '?' wildcards, case-insensitive
    bool matches(const QString &address) const;
};

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

// Parses a "name=value,name=value" parameter list (spammers.tab) or the extra
// fields of an ipprop/hnprop line.
QList<Property> parseProperties(const QStringList &items);

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

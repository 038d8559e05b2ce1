#pragma once

#include "Greylist.h"
#include "MailRoot.h"

#include <QList>
#include <QString>

#include <optional>

namespace xmflow::engine {

// One CustMapsList entry, "root:code".
struct DnsMapSetting {
    QString root; // as written (used in replies and the log)
    QString key;  // normalizedMapRoot(root): what DNS answers are keyed by
    int code = 0;
};

// A PTR domain greylisting never delays, and where it is written: a line of
// xmflow-greylist-whitelist.tab, or the XMF-GreylistWhitelist variable in server.tab.
struct GreylistWhitelistEntry {
    QString domain; // lower case
    QString file;   // "xmflow-greylist-whitelist.tab" or "server.tab"
    int line = 0;
    bool fromVariable = false;
    QString comment; // the table's second field
    // "xmflow-greylist-whitelist.tab:3", or "XMF-GreylistWhitelist (server.tab:12)".
    QString source() const;
};

// Every server.tab variable the engine acts on, read once when the policy is
// compiled. An unset variable takes XMail's default from model::VariableCatalogue;
// values are read as XMail reads them (atoi for numbers).
struct PolicySettings {
    // Connect-time checks.
    QList<DnsMapSetting> maps;               // CustMapsList, in list order
    int ipMapDropCode = 1;                   // SMTP-IpMapDropCode
    int rdnsCheck = 0;                       // SMTP-RDNSCheck
    std::optional<QString> ipBanReply;       // SmtpMsgIPBan
    std::optional<QString> spammersBanReply; // SmtpMsgIPBanSpammers
    std::optional<QString> mapsBanReply;     // SmtpMsgIPBanMaps
    std::optional<QString> spamAddressReply; // SmtpMsgIPBanSpamAddress

    // The session.
    std::optional<QString> rootDomain; // RootDomain
    QString serverDomain;              // SmtpServerDomain, else RootDomain
    std::optional<QString> postMaster; // PostMaster
    int maxErrors = 0;                 // SMTP-MaxErrors, 0 = no limit
    qint64 maxMessageSize = 0;         // MaxMessageSize in bytes, 0 = unlimited
    bool checkMailerDomain = false;    // CheckMailerDomain
    bool allowNullSender = true;       // AllowNullSender
    bool allowSmtpVrfy = false;        // AllowSmtpVRFY
    bool allowSmtpEtrn = false;        // AllowSmtpETRN
    bool enableSmtpTls = true;         // EnableSMTP-TLS
    QString defaultSmtpPerms;          // DefaultSmtpPerms

    // DNS and relaying.
    std::optional<QString> smartDnsHost; // SmartDNSHost
    QString defaultSmtpGateways;         // DefaultSMTPGateways
    QString nextHop;                     // XMF-NextHop
    // Front mode (extensions: off in XMail-compatible mode).
    bool localDeliveryToNextHop = false; // XMF-LocalDelivery nexthop (default maildir)
    QString nextHopAuth;                 // XMF-NextHopAuth "user:password"
    QString nextHopTls;                  // XMF-NextHopTLS may | verify | off (lower case)

    // xmflow's extensions: 0/false in XMail-compatible mode.
    int defaultDelay = 0;      // XMF-DefaultDelay
    bool delayAtMail = false;  // XMF-DelayStart mail
    int greetPause = 0;        // XMF-GreetPause
    qint64 greetPassTtl = 0;   // XMF-GreetPassTTL (read in both modes)
    int maxSessionsPerIp = 0;  // XMF-MaxSessionsPerIP: a safety limit, read in both modes
    GreylistSettings greylist; // XMF-Greylist*: enabled only outside XMail-compatible mode
    // PTR domains never greylisted: XMF-GreylistWhitelist's, then xmflow-greylist-whitelist.tab's.
    QList<GreylistWhitelistEntry> greylistWhitelist;
    QString stateStore; // XMF-StateStore: "" (SQLite in the MailRoot) or redis://...

    static PolicySettings read(const model::MailRoot &root, bool xmailCompat);
    // The first whitelist entry whose domain holds ptrName, or nullptr.
    const GreylistWhitelistEntry *greylistWhitelistMatch(const QString &ptrName) const;
};

// Why a client skips greylisting: "PTR mail.google.com is in xmflow-greylist-whitelist.tab:3 (google.com)".
model::LocalizedText greylistWhitelistReason(const QString &ptrName, const GreylistWhitelistEntry &entry);

// A CustMapsList root as DNS answers are keyed: trimmed, lower-case, no trailing dot.
QString normalizedMapRoot(QString root);
// XMail's reading of CustMapsList: "root:code,root:code,...".
QList<DnsMapSetting> parseMapsList(const QString &value);

} // namespace xmflow::engine

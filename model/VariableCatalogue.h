#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace xmflow::model {

// The kind of value a server.tab variable holds; editors and lint use it.
enum class VariableType {
    String,     // free text
    Integer,    // whole number
    Boolean,    // 0 or 1
    Seconds,    // a duration in seconds
    DropCode,   // XMail code: >0 drop, 0 AUTH only, <0 delay |N| s
    Domain,     // a host or domain name
    Address,    // an e-mail address
    HostList,   // comma/semicolon separated hosts (e.g. gateways)
    OptionList, // comma separated option names (e.g. SmtpConfig)
    SmtpReply,  // a full SMTP reply line, code first ("550 ...")
    MapList,    // CustMapsList: root:code,root:code,...
    Path,       // a file or folder
};

// Which part of the configuration a variable belongs to, for grouping in the GUI.
enum class VariableGroup {
    General,
    SmtpPolicy,   // connect-time checks: ipmap drop code, RDNS, maps, messages
    SmtpSession,  // session behaviour: timeouts, limits, auth, TLS
    Delivery,     // spooling, gateways, retries, bounces
    Pop3,
    Dns,
    Logging,
    Extension,    // xmflow's XMF- variables
};

struct VariableInfo {
    QString name;          // exact spelling as in XMail's documentation
    VariableType type;
    QString defaultValue;  // XMail's default when unset ("" when none)
    VariableGroup group;
    QString summaryEn;     // one line, our own words
    QString summaryJa;     // one line, natural Japanese used by XMail admins
    bool isExtension = false; // true for XMF- variables (ignored by plain XMail)
};

// Every server.tab variable documented for XMail 1.27, plus xmflow's XMF- extensions.
class VariableCatalogue
{
public:
    static const QList<VariableInfo> &all();
    // Case-sensitive, as XMail looks variables up; nullptr when unknown.
    static const VariableInfo *find(QStringView name);
    static QString groupTitleEn(VariableGroup group);
    static QString groupTitleJa(VariableGroup group);
};

} // namespace xmflow::model

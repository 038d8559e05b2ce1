#pragma once

#include "Diagnostic.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace xmflow::engine {

using model::LocalizedText;

// Stage ids shared by the pipeline's trace and the flowchart's nodes.
namespace StageIds {
inline const QString Connect = QStringLiteral("connect");
inline const QString GreetPause = QStringLiteral("greet-pause"); // XMF-GreetPause
inline const QString IpProp = QStringLiteral("ipprop");
inline const QString HnProp = QStringLiteral("hnprop");
inline const QString IpMap = QStringLiteral("ipmap");
inline const QString Spammers = QStringLiteral("spammers");
inline const QString DnsMaps = QStringLiteral("dnsmaps");
inline const QString RDns = QStringLiteral("rdns");
inline const QString DefaultDelay = QStringLiteral("default-delay"); // XMF-DefaultDelay
inline const QString Banner = QStringLiteral("banner");
inline const QString CommandDelay = QStringLiteral("command-delay");
inline const QString Auth = QStringLiteral("auth");
inline const QString MailFrom = QStringLiteral("mail-from");
inline const QString RcptTo = QStringLiteral("rcpt-to");
inline const QString Greylist = QStringLiteral("greylist"); // XMF-Greylist
inline const QString Data = QStringLiteral("data");
inline const QString Drop = QStringLiteral("drop");           // terminal: connection closed
inline const QString Delivered = QStringLiteral("delivered"); // terminal: message accepted
} // namespace StageIds

// Exit ids of the stages: the edge a trace entry took out of its stage.
namespace ExitIds {
inline const QString Next = QStringLiteral("next");
inline const QString Match = QStringLiteral("match");
inline const QString NoMatch = QStringLiteral("no-match");
inline const QString Whitelisted = QStringLiteral("whitelisted");
inline const QString Allow = QStringLiteral("allow");
inline const QString Drop = QStringLiteral("drop");
inline const QString AuthOnly = QStringLiteral("auth-only");
inline const QString Delay = QStringLiteral("delay");
inline const QString Pause = QStringLiteral("pause");
inline const QString Early = QStringLiteral("early");
inline const QString Skipped = QStringLiteral("skipped");
inline const QString Banner = QStringLiteral("banner");
inline const QString Authenticated = QStringLiteral("authenticated");
inline const QString Unauthenticated = QStringLiteral("unauthenticated");
inline const QString Accept = QStringLiteral("accept");
inline const QString Refuse = QStringLiteral("refuse");
inline const QString Greylisted = QStringLiteral("greylisted");
} // namespace ExitIds

// What an XMail drop code does (spammers.tab code=, SMTP-IpMapDropCode, CustMapsList):
// >0 drop, 0 AUTH only, <0 delay |code| s. The one wording the engine and the GUI show.
LocalizedText codeMeaning(int code);

enum class StageShape { Terminal, Process, Decision };

struct StageExit {
    QString id;          // e.g. "match", "no-match", "drop", "delay"
    LocalizedText label; // shown on the edge
    QString target;      // stage id the exit leads to
};

// One step of XMail's evaluation order as data: the flowchart is drawn from this
// list, and the pipeline reports its trace with the same ids.
struct StageInfo {
    QString id;
    StageShape shape = StageShape::Process;
    LocalizedText title;
    LocalizedText description; // tooltip: what XMail does here
    QStringList sources;       // table files and server.tab variables behind the stage
    QList<StageExit> exits;
    bool isExtension = false; // an XMF- stage, absent from plain XMail
    bool atConnect = true;    // evaluated once at connect (false: during the session)
};

const QList<StageInfo> &stageList();
const StageInfo *findStage(const QString &id);

} // namespace xmflow::engine

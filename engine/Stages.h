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
inline const QString GreetPause = QStringLiteral("greet-pause");     // XMF-GreetPause
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
inline const QString Data = QStringLiteral("data");
inline const QString Drop = QStringLiteral("drop");         // terminal: connection closed
inline const QString Delivered = QStringLiteral("delivered"); // terminal: message accepted
} // namespace StageIds

enum class StageShape { Terminal, Process, Decision };

struct StageExit {
    QString id;           // e.g. "match", "no-match", "drop", "delay"
    LocalizedText label;  // shown on the edge
    QString target;       // stage id the exit leads to
};

// One step of XMail's evaluation order as data: the flowchart is drawn from this
// list, and the pipeline reports its trace with the same ids.
struct StageInfo {
    QString id;
    StageShape shape = StageShape::Process;
    LocalizedText title;
    LocalizedText description;  // tooltip: what XMail does here
    QStringList sources;        // table files and server.tab variables behind the stage
    QList<StageExit> exits;
    bool isExtension = false;   // an XMF- stage, absent from plain XMail
    bool atConnect = true;      // evaluated once at connect (false: during the session)
};

const QList<StageInfo> &stageList();
const StageInfo *findStage(const QString &id);

} // namespace xmflow::engine

#pragma once

#include "Policy.h"

#include <QList>
#include <QString>

namespace xmflow::engine {

// One line of what a MailRoot does at a stage, with the rule it comes from.
struct StageSummaryLine {
    LocalizedText text;
    QString file;  // table file or "server.tab" ("" when the line names no rule)
    int line = 0;  // 1-based, 0 when none
};

// What the current configuration does at one stage of the pipeline, e.g.
// "spammers.tab: 3 lines" then "0.0.0.0/0 → delay 30 s (line 10)". The
// flowchart shows it on the stage's node; it never reads the tables itself.
struct StageSummary {
    QString stage;                  // a StageIds value
    QList<StageSummaryLine> lines;  // first line: the headline
    bool active = false;            // the configuration does something here
    QString openFile;               // the table behind the stage ("" when none)
    QString openVariable;           // or the server.tab variable behind it
    int openLine = 0;               // where to open openFile (0: the table as a whole)
};

// At most this many rules of a table are listed, then "… N more".
inline constexpr int kSummaryRulesShown = 3;

StageSummary summarizeStage(const Policy &policy, const QString &stageId);
// One summary per engine stage, in stageList() order.
QList<StageSummary> summarizeStages(const Policy &policy);

} // namespace xmflow::engine

#pragma once

#include "Simulator.h"

#include <QList>
#include <QString>

namespace xmflow::engine {

// One stage a simulated session went through.
struct StagePathStep {
    QString stage;        // a StageIds value
    QString exit;         // the StageExit id taken ("" at a terminal)
    TraceOutcome outcome = TraceOutcome::NoMatch;
    LocalizedText effect; // what happened there
    QString file;         // the deciding rule ("" when none)
    int line = 0;
    int delaySeconds = 0;
};

// The walk of one simulation through stageList(): Connect, the connect-time
// trace (its entries unchanged, in order), the session stages the transcript
// reached, and the terminal it ended in. Extension stages the trace does not
// mention (plain XMail mode, or not configured) are passed through as
// NotConfigured so the path stays connected; an exit that is not one of the
// stage's own (e.g. "skipped") is replaced by the exit leading to the next stage.
QList<StagePathStep> stagePath(const SimulationResult &result, const PolicyOptions &options);

} // namespace xmflow::engine

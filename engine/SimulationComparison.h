#pragma once

#include "Simulator.h"

#include <QList>

#include <memory>

namespace xmflow::engine {

// One session of the comparison.
struct ComparisonRun {
    bool xmailCompat = false;   // XMail 1.27's rules, or with the XMF- extensions
    bool authenticated = false; // the client runs the auth script
    SimulationResult result;
};

// The comparison the simulator shows beside a run: XMail 1.27 against the
// extensions, each with the client's script without AUTH and with the auth script.
struct SimulationComparison {
    QList<ComparisonRun> runs; // XMail 1.27 first, then the extensions; without AUTH first

    // `script` is the script the user chose ("auth" stands for itself in the
    // authenticated runs and becomes "plain" in the others).
    static SimulationComparison run(const std::shared_ptr<const Policy> &xmailPolicy,
                                    const std::shared_ptr<const Policy> &extensionPolicy,
                                    const SimulationRequest &base, const QString &script);

    const ComparisonRun *find(bool xmailCompat, bool authenticated) const;
};

} // namespace xmflow::engine

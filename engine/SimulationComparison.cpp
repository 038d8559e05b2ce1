#include "SimulationComparison.h"

namespace xmflow::engine {

namespace {
const QString kAuthScript = QStringLiteral("auth");
const QString kPlainScript = QStringLiteral("plain");
} // namespace

SimulationComparison SimulationComparison::run(const std::shared_ptr<const Policy> &xmailPolicy,
                                               const std::shared_ptr<const Policy> &extensionPolicy,
                                               const SimulationRequest &base, const QString &script)
{
    SimulationRequest unauthenticated = base;
    unauthenticated.script = script == kAuthScript ? kPlainScript : script;
    SimulationRequest authenticated = base;
    authenticated.script = kAuthScript;
    SimulationComparison comparison;
    for (const bool xmailCompat : {true, false}) {
        const auto &policy = xmailCompat ? xmailPolicy : extensionPolicy;
        comparison.runs << ComparisonRun{xmailCompat, false, Simulator::run(policy, unauthenticated)}
                        << ComparisonRun{xmailCompat, true, Simulator::run(policy, authenticated)};
    }
    return comparison;
}

const ComparisonRun *SimulationComparison::find(bool xmailCompat, bool authenticated) const
{
    for (const ComparisonRun &run : runs)
        if (run.xmailCompat == xmailCompat && run.authenticated == authenticated)
            return &run;
    return nullptr;
}

} // namespace xmflow::engine

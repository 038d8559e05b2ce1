#include "BatchSimulator.h"

#include "Simulator.h"
#include "Stages.h"

#include <QElapsedTimer>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace xmflow::gui {

using engine::ConnectVerdict;
using engine::SimulationRequest;
using engine::SimulationResult;
using engine::Simulator;
using engine::TraceEntry;
namespace StageIds = engine::StageIds;
namespace ExitIds = engine::ExitIds;

namespace {

constexpr int kChunkSize = 512;
constexpr qint64 kChunkMilliseconds = 150;

const TraceEntry *findEntry(const ConnectVerdict &verdict,
                            const std::function<bool(const TraceEntry &)> &test)
{
    for (const TraceEntry &entry : verdict.trace)
        if (test(entry))
            return &entry;
    return nullptr;
}

// The trace entry behind the decision: the stage whose exit produced it.
const TraceEntry *decidingEntry(const ConnectVerdict &verdict, BatchDecision decision)
{
    switch (decision) {
    case BatchDecision::Drop:
        return findEntry(verdict, [](const TraceEntry &e) { return e.exit == ExitIds::Drop; });
    case BatchDecision::Reject: {
        // The flags MAIL FROM enforces (the ipmap "ipmapped" flag never is, in XMail 1.27).
        QString stage;
        if (verdict.blocked)
            stage = StageIds::Spammers;
        else if (verdict.mapped)
            stage = StageIds::DnsMaps;
        else if (verdict.noRdns)
            stage = StageIds::RDns;
        if (stage.isEmpty())
            return nullptr;
        return findEntry(verdict, [&stage](const TraceEntry &e) {
            return e.stage == stage && e.exit == ExitIds::AuthOnly;
        });
    }
    case BatchDecision::Delay:
        // Delays combine by maximum: the first stage asking for the session's delay.
        return findEntry(verdict, [&verdict](const TraceEntry &e) {
            return e.exit == ExitIds::Delay && e.delaySeconds == verdict.delaySeconds;
        });
    case BatchDecision::Accept:
        return findEntry(verdict, [](const TraceEntry &e) { return e.exit == ExitIds::Whitelisted; });
    }
    return nullptr;
}

} // namespace

BatchSimulator::BatchSimulator(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::resultsReadyAt, this, [this](int begin, int end) {
        QList<BatchResult> results;
        for (int i = begin; i < end; ++i)
            results += m_watcher.resultAt(i);
        emit resultsReady(results);
    });
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this,
            [this](int done) { emit progress(done, m_total); });
    connect(&m_watcher, &QFutureWatcherBase::finished, this,
            [this] { emit finished(m_watcher.isCanceled()); });
}

BatchSimulator::~BatchSimulator()
{
    cancel();
    waitForFinished();
}

engine::PolicyOptions BatchSimulator::policyOptions(const BatchOptions &options)
{
    engine::PolicyOptions policyOptions;
    policyOptions.xmailCompat = options.xmailCompat;
    return policyOptions;
}

BatchResult BatchSimulator::simulate(const std::shared_ptr<const engine::Policy> &policy,
                                     const BatchEntry &entry, const BatchOptions &options)
{
    // The request `xmflowd simulate` builds from the same options (app/xmflowd/Simulate.cpp).
    SimulationRequest request;
    request.peer = entry.address;
    request.local = options.local;
    engine::AssumedDns assumed{options.assumeListed, options.assumeRdns};
    if (assumed.isEmpty() && engine::needsDnsAnswers(*policy, request.peer))
        assumed.ptrName = QString(); // no live DNS for a batch: "not listed, no PTR", as --assume-rdns none
    engine::applyAssumedDns(request, assumed);

    BatchResult result;
    result.address = entry.text;
    result.count = entry.count;

    request.script = QStringLiteral("plain");
    const SimulationResult plain = Simulator::run(policy, request);
    const ConnectVerdict &verdict = plain.verdict;
    result.plainSeconds = plain.totalSeconds;
    result.delaySeconds = verdict.delaySeconds;

    int mailCode = 0;
    for (const engine::SimulationStep &step : plain.steps)
        if (step.step == QLatin1String("MAIL FROM"))
            mailCode = step.code;
    if (verdict.drop) {
        result.decision = BatchDecision::Drop;
        result.code = verdict.dropCode;
    } else if (mailCode >= 400) {
        result.decision = BatchDecision::Reject;
        result.code = mailCode;
    } else if (verdict.delaySeconds > 0) {
        result.decision = BatchDecision::Delay;
    }
    if (const TraceEntry *entryBehind = decidingEntry(verdict, result.decision)) {
        result.ruleFile = entryBehind->file;
        result.ruleLine = entryBehind->line;
        result.ruleText = entryBehind->lineText;
    } else if (result.decision == BatchDecision::Reject && verdict.listener.mailAuth) {
        result.ruleFile = QStringLiteral("server.tab");
        result.ruleText = verdict.listener.sourceVariable;
    }

    if (options.withAuth) {
        request.script = QStringLiteral("auth");
        request.user = options.user;
        request.password = options.password;
        const SimulationResult auth = Simulator::run(policy, request);
        result.authSeconds = auth.totalSeconds;
        result.authSucceeded = auth.authenticated;
        for (const engine::SimulationStep &step : auth.steps)
            if (step.step == QLatin1String("AUTH") && step.code >= 400)
                result.authRefused = true;
    }
    return result;
}

void BatchSimulator::start(std::shared_ptr<const engine::Policy> policy, QList<BatchEntry> entries,
                           BatchOptions options)
{
    cancel();
    waitForFinished();
    m_total = int(entries.size());
    m_watcher.setFuture(
        QtConcurrent::run([policy = std::move(policy), entries = std::move(entries),
                           options = std::move(options)](QPromise<QList<BatchResult>> &promise) {
            promise.setProgressRange(0, int(entries.size()));
            QList<BatchResult> chunk;
            QElapsedTimer sinceFlush;
            sinceFlush.start();
            for (qsizetype i = 0; i < entries.size(); ++i) {
                if (promise.isCanceled())
                    return;
                chunk.append(simulate(policy, entries.at(i), options));
                if (chunk.size() >= kChunkSize || sinceFlush.elapsed() >= kChunkMilliseconds) {
                    promise.addResult(std::move(chunk));
                    chunk = {};
                    promise.setProgressValue(int(i + 1));
                    sinceFlush.restart();
                }
            }
            if (!chunk.isEmpty())
                promise.addResult(std::move(chunk));
            promise.setProgressValue(int(entries.size()));
        }));
}

void BatchSimulator::cancel()
{
    if (m_watcher.isRunning())
        m_watcher.cancel();
}

bool BatchSimulator::isRunning() const
{
    return m_watcher.isRunning();
}

void BatchSimulator::waitForFinished()
{
    m_watcher.waitForFinished();
}

} // namespace xmflow::gui

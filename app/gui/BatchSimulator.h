#pragma once

#include "BatchInput.h"
#include "Policy.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>
#include <optional>

namespace xmflow::gui {

struct BatchOptions {
    bool xmailCompat = false;    // ignore every XMF- extension (a plain XMail 1.27)
    bool withAuth = true;        // also run the "auth" script for every address
    QString user = QStringLiteral("alice@example.test");
    QString password = QStringLiteral("wonderland");
    engine::Endpoint local = {model::IpAddress::fromV4(0x7f000001), 25}; // as `xmflowd simulate`
    // DNS what-ifs, as simulate's --assume-listed / --assume-rdns. Without them a
    // MailRoot that needs DNS is simulated as "not listed, no PTR" (no query is sent).
    QStringList assumeListed;
    std::optional<QString> assumeRdns; // "" = no PTR record
};

enum class BatchDecision { Accept, Delay, Reject, Drop };

// The outcome for one address: the connect-time verdict and the transcripts of
// a plain and (optionally) an authenticated session, from engine::Simulator.
struct BatchResult {
    QString address;
    int count = 0;
    BatchDecision decision = BatchDecision::Accept;
    int code = 0;              // Drop: the reply before closing; Reject: MAIL FROM's reply
    int delaySeconds = 0;      // per-command delay of the verdict
    QString ruleFile;          // the rule behind the decision ("" when no rule decided)
    int ruleLine = 0;
    QString ruleText;
    qint64 plainSeconds = 0;   // seconds a plain (unauthenticated) session spends waiting
    std::optional<qint64> authSeconds; // the same for the "auth" script
    bool authSucceeded = false;
    bool authRefused = false;  // the AUTH command got an error (not: never reached, e.g. dropped)
    QString rule() const { return ruleLine > 0 ? ruleFile + QLatin1Char(':') + QString::number(ruleLine) : ruleFile; }
};

// Runs engine::Simulator over many addresses on a worker thread, in chunks, so
// the window stays responsive; progress, cancel and partial results as it goes.
class BatchSimulator : public QObject
{
    Q_OBJECT
public:
    explicit BatchSimulator(QObject *parent = nullptr);
    ~BatchSimulator() override;

    // The whole computation for one address (what the worker runs).
    static BatchResult simulate(const std::shared_ptr<const engine::Policy> &policy, const BatchEntry &entry,
                                const BatchOptions &options);
    static engine::PolicyOptions policyOptions(const BatchOptions &options);

    void start(std::shared_ptr<const engine::Policy> policy, QList<BatchEntry> entries, BatchOptions options);
    void cancel();
    bool isRunning() const;
    // Blocks until the worker has stopped (used when the window closes).
    void waitForFinished();

signals:
    void resultsReady(const QList<xmflow::gui::BatchResult> &results);
    void progress(int done, int total);
    void finished(bool canceled);

private:
    QFutureWatcher<QList<BatchResult>> m_watcher;
    int m_total = 0;
};

} // namespace xmflow::gui

// Every measured XMail 1.27 session of conformance/ replayed against a running
// `xmflowd serve`, from the case's own 127.x source address. Codes must match and
// delays must be within ±1 s. All scenarios run at once (one daemon each) so the
// real delays overlap.

#include "ConformanceScripts.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QStandardPaths>

#include <mutex>
#include <thread>

using namespace xmflow::daemontest;

namespace {

struct ScenarioRun {
    QString scenario;
    QString mailRoot;
    std::unique_ptr<DaemonProcess> daemon;
    QList<ConformanceCase> cases;
};

// dnsmasq standing in for the DNSBLs and PTR records of the DNS scenarios, as
// the measurement did (127.0.0.153:53, named in the scenarios' SmartDNSHost).
class DnsMasq
{
public:
    bool start(const QStringList &scenarioNames, QString *why)
    {
        const QString program = QStandardPaths::findExecutable(QStringLiteral("dnsmasq"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin"), QStringLiteral("/sbin")});
        if (program.isEmpty()) {
            *why = QStringLiteral("dnsmasq is not installed");
            return false;
        }
        QStringList args{QStringLiteral("--keep-in-foreground"), QStringLiteral("--no-resolv"), QStringLiteral("--no-hosts"),
                         QStringLiteral("--bind-interfaces"), QStringLiteral("--listen-address=127.0.0.153"),
                         QStringLiteral("--port=53"), QStringLiteral("--pid-file="), QStringLiteral("--user=root"),
                         QStringLiteral("--log-facility=-")};
        for (const QString &s : scenarioNames) {
            const QByteArray text = readFile(QDir(conformanceDir()).filePath(s + QStringLiteral("/dnsmasq.args")));
            for (const QByteArray &line : text.split('\n'))
                if (!line.trimmed().isEmpty())
                    args << QString::fromUtf8(line.trimmed());
        }
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(program, args);
        if (!m_process.waitForStarted(5000)) {
            *why = QStringLiteral("dnsmasq does not start");
            return false;
        }
        if (m_process.waitForFinished(700)) {
            *why = QStringLiteral("dnsmasq exited (127.0.0.153:53 busy or not permitted): ") + QString::fromUtf8(m_process.readAll());
            return false;
        }
        return true;
    }
    ~DnsMasq()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            m_process.waitForFinished(3000);
        }
    }

private:
    QProcess m_process;
};

void runScenarios(const QStringList &names)
{
    QTemporaryDir work;
    ASSERT_TRUE(work.isValid());
    std::vector<ScenarioRun> runs;
    for (const QString &name : names) {
        ScenarioRun run;
        run.scenario = name;
        run.mailRoot = QDir(work.path()).filePath(name);
        ASSERT_TRUE(makeScenarioMailRoot(name, run.mailRoot)) << name.toStdString();
        run.cases = loadCases(name);
        ASSERT_FALSE(run.cases.isEmpty()) << name.toStdString();
        run.daemon = std::make_unique<DaemonProcess>(run.mailRoot, work.path() + QLatin1Char('/') + name);
        QDir().mkpath(work.path() + QLatin1Char('/') + name);
        ASSERT_TRUE(run.daemon->start({QStringLiteral("--xmail-compat")}))
            << name.toStdString() << ": " << run.daemon->stderrText().toStdString();
        runs.push_back(std::move(run));
    }

    std::mutex mutex;
    QStringList failures;
    int played = 0;
    std::vector<std::thread> threads;
    for (const ScenarioRun &run : runs) {
        for (const ConformanceCase &c : run.cases) {
            const quint16 port = run.daemon->port();
            threads.emplace_back([&, c, port] {
                QString error;
                const QList<Step> steps = playScript(port, c.peer, c.script, &error);
                const QString problem = error.isEmpty() ? compareSteps(c.expect, steps) : error;
                std::lock_guard<std::mutex> lock(mutex);
                ++played;
                if (!problem.isEmpty())
                    failures << c.name() + QStringLiteral(": ") + problem;
            });
        }
    }
    for (std::thread &t : threads)
        t.join();
    for (ScenarioRun &run : runs)
        EXPECT_EQ(run.daemon->stop(), 0) << run.scenario.toStdString() << run.daemon->stderrText().toStdString();
    for (const QString &f : std::as_const(failures))
        ADD_FAILURE() << f.toStdString();
    EXPECT_GT(played, 0);
    std::printf("replayed %d conformance case(s) of %d scenario(s), %d mismatch(es)\n", played, int(names.size()),
                int(failures.size()));
}

bool isDnsScenario(const QString &name)
{
    return QFileInfo::exists(QDir(conformanceDir()).filePath(name + QStringLiteral("/dnsmasq.args")));
}

} // namespace

TEST(LiveConformance, EveryNonDnsCaseMatchesXMail)
{
    QStringList names;
    for (const QString &s : scenarios())
        if (!isDnsScenario(s))
            names << s;
    ASSERT_FALSE(names.isEmpty());
    runScenarios(names);
}

TEST(LiveConformance, DnsScenariosWithDnsmasq)
{
    QStringList names;
    for (const QString &s : scenarios())
        if (isDnsScenario(s))
            names << s;
    if (names.isEmpty())
        GTEST_SKIP() << "no DNS scenario";
    DnsMasq dns;
    QString why;
    if (!dns.start(names, &why))
        FAIL() << "DNS scenarios need dnsmasq (Debian dnsmasq-base) on 127.0.0.153:53: " << why.toStdString();
    runScenarios(names);
}

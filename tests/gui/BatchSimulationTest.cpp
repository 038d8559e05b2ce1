// Batch simulation: the address list and smtp log readers, the panel's results
// against the real `xmflowd simulate --json`, the summary chart and CSV export.

#include "BatchInput.h"
#include "BatchResultsModel.h"
#include "BatchSimulationPanel.h"
#include "ConformanceCases.h"
#include "GuiTestSupport.h"
#include "MailRootDocument.h"
#include "QCustomPlotSupport.h"
#include "SmtpLog.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <map>

using namespace xmflow;
using namespace xmflow::gui;

namespace {

struct SimulateArgs {
    QString mailRoot;
    QString peer;
    QString script = QStringLiteral("plain");
    bool compat = false;
    QStringList listed;
    QString rdns; // "" = no --assume-rdns
};

// `xmflowd simulate --json`, the real binary.
QJsonObject simulateWithDaemonBinary(const SimulateArgs &a)
{
    QStringList args{QStringLiteral("simulate"), QStringLiteral("--mailroot"), a.mailRoot, QStringLiteral("--peer"), a.peer,
                     QStringLiteral("--script"), a.script, QStringLiteral("--json")};
    if (a.compat)
        args << QStringLiteral("--xmail-compat");
    for (const QString &root : a.listed)
        args << QStringLiteral("--assume-listed") << root;
    if (!a.rdns.isEmpty())
        args << QStringLiteral("--assume-rdns") << a.rdns;
    QProcess process;
    process.start(QStringLiteral(XMFLOWD_PATH), args);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        ADD_FAILURE() << "xmflowd simulate failed: " << process.readAllStandardError().toStdString();
        return {};
    }
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

bool waitForBatch(BatchSimulationPanel &panel, QSignalSpy &spy)
{
    if (!panel.isRunning())
        return spy.count() > 0;
    return spy.count() > 0 || spy.wait(120000);
}

QString steppedCode(const QJsonObject &result, const QString &stepName)
{
    for (const QJsonValue &v : result.value(QStringLiteral("steps")).toArray())
        if (v.toObject().value(QStringLiteral("step")).toString() == stepName)
            return QString::number(v.toObject().value(QStringLiteral("code")).toInt());
    return QString();
}

// The table line in a MailRoot file that contains `needle` (1-based), for expected rules.
int lineContaining(const QString &path, const QString &needle)
{
    const QStringList lines = QString::fromUtf8(test::readBytes(path)).split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i)
        if (lines.at(i).contains(needle) && !lines.at(i).startsWith(QLatin1Char('#')))
            return int(i + 1);
    return 0;
}

class BatchSimulation : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        ASSERT_TRUE(test::copyTree(test::sampleDir(), dir.path()));
        ASSERT_TRUE(document.open(dir.path()));
    }
    QTemporaryDir dir;
    MailRootDocument document;
};

} // namespace

TEST(BatchInputTest, PastedListSkipsBlanksAndCommentsAndReportsBadLinesWithTheirNumbers)
{
    const QString text = QStringLiteral("# clients seen today\n"
                                        "203.0.113.7\n"
                                        "\n"
                                        "  198.51.100.20   # a comment after the address\n"
                                        "not-an-ip\n"
                                        "203.0.113.7\n"
                                        "2001:db8::1\n"
                                        "10.0.0.300\n"
                                        "203.0.113.7\n");
    const BatchAddresses input = BatchInput::parseAddressList(text);
    ASSERT_EQ(input.entries.size(), 3);
    EXPECT_EQ(input.entries.at(0).text, QStringLiteral("203.0.113.7"));
    EXPECT_EQ(input.entries.at(0).count, 3);
    EXPECT_EQ(input.entries.at(1).text, QStringLiteral("198.51.100.20"));
    EXPECT_EQ(input.entries.at(1).count, 1);
    EXPECT_EQ(input.entries.at(2).text, QStringLiteral("2001:db8::1"));
    EXPECT_EQ(input.addressesRead, 5);
    EXPECT_EQ(input.linesRead, 9);
    ASSERT_EQ(input.problems.size(), 2);
    EXPECT_EQ(input.problems.at(0).line, 5);
    EXPECT_EQ(input.problems.at(0).text, QStringLiteral("not-an-ip"));
    EXPECT_EQ(input.problems.at(1).line, 8);
    EXPECT_EQ(BatchInput::describe(input.problems.at(0)), QStringLiteral("line 5: 'not-an-ip' is not an IP address"));
}

TEST(BatchInputTest, SmtpLogPeersAreCountedAcrossFilesAndBadRecordsAreReported)
{
    QTemporaryDir logs;
    ASSERT_TRUE(logs.isValid());
    const QDateTime when(QDate(2024, 1, 2), QTime(3, 4, 5));
    auto record = [&](const QString &peer, const QString &status) {
        daemon::SmtpLogRecord r;
        r.serverFqdn = QStringLiteral("mail.example.test");
        r.serverDomain = QStringLiteral("example.test");
        r.peer = peer;
        r.helo = QStringLiteral("client.remote.test");
        r.sender = QStringLiteral("sender@remote.test");
        r.recipient = QStringLiteral("alice@example.test");
        r.destinationDomain = QStringLiteral("example.test");
        r.status = status;
        return daemon::SmtpLog::format(r, when);
    };
    QByteArray first = record(QStringLiteral("203.0.113.7"), QStringLiteral("RCPT=OK"));
    first += record(QStringLiteral("198.51.100.20"), QStringLiteral("SNDRIP=EIPSPAM"));
    first += "\"mail.example.test\"\t\"example.test\"\t\"203.0.113.7\"\t\"2024-01-02 03:04:05\"\n"; // 4 fields only
    first += record(QStringLiteral("203.0.113.7"), QStringLiteral("RECV=OK"));
    first += "\r\n";
    // A tab inside the HELO field (XMail does not escape) still leaves the peer in place.
    first += "\"a\"\t\"b\"\t\"192.0.2.1\"\t\"2024-01-02 03:04:05\"\t\"he\tlo\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"RCPT=OK\"\t\"\"\t\"0\"\t\"\"\n";
    test::writeBytes(logs.filePath(QStringLiteral("smtp-202401020000")), first);
    QByteArray second = record(QStringLiteral("198.51.100.20"), QStringLiteral("RCPT=OK"));
    second += record(QStringLiteral("not.an.address"), QStringLiteral("RCPT=OK"));
    test::writeBytes(logs.filePath(QStringLiteral("smtp-202401030000")), second);

    const BatchAddresses input = BatchInput::parseSmtpLogs(
        {logs.filePath(QStringLiteral("smtp-202401020000")), logs.filePath(QStringLiteral("smtp-202401030000")),
         logs.filePath(QStringLiteral("smtp-missing"))});
    std::map<QString, int> counts;
    QStringList order;
    for (const BatchEntry &e : input.entries) {
        counts[e.text] = e.count;
        order << e.text;
    }
    EXPECT_EQ(order, (QStringList{QStringLiteral("203.0.113.7"), QStringLiteral("198.51.100.20"), QStringLiteral("192.0.2.1")}));
    EXPECT_EQ(counts[QStringLiteral("203.0.113.7")], 2);
    EXPECT_EQ(counts[QStringLiteral("198.51.100.20")], 2);
    EXPECT_EQ(counts[QStringLiteral("192.0.2.1")], 1);
    EXPECT_EQ(input.addressesRead, 5);

    QStringList problems;
    for (const BatchInputProblem &p : input.problems)
        problems << BatchInput::describe(p);
    ASSERT_EQ(problems.size(), 3) << problems.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(problems.at(0).startsWith(QStringLiteral("smtp-202401020000:3: not an XMail smtp log record"))) << problems.at(0).toStdString();
    EXPECT_TRUE(problems.at(1).startsWith(QStringLiteral("smtp-202401030000:2: the peer field \"not.an.address\""))) << problems.at(1).toStdString();
    EXPECT_TRUE(problems.at(2).startsWith(QStringLiteral("smtp-missing: cannot be read"))) << problems.at(2).toStdString();
}

TEST_F(BatchSimulation, PanelReportsBadLinesAndSimulatesTheRest)
{
    BatchSimulationPanel panel(&document);
    QAbstractItemModelTester tester(panel.resultsModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy finished(&panel, &BatchSimulationPanel::finished);
    panel.setAddressText(QStringLiteral("203.0.113.7\nbogus line\n\n192.168.1.5\n"));
    ASSERT_TRUE(panel.simulateAddressList());
    ASSERT_TRUE(waitForBatch(panel, finished));
    EXPECT_FALSE(finished.first().at(0).toBool());
    EXPECT_EQ(panel.problemTexts(), QStringList{QStringLiteral("line 2: 'bogus line' is not an IP address")});
    ASSERT_EQ(panel.resultsModel()->rowCount(), 2);
    EXPECT_EQ(panel.resultsModel()->result(0).address, QStringLiteral("203.0.113.7"));
    EXPECT_EQ(panel.resultsModel()->result(1).address, QStringLiteral("192.168.1.5"));
    EXPECT_TRUE(panel.statusText().contains(QStringLiteral("2 addresses"))) << panel.statusText().toStdString();

    // A wrong password: the AUTH session says so, a dropped one does not pretend it tried.
    BatchOptions options = panel.options();
    options.password = QStringLiteral("not-the-password");
    panel.setOptions(options);
    panel.setAddressText(QStringLiteral("203.0.113.7\n203.0.113.66\n"));
    finished.clear();
    ASSERT_TRUE(panel.simulateAddressList());
    ASSERT_TRUE(waitForBatch(panel, finished));
    ASSERT_EQ(panel.resultsModel()->rowCount(), 2);
    const QAbstractItemModel *model = panel.resultsModel();
    EXPECT_TRUE(model->index(0, BatchResultsModel::AuthColumn).data().toString().endsWith(QStringLiteral("s (AUTH failed)")));
    EXPECT_FALSE(panel.resultsModel()->result(0).authSucceeded);
    EXPECT_EQ(model->index(1, BatchResultsModel::AuthColumn).data().toString(), QStringLiteral("0 s"));

    // Nothing usable: a clear message, no run.
    panel.setAddressText(QStringLiteral("# only a comment\nnope\n"));
    EXPECT_FALSE(panel.simulateAddressList());
    EXPECT_EQ(panel.resultsModel()->rowCount(), 0);
    EXPECT_EQ(panel.statusText(), QStringLiteral("No IP address to simulate."));
    EXPECT_EQ(panel.problemTexts().size(), 1);
}

// For every conformance scenario and peer: the batch row says what `xmflowd
// simulate --json` says, for the plain and the authenticated session.
TEST(BatchConformance, ResultsEqualTheDaemonBinarysSimulation)
{
    struct Group {
        QString scenario;
        QStringList listed;
        QString rdns;
        QStringList peers;
    };
    std::vector<Group> groups;
    for (const xmflow::testing::ConformanceCase &c : xmflow::testing::loadConformanceCases()) {
        auto it = std::find_if(groups.begin(), groups.end(), [&](const Group &g) {
            return g.scenario == c.scenario && g.listed == c.assumeListed && g.rdns == c.assumeRdns;
        });
        if (it == groups.end()) {
            groups.push_back({c.scenario, c.assumeListed, c.assumeRdns, {}});
            it = groups.end() - 1;
        }
        if (!it->peers.contains(c.peer))
            it->peers << c.peer;
    }
    ASSERT_GE(groups.size(), 13u);

    QSet<int> decisionsSeen;
    int compared = 0;
    for (const Group &group : groups) {
        SCOPED_TRACE(group.scenario.toStdString());
        QTemporaryDir dir;
        ASSERT_TRUE(xmflow::testing::buildScenarioMailRoot(group.scenario, dir.path()));
        MailRootDocument document;
        ASSERT_TRUE(document.open(dir.path()));
        BatchSimulationPanel panel(&document);
        BatchOptions options;
        options.xmailCompat = true;
        options.withAuth = true;
        options.assumeListed = group.listed;
        if (!group.rdns.isEmpty())
            options.assumeRdns = group.rdns == QLatin1String("none") ? QString() : group.rdns;
        panel.setOptions(options);
        QSignalSpy finished(&panel, &BatchSimulationPanel::finished);
        panel.setAddressText(group.peers.join(QLatin1Char('\n')));
        ASSERT_TRUE(panel.simulateAddressList());
        ASSERT_TRUE(waitForBatch(panel, finished));
        ASSERT_EQ(panel.resultsModel()->rowCount(), group.peers.size());

        for (int row = 0; row < panel.resultsModel()->rowCount(); ++row) {
            const BatchResult &r = panel.resultsModel()->result(row);
            SCOPED_TRACE(r.address.toStdString());
            SimulateArgs args{dir.path(), r.address, QStringLiteral("plain"), true, group.listed, group.rdns};
            const QJsonObject plain = simulateWithDaemonBinary(args);
            args.script = QStringLiteral("auth");
            const QJsonObject auth = simulateWithDaemonBinary(args);
            ASSERT_FALSE(plain.isEmpty());
            ASSERT_FALSE(auth.isEmpty());
            const QJsonObject verdict = plain.value(QStringLiteral("verdict")).toObject();

            // The decision, read from the binary's transcript.
            BatchDecision want = BatchDecision::Accept;
            int wantCode = 0;
            QString wantExit;
            if (verdict.value(QStringLiteral("drop")).toBool()) {
                want = BatchDecision::Drop;
                wantCode = steppedCode(plain, QStringLiteral("banner")).toInt();
                wantExit = QStringLiteral("drop");
            } else if (steppedCode(plain, QStringLiteral("MAIL FROM")).toInt() >= 400) {
                want = BatchDecision::Reject;
                wantCode = steppedCode(plain, QStringLiteral("MAIL FROM")).toInt();
                wantExit = QStringLiteral("auth-only");
            } else if (verdict.value(QStringLiteral("delay")).toInt() > 0) {
                want = BatchDecision::Delay;
                wantExit = QStringLiteral("delay");
            }
            EXPECT_EQ(int(r.decision), int(want));
            EXPECT_EQ(r.code, wantCode);
            EXPECT_EQ(r.delaySeconds, verdict.value(QStringLiteral("delay")).toInt());
            EXPECT_EQ(r.plainSeconds, plain.value(QStringLiteral("total_seconds")).toInteger());
            ASSERT_TRUE(r.authSeconds.has_value());
            EXPECT_EQ(*r.authSeconds, auth.value(QStringLiteral("total_seconds")).toInteger());
            EXPECT_EQ(r.authSucceeded, auth.value(QStringLiteral("authenticated")).toBool());
            EXPECT_EQ(r.authRefused, steppedCode(auth, QStringLiteral("AUTH")).toInt() >= 400);
            EXPECT_EQ(r.count, 1);
            if (!wantExit.isEmpty()) {
                // The deciding rule is one the binary's trace names for that exit.
                QStringList rules;
                for (const QJsonValue &v : plain.value(QStringLiteral("trace")).toArray())
                    if (v.toObject().value(QStringLiteral("exit")).toString() == wantExit)
                        rules << v.toObject().value(QStringLiteral("rule")).toString();
                if (rules.isEmpty()) {
                    // Refused at MAIL FROM by a session check (SmtpConfig MailAuth, spam-address.tab),
                    // which the connect trace does not list: no connect-stage rule may be named.
                    EXPECT_EQ(want, BatchDecision::Reject);
                    EXPECT_TRUE(r.rule().isEmpty() || r.rule().startsWith(QLatin1String("server.tab")))
                        << r.rule().toStdString();
                } else {
                    EXPECT_TRUE(rules.contains(r.rule()))
                        << r.rule().toStdString() << " not in " << rules.join(QLatin1Char(' ')).toStdString();
                }
            }
            decisionsSeen.insert(int(r.decision));
            ++compared;
        }
    }
    EXPECT_GE(compared, 20);
    EXPECT_EQ(decisionsSeen.size(), 4) << "the scenarios cover accept, delay, reject and drop";
}

TEST_F(BatchSimulation, SmtpLogRunCountsConnectionsAndTheChartShowsTheDecisionCounts)
{
    QTemporaryDir logs;
    ASSERT_TRUE(logs.isValid());
    QByteArray log;
    auto line = [](const char *peer, const char *status) -> QByteArray {
        return QByteArray("\"example.test\"\t\"example.test\"\t\"") + peer + "\"\t\"2024-01-02 03:04:05\"\t\"x\"\t\"\"\t\"\"\t\"\"\t\"\"\t\""
               + status + "\"\t\"\"\t\"0\"\t\"\"\n";
    };
    // Sample MailRoot: 203.0.113.66 is dropped, 198.51.100.0/24 needs AUTH,
    // 192.168.0.0/16 is whitelisted, everything else waits 30 s per command.
    for (int i = 0; i < 3; ++i)
        log += line("203.0.113.66", "SNDRIP=EIPSPAM");
    log += line("198.51.100.9", "RCPT=OK");
    log += line("198.51.100.10", "RCPT=OK");
    for (int i = 0; i < 4; ++i)
        log += line("192.168.10.1", "RECV=OK");
    log += line("203.0.113.7", "RCPT=OK");
    log += line("203.0.113.8", "RCPT=OK");
    log += line("203.0.113.8", "RCPT=OK");
    log += "garbage\n";
    test::writeBytes(logs.filePath(QStringLiteral("smtp-202401020000")), log);

    BatchSimulationPanel panel(&document);
    QAbstractItemModelTester tester(panel.resultsModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy finished(&panel, &BatchSimulationPanel::finished);
    ASSERT_TRUE(panel.loadSmtpLogs({logs.filePath(QStringLiteral("smtp-202401020000"))}));
    ASSERT_TRUE(waitForBatch(panel, finished));
    EXPECT_EQ(panel.problemTexts(), QStringList{QStringLiteral("smtp-202401020000:13: not an XMail smtp log record (13 tab-separated fields expected): garbage")});

    const BatchResultsModel *model = panel.resultsModel();
    ASSERT_EQ(model->rowCount(), 6);
    std::map<QString, const BatchResult *> byAddress;
    for (const BatchResult &r : model->results())
        byAddress[r.address] = &r;
    EXPECT_EQ(byAddress.at(QStringLiteral("203.0.113.66"))->count, 3);
    EXPECT_EQ(byAddress.at(QStringLiteral("192.168.10.1"))->count, 4);
    EXPECT_EQ(byAddress.at(QStringLiteral("203.0.113.8"))->count, 2);
    EXPECT_EQ(int(byAddress.at(QStringLiteral("203.0.113.66"))->decision), int(BatchDecision::Drop));
    EXPECT_EQ(int(byAddress.at(QStringLiteral("198.51.100.9"))->decision), int(BatchDecision::Reject));
    EXPECT_EQ(int(byAddress.at(QStringLiteral("192.168.10.1"))->decision), int(BatchDecision::Accept));
    EXPECT_EQ(int(byAddress.at(QStringLiteral("203.0.113.7"))->decision), int(BatchDecision::Delay));

    // The bars: distinct addresses and connections per decision, counted from the rows.
    const QList<BatchDecision> decisions = BatchResultsModel::allDecisions();
    for (qsizetype i = 0; i < decisions.size(); ++i) {
        int addresses = 0;
        int connections = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, BatchResultsModel::DecisionColumn).data(BatchResultsModel::DecisionRole).toInt() == int(decisions.at(i))) {
                ++addresses;
                connections += model->index(row, BatchResultsModel::CountColumn).data().toInt();
            }
        }
        SCOPED_TRACE(BatchResultsModel::decisionKeyword(decisions.at(i)).toStdString());
        const auto addressBar = panel.addressBars()->data()->findBegin(double(i), false);
        const auto connectionBar = panel.connectionBars()->data()->findBegin(double(i), false);
        ASSERT_NE(addressBar, panel.addressBars()->data()->constEnd());
        EXPECT_EQ(addressBar->key, double(i));
        EXPECT_EQ(addressBar->value, double(addresses));
        EXPECT_EQ(connectionBar->value, double(connections));
    }
    EXPECT_EQ(panel.addressBars()->data()->size(), decisions.size());
    // 2 delayed addresses with 3 connections, 2 rejected, 1 dropped (3 connections), 1 accepted (4).
    EXPECT_EQ(model->addressCount(BatchDecision::Delay), 2);
    EXPECT_EQ(model->connectionCount(BatchDecision::Delay), 3);
    EXPECT_EQ(model->connectionCount(BatchDecision::Drop), 3);
    EXPECT_EQ(model->connectionCount(BatchDecision::Accept), 4);
}

TEST_F(BatchSimulation, CsvExportIsExactRfc4180)
{
    BatchSimulationPanel panel(&document);
    QSignalSpy finished(&panel, &BatchSimulationPanel::finished);
    panel.setAddressText(QStringLiteral("203.0.113.66\n198.51.100.9\n192.168.1.5\n203.0.113.7\n203.0.113.7\n"));
    ASSERT_TRUE(panel.simulateAddressList());
    ASSERT_TRUE(waitForBatch(panel, finished));
    ASSERT_EQ(panel.resultsModel()->rowCount(), 4);

    // Expected numbers come from the real binary; rule lines from the sample's files.
    auto total = [&](const QString &peer, const QString &script) {
        const QJsonObject o = simulateWithDaemonBinary({dir.path(), peer, script, false, {}, QString()});
        return QString::number(o.value(QStringLiteral("total_seconds")).toInteger());
    };
    const QString spammers = dir.filePath(QStringLiteral("spammers.tab"));
    const QString ipprop = dir.filePath(QStringLiteral("smtp.ipprop.tab"));
    const int dropLine = lineContaining(spammers, QStringLiteral("203.0.113.66/32"));
    const int blockLine = lineContaining(spammers, QStringLiteral("198.51.100.0"));
    const int delayLine = lineContaining(spammers, QStringLiteral("0.0.0.0/0"));
    const int whiteLine = lineContaining(ipprop, QStringLiteral("192.168.0.0/16"));
    ASSERT_GT(dropLine, 0);
    ASSERT_GT(blockLine, 0);
    ASSERT_GT(delayLine, 0);
    ASSERT_GT(whiteLine, 0);
    const QString expected =
        QStringLiteral("address,count,decision,code,delay_seconds,rule,rule_text,plain_session_seconds,auth_session_seconds,auth_succeeded\r\n")
        + QStringLiteral("203.0.113.66,1,drop,421,0,spammers.tab:%1,\"\"\"203.0.113.66/32\"\"\t\"\"code=1\"\"\",%2,%3,no\r\n")
              .arg(dropLine).arg(total(QStringLiteral("203.0.113.66"), QStringLiteral("plain")), total(QStringLiteral("203.0.113.66"), QStringLiteral("auth")))
        + QStringLiteral("198.51.100.9,1,reject,551,0,spammers.tab:%1,\"\"\"198.51.100.0\"\"\t\"\"255.255.255.0\"\"\t\"\"code=0\"\"\",%2,%3,yes\r\n")
              .arg(blockLine).arg(total(QStringLiteral("198.51.100.9"), QStringLiteral("plain")), total(QStringLiteral("198.51.100.9"), QStringLiteral("auth")))
        + QStringLiteral("192.168.1.5,1,accept,,0,smtp.ipprop.tab:%1,\"\"\"192.168.0.0/16\"\"\t\"\"WhiteList=1\"\"\",%2,%3,yes\r\n")
              .arg(whiteLine).arg(total(QStringLiteral("192.168.1.5"), QStringLiteral("plain")), total(QStringLiteral("192.168.1.5"), QStringLiteral("auth")))
        + QStringLiteral("203.0.113.7,2,delay,,30,spammers.tab:%1,\"\"\"0.0.0.0/0\"\"\t\"\"code=-30\"\"\",%2,%3,yes\r\n")
              .arg(delayLine).arg(total(QStringLiteral("203.0.113.7"), QStringLiteral("plain")), total(QStringLiteral("203.0.113.7"), QStringLiteral("auth")));
    const QString path = dir.filePath(QStringLiteral("out/batch.csv"));
    QDir().mkpath(dir.filePath(QStringLiteral("out")));
    QString error;
    ASSERT_TRUE(panel.exportCsv(path, &error)) << error.toStdString();
    EXPECT_EQ(QString::fromUtf8(test::readBytes(path)), expected);

    // Quoting of commas, quotes, line breaks and UTF-8 text.
    BatchResultsModel crafted;
    BatchResult r;
    r.address = QStringLiteral("192.0.2.1");
    r.count = 7;
    r.decision = BatchDecision::Reject;
    r.code = 551;
    r.ruleFile = QStringLiteral("spammers.tab");
    r.ruleLine = 4;
    r.ruleText = QStringLiteral("say \"hi\", then\r\nleave — 日本");
    r.plainSeconds = 12;
    crafted.append({r});
    EXPECT_EQ(crafted.toCsv().split('\n').at(1),
              QByteArray("192.0.2.1,7,reject,551,0,spammers.tab:4,\"say \"\"hi\"\", then\r"));
    EXPECT_TRUE(crafted.toCsv().endsWith(QStringLiteral("leave — 日本\",12,,\r\n").toUtf8()));

    EXPECT_FALSE(panel.exportCsv(dir.filePath(QStringLiteral("no/such/folder/x.csv")), &error));
    EXPECT_FALSE(error.isEmpty());
}

TEST_F(BatchSimulation, LargeBatchStreamsResultsKeepsTheEventLoopRunningAndCancels)
{
    QString text;
    const int total = 20000;
    for (int i = 0; i < total; ++i)
        text += QStringLiteral("10.%1.%2.%3\n").arg(i / 65536).arg((i / 256) % 256).arg(i % 256);
    BatchSimulationPanel panel(&document);
    panel.setAddressText(text);
    QSignalSpy finished(&panel, &BatchSimulationPanel::finished);
    QSignalSpy rowsInserted(panel.resultsModel(), &QAbstractItemModel::rowsInserted);
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
    ticker.start();
    ASSERT_TRUE(panel.simulateAddressList());
    // Results arrive in several chunks while the timer keeps firing.
    ASSERT_TRUE(QTest::qWaitFor([&] { return rowsInserted.count() >= 2 || !finished.isEmpty(); }, 60000));
    EXPECT_GT(ticks, 0);
    panel.cancel();
    ASSERT_TRUE(waitForBatch(panel, finished));
    const bool canceled = finished.first().at(0).toBool();
    if (canceled) {
        EXPECT_LT(panel.resultsModel()->rowCount(), total);
        EXPECT_TRUE(panel.statusText().startsWith(QStringLiteral("Canceled after"))) << panel.statusText().toStdString();
    } else {
        EXPECT_EQ(panel.resultsModel()->rowCount(), total); // finished before the cancel arrived
    }
    EXPECT_FALSE(panel.isRunning());
}

TEST_F(BatchSimulation, TextsFollowTheLanguage)
{
    BatchSimulationPanel panel(&document);
    QSignalSpy finished(&panel, &BatchSimulationPanel::finished);
    panel.setAddressText(QStringLiteral("203.0.113.7\nxyz\n"));
    ASSERT_TRUE(panel.simulateAddressList());
    ASSERT_TRUE(waitForBatch(panel, finished));
    const QAbstractItemModel *model = panel.resultsModel();
    EXPECT_EQ(model->headerData(BatchResultsModel::DecisionColumn, Qt::Horizontal).toString(), QStringLiteral("Decision"));
    EXPECT_EQ(model->index(0, BatchResultsModel::DecisionColumn).data().toString(), QStringLiteral("delay 30 s"));

    LanguageManager::instance().setLanguage(QStringLiteral("ja"), false);
    QCoreApplication::processEvents();
    EXPECT_EQ(model->headerData(BatchResultsModel::DecisionColumn, Qt::Horizontal).toString(), QStringLiteral("判定"));
    EXPECT_EQ(model->index(0, BatchResultsModel::DecisionColumn).data().toString(), QStringLiteral("30 秒遅延"));
    EXPECT_EQ(panel.problemTexts(), QStringList{QStringLiteral("2 行目: 「xyz」は IP アドレスではありません")});
    EXPECT_TRUE(panel.statusText().startsWith(QStringLiteral("1 件のアドレス"))) << panel.statusText().toStdString();
    EXPECT_EQ(panel.addressBars()->name(), QStringLiteral("アドレス数"));

    LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
    QCoreApplication::processEvents();
    EXPECT_EQ(model->headerData(BatchResultsModel::DecisionColumn, Qt::Horizontal).toString(), QStringLiteral("Decision"));
    EXPECT_EQ(panel.addressBars()->name(), QStringLiteral("Addresses"));
}

// engine::SmtpLogReader: XMail smtp logs (plain and gzip) streamed into one record per client.

#include "SmtpLogReader.h"
#include "LogCorpus.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <zlib.h>

using namespace xmflow::engine;
using xmflow::testing::LogCorpus;

namespace {

const LogClient *find(const QList<LogClient> &clients, const char *address)
{
    for (const LogClient &c : clients)
        if (c.text == QLatin1String(address))
            return &c;
    return nullptr;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

void writeGzip(const QString &path, const QByteArray &bytes)
{
    gzFile gz = gzopen(QFile::encodeName(path).constData(), "wb");
    ASSERT_NE(gz, nullptr);
    ASSERT_EQ(gzwrite(gz, bytes.constData(), unsigned(bytes.size())), int(bytes.size()));
    gzclose(gz);
}

} // namespace

TEST(SmtpLogReader, ScenarioClientsAreAggregatedPerAddress)
{
    const LogCorpus corpus = LogCorpus::scenario(5);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("smtp-202611010000"));
    writeFile(path, corpus.text());
    SmtpLogReader reader;
    ASSERT_TRUE(reader.readFile(path));
    EXPECT_EQ(reader.linesRead(), corpus.lineCount());
    EXPECT_EQ(reader.recordsRead(), corpus.lineCount());
    EXPECT_EQ(reader.problemCount(), 0);
    const QList<LogClient> &clients = reader.clients();
    EXPECT_EQ(clients.size(), 5 + 5 + 1 + 2 + 8 + 2);

    const LogClient *bot = find(clients, "203.0.113.10");
    ASSERT_NE(bot, nullptr);
    EXPECT_EQ(bot->sessions, 10);
    EXPECT_EQ(bot->lines, 20);
    EXPECT_EQ(bot->failureCount(FailureKind::RelayDenied), 20);
    EXPECT_EQ(bot->totalFailures(), 20);
    EXPECT_FALSE(bot->everAuthenticated());
    EXPECT_EQ(bot->furthest, ReachedCommand::Rcpt);
    EXPECT_EQ(bot->firstSeen, LogCorpus::kStart + 3600 + 300);
    EXPECT_EQ(bot->firstWhere, QStringLiteral("smtp-202611010000:1"));

    const LogClient *alice = find(clients, "198.51.100.50");
    ASSERT_NE(alice, nullptr);
    EXPECT_EQ(alice->sessions, 5);
    EXPECT_EQ(alice->authSessions, 5);
    EXPECT_EQ(alice->authUsers.value(QStringLiteral("alice@example.test")), 5);
    EXPECT_EQ(alice->furthest, ReachedCommand::Data);
    EXPECT_EQ(alice->delivered, 0); // mail from an authenticated user is not "good mail from outside"

    const LogClient *mixedBot = find(clients, "198.51.100.22");
    ASSERT_NE(mixedBot, nullptr);
    EXPECT_EQ(mixedBot->failureCount(FailureKind::RelayDenied), 5);
    EXPECT_EQ(mixedBot->failureCount(FailureKind::UnknownUser), 10);

    const LogClient *guesser = find(clients, "100.64.7.7");
    ASSERT_NE(guesser, nullptr);
    EXPECT_EQ(guesser->failureCount(FailureKind::AuthFailure), 10);
    EXPECT_EQ(guesser->furthest, ReachedCommand::Auth);
    const LogClient *early = find(clients, "100.64.8.8");
    ASSERT_NE(early, nullptr);
    EXPECT_EQ(early->failureCount(FailureKind::EarlyTalker), 5);

    const LogClient *polite = find(clients, "192.0.2.3");
    ASSERT_NE(polite, nullptr);
    EXPECT_EQ(polite->delivered, 5);
    EXPECT_EQ(polite->totalFailures(), 0);
    EXPECT_EQ(polite->sessions, 5);

    const LogClient *bob = find(clients, "10.20.30.40");
    ASSERT_NE(bob, nullptr);
    EXPECT_EQ(bob->authSessions, 10);
    EXPECT_EQ(bob->plainSessions(), 0);
}

TEST(SmtpLogReader, FailuresSinceCountsWholeDays)
{
    const LogCorpus corpus = LogCorpus::scenario(5);
    SmtpLogReader reader;
    QBuffer buffer;
    buffer.setData(corpus.text());
    ASSERT_TRUE(buffer.open(QIODevice::ReadOnly));
    reader.readDevice(buffer, QStringLiteral("mem"));
    const LogClient *bot = find(reader.clients(), "203.0.113.10");
    ASSERT_NE(bot, nullptr);
    EXPECT_EQ(bot->failuresSince(FailureKind::RelayDenied, 0), 20);
    EXPECT_EQ(bot->failuresSince(FailureKind::RelayDenied, LogCorpus::kStart + 3 * 86400), 8); // days 4 and 5
    EXPECT_EQ(bot->failuresSince(FailureKind::RelayDenied, LogCorpus::kStart + 10 * 86400), 0);
    EXPECT_EQ(reader.latestTime() / 86400, (LogCorpus::kStart + 4 * 86400) / 86400);
}

TEST(SmtpLogReader, GzipInputReadsLikeThePlainFile)
{
    const LogCorpus corpus = LogCorpus::random(7, 20000, 3000); // spans many 1 MiB read chunks once inflated
    QTemporaryDir dir;
    const QString plain = dir.filePath(QStringLiteral("smtp-1"));
    const QString gz = dir.filePath(QStringLiteral("smtp-1.gz"));
    writeFile(plain, corpus.text());
    writeGzip(gz, corpus.text());
    ASSERT_LT(QFileInfo(gz).size(), QFileInfo(plain).size());
    SmtpLogReader a, b;
    ASSERT_TRUE(a.readFile(plain));
    ASSERT_TRUE(b.readFile(gz));
    EXPECT_EQ(a.linesRead(), corpus.lineCount());
    EXPECT_EQ(b.linesRead(), corpus.lineCount());
    ASSERT_EQ(a.clients().size(), b.clients().size());
    for (qsizetype i = 0; i < a.clients().size(); ++i) {
        const LogClient &x = a.clients().at(i), &y = b.clients().at(i);
        EXPECT_EQ(x.text, y.text);
        EXPECT_EQ(x.lines, y.lines);
        EXPECT_EQ(x.sessions, y.sessions);
        EXPECT_EQ(x.authUsers, y.authUsers);
        EXPECT_EQ(x.failures, y.failures);
    }
}

TEST(SmtpLogReader, BadLinesAreReportedAndALastLineWithoutNewlineCounts)
{
    QByteArray bytes = "\"a\"\t\"b\"\t\"192.0.2.1\"\t\"2026-11-01 "
                       "00:00:00\"\t\"h\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"RCPT=ERELAY\"\t\"\"\t\"0\"\t\"\"\n";
    bytes += "garbage line\n";
    bytes += "\"a\"\t\"b\"\t\"nope\"\t\"2026-11-01 "
             "00:00:00\"\t\"h\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"RCPT=OK\"\t\"\"\t\"0\"\t\"\"\n";
    bytes += "\"a\"\t\"b\"\t\"::ffff:192.0.2.1\"\t\"2026-11-01 "
             "00:00:30\"\t\"h\"\t\"\"\t\"\"\t\"\"\t\"\"\t\"RCPT=ERELAY\"\t\"\"\t\"0\"\t\"\"";
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("smtp-x"));
    writeFile(path, bytes);
    SmtpLogReader reader;
    ASSERT_TRUE(reader.readFile(path));
    EXPECT_FALSE(reader.readFile(dir.filePath(QStringLiteral("missing"))));
    EXPECT_EQ(reader.linesRead(), 4);
    ASSERT_EQ(reader.clients().size(), 1); // the v4-mapped peer is the same client
    EXPECT_EQ(reader.clients().at(0).lines, 2);
    EXPECT_EQ(reader.clients().at(0).sessions, 1); // 30 s apart, same HELO
    EXPECT_EQ(reader.clients().at(0).failureCount(FailureKind::RelayDenied), 2);
    ASSERT_EQ(reader.problems().size(), 3);
    EXPECT_EQ(reader.problems().at(0).kind, LogProblem::Kind::NotALogRecord);
    EXPECT_EQ(reader.problems().at(0).line, 2);
    EXPECT_EQ(reader.problems().at(1).kind, LogProblem::Kind::BadPeerField);
    EXPECT_EQ(reader.problems().at(2).kind, LogProblem::Kind::Unreadable);
}

TEST(SmtpLogReader, ProgressCanCancel)
{
    const LogCorpus corpus = LogCorpus::random(3, 50000, 1000);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("smtp-y"));
    writeFile(path, corpus.text());
    SmtpLogReader reader;
    int calls = 0;
    reader.setProgress([&](qint64, qint64 bytes, qint64 total) {
        EXPECT_LE(bytes, total);
        return ++calls < 2;
    });
    reader.readFile(path);
    EXPECT_TRUE(reader.canceled());
    EXPECT_LT(reader.linesRead(), corpus.lineCount());
}

TEST(SmtpLogReader, StatusesMapToFailureKinds)
{
    EXPECT_EQ(failureKindOfStatus("RCPT=ERELAY"), FailureKind::RelayDenied);
    EXPECT_EQ(failureKindOfStatus("RCPT=EAVAIL"), FailureKind::UnknownUser);
    EXPECT_EQ(failureKindOfStatus("SNDRIP=EEARLYTALK"), FailureKind::EarlyTalker);
    EXPECT_EQ(failureKindOfStatus("AUTH=EFAIL:TYPE=CRAM-MD5"), FailureKind::AuthFailure);
    EXPECT_EQ(failureKindOfStatus("SNDRIP=EIPMAP (zen.test)"), FailureKind::Dnsbl);
    EXPECT_EQ(failureKindOfStatus("SNDRIP=EIPSPAM"), FailureKind::RuleDropped);
    EXPECT_EQ(failureKindOfStatus("RCPT=OK"), std::nullopt);
    for (int k = 0; k < kFailureKindCount; ++k)
        EXPECT_EQ(failureKindFromName(failureKindName(FailureKind(k))), FailureKind(k));
}

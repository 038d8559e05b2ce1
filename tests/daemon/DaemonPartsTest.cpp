// Unit tests of the daemon's parts that need no running server.

#include "FolderSync.h"
#include "MessageStore.h"
#include "SpoolTestSupport.h"
#include "RelayClient.h"
#include "ServeOptions.h"
#include "SmtpLog.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <atomic>
#include <cerrno>
#include <thread>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

using namespace xmflow::daemon;
using xmflow::daemontest::envelopeFor;

TEST(ServeOptions, ListenAddressForms)
{
    ListenAddress a;
    QString error;
    ASSERT_TRUE(parseListenAddress(QStringLiteral("127.0.0.1:2525"), &a, &error));
    EXPECT_EQ(a.address, QHostAddress(QStringLiteral("127.0.0.1")));
    EXPECT_EQ(a.port, 2525);
    ASSERT_TRUE(parseListenAddress(QStringLiteral("[::1]:587"), &a, &error));
    EXPECT_EQ(a.address, QHostAddress(QStringLiteral("::1")));
    EXPECT_EQ(a.port, 587);
    EXPECT_EQ(a.text(), QStringLiteral("[::1]:587"));
    ASSERT_TRUE(parseListenAddress(QStringLiteral("25"), &a, &error));
    EXPECT_EQ(a.address, QHostAddress(QHostAddress::LocalHost));
    EXPECT_EQ(a.port, 25);
    EXPECT_FALSE(parseListenAddress(QStringLiteral("nonsense:25"), &a, &error));
    EXPECT_FALSE(parseListenAddress(QStringLiteral("127.0.0.1:99999"), &a, &error));
    EXPECT_FALSE(parseListenAddress(QStringLiteral("[::1:25"), &a, &error));
}

TEST(RelayClient, GatewayLists)
{
    const auto t = parseGateways(QStringLiteral("mx1.example.test, 192.0.2.1:2525;[2001:db8::1]:26"));
    ASSERT_EQ(t.size(), 3);
    EXPECT_EQ(t[0].host, QStringLiteral("mx1.example.test"));
    EXPECT_EQ(t[0].port, 25);
    EXPECT_EQ(t[1].host, QStringLiteral("192.0.2.1"));
    EXPECT_EQ(t[1].port, 2525);
    EXPECT_EQ(t[2].host, QStringLiteral("2001:db8::1"));
    EXPECT_EQ(t[2].port, 26);
    EXPECT_TRUE(parseGateways(QString()).isEmpty());
}

TEST(RelayClient, BodyIsDotStuffedWithCrlf)
{
    EXPECT_EQ(RelayClient::encodeBody("Subject: x\r\n\r\n.hidden\nplain\r\n"),
              QByteArray("Subject: x\r\n\r\n..hidden\r\nplain\r\n.\r\n"));
    EXPECT_EQ(RelayClient::encodeBody("no newline at end"), QByteArray("no newline at end\r\n.\r\n"));
}

TEST(RelayClient, EveryLineBreakGoesOutAsOneCrlf)
{
    // Bare LF, bare CR, CRs before an LF: each is one line break, and a line that then
    // starts with a dot is stuffed, so "\n.\n" can never end the next hop's DATA.
    EXPECT_EQ(RelayClient::encodeBody("a\nb\rc\r\r\nd\r\n"), QByteArray("a\r\nb\r\nc\r\nd\r\n.\r\n"));
    EXPECT_EQ(RelayClient::encodeBody("x\n.\nMAIL FROM:<a@b>\r\n"),
              QByteArray("x\r\n..\r\nMAIL FROM:<a@b>\r\n.\r\n"));
    EXPECT_EQ(RelayClient::encodeBody("x\r.\r"), QByteArray("x\r\n..\r\n.\r\n"));
    EXPECT_EQ(RelayClient::encodeBody("x\r\n.\r\r\ny"), QByteArray("x\r\n..\r\ny\r\n.\r\n"));
    EXPECT_EQ(RelayClient::encodeBody(""), QByteArray(".\r\n"));
    EXPECT_EQ(RelayClient::encodeBody("\r\n\r\n"), QByteArray("\r\n\r\n.\r\n"));
    EXPECT_TRUE(RelayClient::safeCommandArgument(QStringLiteral("user@example.test")));
    EXPECT_FALSE(RelayClient::safeCommandArgument(QStringLiteral("a@b\r\nRCPT TO:<c@d>")));
    EXPECT_FALSE(RelayClient::safeCommandArgument(QStringLiteral("a\x7f@b")));
}

TEST(RelayClient, BodyEncodedInChunksIsTheSameWhereverTheChunksSplit)
{
    // The relay streams the spool file in chunks: a CR at the end of one chunk and its LF
    // at the start of the next, or a dot after a split line break, must come out the same.
    const QList<QByteArray> messages = {"a\r\n.b\r\n",     "x\r\r\n.\r\n..\r\ny", "\n.\r.\r\n.",
                                        "line\rnext\n\n.", ".start\r\n\r\n",      "plain"};
    for (const QByteArray &message : messages) {
        const QByteArray whole = RelayClient::encodeBody(message);
        for (int size = 1; size <= message.size(); ++size) {
            BodyEncoder encoder;
            QByteArray out;
            for (int pos = 0; pos < message.size(); pos += size)
                encoder.add(message.constData() + pos, std::min<int>(size, int(message.size()) - pos), &out);
            encoder.finish(&out);
            EXPECT_EQ(out, whole) << message.toStdString() << " in chunks of " << size;
        }
    }
    EXPECT_EQ(RelayClient::encodeBody("x\r\n.\r\n"), QByteArray("x\r\n..\r\n.\r\n"));
}

TEST(SmtpLog, ThirteenQuotedTabSeparatedFields)
{
    SmtpLogRecord r;
    r.serverFqdn = QStringLiteral("mx.example.test");
    r.serverDomain = QStringLiteral("example.test");
    r.peer = QStringLiteral("127.0.0.1");
    r.helo = QStringLiteral("client \"quoted\"");
    r.sender = QStringLiteral("a@b.test");
    r.recipient = QStringLiteral("c@example.test");
    r.destinationDomain = QStringLiteral("example.test");
    r.messageId = QStringLiteral("S1A");
    r.status = QStringLiteral("RECV=OK");
    r.size = 123;
    const QByteArray line = SmtpLog::format(r, QDateTime(QDate(2025, 3, 5), QTime(14, 3, 7)));
    EXPECT_EQ(line,
              QByteArray(
                  "\"mx.example.test\"\t\"example.test\"\t\"127.0.0.1\"\t\"2025-03-05 14:03:07\"\t"
                  "\"client \\x22quoted\\x22\"\t\"example.test\"\t\"a@b.test\"\t\"c@example.test\"\t\"S1A\"\t"
                  "\"RECV=OK\"\t\"\"\t\"123\"\t\"\"\n"));
}

TEST(SmtpLog, ControlCharactersAreEscapedAndLongFieldsCut)
{
    EXPECT_EQ(SmtpLog::field(QStringLiteral("a\x1b[2Jb\x07"
                                            "c\x7f\r\nd\te\u009bf\\g")),
              QByteArray("a\\x1b[2Jb\\x07c\\x7f\\x0d\\x0ad\\x09e\\x9bf\\x5cg"));
    EXPECT_EQ(SmtpLog::field(QString(QChar(0))), QByteArray("\\x00"));
    EXPECT_EQ(SmtpLog::field(QStringLiteral("caf\u00e9")), QByteArray("caf\xc3\xa9"));
    const QByteArray exact = SmtpLog::field(QString(SmtpLog::kMaxFieldBytes, QLatin1Char('x')));
    EXPECT_EQ(exact, QByteArray(SmtpLog::kMaxFieldBytes, 'x')); // at the cap: kept whole
    const QByteArray cut = SmtpLog::field(QString(100000, QLatin1Char('x')));
    EXPECT_LE(cut.size(), SmtpLog::kMaxFieldBytes);
    EXPECT_TRUE(cut.endsWith(SmtpLog::kCutMarker)) << cut.constData();
    // Never cut inside an escape or a UTF-8 sequence.
    for (const QString &unit : {QStringLiteral("\x1b"), QStringLiteral("\u00e9"), QStringLiteral("\u3042")}) {
        const QByteArray f = SmtpLog::field(QStringLiteral("ab") + unit.repeated(400));
        ASSERT_TRUE(f.endsWith(SmtpLog::kCutMarker));
        const QByteArray body = f.chopped(qstrlen(SmtpLog::kCutMarker)).mid(2);
        const QByteArray one = SmtpLog::field(unit);
        EXPECT_EQ(body.size() % one.size(), 0) << f.constData();
        EXPECT_EQ(body, one.repeated(body.size() / one.size()));
    }
    // A record of hostile fields stays one line of 13 fields.
    SmtpLogRecord r;
    r.helo = QStringLiteral("evil\t\"x\"\r\n\"forged\"\t") + QString(5000, QLatin1Char('h'));
    r.sender = QString(5000, QLatin1Char('s'));
    const QByteArray line = SmtpLog::format(r, QDateTime(QDate(2025, 3, 5), QTime(14, 3, 7)));
    EXPECT_EQ(line.count('\n'), 1);
    EXPECT_TRUE(line.endsWith('\n'));
    EXPECT_EQ(line.count('\t'), 12);
    EXPECT_EQ(line.count('"'), 26);
    EXPECT_LE(line.size(), 13 * (SmtpLog::kMaxFieldBytes + 3));
}

TEST(MessageStore, SpoolRoundTripAndIds)
{
    QTemporaryDir dir;
    MessageStore store(dir.path());
    SpoolEnvelope e;
    e.id = store.nextMessageId();
    EXPECT_TRUE(e.id.startsWith(QLatin1Char('S')));
    EXPECT_NE(store.nextMessageId(), e.id);
    e.mailFrom = QStringLiteral("a@b.test");
    e.recipients = {QStringLiteral("x@y.test"), QStringLiteral("z@y.test")};
    e.received = QDateTime::currentDateTimeUtc();
    QString error;
    ASSERT_TRUE(store.spool(e, "Subject: s\r\n\r\nbody\r\n", &error)) << error.toStdString();
    EXPECT_EQ(store.spoolEntries(), QStringList{e.id});
    SpoolEnvelope back;
    QByteArray message;
    ASSERT_TRUE(store.readSpoolEntry(e.id, &back, &message));
    EXPECT_EQ(back.recipients, e.recipients);
    EXPECT_EQ(back.mailFrom, e.mailFrom);
    EXPECT_EQ(message, QByteArray("Subject: s\r\n\r\nbody\r\n"));
    back.recipients = {QStringLiteral("z@y.test")};
    back.attempts = 3;
    ASSERT_TRUE(store.rewriteSpoolEnvelope(back, &error));
    SpoolEnvelope again;
    ASSERT_TRUE(store.readSpoolEntry(e.id, &again, &message));
    EXPECT_EQ(again.attempts, 3);
    EXPECT_EQ(message, QByteArray("Subject: s\r\n\r\nbody\r\n"));
    EXPECT_TRUE(store.removeSpoolEntry(e.id));
    EXPECT_TRUE(store.spoolEntries().isEmpty());
    // Ids keep growing across a restart (the counter is reserved in MailRoot/message.id).
    MessageStore restarted(dir.path());
    EXPECT_GT(restarted.nextMessageId().mid(1).toULongLong(nullptr, 16),
              e.id.mid(1).toULongLong(nullptr, 16));
}

namespace {

ino_t inodeOf(const QString &path)
{
    struct stat st;
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_ino : 0;
}


QByteArray contentOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(unreadable)");
}

} // namespace

TEST(MessageStore, DeliveredSpoolFilesAreWrittenOverByTheNextEntries)
{
    QTemporaryDir dir;
    MessageStore store(dir.path());
    QString error;
    const SpoolEnvelope first = envelopeFor(store);
    const QByteArray longBody = "Subject: first\r\n\r\n" + QByteArray(3000, 'a') + "\r\n";
    ASSERT_TRUE(store.spool(first, longBody, &error)) << error.toStdString();
    const ino_t inode = inodeOf(store.spoolPath(first.id));
    ASSERT_NE(inode, 0u);
    store.removeSpoolEntries({first.id});
    EXPECT_TRUE(store.spoolEntries().isEmpty());
    EXPECT_EQ(store.freeSpoolFiles(), 1);

    // The next entry is the same file, cut to its own length: nothing of the first remains.
    const SpoolEnvelope second = envelopeFor(store);
    ASSERT_TRUE(store.spool(second, "Subject: second\r\n\r\nb\r\n", &error)) << error.toStdString();
    EXPECT_EQ(inodeOf(store.spoolPath(second.id)), inode);
    EXPECT_EQ(store.freeSpoolFiles(), 0);
    EXPECT_EQ(contentOf(store.spoolPath(second.id)),
              MessageStore::encodeSpool(second, "Subject: second\r\n\r\nb\r\n"));
    EXPECT_TRUE(QDir(store.spoolFreeDir()).entryList(QDir::Files).isEmpty());

    // A big entry is not kept: the pool never holds more than small files.
    const SpoolEnvelope big = envelopeFor(store);
    ASSERT_TRUE(store.spool(big, QByteArray(MessageStore::kSpoolFileReuseLimit + 1, 'x'), &error));
    store.removeSpoolEntries({second.id, big.id});
    EXPECT_EQ(store.freeSpoolFiles(), 1);
    EXPECT_EQ(QDir(store.spoolFreeDir()).entryList(QDir::Files).size(), 1);
}

// A delivered entry's file is not handed out again before its removal from the queue is
// synced: else a crash could bring queue/OLD back holding the next message.
TEST(MessageStore, ADeliveredFileIsReusedOnlyAfterItsRemovalIsDurable)
{
    QTemporaryDir dir;
    MessageStore *self = nullptr;
    QList<int> freeWhileSyncing;
    // The removal is made durable by the spool journal's record (or, without it, by a
    // sync of the queue folder): either way the file is not reusable before.
    const auto recordFree = [&](const QString &) {
        if (self)
            freeWhileSyncing << self->freeSpoolFiles();
        return 0;
    };
    MessageStore store(dir.path(), true, recordFree, SpoolJournal::kDefaultSegmentLimit, recordFree);
    QString error;
    ASSERT_TRUE(store.recoverJournal(&error)) << error.toStdString();
    const SpoolEnvelope e = envelopeFor(store);
    ASSERT_TRUE(store.spool(e, "Subject: s\r\n\r\nbody\r\n", &error)) << error.toStdString();
    self = &store;
    store.removeSpoolEntries({e.id});
    ASSERT_FALSE(freeWhileSyncing.isEmpty());
    EXPECT_EQ(freeWhileSyncing.first(), 0) << "the file was reusable before its removal was durable";
    EXPECT_EQ(store.freeSpoolFiles(), 1);
}

// An id handed out twice (say message.id was reset) must not cost a message: the second
// entry is refused instead of replacing the first, and free files are named apart from ids.
TEST(MessageStore, AnEntryNeverTakesThePlaceOfAnother)
{
    QTemporaryDir dir;
    MessageStore store(dir.path());
    QString error;
    SpoolEnvelope first = envelopeFor(store);
    ASSERT_TRUE(store.spool(first, "Subject: first\r\n\r\nA\r\n", &error)) << error.toStdString();
    SpoolEnvelope again = envelopeFor(store);
    again.id = first.id;
    EXPECT_FALSE(store.spool(again, "Subject: second\r\n\r\nB\r\n", &error));
    EXPECT_TRUE(error.contains(QStringLiteral("cannot rename"))) << error.toStdString();
    EXPECT_EQ(contentOf(store.spoolPath(first.id)), MessageStore::encodeSpool(first, "Subject: first\r\n\r\nA\r\n"));
    EXPECT_TRUE(QDir(store.spoolTmpDir()).entryList(QDir::Files).isEmpty());

    store.removeSpoolEntries({first.id});
    const QStringList freeNames = QDir(store.spoolFreeDir()).entryList(QDir::Files);
    ASSERT_EQ(freeNames.size(), 1);
    EXPECT_TRUE(freeNames.first().startsWith(QLatin1Char('F'))) << freeNames.first().toStdString();
    EXPECT_NE(freeNames.first(), first.id);
    EXPECT_FALSE(MessageStore::renameNoReplace(QFile::encodeName(store.spoolFreeDir() + QStringLiteral("/") + freeNames.first()),
                                               QFile::encodeName(store.spoolFreeDir() + QStringLiteral("/") + freeNames.first())));
}

TEST(MessageStore, OneDaemonPerSpool)
{
    QTemporaryDir dir;
    QString error;
    auto first = std::make_unique<MessageStore>(dir.path());
    ASSERT_TRUE(first->lockSpool(&error)) << error.toStdString();
    MessageStore second(dir.path());
    EXPECT_FALSE(second.lockSpool(&error));
    EXPECT_TRUE(error.contains(QStringLiteral("another xmflowd serve"))) << error.toStdString();
    first.reset(); // the lock goes with its holder
    EXPECT_TRUE(second.lockSpool(&error)) << error.toStdString();
}

TEST(MessageStore, OnlyPrivatePlainFilesOfOursAreReused)
{
    QTemporaryDir dir;
    MessageStore store(dir.path());
    const QDir free(store.spoolFreeDir());
    // A crash left a half-written temporary; someone put a readable file and a symbolic
    // link among the free files.
    const QString leftover = QDir(store.spoolTmpDir()).filePath(QStringLiteral("S1"));
    QFile tmp(leftover);
    ASSERT_TRUE(tmp.open(QIODevice::WriteOnly));
    tmp.write("XMFLOW-SPOOL 1\nhalf");
    tmp.close();
    const QString readable = free.filePath(QStringLiteral("readable"));
    QFile r(readable);
    ASSERT_TRUE(r.open(QIODevice::WriteOnly));
    r.close();
    ASSERT_EQ(::chmod(QFile::encodeName(readable).constData(), 0644), 0);
    const QString target = QDir(dir.path()).filePath(QStringLiteral("elsewhere"));
    QFile t(target);
    ASSERT_TRUE(t.open(QIODevice::WriteOnly));
    t.write("keep me");
    t.close();
    ASSERT_TRUE(QFile::link(target, free.filePath(QStringLiteral("link"))));

    store.cleanTemporaries();
    EXPECT_TRUE(QDir(store.spoolTmpDir()).entryList(QDir::Files).isEmpty());
    EXPECT_FALSE(QFileInfo::exists(free.filePath(QStringLiteral("link"))));
    QString error;
    for (int i = 0; i < 3; ++i) {
        const SpoolEnvelope e = envelopeFor(store);
        ASSERT_TRUE(store.spool(e, "Subject: s\r\n\r\nbody\r\n", &error)) << error.toStdString();
        const QFileInfo entry(store.spoolPath(e.id));
        EXPECT_EQ(entry.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteOther), 0)
            << e.id.toStdString();
        EXPECT_EQ(contentOf(store.spoolPath(e.id)), MessageStore::encodeSpool(e, "Subject: s\r\n\r\nbody\r\n"));
    }
    EXPECT_EQ(contentOf(target), QByteArray("keep me"));
    EXPECT_FALSE(QFileInfo::exists(readable)); // not reused, removed
    EXPECT_EQ(store.freeSpoolFiles(), 0);
}

TEST(MessageStore, TheFreePoolIsBounded)
{
    QTemporaryDir dir;
    MessageStore store(dir.path(), false);
    QStringList ids;
    QString error;
    for (int i = 0; i < MessageStore::kSpoolFilePool + 5; ++i) {
        const SpoolEnvelope e = envelopeFor(store);
        ASSERT_TRUE(store.spool(e, "x\r\n", &error)) << error.toStdString();
        ids << e.id;
    }
    store.removeSpoolEntries(ids);
    EXPECT_TRUE(store.spoolEntries().isEmpty());
    EXPECT_EQ(store.freeSpoolFiles(), MessageStore::kSpoolFilePool);
    EXPECT_EQ(QDir(store.spoolFreeDir()).entryList(QDir::Files).size(), MessageStore::kSpoolFilePool);
    // After a restart the same files are found again.
    MessageStore restarted(dir.path(), false);
    restarted.cleanTemporaries();
    EXPECT_EQ(restarted.freeSpoolFiles(), MessageStore::kSpoolFilePool);
}

TEST(MessageStore, MaildirNamesAndOneCopyPerMailbox)
{
    QTemporaryDir dir;
    MessageStore store(dir.path());
    const QString maildir = QDir(dir.path()).filePath(QStringLiteral("domains/example.test/alice/Maildir"));
    QString error;
    ASSERT_TRUE(store.deliverLocal(
        {{QStringLiteral("alice@example.test"), maildir}, {QStringLiteral("Alice@example.test"), maildir}},
        "hello\r\n", &error));
    const QStringList files = QDir(maildir + QStringLiteral("/new")).entryList(QDir::Files);
    ASSERT_EQ(files.size(), 1);
    EXPECT_TRUE(QRegularExpression(QStringLiteral("^\\d+\\.M\\d+P\\d+Q\\d+\\..+,S=7$"))
                    .match(files.first())
                    .hasMatch())
        << files.first().toStdString();
    EXPECT_TRUE(QDir(maildir + QStringLiteral("/tmp")).entryList(QDir::Files).isEmpty());
    EXPECT_TRUE(QDir(maildir + QStringLiteral("/cur")).exists());
}

// Group commit: requests made while a sync runs share the next one; each caller returns
// only after a sync that began after its request, with that sync's result.
TEST(FolderSync, WaitingRequestsShareTheNextSync)
{
    QMutex mutex;
    QWaitCondition changed;
    int started = 0;
    bool release = false;
    int failWith = 0;
    FolderSync sync(QStringLiteral("/queue"), true, [&](const QString &) {
        QMutexLocker lock(&mutex);
        ++started;
        changed.wakeAll();
        while (!release)
            changed.wait(&mutex);
        if (started == 2)
            return failWith;
        return 0;
    });
    std::atomic<int> ok{0};
    std::atomic<int> failed{0};
    auto call = [&] {
        if (sync.sync())
            ++ok;
        else if (errno == EIO)
            ++failed;
    };
    std::thread first(call);
    {
        QMutexLocker lock(&mutex);
        while (started < 1)
            changed.wait(&mutex);
        failWith = EIO;
    }
    // Five requests arrive while the first sync runs: none of them is covered by it.
    std::vector<std::thread> waiting;
    for (int i = 0; i < 5; ++i)
        waiting.emplace_back(call);
    while (sync.requests() < 6)
        QThread::msleep(1);
    {
        QMutexLocker lock(&mutex);
        release = true;
        changed.wakeAll();
    }
    first.join();
    for (std::thread &t : waiting)
        t.join();
    EXPECT_EQ(sync.syncs(), 2u) << "the five waiting requests were not served by one sync";
    EXPECT_EQ(ok.load(), 1);     // the first, served by the first sync
    EXPECT_EQ(failed.load(), 5); // the second sync failed: all five hear it

    FolderSync off(QStringLiteral("/nonexistent"), false);
    EXPECT_TRUE(off.sync());
    EXPECT_EQ(off.syncs(), 0u);
    FolderSync missing(QStringLiteral("/nonexistent/folder"));
    errno = 0;
    EXPECT_FALSE(missing.sync());
    EXPECT_EQ(errno, ENOENT);
}

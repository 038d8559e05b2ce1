// Greylisting in a live `xmflowd serve`: SQLite state that survives a restart, two
// daemons on different ports sharing one redis-server (the test starts it on
// loopback) for greylisting and greet passes, and Redis killed mid-run: every session
// fails open, then greylisting comes back with Redis.

#include "DaemonTestSupport.h"
#include "SharedDaemon.h"
#include "SmtpLines.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>

using namespace xmflow::daemontest;

using xmflow::testing::authPlain;

namespace {

constexpr int kDelaySeconds = 2;

QList<QByteArray> greylistVariables(const QByteArray &store = {})
{
    QList<QByteArray> lines{"\"XMF-Greylist\"\t\"1\"",
                            "\"XMF-GreylistDelay\"\t\"" + QByteArray::number(kDelaySeconds) + "\""};
    if (!store.isEmpty())
        lines.append("\"XMF-StateStore\"\t\"" + store + "\"");
    return lines;
}

// One session from `from`: EHLO, optional AUTH PLAIN, MAIL, one RCPT; the RCPT's code.
int rcptCode(quint16 port, const QString &from, const QByteArray &sender, const QByteArray &rcpt,
             qint64 *elapsedMs = nullptr, const QByteArray &auth = {})
{
    Client c;
    if (!c.connectTo(port, from))
        return -1;
    if (c.reply().code != 220 || c.command("EHLO client.test").code != 250)
        return -2;
    if (!auth.isEmpty() && c.command(auth).code != 235)
        return -3;
    if (c.command("MAIL FROM:<" + sender + ">").code != 250)
        return -4;
    QElapsedTimer t;
    t.start();
    const int code = c.command("RCPT TO:<" + rcpt + ">").code;
    if (elapsedMs)
        *elapsedMs = t.elapsed();
    c.command("QUIT");
    return code;
}

// Two `xmflowd serve` (the MX hosts) on their own MailRoots with these server.tab lines.
bool startMxPair(const QTemporaryDir &work, const QList<QByteArray> &serverTabLines,
                 std::vector<std::unique_ptr<DaemonProcess>> *mx)
{
    for (int i = 0; i < 2; ++i) {
        const QString root = QDir(work.path()).filePath(QStringLiteral("mx%1").arg(i));
        const QString run = QDir(work.path()).filePath(QStringLiteral("run%1").arg(i));
        if (!makeScenarioMailRoot(QString(), root) || !QDir().mkpath(run))
            return false;
        for (const QByteArray &line : serverTabLines)
            if (!appendLine(root + QStringLiteral("/server.tab"), line))
                return false;
        mx->push_back(std::make_unique<DaemonProcess>(root, run));
        if (!mx->back()->start()) {
            ADD_FAILURE() << mx->back()->stderrText().toStdString();
            return false;
        }
    }
    return true;
}

TEST(GreylistLive, SqliteStateGreylistsPassesAndSurvivesARestart)
{
    QTemporaryDir work;
    const QString root = QDir(work.path()).filePath(QStringLiteral("mailroot"));
    ASSERT_TRUE(makeScenarioMailRoot(QString(), root));
    for (const QByteArray &line : greylistVariables())
        ASSERT_TRUE(appendLine(root + QStringLiteral("/server.tab"), line));
    DaemonProcess daemon(root, work.path());
    ASSERT_TRUE(daemon.start({QStringLiteral("--events")})) << daemon.stderrText().toStdString();

    const QString peer = QStringLiteral("127.0.17.10");
    EXPECT_EQ(rcptCode(daemon.port(), peer, "sender@remote.test", "alice@example.test"), 451);
    EXPECT_EQ(rcptCode(daemon.port(), peer, "sender@remote.test", "bob@example.test"), 451);
    // AUTH users never meet greylisting, from the same address.
    EXPECT_EQ(rcptCode(daemon.port(), peer, "alice@example.test", "bob@example.test", nullptr,
                       authPlain("alice@example.test", "wonderland")),
              250);
    QThread::msleep(kDelaySeconds * 1000 + 300);
    EXPECT_EQ(rcptCode(daemon.port(), peer, "sender@remote.test", "alice@example.test"), 250);
    EXPECT_TRUE(QFileInfo::exists(root + QStringLiteral("/xmflow-state.sqlite")));

    // A restart: the passed triplet passes at once, the waiting one (bob) still passes its retry.
    ASSERT_EQ(daemon.stop(), 0) << daemon.stderrText().toStdString();
    ASSERT_TRUE(daemon.start({QStringLiteral("--events")})) << daemon.stderrText().toStdString();
    EXPECT_EQ(rcptCode(daemon.port(), peer, "sender@remote.test", "alice@example.test"), 250);
    EXPECT_EQ(rcptCode(daemon.port(), peer, "sender@remote.test", "bob@example.test"), 250);
    EXPECT_EQ(rcptCode(daemon.port(), peer, "other@remote.test", "alice@example.test"), 451);

    bool logged = false;
    const QDir logs(root + QStringLiteral("/logs"));
    for (const QString &f : logs.entryList({QStringLiteral("smtp*")}, QDir::Files))
        logged = logged || readFile(logs.filePath(f)).contains("RCPT=EGREYLIST");
    EXPECT_TRUE(logged);
    int greylistEvents = 0;
    for (const QJsonObject &e : daemon.events())
        greylistEvents += e.value(QStringLiteral("type")).toString() == QLatin1String("greylist");
    EXPECT_GE(greylistEvents, 3); // this run: passed-known, retried, greylisted
    EXPECT_EQ(daemon.stop(), 0);
}

TEST(GreylistLive, TwoDaemonsShareOneRedisAndFailOpenWhileItIsDown)
{
    const quint16 redisPort = freePort();
    auto redis = std::make_unique<RedisServer>(redisPort);
    QString why;
    ASSERT_TRUE(redis->start(&why)) << why.toStdString();
    const QByteArray url = "redis://127.0.0.1:" + QByteArray::number(redisPort) + "/0";

    QTemporaryDir work;
    std::vector<std::unique_ptr<DaemonProcess>> mx;
    ASSERT_TRUE(startMxPair(work, greylistVariables(url), &mx));
    const QString peer = QStringLiteral("127.0.17.20");
    // Greylisted by the primary MX; the retry goes to the secondary, which knows it.
    EXPECT_EQ(rcptCode(mx[0]->port(), peer, "news@remote.test", "alice@example.test"), 451);
    EXPECT_EQ(rcptCode(mx[1]->port(), peer, "news@remote.test", "alice@example.test"),
              451); // too early there too
    QThread::msleep(kDelaySeconds * 1000 + 300);
    EXPECT_EQ(rcptCode(mx[1]->port(), peer, "news@remote.test", "alice@example.test"), 250);
    EXPECT_EQ(rcptCode(mx[0]->port(), peer, "news@remote.test", "alice@example.test"), 250);

    // Redis killed: sessions keep flowing and fail open, with no long wait.
    redis->kill();
    QThread::msleep(300);
    for (int i = 0; i < 2; ++i) {
        qint64 ms = 0;
        EXPECT_EQ(rcptCode(mx[size_t(i)]->port(), peer, "new-sender@remote.test", "bob@example.test", &ms),
                  250);
        EXPECT_LE(ms, 1500) << "an RCPT waited " << ms << " ms on a dead store";
    }
    EXPECT_TRUE(mx[0]->stderrText().contains("fails open")) << mx[0]->stderrText().toStdString();

    // Redis back (empty: no persistence): greylisting works again on both, by itself.
    redis = std::make_unique<RedisServer>(redisPort);
    ASSERT_TRUE(redis->start(&why)) << why.toStdString();
    int code = 0;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 15000 && code != 451) {
        code = rcptCode(mx[0]->port(), peer, "after@remote.test", "alice@example.test");
        if (code != 451)
            QThread::msleep(250);
    }
    EXPECT_EQ(code, 451);
    EXPECT_EQ(rcptCode(mx[1]->port(), peer, "after@remote.test", "alice@example.test"), 451);
    for (auto &d : mx)
        EXPECT_EQ(d->stop(), 0) << d->stderrText().toStdString();
}

// The greet-pass cache in the shared store: a client that waited politely for the
// banner of one MX is not paused again by the other.
TEST(GreylistLive, AGreetPassEarnedOnOneDaemonIsHonouredByTheOther)
{
    const quint16 redisPort = freePort();
    RedisServer redis(redisPort);
    QString why;
    ASSERT_TRUE(redis.start(&why)) << why.toStdString();
    const QByteArray url = "redis://127.0.0.1:" + QByteArray::number(redisPort) + "/0";

    QTemporaryDir work;
    std::vector<std::unique_ptr<DaemonProcess>> mx;
    ASSERT_TRUE(startMxPair(work, {"\"XMF-GreetPause\"\t\"1\"", "\"XMF-StateStore\"\t\"" + url + "\""}, &mx));
    auto bannerMs = [](quint16 port, const QString &peer) {
        Client c;
        if (!c.connectTo(port, peer))
            return qint64(-1);
        const Reply r = c.reply(5000);
        c.command("QUIT");
        return r.code == 220 ? r.elapsedMs : qint64(-2);
    };
    const QString polite = QStringLiteral("127.0.17.30");
    EXPECT_GE(bannerMs(mx[0]->port(), polite), 900);                        // earns its pass on the first MX
    EXPECT_LT(bannerMs(mx[1]->port(), polite), 500);                        // the second MX knows it
    EXPECT_GE(bannerMs(mx[1]->port(), QStringLiteral("127.0.17.31")), 900); // a stranger still waits
    for (auto &d : mx)
        EXPECT_EQ(d->stop(), 0) << d->stderrText().toStdString();
}

} // namespace

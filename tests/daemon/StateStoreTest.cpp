// The state stores behind greylisting and the greet-pass cache: SQLite (a file in
// the MailRoot, survives a restart) and a real redis-server that the test starts on
// loopback, killed and restarted under the store's feet.

#include "DaemonTestSupport.h"
#include "SharedDaemon.h"
#include "RedisStateStore.h"
#include "SqliteStateStore.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>

using namespace xmflow::daemon;
using namespace xmflow::daemontest;
using xmflow::engine::StateStore;
using xmflow::engine::StoreWrite;

namespace {

struct ReadResult {
    bool answered = false;
    bool available = false;
    StateStore::Values values;
    qint64 elapsedMs = 0;
};

ReadResult readSync(StateStore &store, const QList<QByteArray> &keys, int timeoutMs = 5000)
{
    ReadResult result;
    QElapsedTimer timer;
    timer.start();
    store.read(keys, [&](bool available, const StateStore::Values &values) {
        result.answered = true;
        result.available = available;
        result.values = values;
        result.elapsedMs = timer.elapsed();
    });
    while (!result.answered && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return result;
}

void spin(int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

TEST(SqliteStateStore, ValuesSurviveARestartAndExpire)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("xmflow-state.sqlite"));
    qint64 now = 1'700'000'000;
    {
        QString error;
        auto store = SqliteStateStore::open(path, &error, [&] { return now; });
        ASSERT_TRUE(store) << error.toStdString();
        store->write({{StoreWrite::Kind::Set, "gl|192.0.2.0/24|a@x|b@y", "1700000000;0", 3600},
                      {StoreWrite::Kind::Set, "short", "v", 10},
                      {StoreWrite::Kind::Increment, "awl|192.0.2.0/24", {}, 3600}});
        store->write({{StoreWrite::Kind::Increment, "awl|192.0.2.0/24", {}, 3600}});
        const ReadResult r = readSync(*store, {"gl|192.0.2.0/24|a@x|b@y", "awl|192.0.2.0/24", "missing", ""});
        ASSERT_TRUE(r.answered);
        ASSERT_TRUE(r.available);
        ASSERT_EQ(r.values.size(), 4);
        EXPECT_EQ(r.values[0], QByteArray("1700000000;0"));
        EXPECT_EQ(r.values[1], QByteArray("2"));
        EXPECT_FALSE(r.values[2]);
        EXPECT_FALSE(r.values[3]);
        EXPECT_EQ(store->describe(), QStringLiteral("sqlite:") + path);
    }
    // A new process (a restart): the rows are still there, the expired one is gone.
    now += 60;
    QString error;
    auto reopened = SqliteStateStore::open(path, &error, [&] { return now; });
    ASSERT_TRUE(reopened) << error.toStdString();
    const ReadResult r = readSync(*reopened, {"gl|192.0.2.0/24|a@x|b@y", "short", "awl|192.0.2.0/24"});
    ASSERT_TRUE(r.available);
    EXPECT_EQ(r.values[0], QByteArray("1700000000;0"));
    EXPECT_FALSE(r.values[1]);
    EXPECT_EQ(r.values[2], QByteArray("2"));
    // The file is in WAL mode.
    EXPECT_TRUE(QFileInfo::exists(path + QStringLiteral("-wal")));
}

TEST(SqliteStateStore, AnUnusablePathIsAClearError)
{
    QString error;
    auto store = SqliteStateStore::open(QStringLiteral("/proc/xmflow-no-such-dir/state.sqlite"), &error);
    EXPECT_FALSE(store);
    EXPECT_TRUE(error.contains(QStringLiteral("/proc/xmflow-no-such-dir/state.sqlite")))
        << error.toStdString();
}

TEST(RedisStateStore, ReadsWritesExpiresAndFailsOpenWhileRedisIsDown)
{
    const quint16 port = freePort();
    RedisServer redis(port);
    QString why;
    ASSERT_TRUE(redis.start(&why)) << why.toStdString();

    QString error;
    auto store = RedisStateStore::create(QStringLiteral("redis://127.0.0.1:%1/3").arg(port), &error);
    ASSERT_TRUE(store) << error.toStdString();
    QSignalSpy failed(store.get(), &StateStore::failed);
    QSignalSpy recovered(store.get(), &StateStore::recovered);
    for (int i = 0; i < 100 && !store->available(); ++i)
        spin(20);
    ASSERT_TRUE(store->available());

    store->write({{StoreWrite::Kind::Set, "gl|k", "1700000000;0", 3600},
                  {StoreWrite::Kind::Set, "short", "v", 1},
                  {StoreWrite::Kind::Increment, "awl|n", {}, 3600},
                  {StoreWrite::Kind::Increment, "awl|n", {}, 3600}});
    ReadResult r = readSync(*store, {"gl|k", "", "awl|n", "missing", "short"});
    ASSERT_TRUE(r.answered);
    ASSERT_TRUE(r.available);
    ASSERT_EQ(r.values.size(), 5);
    EXPECT_EQ(r.values[0], QByteArray("1700000000;0"));
    EXPECT_FALSE(r.values[1]);
    EXPECT_EQ(r.values[2], QByteArray("2"));
    EXPECT_FALSE(r.values[3]);
    EXPECT_EQ(r.values[4], QByteArray("v"));
    spin(2100); // Redis expires the 1-second key by itself
    r = readSync(*store, {"short", "gl|k"});
    EXPECT_FALSE(r.values[0]);
    EXPECT_EQ(r.values[1], QByteArray("1700000000;0"));

    // Redis killed: every read answers "unavailable" quickly, none waits long.
    redis.kill();
    for (int i = 0; i < 100 && store->available(); ++i)
        spin(20);
    EXPECT_FALSE(store->available());
    EXPECT_GE(failed.count(), 1);
    for (int i = 0; i < 20; ++i) {
        r = readSync(*store, {"gl|k"});
        ASSERT_TRUE(r.answered);
        EXPECT_FALSE(r.available);
        EXPECT_LE(r.elapsedMs, RedisStateStore::kReadTimeoutMs + 100);
    }
    store->write({{StoreWrite::Kind::Set, "lost", "x", 60}}); // dropped, never waited for

    // Redis back on the same port: the store reconnects by itself.
    RedisServer again(port);
    ASSERT_TRUE(again.start(&why)) << why.toStdString();
    for (int i = 0; i < 600 && !store->available(); ++i)
        spin(20);
    ASSERT_TRUE(store->available());
    EXPECT_GE(recovered.count(), 1);
    store->write({{StoreWrite::Kind::Set, "after", "y", 60}});
    r = readSync(*store, {"after", "gl|k"});
    ASSERT_TRUE(r.available);
    EXPECT_EQ(r.values[0], QByteArray("y"));
    EXPECT_FALSE(r.values[1]); // a fresh Redis without persistence
}

TEST(RedisStateStore, NobodyListeningFailsOpenAtOnce)
{
    QString error;
    auto store = RedisStateStore::create(QStringLiteral("redis://127.0.0.1:%1").arg(freePort()), &error);
    ASSERT_TRUE(store) << error.toStdString();
    spin(100);
    const ReadResult r = readSync(*store, {"gl|k"});
    ASSERT_TRUE(r.answered);
    EXPECT_FALSE(r.available);
    EXPECT_LE(r.elapsedMs, RedisStateStore::kReadTimeoutMs + 100);
}

TEST(RedisStateStore, MalformedAddressesAreRefused)
{
    for (const char *url :
         {"redis://", "http://127.0.0.1:6379", "redis://127.0.0.1:6379/x", "127.0.0.1:6379"}) {
        QString error;
        EXPECT_FALSE(RedisStateStore::create(QLatin1String(url), &error)) << url;
        EXPECT_TRUE(error.contains(QStringLiteral("redis://HOST"))) << url;
    }
}

} // namespace

// Greylist decisions per second at RCPT against a state store holding N triplets:
// SQLite (a file in a temporary folder) or a redis-server that the bench starts on
// loopback. Each decision is what the daemon does: read the triplet, pool and client
// keys, decide, write back; up to --inflight decisions wait on the store at once.
//
// With --rate N the decisions arrive at N per second whatever the store does (an open
// loop: the latency of RCPTs at that load, measured from when each was due); without it,
// --inflight decisions wait at once and each answer starts the next (the most it can do).
//
// usage: daemon_greylist_store_bench --store sqlite|redis [--triplets 1000000]
//                                    [--decisions 200000] [--inflight 64 | --rate 20000]

#include "Greylist.h"
#include "RedisStateStore.h"
#include "SqliteStateStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace xmflow::engine;
using xmflow::model::IpAddress;

namespace {

qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

struct Load {
    StateStore *store = nullptr;
    GreylistSettings settings{true};
    int decisions = 0;
    int inflight = 0;
    int rate = 0; // decisions per second (open loop); 0: closed loop of `inflight`
    int triplets = 0;
    int started = 0;
    int finished = 0;
    int passed = 0;
    int unavailable = 0;
    std::vector<double> latencyMs;
    QElapsedTimer clock;
};

GreylistKeys keysFor(quint32 n, const GreylistSettings &settings)
{
    const IpAddress peer = IpAddress::fromV4(0x0A000000u + n * 256u + 7u); // one /24 per triplet
    return greylist::keys(peer, QString(), QStringLiteral("sender%1@example.test").arg(n),
                          QStringLiteral("rcpt@local.test"), settings);
}

void startOne(Load &load)
{
    if (load.started >= load.decisions)
        return;
    // Open loop: timed from when the decision was due, so a stalled store cannot hide its wait.
    const qint64 t0 =
        load.rate > 0 ? qint64(double(load.started) * 1e9 / load.rate) : load.clock.nsecsElapsed();
    ++load.started;
    // Half retries of stored triplets, half new clients.
    const quint32 n = QRandomGenerator::global()->bounded(quint32(load.triplets * 2));
    const GreylistKeys keys = keysFor(n, load.settings);
    load.store->read(keys.all(), [&load, keys, t0](bool available, const StateStore::Values &values) {
        load.latencyMs.push_back(double(load.clock.nsecsElapsed() - t0) / 1e6);
        if (!available) {
            ++load.unavailable;
        } else {
            const GreylistDecision d = greylist::decide(keys, GreylistRecords::fromValues(keys, values),
                                                        nowSeconds(), load.settings);
            load.passed += d.pass ? 1 : 0;
            load.store->write(d.writes);
        }
        ++load.finished;
        if (load.rate == 0)
            startOne(load);
        if (load.finished == load.decisions)
            QCoreApplication::quit();
    });
}

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("store"), QStringLiteral("sqlite or redis"), QStringLiteral("kind"),
                      QStringLiteral("sqlite")});
    parser.addOption({QStringLiteral("triplets"), QStringLiteral("stored triplets"), QStringLiteral("n"),
                      QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("decisions"), QStringLiteral("decisions to time"), QStringLiteral("n"),
                      QStringLiteral("200000")});
    parser.addOption({QStringLiteral("inflight"), QStringLiteral("decisions waiting at once"),
                      QStringLiteral("n"), QStringLiteral("64")});
    parser.addOption({QStringLiteral("rate"),
                      QStringLiteral("decisions per second, arriving whatever the store does"),
                      QStringLiteral("n"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("settle-ms"),
                      QStringLiteral("idle time between the fill and the timed run"), QStringLiteral("ms"),
                      QStringLiteral("2000")});
    parser.process(app);

    Load load;
    load.triplets = parser.value(QStringLiteral("triplets")).toInt();
    load.decisions = parser.value(QStringLiteral("decisions")).toInt();
    load.inflight = parser.value(QStringLiteral("inflight")).toInt();
    load.rate = parser.value(QStringLiteral("rate")).toInt();
    const QString kind = parser.value(QStringLiteral("store"));

    QTemporaryDir dir;
    QProcess redis;
    std::unique_ptr<StateStore> store;
    QString error;
    if (kind == QLatin1String("redis")) {
        const quint16 port = freePort();
        redis.start(QStringLiteral("redis-server"),
                    {QStringLiteral("--port"), QString::number(port), QStringLiteral("--bind"),
                     QStringLiteral("127.0.0.1"), QStringLiteral("--save"), QString(),
                     QStringLiteral("--appendonly"), QStringLiteral("no")});
        for (int i = 0; i < 100; ++i) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            if (probe.waitForConnected(100))
                break;
            QThread::msleep(50);
        }
        store =
            xmflow::daemon::RedisStateStore::create(QStringLiteral("redis://127.0.0.1:%1").arg(port), &error);
        for (int i = 0; store && i < 200 && !store->available(); ++i)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    } else {
        store = xmflow::daemon::SqliteStateStore::open(dir.filePath(QStringLiteral("state.sqlite")), &error);
    }
    if (!store || !store->available()) {
        std::fprintf(stderr, "cannot open the %s store: %s\n", qPrintable(kind), qPrintable(error));
        return 1;
    }
    load.store = store.get();

    // Fill: every stored triplet was first seen 10 minutes ago (a retry passes).
    QElapsedTimer fill;
    fill.start();
    const QByteArray firstSeen = QByteArray::number(nowSeconds() - 600) + ";0";
    for (int n = 0; n < load.triplets;) {
        QList<StoreWrite> batch;
        for (int i = 0; i < 10000 && n < load.triplets; ++i, ++n)
            batch.append({StoreWrite::Kind::Set, keysFor(quint32(n), load.settings).triplet, firstSeen,
                          load.settings.maxAgeSeconds});
        store->write(batch);
        QCoreApplication::processEvents();
    }
    // A read after the writes returns once they are all in (both stores keep order).
    bool filled = false;
    store->read({keysFor(quint32(load.triplets - 1), load.settings).triplet},
                [&](bool, const StateStore::Values &) { filled = true; });
    while (!filled)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    // SQLite answers reads from the writes it has not committed yet: wait until the fill is
    // really in the database, or the timed run would measure the fill's commits.
    if (auto *sqlite = dynamic_cast<xmflow::daemon::SqliteStateStore *>(store.get()))
        while (!sqlite->allCommitted())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    const double fillSeconds = double(fill.elapsed()) / 1000.0;

    // A store just filled with a million keys is still busy with them for a moment (Redis
    // answered a few reads 300 ms late right after the fill): time it once it has settled.
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < parser.value(QStringLiteral("settle-ms")).toInt())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);

    QTimer pacer;
    load.clock.start();
    if (load.rate > 0) {
        pacer.setTimerType(Qt::PreciseTimer);
        pacer.setInterval(1);
        QObject::connect(&pacer, &QTimer::timeout, [&] {
            const qint64 due =
                qMin<qint64>(load.decisions, qint64(double(load.rate) * load.clock.nsecsElapsed() / 1e9));
            while (load.started < due)
                startOne(load);
            if (load.started >= load.decisions)
                pacer.stop();
        });
        pacer.start();
    } else {
        for (int i = 0; i < load.inflight; ++i)
            startOne(load);
    }
    app.exec();
    const double seconds = double(load.clock.nsecsElapsed()) / 1e9;
    std::sort(load.latencyMs.begin(), load.latencyMs.end());
    auto percentile = [&](double p) { return load.latencyMs[size_t(p * double(load.latencyMs.size() - 1))]; };
    const QString mode = load.rate > 0 ? QStringLiteral("rate=%1/s").arg(load.rate)
                                       : QStringLiteral("inflight=%1").arg(load.inflight);
    std::printf("store=%s triplets=%d fill=%.1fs decisions=%d %s: %.0f decisions/s, "
                "read latency p50 %.3f ms p99 %.3f ms max %.3f ms, passed %d, unavailable %d\n",
                qPrintable(kind), load.triplets, fillSeconds, load.decisions, qPrintable(mode),
                double(load.decisions) / seconds, percentile(0.5), percentile(0.99), load.latencyMs.back(),
                load.passed, load.unavailable);
    store.reset();
    if (redis.state() != QProcess::NotRunning) {
        redis.terminate();
        redis.waitForFinished(5000);
    }
    return load.unavailable == 0 ? 0 : 2;
}

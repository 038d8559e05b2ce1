// Connect-time decisions per second for random peers.
//
//   PolicyEvaluate/spammers:N/trace:0|1  Policy::evaluate for random IPv4 peers, the verdict
//                                        alone (the daemon) or with its trace (the simulator)
//   PolicyLookup/spammers:N              the indexed lookups alone: PrefixIndex over the same
//                                        spammers + ipmap + ipprop lines
//
// N = spammers.tab lines (1,000 / 10,000 / 100,000); smtp.ipmap.tab has 10,000 lines and
// smtp.ipprop.tab 1,000 in every case. Target: >= 1,000,000 decisions/s on one core and
// less than 2x slowdown from 1k to 100k.

#include "Policy.h"
#include "PrefixIndex.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <random>

using namespace xmflow;

namespace {

struct Fixture {
    QTemporaryDir dir;
    std::shared_ptr<const engine::Policy> policy;
    engine::PrefixIndex spammers, ipmap, ipprop;
    std::vector<model::IpAddress> peers;
};

QString v4(quint32 a)
{
    return model::IpAddress::fromV4(a).toString();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
}

Fixture *fixture(int spammerLines)
{
    static std::map<int, std::unique_ptr<Fixture>> cache;
    auto &slot = cache[spammerLines];
    if (slot)
        return slot.get();
    slot = std::make_unique<Fixture>();
    Fixture &fx = *slot;
    std::mt19937 rng(42);
    std::uniform_int_distribution<quint32> any;
    std::uniform_int_distribution<int> bits(16, 32);
    QByteArray spam, map, prop;
    for (int i = 0; i < spammerLines; ++i) {
        const int b = bits(rng);
        spam += QStringLiteral("\"%1/%2\"\t\"code=%3\"\n").arg(v4(any(rng))).arg(b).arg(i % 3 == 0 ? -5 : (i % 3 == 1 ? 0 : 1)).toUtf8();
    }
    for (int i = 0; i < 10000; ++i)
        map += QStringLiteral("\"%1/%2\"\t\"0\"\t\"%3\"\t%4\n").arg(v4(any(rng))).arg(bits(rng)).arg(i % 2 ? QStringLiteral("ALLOW") : QStringLiteral("DENY")).arg(i % 5).toUtf8();
    for (int i = 0; i < 1000; ++i)
        prop += QStringLiteral("\"%1/%2\"\t\"EnableVRFY\"\n").arg(v4(any(rng))).arg(bits(rng)).toUtf8();
    const QDir d(fx.dir.path());
    writeFile(d.filePath(QStringLiteral("spammers.tab")), spam);
    writeFile(d.filePath(QStringLiteral("smtp.ipmap.tab")), map);
    writeFile(d.filePath(QStringLiteral("smtp.ipprop.tab")), prop);
    writeFile(d.filePath(QStringLiteral("server.tab")), "\"RootDomain\"\t\"example.test\"\n\"SMTP-IpMapDropCode\"\t\"-3\"\n");
    const auto root = model::MailRoot::load(fx.dir.path());
    if (!root)
        qFatal("cannot load the MailRoot");
    fx.policy = engine::Policy::compile(*root, engine::PolicyOptions{true});
    const model::ParsedTables &t = root->tables();
    auto index = [](const auto &rules) {
        std::vector<engine::PrefixIndex::Entry> entries;
        for (int i = 0; i < int(rules.size()); ++i)
            entries.push_back({rules.at(i).filter, i, i});
        return engine::PrefixIndex(entries);
    };
    fx.spammers = index(t.spammers);
    fx.ipmap = index(t.ipMap);
    fx.ipprop = index(t.ipProp);
    // Random peers; one in four inside a spammers.tab prefix so that lines match.
    for (int i = 0; i < 65536; ++i) {
        quint32 a = any(rng);
        if (i % 4 == 0) {
            const auto &rule = t.spammers.at(int(any(rng) % quint32(t.spammers.size())));
            const quint32 mask = rule.filter.prefixLength == 0 ? 0 : ~quint32(0) << (32 - rule.filter.prefixLength);
            a = (rule.filter.address.v4() & mask) | (a & ~mask);
        }
        fx.peers.push_back(model::IpAddress::fromV4(a));
    }
    return &fx;
}

// trace=1: the simulator's path, the verdict and its full trace.
// trace=0: the daemon's path, the verdict without the trace texts.
void PolicyEvaluate(benchmark::State &state)
{
    Fixture *fx = fixture(int(state.range(0)));
    const bool withTrace = state.range(1) != 0;
    const engine::Endpoint local{model::IpAddress::fromV4(0x7f000001), 25};
    engine::DnsAnswers dns;
    dns.ptrLooked = true;
    size_t i = 0;
    for (auto _ : state) {
        const engine::ConnectVerdict v = fx->policy->evaluate(fx->peers[i++ & 0xffff], local, dns, withTrace);
        benchmark::DoNotOptimize(v.delaySeconds);
    }
    state.counters["decisions/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}

void PolicyLookup(benchmark::State &state)
{
    Fixture *fx = fixture(int(state.range(0)));
    size_t i = 0;
    for (auto _ : state) {
        const model::IpAddress &peer = fx->peers[i++ & 0xffff];
        const int prop = fx->ipprop.lookup(peer);
        const int map = fx->ipmap.lookup(peer);
        const int spam = fx->spammers.lookup(peer);
        benchmark::DoNotOptimize(prop + map + spam);
    }
    state.counters["decisions/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}

} // namespace

BENCHMARK(PolicyEvaluate)->ArgNames({"spammers", "trace"})->ArgsProduct({{1000, 10000, 100000}, {0, 1}})->Unit(benchmark::kNanosecond);
BENCHMARK(PolicyLookup)->ArgName("spammers")->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kNanosecond);

BENCHMARK_MAIN();

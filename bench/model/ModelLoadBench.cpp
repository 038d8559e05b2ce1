// Times MailRoot::load of a generated 100,000-line spammers.tab and a
// 10,000-line smtp.ipmap.tab (target: < 150 ms, < 64 MB peak RSS).
//
//   model_load_bench                      Google Benchmark run
//   model_load_bench --write DIR          only write the generated MailRoot into DIR
//   model_load_bench --load-once DIR      load DIR once, print the time and peak RSS (ru_maxrss)
// bench/model/peak-memory.sh combines the last two, so generation does not count.

#include "MailRoot.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <random>

using namespace xmflow::model;

namespace {

constexpr int kSpammerLines = 100000;
constexpr int kIpMapLines = 10000;

QByteArray ipv4(std::mt19937 &rng)
{
    std::uniform_int_distribution<int> octet(1, 254);
    return QByteArray::number(octet(rng)) + '.' + QByteArray::number(octet(rng)) + '.' + QByteArray::number(octet(rng))
           + '.' + QByteArray::number(octet(rng));
}

bool writeMailRoot(const QString &dir)
{
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> pick(0, 99);
    QByteArray spammers;
    spammers.reserve(kSpammerLines * 40);
    spammers += "# generated spammers.tab\n";
    for (int i = 1; i < kSpammerLines; ++i) {
        const int style = pick(rng);
        if (style < 5) {
            spammers += "# comment " + QByteArray::number(i) + '\n';
        } else if (style < 60) {
            spammers += '"' + ipv4(rng) + "/" + QByteArray::number(8 + pick(rng) % 25) + "\"\t\"code=-"
                        + QByteArray::number(pick(rng)) + "\"\n";
        } else if (style < 85) {
            spammers += '"' + ipv4(rng) + "\"\t\"255.255.255.0\"\t\"code=0\"\r\n";
        } else {
            spammers += '"' + ipv4(rng) + "/32\"\n";
        }
    }
    QByteArray ipmap;
    ipmap.reserve(kIpMapLines * 45);
    for (int i = 0; i < kIpMapLines; ++i)
        ipmap += '"' + ipv4(rng) + "\"\t\"255.255.0.0\"\t\"" + (pick(rng) < 50 ? "ALLOW" : "DENY") + "\"\t"
                 + QByteArray::number(pick(rng) % 10) + '\n';

    const auto write = [&dir](const char *name, const QByteArray &bytes) {
        QFile file(QDir(dir).filePath(QString::fromLatin1(name)));
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    };
    return write("spammers.tab", spammers) && write("smtp.ipmap.tab", ipmap);
}

double cpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
           + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

void BM_LoadSpammersAndIpMap(benchmark::State &state)
{
    QTemporaryDir dir;
    if (!dir.isValid() || !writeMailRoot(dir.path())) {
        state.SkipWithError("cannot write the generated MailRoot");
        return;
    }
    qsizetype rules = 0;
    for (auto _ : state) {
        auto root = MailRoot::load(dir.path());
        if (!root) {
            state.SkipWithError("load failed");
            return;
        }
        rules = root->tables().spammers.size() + root->tables().ipMap.size();
        benchmark::DoNotOptimize(root);
    }
    state.counters["rules"] = double(rules);
    state.counters["peak_rss_MB"] = double(peakRssKb()) / 1024.0;
}
BENCHMARK(BM_LoadSpammersAndIpMap)->Unit(benchmark::kMillisecond)->MinTime(2.0);

} // namespace

int main(int argc, char **argv)
{
    if (argc == 3 && std::strcmp(argv[1], "--write") == 0)
        return writeMailRoot(QString::fromLocal8Bit(argv[2])) ? 0 : 1;
    if (argc == 3 && std::strcmp(argv[1], "--load-once") == 0) {
        const long before = peakRssKb();
        const double cpuBefore = cpuMs();
        QElapsedTimer timer;
        timer.start();
        const auto root = MailRoot::load(QString::fromLocal8Bit(argv[2]));
        const qint64 ms = timer.elapsed();
        const double cpu = cpuMs() - cpuBefore;
        if (!root)
            return 1;
        std::printf("load: %lld ms wall, %.0f ms CPU; %lld spammers rules, %lld ipmap rules, %lld diagnostics\n",
                    static_cast<long long>(ms), cpu, static_cast<long long>(root->tables().spammers.size()),
                    static_cast<long long>(root->tables().ipMap.size()),
                    static_cast<long long>(root->diagnostics().size()));
        std::printf("peak RSS: %.1f MB (%.1f MB before loading)\n", double(peakRssKb()) / 1024.0, double(before) / 1024.0);
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

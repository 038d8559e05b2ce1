// Property tests: engine::PrefixIndex (and Policy's indexed lookups) agree with a
// naive linear scan over model::AddressFilter::matches, XMail's own match rule.

#include "EngineTestSupport.h"
#include "PrefixIndex.h"
#include "Stages.h"

#include <QtEndian>

#include <climits>
#include <random>
#include <vector>

using namespace xmflow;
using engine::PrefixIndex;
using model::AddressFilter;
using model::IpAddress;

namespace {

using Entry = PrefixIndex::Entry;

// The reference: scan every filter, keep the lowest rank that matches.
int linearLookup(const std::vector<Entry> &entries, const IpAddress &peer)
{
    int bestRank = INT_MAX, bestValue = -1;
    for (const Entry &e : entries)
        if (e.rank < bestRank && e.filter.matches(peer)) {
            bestRank = e.rank;
            bestValue = e.value;
        }
    return bestValue;
}

class Generator
{
public:
    explicit Generator(unsigned seed)
        : rng(seed)
    {
    }

    std::mt19937 rng;

    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
    quint32 u32() { return std::uniform_int_distribution<quint32>()(rng); }
    bool chance(int percent) { return uniform(0, 99) < percent; }

    IpAddress randomV4() { return IpAddress::fromV4(u32()); }
    IpAddress randomV6()
    {
        IpAddress a;
        a.v6 = true;
        for (auto &b : a.bytes)
            b = quint8(uniform(0, 255));
        // Some addresses share a common /16 or /32 so that prefixes overlap.
        if (chance(50)) {
            a.bytes[0] = 0x20;
            a.bytes[1] = 0x01;
            if (chance(50)) {
                a.bytes[2] = 0x0d;
                a.bytes[3] = 0xb8;
            }
        }
        return a;
    }
    // ::ffff:a.b.c.d or ::a.b.c.d
    IpAddress v4InV6(quint32 v4, bool mapped)
    {
        IpAddress a;
        a.v6 = true;
        if (mapped)
            a.bytes[10] = a.bytes[11] = 0xff;
        qToBigEndian(v4, a.bytes.data() + 12);
        return a;
    }
    // IPv4 addresses clustered in 10.0.0.0/8 half the time so that prefixes overlap.
    quint32 clusteredV4()
    {
        quint32 v = u32();
        if (chance(50))
            v = 0x0a000000 | (v & (chance(50) ? 0x0000ffff : 0x00ffffff));
        return v;
    }

    // A filter as a table line would give it, parsed by the model.
    AddressFilter randomFilter()
    {
        const int kind = uniform(0, 99);
        if (kind < 40) { // IPv4 addr/bits, every length
            const IpAddress a = IpAddress::fromV4(clusteredV4());
            return parsePrefix(a.toString(), uniform(0, 32));
        }
        if (kind < 55) { // IPv4 netmask form, contiguous or not
            const IpAddress a = IpAddress::fromV4(clusteredV4());
            quint32 mask = chance(50) ? (u32() | 0xff000000) : quint32(quint64(~quint32(0)) << uniform(0, 32)); // shifted as 64 bits: 32 gives 0 (UB on 32 bits)
            if (chance(10))
                mask = 0;
            const QByteArray maskText = IpAddress::fromV4(mask).toString().toLatin1();
            const auto parsed = AddressFilter::parse(a.toString().toLatin1(), &maskText);
            EXPECT_TRUE(parsed.filter.has_value());
            return *parsed.filter;
        }
        if (kind < 85) // IPv6 addr/bits, every length
            return parsePrefix(randomV6().toString(), uniform(0, 128));
        // IPv6 written as v4-mapped or v4-compatible: also matches IPv4 peers.
        const IpAddress a = v4InV6(clusteredV4(), chance(70));
        return parsePrefix(a.toString(), uniform(80, 128));
    }

    AddressFilter parsePrefix(const QString &address, int bits)
    {
        const QByteArray text = (address + QLatin1Char('/') + QString::number(bits)).toLatin1();
        const auto parsed = AddressFilter::parse(text, nullptr);
        EXPECT_TRUE(parsed.filter.has_value()) << text.constData();
        return parsed.filter.value_or(AddressFilter());
    }

    // A peer: random, or inside one of the filters (host bits randomised), in every family form.
    IpAddress randomPeer(const std::vector<AddressFilter> &filters)
    {
        IpAddress peer;
        if (!filters.empty() && chance(70)) {
            const AddressFilter &f = filters[size_t(uniform(0, int(filters.size()) - 1))];
            peer = f.address;
            const size_t n = peer.v6 ? 16 : 4;
            for (size_t i = 0; i < n; ++i)
                peer.bytes[i] = quint8((f.address.bytes[i] & f.mask[i]) | (uniform(0, 255) & ~f.mask[i]));
        } else {
            peer = chance(50) ? IpAddress::fromV4(clusteredV4()) : randomV6();
        }
        // Show IPv4 peers as dual-stack sockets do, sometimes; and v4-compatible ones.
        if (!peer.v6 && chance(20))
            peer = v4InV6(peer.v4(), chance(75));
        else if (peer.v6 && f4(peer) && chance(50))
            peer = IpAddress::fromV4(qFromBigEndian<quint32>(peer.bytes.data() + 12));
        return peer;
    }

    static bool f4(const IpAddress &a)
    {
        for (int i = 0; i < 10; ++i)
            if (a.bytes[size_t(i)] != 0)
                return false;
        return (a.bytes[10] == 0 && a.bytes[11] == 0) || (a.bytes[10] == 0xff && a.bytes[11] == 0xff);
    }
};

} // namespace

// First-match ranking (line order): the index and the linear scan give the same line.
TEST(PrefixIndexProperty, FirstMatchAgreesWithLinearScan)
{
    for (unsigned seed = 1; seed <= 40; ++seed) {
        Generator gen(seed);
        std::vector<Entry> entries;
        std::vector<AddressFilter> filters;
        const int lines = gen.uniform(1, 300);
        for (int i = 0; i < lines; ++i) {
            AddressFilter f = (!filters.empty() && gen.chance(10)) ? filters[size_t(gen.uniform(0, int(filters.size()) - 1))]
                                                                  : gen.randomFilter(); // duplicates
            filters.push_back(f);
            entries.push_back({f, i, i});
        }
        const PrefixIndex index(entries);
        for (int n = 0; n < 3000; ++n) {
            const IpAddress peer = gen.randomPeer(filters);
            const int want = linearLookup(entries, peer);
            const int got = index.lookup(peer);
            ASSERT_EQ(got, want) << "seed " << seed << " peer " << peer.toString().toStdString() << " index picked "
                                 << (got >= 0 ? entries[size_t(got)].filter.toString().toStdString() : "none")
                                 << ", reference " << (want >= 0 ? entries[size_t(want)].filter.toString().toStdString() : "none");
        }
    }
}

// Arbitrary ranks (as for smtp.ipmap.tab's precedence order), with duplicates of the
// same prefix at different ranks: the lowest rank must win wherever it was added.
TEST(PrefixIndexProperty, LowestRankWinsWhateverTheInsertionOrder)
{
    for (unsigned seed = 100; seed < 130; ++seed) {
        Generator gen(seed);
        std::vector<Entry> entries;
        std::vector<AddressFilter> filters;
        const int lines = gen.uniform(1, 200);
        std::vector<int> ranks(static_cast<size_t>(lines));
        for (int i = 0; i < lines; ++i)
            ranks[size_t(i)] = i;
        std::shuffle(ranks.begin(), ranks.end(), gen.rng);
        for (int i = 0; i < lines; ++i) {
            AddressFilter f = (!filters.empty() && gen.chance(20)) ? filters[size_t(gen.uniform(0, int(filters.size()) - 1))]
                                                                  : gen.randomFilter();
            filters.push_back(f);
            entries.push_back({f, ranks[size_t(i)], i});
        }
        const PrefixIndex index(entries);
        for (int n = 0; n < 2000; ++n) {
            const IpAddress peer = gen.randomPeer(filters);
            ASSERT_EQ(index.lookup(peer), linearLookup(entries, peer)) << "seed " << seed << " peer " << peer.toString().toStdString();
        }
    }
}

TEST(PrefixIndex, EmptyIndexFindsNothing)
{
    PrefixIndex index;
    EXPECT_TRUE(index.isEmpty());
    EXPECT_EQ(index.lookup(IpAddress::fromV4(0x01020304)), -1);
}

TEST(PrefixIndex, CrossFamilyMatches)
{
    Generator gen(7);
    const PrefixIndex index({{gen.parsePrefix(QStringLiteral("192.0.2.0"), 24), 0, 10},
                             {gen.parsePrefix(QStringLiteral("::ffff:198.51.100.0"), 120), 1, 11}});
    // An IPv4 line matches the v4-mapped and the v4-compatible form of a peer.
    EXPECT_EQ(index.lookup(xmflow::testing::ip("::ffff:192.0.2.7")), 10);
    EXPECT_EQ(index.lookup(xmflow::testing::ip("::192.0.2.7")), 10);
    // A v4-mapped IPv6 line matches the plain IPv4 peer and its mapped form.
    EXPECT_EQ(index.lookup(xmflow::testing::ip("198.51.100.9")), 11);
    EXPECT_EQ(index.lookup(xmflow::testing::ip("::ffff:198.51.100.9")), 11);
    EXPECT_EQ(index.lookup(xmflow::testing::ip("2001:db8::1")), -1);
}

// The ends of each address space: a range ending at the last address, and /0 under /32.
TEST(PrefixIndex, FamilyBoundaries)
{
    Generator gen(8);
    const PrefixIndex index({{gen.parsePrefix(QStringLiteral("255.255.255.255"), 32), 0, 1},
                             {gen.parsePrefix(QStringLiteral("255.255.255.0"), 24), 1, 2},
                             {gen.parsePrefix(QStringLiteral("0.0.0.0"), 0), 2, 3},
                             {gen.parsePrefix(QStringLiteral("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), 128), 0, 4},
                             {gen.parsePrefix(QStringLiteral("::"), 0), 5, 5}});
    EXPECT_EQ(index.lookup(xmflow::testing::ip("255.255.255.255")), 1);
    EXPECT_EQ(index.lookup(xmflow::testing::ip("255.255.255.254")), 2);
    EXPECT_EQ(index.lookup(xmflow::testing::ip("0.0.0.0")), 3);
    EXPECT_EQ(index.lookup(xmflow::testing::ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")), 4);
    EXPECT_EQ(index.lookup(xmflow::testing::ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe")), 5);
    EXPECT_EQ(index.lookup(xmflow::testing::ip("::")), 3); // v4-compatible: 0.0.0.0/0 ranks first
}

// Segments with the same winner merge, so nested lines cost no extra segments:
// 0.0.0.0/0 first shadows everything and leaves a single segment.
TEST(PrefixIndex, ShadowedLinesAddNoSegments)
{
    Generator gen(9);
    std::vector<PrefixIndex::Entry> entries{{gen.parsePrefix(QStringLiteral("0.0.0.0"), 0), 0, 0}};
    for (int i = 1; i < 1000; ++i)
        entries.push_back({gen.randomFilter(), i, i});
    entries.erase(std::remove_if(entries.begin() + 1, entries.end(), [](const PrefixIndex::Entry &e) { return e.filter.address.v6 || e.filter.prefixLength < 0; }),
                  entries.end());
    const PrefixIndex index(entries);
    EXPECT_EQ(index.segmentCount(), 1u);
    EXPECT_EQ(index.lookup(gen.randomV4()), 0);
}

// ---- The same property through the real tables and Policy::evaluate's trace ----

namespace {

QString filterField(Generator &gen, bool allowNetmask, QString *maskField)
{
    const int kind = gen.uniform(0, 99);
    if (allowNetmask && kind < 15) {
        const IpAddress a = IpAddress::fromV4(gen.clusteredV4());
        const quint32 mask = gen.chance(50) ? (gen.u32() | 0xff000000) : quint32(quint64(~quint32(0)) << gen.uniform(0, 32)); // shifted as 64 bits: 32 gives 0 (UB on 32 bits)
        *maskField = IpAddress::fromV4(mask).toString();
        return a.toString();
    }
    *maskField = QStringLiteral("0");
    if (kind < 55)
        return IpAddress::fromV4(gen.clusteredV4()).toString() + QLatin1Char('/') + QString::number(gen.uniform(0, 32));
    if (kind < 90)
        return gen.randomV6().toString() + QLatin1Char('/') + QString::number(gen.uniform(0, 128));
    return gen.v4InV6(gen.clusteredV4(), true).toString() + QLatin1Char('/') + QString::number(gen.uniform(96, 128));
}

} // namespace

// smtp.ipmap.tab: highest precedence wins, the later line on a tie, below -1 never wins.
// The reference walks the lines exactly as MscCheckAllowedIP does.
TEST(PrefixIndexProperty, IpMapRankingMatchesPolicyTrace)
{
    for (unsigned seed = 500; seed < 512; ++seed) {
        Generator gen(seed);
        xmflow::testing::TestMailRoot root;
        root.setVariable(QStringLiteral("SMTP-IpMapDropCode"), QStringLiteral("-3")); // DENY: delay, never a drop
        QByteArray table;
        const int lines = gen.uniform(1, 150);
        QStringList previous;
        for (int i = 0; i < lines; ++i) {
            QString mask;
            QString line;
            if (!previous.isEmpty() && gen.chance(15)) { // the same filter again, another verdict/precedence
                line = previous.at(gen.uniform(0, int(previous.size()) - 1));
            } else {
                const QString addr = filterField(gen, true, &mask);
                line = QStringLiteral("\"%1\"\t\"%2\"").arg(addr, mask);
                previous.append(line);
            }
            line += QStringLiteral("\t\"%1\"\t%2\n").arg(gen.chance(50) ? QStringLiteral("ALLOW") : QStringLiteral("DENY"))
                        .arg(gen.uniform(-3, 4));
            table += line.toUtf8();
        }
        root.write(QStringLiteral("smtp.ipmap.tab"), table);
        const model::MailRoot mailRoot = root.load();
        const auto policy = engine::Policy::compile(mailRoot, engine::PolicyOptions{true});
        const auto &rules = mailRoot.tables().ipMap;
        ASSERT_EQ(rules.size(), lines) << "every generated line parses";
        std::vector<AddressFilter> filters;
        for (const auto &r : rules)
            filters.push_back(r.filter);

        for (int n = 0; n < 800; ++n) {
            const IpAddress peer = gen.randomPeer(filters);
            // Reference: start at precedence -1, a matching line with p >= best replaces.
            // Policy reads a v4-mapped peer (dual-stack socket) as the IPv4 peer it is.
            const IpAddress seen = peer.unmapped();
            int best = -1, winner = 0;
            for (const auto &r : rules)
                if (r.filter.matches(seen) && r.precedence >= best) {
                    best = r.precedence;
                    winner = r.line;
                }
            const auto verdict = policy->evaluate(peer, xmflow::testing::endpoint(), xmflow::testing::noDns());
            const engine::TraceEntry *e = xmflow::testing::traceFor(verdict, engine::StageIds::IpMap);
            ASSERT_NE(e, nullptr);
            ASSERT_EQ(e->line, winner) << "seed " << seed << " peer " << peer.toString().toStdString() << "\n" << table.constData();
            if (winner > 0) {
                EXPECT_EQ(e->file, QStringLiteral("smtp.ipmap.tab"));
                const bool allow = std::find_if(rules.cbegin(), rules.cend(), [winner](const auto &r) { return r.line == winner; })->allow;
                EXPECT_EQ(verdict.delaySeconds, allow ? 0 : 3);
            }
        }
    }
}

// spammers.tab and smtp.ipprop.tab: the first matching line decides, through Policy.
TEST(PrefixIndexProperty, FirstMatchTablesMatchPolicyTrace)
{
    for (unsigned seed = 900; seed < 910; ++seed) {
        Generator gen(seed);
        xmflow::testing::TestMailRoot root;
        root.write(QStringLiteral("smtp.ipmap.tab"), {});
        QByteArray spammers, ipprop;
        const int lines = gen.uniform(1, 200);
        for (int i = 0; i < lines; ++i) {
            QString mask;
            const QString addr = filterField(gen, true, &mask);
            // code=-1..-9: every line is a delay, so the session carries on to the trace's end.
            if (mask != QLatin1String("0"))
                spammers += QStringLiteral("\"%1\"\t\"%2\"\t\"code=-%3\"\n").arg(addr, mask).arg(gen.uniform(1, 9)).toUtf8();
            else
                spammers += QStringLiteral("\"%1\"\t\"code=-%2\"\n").arg(addr).arg(gen.uniform(1, 9)).toUtf8();
            const QString propAddr = filterField(gen, false, &mask);
            ipprop += QStringLiteral("\"%1\"\t\"EnableVRFY=1\"\n").arg(propAddr).toUtf8();
        }
        root.write(QStringLiteral("spammers.tab"), spammers);
        root.write(QStringLiteral("smtp.ipprop.tab"), ipprop);
        const model::MailRoot mailRoot = root.load();
        const auto policy = engine::Policy::compile(mailRoot, engine::PolicyOptions{true});
        const auto &spam = mailRoot.tables().spammers;
        const auto &props = mailRoot.tables().ipProp;
        ASSERT_EQ(spam.size(), lines);
        ASSERT_EQ(props.size(), lines);
        std::vector<AddressFilter> filters;
        for (const auto &r : spam)
            filters.push_back(r.filter);
        for (const auto &r : props)
            filters.push_back(r.filter);
        for (int n = 0; n < 800; ++n) {
            const IpAddress peer = gen.randomPeer(filters);
            int spamLine = 0, spamCode = 0, propLine = 0;
            const IpAddress seen = peer.unmapped(); // as Policy reads a dual-stack peer
            for (const auto &r : spam)
                if (r.filter.matches(seen)) {
                    spamLine = r.line;
                    spamCode = r.code;
                    break;
                }
            for (const auto &r : props)
                if (r.filter.matches(seen)) {
                    propLine = r.line;
                    break;
                }
            const auto verdict = policy->evaluate(peer, xmflow::testing::endpoint(), xmflow::testing::noDns());
            const engine::TraceEntry *s = xmflow::testing::traceFor(verdict, engine::StageIds::Spammers);
            const engine::TraceEntry *p = xmflow::testing::traceFor(verdict, engine::StageIds::IpProp);
            ASSERT_TRUE(s && p);
            ASSERT_EQ(s->line, spamLine) << "seed " << seed << " peer " << peer.toString().toStdString() << "\n" << spammers.constData();
            ASSERT_EQ(p->line, propLine) << "seed " << seed << " peer " << peer.toString().toStdString();
            EXPECT_EQ(verdict.delaySeconds, -spamCode);
            EXPECT_EQ(verdict.enableVrfy, propLine > 0);
        }
    }
}

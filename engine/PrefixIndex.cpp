#include "PrefixIndex.h"

#include <QtEndian>

#include <algorithm>
#include <climits>
#include <numeric>
#include <queue>

namespace xmflow::engine {

namespace {

using Hit = PrefixIndex::Hit;
constexpr Hit kNoHit{INT_MAX, -1};
constexpr quint32 kBuckets = 1u << 16;   // one per /16
constexpr size_t kBucketThreshold = 256; // below this a plain binary search is as fast

template <typename Key>
struct Range {
    Key first;
    Key last; // inclusive, so that a range may end at the family's last address
    Hit hit;
};

// Sweeps the ranges in address order with a heap of the ranges covering the
// current point; the heap's best entry names each segment. O(n log n).
template <typename Segment, typename Key>
void flatten(std::vector<Range<Key>> ranges, std::vector<Segment> &segments, std::vector<int> &ranks)
{
    segments.clear();
    ranks.clear();
    if (ranges.empty())
        return;
    std::sort(ranges.begin(), ranges.end(), [](const Range<Key> &a, const Range<Key> &b) { return a.first < b.first; });
    std::vector<Key> points{Key(0)};
    points.reserve(ranges.size() * 2 + 1);
    for (const Range<Key> &r : ranges) {
        points.push_back(r.first);
        if (r.last != Key(~Key(0)))
            points.push_back(r.last + 1);
    }
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());

    auto worse = [](const Range<Key> &a, const Range<Key> &b) { return a.hit.rank > b.hit.rank; };
    std::priority_queue<Range<Key>, std::vector<Range<Key>>, decltype(worse)> covering(worse);
    size_t next = 0;
    for (const Key point : points) {
        for (; next < ranges.size() && ranges[next].first == point; ++next)
            covering.push(ranges[next]);
        while (!covering.empty() && covering.top().last < point)
            covering.pop();
        const Hit hit = covering.empty() ? kNoHit : covering.top().hit;
        if (!ranks.empty() && ranks.back() == hit.rank && segments.back().value == hit.value)
            continue; // same winner as the segment before: extend it
        segments.push_back({point, hit.value});
        ranks.push_back(hit.rank);
    }
    segments.shrink_to_fit();
    ranks.shrink_to_fit();
}

// The segment holding `key` among [from, to), as an index from `begin`; npos when none.
template <typename Segment, typename Iterator, typename Key>
size_t find(Iterator begin, Iterator from, Iterator to, Key key)
{
    const auto it = std::upper_bound(from, to, key, [](Key k, const Segment &s) { return k < s.start; });
    return it == begin ? size_t(-1) : size_t(it - begin - 1);
}

__extension__ typedef unsigned __int128 Key128;

Key128 key6(const model::IpAddress &ip)
{
    return (static_cast<Key128>(qFromBigEndian<quint64>(ip.bytes.data())) << 64)
           | qFromBigEndian<quint64>(ip.bytes.data() + 8);
}

// ::a.b.c.d or ::ffff:a.b.c.d: an IPv4 filter also matches such a peer (AddressFilter::matches).
bool v4InV6(const model::IpAddress &ip)
{
    for (size_t i = 0; i < 10; ++i)
        if (ip.bytes[i] != 0)
            return false;
    return (ip.bytes[10] == 0xff && ip.bytes[11] == 0xff) || (ip.bytes[10] == 0 && ip.bytes[11] == 0);
}

} // namespace

PrefixIndex::PrefixIndex(const std::vector<Entry> &entries)
{
    // One comparable rank per entry: its position in (rank, insertion order).
    std::vector<int> order(entries.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&entries](int a, int b) { return entries[size_t(a)].rank < entries[size_t(b)].rank; });
    std::vector<int> position(entries.size());
    for (size_t i = 0; i < order.size(); ++i)
        position[size_t(order[i])] = int(i);

    std::vector<Range<quint32>> v4;
    std::vector<Range<Key6>> v6;
    for (size_t i = 0; i < entries.size(); ++i) {
        const Hit hit{position[i], entries[i].value};
        const model::AddressFilter &filter = entries[i].filter;
        const int bits = filter.prefixLength;
        // Non-contiguous masks, and IPv6 filters written as v4-mapped/compatible
        // addresses (they also match plain IPv4 peers), are checked one by one.
        if (bits < 0 || (filter.address.v6 && filter.v4CompatibleAddress)) {
            m_other.push_back({filter, hit});
        } else if (!filter.address.v6) {
            const quint32 hostBits = bits == 0 ? ~quint32(0) : (bits >= 32 ? 0 : ~quint32(0) >> bits);
            const quint32 first = filter.address.v4() & ~hostBits;
            v4.push_back({first, first | hostBits, hit});
        } else {
            const Key6 hostBits = bits == 0 ? ~Key6(0) : (bits >= 128 ? Key6(0) : ~Key6(0) >> bits);
            const Key6 first = key6(filter.address) & ~hostBits;
            v6.push_back({first, first | hostBits, hit});
        }
    }
    m_size = int(entries.size());
    flatten(std::move(v4), m_v4, m_v4Ranks);
    flatten(std::move(v6), m_v6, m_v6Ranks);
    if (m_v4.size() > kBucketThreshold) {
        m_v4Buckets.resize(kBuckets + 1);
        size_t segment = 0;
        for (quint32 bucket = 0; bucket <= kBuckets; ++bucket) {
            while (segment < m_v4.size() && (m_v4[segment].start >> 16) < bucket)
                ++segment;
            m_v4Buckets[bucket] = quint32(segment);
        }
    }
}

size_t PrefixIndex::findV4(quint32 address) const
{
    const auto begin = m_v4.cbegin();
    if (m_v4Buckets.empty())
        return find<Segment<quint32>>(begin, begin, m_v4.cend(), address);
    // Every segment before the bucket starts below the address, every one after it above.
    const quint32 bucket = address >> 16;
    return find<Segment<quint32>>(begin, begin + m_v4Buckets[bucket], begin + m_v4Buckets[bucket + 1], address);
}

int PrefixIndex::lookup(const model::IpAddress &peer) const
{
    size_t v4 = npos;
    if (!peer.v6)
        v4 = findV4(peer.v4());
    else if (v4InV6(peer))
        v4 = findV4(qFromBigEndian<quint32>(peer.bytes.data() + 12));
    if (!peer.v6 && m_other.empty()) // the common case: the rank is not needed
        return v4 == npos ? -1 : m_v4[v4].value;

    Hit best = v4 == npos ? kNoHit : Hit{m_v4Ranks[v4], m_v4[v4].value};
    if (peer.v6 && !m_v6.empty()) {
        const size_t v6 = find<Segment<Key6>>(m_v6.cbegin(), m_v6.cbegin(), m_v6.cend(), key6(peer));
        if (v6 != npos && m_v6Ranks[v6] < best.rank)
            best = Hit{m_v6Ranks[v6], m_v6[v6].value};
    }
    for (const Other &other : m_other)
        if (other.hit.rank < best.rank && other.filter.matches(peer))
            best = other.hit;
    return best.value;
}

} // namespace xmflow::engine

#pragma once

#include "AddressFilter.h"

#include <vector>

namespace xmflow::engine {

// Finds, among address filters, the best-ranked one that matches a peer without
// scanning the table. The filters are flattened once into sorted, disjoint address
// segments, each carrying the best-ranked filter that covers it, so a lookup is one
// binary search per address family (over one /16 bucket for large IPv4 lists)
// whatever the table size. Lower rank wins, the earlier entry on a tie; callers
// choose the rank (line order for first-match tables, ipMapPriorityOrder() for
// smtp.ipmap.tab). Non-contiguous netmasks and v4-mapped IPv6 filters, which no
// segment list can hold, are checked one by one (they are rare).
class PrefixIndex
{
public:
    struct Entry {
        model::AddressFilter filter;
        int rank = 0;
        int value = -1;
    };

    PrefixIndex() = default;
    explicit PrefixIndex(const std::vector<Entry> &entries);

    // The value of the best-ranked matching filter, or -1.
    int lookup(const model::IpAddress &peer) const;
    bool isEmpty() const { return m_size == 0; }
    // Segments after flattening (IPv4 + IPv6), for tests and benchmarks.
    size_t segmentCount() const { return m_v4.size() + m_v6.size(); }

    // A winner: `rank` is the entry's position in (rank, insertion order).
    struct Hit {
        int rank;
        int value;
        bool operator==(const Hit &other) const { return rank == other.rank && value == other.value; }
    };

private:
    __extension__ typedef unsigned __int128 Key6; // GCC and Clang on 64-bit targets
    // A segment runs from its start to the next segment's start. Its winner's rank
    // sits in a parallel array: a plain IPv4 lookup only needs the value, and
    // 8-byte segments keep a 100,000-line table in the CPU's L2 cache.
    template <typename Key>
    struct Segment {
        Key start;
        int value;
    };
    struct Other {
        model::AddressFilter filter;
        Hit hit;
    };

    size_t findV4(quint32 address) const; // segment index, or npos
    static constexpr size_t npos = size_t(-1);

    std::vector<Segment<quint32>> m_v4;
    std::vector<int> m_v4Ranks;
    // For large IPv4 lists: where the segments of each /16 begin in m_v4, so that
    // the binary search runs over a cache line or two.
    std::vector<quint32> m_v4Buckets;
    std::vector<Segment<Key6>> m_v6;
    std::vector<int> m_v6Ranks;
    std::vector<Other> m_other;
    int m_size = 0;
};

} // namespace xmflow::engine

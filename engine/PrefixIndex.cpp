#include "PrefixIndex.h"

#include <QtEndian>

#include <algorithm>
#include <climits>

namespace xmflow::engine {

namespace {

quint32 mask4(int bits)
{
    return bits == 0 ? 0 : ~quint32(0) << (32 - bits);
}

std::pair<quint64, quint64> key6(const model::IpAddress &ip)
{
    return {qFromBigEndian<quint64>(ip.bytes.data()), qFromBigEndian<quint64>(ip.bytes.data() + 8)};
}

// ::a.b.c.d or ::ffff:a.b.c.d: an IPv4 filter also matches such a peer (AddressFilter::matches).
bool v4InV6(const model::IpAddress &ip)
{
    for (size_t i = 0; i < 10; ++i)
        if (ip.bytes[i] != 0)
            return false;
    return (ip.bytes[10] == 0xff && ip.bytes[11] == 0xff) || (ip.bytes[10] == 0 && ip.bytes[11] == 0);
}

std::pair<quint64, quint64> mask6(int bits)
{
    const quint64 hi = bits >= 64 ? ~quint64(0) : (bits == 0 ? 0 : ~quint64(0) << (64 - bits));
    const quint64 lo = bits <= 64 ? 0 : (bits == 128 ? ~quint64(0) : ~quint64(0) << (128 - bits));
    return {hi, lo};
}

} // namespace

template <typename Map, typename Key>
void PrefixIndex::keep(Map &map, const Key &key, Hit hit)
{
    auto it = map.find(key);
    if (it == map.end())
        map.insert(key, hit);
    else if (hit.rank < it->rank)
        *it = hit;
}

void PrefixIndex::add(const model::AddressFilter &filter, int rank, int value)
{
    ++m_size;
    const Hit hit{rank, value};
    const int bits = filter.prefixLength;
    // Non-contiguous masks, and IPv6 filters written as v4-mapped/compatible
    // addresses (they also match plain IPv4 peers), are checked one by one.
    if (bits < 0 || (filter.address.v6 && filter.v4CompatibleAddress)) {
        m_other.push_back({filter, hit});
        return;
    }
    if (!filter.address.v6) {
        auto level = std::find_if(m_v4.begin(), m_v4.end(), [bits](const Level4 &l) { return l.bits == bits; });
        if (level == m_v4.end()) {
            m_v4.push_back({bits, mask4(bits), {}});
            level = m_v4.end() - 1;
        }
        keep(level->map, filter.address.v4() & level->mask, hit);
        return;
    }
    auto level = std::find_if(m_v6.begin(), m_v6.end(), [bits](const Level6 &l) { return l.bits == bits; });
    if (level == m_v6.end()) {
        m_v6.push_back({bits, mask6(bits), {}});
        level = m_v6.end() - 1;
    }
    const Key6 k = key6(filter.address);
    keep(level->map, Key6{k.first & level->mask.first, k.second & level->mask.second}, hit);
}

int PrefixIndex::lookup(const model::IpAddress &peer) const
{
    Hit best{INT_MAX, -1};
    if (!peer.v6 || v4InV6(peer)) {
        const quint32 address = peer.v6 ? qFromBigEndian<quint32>(peer.bytes.data() + 12) : peer.v4();
        for (const Level4 &level : m_v4) {
            const auto it = level.map.constFind(address & level.mask);
            if (it != level.map.cend() && it->rank < best.rank)
                best = *it;
        }
    }
    if (peer.v6) {
        const Key6 k = key6(peer);
        for (const Level6 &level : m_v6) {
            const auto it = level.map.constFind(Key6{k.first & level.mask.first, k.second & level.mask.second});
            if (it != level.map.cend() && it->rank < best.rank)
                best = *it;
        }
    }
    for (const Other &other : m_other)
        if (other.hit.rank < best.rank && other.filter.matches(peer))
            best = other.hit;
    return best.value;
}

} // namespace xmflow::engine

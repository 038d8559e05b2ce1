#pragma once

#include "AddressFilter.h"

#include <QHash>

#include <utility>
#include <vector>

namespace xmflow::engine {

// Finds, among address filters, the best-ranked one that matches a peer without
// scanning the table: one hash map per prefix length present, keyed by the masked
// address. Lower rank wins; callers choose the rank (line order for first-match
// tables, precedence order for smtp.ipmap.tab). Non-contiguous netmasks, which no
// prefix map can hold, are checked one by one (they are rare).
class PrefixIndex
{
public:
    void add(const model::AddressFilter &filter, int rank, int value);
    // The value of the best-ranked matching filter, or -1.
    int lookup(const model::IpAddress &peer) const;
    bool isEmpty() const { return m_size == 0; }

private:
    using Key6 = std::pair<quint64, quint64>;
    struct Hit {
        int rank;
        int value;
    };
    struct Level4 {
        int bits;
        quint32 mask;
        QHash<quint32, Hit> map;
    };
    struct Level6 {
        int bits;
        Key6 mask;
        QHash<Key6, Hit> map;
    };
    struct Other {
        model::AddressFilter filter;
        Hit hit;
    };

    template <typename Map, typename Key>
    static void keep(Map &map, const Key &key, Hit hit);

    std::vector<Level4> m_v4;
    std::vector<Level6> m_v6;
    std::vector<Other> m_other;
    int m_size = 0;
};

} // namespace xmflow::engine

#pragma once

#include "DnsAnswer.h"

#include <QHash>
#include <QString>

#include <optional>

namespace xmflow::engine {

// Answers kept as long as their TTL allows (RFC 2308 negative TTL for
// NXDOMAIN/NODATA). Timeouts and failures are never kept. The caller passes
// the time, so tests can move it; the size is bounded, expired entries go first.
class DnsCache
{
public:
    explicit DnsCache(int maxEntries = 50000, quint32 maxTtlSeconds = 86400);

    std::optional<DnsAnswer> find(DnsQueryKind kind, const QString &name, qint64 nowMs);
    void insert(DnsQueryKind kind, const QString &name, const DnsAnswer &answer, qint64 nowMs);
    void clear();
    int size() const { return int(m_entries.size()); }
    qint64 hits() const { return m_hits; }
    qint64 misses() const { return m_misses; }

private:
    struct Entry {
        DnsAnswer answer;
        qint64 expiresMs = 0;
    };
    static QString key(DnsQueryKind kind, const QString &name);
    void makeRoom(qint64 nowMs);

    QHash<QString, Entry> m_entries;
    int m_maxEntries;
    quint32 m_maxTtl;
    qint64 m_hits = 0;
    qint64 m_misses = 0;
};

} // namespace xmflow::engine

#include "DnsCache.h"

#include <algorithm>

namespace xmflow::engine {

DnsCache::DnsCache(int maxEntries, quint32 maxTtlSeconds)
    : m_maxEntries(qMax(1, maxEntries)), m_maxTtl(maxTtlSeconds)
{
}

QString DnsCache::key(DnsQueryKind kind, const QString &name)
{
    return QString::number(int(kind)) + QLatin1Char(' ') + normalizedDnsName(name);
}

std::optional<DnsAnswer> DnsCache::find(DnsQueryKind kind, const QString &name, qint64 nowMs)
{
    const auto it = m_entries.find(key(kind, name));
    if (it == m_entries.end()) {
        ++m_misses;
        return std::nullopt;
    }
    if (nowMs >= it->expiresMs) {
        m_entries.erase(it);
        ++m_misses;
        return std::nullopt;
    }
    ++m_hits;
    DnsAnswer answer = it->answer;
    answer.ttl = quint32((it->expiresMs - nowMs + 999) / 1000); // what is left of it
    return answer;
}

void DnsCache::insert(DnsQueryKind kind, const QString &name, const DnsAnswer &answer, qint64 nowMs)
{
    if (answer.outcome != DnsOutcome::Found && answer.outcome != DnsOutcome::NotFound)
        return;
    const quint32 ttl = qMin(answer.ttl, m_maxTtl);
    if (ttl == 0)
        return;
    const QString k = key(kind, name);
    if (!m_entries.contains(k) && m_entries.size() >= m_maxEntries)
        makeRoom(nowMs);
    m_entries.insert(k, Entry{answer, nowMs + qint64(ttl) * 1000});
}

void DnsCache::clear()
{
    m_entries.clear();
}

void DnsCache::makeRoom(qint64 nowMs)
{
    for (auto it = m_entries.begin(); it != m_entries.end();)
        it = nowMs >= it->expiresMs ? m_entries.erase(it) : std::next(it);
    if (m_entries.size() < m_maxEntries)
        return;
    // Still full of live answers (a flood of distinct peers): drop the ones closest to expiry.
    QList<qint64> expiries;
    expiries.reserve(m_entries.size());
    for (const Entry &e : std::as_const(m_entries))
        expiries.append(e.expiresMs);
    const qsizetype drop = qMax<qsizetype>(1, expiries.size() / 4);
    std::nth_element(expiries.begin(), expiries.begin() + drop - 1, expiries.end());
    const qint64 cutoff = expiries.at(drop - 1);
    for (auto it = m_entries.begin(); it != m_entries.end();)
        it = it->expiresMs <= cutoff ? m_entries.erase(it) : std::next(it);
}

} // namespace xmflow::engine

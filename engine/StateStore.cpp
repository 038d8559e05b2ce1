#include "StateStore.h"

#include <QMetaObject>

namespace xmflow::engine {

MemoryStateStore::MemoryStateStore(std::function<qint64()> nowSeconds, QObject *parent)
    : StateStore(parent), m_now(std::move(nowSeconds))
{
}

void MemoryStateStore::read(const QList<QByteArray> &keys, ReadCallback done)
{
    Values values = readNow(keys);
    QMetaObject::invokeMethod(
        this, [done = std::move(done), values = std::move(values)] { done(true, values); },
        Qt::QueuedConnection);
}

void MemoryStateStore::write(const QList<StoreWrite> &writes)
{
    writeNow(writes);
}

StateStore::Values MemoryStateStore::readNow(const QList<QByteArray> &keys) const
{
    const qint64 now = m_now();
    Values values;
    values.reserve(keys.size());
    for (const QByteArray &key : keys) {
        const auto it = m_entries.constFind(key);
        if (key.isEmpty() || it == m_entries.constEnd() || it->expires <= now)
            values.append(std::nullopt);
        else
            values.append(it->value);
    }
    return values;
}

void MemoryStateStore::writeNow(const QList<StoreWrite> &writes)
{
    const qint64 now = m_now();
    for (const StoreWrite &w : writes) {
        if (w.key.isEmpty())
            continue;
        Entry &entry = m_entries[w.key];
        if (w.kind == StoreWrite::Kind::Increment)
            entry.value = QByteArray::number((entry.expires > now ? entry.value.toLongLong() : 0) + 1);
        else
            entry.value = w.value;
        entry.expires = now + w.ttlSeconds;
    }
}

} // namespace xmflow::engine

#pragma once
// The small key-value store behind greylisting and the greet-pass cache. Keys expire
// by themselves (a TTL per write). Calls never block: a read answers later through its
// callback, from the event loop, and a store that cannot answer in time answers
// "unavailable" so that the caller fails open.

#include "Greylist.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace xmflow::engine {

class StateStore : public QObject
{
    Q_OBJECT
public:
    using Values = QList<std::optional<QByteArray>>;
    // available=false: the store could not answer (down, or slower than its timeout);
    // values then holds nothing.
    using ReadCallback = std::function<void(bool available, const Values &values)>;

    using QObject::QObject;
    ~StateStore() override = default;

    // Reads the keys; `done` runs later on this object's thread, never inside read().
    virtual void read(const QList<QByteArray> &keys, ReadCallback done) = 0;
    // Fire and forget: a failed write is reported through failed().
    virtual void write(const QList<StoreWrite> &writes) = 0;
    virtual bool available() const = 0;
    // "sqlite:/path/state.sqlite" or "redis://host:port/db", for logs and events.
    virtual QString describe() const = 0;

    // Milliseconds on a monotonic clock, for the stores' read deadlines.
    static qint64 monotonicMs();

signals:
    void failed(const QString &reason); // each failure, once per state change
    void recovered();
    void connected(); // each time a store that was not available becomes available
};

// Reads waiting for their answer, each with a deadline and what the store needs to
// finish it (Extra): the bookkeeping every store shares.
template <typename Extra> class PendingReads
{
public:
    struct Entry {
        StateStore::ReadCallback done;
        qint64 deadlineMs = 0;
        Extra extra;
    };
    quint64 add(StateStore::ReadCallback done, int timeoutMs, Extra extra = {})
    {
        const quint64 id = m_nextId++;
        m_entries.insert(id, Entry{std::move(done), StateStore::monotonicMs() + timeoutMs, std::move(extra)});
        return id;
    }
    // The entry, once: a read answered after its deadline finds nothing.
    std::optional<Entry> take(quint64 id)
    {
        const auto it = m_entries.find(id);
        if (it == m_entries.end())
            return std::nullopt;
        Entry entry = std::move(*it);
        m_entries.erase(it);
        return entry;
    }
    QList<StateStore::ReadCallback> takeExpired()
    {
        const qint64 now = StateStore::monotonicMs();
        QList<StateStore::ReadCallback> late;
        for (auto it = m_entries.begin(); it != m_entries.end();) {
            if (it->deadlineMs <= now) {
                late.append(std::move(it->done));
                it = m_entries.erase(it);
            } else {
                ++it;
            }
        }
        return late;
    }
    QList<StateStore::ReadCallback> takeAll()
    {
        QList<StateStore::ReadCallback> all;
        for (Entry &entry : m_entries)
            all.append(std::move(entry.done));
        m_entries.clear();
        return all;
    }
    bool isEmpty() const { return m_entries.isEmpty(); }

private:
    QHash<quint64, Entry> m_entries;
    quint64 m_nextId = 1;
};

// In memory, on an injected clock: the simulator and the tests.
class MemoryStateStore : public StateStore
{
    Q_OBJECT
public:
    explicit MemoryStateStore(std::function<qint64()> nowSeconds, QObject *parent = nullptr);

    void read(const QList<QByteArray> &keys, ReadCallback done) override;
    void write(const QList<StoreWrite> &writes) override;
    bool available() const override { return true; }
    QString describe() const override { return QStringLiteral("memory"); }

    // The synchronous forms the simulator uses.
    Values readNow(const QList<QByteArray> &keys) const;
    void writeNow(const QList<StoreWrite> &writes);
    qsizetype size() const { return m_entries.size(); }

private:
    struct Entry {
        QByteArray value;
        qint64 expires = 0;
    };
    std::function<qint64()> m_now;
    QHash<QByteArray, Entry> m_entries;
};

} // namespace xmflow::engine

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

signals:
    void failed(const QString &reason); // each failure, once per state change
    void recovered();
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

#pragma once
// The default state store: one SQLite file in the MailRoot (WAL mode), through QtSql,
// on a thread of its own so that no query ever runs on the event loop.

#include "StateStore.h"

#include <QHash>
#include <QThread>
#include <QTimer>

#include <memory>

namespace xmflow::daemon {

class SqliteStateWorker;

class SqliteStateStore : public engine::StateStore
{
    Q_OBJECT
public:
    // A read that has no answer after this long is answered "unavailable" (fail open).
    static constexpr int kReadTimeoutMs = 500;
    // Writes wait this long in memory, or for this many, then go in one transaction.
    static constexpr int kWriteDelayMs = 20;
    static constexpr int kMaxWritesPerCommit = 4096;
    // Expired rows are deleted this often (and at start).
    static constexpr int kExpirySweepMs = 10 * 60 * 1000;

    // Opens or creates the database; nullptr with *error when it cannot be used.
    static std::unique_ptr<SqliteStateStore> open(const QString &path, QString *error,
                                                  std::function<qint64()> nowSeconds = {});
    ~SqliteStateStore() override;

    void read(const QList<QByteArray> &keys, ReadCallback done) override;
    void write(const QList<engine::StoreWrite> &writes) override;
    bool available() const override { return m_available; }
    // Every write so far is committed (none waiting, none being committed).
    bool allCommitted() const { return m_writes.isEmpty() && m_commitsInFlight == 0; }
    QString describe() const override { return QStringLiteral("sqlite:") + m_path; }

    // Blocks until every write handed over so far is committed (tests, shutdown).
    void flush();

    struct Read {
        quint64 id = 0;
        QList<QByteArray> keys;
    };

private:
    SqliteStateStore(const QString &path, std::function<qint64()> nowSeconds);
    // A write handed over but not yet given to the database.
    struct UnwrittenValue {
        bool set = false;
        QByteArray value;
        int increments = 0;
        void mergeLater(const UnwrittenValue &later)
        {
            if (later.set)
                *this = later;
            else
                increments += later.increments;
        }
    };
    void answer(quint64 id, const QList<QByteArray> &keys, Values values);
    void postReads();
    void postWrites();
    void timeOutReads();
    void setAvailable(bool available, const QString &reason);

    QString m_path;
    std::function<qint64()> m_now;
    QThread m_writerThread;
    QThread m_readerThread;
    SqliteStateWorker *m_writer = nullptr;
    SqliteStateWorker *m_reader = nullptr;
    // Each read with its keys' writes not yet in the database.
    engine::PendingReads<QHash<QByteArray, UnwrittenValue>> m_pending;
    QList<Read> m_reads;
    bool m_readsPosted = false;
    QList<engine::StoreWrite> m_writes;
    QHash<QByteArray, UnwrittenValue> m_unwritten;  // not yet handed to the writer
    QHash<QByteArray, UnwrittenValue> m_committing; // handed over, commit not yet confirmed
    int m_commitsInFlight = 0;
    QTimer m_writeDelay;
    bool m_available = true;
    QTimer m_readTimeout;
    QTimer m_expiry;
};

} // namespace xmflow::daemon

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
    // Expired rows are deleted this often (and at start).
    static constexpr int kExpirySweepMs = 10 * 60 * 1000;

    // Opens or creates the database; nullptr with *error when it cannot be used.
    static std::unique_ptr<SqliteStateStore> open(const QString &path, QString *error,
                                                  std::function<qint64()> nowSeconds = {});
    ~SqliteStateStore() override;

    void read(const QList<QByteArray> &keys, ReadCallback done) override;
    void write(const QList<engine::StoreWrite> &writes) override;
    bool available() const override { return m_available; }
    QString describe() const override { return QStringLiteral("sqlite:") + m_path; }

    // Blocks until every write handed over so far is committed (tests, shutdown).
    void flush();

private:
    SqliteStateStore(const QString &path, std::function<qint64()> nowSeconds);
    void answer(quint64 id, bool ok, const Values &values, const QString &error);
    void postWrites();
    void timeOutReads();
    void setAvailable(bool available, const QString &reason);

    struct PendingRead {
        ReadCallback done;
        qint64 deadlineMs = 0;
    };
    QString m_path;
    std::function<qint64()> m_now;
    QThread m_thread;
    SqliteStateWorker *m_worker = nullptr;
    QHash<quint64, PendingRead> m_pending;
    quint64 m_nextId = 1;
    QList<engine::StoreWrite> m_writes;
    bool m_writePosted = false;
    bool m_available = true;
    QTimer m_readTimeout;
    QTimer m_expiry;
};

} // namespace xmflow::daemon

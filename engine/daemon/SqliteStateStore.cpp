#include "SqliteStateStore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <atomic>

namespace xmflow::daemon {

using engine::StoreWrite;

// Lives on the store's thread and owns the connection (QtSql connections are per thread).
class SqliteStateWorker : public QObject
{
public:
    explicit SqliteStateWorker(const QString &path)
        : m_connection(QStringLiteral("xmflow-state-") + QUuid::createUuid().toString(QUuid::WithoutBraces)),
          m_path(path)
    {
    }
    ~SqliteStateWorker() override
    {
        m_read.reset();
        m_set.reset();
        m_increment.reset();
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }

    QString open()
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(m_path);
        // A writer elsewhere holding the lock makes us wait this long at most.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=200"));
        if (!db.open())
            return db.lastError().text();
        QSqlQuery q(db);
        for (const char *statement :
             {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
              "CREATE TABLE IF NOT EXISTS state (key BLOB PRIMARY KEY, value BLOB NOT NULL, "
              "expires INTEGER NOT NULL) WITHOUT ROWID",
              "CREATE INDEX IF NOT EXISTS state_expires ON state (expires)"}) {
            if (!q.exec(QLatin1String(statement)))
                return q.lastError().text();
        }
        m_read = std::make_unique<QSqlQuery>(db);
        m_set = std::make_unique<QSqlQuery>(db);
        m_increment = std::make_unique<QSqlQuery>(db);
        if (!m_read->prepare(QStringLiteral("SELECT value FROM state WHERE key = ? AND expires > ?")) ||
            !m_set->prepare(QStringLiteral("INSERT INTO state (key, value, expires) VALUES (?, ?, ?) "
                                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                                           "expires = excluded.expires")) ||
            !m_increment->prepare(QStringLiteral(
                "INSERT INTO state (key, value, expires) VALUES (?, '1', ?) ON CONFLICT (key) DO UPDATE SET "
                "value = CAST(CASE WHEN expires > ? THEN CAST(value AS INTEGER) + 1 ELSE 1 END AS TEXT), "
                "expires = excluded.expires")))
            return m_read->lastError().text() + m_set->lastError().text() + m_increment->lastError().text();
        return {};
    }

    bool read(const QList<QByteArray> &keys, qint64 now, engine::StateStore::Values *values, QString *error)
    {
        for (const QByteArray &key : keys) {
            if (key.isEmpty()) {
                values->append(std::nullopt);
                continue;
            }
            m_read->bindValue(0, key);
            m_read->bindValue(1, now);
            if (!m_read->exec()) {
                *error = m_read->lastError().text();
                return false;
            }
            if (m_read->next())
                values->append(m_read->value(0).toByteArray());
            else
                values->append(std::nullopt);
            m_read->finish();
        }
        return true;
    }

    QString write(const QList<StoreWrite> &writes, qint64 now)
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.transaction();
        for (const StoreWrite &w : writes) {
            if (w.key.isEmpty())
                continue;
            QSqlQuery &q = w.kind == StoreWrite::Kind::Set ? *m_set : *m_increment;
            if (w.kind == StoreWrite::Kind::Set) {
                q.bindValue(0, w.key);
                q.bindValue(1, w.value);
                q.bindValue(2, now + w.ttlSeconds);
            } else {
                q.bindValue(0, w.key);
                q.bindValue(1, now + w.ttlSeconds);
                q.bindValue(2, now);
            }
            if (!q.exec()) {
                const QString error = q.lastError().text();
                db.rollback();
                return error;
            }
        }
        if (!db.commit())
            return db.lastError().text();
        return {};
    }

    QString expire(qint64 now)
    {
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        q.prepare(QStringLiteral("DELETE FROM state WHERE expires <= ?"));
        q.bindValue(0, now);
        return q.exec() ? QString() : q.lastError().text();
    }

private:
    QString m_connection;
    QString m_path;
    std::unique_ptr<QSqlQuery> m_read;
    std::unique_ptr<QSqlQuery> m_set;
    std::unique_ptr<QSqlQuery> m_increment;
};

namespace {
qint64 wallClockSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}
qint64 steadyMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}
} // namespace

SqliteStateStore::SqliteStateStore(const QString &path, std::function<qint64()> nowSeconds)
    : m_path(path), m_now(nowSeconds ? std::move(nowSeconds) : std::function<qint64()>(wallClockSeconds))
{
    m_thread.setObjectName(QStringLiteral("xmflow-sqlite"));
    m_readTimeout.setInterval(kReadTimeoutMs / 5);
    connect(&m_readTimeout, &QTimer::timeout, this, &SqliteStateStore::timeOutReads);
    m_expiry.setInterval(kExpirySweepMs);
    connect(&m_expiry, &QTimer::timeout, this, [this] {
        const qint64 now = m_now();
        QMetaObject::invokeMethod(m_worker, [this, worker = m_worker, now] {
            const QString error = worker->expire(now);
            if (!error.isEmpty())
                QMetaObject::invokeMethod(this, [this, error] { setAvailable(false, error); });
        });
    });
}

std::unique_ptr<SqliteStateStore> SqliteStateStore::open(const QString &path, QString *error,
                                                         std::function<qint64()> nowSeconds)
{
    std::unique_ptr<SqliteStateStore> store(new SqliteStateStore(path, std::move(nowSeconds)));
    store->m_worker = new SqliteStateWorker(path);
    store->m_worker->moveToThread(&store->m_thread);
    connect(&store->m_thread, &QThread::finished, store->m_worker, &QObject::deleteLater);
    store->m_thread.start();
    QString openError;
    const qint64 now = store->m_now();
    QMetaObject::invokeMethod(
        store->m_worker,
        [worker = store->m_worker, &openError, now] {
            openError = worker->open();
            if (openError.isEmpty())
                openError = worker->expire(now);
        },
        Qt::BlockingQueuedConnection);
    if (!openError.isEmpty()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, openError);
        return nullptr;
    }
    store->m_expiry.start();
    return store;
}

SqliteStateStore::~SqliteStateStore()
{
    flush();
    m_thread.quit();
    m_thread.wait();
}

void SqliteStateStore::read(const QList<QByteArray> &keys, ReadCallback done)
{
    postWrites(); // a read sees every write handed over before it
    const quint64 id = m_nextId++;
    m_pending.insert(id, {std::move(done), steadyMs() + kReadTimeoutMs});
    if (!m_readTimeout.isActive())
        m_readTimeout.start();
    const qint64 now = m_now();
    QMetaObject::invokeMethod(m_worker, [this, worker = m_worker, id, keys, now] {
        Values values;
        QString error;
        const bool ok = worker->read(keys, now, &values, &error);
        QMetaObject::invokeMethod(
            this, [this, id, ok, values = std::move(values), error] { answer(id, ok, values, error); });
    });
}

void SqliteStateStore::answer(quint64 id, bool ok, const Values &values, const QString &error)
{
    setAvailable(ok, error);
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return; // answered "unavailable" already: too late
    ReadCallback done = std::move(it->done);
    m_pending.erase(it);
    done(ok, ok ? values : Values());
}

void SqliteStateStore::timeOutReads()
{
    const qint64 now = steadyMs();
    QList<ReadCallback> late;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->deadlineMs <= now) {
            late.append(std::move(it->done));
            it = m_pending.erase(it);
        } else {
            ++it;
        }
    }
    if (m_pending.isEmpty())
        m_readTimeout.stop();
    if (!late.isEmpty())
        setAvailable(false, QStringLiteral("no answer within %1 ms").arg(kReadTimeoutMs));
    for (const ReadCallback &done : late)
        done(false, {});
}

void SqliteStateStore::write(const QList<StoreWrite> &writes)
{
    if (writes.isEmpty())
        return;
    m_writes += writes;
    if (m_writePosted)
        return;
    // Writes made during one turn of the event loop go to the database in one transaction.
    m_writePosted = true;
    QMetaObject::invokeMethod(this, &SqliteStateStore::postWrites, Qt::QueuedConnection);
}

void SqliteStateStore::postWrites()
{
    m_writePosted = false;
    if (m_writes.isEmpty())
        return;
    const qint64 now = m_now();
    QMetaObject::invokeMethod(m_worker, [this, worker = m_worker, writes = std::exchange(m_writes, {}), now] {
        const QString error = worker->write(writes, now);
        if (!error.isEmpty())
            QMetaObject::invokeMethod(this, [this, error] { setAvailable(false, error); });
    });
}

void SqliteStateStore::flush()
{
    postWrites();
    if (m_thread.isRunning())
        QMetaObject::invokeMethod(
            m_worker, [] {}, Qt::BlockingQueuedConnection);
}

void SqliteStateStore::setAvailable(bool available, const QString &reason)
{
    if (available == m_available)
        return;
    m_available = available;
    if (available)
        emit recovered();
    else
        emit failed(reason);
}

} // namespace xmflow::daemon

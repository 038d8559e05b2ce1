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
             {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-32768",
              "PRAGMA wal_autocheckpoint=8192",
              "CREATE TABLE IF NOT EXISTS state (key BLOB PRIMARY KEY, value BLOB NOT NULL, "
              "expires INTEGER NOT NULL) WITHOUT ROWID"}) {
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

    // Each batch in one transaction: one commit for many writes, one snapshot for many reads.
    QString read(const QList<SqliteStateStore::Read> &reads, qint64 now,
                 QList<engine::StateStore::Values> *answers)
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (!db.transaction())
            return db.lastError().text();
        QString error;
        for (qsizetype i = 0; error.isEmpty() && i < reads.size(); ++i) {
            engine::StateStore::Values values;
            error = readKeys(reads[i].keys, now, &values);
            answers->append(std::move(values));
        }
        db.commit();
        return error;
    }

    QString write(const QList<StoreWrite> &writes, qint64 now)
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (!db.transaction())
            return db.lastError().text();
        const QString error = writeRows(writes, now);
        if (!error.isEmpty()) {
            db.rollback();
            return error;
        }
        return db.commit() ? QString() : db.lastError().text();
    }

    QString expire(qint64 now)
    {
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        q.prepare(QStringLiteral("DELETE FROM state WHERE expires <= ?"));
        q.bindValue(0, now);
        return q.exec() ? QString() : q.lastError().text();
    }

private:
    QString readKeys(const QList<QByteArray> &keys, qint64 now, engine::StateStore::Values *values)
    {
        for (const QByteArray &key : keys) {
            if (key.isEmpty()) {
                values->append(std::nullopt);
                continue;
            }
            m_read->bindValue(0, key);
            m_read->bindValue(1, now);
            if (!m_read->exec())
                return m_read->lastError().text();
            if (m_read->next())
                values->append(m_read->value(0).toByteArray());
            else
                values->append(std::nullopt);
            m_read->finish();
        }
        return {};
    }

    QString writeRows(const QList<StoreWrite> &writes, qint64 now)
    {
        for (const StoreWrite &w : writes) {
            if (w.key.isEmpty())
                continue;
            QSqlQuery &q = w.kind == StoreWrite::Kind::Set ? *m_set : *m_increment;
            q.bindValue(0, w.key);
            if (w.kind == StoreWrite::Kind::Set) {
                q.bindValue(1, w.value);
                q.bindValue(2, now + w.ttlSeconds);
            } else {
                q.bindValue(1, now + w.ttlSeconds);
                q.bindValue(2, now);
            }
            if (!q.exec())
                return q.lastError().text();
        }
        return {};
    }

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
    m_writerThread.setObjectName(QStringLiteral("xmflow-sqlite-w"));
    m_readerThread.setObjectName(QStringLiteral("xmflow-sqlite-r"));
    m_readTimeout.setInterval(kReadTimeoutMs / 5);
    m_writeDelay.setSingleShot(true);
    m_writeDelay.setInterval(kWriteDelayMs);
    connect(&m_writeDelay, &QTimer::timeout, this, &SqliteStateStore::postWrites);
    connect(&m_readTimeout, &QTimer::timeout, this, &SqliteStateStore::timeOutReads);
    m_expiry.setInterval(kExpirySweepMs);
    connect(&m_expiry, &QTimer::timeout, this, [this] {
        const qint64 now = m_now();
        QMetaObject::invokeMethod(m_writer, [this, worker = m_writer, now] {
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
    // WAL lets one connection read while the other commits: reads never queue behind a commit.
    QString openError;
    const qint64 now = store->m_now();
    for (auto [worker, thread] : {std::pair{&store->m_writer, &store->m_writerThread},
                                  std::pair{&store->m_reader, &store->m_readerThread}}) {
        *worker = new SqliteStateWorker(path);
        (*worker)->moveToThread(thread);
        connect(thread, &QThread::finished, *worker, &QObject::deleteLater);
        thread->start();
        if (openError.isEmpty()) {
            const bool expire = worker == &store->m_writer;
            QMetaObject::invokeMethod(
                *worker,
                [w = *worker, &openError, now, expire] {
                    openError = w->open();
                    if (openError.isEmpty() && expire)
                        openError = w->expire(now);
                },
                Qt::BlockingQueuedConnection);
        }
    }
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
    for (QThread *thread : {&m_readerThread, &m_writerThread}) {
        thread->quit();
        thread->wait();
    }
}

void SqliteStateStore::read(const QList<QByteArray> &keys, ReadCallback done)
{
    const quint64 id = m_nextId++;
    PendingRead pending{std::move(done), steadyMs() + kReadTimeoutMs, {}};
    // Writes not yet committed are not in the database yet: the answer adds them.
    for (const QByteArray &key : keys) {
        const auto committing = m_committing.constFind(key);
        const auto unwritten = m_unwritten.constFind(key);
        if (committing == m_committing.constEnd() && unwritten == m_unwritten.constEnd())
            continue;
        UnwrittenValue value = committing != m_committing.constEnd() ? *committing : UnwrittenValue();
        if (unwritten != m_unwritten.constEnd())
            value.mergeLater(*unwritten);
        pending.unwritten.insert(key, value);
    }
    m_pending.insert(id, std::move(pending));
    if (!m_readTimeout.isActive())
        m_readTimeout.start();
    m_reads.append({id, keys});
    if (!m_readsPosted) {
        m_readsPosted = true;
        QMetaObject::invokeMethod(this, &SqliteStateStore::postReads, Qt::QueuedConnection);
    }
}

void SqliteStateStore::write(const QList<StoreWrite> &writes)
{
    for (const StoreWrite &w : writes) {
        if (w.key.isEmpty())
            continue;
        m_unwritten[w.key].mergeLater(w.kind == StoreWrite::Kind::Set ? UnwrittenValue{true, w.value, 0}
                                                                      : UnwrittenValue{false, {}, 1});
        m_writes.append(w);
    }
    if (m_writes.size() >= kMaxWritesPerCommit)
        postWrites();
    else if (!m_writes.isEmpty() && !m_writeDelay.isActive())
        m_writeDelay.start();
}

void SqliteStateStore::postReads()
{
    m_readsPosted = false;
    if (m_reads.isEmpty())
        return;
    const qint64 now = m_now();
    QMetaObject::invokeMethod(m_reader, [this, worker = m_reader, reads = std::exchange(m_reads, {}), now] {
        QList<Values> answers;
        const QString error = worker->read(reads, now, &answers);
        QMetaObject::invokeMethod(this, [this, reads, answers = std::move(answers), error] {
            setAvailable(error.isEmpty(), error);
            for (qsizetype i = 0; i < reads.size(); ++i)
                answer(reads[i].id, reads[i].keys, error.isEmpty() ? answers.value(i) : Values());
        });
    });
}

void SqliteStateStore::postWrites()
{
    m_writeDelay.stop();
    if (m_writes.isEmpty())
        return;
    // Until the commit is confirmed, reads still add these writes themselves.
    for (auto it = m_unwritten.cbegin(); it != m_unwritten.cend(); ++it)
        m_committing[it.key()].mergeLater(*it);
    m_unwritten.clear();
    ++m_commitsInFlight;
    const qint64 now = m_now();
    QMetaObject::invokeMethod(m_writer, [this, worker = m_writer, writes = std::exchange(m_writes, {}), now] {
        const QString error = worker->write(writes, now);
        QMetaObject::invokeMethod(this, [this, error] {
            if (--m_commitsInFlight == 0)
                m_committing.clear();
            if (!error.isEmpty())
                setAvailable(false, error);
        });
    });
}

void SqliteStateStore::answer(quint64 id, const QList<QByteArray> &keys, Values values)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return; // answered "unavailable" already: too late
    const PendingRead pending = std::move(*it);
    m_pending.erase(it);
    if (m_available) {
        for (qsizetype i = 0; i < keys.size() && i < values.size(); ++i) {
            const auto unwritten = pending.unwritten.constFind(keys[i]);
            if (unwritten == pending.unwritten.constEnd())
                continue;
            QByteArray value = unwritten->set ? unwritten->value : values[i].value_or(QByteArray());
            if (unwritten->increments)
                value = QByteArray::number(value.toLongLong() + unwritten->increments);
            values[i] = value;
        }
    }
    pending.done(m_available, m_available ? values : Values());
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

void SqliteStateStore::flush()
{
    postReads();
    postWrites();
    if (m_writerThread.isRunning())
        QMetaObject::invokeMethod(
            m_writer, [] {}, Qt::BlockingQueuedConnection);
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

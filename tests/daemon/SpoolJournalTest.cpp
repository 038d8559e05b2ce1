// The spool journal: small spool entries are acknowledged once their journal record is
// synced (group commit); their queue files are written without a sync and put back from
// the journal after a power loss.

#include "MessageStore.h"
#include "SpoolTestSupport.h"
#include "SpoolJournal.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cerrno>
#include <unistd.h>

using namespace xmflow::daemon;
using xmflow::daemontest::envelopeFor;

namespace {

QByteArray contentOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

QStringList segmentsIn(const QString &mailRoot)
{
    return QDir(mailRoot + QStringLiteral("/spool/xmflow/journal")).entryList({QStringLiteral("J*")}, QDir::Files);
}


// What the front does with a message whole in memory at the end of DATA.
QByteArray commitOne(MessageStore &store, const QByteArray &body, QString *id, bool *ok = nullptr)
{
    const SpoolEnvelope e = envelopeFor(store);
    *id = e.id;
    const QByteArray bytes = MessageStore::encodeSpool(e, body);
    QString tmp;
    QString error;
    const int fd = store.openSpoolTemporary(e.id, &tmp);
    EXPECT_GE(fd, 0);
    const bool done = store.commitJournaled(fd, tmp, e.id, bytes, &error);
    if (ok)
        *ok = done;
    else
        EXPECT_TRUE(done) << error.toStdString();
    return bytes;
}

} // namespace

TEST(SpoolJournal, EntriesComeBackReleasedOnesDoNot)
{
    QTemporaryDir dir;
    QString error;
    {
        SpoolJournal journal(dir.path());
        ASSERT_TRUE(journal.open(&error)) << error.toStdString();
        ASSERT_TRUE(journal.appendEntry(QStringLiteral("S1"), "one"));
        ASSERT_TRUE(journal.appendEntry(QStringLiteral("S2"), "two"));
        ASSERT_TRUE(journal.appendEntry(QStringLiteral("S3"), QByteArray("th\0ree\r\n", 8)));
        journal.release(QStringLiteral("S2"));
        journal.release(QStringLiteral("S9")); // never held: nothing is written
        ASSERT_TRUE(journal.commit());
        EXPECT_TRUE(journal.holds(QStringLiteral("S1")));
        EXPECT_FALSE(journal.holds(QStringLiteral("S2")));
    }
    const SpoolJournal::Recovered found = SpoolJournal(dir.path()).recover();
    EXPECT_EQ(found.order, (QStringList{QStringLiteral("S1"), QStringLiteral("S3")}));
    EXPECT_EQ(found.live.value(QStringLiteral("S1")), QByteArray("one"));
    EXPECT_EQ(found.live.value(QStringLiteral("S3")), QByteArray("th\0ree\r\n", 8));
    EXPECT_EQ(found.segments, 1);
    EXPECT_EQ(found.tornRecords, 0);
}

TEST(SpoolJournal, ReadingStopsAtATornOrAlteredRecord)
{
    QTemporaryDir dir;
    QString error;
    {
        SpoolJournal journal(dir.path());
        ASSERT_TRUE(journal.open(&error)) << error.toStdString();
        ASSERT_TRUE(journal.appendEntry(QStringLiteral("S1"), "kept"));
        ASSERT_TRUE(journal.commit());
    }
    const QString segment = QDir(dir.path()).filePath(QDir(dir.path()).entryList(QDir::Files).first());
    const QByteArray whole = SpoolJournal::encodeRecord('E', QStringLiteral("S2"), "never acknowledged");
    {
        // A power loss in the middle of an append: half a record.
        QFile f(segment);
        ASSERT_TRUE(f.open(QIODevice::Append));
        f.write(whole.left(whole.size() / 2));
    }
    SpoolJournal::Recovered found = SpoolJournal(dir.path()).recover();
    EXPECT_EQ(found.order, QStringList{QStringLiteral("S1")});
    EXPECT_EQ(found.tornRecords, 1);

    // A whole record whose bytes changed (blocks from elsewhere after a crash) is not trusted.
    QByteArray altered = whole;
    altered[altered.size() - 1] = 'X';
    {
        QFile f(segment);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(SpoolJournal::encodeRecord('E', QStringLiteral("S1"), "kept") + altered +
                SpoolJournal::encodeRecord('E', QStringLiteral("S3"), "after the damage"));
    }
    found = SpoolJournal(dir.path()).recover();
    EXPECT_EQ(found.order, QStringList{QStringLiteral("S1")});
    EXPECT_EQ(found.tornRecords, 1);
}

// The power loss: the queue files of acknowledged entries never reached the disk, or hold
// zeros, or are gone; a delivered entry stays delivered.
TEST(SpoolJournal, AcknowledgedEntriesArePutBackAfterAPowerLoss)
{
    QTemporaryDir dir;
    QString missing, zeroed, intact, delivered;
    QByteArray missingBytes, zeroedBytes, intactBytes;
    {
        MessageStore store(dir.path());
        QString error;
        ASSERT_TRUE(store.recoverJournal(&error)) << error.toStdString();
        missingBytes = commitOne(store, "Subject: a\r\n\r\nA\r\n", &missing);
        zeroedBytes = commitOne(store, "Subject: b\r\n\r\nB\r\n", &zeroed);
        intactBytes = commitOne(store, "Subject: c\r\n\r\nC\r\n", &intact);
        commitOne(store, "Subject: d\r\n\r\nD\r\n", &delivered);
        EXPECT_EQ(contentOf(store.spoolPath(missing)), missingBytes);
        store.removeSpoolEntries({delivered});
        EXPECT_TRUE(store.journal()->holds(intact));
        EXPECT_FALSE(store.journal()->holds(delivered));
        QFile::remove(store.spoolPath(missing));
        QFile z(store.spoolPath(zeroed));
        ASSERT_TRUE(z.open(QIODevice::WriteOnly));
        z.write(QByteArray(zeroedBytes.size(), '\0'));
    }
    MessageStore store(dir.path());
    store.cleanTemporaries();
    QString error;
    int restored = -1;
    ASSERT_TRUE(store.recoverJournal(&error, &restored)) << error.toStdString();
    EXPECT_EQ(restored, 2);
    EXPECT_EQ(contentOf(store.spoolPath(missing)), missingBytes);
    EXPECT_EQ(contentOf(store.spoolPath(zeroed)), zeroedBytes);
    EXPECT_EQ(contentOf(store.spoolPath(intact)), intactBytes);
    EXPECT_FALSE(QFile::exists(store.spoolPath(delivered)));
    EXPECT_EQ(store.spoolEntries().size(), 3);
    // Everything is durable on its own now: the journal started afresh.
    EXPECT_EQ(segmentsIn(dir.path()).size(), 1);
    EXPECT_TRUE(SpoolJournal(dir.path() + QStringLiteral("/spool/xmflow/journal")).recover().order.isEmpty());
    EXPECT_TRUE(QDir(store.spoolTmpDir()).entryList(QDir::Files).isEmpty());
}

// A journal sync that fails is a 4xx to the client: the entry leaves no file, and the
// journal must not bring it back after a restart (the client sends it again).
TEST(SpoolJournal, AFailedSyncIsRefusedAndNeverComesBack)
{
    QTemporaryDir dir;
    QString id;
    {
        bool failing = true;
        MessageStore store(dir.path(), true, {}, SpoolJournal::kDefaultSegmentLimit,
                           [&](const QString &) { return failing ? EIO : 0; });
        QString error;
        ASSERT_TRUE(store.recoverJournal(&error)) << error.toStdString();
        bool ok = true;
        commitOne(store, "Subject: lost\r\n\r\nX\r\n", &id, &ok);
        EXPECT_FALSE(ok);
        EXPECT_FALSE(QFile::exists(store.spoolPath(id)));
        failing = false;
        QString next;
        commitOne(store, "Subject: next\r\n\r\nY\r\n", &next); // carries the release
    }
    MessageStore store(dir.path());
    QString error;
    int restored = -1;
    ASSERT_TRUE(store.recoverJournal(&error, &restored)) << error.toStdString();
    EXPECT_EQ(restored, 0);
    EXPECT_FALSE(QFile::exists(store.spoolPath(id)));
    EXPECT_EQ(store.spoolEntries().size(), 1);
}

// A full segment goes once what it still speaks for is durable in the queue on its own:
// the journal stays small however long an entry waits.
TEST(SpoolJournal, FullSegmentsGoOnceTheirEntriesAreDurableOnTheirOwn)
{
    QTemporaryDir dir;
    QHash<QString, QByteArray> waiting;
    {
        MessageStore store(dir.path(), true, {}, /*journalSegmentLimit=*/2048);
        QString error;
        ASSERT_TRUE(store.recoverJournal(&error)) << error.toStdString();
        for (int i = 0; i < 40; ++i) {
            QString id;
            const QByteArray bytes = commitOne(store, "Subject: m\r\n\r\n" + QByteArray(100 + i * 7, 'x') + "\r\n", &id);
            if (i % 4 == 0)
                waiting.insert(id, bytes); // the next hop is down for these
            else
                store.removeSpoolEntries({id});
            EXPECT_LE(segmentsIn(dir.path()).size(), 2) << "after message " << i;
        }
        EXPECT_EQ(store.journal()->segmentCount(), int(segmentsIn(dir.path()).size()));
    }
    MessageStore store(dir.path());
    QString error;
    int restored = -1;
    ASSERT_TRUE(store.recoverJournal(&error, &restored)) << error.toStdString();
    EXPECT_EQ(restored, 0);
    EXPECT_EQ(store.spoolEntries().size(), waiting.size());
    for (auto it = waiting.cbegin(); it != waiting.cend(); ++it)
        EXPECT_EQ(contentOf(store.spoolPath(it.key())), it.value());
}

// --no-fsync journals nothing, but a journal an earlier run left is still honoured.
TEST(SpoolJournal, ARunWithoutFsyncStillPutsBackWhatAnEarlierRunJournaled)
{
    QTemporaryDir dir;
    QString id;
    QByteArray bytes;
    {
        MessageStore store(dir.path());
        QString error;
        ASSERT_TRUE(store.recoverJournal(&error)) << error.toStdString();
        bytes = commitOne(store, "Subject: a\r\n\r\nA\r\n", &id);
        QFile::remove(store.spoolPath(id));
    }
    MessageStore store(dir.path(), /*fsyncEnabled=*/false);
    EXPECT_FALSE(store.journalEnabled());
    QString error;
    int restored = -1;
    ASSERT_TRUE(store.recoverJournal(&error, &restored)) << error.toStdString();
    EXPECT_EQ(restored, 1);
    EXPECT_EQ(contentOf(store.spoolPath(id)), bytes);
}

// A delivered entry's removal is made durable by the journal's record, not by a sync of
// the queue folder: after a power loss its old name may come back, even holding the next
// message written over the recycled file. The name goes; the next message stays whole.
TEST(SpoolJournal, ADeliveredEntrysNameThatComesBackIsRemoved)
{
    QTemporaryDir dir;
    QString delivered, next;
    QByteArray nextBytes;
    {
        MessageStore store(dir.path());
        QString error;
        ASSERT_TRUE(store.recoverJournal(&error)) << error.toStdString();
        commitOne(store, "Subject: first\r\n\r\nA\r\n", &delivered);
        store.removeSpoolEntries({delivered});
        EXPECT_EQ(store.freeSpoolFiles(), 1);
        nextBytes = commitOne(store, "Subject: second\r\n\r\nB\r\n", &next);
        EXPECT_EQ(store.freeSpoolFiles(), 0) << "the delivered file was not written over";
        // The power loss: the old name is back, on the inode that now holds the next message.
        ASSERT_EQ(::link(QFile::encodeName(store.spoolPath(next)).constData(),
                         QFile::encodeName(store.spoolPath(delivered)).constData()),
                  0);
    }
    MessageStore store(dir.path());
    QString error;
    int restored = -1;
    ASSERT_TRUE(store.recoverJournal(&error, &restored)) << error.toStdString();
    EXPECT_EQ(restored, 0);
    EXPECT_FALSE(QFile::exists(store.spoolPath(delivered)));
    EXPECT_EQ(contentOf(store.spoolPath(next)), nextBytes);
    EXPECT_EQ(store.spoolEntries(), QStringList{next});
}

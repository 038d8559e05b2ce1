// The one-time move of MailRoot/xmflow/greetpass.tab into the state store.

#include "GreetPassMigration.h"
#include "GreetPass.h"
#include "StateStore.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace xmflow::daemon;
using namespace xmflow::engine;

namespace {

constexpr qint64 kNow = 1'800'000'000;
constexpr qint64 kTtl = 86400;

bool writeLegacyFile(const QString &root, const QByteArray &bytes)
{
    QDir().mkpath(root + QStringLiteral("/xmflow"));
    QFile f(GreetPassMigration::legacyPath(root));
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

TEST(GreetPassMigration, ValidPassesMoveWithTheirRemainingTimeAndTheFileIsKeptAside)
{
    QTemporaryDir root;
    ASSERT_TRUE(writeLegacyFile(root.path(), "# xmflowd XMF-GreetPause pass cache\n"
                                             "\"192.0.2.1\"\t\"" +
                                                 QByteArray::number(kNow - 3600) +
                                                 "\"\n"
                                                 "\"192.0.2.2\"\t\"" +
                                                 QByteArray::number(kNow - kTtl - 1) +
                                                 "\"\n"
                                                 "not a line\n"
                                                 "\"2001:db8::5\"\t\"" +
                                                 QByteArray::number(kNow - 10) + "\"\n"));
    qint64 now = kNow;
    MemoryStateStore store([&] { return now; });
    const GreetPassMigration::Result result = GreetPassMigration::run(root.path(), store, kTtl, kNow);
    EXPECT_TRUE(result.fileFound);
    EXPECT_TRUE(result.error.isEmpty()) << result.error.toStdString();
    EXPECT_EQ(result.migrated, 2);
    EXPECT_EQ(result.expired, 1);
    ASSERT_EQ(result.problems.size(), 1);
    EXPECT_TRUE(result.problems.first().endsWith(
        QStringLiteral("greetpass.tab:4: not a \"peer\" TAB \"unix time\" line, skipped")))
        << result.problems.first().toStdString();

    const auto values = store.readNow({greetpass::key(QStringLiteral("192.0.2.1")),
                                       greetpass::key(QStringLiteral("192.0.2.2")),
                                       greetpass::key(QStringLiteral("2001:db8::5"))});
    EXPECT_TRUE(greetpass::valid(values.at(0), kNow, kTtl));
    EXPECT_FALSE(values.at(1).has_value());
    EXPECT_TRUE(greetpass::valid(values.at(2), kNow, kTtl));
    // The remaining time, not a fresh TTL: 192.0.2.1 passed an hour ago.
    now = kNow + kTtl - 3600;
    EXPECT_FALSE(store.readNow({greetpass::key(QStringLiteral("192.0.2.1"))}).first().has_value());

    // Once: the file is renamed, a second run finds nothing.
    EXPECT_FALSE(QFile::exists(GreetPassMigration::legacyPath(root.path())));
    EXPECT_TRUE(QFile::exists(GreetPassMigration::legacyPath(root.path()) + QStringLiteral(".migrated")));
    const GreetPassMigration::Result again = GreetPassMigration::run(root.path(), store, kTtl, kNow);
    EXPECT_FALSE(again.fileFound);
    EXPECT_EQ(again.migrated, 0);
}

TEST(GreetPassMigration, NoFileIsNothingToDo)
{
    QTemporaryDir root;
    qint64 now = kNow;
    MemoryStateStore store([&] { return now; });
    const GreetPassMigration::Result result = GreetPassMigration::run(root.path(), store, kTtl, kNow);
    EXPECT_FALSE(result.fileFound);
    EXPECT_EQ(store.size(), 0);
}

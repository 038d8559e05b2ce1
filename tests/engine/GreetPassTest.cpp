// The greet-pass cache's keys and values in the state store.

#include "GreetPass.h"
#include "StateStore.h"

#include <gtest/gtest.h>

using namespace xmflow::engine;

TEST(GreetPass, ARecordIsValidUntilItsTtl)
{
    const StoreWrite w = greetpass::record(QStringLiteral("192.0.2.7"), 1000, 60);
    EXPECT_EQ(w.key, greetpass::key(QStringLiteral("192.0.2.7")));
    EXPECT_NE(w.key, greetpass::key(QStringLiteral("192.0.2.8")));
    EXPECT_EQ(w.ttlSeconds, 60);
    EXPECT_TRUE(greetpass::valid(w.value, 1000, 60));
    EXPECT_TRUE(greetpass::valid(w.value, 1059, 60));
    EXPECT_FALSE(greetpass::valid(w.value, 1060, 60));
    // A TTL shortened after the pass was stored counts at once.
    EXPECT_FALSE(greetpass::valid(w.value, 1030, 20));
    EXPECT_FALSE(greetpass::valid(w.value, 1000, 0));
}

TEST(GreetPass, NothingOrGarbageIsNoPass)
{
    EXPECT_FALSE(greetpass::valid(std::nullopt, 1000, 60));
    EXPECT_FALSE(greetpass::valid(QByteArray("soon"), 1000, 60));
    EXPECT_FALSE(greetpass::valid(QByteArray("2000"), 1000, 60)); // stamped in the future
}

TEST(GreetPass, StoredPassesExpireInTheStore)
{
    qint64 now = 5000;
    MemoryStateStore store([&] { return now; });
    store.writeNow({greetpass::record(QStringLiteral("2001:db8::1"), now, 10)});
    const QByteArray key = greetpass::key(QStringLiteral("2001:db8::1"));
    EXPECT_TRUE(greetpass::valid(store.readNow({key}).first(), now, 10));
    now += 11;
    EXPECT_FALSE(store.readNow({key}).first().has_value());
}

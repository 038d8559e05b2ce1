// Greylisting's keys and decisions (postgrey's semantics plus sqlgrey's pools), played
// on a virtual clock through the in-memory state store.

#include "Greylist.h"
#include "StateStore.h"

#include <gtest/gtest.h>

using namespace xmflow::engine;
using xmflow::model::IpAddress;

namespace {

IpAddress ip(const char *text)
{
    return *IpAddress::parse(QString::fromLatin1(text));
}

// One MX's view: a store on a virtual clock, and a RCPT decided like the daemon does.
class Greylisting : public ::testing::Test
{
protected:
    GreylistDecision rcpt(const char *peer, const char *sender, const char *recipient, const char *ptr = "")
    {
        const GreylistKeys k = greylist::keys(ip(peer), QLatin1String(ptr), QLatin1String(sender),
                                              QLatin1String(recipient), settings);
        const GreylistRecords records = GreylistRecords::fromValues(k, store.readNow(k.all()));
        GreylistDecision decision = greylist::decide(k, records, now, settings);
        store.writeNow(decision.writes);
        return decision;
    }

    GreylistSettings settings{true};
    qint64 now = 1'700'000'000;
    MemoryStateStore store{[this] { return now; }};
};

TEST(GreylistKeys, ClientNetworkIsCutToTheConfiguredPrefix)
{
    GreylistSettings s;
    EXPECT_EQ(greylist::clientNetwork(ip("192.0.2.77"), s), QStringLiteral("192.0.2.0/24"));
    EXPECT_EQ(greylist::clientNetwork(ip("2001:db8:1:2:aaaa::1"), s), QStringLiteral("2001:db8:1:2::/64"));
    EXPECT_EQ(greylist::clientNetwork(ip("::ffff:192.0.2.77"), s), QStringLiteral("192.0.2.0/24"));
    s.ipv4PrefixLength = 32;
    s.ipv6PrefixLength = 48;
    EXPECT_EQ(greylist::clientNetwork(ip("192.0.2.77"), s), QStringLiteral("192.0.2.77/32"));
    EXPECT_EQ(greylist::clientNetwork(ip("2001:db8:1:2::1"), s), QStringLiteral("2001:db8:1::/48"));
}

TEST(GreylistKeys, SenderIsNormalisedLikePostgrey)
{
    EXPECT_EQ(greylist::normalizeSender(QStringLiteral("Alice+Newsletter@Example.TEST")),
              QStringLiteral("alice@example.test"));
    EXPECT_EQ(greylist::normalizeSender(QStringLiteral("bounce-12345-678@lists.example")),
              QStringLiteral("bounce-#-#@lists.example"));
    EXPECT_EQ(greylist::normalizeSender(QStringLiteral("prvs=1234abcdef=user@example.test")),
              QStringLiteral("user@example.test"));
    EXPECT_EQ(greylist::normalizeSender(QStringLiteral("<>")), QString());
    // The domain is kept as written (lower case): digits there are not VERP.
    EXPECT_EQ(greylist::normalizeSender(QStringLiteral("a1@mx2.example")), QStringLiteral("a#@mx2.example"));
}

TEST(GreylistKeys, PtrDomainKeepsJapaneseSecondLevelLabels)
{
    EXPECT_EQ(greylist::ptrDomain(QStringLiteral("mail-yw1-f170.google.com.")), QStringLiteral("google.com"));
    EXPECT_EQ(greylist::ptrDomain(QStringLiteral("p1234-ipngn.tokyo.ocn.ne.jp")),
              QStringLiteral("ocn.ne.jp"));
    EXPECT_EQ(greylist::ptrDomain(QStringLiteral("smtp.example.co.uk")), QStringLiteral("example.co.uk"));
    EXPECT_EQ(greylist::ptrDomain(QStringLiteral("localhost")), QString());
    EXPECT_EQ(greylist::ptrDomain(QStringLiteral("192.0.2.1")), QString());
    EXPECT_EQ(greylist::ptrDomain(QString()), QString());
    EXPECT_TRUE(
        greylist::nameInDomain(QStringLiteral("mail-yw1.google.com."), QStringLiteral(".google.com")));
    EXPECT_TRUE(greylist::nameInDomain(QStringLiteral("google.com"), QStringLiteral("google.com")));
    EXPECT_FALSE(greylist::nameInDomain(QStringLiteral("evilgoogle.com"), QStringLiteral("google.com")));
}

TEST_F(Greylisting, FirstTryTooEarlyInsideTheWindowAndAfterIt)
{
    GreylistDecision d = rcpt("192.0.2.10", "alice@example.test", "bob@local.test");
    EXPECT_EQ(d.outcome, GreylistOutcome::FirstSeen);
    EXPECT_FALSE(d.pass);
    EXPECT_EQ(d.waitSeconds, 300);

    now += 299;
    d = rcpt("192.0.2.10", "alice@example.test", "bob@local.test");
    EXPECT_EQ(d.outcome, GreylistOutcome::TooEarly);
    EXPECT_FALSE(d.pass);
    EXPECT_EQ(d.waitSeconds, 1);

    now += 1; // exactly the delay after the first try
    d = rcpt("192.0.2.10", "alice@example.test", "bob@local.test");
    EXPECT_EQ(d.outcome, GreylistOutcome::Retried);
    EXPECT_TRUE(d.pass);

    now += 30 * 86400; // known: passes at once, weeks later
    EXPECT_EQ(rcpt("192.0.2.10", "alice@example.test", "bob@local.test").outcome, GreylistOutcome::Known);
}

TEST_F(Greylisting, ARetryAfterTheWindowStartsOver)
{
    rcpt("192.0.2.10", "alice@example.test", "bob@local.test");
    now += 2 * 86400 + 1;
    GreylistDecision d = rcpt("192.0.2.10", "alice@example.test", "bob@local.test");
    EXPECT_EQ(d.outcome, GreylistOutcome::RetryExpired);
    EXPECT_FALSE(d.pass);
    EXPECT_EQ(d.waitSeconds, 300);
    now += 300;
    EXPECT_TRUE(rcpt("192.0.2.10", "alice@example.test", "bob@local.test").pass);
}

TEST_F(Greylisting, RecordsOlderThanTheMaximumAgeAreForgotten)
{
    rcpt("192.0.2.10", "alice@example.test", "bob@local.test");
    now += 300;
    ASSERT_TRUE(rcpt("192.0.2.10", "alice@example.test", "bob@local.test").pass);
    now += 35 * 86400 + 1;
    EXPECT_EQ(rcpt("192.0.2.10", "alice@example.test", "bob@local.test").outcome, GreylistOutcome::FirstSeen);
}

TEST_F(Greylisting, TheTripletIsNetworkSenderAndRecipient)
{
    rcpt("192.0.2.10", "alice@example.test", "bob@local.test");
    now += 400;
    // Same /24, +ext and VERP digits normalised away: the same triplet.
    EXPECT_TRUE(rcpt("192.0.2.99", "Alice+promo@example.test", "BOB@local.test").pass);
    // Another recipient, another sender, another /24: new triplets.
    EXPECT_EQ(rcpt("192.0.2.10", "alice@example.test", "carol@local.test").outcome,
              GreylistOutcome::FirstSeen);
    EXPECT_EQ(rcpt("192.0.2.10", "mallory@example.test", "bob@local.test").outcome,
              GreylistOutcome::FirstSeen);
    EXPECT_EQ(rcpt("192.0.3.10", "alice@example.test", "bob@local.test").outcome, GreylistOutcome::FirstSeen);
}

TEST_F(Greylisting, Ipv6ClientsAreAggregatedBySlash64)
{
    rcpt("2001:db8:1:2::10", "alice@example.test", "bob@local.test");
    now += 400;
    EXPECT_TRUE(rcpt("2001:db8:1:2:ffff::99", "alice@example.test", "bob@local.test").pass);
    EXPECT_EQ(rcpt("2001:db8:1:3::10", "alice@example.test", "bob@local.test").outcome,
              GreylistOutcome::FirstSeen);
}

TEST_F(Greylisting, ClientsAreAutoWhitelistedAfterFivePassedRetries)
{
    for (int i = 0; i < 5; ++i) {
        const QByteArray rcptTo = "user" + QByteArray::number(i) + "@local.test";
        rcpt("198.51.100.7", "news@example.test", rcptTo.constData());
        now += 300;
        ASSERT_EQ(rcpt("198.51.100.7", "news@example.test", rcptTo.constData()).outcome,
                  GreylistOutcome::Retried);
    }
    // A new triplet from the same /24 passes at first sight.
    const GreylistDecision d = rcpt("198.51.100.200", "someone-else@example.org", "new@local.test");
    EXPECT_EQ(d.outcome, GreylistOutcome::AutoWhitelisted);
    EXPECT_TRUE(d.pass);
    // Four passes are not enough elsewhere.
    for (int i = 0; i < 4; ++i) {
        const QByteArray rcptTo = "user" + QByteArray::number(i) + "@local.test";
        rcpt("203.0.113.7", "news@example.test", rcptTo.constData());
        now += 300;
        rcpt("203.0.113.7", "news@example.test", rcptTo.constData());
    }
    EXPECT_EQ(rcpt("203.0.113.8", "x@example.org", "new@local.test").outcome, GreylistOutcome::FirstSeen);
}

TEST_F(Greylisting, AutoWhitelistingCanBeTurnedOff)
{
    settings.autoWhitelistCount = 0;
    for (int i = 0; i < 6; ++i) {
        const QByteArray rcptTo = "user" + QByteArray::number(i) + "@local.test";
        rcpt("198.51.100.7", "news@example.test", rcptTo.constData());
        now += 300;
        rcpt("198.51.100.7", "news@example.test", rcptTo.constData());
    }
    EXPECT_EQ(rcpt("198.51.100.7", "x@example.org", "new@local.test").outcome, GreylistOutcome::FirstSeen);
}

TEST_F(Greylisting, ARetryFromAnotherAddressOfTheSamePoolPasses)
{
    // Gmail-style: the first try from one network, the retry from another, both under google.com.
    rcpt("209.85.128.10", "alice@gmail.com", "bob@local.test", "mail-wm1-f10.google.com");
    now += 60;
    EXPECT_EQ(rcpt("74.125.82.20", "alice@gmail.com", "bob@local.test", "mail-wr1-f20.google.com").outcome,
              GreylistOutcome::TooEarly);
    now += 300;
    const GreylistDecision d =
        rcpt("172.217.1.30", "alice@gmail.com", "bob@local.test", "mail-qk1-f30.google.com");
    EXPECT_EQ(d.outcome, GreylistOutcome::PoolRetried);
    EXPECT_TRUE(d.pass);
    // Without a matching PTR domain another network is a new triplet.
    EXPECT_EQ(rcpt("198.18.0.1", "alice@gmail.com", "bob@local.test", "host.example.net").outcome,
              GreylistOutcome::FirstSeen);
    EXPECT_EQ(rcpt("198.18.1.1", "alice@gmail.com", "bob@local.test").outcome, GreylistOutcome::FirstSeen);
}

TEST_F(Greylisting, DamagedRecordsCountAsNone)
{
    const GreylistKeys k = greylist::keys(ip("192.0.2.10"), QString(), QStringLiteral("a@example.test"),
                                          QStringLiteral("b@local.test"), settings);
    store.writeNow({{StoreWrite::Kind::Set, k.triplet, "garbage", 3600}});
    EXPECT_EQ(rcpt("192.0.2.10", "a@example.test", "b@local.test").outcome, GreylistOutcome::FirstSeen);
}

TEST(MemoryStateStore, ValuesExpireAndCountersCount)
{
    qint64 now = 1000;
    MemoryStateStore store([&] { return now; });
    store.writeNow({{StoreWrite::Kind::Set, "a", "1", 10}, {StoreWrite::Kind::Increment, "n", {}, 10}});
    store.writeNow({{StoreWrite::Kind::Increment, "n", {}, 10}});
    auto values = store.readNow({"a", "n", "missing", ""});
    ASSERT_EQ(values.size(), 4);
    EXPECT_EQ(values[0], QByteArray("1"));
    EXPECT_EQ(values[1], QByteArray("2"));
    EXPECT_FALSE(values[2]);
    EXPECT_FALSE(values[3]);
    now += 10;
    values = store.readNow({"a", "n"});
    EXPECT_FALSE(values[0]);
    EXPECT_FALSE(values[1]);
    store.writeNow({{StoreWrite::Kind::Increment, "n", {}, 10}});
    EXPECT_EQ(store.readNow({"n"})[0], QByteArray("1")); // an expired counter starts again
}

} // namespace

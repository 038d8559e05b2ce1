// AddressFilter: XMail's addr/bits and addr+netmask filters, lenient parsing included.

#include "AddressFilter.h"

#include <gtest/gtest.h>

using namespace xmflow::model;

namespace {

IpAddress ip(const char *text)
{
    const auto parsed = IpAddress::parse(QString::fromLatin1(text));
    EXPECT_TRUE(parsed.has_value()) << text;
    return parsed.value_or(IpAddress());
}

AddressFilter filter(const char *addr, const char *mask = nullptr)
{
    const QByteArray maskBytes(mask ? mask : "");
    const AddressParseResult result = AddressFilter::parse(QByteArray(addr), mask ? &maskBytes : nullptr);
    EXPECT_TRUE(result.filter.has_value()) << addr << " " << result.error.en.toStdString();
    return result.filter.value_or(AddressFilter());
}

} // namespace

TEST(AddressFilter, Ipv4Prefix)
{
    const AddressFilter f = filter("192.168.10.0/24");
    EXPECT_TRUE(f.matches(ip("192.168.10.1")));
    EXPECT_TRUE(f.matches(ip("192.168.10.255")));
    EXPECT_FALSE(f.matches(ip("192.168.11.1")));
    EXPECT_EQ(f.prefixLength, 24);
    EXPECT_EQ(f.toString(), QStringLiteral("192.168.10.0/24"));
    EXPECT_FALSE(f.isCatchAll());

    const AddressFilter odd = filter("10.0.0.0/9");
    EXPECT_TRUE(odd.matches(ip("10.127.255.255")));
    EXPECT_FALSE(odd.matches(ip("10.128.0.0")));
}

TEST(AddressFilter, Ipv6Prefix)
{
    const AddressFilter f = filter("2001:db8::/32");
    EXPECT_TRUE(f.matches(ip("2001:db8:1::5")));
    EXPECT_FALSE(f.matches(ip("2001:db9::1")));
    EXPECT_FALSE(f.matches(ip("32.1.13.184"))) << "an IPv6 filter does not match an IPv4 peer";
    EXPECT_EQ(f.toString(), QStringLiteral("2001:db8::/32"));

    const AddressFilter host = filter("2001:db8::1/128");
    EXPECT_TRUE(host.matches(ip("2001:db8::1")));
    EXPECT_FALSE(host.matches(ip("2001:db8::2")));
}

TEST(AddressFilter, CrossFamilyLikeSysInetAddrMatch)
{
    const AddressFilter v4 = filter("127.0.0.0/8");
    EXPECT_TRUE(v4.matches(ip("::ffff:127.0.0.1")));
    EXPECT_TRUE(v4.matches(ip("::127.0.0.1")));
    EXPECT_FALSE(v4.matches(ip("2001:db8::7f00:1")));

    const AddressFilter mapped = filter("::ffff:192.0.2.0/120");
    EXPECT_TRUE(mapped.v4CompatibleAddress);
    EXPECT_TRUE(mapped.matches(ip("192.0.2.77")));
    EXPECT_FALSE(mapped.matches(ip("192.0.3.1")));
}

TEST(AddressFilter, NetmaskFormIncludingNonContiguousMasks)
{
    const AddressFilter f = filter("192.168.0.0", "255.255.0.0");
    EXPECT_TRUE(f.matches(ip("192.168.200.3")));
    EXPECT_FALSE(f.matches(ip("192.169.0.1")));
    EXPECT_EQ(f.prefixLength, 16);

    // Non-contiguous: only the first and the last byte count.
    const AddressFilter odd = filter("10.0.0.5", "255.0.0.255");
    EXPECT_EQ(odd.prefixLength, -1);
    EXPECT_TRUE(odd.matches(ip("10.99.42.5")));
    EXPECT_FALSE(odd.matches(ip("10.99.42.6")));
    EXPECT_FALSE(odd.matches(ip("11.0.0.5")));
    EXPECT_EQ(odd.toString(), QStringLiteral("10.0.0.5 255.0.0.255"));

    // The netmask form is IPv4 only.
    const QByteArray mask("ffff::");
    EXPECT_FALSE(AddressFilter::parse("2001:db8::", &mask).filter.has_value());
    const QByteArray v4mask("255.255.255.0");
    EXPECT_FALSE(AddressFilter::parse("2001:db8::", &v4mask).filter.has_value());
}

TEST(AddressFilter, CatchAlls)
{
    for (const AddressFilter &f : {filter("0.0.0.0/0"), filter("0.0.0.0", "0.0.0.0"), filter("1.2.3.4/0")}) {
        EXPECT_TRUE(f.isCatchAll());
        EXPECT_TRUE(f.matches(ip("1.2.3.4")));
        EXPECT_TRUE(f.matches(ip("255.255.255.255")));
        EXPECT_TRUE(f.matches(ip("::ffff:8.8.8.8")));
        EXPECT_FALSE(f.matches(ip("2001:db8::1")));
    }
    const AddressFilter v6 = filter("::/0");
    EXPECT_TRUE(v6.isCatchAll());
    EXPECT_TRUE(v6.matches(ip("2001:db8::1")));
}

TEST(AddressFilter, LenientBitCountsReadWithAtoi)
{
    // The space-instead-of-TAB spammers line, unquoted: "24 code=1" reads as 24.
    AddressParseResult r = AddressFilter::parse("127.0.19.0/24 code=1", nullptr);
    ASSERT_TRUE(r.filter.has_value());
    EXPECT_EQ(r.filter->prefixLength, 24);
    EXPECT_FALSE(r.warning.isEmpty());
    EXPECT_TRUE(r.filter->matches(ip("127.0.19.5")));
    EXPECT_FALSE(r.filter->matches(ip("127.0.20.1")));

    // Empty, garbage, zero or negative bits: all-zero mask, matches everything.
    for (const char *text : {"10.0.0.0/", "10.0.0.0/abc", "10.0.0.0/-8"}) {
        r = AddressFilter::parse(text, nullptr);
        ASSERT_TRUE(r.filter.has_value()) << text;
        EXPECT_TRUE(r.filter->isCatchAll()) << text;
        EXPECT_TRUE(r.filter->matches(ip("203.0.113.9"))) << text;
        EXPECT_FALSE(r.warning.isEmpty()) << text;
    }
    // Too many bits behave like the full address.
    r = AddressFilter::parse("10.0.0.1/40", nullptr);
    ASSERT_TRUE(r.filter.has_value());
    EXPECT_EQ(r.filter->prefixLength, 32);
    EXPECT_TRUE(r.filter->matches(ip("10.0.0.1")));
    EXPECT_FALSE(r.filter->matches(ip("10.0.0.2")));
    EXPECT_FALSE(r.warning.isEmpty());

    // A clean filter has no warning.
    EXPECT_TRUE(AddressFilter::parse("10.0.0.0/8", nullptr).warning.isEmpty());
}

TEST(AddressFilter, InetAtonFormsAreReadLikeGetaddrinfo)
{
    const AddressParseResult r = AddressFilter::parse("127.1/32", nullptr);
    ASSERT_TRUE(r.filter.has_value());
    EXPECT_TRUE(r.filter->matches(ip("127.0.0.1")));
    EXPECT_FALSE(r.warning.isEmpty());
}

TEST(AddressFilter, InvalidFormsAreRejected)
{
    // One field without '/' is never matched by XMail.
    AddressParseResult r = AddressFilter::parse("10.0.0.1", nullptr);
    EXPECT_FALSE(r.filter.has_value());
    EXPECT_FALSE(r.error.isEmpty());
    // A host name would be resolved through DNS: reported, not modelled.
    r = AddressFilter::parse("mail.example.com/32", nullptr);
    EXPECT_FALSE(r.filter.has_value());
    EXPECT_TRUE(r.hostName);
    // Garbage.
    r = AddressFilter::parse("1.2.3.4 x/24", nullptr);
    EXPECT_FALSE(r.filter.has_value());
    const QByteArray badMask("foo!");
    r = AddressFilter::parse("10.0.0.0", &badMask);
    EXPECT_FALSE(r.filter.has_value());
    EXPECT_FALSE(r.error.isEmpty());
}

TEST(AddressFilter, AtoiAndNetmaskDetection)
{
    bool digits = false;
    EXPECT_EQ(xmailAtoi(" \t-12abc", &digits), -12);
    EXPECT_TRUE(digits);
    EXPECT_EQ(xmailAtoi("abc", &digits), 0);
    EXPECT_FALSE(digits);
    EXPECT_EQ(xmailAtoi("99999999999999"), std::numeric_limits<int>::max());
    EXPECT_TRUE(looksLikeNetmask("255.0.0.0"));
    EXPECT_TRUE(looksLikeNetmask("0"));
    EXPECT_FALSE(looksLikeNetmask("code=1"));
    EXPECT_FALSE(looksLikeNetmask(""));
}

// Found by addressfilter_fuzz: "1.2.3.4/33" kept a 33-bit mask, so it compared unequal
// to the "1.2.3.4/32" it is read as (and that toString() writes back).
TEST(AddressFilter, OversizedBitCountGivesTheSameFilterAsTheFullMask)
{
    const AddressFilter oversized = filter("1.2.3.4/33");
    const AddressFilter full = filter("1.2.3.4/32");
    EXPECT_EQ(oversized.prefixLength, 32);
    EXPECT_EQ(oversized.toString(), QStringLiteral("1.2.3.4/32"));
    EXPECT_TRUE(oversized.address == full.address);
    EXPECT_EQ(oversized.mask, full.mask);
    EXPECT_EQ(filter("2001:db8::1/200").mask, filter("2001:db8::1/128").mask);
}

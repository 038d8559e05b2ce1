// Connect-time pipeline, stage by stage: what each table does to a peer, and the
// trace naming the deciding rule's file:line.

#include "EngineTestSupport.h"
#include "Stages.h"
#include "VerdictJson.h"

using namespace xmflow;
namespace StageIds = xmflow::engine::StageIds;
using engine::TraceOutcome;
using xmflow::testing::endpoint;
using xmflow::testing::ip;
using xmflow::testing::noDns;
using xmflow::testing::ruleOf;
using xmflow::testing::TestMailRoot;
using xmflow::testing::traceFor;

namespace {

engine::ConnectVerdict eval(const std::shared_ptr<const engine::Policy> &policy, const char *peer,
                            const engine::DnsAnswers &dns = noDns(), const engine::Endpoint &local = endpoint())
{
    return policy->evaluate(ip(peer), local, dns);
}

engine::DnsAnswers listedIn(std::initializer_list<const char *> roots, std::optional<QString> ptr = QString())
{
    engine::DnsAnswers dns = noDns();
    for (const char *r : roots)
        dns.listedIn.insert(QString::fromLatin1(r));
    dns.ptrName = ptr;
    return dns;
}

} // namespace

TEST(PolicyIpv6, SpammersIpv6FirstMatch)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"2001:db8::/32\"\t\"code=-7\"\n"
                                               "\"2001:db8:1::/48\"\t\"code=1\"\n"
                                               "\"2001:db8:2::1/128\"\t\"code=0\"\n");
    const auto policy = root.compile(true);
    auto v = eval(policy, "2001:db8:1::5");
    EXPECT_FALSE(v.drop);
    EXPECT_EQ(v.delaySeconds, 7);
    EXPECT_EQ(ruleOf(v, StageIds::Spammers), "spammers.tab:1");
    EXPECT_EQ(traceFor(v, StageIds::Spammers)->exit, QStringLiteral("delay"));
    EXPECT_EQ(traceFor(v, StageIds::Spammers)->lineText, QStringLiteral("\"2001:db8::/32\"\t\"code=-7\""));
    v = eval(policy, "2001:db9::1");
    EXPECT_EQ(traceFor(v, StageIds::Spammers)->outcome, TraceOutcome::NoMatch);
    EXPECT_EQ(v.delaySeconds, 0);
    // An IPv6 line does not match an IPv4 peer.
    v = eval(policy, "192.0.2.1");
    EXPECT_EQ(traceFor(v, StageIds::Spammers)->outcome, TraceOutcome::NoMatch);
}

TEST(PolicyIpv6, MappedPeerMatchesIpv4Lines)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"10.0.0.0/8\"\t\"code=-2\"\n"
                                               "\"127.0.0.0/8\"\t\"code=0\"\n");
    root.write(QStringLiteral("smtp.ipprop.tab"), "\"127.0.0.1/32\"\t\"EnableETRN\"\n");
    const auto policy = root.compile(true);
    const auto v = eval(policy, "::ffff:127.0.0.1");
    EXPECT_TRUE(v.blocked);
    EXPECT_EQ(ruleOf(v, StageIds::Spammers), "spammers.tab:2");
    EXPECT_TRUE(v.enableEtrn);
    EXPECT_EQ(ruleOf(v, StageIds::IpProp), "smtp.ipprop.tab:1");
    // ::ffff:10.1.2.3 gets the /8 delay, same as 10.1.2.3.
    EXPECT_EQ(eval(policy, "::ffff:10.1.2.3").delaySeconds, 2);
    EXPECT_EQ(eval(policy, "10.1.2.3").delaySeconds, 2);
}

TEST(PolicyIpv6, IpMapIpv6Lines)
{
    TestMailRoot root;
    root.write(QStringLiteral("smtp.ipmap.tab"), "\"2000::/3\"\t\"0\"\t\"DENY\"\t0\n"
                                                 "\"2001:db8:aa::/48\"\t\"0\"\t\"ALLOW\"\t0\n");
    root.setVariable(QStringLiteral("SMTP-IpMapDropCode"), QStringLiteral("-9"));
    const auto policy = root.compile(true);
    auto v = eval(policy, "2001:db8:aa::1");
    EXPECT_EQ(ruleOf(v, StageIds::IpMap), "smtp.ipmap.tab:2");
    EXPECT_EQ(v.delaySeconds, 0);
    v = eval(policy, "2001:db8:bb::1");
    EXPECT_EQ(ruleOf(v, StageIds::IpMap), "smtp.ipmap.tab:1");
    EXPECT_EQ(v.delaySeconds, 9);
    // 2000::/3 is an IPv6 line: an IPv4 peer is not matched by it.
    v = eval(policy, "192.0.2.1");
    EXPECT_EQ(traceFor(v, StageIds::IpMap)->outcome, TraceOutcome::NoMatch);
}

TEST(PolicyIpMap, PrecedenceAndTies)
{
    TestMailRoot root;
    root.write(QStringLiteral("smtp.ipmap.tab"), "\"10.0.0.0/8\"\t\"0\"\t\"DENY\"\t2\n"     // 1
                                                 "\"10.1.0.0/16\"\t\"0\"\t\"ALLOW\"\t2\n"   // 2: tie, later wins
                                                 "\"10.1.2.0/24\"\t\"0\"\t\"DENY\"\t-2\n"   // 3: below -1, never wins
                                                 "\"10.2.0.0/16\"\t\"0\"\t\"ALLOW\"\t1\n"   // 4: lower than line 1
                                                 "\"10.3.0.0/16\"\t\"0\"\t\"ALLOW\"\t-1\n"  // 5: -1 alone wins
                                                 "\"10.4.0.0/16\"\t\"0\"\t\"DENY\"\t5\n"    // 6
                                                 "\"10.4.0.0/16\"\t\"0\"\t\"ALLOW\"\t5\n"); // 7: same filter, later wins
    root.setVariable(QStringLiteral("SMTP-IpMapDropCode"), QStringLiteral("-4"));
    const auto policy = root.compile(true);

    auto v = eval(policy, "10.1.2.3");
    EXPECT_EQ(ruleOf(v, StageIds::IpMap), "smtp.ipmap.tab:2");
    EXPECT_EQ(traceFor(v, StageIds::IpMap)->exit, QStringLiteral("allow"));
    EXPECT_EQ(v.delaySeconds, 0);

    v = eval(policy, "10.9.9.9");
    EXPECT_EQ(ruleOf(v, StageIds::IpMap), "smtp.ipmap.tab:1");
    EXPECT_EQ(traceFor(v, StageIds::IpMap)->exit, QStringLiteral("delay"));
    EXPECT_EQ(v.delaySeconds, 4);

    v = eval(policy, "10.2.0.1");
    EXPECT_EQ(ruleOf(v, StageIds::IpMap), "smtp.ipmap.tab:1");

    v = eval(policy, "10.4.0.1");
    EXPECT_EQ(ruleOf(v, StageIds::IpMap), "smtp.ipmap.tab:7");
    EXPECT_EQ(v.delaySeconds, 0);

    // Only line 1 (prec 2) and line 5 (prec -1) match 10.3.x: 2 wins.
    v = eval(policy, "10.3.0.1");
    EXPECT_EQ(ruleOf(v, StageIds::IpMap), "smtp.ipmap.tab:1");
    EXPECT_EQ(traceFor(v, StageIds::IpMap)->effect.en.contains(QLatin1String("-4")), true);
}

TEST(PolicyIpMap, LineBelowMinusOneNeverWinsEvenAlone)
{
    TestMailRoot root;
    root.write(QStringLiteral("smtp.ipmap.tab"), "\"192.0.2.0/24\"\t\"0\"\t\"DENY\"\t-2\n"
                                                 "\"198.51.100.0/24\"\t\"0\"\t\"DENY\"\t-1\n");
    const auto policy = root.compile(true);
    auto v = eval(policy, "192.0.2.1");
    EXPECT_FALSE(v.drop);
    EXPECT_EQ(traceFor(v, StageIds::IpMap)->outcome, TraceOutcome::NoMatch);
    v = eval(policy, "198.51.100.1");
    EXPECT_TRUE(v.drop);
    EXPECT_EQ(ruleOf(v, StageIds::IpMap), "smtp.ipmap.tab:2");
}

TEST(PolicyIpMap, DropCodes)
{
    for (const char *code : {"1", "0", "-6", "unset", "custom"}) {
        SCOPED_TRACE(code);
        TestMailRoot root;
        root.write(QStringLiteral("smtp.ipmap.tab"), "\"0.0.0.0\"\t\"0.0.0.0\"\t\"ALLOW\"\t0\n"
                                                     "\"203.0.113.0\"\t\"255.255.255.0\"\t\"DENY\"\t1\n");
        const QByteArray c(code);
        if (c == "custom")
            root.setVariable(QStringLiteral("SmtpMsgIPBan"), QStringLiteral("550 Denied by smtp.ipmap.tab"));
        else if (c != "unset")
            root.setVariable(QStringLiteral("SMTP-IpMapDropCode"), QString::fromLatin1(code));
        const auto policy = root.compile(true);
        const auto v = eval(policy, "203.0.113.77");
        EXPECT_EQ(ruleOf(v, StageIds::IpMap), "smtp.ipmap.tab:2");
        const engine::TraceEntry *e = traceFor(v, StageIds::IpMap);
        if (c == "1" || c == "unset") {
            EXPECT_TRUE(v.drop);
            EXPECT_EQ(v.dropCode, 421);
            EXPECT_EQ(v.logStatus, QStringLiteral("EIPBAN"));
            EXPECT_TRUE(v.dropReply.startsWith(QLatin1String("421 ")));
            EXPECT_EQ(e->exit, QStringLiteral("drop"));
            // The later stages are not evaluated after a drop.
            EXPECT_EQ(traceFor(v, StageIds::Spammers), nullptr);
            EXPECT_EQ(traceFor(v, StageIds::Banner)->exit, QStringLiteral("drop"));
        } else if (c == "custom") {
            EXPECT_TRUE(v.drop);
            EXPECT_EQ(v.dropCode, 550);
            EXPECT_EQ(v.dropReply, QStringLiteral("550 Denied by smtp.ipmap.tab"));
        } else if (c == "0") {
            EXPECT_FALSE(v.drop);
            EXPECT_TRUE(v.ipMapped);
            EXPECT_FALSE(v.blocked || v.mapped || v.noRdns);
            EXPECT_EQ(v.delaySeconds, 0);
            EXPECT_EQ(e->exit, QStringLiteral("auth-only"));
        } else {
            EXPECT_FALSE(v.drop);
            EXPECT_EQ(v.delaySeconds, 6);
            EXPECT_EQ(e->delaySeconds, 6);
            EXPECT_EQ(e->exit, QStringLiteral("delay"));
        }
        // Outside the DENY line: allowed by line 1.
        EXPECT_FALSE(eval(policy, "203.0.114.1").drop);
        EXPECT_EQ(ruleOf(eval(policy, "203.0.114.1"), StageIds::IpMap), "smtp.ipmap.tab:1");
    }
}

TEST(PolicyNetmask, NetmaskFormLines)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"10.0.0.5\"\t\"255.0.0.255\"\t\"code=-6\"\n" // non-contiguous
                                               "\"192.0.2.0\"\t\"255.255.255.0\"\t\"code=-4\"\n"
                                               "\"198.51.100.0\"\t\"255.255.255.128\"\n");       // no params: code 1
    root.write(QStringLiteral("smtprelay.tab"), "\"172.16.0.0\"\t\"255.240.0.0\"\n");
    const auto policy = root.compile(true);
    auto v = eval(policy, "10.99.42.5");
    EXPECT_EQ(v.delaySeconds, 6);
    EXPECT_EQ(ruleOf(v, StageIds::Spammers), "spammers.tab:1");
    v = eval(policy, "10.99.42.6");
    EXPECT_EQ(traceFor(v, StageIds::Spammers)->outcome, TraceOutcome::NoMatch);
    v = eval(policy, "192.0.2.200");
    EXPECT_EQ(v.delaySeconds, 4);
    EXPECT_EQ(ruleOf(v, StageIds::Spammers), "spammers.tab:2");
    v = eval(policy, "198.51.100.127");
    EXPECT_TRUE(v.drop);
    EXPECT_EQ(v.logStatus, QStringLiteral("EIPSPAM"));
    EXPECT_EQ(ruleOf(v, StageIds::Spammers), "spammers.tab:3");
    EXPECT_FALSE(eval(policy, "198.51.100.128").drop);

    int line = 0;
    EXPECT_TRUE(policy->relayAllowed(ip("172.31.255.1"), &line));
    EXPECT_EQ(line, 1);
    EXPECT_TRUE(policy->relayAllowed(ip("::ffff:172.16.0.1")));
    EXPECT_FALSE(policy->relayAllowed(ip("172.32.0.1")));
}

TEST(PolicyFirstMatch, SpammersFirstLineWinsOverMoreSpecific)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "# comment\n"
                                               "\"192.0.2.0/24\"\t\"code=0\"\n"
                                               "\"192.0.2.1/32\"\t\"code=1\"\n"
                                               "\"0.0.0.0/0\"\t\"code=-30\"\n");
    const auto policy = root.compile(true);
    auto v = eval(policy, "192.0.2.1");
    EXPECT_FALSE(v.drop);
    EXPECT_TRUE(v.blocked);
    EXPECT_EQ(v.delaySeconds, 0);
    EXPECT_EQ(ruleOf(v, StageIds::Spammers), "spammers.tab:2");
    v = eval(policy, "203.0.113.9");
    EXPECT_EQ(v.delaySeconds, 30);
    EXPECT_EQ(ruleOf(v, StageIds::Spammers), "spammers.tab:4");
}

TEST(PolicyFirstMatch, IpPropFirstLineWins)
{
    TestMailRoot root;
    root.write(QStringLiteral("smtp.ipprop.tab"), "\"192.0.2.0/24\"\t\"EnableVRFY\"\n"
                                                  "\"192.0.2.0/25\"\t\"WhiteList=1\"\t\"NoAuth=1\"\n"
                                                  "\"198.51.100.0/24\"\t\"WhiteList=1\"\t\"NoAuth\"\t\"SenderDomainCheck=0\"\n");
    root.write(QStringLiteral("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-5\"\n");
    const auto policy = root.compile(true);
    auto v = eval(policy, "192.0.2.1");
    EXPECT_EQ(ruleOf(v, StageIds::IpProp), "smtp.ipprop.tab:1");
    EXPECT_TRUE(v.enableVrfy);
    EXPECT_FALSE(v.whiteListed);
    EXPECT_FALSE(v.noAuth);
    EXPECT_EQ(v.delaySeconds, 5);
    v = eval(policy, "198.51.100.1");
    EXPECT_EQ(ruleOf(v, StageIds::IpProp), "smtp.ipprop.tab:3");
    EXPECT_TRUE(v.whiteListed);
    EXPECT_TRUE(v.noAuth);
    EXPECT_FALSE(v.senderDomainCheck);
}

TEST(PolicyWhiteList, SkipsEveryIpCheck)
{
    TestMailRoot root;
    root.write(QStringLiteral("smtp.ipprop.tab"), "\"192.0.2.0/24\"\t\"WhiteList\"\n");
    root.write(QStringLiteral("smtp.ipmap.tab"), "\"0.0.0.0/0\"\t\"0\"\t\"DENY\"\t5\n");
    root.write(QStringLiteral("spammers.tab"), "\"0.0.0.0/0\"\t\"code=1\"\n");
    root.setVariable(QStringLiteral("CustMapsList"), QStringLiteral("bl.test:1"));
    root.setVariable(QStringLiteral("SMTP-RDNSCheck"), QStringLiteral("-10"));
    const auto policy = root.compile(true);
    auto v = eval(policy, "192.0.2.9", listedIn({"bl.test"}, QString()));
    EXPECT_FALSE(v.drop);
    EXPECT_TRUE(v.whiteListed);
    EXPECT_EQ(v.delaySeconds, 0);
    EXPECT_EQ(traceFor(v, StageIds::IpProp)->exit, QStringLiteral("whitelisted"));
    for (const QString &stage : {StageIds::IpMap, StageIds::Spammers, StageIds::DnsMaps, StageIds::RDns}) {
        ASSERT_NE(traceFor(v, stage), nullptr) << stage.toStdString();
        EXPECT_EQ(traceFor(v, stage)->outcome, TraceOutcome::Skipped) << stage.toStdString();
    }
    // Not whitelisted: the ipmap DENY drops it first.
    v = eval(policy, "203.0.113.1", listedIn({"bl.test"}, QString()));
    EXPECT_TRUE(v.drop);
    EXPECT_EQ(v.logStatus, QStringLiteral("EIPBAN"));
}

TEST(PolicyDnsMaps, FirstListingMapDecides)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("CustMapsList"), QStringLiteral("a.test:1,b.test:0,c.test:-4,d.test:2,Upper.Test.:0"));
    const auto policy = root.compile(true);
    EXPECT_EQ(policy->mapRoots(), (QStringList{QStringLiteral("a.test"), QStringLiteral("b.test"), QStringLiteral("c.test"),
                                               QStringLiteral("d.test"), QStringLiteral("upper.test")}));
    // Listed in b and a: a comes first in the list, code 1 = drop with 550.
    auto v = eval(policy, "192.0.2.1", listedIn({"b.test", "a.test"}));
    EXPECT_TRUE(v.drop);
    EXPECT_EQ(v.dropCode, 550);
    EXPECT_EQ(v.dropReply, QStringLiteral("550 Denied due inclusion of your IP inside (a.test)"));
    EXPECT_EQ(v.logStatus, QStringLiteral("EIPMAP (a.test)"));
    EXPECT_EQ(traceFor(v, StageIds::DnsMaps)->exit, QStringLiteral("drop"));
    // c and b: b (code 0) decides, c is never consulted.
    v = eval(policy, "192.0.2.1", listedIn({"c.test", "b.test"}));
    EXPECT_FALSE(v.drop);
    EXPECT_TRUE(v.mapped);
    EXPECT_EQ(v.delaySeconds, 0);
    EXPECT_EQ(traceFor(v, StageIds::DnsMaps)->exit, QStringLiteral("auth-only"));
    // c only: -4 = delay 4.
    v = eval(policy, "192.0.2.1", listedIn({"c.test"}));
    EXPECT_FALSE(v.mapped);
    EXPECT_EQ(v.delaySeconds, 4);
    // d only: code 2 is a 2-second delay in XMail 1.27, not a drop.
    v = eval(policy, "192.0.2.1", listedIn({"d.test"}));
    EXPECT_FALSE(v.drop);
    EXPECT_EQ(v.delaySeconds, 2);
    EXPECT_EQ(traceFor(v, StageIds::DnsMaps)->exit, QStringLiteral("delay"));
    // Case and trailing dot of the configured root do not matter.
    v = eval(policy, "192.0.2.1", listedIn({"upper.test"}));
    EXPECT_TRUE(v.mapped);
    // Not listed anywhere.
    v = eval(policy, "192.0.2.1", listedIn({}));
    EXPECT_EQ(traceFor(v, StageIds::DnsMaps)->outcome, TraceOutcome::NoMatch);
}

TEST(PolicyDnsMaps, CustomBanText)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("CustMapsList"), QStringLiteral("a.test:1"));
    root.setVariable(QStringLiteral("SmtpMsgIPBanMaps"), QStringLiteral("554 Listed"));
    const auto v = root.compile(true)->evaluate(ip("192.0.2.1"), endpoint(), listedIn({"a.test"}));
    EXPECT_EQ(v.dropReply, QStringLiteral("554 Listed (a.test)"));
    EXPECT_EQ(v.dropCode, 554);
}

TEST(PolicyRdns, CheckOneFlagsAndMinusSDelays)
{
    {
        TestMailRoot root;
        root.write(QStringLiteral("server.tab"), "\"RootDomain\"\t\"example.test\"\n\"SMTP-RDNSCheck\"\t\"1\"\n");
        const auto policy = root.compile(true);
        EXPECT_TRUE(policy->needsPtr(ip("192.0.2.1")));
        auto v = eval(policy, "192.0.2.1", listedIn({}, QString()));
        EXPECT_TRUE(v.noRdns);
        EXPECT_EQ(v.delaySeconds, 0);
        EXPECT_EQ(traceFor(v, StageIds::RDns)->exit, QStringLiteral("auth-only"));
        v = eval(policy, "192.0.2.1", listedIn({}, QStringLiteral("mail.remote.test")));
        EXPECT_FALSE(v.noRdns);
        EXPECT_EQ(traceFor(v, StageIds::RDns)->outcome, TraceOutcome::NoMatch);
    }
    {
        TestMailRoot root;
        root.write(QStringLiteral("server.tab"), "\"RootDomain\"\t\"example.test\"\n\"SMTP-RDNSCheck\"\t\"-12\"\n");
        const auto policy = root.compile(true);
        auto v = eval(policy, "192.0.2.1", listedIn({}, QString()));
        EXPECT_FALSE(v.noRdns);
        EXPECT_EQ(v.delaySeconds, 12);
        EXPECT_EQ(traceFor(v, StageIds::RDns)->exit, QStringLiteral("delay"));
        v = eval(policy, "192.0.2.1", listedIn({}, QStringLiteral("mail.remote.test")));
        EXPECT_EQ(v.delaySeconds, 0);
    }
}

TEST(PolicyDelays, MaximumNotSum)
{
    TestMailRoot root;
    root.write(QStringLiteral("smtp.ipmap.tab"), "\"0.0.0.0/0\"\t\"0\"\t\"DENY\"\t0\n");
    root.write(QStringLiteral("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-20\"\n");
    root.write(QStringLiteral("server.tab"), "\"RootDomain\"\t\"example.test\"\n"
                                             "\"SMTP-IpMapDropCode\"\t\"-5\"\n"
                                             "\"CustMapsList\"\t\"bl.test:-8\"\n"
                                             "\"SMTP-RDNSCheck\"\t\"-2\"\n");
    const auto policy = root.compile(true);
    const auto v = eval(policy, "192.0.2.1", listedIn({"bl.test"}, QString()));
    EXPECT_EQ(v.delaySeconds, 20);
    EXPECT_EQ(traceFor(v, StageIds::IpMap)->delaySeconds, 5);
    EXPECT_EQ(traceFor(v, StageIds::Spammers)->delaySeconds, 20);
    EXPECT_EQ(traceFor(v, StageIds::DnsMaps)->delaySeconds, 8);
    EXPECT_EQ(traceFor(v, StageIds::RDns)->delaySeconds, 2);
    EXPECT_EQ(traceFor(v, StageIds::Banner)->delaySeconds, 20);
    // Without the spammers line the largest remaining one wins.
    const auto w = eval(policy, "192.0.2.1", listedIn({}, QString()));
    EXPECT_EQ(w.delaySeconds, 20);
}

// Each stage that decides names its rule: the table line, or the server.tab variable's line.
TEST(PolicyTrace, NamesTheDecidingRule)
{
    TestMailRoot root;
    root.write(QStringLiteral("server.tab"), "# server\n"
                                             "\"RootDomain\"\t\"example.test\"\n"
                                             "\"CustMapsList\"\t\"bl.test:-3\"\n"
                                             "\"SMTP-RDNSCheck\"\t\"-2\"\n");
    root.write(QStringLiteral("smtp.ipmap.tab"), "# header\n\n\"192.0.2.0/24\"\t\"0\"\t\"ALLOW\"\t0\n");
    root.write(QStringLiteral("spammers.tab"), "# header\n\"10.0.0.0/8\"\t\"code=1\"\n\"192.0.2.0/24\"\t\"code=-1\"\n");
    const auto policy = root.compile(true);
    const auto v = eval(policy, "192.0.2.1", listedIn({"bl.test"}, QString()));
    EXPECT_EQ(ruleOf(v, StageIds::IpMap), "smtp.ipmap.tab:3");
    EXPECT_EQ(ruleOf(v, StageIds::Spammers), "spammers.tab:3");
    EXPECT_EQ(traceFor(v, StageIds::Spammers)->lineText, QStringLiteral("\"192.0.2.0/24\"\t\"code=-1\""));
    EXPECT_EQ(ruleOf(v, StageIds::DnsMaps), "server.tab:3");
    EXPECT_EQ(ruleOf(v, StageIds::RDns), "server.tab:4");
    // The trace follows the stage order.
    QStringList order;
    for (const auto &e : v.trace)
        order << e.stage;
    EXPECT_EQ(order, (QStringList{StageIds::IpProp, StageIds::HnProp, StageIds::IpMap, StageIds::Spammers, StageIds::DnsMaps,
                                  StageIds::RDns, StageIds::Banner}));
}

TEST(PolicyTrace, HnPropOnlyWhenTheFileExists)
{
    TestMailRoot root;
    auto v = eval(root.compile(true), "192.0.2.1");
    EXPECT_EQ(traceFor(v, StageIds::HnProp)->outcome, TraceOutcome::NotConfigured);
    root.write(QStringLiteral("smtp.hnprop.tab"), "\"mail.friend.test\"\t\"WhiteList=1\"\n");
    const auto policy = root.compile(true);
    EXPECT_TRUE(policy->needsPtr(ip("192.0.2.1")));
    v = eval(policy, "192.0.2.1", listedIn({}, QStringLiteral("mail.friend.test")));
    EXPECT_TRUE(v.whiteListed);
    EXPECT_EQ(ruleOf(v, StageIds::HnProp), "smtp.hnprop.tab:1");
}

// ---- XMF- extensions at the policy level ----

TEST(PolicyExtensions, DefaultDelayCombinesByMaximum)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"192.0.2.0/24\"\t\"code=-30\"\n\"198.51.100.0/24\"\t\"code=-5\"\n");
    root.write(QStringLiteral("smtp.ipprop.tab"), "\"203.0.113.0/24\"\t\"WhiteList\"\n");
    root.setVariable(QStringLiteral("XMF-DefaultDelay"), QStringLiteral("10"));
    const auto policy = root.compile(false);
    EXPECT_EQ(eval(policy, "192.0.2.1").delaySeconds, 30);
    EXPECT_EQ(eval(policy, "198.51.100.1").delaySeconds, 10);
    EXPECT_EQ(eval(policy, "10.0.0.1").delaySeconds, 10);
    const auto wl = eval(policy, "203.0.113.1");
    EXPECT_EQ(wl.delaySeconds, 0);
    EXPECT_EQ(traceFor(wl, StageIds::DefaultDelay)->outcome, TraceOutcome::Skipped);
    const auto v = eval(policy, "10.0.0.1");
    EXPECT_EQ(traceFor(v, StageIds::DefaultDelay)->outcome, TraceOutcome::Matched);
    EXPECT_EQ(traceFor(v, StageIds::DefaultDelay)->delaySeconds, 10);
    // --xmail-compat: ignored.
    const auto compat = root.compile(true);
    EXPECT_EQ(eval(compat, "10.0.0.1").delaySeconds, 0);
    EXPECT_EQ(eval(compat, "198.51.100.1").delaySeconds, 5);
    EXPECT_EQ(traceFor(eval(compat, "10.0.0.1"), StageIds::DefaultDelay), nullptr);
}

TEST(PolicyExtensions, ListenerOptionsPerPort)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-30\"\n");
    root.setVariable(QStringLiteral("SmtpConfig"), QStringLiteral("MailAuth"));
    root.setVariable(QStringLiteral("SmtpConfig-127.0.0.1,587"), QStringLiteral("MailAuth,NoDelay"));
    root.setVariable(QStringLiteral("SmtpConfig-127.0.0.1,2525"), QStringLiteral("GreetPause=3,DelayStart=mail"));
    root.setVariable(QStringLiteral("XMF-GreetPause"), QStringLiteral("7"));
    const auto policy = root.compile(false);

    auto v = eval(policy, "192.0.2.1", noDns(), endpoint("127.0.0.1", 587));
    EXPECT_EQ(v.delaySeconds, 0);
    EXPECT_TRUE(v.listener.noDelay);
    EXPECT_TRUE(v.listener.mailAuth);
    EXPECT_EQ(v.listener.sourceVariable, QStringLiteral("SmtpConfig-127.0.0.1,587"));

    v = eval(policy, "192.0.2.1", noDns(), endpoint("127.0.0.1", 25));
    EXPECT_EQ(v.delaySeconds, 30);
    EXPECT_FALSE(v.delayAtMail);
    EXPECT_EQ(v.greetPause, 7);
    EXPECT_EQ(v.listener.sourceVariable, QStringLiteral("SmtpConfig"));

    v = eval(policy, "192.0.2.1", noDns(), endpoint("127.0.0.1", 2525));
    EXPECT_EQ(v.delaySeconds, 30);
    EXPECT_TRUE(v.delayAtMail);
    EXPECT_EQ(v.greetPause, 3);
    EXPECT_FALSE(v.listener.mailAuth); // the most specific variable wins, no merging
    int listenerLine = 0;
    const model::MailRoot loaded = root.load(); // the loop must not run over a destroyed temporary
    for (const auto &var : loaded.tables().server)
        if (var.name == QLatin1String("SmtpConfig-127.0.0.1,2525"))
            listenerLine = var.line;
    ASSERT_GT(listenerLine, 0);
    EXPECT_EQ(ruleOf(v, StageIds::GreetPause), "server.tab:" + std::to_string(listenerLine));

    // --xmail-compat: NoDelay, DelayStart and GreetPause are ignored; MailAuth still applies.
    const auto compat = root.compile(true);
    v = eval(compat, "192.0.2.1", noDns(), endpoint("127.0.0.1", 587));
    EXPECT_EQ(v.delaySeconds, 30);
    EXPECT_FALSE(v.listener.noDelay);
    EXPECT_TRUE(v.listener.mailAuth);
    v = eval(compat, "192.0.2.1", noDns(), endpoint("127.0.0.1", 2525));
    EXPECT_FALSE(v.delayAtMail);
    EXPECT_EQ(v.greetPause, 0);
    EXPECT_EQ(traceFor(v, StageIds::GreetPause), nullptr);
}

// SmtpConfig names are matched as XMail spells them: address-and-port before address,
// then xmflow's any-address forms, then plain SmtpConfig. Other spellings never match.
TEST(PolicyExtensions, ListenerNamesMatchLikeXMail)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("SmtpConfig"), QStringLiteral("WantTLS"));
    root.setVariable(QStringLiteral("SmtpConfig-127.0.0.1"), QStringLiteral("GreetPause=1"));
    root.setVariable(QStringLiteral("SmtpConfig-0.0.0.0,587"), QStringLiteral("GreetPause=2"));
    root.setVariable(QStringLiteral("SmtpConfig-0.0.0.0"), QStringLiteral("GreetPause=3"));
    root.setVariable(QStringLiteral("SmtpConfig-127.0.0.2,0587"), QStringLiteral("GreetPause=4"));  // not decimal as XMail prints it
    root.setVariable(QStringLiteral("SmtpConfig-127.000.0.3,25"), QStringLiteral("GreetPause=5")); // not a canonical address
    root.setVariable(QStringLiteral("SmtpConfig-::1,25"), QStringLiteral("GreetPause=6"));
    const auto policy = root.compile(false);
    auto source = [&](const char *address, quint16 port) {
        return policy->listenerOptions(endpoint(address, port)).sourceVariable.toStdString();
    };
    EXPECT_EQ(source("127.0.0.1", 25), "SmtpConfig-127.0.0.1");
    EXPECT_EQ(source("127.0.0.1", 587), "SmtpConfig-127.0.0.1");    // the exact address beats any-address,587
    EXPECT_EQ(source("127.0.0.2", 587), "SmtpConfig-0.0.0.0,587");
    EXPECT_EQ(source("127.0.0.2", 25), "SmtpConfig-0.0.0.0");
    EXPECT_EQ(source("127.0.0.3", 25), "SmtpConfig-0.0.0.0");
    EXPECT_EQ(source("::1", 25), "SmtpConfig-::1,25");
    EXPECT_EQ(source("::1", 587), "SmtpConfig");                      // 0.0.0.0 forms are IPv4 only
    EXPECT_EQ(policy->listenerOptions(endpoint("127.0.0.2", 587)).greetPause, 2);

    const auto compat = root.compile(true); // no any-address forms in XMail
    EXPECT_EQ(compat->listenerOptions(endpoint("127.0.0.2", 587)).sourceVariable.toStdString(), "SmtpConfig");
    EXPECT_TRUE(compat->listenerOptions(endpoint("127.0.0.2", 587)).wantTls);
}

TEST(PolicyExtensions, GreetPauseSkippedForWhitelisted)
{
    TestMailRoot root;
    root.write(QStringLiteral("smtp.ipprop.tab"), "\"192.0.2.0/24\"\t\"WhiteList\"\n");
    root.setVariable(QStringLiteral("XMF-GreetPause"), QStringLiteral("5"));
    const auto policy = root.compile(false);
    auto v = eval(policy, "192.0.2.1");
    EXPECT_EQ(v.greetPause, 0);
    EXPECT_EQ(traceFor(v, StageIds::GreetPause)->outcome, TraceOutcome::Skipped);
    v = eval(policy, "198.51.100.1");
    EXPECT_EQ(v.greetPause, 5);
    EXPECT_EQ(traceFor(v, StageIds::GreetPause)->outcome, TraceOutcome::Matched);
    EXPECT_EQ(v.trace.first().stage, StageIds::GreetPause);
}

// One JSON shape for the verdict: `xmflowd simulate --json` and the daemon's verdict events.
TEST(VerdictJson, SnakeCaseKeysAndTheDropReplyOnlyWhenDropped)
{
    engine::ConnectVerdict v;
    v.delaySeconds = 30;
    v.delayAtMail = true;
    v.greetPause = 4;
    v.whiteListed = true;
    v.blocked = true;
    v.noRdns = true;
    v.ipMapped = true;
    QJsonObject o = engine::toJson(v);
    EXPECT_EQ(o.value(QStringLiteral("drop")), QJsonValue(false));
    EXPECT_EQ(o.value(QStringLiteral("delay")).toInt(), 30);
    EXPECT_EQ(o.value(QStringLiteral("delay_start")).toString(), QStringLiteral("mail"));
    EXPECT_EQ(o.value(QStringLiteral("greet_pause")).toInt(), 4);
    EXPECT_TRUE(o.value(QStringLiteral("whitelisted")).toBool());
    EXPECT_TRUE(o.value(QStringLiteral("blocked")).toBool());
    EXPECT_FALSE(o.value(QStringLiteral("mapped")).toBool());
    EXPECT_TRUE(o.value(QStringLiteral("no_rdns")).toBool());
    EXPECT_TRUE(o.value(QStringLiteral("ipmapped")).toBool());
    EXPECT_FALSE(o.contains(QStringLiteral("reply")));
    EXPECT_FALSE(o.contains(QStringLiteral("log")));
    for (const QString &key : o.keys())
        EXPECT_EQ(key, key.toLower()) << key.toStdString();

    v = {};
    v.drop = true;
    v.dropReply = QStringLiteral("550 Denied");
    v.logStatus = QStringLiteral("EIPBAN");
    o = engine::toJson(v);
    EXPECT_EQ(o.value(QStringLiteral("delay_start")).toString(), QStringLiteral("connect"));
    EXPECT_EQ(o.value(QStringLiteral("reply")).toString(), QStringLiteral("550 Denied"));
    EXPECT_EQ(o.value(QStringLiteral("log")).toString(), QStringLiteral("SNDRIP=EIPBAN"));
}

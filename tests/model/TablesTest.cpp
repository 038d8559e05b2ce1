// Typed tables: each file read as XMail 1.27 reads it, every unusable line reported.

#include "AddressFilter.h"
#include "Tables.h"

#include <gtest/gtest.h>

using namespace xmflow::model;

namespace {

struct Parsed {
    ParsedTables tables;
    Diagnostics diagnostics;

    QStringList kindsAt(int line) const
    {
        QStringList kinds;
        for (const Diagnostic &d : diagnostics)
            if (d.line == line)
                kinds.append(d.kind);
        return kinds;
    }
    const Diagnostic *find(int line, const QString &kind) const
    {
        for (const Diagnostic &d : diagnostics)
            if (d.line == line && d.kind == kind)
                return &d;
        return nullptr;
    }
};

Parsed parse(TableKind kind, const QByteArray &bytes)
{
    Parsed out;
    parseTable(kind, TabFile::fromBytes(bytes), out.tables, out.diagnostics);
    return out;
}

IpAddress ip(const char *text)
{
    return IpAddress::parse(QString::fromLatin1(text)).value();
}

const SpammerRule *firstSpammer(const ParsedTables &t, const IpAddress &peer)
{
    for (const SpammerRule &rule : t.spammers)
        if (rule.filter.matches(peer))
            return &rule;
    return nullptr;
}

} // namespace

TEST(Tables, SpaceInsteadOfTabSpammersLineStillMatchesButLosesItsParameters)
{
    const QByteArray bytes = "# spammers\n"
                             "\"10.0.0.0/8\"\t\"code=-30\"\n"
                             "\"127.0.19.0/24\" \"code=0\"\n"
                             "\"192.0.2.0/24\"\t\"code=0\"\n";
    const Parsed p = parse(TableKind::Spammers, bytes);
    ASSERT_EQ(p.tables.spammers.size(), 3);

    const Diagnostic *d = p.find(3, QStringLiteral("space-separated"));
    ASSERT_NE(d, nullptr) << "no space-separated diagnostic on line 3";
    EXPECT_EQ(d->file, QStringLiteral("spammers.tab"));
    EXPECT_EQ(d->severity, Severity::Error);
    EXPECT_FALSE(d->xmailBehaviour.isEmpty());
    EXPECT_EQ(p.kindsAt(2), QStringList());
    EXPECT_EQ(p.kindsAt(4), QStringList());

    const SpammerRule &rule = p.tables.spammers.at(1);
    EXPECT_EQ(rule.line, 3);
    EXPECT_EQ(rule.code, 1) << "the params are lost, so code defaults to 1";
    EXPECT_TRUE(rule.parameterText.isEmpty());
    const SpammerRule *hit = firstSpammer(p.tables, ip("127.0.19.5"));
    ASSERT_NE(hit, nullptr);
    EXPECT_EQ(hit->line, 3);
    EXPECT_EQ(firstSpammer(p.tables, ip("127.0.20.1")), nullptr);
}

TEST(Tables, UnquotedSpaceSeparatedSpammersLineReadsBitsWithAtoi)
{
    const Parsed p = parse(TableKind::Spammers, "127.0.19.0/24 code=-5\r\n");
    ASSERT_EQ(p.tables.spammers.size(), 1);
    EXPECT_NE(p.find(1, QStringLiteral("space-separated")), nullptr);
    EXPECT_EQ(p.tables.spammers.at(0).code, 1);
    EXPECT_TRUE(p.tables.spammers.at(0).filter.matches(ip("127.0.19.5")));
    EXPECT_FALSE(p.tables.spammers.at(0).filter.matches(ip("127.0.20.1")));
}

TEST(Tables, SpammersForms)
{
    const QByteArray bytes = "\"10.1.0.0\"\t\"255.255.0.0\"\t\"code=-30\"\n" // netmask form + params
                             "\"10.2.0.0/16\"\t\"code=0,foo=bar\"\n"        // prefix form
                             "\"10.3.0.0/16\"\t\"0\"\t\"code=-4\"\n"        // '/' wins, digit field consumed
                             "\"10.4.0.0/16\"\n"                           // no params: code 1
                             "\"10.5.0.0/16\"\t\"foo=1,code=-7\"\n"        // code after a ','
                             "\"10.6.0.0/16\"\t\"foo=1, code=-7\"\n"       // ", code" is not found
                             "\"10.7.0.0/16\"\t\"xcode=3\"\n";             // not at a boundary
    const Parsed p = parse(TableKind::Spammers, bytes);
    ASSERT_EQ(p.tables.spammers.size(), 7);
    const auto &s = p.tables.spammers;
    EXPECT_EQ(s[0].code, -30);
    EXPECT_TRUE(s[0].filter.matches(ip("10.1.200.1")));
    EXPECT_EQ(s[1].code, 0);
    ASSERT_EQ(s[1].parameters.size(), 2);
    EXPECT_EQ(s[1].parameters[1].name, QStringLiteral("foo"));
    EXPECT_EQ(s[1].parameters[1].value, QStringLiteral("bar"));
    EXPECT_EQ(s[2].code, -4);
    EXPECT_TRUE(s[2].filter.matches(ip("10.3.9.9")));
    EXPECT_EQ(s[3].code, 1);
    EXPECT_EQ(s[4].code, -7);
    EXPECT_EQ(s[5].code, 1);
    EXPECT_NE(p.find(6, QStringLiteral("spammers-code-not-found")), nullptr);
    EXPECT_EQ(s[6].code, 1);
}

TEST(Tables, MalformedLinesGiveDiagnosticsWithLineNumbers)
{
    const QByteArray bytes = "# comment\n"                         // 1
                             "\"10.0.0.1\"\n"                      // 2 one field without '/'
                             "\"not-an-ip/24\"\t\"code=1\"\n"      // 3 host name
                             "\"1.2.3.4 5/24\"\n"                  // 4 garbage
                             "  # indented comment\n"              // 5 data, not a comment
                             "   \n"                               // 6 spaces only
                             "\"10.0.0.0/8\"x\t\"code=1\"\n"       // 7 text after the quote
                             "\n"                                  // 8 blank
                             "\"10.9.0.0/16\"\t\"code=-1\"";       // 9 fine, no final newline
    const Parsed p = parse(TableKind::Spammers, bytes);
    EXPECT_TRUE(p.kindsAt(1).isEmpty());
    EXPECT_EQ(p.kindsAt(2), QStringList{QStringLiteral("unparsable-line")});
    EXPECT_EQ(p.kindsAt(3), QStringList{QStringLiteral("hostname-filter")});
    EXPECT_EQ(p.kindsAt(4), QStringList{QStringLiteral("hostname-filter")});
    EXPECT_TRUE(p.kindsAt(5).contains(QStringLiteral("indented-comment")));
    EXPECT_TRUE(p.kindsAt(5).contains(QStringLiteral("unparsable-line")));
    EXPECT_EQ(p.kindsAt(6), QStringList{QStringLiteral("whitespace-line")});
    EXPECT_EQ(p.kindsAt(7), QStringList{QStringLiteral("text-after-quote")});
    EXPECT_TRUE(p.kindsAt(8).isEmpty());
    EXPECT_TRUE(p.kindsAt(9).isEmpty());
    ASSERT_EQ(p.tables.spammers.size(), 2);
    EXPECT_EQ(p.tables.spammers[0].line, 7);
    EXPECT_EQ(p.tables.spammers[1].line, 9);
    for (const Diagnostic &d : p.diagnostics) {
        EXPECT_FALSE(d.message.en.isEmpty());
        EXPECT_FALSE(d.message.ja.isEmpty());
        EXPECT_TRUE(d.format().startsWith(QStringLiteral("spammers.tab:%1: ").arg(d.line))) << d.format().toStdString();
    }
}

TEST(Tables, TooLongLineIsReadInPiecesLikeFgets)
{
    QByteArray bytes = "\"10.0.0.0/8\"\t\"code=-2\t";
    bytes += QByteArray(600, 'x');
    bytes += "\"\n\"10.1.0.0/16\"\t\"code=0\"\n";
    const Parsed p = parse(TableKind::Spammers, bytes);
    EXPECT_NE(p.find(1, QStringLiteral("line-too-long")), nullptr);
    ASSERT_GE(p.tables.spammers.size(), 2);
    EXPECT_EQ(p.tables.spammers.first().line, 1);
    EXPECT_EQ(p.tables.spammers.last().line, 2);
    EXPECT_EQ(p.tables.spammers.last().code, 0);
}

TEST(Tables, IpMapPrecedenceAndActions)
{
    const QByteArray bytes = "\"0.0.0.0\"\t\"0.0.0.0\"\t\"DENY\"\t1\n"
                             "\"192.0.2.0/24\"\t\"0.0.0.0\"\t\"allow\"\t3\n"
                             "\"10.0.0.0\"\t\"255.0.0.0\"\t\"BLOCK\"\t\"x\"\n"   // not ALLOW: DENY; atoi("x") = 0
                             "\"10.0.0.0/8\"\t\"ALLOW\"\t5\n"                    // 3 fields: ignored
                             "\"10.1.0.0/16\"\t\"0\"\t\"ALLOW\"\t-3\n";          // can never win
    const Parsed p = parse(TableKind::IpMap, bytes);
    ASSERT_EQ(p.tables.ipMap.size(), 4);
    EXPECT_FALSE(p.tables.ipMap[0].allow);
    EXPECT_TRUE(p.tables.ipMap[0].filter.isCatchAll());
    EXPECT_TRUE(p.tables.ipMap[1].allow);
    EXPECT_EQ(p.tables.ipMap[1].precedence, 3);
    EXPECT_FALSE(p.tables.ipMap[2].allow);
    EXPECT_EQ(p.tables.ipMap[2].precedence, 0);
    EXPECT_NE(p.find(3, QStringLiteral("ipmap-action")), nullptr);
    EXPECT_NE(p.find(3, QStringLiteral("lenient-number")), nullptr);
    EXPECT_NE(p.find(4, QStringLiteral("too-few-fields")), nullptr);
    EXPECT_EQ(p.tables.ipMap[3].line, 5);
    EXPECT_NE(p.find(5, QStringLiteral("ipmap-precedence")), nullptr);
}

TEST(Tables, IpPropTakesOnlyPrefixFormAndWholeFieldsAsProperties)
{
    const QByteArray bytes = "\"192.0.2.0/24\"\t\"WhiteList=1,NoAuth=1\"\n"
                             "\"198.51.100.0\"\t\"255.255.255.0\"\t\"WhiteList=1\"\n"
                             "\"203.0.113.0/24\"\t\"NoAuth\"\t\"SenderDomainCheck=0\"\t\"EnableVRFY=0\"\n";
    const Parsed p = parse(TableKind::IpProp, bytes);
    ASSERT_EQ(p.tables.ipProp.size(), 2);
    const IpPropRule &first = p.tables.ipProp[0];
    EXPECT_TRUE(first.flag(QStringLiteral("WhiteList")));
    EXPECT_EQ(first.property(QStringLiteral("WhiteList")), QStringLiteral("1,NoAuth=1"));
    EXPECT_FALSE(first.flag(QStringLiteral("NoAuth"))) << "NoAuth is lost inside WhiteList's value";
    EXPECT_NE(p.find(2, QStringLiteral("unparsable-line")), nullptr);
    const IpPropRule &third = p.tables.ipProp[1];
    EXPECT_EQ(third.line, 3);
    EXPECT_TRUE(third.flag(QStringLiteral("NoAuth")));
    EXPECT_EQ(third.intProperty(QStringLiteral("SenderDomainCheck")), 0);
    EXPECT_FALSE(third.flag(QStringLiteral("EnableVRFY")));
    EXPECT_FALSE(third.flag(QStringLiteral("noauth"))) << "names are case-sensitive";
}

TEST(Tables, HnPropMatching)
{
    const Parsed p = parse(TableKind::HnProp, "\".example.com\"\t\"WhiteList\"\n\"mail.example.net.\"\t\"NoAuth=1\"\n");
    ASSERT_EQ(p.tables.hnProp.size(), 2);
    const HnPropRule &dot = p.tables.hnProp[0];
    EXPECT_TRUE(dot.matches(QStringLiteral("a.example.com")));
    EXPECT_FALSE(dot.matchesLikeXMail127(QStringLiteral("a.example.com")));
    const HnPropRule &exact = p.tables.hnProp[1];
    EXPECT_TRUE(exact.matchesLikeXMail127(QStringLiteral("MAIL.example.net")));
    EXPECT_TRUE(exact.matchesLikeXMail127(QStringLiteral("mail.example.net.evil.org")));
    EXPECT_FALSE(exact.matchesLikeXMail127(QStringLiteral("mx.example.net")));
}

TEST(Tables, RelayForms)
{
    const Parsed p = parse(TableKind::SmtpRelay, "\"192.168.0.0\"\t\"255.255.0.0\"\n\"10.0.0.0/8\"\n\"172.16.0.1\"\n"
                                                 "\"172.16.0.0\"\t\"mask\"\n");
    ASSERT_EQ(p.tables.relay.size(), 2);
    EXPECT_TRUE(p.tables.relay[0].filter.matches(ip("192.168.4.4")));
    EXPECT_TRUE(p.tables.relay[1].filter.matches(ip("10.4.4.4")));
    EXPECT_NE(p.find(3, QStringLiteral("unparsable-line")), nullptr);
    EXPECT_FALSE(p.kindsAt(4).isEmpty());
}

TEST(Tables, ServerVariablesFirstOccurrenceAndDuplicates)
{
    const Parsed p = parse(TableKind::Server, "\"RootDomain\"\t\"a.test\"\n\"RootDomain\"\t\"b.test\"\n"
                                              "\"SMTP-RDNSCheck\" \"1\"\n\"NoSuchVariable\"\t\"1\"\n");
    ASSERT_EQ(p.tables.server.size(), 3);
    EXPECT_EQ(p.tables.server[0].value, QStringLiteral("a.test"));
    EXPECT_NE(p.find(2, QStringLiteral("duplicate-variable")), nullptr);
    EXPECT_NE(p.find(3, QStringLiteral("space-separated")), nullptr);
    EXPECT_NE(p.find(4, QStringLiteral("unknown-variable")), nullptr);
}

TEST(Tables, PasswordEncoding)
{
    EXPECT_EQ(encodeXMailPassword(QStringLiteral("wonderland")), QStringLiteral("120a0b01001709040b01"));
    EXPECT_EQ(decodeXMailPassword(QStringLiteral("120a0b01001709040b01")), QStringLiteral("wonderland"));
    EXPECT_EQ(decodeXMailPassword(QStringLiteral("120A0B01001709040B01")), QStringLiteral("wonderland"));
    EXPECT_FALSE(decodeXMailPassword(QStringLiteral("120")).has_value());
    EXPECT_FALSE(decodeXMailPassword(QStringLiteral("zz")).has_value());
    const QString plain = QStringLiteral("pässwörd!");
    EXPECT_EQ(decodeXMailPassword(encodeXMailPassword(plain)), plain);

    const Parsed p = parse(TableKind::MailUsers, "\"example.test\"\t\"alice\"\t\"120a0b01001709040b01\"\t1\t\"alice\"\t\"U\"\n"
                                                 "\"example.test\"\t\"bad\"\t\"xyz\"\t2\t\"bad\"\t\"U\"\n"
                                                 "\"example.test\"\t\"short\"\n");
    ASSERT_EQ(p.tables.mailUsers.size(), 2);
    EXPECT_EQ(p.tables.mailUsers[0].password(), QStringLiteral("wonderland"));
    EXPECT_NE(p.find(2, QStringLiteral("bad-password-encoding")), nullptr);
    EXPECT_NE(p.find(3, QStringLiteral("too-few-fields")), nullptr);
}

TEST(Tables, SpamAddressWildcards)
{
    SpamAddressRule rule{1, QStringLiteral("*@spam.example")};
    EXPECT_TRUE(rule.matches(QStringLiteral("bot@SPAM.example")));
    EXPECT_FALSE(rule.matches(QStringLiteral("bot@spam.example.org")));
    EXPECT_TRUE(SpamAddressRule({1, QStringLiteral("user?@x.test")}).matches(QStringLiteral("user7@x.test")));
    EXPECT_FALSE(SpamAddressRule({1, QStringLiteral("user?@x.test")}).matches(QStringLiteral("user@x.test")));
    EXPECT_TRUE(SpamAddressRule({1, QStringLiteral("[a-c]*@x.test")}).matches(QStringLiteral("bob@x.test")));
    EXPECT_FALSE(SpamAddressRule({1, QStringLiteral("[^a-c]*@x.test")}).matches(QStringLiteral("bob@x.test")));
    EXPECT_TRUE(SpamAddressRule({1, QStringLiteral("a\\*b")}).matches(QStringLiteral("a*b")));
    EXPECT_FALSE(SpamAddressRule({1, QStringLiteral("a\\*b")}).matches(QStringLiteral("axb")));
    EXPECT_TRUE(xmailWildcardMatch("anything", "*"));
    EXPECT_FALSE(xmailWildcardMatch("", "?"));
}

TEST(Tables, ParamGet)
{
    EXPECT_EQ(xmailParamGet(QStringLiteral("code=-30"), QStringLiteral("code")), QStringLiteral("-30"));
    EXPECT_EQ(xmailParamGet(QStringLiteral("a=1,code=2,b=3"), QStringLiteral("code")), QStringLiteral("2"));
    EXPECT_FALSE(xmailParamGet(QStringLiteral("Code=2"), QStringLiteral("code")).has_value());
    EXPECT_FALSE(xmailParamGet(QStringLiteral("code"), QStringLiteral("code")).has_value());
    EXPECT_EQ(xmailParamGet(QStringLiteral("code=") + QString(40, QLatin1Char('9')), QStringLiteral("code"))->size(), 31);
}

TEST(Tables, GreylistWhitelistEntriesCommentsAndBadLines)
{
    const QByteArray bytes = "# big senders\n"                           // 1
                             "\"google.com\"\t\"Gmail senders\"\n"       // 2
                             "\"Outlook.COM.\"\n"                        // 3: case and a trailing dot
                             "\"192.0.2.0/24\"\t\"an address\"\n"        // 4
                             "\"\"\t\"nothing\"\n"                       // 5
                             "\"mail_out.example\"\n"                    // 6
                             "\"*.yahoo.com\"\n"                         // 7
                             "\"GOOGLE.com\"\n"                          // 8: duplicate of line 2
                             "\"a..b\"\n"                                // 9
                             "\"2001:db8::1\"\n"                         // 10
                             "\".sendgrid.net\"\t\"SendGrid\"\textra\n"; // 11
    const Parsed p = parse(TableKind::GreylistWhitelist, bytes);
    ASSERT_EQ(p.tables.greylistWhitelist.size(), 3);
    EXPECT_EQ(p.tables.greylistWhitelist.at(0).line, 2);
    EXPECT_EQ(p.tables.greylistWhitelist.at(0).domain, QStringLiteral("google.com"));
    EXPECT_EQ(p.tables.greylistWhitelist.at(0).comment, QStringLiteral("Gmail senders"));
    EXPECT_EQ(p.tables.greylistWhitelist.at(1).line, 3);
    EXPECT_EQ(p.tables.greylistWhitelist.at(1).domain, QStringLiteral("Outlook.COM."));
    EXPECT_TRUE(p.tables.greylistWhitelist.at(1).comment.isEmpty());
    EXPECT_EQ(p.tables.greylistWhitelist.at(2).line, 11);
    EXPECT_EQ(p.tables.greylistWhitelist.at(2).comment, QStringLiteral("SendGrid"));

    EXPECT_EQ(p.kindsAt(1), QStringList());
    EXPECT_EQ(p.kindsAt(2), QStringList());
    EXPECT_EQ(p.kindsAt(3), QStringList());
    EXPECT_EQ(p.kindsAt(4), QStringList{QStringLiteral("address-not-domain")});
    EXPECT_EQ(p.kindsAt(5), QStringList{QStringLiteral("empty-domain")});
    EXPECT_EQ(p.kindsAt(6), QStringList{QStringLiteral("bad-domain")});
    EXPECT_EQ(p.kindsAt(7), QStringList{QStringLiteral("bad-domain")});
    EXPECT_EQ(p.kindsAt(8), QStringList{QStringLiteral("duplicate-domain")});
    EXPECT_EQ(p.kindsAt(9), QStringList{QStringLiteral("bad-domain")});
    EXPECT_EQ(p.kindsAt(10), QStringList{QStringLiteral("address-not-domain")});
    EXPECT_EQ(p.kindsAt(11), QStringList{QStringLiteral("extra-fields")});
    const Diagnostic *duplicate = p.find(8, QStringLiteral("duplicate-domain"));
    ASSERT_NE(duplicate, nullptr);
    EXPECT_EQ(duplicate->file, QStringLiteral("xmflow-greylist-whitelist.tab"));
    EXPECT_EQ(duplicate->location(), QStringLiteral("xmflow-greylist-whitelist.tab:8"));
    EXPECT_TRUE(duplicate->message.en.contains(QStringLiteral("line 2")))
        << duplicate->message.en.toStdString();
    EXPECT_FALSE(duplicate->message.ja.isEmpty());
    EXPECT_EQ(p.find(4, QStringLiteral("address-not-domain"))->severity, Severity::Error);
}

TEST(Tables, GreylistWhitelistIsXmflowsOwnTable)
{
    EXPECT_EQ(tableKindForFile(QStringLiteral("xmflow-greylist-whitelist.tab")),
              TableKind::GreylistWhitelist);
    EXPECT_TRUE(allTableKinds().contains(TableKind::GreylistWhitelist));
    EXPECT_TRUE(isXmflowTable(TableKind::GreylistWhitelist));
    for (TableKind kind : allTableKinds()) {
        if (kind != TableKind::GreylistWhitelist) {
            EXPECT_FALSE(isXmflowTable(kind)) << tableFileName(kind).toStdString();
        }
    }
    EXPECT_EQ(xmailLineLimit(TableKind::GreylistWhitelist), 0);
}

// Lint on crafted MailRoots: every finding asserted by file:line and kind.

#include "Lint.h"
#include "EngineTestSupport.h"

#include <gmock/gmock.h>

using namespace xmflow;
using ::testing::Contains;
using ::testing::Not;
using xmflow::testing::TestMailRoot;

namespace {

// "file:line kind" for every finding.
std::vector<std::string> findings(const TestMailRoot &root)
{
    std::vector<std::string> out;
    for (const model::Diagnostic &d : engine::lint(root.load()))
        out.push_back(QStringLiteral("%1:%2 %3").arg(d.file).arg(d.line).arg(d.kind).toStdString());
    return out;
}

const model::Diagnostic *find(const model::Diagnostics &all, const QString &location, const QString &kind)
{
    for (const model::Diagnostic &d : all)
        if (d.location() == location && d.kind == kind)
            return &d;
    return nullptr;
}

} // namespace

TEST(LintShadowed, FirstMatchTables)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"),
               "\"10.0.0.0/24\"\t\"code=-1\"\n"    // 1
               "\"10.0.1.0/25\"\t\"code=-1\"\n"    // 2
               "\"10.0.1.128/25\"\t\"code=-1\"\n"  // 3
               "\"10.0.1.0/24\"\t\"code=1\"\n"     // 4: covered by 2 + 3 together
               "\"10.0.0.7/32\"\t\"code=1\"\n"     // 5: covered by 1
               "\"10.0.2.0/23\"\t\"code=1\"\n"     // 6: only half covered... no: 10.0.2-3 free
               "\"2001:db8::/32\"\t\"code=0\"\n"   // 7
               "\"2001:db8:5::/48\"\t\"code=0\"\n" // 8: covered by 7
               "\"10.0.0.0/22\"\t\"code=1\"\n");   // 9: 10.0.0-3 all covered by 1..6
    root.write(QStringLiteral("smtp.ipprop.tab"),
               "\"192.0.2.0/24\"\t\"WhiteList\"\n\"192.0.2.64/26\"\t\"NoAuth\"\n");
    const auto all = findings(root);
    EXPECT_THAT(all, Contains("spammers.tab:4 shadowed-line"));
    EXPECT_THAT(all, Contains("spammers.tab:5 shadowed-line"));
    EXPECT_THAT(all, Contains("spammers.tab:8 shadowed-line"));
    EXPECT_THAT(all, Contains("spammers.tab:9 shadowed-line"));
    EXPECT_THAT(all, Not(Contains("spammers.tab:1 shadowed-line")));
    EXPECT_THAT(all, Not(Contains("spammers.tab:2 shadowed-line")));
    EXPECT_THAT(all, Not(Contains("spammers.tab:3 shadowed-line")));
    EXPECT_THAT(all, Not(Contains("spammers.tab:6 shadowed-line")));
    EXPECT_THAT(all, Not(Contains("spammers.tab:7 shadowed-line")));
    EXPECT_THAT(all, Contains("smtp.ipprop.tab:2 shadowed-line"));

    const auto diags = engine::lint(root.load());
    const model::Diagnostic *five =
        find(diags, QStringLiteral("spammers.tab:5"), QStringLiteral("shadowed-line"));
    ASSERT_NE(five, nullptr);
    EXPECT_TRUE(five->message.en.contains(QLatin1String("line 1"))) << five->message.en.toStdString();
    EXPECT_FALSE(five->message.ja.isEmpty());
    EXPECT_FALSE(five->hint.en.isEmpty());
}

TEST(LintShadowed, IpMapByPrecedence)
{
    TestMailRoot root;
    root.write(QStringLiteral("smtp.ipmap.tab"),
               "\"0.0.0.0/0\"\t\"0\"\t\"ALLOW\"\t1\n"      // 1
               "\"192.0.2.0/24\"\t\"0\"\t\"DENY\"\t-3\n"   // 2: below -1
               "\"203.0.113.0/24\"\t\"0\"\t\"DENY\"\t0\n"  // 3: lower precedence, covered by 1
               "\"198.51.100.0/24\"\t\"0\"\t\"DENY\"\t1\n" // 4: tie, later line wins: reachable
               "\"0.0.0.0/0\"\t\"0\"\t\"ALLOW\"\t5\n"      // 5: highest: everything else dead
    );
    const auto all = findings(root);
    EXPECT_THAT(all, Contains("smtp.ipmap.tab:2 precedence-never-wins"));
    EXPECT_THAT(all, Contains("smtp.ipmap.tab:1 shadowed-line"));
    EXPECT_THAT(all, Contains("smtp.ipmap.tab:3 shadowed-line"));
    EXPECT_THAT(all, Contains("smtp.ipmap.tab:4 shadowed-line"));
    EXPECT_THAT(all, Not(Contains("smtp.ipmap.tab:5 shadowed-line")));

    TestMailRoot tie;
    tie.write(QStringLiteral("smtp.ipmap.tab"), "\"0.0.0.0/0\"\t\"0\"\t\"ALLOW\"\t1\n"
                                                "\"198.51.100.0/24\"\t\"0\"\t\"DENY\"\t1\n");
    const auto t = findings(tie);
    EXPECT_THAT(t, Not(Contains("smtp.ipmap.tab:1 shadowed-line")));
    EXPECT_THAT(t, Not(Contains("smtp.ipmap.tab:2 shadowed-line")));
}

TEST(LintPolicy, IpMapDropCodeZero)
{
    TestMailRoot root;
    root.write(QStringLiteral("server.tab"),
               "\"RootDomain\"\t\"example.test\"\n\"SMTP-IpMapDropCode\"\t\"0\"\n");
    root.write(QStringLiteral("smtp.ipmap.tab"), "\"198.51.100.0/24\"\t\"0\"\t\"DENY\"\t1\n");
    EXPECT_THAT(findings(root), Contains("server.tab:2 ipmap-dropcode-zero"));
    // Without DENY lines nothing to say.
    root.write(QStringLiteral("smtp.ipmap.tab"), "\"198.51.100.0/24\"\t\"0\"\t\"ALLOW\"\t1\n");
    EXPECT_THAT(findings(root), Not(Contains("server.tab:2 ipmap-dropcode-zero")));
}

TEST(LintPolicy, DelayHitsAuthUsersStatesTheSeconds)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"192.0.2.0/24\"\t\"code=1\"\n\"0.0.0.0/0\"\t\"code=-30\"\n");
    const auto diags = engine::lint(root.load());
    const model::Diagnostic *d =
        find(diags, QStringLiteral("spammers.tab:2"), QStringLiteral("delay-hits-auth-users"));
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->severity, model::Severity::Warning);
    EXPECT_TRUE(d->message.en.contains(QLatin1String("30 s"))) << d->message.en.toStdString();
    EXPECT_TRUE(d->message.en.contains(QLatin1String("waits 60 s"))) << d->message.en.toStdString();
    EXPECT_TRUE(d->message.ja.contains(QLatin1String("60")));
    EXPECT_TRUE(d->hint.en.contains(QLatin1String("XMF-DelayStart")));

    // The same delay through SMTP-IpMapDropCode and a catch-all DENY.
    TestMailRoot ipmap;
    ipmap.write(QStringLiteral("smtp.ipmap.tab"), "\"0.0.0.0\"\t\"0.0.0.0\"\t\"DENY\"\t1\n");
    ipmap.setVariable(QStringLiteral("SMTP-IpMapDropCode"), QStringLiteral("-20"));
    const auto di = engine::lint(ipmap.load());
    const model::Diagnostic *e =
        find(di, QStringLiteral("smtp.ipmap.tab:1"), QStringLiteral("delay-hits-auth-users"));
    ASSERT_NE(e, nullptr);
    EXPECT_TRUE(e->message.en.contains(QLatin1String("waits 40 s"))) << e->message.en.toStdString();

    // XMF-DelayStart=mail fixes it: no finding, but the extension is listed.
    root.setVariable(QStringLiteral("XMF-DelayStart"), QStringLiteral("mail"));
    const auto fixed = findings(root);
    EXPECT_THAT(fixed, Not(Contains("spammers.tab:2 delay-hits-auth-users")));
    int line = 0;
    const model::MailRoot loaded = root.load(); // the loop must not run over a destroyed temporary
    for (const auto &var : loaded.tables().server)
        if (var.name == QLatin1String("XMF-DelayStart"))
            line = var.line;
    EXPECT_THAT(fixed, Contains("server.tab:" + std::to_string(line) + " extension"));
}

TEST(LintPolicy, OpenRelay)
{
    TestMailRoot root;
    root.write(QStringLiteral("smtprelay.tab"), "\"192.168.0.0\"\t\"255.255.0.0\"\n"
                                                "\"0.0.0.0\"\t\"0.0.0.0\"\n"
                                                "\"8.0.0.0/4\"\n");
    const auto diags = engine::lint(root.load());
    const model::Diagnostic *d = find(diags, QStringLiteral("smtprelay.tab:2"), QStringLiteral("open-relay"));
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->severity, model::Severity::Error);
    const model::Diagnostic *w = find(diags, QStringLiteral("smtprelay.tab:3"), QStringLiteral("open-relay"));
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->severity, model::Severity::Warning);
    EXPECT_EQ(find(diags, QStringLiteral("smtprelay.tab:1"), QStringLiteral("open-relay")), nullptr);
    EXPECT_TRUE(model::hasErrors(diags));
}

TEST(LintModel, BrokenLinesAndVariables)
{
    TestMailRoot root;
    root.write(QStringLiteral("server.tab"), "\"RootDomain\"\t\"example.test\"\n" // 1
                                             "\"RootDomain\"\t\"other.test\"\n"   // 2: duplicate
                                             "\"NoSuchVariable\"\t\"1\"\n"        // 3: unknown
                                             "\"XMF-GreetPause\"\t\"5\"\n");      // 4: extension
    root.write(QStringLiteral("spammers.tab"), "\"10.0.0.0/8\"\t\"code=-1\"\n"
                                               "garbage-without-a-slash\n");           // 2: never matches
    root.write(QStringLiteral("smtp.ipmap.tab"), "\"0.0.0.0/0\"\t\"0\"\t\"ALLOW\"\n"); // 1: 3 fields, skipped
    const auto diags = engine::lint(root.load());
    const auto all = findings(root);
    EXPECT_THAT(all, Contains("server.tab:2 duplicate-variable"));
    EXPECT_THAT(all, Contains("server.tab:3 unknown-variable"));
    EXPECT_THAT(all, Not(Contains("server.tab:4 unknown-variable")));
    EXPECT_THAT(all, Contains("server.tab:4 extension"));
    EXPECT_THAT(all, Contains("spammers.tab:2 unparsable-line"));
    EXPECT_THAT(all, Contains("smtp.ipmap.tab:1 too-few-fields"));
    const model::Diagnostic *bad =
        find(diags, QStringLiteral("spammers.tab:2"), QStringLiteral("unparsable-line"));
    ASSERT_NE(bad, nullptr);
    EXPECT_EQ(bad->severity, model::Severity::Error);
    EXPECT_FALSE(bad->xmailBehaviour.en.isEmpty());
    // Sorted by file, then line.
    for (qsizetype i = 1; i < diags.size(); ++i) {
        const auto &a = diags.at(i - 1), &b = diags.at(i);
        EXPECT_TRUE(a.file < b.file || (a.file == b.file && a.line <= b.line))
            << a.location().toStdString() << " / " << b.location().toStdString();
    }
}

// SmtpConfig lines: xmflow's options are listed, an any-address name is a warning
// (XMail would silently drop the whole line), plain XMail lines say nothing.
TEST(LintModel, ListenerExtensionsAreListed)
{
    TestMailRoot root;
    root.write(QStringLiteral("server.tab"),
               "\"RootDomain\"\t\"example.test\"\n"                              // 1
               "\"SmtpConfig-0.0.0.0,587\"\t\"MailAuth,NoDelay\"\n"              // 2
               "\"SmtpConfig-192.0.2.1,25\"\t\"GreetPause=3,DelayStart=mail\"\n" // 3
               "\"SmtpConfig-192.0.2.1,465\"\t\"MailAuth,WantTLS\"\n");          // 4
    const auto diags = engine::lint(root.load());
    std::vector<std::string> lines;
    for (const auto &d : diags)
        if (d.kind == QLatin1String("extension"))
            lines.push_back(d.location().toStdString() + " " +
                            (d.severity == model::Severity::Warning ? "warning " : "info ") +
                            d.message.en.toStdString());
    EXPECT_THAT(lines, Contains("server.tab:2 warning SmtpConfig-0.0.0.0,587 is an xmflow name: plain XMail "
                                "1.27 never applies it"));
    EXPECT_THAT(lines, Contains("server.tab:2 info SmtpConfig-0.0.0.0,587 uses xmflow options: NoDelay"));
    EXPECT_THAT(
        lines,
        Contains("server.tab:3 info SmtpConfig-192.0.2.1,25 uses xmflow options: DelayStart, GreetPause"));
    EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                            [](const std::string &l) { return l.rfind("server.tab:4", 0) == 0; }),
              0);
}

TEST(LintModel, CleanMailRootHasNoErrors)
{
    TestMailRoot root;
    EXPECT_FALSE(model::hasErrors(engine::lint(root.load())));
}

// SmartDNSHost: XMail's syntax problems, hosts xmflowd cannot use, and the
// difference in what the servers are asked for.
TEST(LintDns, SmartDnsHost)
{
    TestMailRoot root;
    root.write(QStringLiteral("server.tab"),
               "\"RootDomain\"\t\"example.test\"\n"                                    // 1
               "\"SmartDNSHost\"\t\"192.0.2.53:udp,ns.example.test:tcp,192.0.2.54\"\n" // 2
               "\"CustMapsList\"\t\"bl.example.test:1\"\n");                           // 3
    auto diags = engine::lint(root.load());
    const auto all = findings(root);
    EXPECT_EQ(std::count(all.begin(), all.end(), "server.tab:2 dns-server"), 3)
        << "name host, missing protocol, DNSBL note";
    const model::Diagnostic *info = nullptr;
    for (const model::Diagnostic &d : diags)
        if (d.kind == QLatin1String("dns-server") && d.severity == model::Severity::Info)
            info = &d;
    ASSERT_NE(info, nullptr);
    EXPECT_TRUE(info->xmailBehaviour.en.contains(QStringLiteral("MX lookups only")));

    root.write(QStringLiteral("server.tab"), "\"SmartDNSHost\"\t\"192.0.2.53\"\n");
    diags = engine::lint(root.load());
    const model::Diagnostic *bad = find(diags, QStringLiteral("server.tab:1"), QStringLiteral("bad-value"));
    ASSERT_NE(bad, nullptr);
    EXPECT_EQ(bad->severity, model::Severity::Error);

    root.write(QStringLiteral("server.tab"), "\"SmartDNSHost\"\t\"192.0.2.53:udp,192.0.2.54:tcp\"\n");
    EXPECT_THAT(findings(root), Not(Contains("server.tab:1 dns-server")))
        << "nothing to say without DNSBL/PTR checks";
}

TEST(LintPolicy, PlaintextAuthOnAListenerWhereUsersLogIn)
{
    TestMailRoot root;
    // Nothing demands TLS yet: one note for the whole server.
    auto diags = engine::lint(root.load());
    const model::Diagnostic *note =
        find(diags, QStringLiteral("server.tab"), QStringLiteral("plaintext-auth"));
    ASSERT_NE(note, nullptr);
    EXPECT_EQ(note->severity, model::Severity::Info);
    // A submission listener with MailAuth but no WantTLS: a warning on its line.
    root.setVariable(QStringLiteral("SmtpConfig-127.0.0.1,587"), QStringLiteral("MailAuth"));
    root.setVariable(QStringLiteral("SmtpConfig-127.0.0.1,465"), QStringLiteral("MailAuth,WantTLS"));
    diags = engine::lint(root.load());
    int warnings = 0;
    for (const model::Diagnostic &d : diags)
        if (d.kind == QLatin1String("plaintext-auth")) {
            EXPECT_EQ(d.severity, model::Severity::Warning) << d.location().toStdString();
            EXPECT_TRUE(d.message.en.contains(QStringLiteral("SmtpConfig-127.0.0.1,587")));
            ++warnings;
        }
    EXPECT_EQ(warnings, 1); // the 465 listener has WantTLS, and so the server-wide note goes
}

// The sans-IO SMTP session: replies, delays and closes as XMail 1.27 gives them,
// plus the XMF- extensions (DelayStart, GreetPause, DefaultDelay, NoDelay) and their absence under
// --xmail-compat.

#include "EngineTestSupport.h"
#include "SmtpLines.h"
#include "Stages.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

using namespace xmflow;
using engine::SessionOutput;
using engine::SmtpSession;
using xmflow::testing::endpoint;
using xmflow::testing::ip;
using xmflow::testing::noDns;
using xmflow::testing::TestMailRoot;

using xmflow::testing::authPlain;

namespace {

// A session on a virtual clock, fed line by line.
class Dialogue
{
public:
    Dialogue(std::shared_ptr<const engine::Policy> policy, const char *peer = "192.0.2.10",
             engine::Endpoint local = endpoint(), engine::DnsAnswers dns = noDns())
        : m_policy(std::move(policy)), m_verdict(m_policy->evaluate(ip(peer), local, dns)),
          m_session(m_policy, ip(peer), local, m_verdict, m_clock)
    {
        banner = m_session.start();
    }

    SessionOutput send(const QByteArray &line)
    {
        SessionOutput out = m_session.handleLine(line);
        m_clock.advance(out.delaySeconds);
        return out;
    }
    int code(const QByteArray &line) { return send(line).code; }
    SmtpSession &session() { return m_session; }
    const engine::ConnectVerdict &verdict() const { return m_verdict; }

    // The CRAM-MD5 challenge from a "334 <base64>" reply.
    static QByteArray challenge(const SessionOutput &out)
    {
        return QByteArray::fromBase64(out.reply.mid(4).trimmed());
    }

    SessionOutput banner;

private:
    std::shared_ptr<const engine::Policy> m_policy;
    engine::VirtualClock m_clock;
    engine::ConnectVerdict m_verdict;
    SmtpSession m_session;
};

QByteArray cramResponse(const QByteArray &challenge, const QByteArray &user, const QByteArray &password)
{
    const QByteArray digest =
        QMessageAuthenticationCode::hash(challenge, password, QCryptographicHash::Md5).toHex();
    return QByteArray(user + ' ' + digest).toBase64();
}

} // namespace

// ---- AUTH ----

TEST(SmtpAuth, PlainAgainstMailUsersBothForms)
{
    TestMailRoot root;
    const auto policy = root.compile(true);
    for (const QByteArray &user : {QByteArray("alice@example.test"), QByteArray("alice:example.test"),
                                  QByteArray("ALICE@Example.Test")}) {
        SCOPED_TRACE(user.constData());
        Dialogue d(policy);
        EXPECT_EQ(d.banner.code, 220);
        EXPECT_EQ(d.code("EHLO client.test"), 250);
        const SessionOutput out = d.send(authPlain(user, "wonderland"));
        EXPECT_EQ(out.code, 235);
        EXPECT_EQ(out.reply, QByteArray("235 Authentication successful\r\n"));
        EXPECT_TRUE(d.session().authenticated());
        EXPECT_EQ(d.session().authUser(), QString::fromLatin1(user));
        // DefaultSmtpPerms MR: relay allowed.
        EXPECT_EQ(d.code("MAIL FROM:<alice@example.test>"), 250);
        EXPECT_EQ(d.code("RCPT TO:<friend@elsewhere.test>"), 250);
    }
}

TEST(SmtpAuth, PasswordIsCaseSensitiveAndFailureIs503)
{
    TestMailRoot root;
    const auto policy = root.compile(true);
    Dialogue d(policy);
    d.code("EHLO client.test");
    const SessionOutput out = d.send(authPlain("alice@example.test", "Wonderland"));
    EXPECT_EQ(out.code, 503);
    EXPECT_EQ(out.reply, QByteArray("503 Authentication failed\r\n"));
    ASSERT_FALSE(out.events.isEmpty());
    EXPECT_EQ(out.events.first().logStatus, QStringLiteral("AUTH=EFAIL:TYPE=PLAIN"));
    EXPECT_FALSE(d.session().authenticated());
    // Still in the helo state: AUTH can be retried.
    EXPECT_EQ(d.code(authPlain("bob@example.test", "builder")), 235);
}

TEST(SmtpAuth, MailUsersFirstThenSmtpAuth)
{
    TestMailRoot root;
    // alice also has an smtpauth.tab line, with another password and no relay right.
    root.write(QStringLiteral("smtpauth.tab"), "\"relayuser\"\t\"relaypass\"\t\"MR\"\n"
                                               "\"alice@example.test\"\t\"other\"\t\"M\"\n");
    const auto policy = root.compile(true);
    {
        Dialogue d(policy);
        d.code("EHLO client.test");
        EXPECT_EQ(d.code(authPlain("alice@example.test", "wonderland")), 235); // mailusers.tab, perms MR
        EXPECT_EQ(d.code("MAIL FROM:<alice@example.test>"), 250);
        EXPECT_EQ(d.code("RCPT TO:<friend@elsewhere.test>"), 250);
    }
    {
        Dialogue d(policy);
        d.code("EHLO client.test");
        EXPECT_EQ(d.code(authPlain("alice@example.test", "other")),
                  235); // falls through to smtpauth.tab, perms M
        EXPECT_EQ(d.code("MAIL FROM:<alice@example.test>"), 250);
        EXPECT_EQ(d.send("RCPT TO:<friend@elsewhere.test>").reply, QByteArray("550 Relay denied\r\n"));
    }
    {
        Dialogue d(policy);
        d.code("EHLO client.test");
        EXPECT_EQ(d.code(authPlain("relayuser", "relaypass")), 235);
        EXPECT_EQ(d.code("MAIL FROM:<x@remote.test>"), 250);
        EXPECT_EQ(d.code("RCPT TO:<friend@elsewhere.test>"), 250);
    }
    {
        Dialogue d(policy);
        d.code("EHLO client.test");
        EXPECT_EQ(d.code(authPlain("RelayUser", "relaypass")), 503); // smtpauth.tab names are case-sensitive
    }
}

TEST(SmtpAuth, Login)
{
    TestMailRoot root;
    const auto policy = root.compile(true);
    Dialogue d(policy);
    d.code("EHLO client.test");
    SessionOutput out = d.send("AUTH LOGIN");
    EXPECT_EQ(out.reply, QByteArray("334 VXNlcm5hbWU6\r\n"));
    out = d.send(QByteArray("bob:example.test").toBase64());
    EXPECT_EQ(out.reply, QByteArray("334 UGFzc3dvcmQ6\r\n"));
    out = d.send(QByteArray("builder").toBase64());
    EXPECT_EQ(out.code, 235);
    EXPECT_TRUE(d.session().authenticated());

    // Initial response form, wrong password.
    Dialogue e(policy);
    e.code("EHLO client.test");
    out = e.send("AUTH LOGIN " + QByteArray("bob@example.test").toBase64());
    EXPECT_EQ(out.reply, QByteArray("334 UGFzc3dvcmQ6\r\n"));
    out = e.send(QByteArray("nope").toBase64());
    EXPECT_EQ(out.code, 503);
    EXPECT_EQ(out.events.first().logStatus, QStringLiteral("AUTH=EFAIL:TYPE=LOGIN"));
    // Bad base64 is a 501.
    Dialogue f(policy);
    f.code("EHLO client.test");
    f.send("AUTH LOGIN");
    EXPECT_EQ(f.code("!!!not base64!!!"), 501);
}

TEST(SmtpAuth, CramMd5AgainstBothTables)
{
    TestMailRoot root;
    const auto policy = root.compile(true);
    for (const auto &[user, password] :
         {std::pair<QByteArray, QByteArray>{"alice@example.test", "wonderland"},
          {"alice:example.test", "wonderland"},
          {"relayuser", "relaypass"}}) {
        SCOPED_TRACE(user.constData());
        Dialogue d(policy);
        d.code("EHLO client.test");
        const SessionOutput challenge = d.send("AUTH CRAM-MD5");
        ASSERT_EQ(challenge.code, 334);
        const QByteArray token = Dialogue::challenge(challenge);
        EXPECT_TRUE(token.startsWith('<') && token.endsWith('>') && token.contains('@')) << token.constData();
        // The challenge is the banner's <...@...> token.
        EXPECT_TRUE(d.banner.reply.contains(token));
        const SessionOutput out = d.send(cramResponse(token, user, password));
        EXPECT_EQ(out.code, 235);
        EXPECT_TRUE(d.session().authenticated());
    }
    // A wrong digest, and a digest computed with the wrong password.
    Dialogue d(policy);
    d.code("EHLO client.test");
    const QByteArray token = Dialogue::challenge(d.send("AUTH CRAM-MD5"));
    const SessionOutput out = d.send(cramResponse(token, "alice@example.test", "wrong"));
    EXPECT_EQ(out.code, 503);
    EXPECT_EQ(out.events.first().logStatus, QStringLiteral("AUTH=EFAIL:TYPE=CRAM-MD5"));
    EXPECT_FALSE(d.session().authenticated());
    // Upper-case hex digests are accepted (compared case-insensitively).
    Dialogue u(policy);
    u.code("EHLO client.test");
    const QByteArray t2 = Dialogue::challenge(u.send("AUTH CRAM-MD5"));
    const QByteArray digest =
        QMessageAuthenticationCode::hash(t2, "builder", QCryptographicHash::Md5).toHex().toUpper();
    EXPECT_EQ(u.code(QByteArray("bob@example.test " + digest).toBase64()), 235);
}

TEST(SmtpAuth, SequenceAndSyntaxErrors)
{
    TestMailRoot root;
    const auto policy = root.compile(true);
    Dialogue d(policy);
    EXPECT_EQ(d.code(authPlain("alice@example.test", "wonderland")), 503); // before EHLO
    d.code("EHLO client.test");
    EXPECT_EQ(d.code("AUTH"), 501);
    EXPECT_EQ(d.code("AUTH PLAIN"), 501); // PLAIN needs the initial response
    EXPECT_EQ(d.code("AUTH DIGEST-MD5"), 504);
    EXPECT_EQ(d.code(authPlain("alice@example.test", "wonderland")), 235);
    EXPECT_EQ(d.code(authPlain("alice@example.test", "wonderland")), 503); // already authenticated
}

// ---- MAIL FROM ----

TEST(SmtpMail, MailAuthAndNoAuth)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("SmtpConfig"), QStringLiteral("MailAuth"));
    root.write(QStringLiteral("smtp.ipprop.tab"), "\"198.51.100.0/24\"\t\"NoAuth=1\"\n");
    const auto policy = root.compile(true);
    {
        Dialogue d(policy);
        d.code("EHLO client.test");
        EXPECT_EQ(d.send("MAIL FROM:<x@remote.test>").reply, QByteArray("551 Server use forbidden\r\n"));
        EXPECT_EQ(d.code("RCPT TO:<alice@example.test>"), 503); // the failed MAIL reset the transaction
        EXPECT_EQ(d.code(authPlain("alice@example.test", "wonderland")), 235);
        EXPECT_EQ(d.code("MAIL FROM:<alice@example.test>"), 250);
    }
    {
        Dialogue d(policy, "198.51.100.7");
        d.code("EHLO client.test");
        EXPECT_EQ(d.code("MAIL FROM:<x@remote.test>"), 250);
    }
    {
        // An account without the M perm is still refused by MailAuth.
        TestMailRoot r2;
        r2.setVariable(QStringLiteral("SmtpConfig"), QStringLiteral("MailAuth"));
        r2.write(QStringLiteral("smtpauth.tab"), "\"relayonly\"\t\"pw\"\t\"R\"\n");
        Dialogue d(r2.compile(true));
        d.code("EHLO client.test");
        EXPECT_EQ(d.code(authPlain("relayonly", "pw")), 235);
        EXPECT_EQ(d.code("MAIL FROM:<x@remote.test>"), 551);
    }
}

TEST(SmtpMail, SpamAddressIs504)
{
    TestMailRoot root;
    root.write(QStringLiteral("spam-address.tab"), "\"*@spam.test\"\n\"bad?user@*\"\n");
    const auto policy = root.compile(true);
    Dialogue d(policy);
    d.code("EHLO client.test");
    SessionOutput out = d.send("MAIL FROM:<anyone@SPAM.test>");
    EXPECT_EQ(out.reply, QByteArray("504 You are registered as spammer\r\n"));
    EXPECT_EQ(out.events.first().logStatus, QStringLiteral("SNDR=ESPAM"));
    EXPECT_EQ(d.code("MAIL FROM:<badXuser@remote.test>"), 504);
    EXPECT_EQ(d.code("MAIL FROM:<badXYuser@remote.test>"), 250);
    EXPECT_EQ(policy->spamAddressLine(QStringLiteral("badXuser@remote.test")), std::optional<int>(2));
    // The null sender is not checked.
    Dialogue e(policy);
    e.code("EHLO client.test");
    EXPECT_EQ(e.code("MAIL FROM:<>"), 250);
}

TEST(SmtpMail, FlagsRefuseUntilAuth)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"0.0.0.0/0\"\t\"code=0\"\n");
    const auto policy = root.compile(true);
    Dialogue d(policy);
    d.code("EHLO client.test");
    EXPECT_EQ(d.send("MAIL FROM:<x@remote.test>").reply,
              QByteArray("551 Server access forbidden by your IP\r\n"));
    EXPECT_EQ(d.code(authPlain("alice@example.test", "wrong")), 503); // a failed AUTH keeps the flag
    EXPECT_EQ(d.code("MAIL FROM:<x@remote.test>"), 551);
    EXPECT_EQ(d.code(authPlain("alice@example.test", "wonderland")), 235);
    EXPECT_EQ(d.code("MAIL FROM:<alice@example.test>"), 250);
}

TEST(SmtpMail, SizeLimits)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("MaxMessageSize"), QStringLiteral("1")); // KB
    root.write(QStringLiteral("smtpauth.tab"), "\"big\"\t\"pw\"\t\"MRZ\"\n");
    const auto policy = root.compile(true);
    EXPECT_EQ(policy->maxMessageSize(), 1024);
    Dialogue d(policy);
    const SessionOutput ehlo = d.send("EHLO client.test");
    EXPECT_TRUE(ehlo.reply.contains("SIZE 1024\r\n")) << ehlo.reply.constData();
    SessionOutput out = d.send("MAIL FROM:<x@remote.test> SIZE=2000");
    EXPECT_EQ(out.reply, QByteArray("552 Message exceeds fixed maximum message size\r\n"));
    EXPECT_EQ(d.code("MAIL FROM:<x@remote.test> size=1000"), 250);
    EXPECT_EQ(d.code("RCPT TO:<alice@example.test>"), 250);
    EXPECT_EQ(d.code("DATA"), 354);
    const QByteArray line(100, 'x');
    for (int i = 0; i < 12; ++i) // 12 * 102 bytes > 1024
        EXPECT_TRUE(d.send(line).reply.isEmpty());
    out = d.send(".");
    EXPECT_FALSE(out.deliver);
    EXPECT_EQ(out.code, 552);
    // The Z perm lifts the limit.
    Dialogue z(policy);
    z.code("EHLO client.test");
    EXPECT_EQ(z.code(authPlain("big", "pw")), 235);
    EXPECT_EQ(z.code("MAIL FROM:<big@remote.test> SIZE=999999"), 250);
    EXPECT_EQ(z.code("RCPT TO:<alice@example.test>"), 250);
    EXPECT_EQ(z.code("DATA"), 354);
    for (int i = 0; i < 12; ++i)
        z.send(line);
    EXPECT_TRUE(z.send(".").deliver);
}

// ---- RCPT TO ----

TEST(SmtpRcpt, LocalUnknownAndRelay)
{
    TestMailRoot root;
    const auto policy = root.compile(true);
    Dialogue d(policy);
    d.code("EHLO client.test");
    EXPECT_EQ(d.code("MAIL FROM:<x@remote.test>"), 250);
    EXPECT_EQ(d.code("RCPT TO:<alice@example.test>"), 250);
    EXPECT_EQ(d.code("RCPT TO:<Bob@EXAMPLE.test>"), 250);
    SessionOutput out = d.send("RCPT TO:<nobody@example.test>");
    EXPECT_EQ(out.reply, QByteArray("550 Mailbox unavailable <nobody@example.test>\r\n"));
    EXPECT_EQ(out.events.first().logStatus, QStringLiteral("RCPT=EAVAIL"));
    out = d.send("RCPT TO:<friend@elsewhere.test>");
    EXPECT_EQ(out.reply, QByteArray("550 Relay denied\r\n"));
    EXPECT_EQ(out.events.first().logStatus, QStringLiteral("RCPT=ERELAY"));
    // Errors in RCPT do not reset the transaction.
    EXPECT_EQ(d.code("DATA"), 354);
}

TEST(SmtpRcpt, OpenRelayTricksNeedRelayRights)
{
    const QList<QByteArray> tricks{
        "RCPT TO:<friend%elsewhere.test@example.test>",     // percent hack
        "RCPT TO:<@example.test:friend@elsewhere.test>",    // source route
        "RCPT TO:<@elsewhere.test:alice@example.test>",     // source route ending in a local user
        "RCPT TO:<\"friend@elsewhere.test\"@example.test>", // quoted local part
        "RCPT TO:<friend@elsewhere.test@example.test>",     // user@remote@local
        "RCPT TO:<alice@example.test@elsewhere.test>",      // user@local@remote
        "RCPT TO:<elsewhere.test!friend@example.test>",     // bang path
    };
    TestMailRoot root;
    root.write(QStringLiteral("smtprelay.tab"), "\"203.0.113.0\"\t\"255.255.255.0\"\n");
    const auto policy = root.compile(true);
    for (const QByteArray &trick : tricks) {
        SCOPED_TRACE(trick.constData());
        Dialogue d(policy);
        d.code("EHLO client.test");
        EXPECT_EQ(d.code("MAIL FROM:<x@remote.test>"), 250);
        const SessionOutput out = d.send(trick);
        EXPECT_EQ(out.code, 550);
        // With relay rights the same address is relayed: it was treated as remote.
        Dialogue r(policy, "203.0.113.5");
        r.code("EHLO client.test");
        r.code("MAIL FROM:<x@remote.test>");
        EXPECT_EQ(r.code(trick), 250);
        Dialogue a(policy);
        a.code("EHLO client.test");
        a.code(authPlain("relayuser", "relaypass"));
        a.code("MAIL FROM:<x@remote.test>");
        EXPECT_EQ(a.code(trick), 250);
        EXPECT_TRUE(a.session().authenticated());
    }
}

TEST(SmtpRcpt, SequenceErrors)
{
    TestMailRoot root;
    Dialogue d(root.compile(true));
    EXPECT_EQ(d.code("MAIL FROM:<x@remote.test>"), 503); // before HELO
    d.code("HELO client.test");
    EXPECT_EQ(d.code("RCPT TO:<alice@example.test>"), 503);
    EXPECT_EQ(d.code("DATA"), 503);
    EXPECT_EQ(d.code("MAIL FROM:<x@remote.test>"), 250);
    EXPECT_EQ(d.code("RCPT TO:alice@example.test"), 501); // no <...>, resets the transaction
    EXPECT_EQ(d.code("RCPT TO:<alice@example.test>"), 503);
}

// ---- DATA ----

TEST(SmtpData, DotUnstuffingAndDelivery)
{
    TestMailRoot root;
    Dialogue d(root.compile(true));
    d.code("EHLO client.test");
    d.code("MAIL FROM:<x@remote.test>");
    d.code("RCPT TO:<alice@example.test>");
    EXPECT_EQ(d.send("DATA").reply, QByteArray("354 Start mail input; end with <CRLF>.<CRLF>\r\n"));
    EXPECT_TRUE(d.session().inData());
    for (const QByteArray &line : {QByteArray("Subject: dots"), QByteArray(), QByteArray("..leading dot"),
                                  QByteArray("...."), QByteArray("a.b"), QByteArray(". not the end")})
        EXPECT_TRUE(d.send(line).reply.isEmpty());
    const SessionOutput end = d.send(".");
    ASSERT_TRUE(end.deliver);
    const QByteArray message = d.session().message();
    EXPECT_TRUE(message.startsWith("Received: from client.test ([192.0.2.10])")) << message.constData();
    EXPECT_TRUE(message.endsWith("Subject: dots\r\n\r\n.leading dot\r\n...\r\na.b\r\n. not the end\r\n"))
        << message.constData();
    EXPECT_EQ(d.session().envelope().recipients, QStringList{QStringLiteral("alice@example.test")});
    EXPECT_EQ(d.session().envelope().localRecipients, QStringList{QStringLiteral("alice@example.test")});
    EXPECT_EQ(d.session().envelope().mailFrom, QStringLiteral("x@remote.test"));
    const SessionOutput done = d.session().deliveryFinished(true, QStringLiteral("S1A"));
    EXPECT_EQ(done.reply, QByteArray("250 OK <S1A>\r\n"));
    // The transaction is over.
    EXPECT_EQ(d.code("RCPT TO:<alice@example.test>"), 503);
    EXPECT_EQ(d.code("QUIT"), 221);
    EXPECT_TRUE(d.session().isClosed());
}

// ---- SMTP-MaxErrors ----

TEST(SmtpErrors, MaxErrorsClosesAfterTheNthErrorReply)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("SMTP-MaxErrors"), QStringLiteral("3"));
    Dialogue d(root.compile(true));
    d.code("EHLO client.test");
    SessionOutput out = d.send("FOO");
    EXPECT_EQ(out.code, 500);
    EXPECT_FALSE(out.close);
    d.code("MAIL FROM:<x@remote.test>");
    out = d.send("RCPT TO:<nobody@example.test>"); // 550 counts
    EXPECT_EQ(out.code, 550);
    EXPECT_FALSE(out.close);
    out = d.send("BAR");
    EXPECT_EQ(out.reply,
              QByteArray("500 Syntax error, command unrecognized\r\n")); // the reply still goes out
    EXPECT_TRUE(out.close);
    EXPECT_TRUE(d.session().isClosed());
    EXPECT_EQ(out.events.last().logStatus, QStringLiteral("SMTP=EERRS"));
    EXPECT_TRUE(d.send("NOOP").reply.isEmpty());
}

TEST(SmtpErrors, ZeroMeansUnlimited)
{
    TestMailRoot root;
    Dialogue d(root.compile(true));
    for (int i = 0; i < 50; ++i)
        ASSERT_FALSE(d.send("FOO").close);
    EXPECT_EQ(d.code("NOOP"), 250);
}

// ---- The per-command delay (XMail 1.27) ----

TEST(SmtpDelay, EveryCommandWaitsUntilAuth)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-30\"\n");
    const auto policy = root.compile(true);
    Dialogue d(policy);
    EXPECT_EQ(d.banner.code, 220);
    EXPECT_EQ(d.banner.delaySeconds, 0); // the banner is sent at once
    EXPECT_EQ(d.session().pendingDelay(), 30);
    EXPECT_EQ(d.send("EHLO client.test").delaySeconds, 30);
    EXPECT_EQ(d.send("NOOP").delaySeconds, 30);
    const SessionOutput auth = d.send(authPlain("alice@example.test", "wonderland"));
    EXPECT_EQ(auth.code, 235);
    EXPECT_EQ(auth.delaySeconds, 30); // AUTH itself has paid the delay
    EXPECT_EQ(d.session().pendingDelay(), 0);
    EXPECT_EQ(d.send("MAIL FROM:<alice@example.test>").delaySeconds, 0);
    EXPECT_EQ(d.send("QUIT").delaySeconds, 0);

    // Without AUTH: QUIT is delayed too, the body is not.
    Dialogue b(policy);
    EXPECT_EQ(b.send("EHLO client.test").delaySeconds, 30);
    EXPECT_EQ(b.send("MAIL FROM:<x@remote.test>").delaySeconds, 30);
    EXPECT_EQ(b.send("RCPT TO:<alice@example.test>").delaySeconds, 30);
    EXPECT_EQ(b.send("DATA").delaySeconds, 30);
    EXPECT_EQ(b.send("body").delaySeconds, 0);
    SessionOutput end = b.send(".");
    EXPECT_EQ(end.delaySeconds, 0);
    EXPECT_EQ(b.session().deliveryFinished(true).delaySeconds, 0);
    EXPECT_EQ(b.send("QUIT").delaySeconds, 30);

    // A failed AUTH clears nothing.
    Dialogue f(policy);
    f.send("EHLO client.test");
    EXPECT_EQ(f.send(authPlain("alice@example.test", "bad")).code, 503);
    EXPECT_EQ(f.send("MAIL FROM:<x@remote.test>").delaySeconds, 30);
}

TEST(SmtpDelay, CramContinuationNotDelayed)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-4\"\n");
    Dialogue d(root.compile(true));
    d.send("EHLO client.test");
    const SessionOutput ch = d.send("AUTH CRAM-MD5");
    EXPECT_EQ(ch.delaySeconds, 4);
    const SessionOutput out =
        d.send(cramResponse(Dialogue::challenge(ch), "alice@example.test", "wonderland"));
    EXPECT_EQ(out.code, 235);
    EXPECT_EQ(out.delaySeconds, 0);
}

// ---- XMF extensions: the delay starts at MAIL FROM, greet pause, default delay ----

namespace {

TestMailRoot *delayRoot(TestMailRoot &root, const QString &delayStart)
{
    root.write(QStringLiteral("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-30\"\n");
    if (!delayStart.isEmpty())
        root.setVariable(QStringLiteral("XMF-DelayStart"), delayStart);
    return &root;
}

} // namespace

TEST(XmfDelayStart, MailStartsTheDelay)
{
    TestMailRoot root;
    delayRoot(root, QStringLiteral("mail"));
    const auto policy = root.compile(false);
    // A bot: EHLO, NOOP, RSET not delayed; MAIL FROM and everything after it are.
    Dialogue bot(policy);
    EXPECT_TRUE(bot.verdict().delayAtMail);
    EXPECT_EQ(bot.send("EHLO bot.test").delaySeconds, 0);
    EXPECT_EQ(bot.send("NOOP").delaySeconds, 0);
    EXPECT_EQ(bot.send("RSET").delaySeconds, 0);
    EXPECT_EQ(bot.send("HELP").delaySeconds, 0);
    EXPECT_EQ(bot.session().pendingDelay(), 0);
    const SessionOutput mail = bot.send("MAIL FROM:<bot@remote.test>");
    EXPECT_EQ(mail.code, 250);
    EXPECT_EQ(mail.delaySeconds, 30);
    EXPECT_EQ(bot.send("RCPT TO:<alice@example.test>").delaySeconds, 30);
    EXPECT_EQ(bot.send("RSET").delaySeconds, 30);
    EXPECT_EQ(bot.send("NOOP").delaySeconds, 30);
    EXPECT_EQ(bot.send("QUIT").delaySeconds, 30);

    // An authenticated user never waits.
    Dialogue user(policy);
    EXPECT_EQ(user.send("EHLO client.test").delaySeconds, 0);
    const SessionOutput auth = user.send(authPlain("alice@example.test", "wonderland"));
    EXPECT_EQ(auth.code, 235);
    EXPECT_EQ(auth.delaySeconds, 0);
    EXPECT_EQ(user.send("MAIL FROM:<alice@example.test>").delaySeconds, 0);
    EXPECT_EQ(user.send("RCPT TO:<friend@elsewhere.test>").delaySeconds, 0);

    // A failed MAIL FROM still starts the delay (it was a MAIL command).
    Dialogue early(policy);
    EXPECT_EQ(early.send("MAIL FROM:<x@remote.test>").delaySeconds, 30); // 503: no EHLO yet, but delayed
    EXPECT_EQ(early.send("EHLO client.test").delaySeconds, 30);
}

TEST(XmfDelayStart, XmailCompatIgnoresIt)
{
    TestMailRoot root;
    delayRoot(root, QStringLiteral("mail"));
    const auto policy = root.compile(true);
    Dialogue d(policy);
    EXPECT_FALSE(d.verdict().delayAtMail);
    EXPECT_EQ(d.send("EHLO client.test").delaySeconds, 30);
    EXPECT_EQ(d.send(authPlain("alice@example.test", "wonderland")).delaySeconds, 30);
    EXPECT_EQ(d.send("MAIL FROM:<alice@example.test>").delaySeconds, 0);
}

TEST(XmfDelayStart, SimulatorTotals)
{
    TestMailRoot root;
    delayRoot(root, QStringLiteral("mail"));
    engine::SimulationRequest request;
    request.peer = ip("192.0.2.10");
    request.local = endpoint();
    request.script = QStringLiteral("auth");
    auto result = engine::Simulator::run(root.compile(true), request);
    EXPECT_EQ(result.totalSeconds, 60); // EHLO + AUTH, the complaint
    EXPECT_TRUE(result.authenticated);
    result = engine::Simulator::run(root.compile(false), request);
    EXPECT_EQ(result.totalSeconds, 0);
    EXPECT_TRUE(result.authenticated);
    request.script = QStringLiteral("plain");
    result = engine::Simulator::run(root.compile(false), request);
    // EHLO 0, then MAIL, RCPT, RCPT, DATA, QUIT wait 30 s each; the body does not.
    QStringList steps;
    for (const auto &s : result.steps)
        steps << QStringLiteral("%1 %2 %3").arg(s.step).arg(s.code).arg(s.delay);
    EXPECT_EQ(steps.join(QStringLiteral(" | ")).toStdString(),
              "banner 220 0 | EHLO 250 0 | MAIL FROM 250 30 | RCPT TO 250 30 | RCPT TO 550 30 | DATA 354 30 "
              "| BODY 250 0 | QUIT 221 30");
    EXPECT_EQ(result.totalSeconds, 150);
}

TEST(XmfGreetPause, EarlyTalkerRejected)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("XMF-GreetPause"), QStringLiteral("5"));
    const auto policy = root.compile(false);
    Dialogue d(policy);
    EXPECT_EQ(d.banner.code, 220);
    EXPECT_EQ(d.banner.delaySeconds, 5); // wait before the banner
    const SessionOutput early = d.session().earlyTalker();
    EXPECT_EQ(early.reply, QByteArray("554 5.5.0 Command rejected (early talker)\r\n"));
    EXPECT_TRUE(early.close);
    EXPECT_TRUE(d.session().isClosed());
    ASSERT_FALSE(early.events.isEmpty());
    EXPECT_EQ(early.events.first().logStatus, QStringLiteral("SNDRIP=EEARLYTALK"));

    // The simulator's early script.
    engine::SimulationRequest request;
    request.peer = ip("192.0.2.10");
    request.local = endpoint();
    request.script = QStringLiteral("early");
    auto result = engine::Simulator::run(policy, request);
    ASSERT_EQ(result.steps.size(), 1);
    EXPECT_EQ(result.steps.first().code, 554);
    // A polite client waits the pause once, then goes on.
    request.script = QStringLiteral("plain");
    result = engine::Simulator::run(policy, request);
    EXPECT_EQ(result.steps.first().code, 220);
    EXPECT_EQ(result.steps.first().delay, 5);
    EXPECT_EQ(result.steps.last().code, 221);
    // --xmail-compat: no pause, the early talker gets the banner like everyone.
    request.script = QStringLiteral("early");
    result = engine::Simulator::run(root.compile(true), request);
    EXPECT_EQ(result.steps.first().code, 220);
    EXPECT_EQ(result.steps.first().delay, 0);
}

TEST(XmfGreetPause, WhitelistedPeersSkipThePause)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("XMF-GreetPause"), QStringLiteral("5"));
    root.write(QStringLiteral("smtp.ipprop.tab"), "\"192.0.2.0/24\"\t\"WhiteList=1\"\n");
    const auto policy = root.compile(false);
    Dialogue d(policy, "192.0.2.10");
    EXPECT_EQ(d.banner.delaySeconds, 0);
    engine::SimulationRequest request;
    request.peer = ip("192.0.2.10");
    request.local = endpoint();
    request.script = QStringLiteral("early");
    const auto result = engine::Simulator::run(policy, request);
    EXPECT_EQ(result.steps.first().code, 220);
}

TEST(XmfListener, SubmissionPortWithoutDelay)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-30\"\n");
    root.setVariable(QStringLiteral("SmtpConfig-127.0.0.1,587"), QStringLiteral("MailAuth,NoDelay"));
    root.setVariable(QStringLiteral("SmtpConfig-127.0.0.1,2525"),
                     QStringLiteral("GreetPause=2,DelayStart=mail"));
    const auto policy = root.compile(false);
    {
        Dialogue d(policy, "192.0.2.10", endpoint("127.0.0.1", 587));
        EXPECT_EQ(d.send("EHLO client.test").delaySeconds, 0);
        EXPECT_EQ(d.send("MAIL FROM:<x@remote.test>").code, 551); // MailAuth
        EXPECT_EQ(d.send(authPlain("alice@example.test", "wonderland")).delaySeconds, 0);
    }
    {
        Dialogue d(policy, "192.0.2.10", endpoint("127.0.0.1", 25));
        EXPECT_EQ(d.banner.delaySeconds, 0);
        EXPECT_EQ(d.send("EHLO client.test").delaySeconds, 30);
    }
    {
        Dialogue d(policy, "192.0.2.10", endpoint("127.0.0.1", 2525));
        EXPECT_EQ(d.banner.delaySeconds, 2);
        EXPECT_EQ(d.send("EHLO client.test").delaySeconds, 0);
        EXPECT_EQ(d.send("MAIL FROM:<x@remote.test>").delaySeconds, 30);
    }
    // --xmail-compat: port 587 is delayed like any other, 2525 has no greet pause.
    const auto compat = root.compile(true);
    {
        Dialogue d(compat, "192.0.2.10", endpoint("127.0.0.1", 587));
        EXPECT_EQ(d.send("EHLO client.test").delaySeconds, 30);
    }
    {
        Dialogue d(compat, "192.0.2.10", endpoint("127.0.0.1", 2525));
        EXPECT_EQ(d.banner.delaySeconds, 0);
        EXPECT_EQ(d.send("EHLO client.test").delaySeconds, 30);
    }
}

TEST(XmfDefaultDelay, MaximumAndCompat)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"192.0.2.0/24\"\t\"code=-3\"\n");
    root.setVariable(QStringLiteral("XMF-DefaultDelay"), QStringLiteral("8"));
    {
        Dialogue d(root.compile(false));
        EXPECT_EQ(d.send("EHLO client.test").delaySeconds, 8);
    }
    {
        Dialogue d(root.compile(true));
        EXPECT_EQ(d.send("EHLO client.test").delaySeconds, 3);
    }
}

// ---- inputs the fuzzers and the abuse tests found: oversized, malformed, out of order ----

// smtpsession_fuzz: "ETRN a<CR>b" echoed the bare CR into the reply line.
TEST(SmtpReplies, ClientTextEchoedInAReplyNeverCarriesCrOrNul)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("AllowSmtpETRN"), QStringLiteral("1"));
    Dialogue d(root.compile());
    d.code("EHLO client.test");
    // Since issue 14 a CR in a command is refused outright (501); the reply stays one line.
    const SessionOutput etrn = d.send("ETRN a\rb");
    EXPECT_EQ(etrn.code, 501);
    EXPECT_EQ(etrn.reply.count('\r'), 1) << etrn.reply.constData();
    d.code("MAIL FROM:<x@remote.test>");
    const SessionOutput rcpt = d.send("RCPT TO:<nobody\r@example.test>");
    EXPECT_EQ(rcpt.code, 501);
    EXPECT_EQ(rcpt.reply.count('\r'), 1) << rcpt.reply.constData();
    // What is still echoed (a 550 with the path) never carries a NUL either.
    const SessionOutput echoed = d.send("RCPT TO:<nobody@example.test>");
    EXPECT_EQ(echoed.code, 550);
    EXPECT_EQ(echoed.reply.count('\r'), 1) << echoed.reply.constData();
}

// AbuseTest TlsDowngrade: with WantTLS, a client whose STARTTLS was stripped must not
// get its password checked in clear; XMail 1.27 (--xmail-compat) does check it.
TEST(SmtpAuth, WantTlsRefusesAuthBeforeStartTls)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("SmtpConfig"), QStringLiteral("WantTLS"));
    {
        Dialogue d(root.compile());
        d.code("EHLO client.test");
        const SessionOutput out = d.send(authPlain("alice@example.test", "wonderland"));
        EXPECT_EQ(out.reply, QByteArray("503 Bad sequence of commands (TLS needed for this session)\r\n"));
        EXPECT_FALSE(d.session().authenticated());
        EXPECT_EQ(d.code("AUTH LOGIN"), 503);
        d.session().tlsStarted();
        d.code("EHLO client.test");
        EXPECT_EQ(d.code(authPlain("alice@example.test", "wonderland")), 235);
        EXPECT_EQ(d.code("MAIL FROM:<alice@example.test>"), 250);
    }
    {
        Dialogue compat(root.compile(true));
        compat.code("EHLO client.test");
        EXPECT_EQ(compat.code(authPlain("alice@example.test", "wonderland")), 235);
    }
    {
        // ipprop EaseTLS lifts WantTLS for that peer, AUTH included.
        TestMailRoot eased;
        eased.setVariable(QStringLiteral("SmtpConfig"), QStringLiteral("WantTLS"));
        eased.write(QStringLiteral("smtp.ipprop.tab"), "\"192.0.2.0/24\"\t\"EaseTLS=1\"\n");
        Dialogue d(eased.compile());
        d.code("EHLO client.test");
        EXPECT_EQ(d.code(authPlain("alice@example.test", "wonderland")), 235);
    }
}

// FaultTest disk full: a store that failed for lack of space is a temporary 452.
TEST(SmtpData, FullDiskIs452OtherStoreFailures451)
{
    TestMailRoot root;
    Dialogue d(root.compile());
    for (const bool outOfSpace : {true, false}) {
        d.code("EHLO client.test");
        d.code("MAIL FROM:<x@remote.test>");
        d.code("RCPT TO:<alice@example.test>");
        d.code("DATA");
        d.send("hello");
        ASSERT_TRUE(d.send(".").deliver);
        const SessionOutput out = d.session().deliveryFinished(false, QString(), outOfSpace);
        EXPECT_EQ(out.reply,
                  outOfSpace
                      ? QByteArray("452 Requested action not taken: insufficient system storage\r\n")
                      : QByteArray("451 Requested action aborted: (-1) local error in processing\r\n"));
        EXPECT_EQ(d.code("RCPT TO:<alice@example.test>"), 503); // the transaction is gone either way
        d.code("RSET");
    }
}

// ---- issue 14: protocol-level security ----

namespace {

// A MailRoot whose policy offers STARTTLS (the files only have to exist for the session).
std::shared_ptr<const engine::Policy> tlsPolicy(TestMailRoot &root, bool xmailCompat = false)
{
    root.write(QStringLiteral("server.cert"), "cert");
    root.write(QStringLiteral("server.key"), "key");
    return root.compile(xmailCompat);
}

// EHLO, MAIL, RCPT alice, DATA.
void openData(Dialogue &d)
{
    ASSERT_EQ(d.code("EHLO client.test"), 250);
    ASSERT_EQ(d.code("MAIL FROM:<x@remote.test>"), 250);
    ASSERT_EQ(d.code("RCPT TO:<alice@example.test>"), 250);
    ASSERT_EQ(d.code("DATA"), 354);
}

} // namespace

// Item 1: lines between the 220 to STARTTLS and the handshake are never executed.
TEST(SmtpStartTls, NothingIsExecutedBetweenStartTlsAndTheHandshake)
{
    TestMailRoot root;
    const auto policy = tlsPolicy(root);
    Dialogue d(policy);
    d.code("EHLO client.test");
    const SessionOutput start = d.send("STARTTLS");
    ASSERT_TRUE(start.startTls);
    ASSERT_EQ(start.code, 220);
    for (const QByteArray &line :
         {QByteArray("MAIL FROM:<evil@remote.test>"), QByteArray("RCPT TO:<alice@example.test>"),
          QByteArray("DATA"), QByteArray("QUIT"), QByteArray("FOO")}) {
        const SessionOutput out = d.send(line);
        EXPECT_TRUE(out.reply.isEmpty() && !out.close && !out.deliver) << line.constData();
    }
    EXPECT_FALSE(d.session().isClosed());
    d.session().tlsStarted();
    // The session starts over: no HELO, no transaction.
    EXPECT_EQ(d.code("MAIL FROM:<x@remote.test>"), 503);
    EXPECT_EQ(d.code("EHLO client.test"), 250);
    EXPECT_EQ(d.code("RCPT TO:<alice@example.test>"), 503);
}

// Item 2: SMTP smuggling. Only <CRLF>.<CRLF> ends DATA; a bare LF or CR refuses the message.
TEST(SmtpData, OnlyCrlfDotCrlfEndsDataAndBareLineEndsRefuseTheMessage)
{
    using engine::LineEnding;
    struct Fake {
        const char *name;
        QList<std::pair<QByteArray, LineEnding>> lines; // after "Subject: x" / "" / "first"
    };
    const QList<Fake> fakes{
        {"\\n.\\n", {{"first", LineEnding::BareLf}, {".", LineEnding::BareLf}}},
        {"\\n.\\r\\n", {{"first", LineEnding::BareLf}, {".", LineEnding::CrLf}}},
        {"\\r\\n.\\n", {{"first", LineEnding::CrLf}, {".", LineEnding::BareLf}}},
        {"\\r\\n.\\r\\r\\n", {{"first", LineEnding::CrLf}, {".\r", LineEnding::CrLf}}},
    };
    TestMailRoot root;
    for (const bool compat : {false, true}) {
        const auto policy = root.compile(compat);
        for (const Fake &fake : fakes) {
            SCOPED_TRACE(std::string(fake.name) + (compat ? " compat" : ""));
            Dialogue d(policy);
            openData(d);
            EXPECT_TRUE(d.send("Subject: smuggle").reply.isEmpty());
            EXPECT_TRUE(d.send("").reply.isEmpty());
            for (const auto &[line, ending] : fake.lines) {
                const SessionOutput out = d.session().handleLine(line, ending);
                EXPECT_TRUE(out.reply.isEmpty() && !out.deliver);
            }
            // The smuggled transaction is body, not commands.
            for (const QByteArray &line :
                 {QByteArray("MAIL FROM:<ceo@example.test>"), QByteArray("RCPT TO:<bob@example.test>"),
                  QByteArray("DATA"), QByteArray("Subject: spoofed"), QByteArray("")}) {
                const SessionOutput out = d.send(line);
                EXPECT_TRUE(out.reply.isEmpty() && !out.deliver) << line.constData();
                EXPECT_TRUE(d.session().inData());
            }
            const SessionOutput end = d.send(".");
            EXPECT_FALSE(end.deliver);
            EXPECT_EQ(end.code, 550) << end.reply.constData();
            EXPECT_TRUE(end.reply.startsWith("550 5.5.2 ")) << end.reply.constData();
            EXPECT_FALSE(d.session().inData());
            // In sync: the next command is a command, and the transaction is gone.
            EXPECT_EQ(d.code("RCPT TO:<alice@example.test>"), 503);
            EXPECT_EQ(d.code("NOOP"), 250);
        }
    }
    // A bare LF right after DATA, then a CRLF ".": not the end either.
    Dialogue d(root.compile());
    openData(d);
    EXPECT_TRUE(d.session().handleLine("x", engine::LineEnding::BareLf).reply.isEmpty());
    EXPECT_TRUE(d.session().handleLine(".", engine::LineEnding::CrLf).reply.isEmpty());
    EXPECT_TRUE(d.session().inData());
    EXPECT_EQ(d.send(".").code, 550);
    // smtpsession_fuzz: "DATA<LF>.<CRLF>" is no <CRLF>.<CRLF> either.
    Dialogue e(root.compile());
    ASSERT_EQ(e.code("EHLO client.test"), 250);
    ASSERT_EQ(e.code("MAIL FROM:<x@remote.test>"), 250);
    ASSERT_EQ(e.code("RCPT TO:<alice@example.test>"), 250);
    ASSERT_EQ(e.session().handleLine("DATA", engine::LineEnding::BareLf).code, 354);
    EXPECT_TRUE(e.send(".").reply.isEmpty());
    EXPECT_TRUE(e.session().inData());
    EXPECT_TRUE(e.send(".").deliver);
}

TEST(SmtpData, BareCrInsideALineIsRefusedNeverStored)
{
    TestMailRoot root;
    Dialogue d(root.compile());
    openData(d);
    d.send("Subject: cr");
    d.send("");
    d.send("one\rX-Injected: yes");
    const SessionOutput end = d.send(".");
    EXPECT_FALSE(end.deliver);
    EXPECT_TRUE(end.reply.startsWith("550 5.5.2 Message refused: bare <CR>")) << end.reply.constData();
    // A clean message afterwards goes through.
    d.code("MAIL FROM:<x@remote.test>");
    d.code("RCPT TO:<alice@example.test>");
    d.code("DATA");
    d.send("Subject: clean");
    EXPECT_TRUE(d.send(".").deliver);
}

// Item 3: CR and control characters in commands.
TEST(SmtpCommands, ControlCharactersInACommandAre501)
{
    TestMailRoot root;
    for (const bool compat : {false, true}) {
        Dialogue d(root.compile(compat));
        EXPECT_EQ(d.code("EHLO evil\rX-Injected: yes"), 501);
        EXPECT_EQ(d.code("HELO evil\x1b[31m"), 501);
        EXPECT_EQ(d.code("EHLO a\x7f"), 501);
        EXPECT_EQ(d.code("EHLO a\tb"), 501); // a TAB passes the control check, not into the Received header
        EXPECT_EQ(d.code("EHLO client.test"), 250);
        EXPECT_EQ(d.code("MAIL FROM:<x\r@remote.test>"), 501);
        EXPECT_EQ(d.code("MAIL FROM:<x@remote.test>\r"), 501); // "...\r\r\n": one CR too many
        EXPECT_EQ(d.code("MAIL FROM:<x@remote\t.test>"), 501); // smtpsession_fuzz: a TAB in the envelope
        EXPECT_EQ(d.code("MAIL FROM:<x@remote.test>"), 250);
        EXPECT_EQ(d.code("RCPT TO:<alice@example.test>\x07"), 501);
        EXPECT_EQ(d.code("RCPT TO:<alice@example.test>"), 250);
        EXPECT_EQ(d.code("DATA"), 354);
        d.send("x");
        ASSERT_TRUE(d.send(".").deliver);
        EXPECT_EQ(d.session().envelope().heloName, QStringLiteral("client.test"));
        EXPECT_TRUE(d.session().message().startsWith("Received: from client.test ([192.0.2.10])"));
        EXPECT_EQ(d.session().message().count('\r'), d.session().message().count('\n'));
    }
}

// Item 4: with SMTP-MaxErrors unset the extended mode stops at 20 errors; XMail does not.
TEST(SmtpErrors, UnsetMaxErrorsIsAHardLimitOutsideXmailCompat)
{
    TestMailRoot root;
    Dialogue d(root.compile());
    d.code("EHLO client.test");
    d.code("MAIL FROM:<x@remote.test>");
    for (int i = 1; i < SmtpSession::kDefaultMaxErrors; ++i)
        ASSERT_FALSE(d.send("RCPT TO:<nobody@example.test>").close) << i;
    const SessionOutput last = d.send("RCPT TO:<nobody@example.test>");
    EXPECT_TRUE(last.close);
    EXPECT_EQ(last.code, 421);
    EXPECT_TRUE(last.reply.startsWith("550 Mailbox unavailable <nobody@example.test>\r\n421 "))
        << last.reply.constData();
    EXPECT_TRUE(d.session().isClosed());
    // SMTP-MaxErrors set: XMail's close after the Nth error, no 421.
    root.setVariable(QStringLiteral("SMTP-MaxErrors"), QStringLiteral("50"));
    Dialogue fifty(root.compile());
    for (int i = 0; i < 49; ++i)
        ASSERT_FALSE(fifty.send("FOO").close) << i;
    EXPECT_EQ(fifty.send("FOO").reply, QByteArray("500 Syntax error, command unrecognized\r\n"));
    EXPECT_TRUE(fifty.session().isClosed());
}

// Item 7: RFC 3207 4.2. A login cannot cross into TLS: STARTTLS after AUTH is refused,
// and the handshake resets HELO and the transaction.
TEST(SmtpStartTls, RefusedAfterAuthAndTheHandshakeForgetsHelo)
{
    TestMailRoot root;
    for (const bool compat : {false, true}) {
        const auto policy = tlsPolicy(root, compat);
        Dialogue d(policy);
        d.code("EHLO client.test");
        ASSERT_EQ(d.code(authPlain("alice@example.test", "wonderland")), 235);
        const SessionOutput out = d.send("STARTTLS");
        EXPECT_EQ(out.code, 503);
        EXPECT_FALSE(out.startTls);
        EXPECT_EQ(d.code("MAIL FROM:<alice@example.test>"), 250); // the session goes on in clear
        Dialogue t(policy);
        t.code("EHLO before.test");
        ASSERT_TRUE(t.send("STARTTLS").startTls);
        t.session().tlsStarted();
        EXPECT_EQ(t.code("MAIL FROM:<x@remote.test>"), 503);
        EXPECT_EQ(t.code("EHLO after.test"), 250);
        EXPECT_EQ(t.code(authPlain("alice@example.test", "wonderland")), 235);
        EXPECT_EQ(t.code("STARTTLS"), 454); // TLS already on
    }
}

// Item 8: the client's Return-Path goes; the rest of the header stays.
TEST(SmtpData, ClientReturnPathIsDropped)
{
    TestMailRoot root;
    Dialogue d(root.compile());
    openData(d);
    for (const QByteArray &line : {QByteArray("Return-Path: <ceo@example.test>"), QByteArray(" (folded part)"),
                                  QByteArray("Subject: rp"), QByteArray("return-path:<other@example.test>"),
                                  QByteArray(""), QByteArray("Return-Path: in the body stays")})
        d.send(line);
    ASSERT_TRUE(d.send(".").deliver);
    const QByteArray message = d.session().message();
    EXPECT_FALSE(message.contains("ceo@example.test")) << message.constData();
    EXPECT_FALSE(message.contains("folded part")) << message.constData();
    EXPECT_FALSE(message.contains("other@example.test")) << message.constData();
    EXPECT_TRUE(message.contains("\r\nSubject: rp\r\n\r\nReturn-Path: in the body stays\r\n"))
        << message.constData();
}

// Item 9: RFC 3848 protocol names in the Received header.
TEST(SmtpData, ReceivedHeaderNamesEsmtpEsmtpaEsmtpsEsmtpsa)
{
    TestMailRoot root;
    const auto policy = tlsPolicy(root);
    auto receivedWith = [&policy](bool tls, bool auth) {
        Dialogue d(policy);
        d.code("EHLO client.test");
        if (tls) {
            d.send("STARTTLS");
            d.session().tlsStarted();
            d.code("EHLO client.test");
        }
        if (auth) {
            EXPECT_EQ(d.code(authPlain("alice@example.test", "wonderland")), 235);
        }
        EXPECT_EQ(d.code("MAIL FROM:<alice@example.test>"), 250);
        EXPECT_EQ(d.code("RCPT TO:<bob@example.test>"), 250);
        EXPECT_EQ(d.code("DATA"), 354);
        d.send("Subject: with");
        EXPECT_TRUE(d.send(".").deliver);
        const QByteArray m = d.session().message();
        return m.mid(m.indexOf(" with ") + 6, m.indexOf(';') - m.indexOf(" with ") - 6);
    };
    EXPECT_EQ(receivedWith(false, false), QByteArray("ESMTP"));
    EXPECT_EQ(receivedWith(false, true), QByteArray("ESMTPA"));
    EXPECT_EQ(receivedWith(true, false), QByteArray("ESMTPS"));
    EXPECT_EQ(receivedWith(true, true), QByteArray("ESMTPSA"));
}

// Item 10: only the parameters EHLO offers; an 8-bit address gets a 5xx, not a hang-up.
TEST(SmtpMail, UnofferedParametersAre555AndEightBitAddressesGetA5xx)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("MaxMessageSize"), QStringLiteral("1"));
    for (const bool compat : {false, true}) {
        Dialogue d(root.compile(compat));
        const SessionOutput ehlo = d.send("EHLO client.test");
        EXPECT_TRUE(ehlo.reply.contains("8BITMIME") && ehlo.reply.contains("SIZE 1024"));
        EXPECT_FALSE(ehlo.reply.contains("SMTPUTF8") || ehlo.reply.contains("DSN") ||
                     ehlo.reply.contains("BINARYMIME"));
        for (const QByteArray &bad : {QByteArray("MAIL FROM:<x@remote.test> BODY=BINARYMIME"),
                                     QByteArray("MAIL FROM:<x@remote.test> FOO=BAR"),
                                     QByteArray("MAIL FROM:<x@remote.test> SMTPUTF8"),
                                     QByteArray("MAIL FROM:<x@remote.test> RET=HDRS"),
                                     QByteArray("MAIL FROM:<x@remote.test> SIZE=abc")}) {
            const SessionOutput out = d.send(bad);
            EXPECT_EQ(out.code, 555) << bad.constData();
            EXPECT_TRUE(out.reply.startsWith("555 5.5.4 ")) << out.reply.constData();
        }
        EXPECT_EQ(d.code("MAIL FROM:<x@remote.test> SIZE=2000"), 552);
        const SessionOutput seven = d.send("MAIL FROM:<x@remote.test> body=7bit");
        EXPECT_EQ(seven.code, 250) << seven.reply.constData() << d.session().isClosed();
        EXPECT_EQ(d.code("RSET"), 250);
        EXPECT_EQ(d.code("MAIL FROM:<x@remote.test> SIZE=100 BODY=8BITMIME AUTH=<>"), 250);
        EXPECT_EQ(d.code("RCPT TO:<alice@example.test> NOTIFY=SUCCESS,FAILURE"), 555);
        EXPECT_EQ(d.code("RCPT TO:<alice@example.test> ORCPT=rfc822;alice@example.test"), 555);
        const SessionOutput eightBit = d.send("RCPT TO:<j\xc3\xb6rg@example.test>");
        EXPECT_EQ(eightBit.code, 553);
        EXPECT_FALSE(eightBit.close);
        EXPECT_EQ(d.code("MAIL FROM:<j\xc3\xb6rg@remote.test>"), 553);
        EXPECT_EQ(d.code("HELO \xff\xfe"), 501);
        EXPECT_FALSE(d.session().isClosed());
        EXPECT_EQ(d.code("RCPT TO:<alice@example.test>"), 250);
    }
}

namespace {

struct FedBody {
    bool delivered = false;
    QByteArray reply;   // the refusal, if any
    QByteArray message; // what the sink holds
    qsizetype bulkBytes = 0;
};

// Feeds `wire` (everything after DATA) as it would arrive in chunks of 1..chunkMax bytes,
// line by line, or (bulk) as the daemon does: whole plain lines through handleBodyLines().
FedBody feedBody(const std::shared_ptr<const engine::Policy> &policy, const QByteArray &wire, bool bulk,
                 quint32 seed, qsizetype chunkMax, qsizetype maxLine)
{
    Dialogue d(policy);
    openData(d);
    FedBody fed;
    qsizetype arrived = 0;
    qsizetype pos = 0;
    while (pos < wire.size() && !fed.delivered && fed.reply.isEmpty()) {
        seed = seed * 1103515245u + 12345u;
        arrived = std::min<qsizetype>(wire.size(), arrived + 1 + qsizetype(seed >> 8) % chunkMax);
        for (;;) {
            if (bulk && d.session().inData()) {
                const qsizetype n = d.session().handleBodyLines(wire.constData() + pos, arrived - pos, maxLine);
                if (n > 0) {
                    pos += n;
                    fed.bulkBytes += n;
                    continue;
                }
            }
            const qsizetype lf = wire.indexOf('\n', pos);
            if (lf < 0 || lf >= arrived)
                break;
            qsizetype length = lf - pos;
            engine::LineEnding ending = engine::LineEnding::BareLf;
            if (length > 0 && wire.at(lf - 1) == '\r') {
                --length;
                ending = engine::LineEnding::CrLf;
            }
            const SessionOutput out = d.session().handleLine(wire.mid(pos, length), ending);
            pos = lf + 1;
            if (out.deliver || !out.reply.isEmpty()) {
                fed.delivered = out.deliver;
                fed.reply = out.reply;
                break;
            }
        }
        if (arrived == wire.size() && (wire.indexOf('\n', pos) < 0))
            break;
    }
    fed.message = d.session().message();
    return fed;
}

QByteArray randomBody(quint32 seed, qsizetype maxLine, bool oddities)
{
    auto next = [&seed] {
        seed = seed * 1664525u + 1013904223u;
        return seed >> 8;
    };
    QByteArray body = "Return-Path: <forged@remote.test>\r\nSubject: bulk\r\nX-Folded: a\r\n\tb\r\n\r\n";
    const int lines = 20 + int(next() % 400);
    for (int i = 0; i < lines; ++i) {
        const quint32 kind = next() % 100;
        QByteArray line;
        if (kind < 5)
            line = "." + QByteArray(int(next() % 20), 'd'); // dot-stuffed on the wire
        else if (kind < 7)
            line = "..";
        else if (kind < 9)
            line = QByteArray(int(maxLine - 3 + next() % 5), 'L'); // around the line limit
        else
            line = QByteArray(int(next() % 120), char('a' + next() % 26));
        QByteArray ending = "\r\n";
        if (oddities && kind >= 97)
            ending = kind == 97 ? "\n" : (kind == 98 ? "\r\r\n" : "\r\n");
        if (oddities && kind == 99)
            line.insert(line.size() / 2, '\r');
        body += line + ending;
    }
    return body + ".\r\n";
}

} // namespace

// The daemon hands a body's plain lines to the session in bulk; whatever the lines and
// wherever the reads split them, the stored message and the reply are those of the
// line-by-line path (dot-stuffing, headers, bare CR / LF, the size limit).
TEST(SmtpData, BulkBodyLinesGiveTheSameMessageAndReplyAsLineByLine)
{
    constexpr qsizetype kMaxLine = 200;
    TestMailRoot root;
    const auto unlimited = root.compile(false);
    root.setVariable(QStringLiteral("MaxMessageSize"), QStringLiteral("8")); // KB
    const auto limited = root.compile(false);
    int delivered = 0;
    int refused = 0;
    qsizetype bulkBytes = 0;
    for (quint32 seed = 1; seed <= 120; ++seed) {
        const bool oddities = seed % 3 == 0;
        const QByteArray wire = randomBody(seed, kMaxLine, oddities);
        for (const auto &policy : {unlimited, limited}) {
            for (const qsizetype chunk : {qsizetype(7), qsizetype(512), qsizetype(70000)}) {
                SCOPED_TRACE(::testing::Message() << "seed " << seed << " chunk " << chunk);
                const FedBody lineByLine = feedBody(policy, wire, false, seed, chunk, kMaxLine);
                const FedBody bulk = feedBody(policy, wire, true, seed, chunk, kMaxLine);
                EXPECT_EQ(bulk.delivered, lineByLine.delivered);
                EXPECT_EQ(bulk.reply, lineByLine.reply);
                EXPECT_EQ(bulk.message, lineByLine.message);
                (lineByLine.delivered ? delivered : refused)++;
                bulkBytes += bulk.bulkBytes;
            }
        }
    }
    // Both outcomes were exercised.
    EXPECT_GT(delivered, 100);
    EXPECT_GT(refused, 100);
    EXPECT_GT(bulkBytes, 1000000) << "the bulk path took (almost) nothing";
}

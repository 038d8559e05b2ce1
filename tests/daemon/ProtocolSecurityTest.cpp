// Protocol-level attacks on a live `xmflowd serve` (issue 14): STARTTLS command
// injection through a backed-up reply queue (CVE-2011-0411 class), SMTP smuggling
// (SEC Consult 2023, CVE-2023-51766), CR and control characters in commands, the
// default error cap, AUTH across STARTTLS, the client's Return-Path, RFC 3848
// Received protocol names, and unoffered MAIL/RCPT parameters and 8-bit addresses.
//
// Each test is written from the issue's description: what an attacker sends, and
// what may (not) come of it, seen from the outside (replies, Maildir, spool, events).

#include "DaemonTestSupport.h"
#include "SharedDaemon.h"
#include "SmtpLines.h"

#include <gtest/gtest.h>

#include <QCoreApplication>

using namespace xmflow::daemontest;

using xmflow::testing::authPlain;

namespace {

// The extended mode with a certificate, events, a 1 MB MaxMessageSize, and a next hop
// that refuses connections (loopback, nothing listens) so relayed mail stays in the spool.
class ProtocolSecurity : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        const QByteArray nextHop = "\"XMF-NextHop\"\t\"127.0.0.1:" + QByteArray::number(freePort()) + "\"";
        s_daemon =
            new SharedDaemon({"\"MaxMessageSize\"\t\"1024\"", nextHop},
                             {QStringLiteral("--timeout"), QStringLiteral("20"), QStringLiteral("--events"),
                              QStringLiteral("--relay-retry"), QStringLiteral("3600")},
                             /*tls=*/true);
    }
    static void TearDownTestSuite()
    {
        delete s_daemon;
        s_daemon = nullptr;
    }
    void SetUp() override { ASSERT_TRUE(s_daemon->ok()) << s_daemon->process().stderrText().toStdString(); }
    static quint16 port() { return s_daemon->port(); }
    static QString root() { return s_daemon->root(); }

    static void greet(Client &c, const QByteArray &helo = "client.test")
    {
        ASSERT_TRUE(c.connectTo(port()));
        ASSERT_EQ(c.reply().code, 220);
        ASSERT_EQ(c.command("EHLO " + helo).code, 250);
    }
    // Runs a python3 script with PORT replaced; returns (exit code, output).
    static std::pair<int, QByteArray> python(const QString &code)
    {
        QString script = code;
        script.replace(QStringLiteral("PORT"), QString::number(port()));
        return runTool(QStringLiteral("python3"), {QStringLiteral("-c"), script}, 120000);
    }
    static int files(const char *user) { return int(maildirFiles(root(), QLatin1String(user)).size()); }
    static QByteArray newestFile(const char *user)
    {
        QStringList list = maildirFiles(root(), QLatin1String(user));
        std::sort(list.begin(), list.end(), [](const QString &a, const QString &b) {
            return QFileInfo(a).lastModified() < QFileInfo(b).lastModified();
        });
        return list.isEmpty() ? QByteArray() : readFile(list.last());
    }
    static QByteArray allSpool()
    {
        QByteArray all;
        for (const QString &f : spoolFiles(root()))
            all += readFile(f);
        return all;
    }

    static inline SharedDaemon *s_daemon = nullptr;
};

// ---- 1. STARTTLS command injection through a backed-up reply queue ----

// A client with a small receive buffer pipelines tens of thousands of HELPs and reads
// slowly, so the replies back up in the daemon; then STARTTLS. Once the daemon has taken
// STARTTLS (its "command" event says so) while the 220 is still queued behind the HELP
// replies, a man in the middle appends a whole plaintext transaction. The client then
// reads everything and completes TLS: nothing sent in plaintext may have been executed.
TEST_F(ProtocolSecurity, StartTlsInjectionThroughABackedUpReplyQueueIsNeverExecuted)
{
    const int aliceBefore = files("alice@example.test");
    const int storedBefore = s_daemon->storedCount();
    QString script = QStringLiteral(R"(
import socket, ssl, time
events = open(EVENTS, 'rb')
def starttls_events():
    global seen
    data = events.read()
    seen += data.count(b'"command":"STARTTLS"')
    return seen
seen = 0
before = starttls_events()
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.settimeout(60)
s.connect(('127.0.0.1', PORT))
buf = b''
def until(marker):
    global buf
    while marker not in buf:
        chunk = s.recv(65536)
        assert chunk, 'closed while waiting for %r' % marker
        buf += chunk
    at = buf.index(marker) + len(marker)
    head, buf = buf[:at], buf[at:]
    return head
until(b'\r\n')
s.sendall(b'EHLO victim.test\r\n')
until(b'250 STARTTLS\r\n')
# About 4.7 MB of replies: more than the kernel's socket buffers hold.
N = 32000
s.sendall(b'HELP\r\n' * N + b'STARTTLS\r\n')
time.sleep(1.0)
# Read slowly until the daemon has taken STARTTLS; its 220 is then still queued.
deadline = time.time() + 60
while starttls_events() == before:
    assert time.time() < deadline, 'STARTTLS never taken'
    chunk = s.recv(16384)
    assert chunk, 'closed before STARTTLS'
    buf += chunk
    time.sleep(0.002)
assert b'220 Ready to start TLS' not in buf, 'the reply queue was not backed up'
# The man in the middle: a transaction in plaintext, behind STARTTLS.
s.sendall(b'MAIL FROM:<attacker@remote.test>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\n'
          b'Subject: injected\r\n\r\nstolen\r\n.\r\nNOOP\r\n')
time.sleep(1.0)
replies = until(b'220 Ready to start TLS\r\n')
helps = replies.count(b'214 For more information')
print('HELP replies', helps)
assert helps == N, helps
time.sleep(0.3)
s.setblocking(False)
try:
    extra = s.recv(65536)
except BlockingIOError:
    extra = b''
s.setblocking(True)
s.settimeout(60)
assert buf + extra == b'', 'plaintext after STARTTLS was answered: %r' % (buf + extra)
t = ssl._create_unverified_context().wrap_socket(s, server_hostname='localhost')
tf = t.makefile('rb')
def cmd(line):
    t.sendall(line + b'\r\n')
    out = b''
    while True:
        l = tf.readline()
        out += l
        if l[3:4] != b'-':
            return out
first = cmd(b'RCPT TO:<alice@example.test>')
print('FIRST', first)
assert first.startswith(b'503'), first
assert cmd(b'DATA').startswith(b'503')
assert cmd(b'EHLO victim.test').startswith(b'250')
assert cmd(b'NOOP').startswith(b'250 ')
assert cmd(b'QUIT').startswith(b'221')
print('OK')
)");
    script.replace(QStringLiteral("EVENTS"), QLatin1Char('\'') + s_daemon->eventsPath() + QLatin1Char('\''));
    const auto [rc, output] = python(script);
    EXPECT_EQ(rc, 0) << output.toStdString();
    EXPECT_TRUE(output.contains("OK")) << output.toStdString();
    QThread::msleep(300);
    EXPECT_EQ(files("alice@example.test"), aliceBefore) << "a message injected in plaintext was stored";
    EXPECT_EQ(s_daemon->storedCount(), storedBefore);
}

// ---- 2. SMTP smuggling ----

struct Smuggle {
    const char *name;
    QByteArray fakeEnd;
};

const QList<Smuggle> &smuggles()
{
    static const QList<Smuggle> list{{"\\n.\\n", "\n.\n"},
                                     {"\\n.\\r\\n", "\n.\r\n"},
                                     {"\\r\\n.\\n", "\r\n.\n"},
                                     {"\\r\\n.\\r\\r\\n", "\r\n.\r\r\n"}};
    return list;
}

// What follows the fake end: a spoofed second transaction, then the real end.
const QByteArray kSpoofed = "MAIL FROM:<ceo@example.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n"
                            "From: ceo@example.test\r\nSubject: spoofed\r\n\r\nwire the money\r\n.\r\n";

TEST_F(ProtocolSecurity, SmugglingSequencesDoNotEndDataAndNothingAfterThemRuns)
{
    for (const Smuggle &s : smuggles()) {
        SCOPED_TRACE(s.name);
        const int alice = files("alice@example.test");
        const int bob = files("bob@example.test");
        const int stored = s_daemon->storedCount();
        Client c;
        greet(c);
        ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
        ASSERT_EQ(c.command("RCPT TO:<alice@example.test>").code, 250);
        ASSERT_EQ(c.command("DATA").code, 354);
        c.send("From: sender@remote.test\r\nSubject: first\r\n\r\nhello" + s.fakeEnd + kSpoofed + "NOOP\r\n");
        // One reply for the whole DATA (refused: a bare LF or CR), then the NOOP's: none
        // of the spoofed commands was answered as a command.
        const Reply end = c.reply(10000);
        EXPECT_EQ(end.code, 550) << end.text.toStdString();
        EXPECT_TRUE(end.text.startsWith("550 5.5.2 ")) << end.text.toStdString();
        const Reply noop = c.reply(10000);
        EXPECT_EQ(noop.code, 250) << noop.text.toStdString();
        EXPECT_EQ(noop.text, QByteArray("250 OK\r\n"));
        // In sync, and the transaction is gone.
        EXPECT_EQ(c.command("RCPT TO:<bob@example.test>").code, 503);
        EXPECT_EQ(c.command("QUIT").code, 221);
        QThread::msleep(200);
        EXPECT_EQ(files("alice@example.test"), alice);
        EXPECT_EQ(files("bob@example.test"), bob) << "the spoofed message was delivered";
        EXPECT_EQ(s_daemon->storedCount(), stored);
    }
    // The control: the same message with a real <CRLF>.<CRLF> is stored once, and the
    // transaction after it is a transaction of its own (the client's, not smuggled).
    const int alice = files("alice@example.test");
    const int stored = s_daemon->storedCount();
    Client c;
    greet(c);
    ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
    ASSERT_EQ(c.command("RCPT TO:<alice@example.test>").code, 250);
    ASSERT_EQ(c.command("DATA").code, 354);
    c.send("Subject: control\r\n\r\nhello\r\n.\r\n");
    EXPECT_EQ(c.reply(10000).code, 250);
    EXPECT_EQ(c.command("QUIT").code, 221);
    EXPECT_TRUE(waitFor([&] { return files("alice@example.test") == alice + 1; }, 5000));
    EXPECT_EQ(s_daemon->storedCount(), stored + 1);
}

// In an authenticated session the smuggled transaction would have been relayed as a
// transaction of its own: the spool gets none.
TEST_F(ProtocolSecurity, SmugglingInAnAuthenticatedSessionRelaysNoSecondTransaction)
{
    for (const Smuggle &s : smuggles()) {
        SCOPED_TRACE(s.name);
        const qsizetype spooled = spoolFiles(root()).size();
        Client c;
        greet(c);
        ASSERT_EQ(c.command(authPlain("relayuser", "relaypass")).code, 235);
        ASSERT_EQ(c.command("MAIL FROM:<relayuser@remote.test>").code, 250);
        ASSERT_EQ(c.command("RCPT TO:<friend@elsewhere.test>").code, 250);
        ASSERT_EQ(c.command("DATA").code, 354);
        c.send("Subject: relayed\r\n\r\nhello" + s.fakeEnd +
               "MAIL FROM:<ceo@example.test>\r\nRCPT TO:<victim@elsewhere.test>\r\nDATA\r\n"
               "Subject: spoofed\r\n\r\nwire the money\r\n.\r\nNOOP\r\n");
        const Reply end = c.reply(10000);
        EXPECT_EQ(end.code, 550) << end.text.toStdString();
        EXPECT_EQ(c.reply(10000).code, 250); // the NOOP
        EXPECT_EQ(c.command("QUIT").code, 221);
        QThread::msleep(200);
        EXPECT_EQ(spoolFiles(root()).size(), spooled) << "a transaction was relayed";
        EXPECT_FALSE(allSpool().contains("victim@elsewhere.test"));
    }
    // Control: a clean relayed message is one spooled transaction.
    const qsizetype spooled = spoolFiles(root()).size();
    Client c;
    greet(c);
    ASSERT_EQ(c.command(authPlain("relayuser", "relaypass")).code, 235);
    ASSERT_EQ(c.command("MAIL FROM:<relayuser@remote.test>").code, 250);
    ASSERT_EQ(c.command("RCPT TO:<friend@elsewhere.test>").code, 250);
    ASSERT_EQ(c.command("DATA").code, 354);
    c.send("Subject: relayed\r\n\r\nhello\r\n.\r\n");
    EXPECT_EQ(c.reply(10000).code, 250);
    EXPECT_EQ(c.command("QUIT").code, 221);
    EXPECT_TRUE(waitFor([&] { return spoolFiles(root()).size() > spooled; }, 5000));
}

// A bare CR inside the message is refused too, never stored.
TEST_F(ProtocolSecurity, BareCrInTheMessageIsRefused)
{
    const int alice = files("alice@example.test");
    Client c;
    greet(c);
    ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
    ASSERT_EQ(c.command("RCPT TO:<alice@example.test>").code, 250);
    ASSERT_EQ(c.command("DATA").code, 354);
    c.send("Subject: cr\r\n\r\nline\rX-Injected: yes\r\n.\r\n");
    const Reply r = c.reply(10000);
    EXPECT_EQ(r.code, 550) << r.text.toStdString();
    EXPECT_EQ(c.command("NOOP").code, 250);
    QThread::msleep(200);
    EXPECT_EQ(files("alice@example.test"), alice);
}

// ---- 3. CR and control characters in commands ----

TEST_F(ProtocolSecurity, CrAndControlCharactersInCommandsAre501AndNeverReachTheMessage)
{
    Client c;
    ASSERT_TRUE(c.connectTo(port()));
    ASSERT_EQ(c.reply().code, 220);
    EXPECT_EQ(c.command("EHLO evil\rX-Injected: yes").code, 501);
    EXPECT_EQ(c.command("HELO evil\x1b]0;title\x07").code, 501);
    EXPECT_EQ(c.command("EHLO evil\x7f").code, 501);
    ASSERT_EQ(c.command("EHLO good.test").code, 250);
    EXPECT_EQ(c.command("MAIL FROM:<sender\r@remote.test>").code, 501);
    EXPECT_EQ(c.command("MAIL FROM:<sender@remote.test>\r").code, 501); // "...>\r\r\n"
    ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
    EXPECT_EQ(c.command("RCPT TO:<alice@example.test\r>").code, 501);
    EXPECT_EQ(c.command("RCPT TO:<alice@example.test>\x08").code, 501);
    ASSERT_EQ(c.command("RCPT TO:<alice@example.test>").code, 250);
    ASSERT_EQ(c.command("DATA").code, 354);
    c.send("Subject: control\r\n\r\nbody\r\n.\r\n");
    ASSERT_EQ(c.reply(10000).code, 250);
    EXPECT_EQ(c.command("QUIT").code, 221);
    QByteArray message;
    ASSERT_TRUE(waitFor(
        [&] {
            message = newestFile("alice@example.test");
            return message.contains("Subject: control");
        },
        5000));
    EXPECT_FALSE(message.contains("X-Injected")) << message.toStdString();
    EXPECT_FALSE(message.contains("evil")) << message.toStdString();
    EXPECT_TRUE(message.contains("Received: from good.test ")) << message.toStdString();
    EXPECT_EQ(message.count('\r'), message.count('\n')) << message.toStdString();
    // The relay path: an address with a CR never reaches the spool.
    Client r;
    greet(r);
    ASSERT_EQ(r.command(authPlain("relayuser", "relaypass")).code, 235);
    EXPECT_EQ(r.command("MAIL FROM:<relayuser@remote.test\rRCPT TO:<x@y.test>>").code, 501);
    ASSERT_EQ(r.command("MAIL FROM:<relayuser@remote.test>").code, 250);
    EXPECT_EQ(r.command("RCPT TO:<friend@elsewhere.test\r\x0b>").code, 501);
    EXPECT_EQ(r.command("QUIT").code, 221);
    EXPECT_FALSE(allSpool().contains(QByteArray("\rRCPT TO:<x@y.test>")));
}

// ---- 4. The default error cap ----

// 20,000 refused RCPTs from one session (SMTP-MaxErrors unset): after 20 errors a 421
// and the connection closes; the rest is never answered.
TEST_F(ProtocolSecurity, TwentyThousandRefusedRcptsEndAtTheDefaultErrorCap)
{
    Client c;
    greet(c);
    ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
    QByteArray flood;
    for (int i = 0; i < 20000; ++i)
        flood += "RCPT TO:<nobody" + QByteArray::number(i) + "@example.test>\r\n";
    QElapsedTimer t;
    t.start();
    c.send(flood);
    int refused = 0;
    Reply r;
    for (;;) {
        r = c.reply(10000);
        if (r.code != 550)
            break;
        ++refused;
    }
    EXPECT_EQ(refused, 20);
    EXPECT_EQ(r.code, 421) << r.text.toStdString();
    EXPECT_TRUE(c.waitClosed(5000));
    std::printf("20,000 refused RCPTs: %d x 550, then %d, closed after %lld ms\n", refused, r.code,
                static_cast<long long>(t.elapsed()));
}

// --xmail-compat keeps XMail 1.27's unlimited errors (conformance s24).
TEST(ProtocolSecurityCompat, XmailCompatKeepsErrorsUnlimited)
{
    SharedDaemon daemon(
        {}, {QStringLiteral("--xmail-compat"), QStringLiteral("--timeout"), QStringLiteral("10")}, false);
    ASSERT_TRUE(daemon.ok()) << daemon.process().stderrText().toStdString();
    Client c;
    ASSERT_TRUE(c.connectTo(daemon.port()));
    ASSERT_EQ(c.reply().code, 220);
    ASSERT_EQ(c.command("EHLO client.test").code, 250);
    ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
    QByteArray flood;
    for (int i = 0; i < 200; ++i)
        flood += "RCPT TO:<nobody@example.test>\r\n";
    c.send(flood + "NOOP\r\n");
    int refused = 0;
    for (int i = 0; i < 200; ++i)
        refused += c.reply(10000).code == 550 ? 1 : 0;
    EXPECT_EQ(refused, 200);
    EXPECT_EQ(c.reply(10000).code, 250);
    // ... but not its smuggling weakness: DATA still ends only at <CRLF>.<CRLF>.
    ASSERT_EQ(c.command("RCPT TO:<alice@example.test>").code, 250);
    ASSERT_EQ(c.command("DATA").code, 354);
    c.send("Subject: compat\r\n\r\nhello\n.\n" + kSpoofed);
    EXPECT_EQ(c.reply(10000).code, 550);
    EXPECT_EQ(c.command("NOOP").code, 250);
    QThread::msleep(200);
    EXPECT_TRUE(maildirFiles(daemon.root()).isEmpty());
}

// ---- 7. AUTH across STARTTLS ----

// RFC 3207 4.2: what the server knew before STARTTLS is discarded. A login cannot be
// discarded, so STARTTLS after AUTH is refused (503); the session goes on in clear.
// Inside TLS the EHLO given in clear is forgotten.
TEST_F(ProtocolSecurity, StartTlsAfterAuthIsRefusedAndTlsForgetsTheEarlierEhlo)
{
    const auto [rc, output] = python(QStringLiteral(R"(
import socket, ssl
s = socket.create_connection(('127.0.0.1', PORT), timeout=30)
f = s.makefile('rb')
def cmd(sock, fh, line):
    sock.sendall(line + b'\r\n')
    out = b''
    while True:
        l = fh.readline()
        out += l
        if l[3:4] != b'-':
            return out
assert f.readline().startswith(b'220')
assert cmd(s, f, b'EHLO client.test').startswith(b'250')
import base64
auth = b'AUTH PLAIN ' + base64.b64encode(b'\0alice@example.test\0wonderland')
assert cmd(s, f, auth).startswith(b'235')
r = cmd(s, f, b'STARTTLS')
print('STARTTLS after AUTH:', r)
assert r.startswith(b'503'), r
assert cmd(s, f, b'MAIL FROM:<alice@example.test>').startswith(b'250')
assert cmd(s, f, b'QUIT').startswith(b'221')
# Second session: EHLO in clear, STARTTLS; inside TLS the EHLO is gone.
s = socket.create_connection(('127.0.0.1', PORT), timeout=30)
f = s.makefile('rb')
assert f.readline().startswith(b'220')
assert cmd(s, f, b'EHLO client.test').startswith(b'250')
assert cmd(s, f, b'STARTTLS').startswith(b'220')
t = ssl._create_unverified_context().wrap_socket(s, server_hostname='localhost')
tf = t.makefile('rb')
r = cmd(t, tf, b'MAIL FROM:<alice@example.test>')
assert r.startswith(b'503'), r
assert cmd(t, tf, b'EHLO client.test').startswith(b'250')
assert cmd(t, tf, auth).startswith(b'235')
assert cmd(t, tf, b'MAIL FROM:<alice@example.test>').startswith(b'250')
assert cmd(t, tf, b'QUIT').startswith(b'221')
print('OK')
)"));
    EXPECT_EQ(rc, 0) << output.toStdString();
    EXPECT_TRUE(output.contains("OK")) << output.toStdString();
}

// ---- 8. Return-Path ----

TEST_F(ProtocolSecurity, ClientReturnPathIsReplacedByTheEnvelopeSender)
{
    Client c;
    greet(c);
    ASSERT_EQ(c.command("MAIL FROM:<real.sender@remote.test>").code, 250);
    ASSERT_EQ(c.command("RCPT TO:<bob@example.test>").code, 250);
    ASSERT_EQ(c.command("DATA").code, 354);
    c.send(
        "Return-Path: <ceo@example.test>\r\nSubject: return path\r\nreturn-path: <other@example.test>\r\n\r\n"
        "body\r\n.\r\n");
    ASSERT_EQ(c.reply(10000).code, 250);
    QByteArray message;
    ASSERT_TRUE(waitFor(
        [&] {
            message = newestFile("bob@example.test");
            return message.contains("Subject: return path");
        },
        5000));
    EXPECT_TRUE(message.startsWith("Return-Path: <real.sender@remote.test>\r\nReceived: from client.test "))
        << message.toStdString();
    EXPECT_EQ(message.count("Return-Path:"), 1) << message.toStdString();
    EXPECT_FALSE(message.contains("ceo@example.test")) << message.toStdString();
    EXPECT_FALSE(message.contains("other@example.test")) << message.toStdString();
    // Relayed: the client's Return-Path does not travel, and none is added before the last hop.
    ASSERT_EQ(c.command(authPlain("relayuser", "relaypass")).code, 235);
    ASSERT_EQ(c.command("MAIL FROM:<relayuser@remote.test>").code, 250);
    ASSERT_EQ(c.command("RCPT TO:<rp-check@elsewhere.test>").code, 250);
    ASSERT_EQ(c.command("DATA").code, 354);
    c.send("Return-Path: <ceo@example.test>\r\nSubject: relayed return path\r\n\r\nbody\r\n.\r\n");
    ASSERT_EQ(c.reply(10000).code, 250);
    EXPECT_EQ(c.command("QUIT").code, 221);
    QByteArray spooled;
    ASSERT_TRUE(waitFor(
        [&] {
            spooled = allSpool();
            return spooled.contains("Subject: relayed return path");
        },
        5000));
    EXPECT_FALSE(spooled.contains("ceo@example.test")) << spooled.toStdString();
    EXPECT_FALSE(spooled.contains("Return-Path:")) << spooled.toStdString();
}

// ---- 9. Received: ESMTP, ESMTPA, ESMTPS, ESMTPSA (RFC 3848) ----

TEST_F(ProtocolSecurity, ReceivedHeaderNamesTheProtocolAsRfc3848)
{
    const auto [rc, output] = python(QStringLiteral(R"(
import smtplib, ssl
for tls in (False, True):
    for auth in (False, True):
        s = smtplib.SMTP('127.0.0.1', PORT, timeout=30)
        s.ehlo('proto.test')
        if tls:
            s.starttls(context=ssl._create_unverified_context())
            s.ehlo('proto.test')
        if auth:
            s.login('alice@example.test', 'wonderland')
        tag = 'tls=%d auth=%d' % (tls, auth)
        r = s.sendmail('alice@example.test', ['bob@example.test'], 'Subject: %s\r\n\r\nbody\r\n' % tag)
        assert r == {}, r
        s.quit()
print('OK')
)"));
    ASSERT_EQ(rc, 0) << output.toStdString();
    const QStringList list = maildirFiles(root(), QStringLiteral("bob@example.test"));
    auto withFor = [&list](const QByteArray &tag) {
        for (const QString &f : list) {
            const QByteArray m = readFile(f);
            if (m.contains(QByteArray("Subject: " + tag + "\r\n"))) {
                // "with ESMTPSA id S12; date": the protocol word alone
                const qsizetype at = m.indexOf(" with ") + 6;
                qsizetype end = at;
                while (end < m.size() && m.at(end) != ' ' && m.at(end) != ';')
                    ++end;
                return m.mid(at, end - at);
            }
        }
        return QByteArray("(not found)");
    };
    EXPECT_EQ(withFor("tls=0 auth=0"), QByteArray("ESMTP"));
    EXPECT_EQ(withFor("tls=0 auth=1"), QByteArray("ESMTPA"));
    EXPECT_EQ(withFor("tls=1 auth=0"), QByteArray("ESMTPS"));
    EXPECT_EQ(withFor("tls=1 auth=1"), QByteArray("ESMTPSA"));
}

// ---- 10. SMTPUTF8 and MAIL/RCPT parameters ----

TEST_F(ProtocolSecurity, UnofferedParametersAre555AndEightBitAddressesGetA5xx)
{
    Client c;
    ASSERT_TRUE(c.connectTo(port()));
    ASSERT_EQ(c.reply().code, 220);
    const Reply ehlo = c.command("EHLO client.test");
    ASSERT_EQ(ehlo.code, 250);
    EXPECT_TRUE(ehlo.text.contains("250-8BITMIME\r\n")) << ehlo.text.toStdString();
    EXPECT_TRUE(ehlo.text.contains("SIZE 1048576")) << ehlo.text.toStdString();
    EXPECT_FALSE(ehlo.text.contains("SMTPUTF8") || ehlo.text.contains("DSN") ||
                 ehlo.text.contains("BINARYMIME"));
    for (const QByteArray &param : {QByteArray("BODY=BINARYMIME"), QByteArray("FOO=BAR"),
                                   QByteArray("SMTPUTF8"), QByteArray("RET=FULL"), QByteArray("ENVID=x")}) {
        const Reply r = c.command("MAIL FROM:<sender@remote.test> " + param);
        EXPECT_EQ(r.code, 555) << param.constData() << ": " << r.text.toStdString();
        EXPECT_TRUE(r.text.startsWith("555 5.5.4 ")) << r.text.toStdString();
    }
    EXPECT_EQ(c.command("MAIL FROM:<sender@remote.test> SIZE=2000000").code, 552);
    ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test> SIZE=1000 BODY=8BITMIME").code, 250);
    EXPECT_EQ(c.command("RCPT TO:<alice@example.test> NOTIFY=SUCCESS,FAILURE").code, 555);
    EXPECT_EQ(c.command("RCPT TO:<alice@example.test> ORCPT=rfc822;alice@example.test").code, 555);
    const Reply eightBit = c.command("RCPT TO:<j\xc3\xb6rg@example.test>");
    EXPECT_EQ(eightBit.code, 553) << eightBit.text.toStdString();
    EXPECT_EQ(c.command("NOOP").code, 250) << "the 8-bit address dropped the connection";
    ASSERT_EQ(c.command("RCPT TO:<alice@example.test>").code, 250);
    EXPECT_EQ(c.command("RSET").code, 250);
    EXPECT_EQ(c.command("MAIL FROM:<m\xc3\xbcller@remote.test>").code, 553);
    EXPECT_EQ(c.command("MAIL FROM:<sender@remote.test> BODY=7BIT").code, 250);
    EXPECT_EQ(c.command("QUIT").code, 221);
}

} // namespace

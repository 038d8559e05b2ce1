// Abuse of a live `xmflowd serve` from the internet: the open-relay matrix, AUTH
// brute force against SMTP-MaxErrors, slowloris and idle clients, garbage floods,
// a 100 MB body above MaxMessageSize (daemon memory measured), unread replies,
// NUL bytes, and TLS downgrade (AUTH before STARTTLS with WantTLS, STARTTLS
// command injection).
//
// RobustnessTest already covers the basics (oversize lines, a NUL in the verb,
// 8-bit commands, a binary flood, plain idle timeout, max sessions, a 4 KB
// oversize body); these tests go after what an attacker would try next.

#include "DaemonTestSupport.h"
#include "SharedDaemon.h"
#include "SmtpLines.h"

#include <gtest/gtest.h>

#include <QCoreApplication>

#include <arpa/inet.h>
#include <atomic>
#include <cstdio>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <thread>
#include <unistd.h>

using namespace xmflow::daemontest;

using xmflow::testing::authPlain;

namespace {

// a + NUL + b
QByteArray withNul(const QByteArray &a, const QByteArray &b)
{
    return a + QByteArray(1, '\0') + b;
}

// SMTP-MaxErrors 3, 2 s idle timeout, MaxMessageSize 1 MB, 20 sessions at most.
class Abuse : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_daemon = new SharedDaemon({"\"SMTP-MaxErrors\"\t\"3\"", "\"MaxMessageSize\"\t\"1024\""},
                                    {QStringLiteral("--timeout"), QStringLiteral("2"),
                                     QStringLiteral("--max-sessions"), QStringLiteral("20")});
    }
    static void TearDownTestSuite()
    {
        delete s_daemon;
        s_daemon = nullptr;
    }
    void SetUp() override { ASSERT_TRUE(s_daemon->ok()) << s_daemon->process().stderrText().toStdString(); }
    static quint16 port() { return s_daemon->port(); }

    static void greet(Client &c, const QString &from = QStringLiteral("127.0.0.1"))
    {
        ASSERT_TRUE(c.connectTo(port(), from));
        ASSERT_EQ(c.reply().code, 220);
        ASSERT_EQ(c.command("EHLO abuser.test").code, 250);
    }

    static inline SharedDaemon *s_daemon = nullptr;
};

// ---- open relay ----

struct RelayRow {
    const char *what;
    QByteArray rcpt; // the whole argument of RCPT TO:
    bool local;      // a plain local mailbox: must be accepted (the control rows)
};

const QList<RelayRow> &relayMatrix()
{
    static const QList<RelayRow> rows{
        {"control: local user", "<alice@example.test>", true},
        {"control: local user, upper case", "<ALICE@EXAMPLE.TEST>", true},
        {"remote domain", "<friend@elsewhere.test>", false},
        {"remote domain, upper case", "<FRIEND@ELSEWHERE.TEST>", false},
        {"percent hack", "<friend%elsewhere.test@example.test>", false},
        {"percent hack, no local domain", "<friend%elsewhere.test>", false},
        {"double percent", "<friend%elsewhere.test%example.test@example.test>", false},
        {"source route", "<@example.test:friend@elsewhere.test>", false},
        {"source route, two hops", "<@example.test,@mx.example.test:friend@elsewhere.test>", false},
        {"source route to a local user", "<@elsewhere.test:alice@example.test>", false},
        {"quoted local part", "<\"friend@elsewhere.test\"@example.test>", false},
        {"quoted local part with percent", "<\"friend%elsewhere.test\"@example.test>", false},
        {"user@remote@local", "<friend@elsewhere.test@example.test>", false},
        {"user@local@remote", "<alice@example.test@elsewhere.test>", false},
        {"bang path", "<elsewhere.test!friend@example.test>", false},
        {"bang path, no domain", "<elsewhere.test!friend>", false},
        {"trailing dot, remote", "<friend@elsewhere.test.>", false},
        {"trailing dot, local domain", "<alice@example.test.>", false},
        {"IP literal, loopback", "<friend@[127.0.0.1]>", false},
        {"IP literal, local user", "<alice@[127.0.0.1]>", false},
        {"IPv6 literal", "<friend@[IPv6:::1]>", false},
        {"localhost", "<friend@localhost>", false},
        {"local domain as a suffix", "<friend@elsewhere.example.test>", false},
        {"local domain as a prefix", "<friend@example.test.elsewhere.test>", false},
        // Was a local control row; since issue 14 text after the path is a parameter, 555.
        {"remote after the angle brackets", "<alice@example.test>friend@elsewhere.test", false},
        {"space before the path", " <friend@elsewhere.test>", false},
        {"no angle brackets", "friend@elsewhere.test", false},
        {"unclosed angle bracket", "<friend@elsewhere.test", false},
        {"percent after the domain", "<friend@elsewhere.test%example.test>", false},
        {"backslash-escaped at", "<friend\\@elsewhere.test@example.test>", false},
        {"comment in the path", "<friend@elsewhere.test (example.test)>", false},
        {"bare postmaster", "<postmaster>", false},
        {"empty path", "<>", false},
    };
    return rows;
}

TEST_F(Abuse, OpenRelayMatrixIsClosedWithoutRelayRights)
{
    std::printf("\nopen-relay matrix (peer 127.0.0.1, no AUTH, smtprelay.tab empty):\n");
    std::printf("  %-34s %-52s %s\n", "row", "RCPT TO:", "reply");
    for (const RelayRow &row : relayMatrix()) {
        SCOPED_TRACE(row.what);
        Client c;
        greet(c);
        ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
        const Reply r = c.command("RCPT TO:" + row.rcpt);
        std::printf("  %-34s %-52s %s\n", row.what, row.rcpt.constData(), r.text.trimmed().constData());
        if (row.local) {
            EXPECT_EQ(r.code, 250) << r.text.toStdString();
        } else {
            EXPECT_GE(r.code, 500) << row.rcpt.constData() << " -> " << r.text.toStdString();
            EXPECT_LE(r.code, 599) << row.rcpt.constData() << " -> " << r.text.toStdString();
            // Nothing to send: DATA needs an accepted recipient.
            EXPECT_EQ(c.command("DATA").code, 503);
        }
        c.close();
    }
    EXPECT_TRUE(spoolFiles(s_daemon->root()).isEmpty()) << "something was queued for relay";
}

TEST_F(Abuse, SpoofedLocalSenderStillCannotRelay)
{
    Client c;
    greet(c);
    ASSERT_EQ(c.command("MAIL FROM:<alice@example.test>").code, 250);
    EXPECT_EQ(c.command("RCPT TO:<friend@elsewhere.test>").code, 550);
    ASSERT_EQ(c.command("RSET").code, 250);
    ASSERT_EQ(c.command("MAIL FROM:<>").code, 250);
    EXPECT_EQ(c.command("RCPT TO:<friend@elsewhere.test>").code, 550);
}

TEST_F(Abuse, RelayRightsComeOnlyFromAuthWithR)
{
    Client c;
    greet(c);
    ASSERT_EQ(c.command(authPlain("relayuser", "relaypass")).code, 235);
    ASSERT_EQ(c.command("MAIL FROM:<relayuser@remote.test>").code, 250);
    EXPECT_EQ(c.command("RCPT TO:<friend@elsewhere.test>").code, 250); // the positive control of the matrix
}

// ---- AUTH brute force ----

TEST_F(Abuse, AuthBruteForceIsCutBySmtpMaxErrors)
{
    for (const char *mechanism : {"PLAIN", "LOGIN"}) {
        SCOPED_TRACE(mechanism);
        Client c;
        greet(c);
        int failures = 0;
        Reply last;
        for (int attempt = 0; attempt < 10; ++attempt) {
            const QByteArray guess = "guess" + QByteArray::number(attempt);
            if (qstrcmp(mechanism, "PLAIN") == 0) {
                last = c.command(authPlain("alice@example.test", guess), 5000);
            } else {
                last = c.command("AUTH LOGIN", 5000);
                if (last.code != 334)
                    break;
                last = c.command(QByteArray("alice@example.test").toBase64(), 5000);
                if (last.code != 334)
                    break;
                last = c.command(guess.toBase64(), 5000);
            }
            if (last.code != 503)
                break;
            ++failures;
        }
        EXPECT_EQ(failures, 3) << "SMTP-MaxErrors is 3";
        EXPECT_EQ(last.code, 0) << last.text.toStdString();
        EXPECT_TRUE(c.waitClosed(3000));
    }
    // MaxErrors counts per session (as in XMail; there is no per-address lockout): a new one starts over.
    Client fresh;
    greet(fresh);
    EXPECT_EQ(fresh.command(authPlain("alice@example.test", "wonderland")).code, 235);
}

TEST_F(Abuse, CramMd5GuessesCountAsErrorsToo)
{
    Client c;
    greet(c);
    int failures = 0;
    for (int attempt = 0; attempt < 6; ++attempt) {
        if (c.command("AUTH CRAM-MD5", 5000).code != 334)
            break;
        if (c.command(QByteArray("alice@example.test 0123456789abcdef0123456789abcdef").toBase64(), 5000)
                .code != 503)
            break;
        ++failures;
    }
    EXPECT_EQ(failures, 3);
    EXPECT_TRUE(c.waitClosed(3000));
}

// ---- slowloris and idle clients ----

// A client that sends one byte every 300 ms and never finishes its line must not
// keep its session beyond the idle timeout (2 s): bytes are not progress.
TEST_F(Abuse, SlowlorisDribblingBytesIsCutAtTheIdleTimeout)
{
    Client c;
    ASSERT_TRUE(c.connectTo(port()));
    ASSERT_EQ(c.reply().code, 220);
    QElapsedTimer t;
    t.start();
    const QByteArray line = "NOOP " + QByteArray(200, 'x');
    bool closed = false;
    for (qsizetype i = 0; i < line.size() && t.elapsed() < 10000; ++i) {
        c.socket()->write(line.constData() + i, 1);
        c.socket()->waitForBytesWritten(1000);
        if (c.waitClosed(300)) {
            closed = true;
            break;
        }
    }
    const qint64 elapsed = t.elapsed();
    std::printf("slowloris (1 byte / 300 ms): closed=%d after %lld ms (idle timeout 2000 ms)\n", int(closed),
                static_cast<long long>(elapsed));
    EXPECT_TRUE(closed) << "still open after " << elapsed << " ms of dribbling";
    EXPECT_LT(elapsed, 4000);
}

// Slow but complete lines are a slow client, not an attack: each line within the
// timeout is answered.
TEST_F(Abuse, SlowButCompleteLinesAreServed)
{
    Client c;
    ASSERT_TRUE(c.connectTo(port()));
    ASSERT_EQ(c.reply().code, 220);
    for (int n = 0; n < 3; ++n) {
        for (char ch : QByteArray("NOOP\r\n")) {
            c.socket()->write(&ch, 1);
            c.socket()->waitForBytesWritten(1000);
            QThread::msleep(150);
        }
        EXPECT_EQ(c.reply(3000).code, 250) << "line " << n;
    }
}

// Twenty dribbling clients fill --max-sessions; the idle timeout frees the slots.
TEST_F(Abuse, SlowlorisArmyCannotHoldEverySession)
{
    std::vector<std::unique_ptr<Client>> army;
    for (int i = 0; i < 20; ++i) {
        auto c = std::make_unique<Client>();
        ASSERT_TRUE(c->connectTo(port()));
        ASSERT_EQ(c->reply().code, 220) << i;
        army.push_back(std::move(c));
    }
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 4000) {
        for (auto &c : army) {
            if (c->socket()->state() == QAbstractSocket::ConnectedState) {
                c->socket()->write("N", 1);
                c->socket()->flush();
            }
        }
        QThread::msleep(250);
        QCoreApplication::processEvents();
    }
    Client fresh;
    ASSERT_TRUE(fresh.connectTo(port()));
    const Reply r = fresh.reply();
    EXPECT_EQ(r.code, 220) << "the dribblers still hold every session: " << r.text.toStdString();
}

TEST_F(Abuse, IdleInsideDataAndAtTheAuthPromptTimesOut)
{
    {
        Client c;
        greet(c);
        ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
        ASSERT_EQ(c.command("RCPT TO:<alice@example.test>").code, 250);
        ASSERT_EQ(c.command("DATA").code, 354);
        c.send("Subject: half\r\n\r\nhalf a body");
        QElapsedTimer t;
        t.start();
        EXPECT_TRUE(c.waitClosed(6000));
        EXPECT_GE(t.elapsed(), 1500);
    }
    {
        Client c;
        greet(c);
        ASSERT_EQ(c.command("AUTH LOGIN").code, 334);
        QElapsedTimer t;
        t.start();
        EXPECT_TRUE(c.waitClosed(6000));
        EXPECT_GE(t.elapsed(), 1500);
    }
    EXPECT_TRUE(maildirFiles(s_daemon->root(), QStringLiteral("alice@example.test")).isEmpty())
        << "a half-sent body was delivered";
}

// ---- garbage ----

QByteArray garbageLines(int count, quint32 seed)
{
    QByteArray out;
    quint32 x = seed;
    for (int i = 0; i < count; ++i) {
        out += 'X'; // never a verb
        const int length = 5 + int(x % 60);
        for (int k = 0; k < length; ++k) {
            x = x * 1103515245u + 12345u;
            out += char(32 + (x >> 16) % 95); // printable ASCII, spaces included
        }
        out += "\r\n";
    }
    return out;
}

TEST_F(Abuse, TenThousandGarbageLinesEndAfterMaxErrors)
{
    Client c;
    ASSERT_TRUE(c.connectTo(port()));
    ASSERT_EQ(c.reply().code, 220);
    QElapsedTimer t;
    t.start();
    c.send(garbageLines(10000, 7));
    int replies = 0;
    for (Reply r = c.reply(5000); r.code != 0; r = c.reply(5000)) {
        EXPECT_EQ(r.code, 500);
        ++replies;
    }
    EXPECT_EQ(replies, 3);
    EXPECT_TRUE(c.waitClosed(3000));
    std::printf("10,000 garbage lines with SMTP-MaxErrors 3: %d replies, closed after %lld ms\n", replies,
                static_cast<long long>(t.elapsed()));
}

// Unlimited errors are XMail's (SMTP-MaxErrors unset); the extended mode caps them at 20.
TEST(AbuseUnlimitedErrors, TenThousandGarbageLinesAreAnsweredInOrder)
{
    SharedDaemon daemon(
        {}, {QStringLiteral("--xmail-compat"), QStringLiteral("--timeout"), QStringLiteral("10")});
    ASSERT_TRUE(daemon.ok()) << daemon.process().stderrText().toStdString();
    Client c;
    ASSERT_TRUE(c.connectTo(daemon.port()));
    ASSERT_EQ(c.reply().code, 220);
    const qint64 rssBefore = procStatusKb(daemon.pid(), "VmRSS:");
    QElapsedTimer t;
    t.start();
    c.send(garbageLines(10000, 11) + "NOOP\r\n");
    int garbage = 0;
    for (int i = 0; i < 10000; ++i) {
        const Reply r = c.reply(10000);
        if (r.code != 500) {
            ADD_FAILURE() << "reply " << i << ": " << r.text.toStdString();
            break;
        }
        ++garbage;
    }
    EXPECT_EQ(garbage, 10000);
    EXPECT_EQ(c.reply(10000).code, 250); // the NOOP after the flood
    EXPECT_EQ(c.command("QUIT").code, 221);
    const qint64 rssAfter = procStatusKb(daemon.pid(), "VmRSS:");
    std::printf("10,000 garbage lines, no MaxErrors: %d x 500 in %lld ms; daemon RSS %lld -> %lld KB\n",
                garbage, static_cast<long long>(t.elapsed()), static_cast<long long>(rssBefore),
                static_cast<long long>(rssAfter));
}

// A client that pipelines commands and never reads the replies: the daemon must stop
// reading instead of queueing every reply in memory. A raw socket with a small
// receive buffer, because QTcpSocket would read the replies behind our back.
TEST(AbuseUnlimitedErrors, UnreadRepliesDoNotGrowWithoutBound)
{
    SharedDaemon daemon({}, {QStringLiteral("--timeout"), QStringLiteral("10")});
    ASSERT_TRUE(daemon.ok()) << daemon.process().stderrText().toStdString();
    const qint64 rssBefore = procStatusKb(daemon.pid(), "VmRSS:");
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    const int small = 4096;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    const timeval sendTimeout{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, sizeof sendTimeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(daemon.port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    QByteArray chunk;
    for (int i = 0; i < 10000; ++i)
        chunk += "NOOP\r\n";
    qint64 sent = 0;
    QElapsedTimer t;
    t.start();
    // Up to 200 MB of NOOPs (270 MB of replies) or 10 s; never read.
    while (sent < 200LL * 1024 * 1024 && t.elapsed() < 10000) {
        const ssize_t n = ::send(fd, chunk.constData(), size_t(chunk.size()), MSG_NOSIGNAL);
        if (n <= 0)
            break; // the daemon stopped reading (send timed out): that is the point
        sent += n;
    }
    const qint64 peak = procStatusKb(daemon.pid(), "VmHWM:");
    ::close(fd);
    std::printf(
        "unread replies: client wrote %lld KB of NOOPs before the daemon stopped reading; daemon RSS %lld KB "
        "before, peak %lld KB\n",
        static_cast<long long>(sent / 1024), static_cast<long long>(rssBefore), static_cast<long long>(peak));
    EXPECT_LT(sent, 16LL * 1024 * 1024) << "the daemon kept reading commands whose replies nobody reads";
    if (kRssIsMeaningful) {
        EXPECT_LT(peak - rssBefore, 32 * 1024) << "the daemon buffered the replies nobody reads";
    }
    Client after;
    ASSERT_TRUE(after.connectTo(daemon.port()));
    EXPECT_EQ(after.reply().code, 220);
}

// ---- big bodies ----

// 100 MB of body above MaxMessageSize (1 MB): read to the end, answered 552, the
// session goes on, and the daemon's memory stays bounded (it keeps at most the limit).
TEST_F(Abuse, HundredMegabyteBodyAboveMaxMessageSizeKeepsMemoryBounded)
{
    Client c;
    greet(c);
    ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
    ASSERT_EQ(c.command("RCPT TO:<alice@example.test>").code, 250);
    ASSERT_EQ(c.command("DATA").code, 354);
    const qint64 pid = s_daemon->pid();
    const qint64 rssBefore = procStatusKb(pid, "VmRSS:");
    std::atomic<bool> done{false};
    std::atomic<qint64> peakRss{rssBefore};
    std::thread sampler([&] {
        while (!done) {
            const qint64 rss = procStatusKb(pid, "VmRSS:");
            if (rss > peakRss)
                peakRss = rss;
            QThread::msleep(20);
        }
    });
    QByteArray chunk;
    while (chunk.size() < 1024 * 1024)
        chunk += QByteArray(998, 'b') + "\r\n";
    QElapsedTimer t;
    t.start();
    qint64 sent = 0;
    c.send("Subject: huge\r\n\r\n");
    while (sent < 100LL * 1024 * 1024) {
        c.socket()->write(chunk);
        ASSERT_TRUE(c.socket()->waitForBytesWritten(10000) || c.socket()->bytesToWrite() == 0)
            << "stalled at " << sent;
        sent += chunk.size();
    }
    c.send(".\r\n");
    const Reply r = c.reply(30000);
    const qint64 ms = t.elapsed();
    done = true;
    sampler.join();
    // The kernel's high-water mark catches a peak between two samples.
    peakRss = std::max(peakRss.load(), procStatusKb(pid, "VmHWM:"));
    EXPECT_EQ(r.code, 552) << r.text.toStdString();
    EXPECT_EQ(c.command("NOOP").code, 250);
    EXPECT_EQ(c.command("QUIT").code, 221);
    std::printf(
        "100 MB body, MaxMessageSize 1 MB: reply %d after %lld ms; daemon RSS %lld KB before, peak %lld KB "
        "during the transfer (+%lld KB)\n",
        r.code, static_cast<long long>(ms), static_cast<long long>(rssBefore),
        static_cast<long long>(peakRss.load()), static_cast<long long>(peakRss - rssBefore));
    if (kRssIsMeaningful) {
        EXPECT_LT(peakRss - rssBefore, 32 * 1024) << "memory grew with the body";
    }
    EXPECT_TRUE(maildirFiles(s_daemon->root(), QStringLiteral("alice@example.test")).isEmpty());
}

// A body line far longer than any command line, but under the 1 MB body-line cap,
// is taken like any other line (XMail continues long lines).
TEST_F(Abuse, LongBodyLineUnderTheCapIsAccepted)
{
    Client c;
    greet(c);
    ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
    ASSERT_EQ(c.command("RCPT TO:<bob@example.test>").code, 250);
    ASSERT_EQ(c.command("DATA").code, 354);
    c.send("Subject: one long line\r\n\r\n" + QByteArray(600 * 1024, 'L') + "\r\n.\r\n");
    const Reply r = c.reply(10000);
    EXPECT_EQ(r.code, 250) << r.text.toStdString();
    const QStringList files = maildirFiles(s_daemon->root(), QStringLiteral("bob@example.test"));
    ASSERT_EQ(files.size(), 1);
    EXPECT_TRUE(readFile(files.first()).contains(QByteArray(600 * 1024, 'L')));
}

// A body without any newline: cut at the 1 MB body-line cap, memory bounded.
TEST_F(Abuse, EndlessBodyLineIsCutAtTheCap)
{
    Client c;
    greet(c);
    ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
    ASSERT_EQ(c.command("RCPT TO:<alice@example.test>").code, 250);
    ASSERT_EQ(c.command("DATA").code, 354);
    const qint64 rssBefore = procStatusKb(s_daemon->pid(), "VmRSS:");
    QElapsedTimer t;
    t.start();
    const QByteArray chunk(256 * 1024, 'Z');
    bool closed = false;
    for (int i = 0; i < 64 && !closed; ++i) { // up to 16 MB
        c.socket()->write(chunk);
        c.socket()->waitForBytesWritten(1000);
        closed = c.waitClosed(50);
    }
    closed = closed || c.waitClosed(1000);
    EXPECT_TRUE(closed);
    EXPECT_LT(t.elapsed(), 1500) << "the daemon waited for its idle timeout instead of cutting the line";
    if (kRssIsMeaningful) {
        EXPECT_LT(procStatusKb(s_daemon->pid(), "VmHWM:") - rssBefore, 32 * 1024);
    }
}

// ---- NUL bytes ----

TEST_F(Abuse, NulBytesInCommandsNeverSneakPastTheChecks)
{
    struct Case {
        QByteArray line;
        int code;
    };
    const QList<Case> cases{
        {withNul("MAIL FROM:<sender@remote.test", ">"), 500},
        {withNul("RCPT TO:<alice@example.test", "@elsewhere.test>"), 500},
        {withNul("RCPT TO:<friend@elsewhere.test>", ""), 500},
        {withNul("", "RCPT TO:<friend@elsewhere.test>"), 500},
    };
    Client c;
    greet(c);
    ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
    // Each error counts toward MaxErrors (3): two per session.
    for (qsizetype i = 0; i < cases.size(); ++i) {
        if (i == 2) {
            c.close();
            greet(c);
            ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
        }
        const Reply r = c.command(cases.at(i).line);
        EXPECT_EQ(r.code, cases.at(i).code) << i << ": " << r.text.toStdString();
    }
    EXPECT_EQ(c.command("DATA").code, 503) << "a recipient got in through a NUL";
    c.close();
    // A NUL inside AUTH data is just bad base64; inside the body it is kept as it is.
    Client a;
    greet(a);
    ASSERT_EQ(a.command("AUTH LOGIN").code, 334);
    EXPECT_EQ(a.command(withNul("YWxp", "Y2U=")).code, 501);
    ASSERT_EQ(a.command("MAIL FROM:<sender@remote.test>").code, 250);
    ASSERT_EQ(a.command("RCPT TO:<bob@example.test>").code, 250);
    ASSERT_EQ(a.command("DATA").code, 354);
    const int before = int(maildirFiles(s_daemon->root(), QStringLiteral("bob@example.test")).size());
    a.send(withNul("Subject: nul\r\n\r\nbefore", "after\r\n.\r\n"));
    EXPECT_EQ(a.reply().code, 250);
    const QStringList files = maildirFiles(s_daemon->root(), QStringLiteral("bob@example.test"));
    ASSERT_EQ(int(files.size()), before + 1);
    bool found = false;
    for (const QString &f : files)
        found = found || readFile(f).contains(withNul("before", "after\r\n"));
    EXPECT_TRUE(found);
}

// ---- TLS downgrade ----

class TlsDowngrade : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_daemon = new SharedDaemon({"\"SmtpConfig\"\t\"WantTLS\""},
                                    {QStringLiteral("--timeout"), QStringLiteral("10")},
                                    /*tls=*/true);
    }
    static void TearDownTestSuite()
    {
        delete s_daemon;
        s_daemon = nullptr;
    }
    void SetUp() override { ASSERT_TRUE(s_daemon->ok()) << s_daemon->process().stderrText().toStdString(); }
    static std::pair<int, QByteArray> python(const QString &code)
    {
        QString script = code;
        script.replace(QStringLiteral("PORT"), QString::number(s_daemon->port()));
        return runTool(QStringLiteral("python3"), {QStringLiteral("-c"), script}, 60000);
    }
    static inline SharedDaemon *s_daemon = nullptr;
};

TEST_F(TlsDowngrade, AuthAndMailBeforeStartTlsAreRefused)
{
    Client c;
    ASSERT_TRUE(c.connectTo(s_daemon->port()));
    ASSERT_EQ(c.reply().code, 220);
    const Reply ehlo = c.command("EHLO stripped.test");
    ASSERT_EQ(ehlo.code, 250);
    EXPECT_TRUE(ehlo.text.contains("STARTTLS")) << ehlo.text.toStdString();
    // A man in the middle removed STARTTLS: the password must not be checked in clear.
    const Reply auth = c.command(authPlain("alice@example.test", "wonderland"));
    EXPECT_NE(auth.code, 235) << auth.text.toStdString();
    EXPECT_GE(auth.code, 500) << auth.text.toStdString();
    const Reply login = c.command("AUTH LOGIN");
    EXPECT_NE(login.code, 334) << "AUTH LOGIN would take the password in clear: " << login.text.toStdString();
    const Reply mail = c.command("MAIL FROM:<alice@example.test>");
    EXPECT_EQ(mail.code, 503) << mail.text.toStdString();
    EXPECT_TRUE(mail.text.contains("TLS needed")) << mail.text.toStdString();
}

TEST_F(TlsDowngrade, AfterStartTlsAuthAndMailWork)
{
    const auto [rc, output] = python(QStringLiteral(R"(
import smtplib, ssl
ctx = ssl._create_unverified_context()
s = smtplib.SMTP('127.0.0.1', PORT, timeout=30)
s.ehlo('client.test')
s.starttls(context=ctx)
s.ehlo('client.test')
s.login('alice@example.test', 'wonderland')
r = s.sendmail('alice@example.test', ['bob@example.test'], 'Subject: tls\r\n\r\nafter STARTTLS\r\n')
assert r == {}, r
s.quit()
print('OK')
)"));
    EXPECT_EQ(rc, 0) << output.toStdString();
    EXPECT_TRUE(output.contains("OK")) << output.toStdString();
}

// CVE-2011-0411 style: commands pipelined behind STARTTLS in the same packet must
// not be executed inside the TLS session.
TEST_F(TlsDowngrade, CommandsInjectedBehindStartTlsAreDropped)
{
    const auto [rc, output] = python(QStringLiteral(R"(
import socket, ssl
s = socket.create_connection(('127.0.0.1', PORT), timeout=20)
f = s.makefile('rb')
assert f.readline().startswith(b'220')
s.sendall(b'EHLO inject.test\r\n')
while True:
    line = f.readline()
    if line[3:4] == b' ':
        break
s.sendall(b'STARTTLS\r\nHELP\r\n')
line = f.readline()
assert line.startswith(b'220'), line
t = ssl._create_unverified_context().wrap_socket(s, server_hostname='localhost')
t.sendall(b'NOOP\r\n')
first = t.recv(4096)
print('FIRST', first)
assert first.startswith(b'250 '), first
t.sendall(b'QUIT\r\n')
print('OK')
)"));
    EXPECT_EQ(rc, 0) << output.toStdString();
    EXPECT_TRUE(output.contains("OK")) << output.toStdString();
}

} // namespace

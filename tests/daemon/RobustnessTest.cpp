// Garbage, oversize input and session limits against a live daemon: a clear
// reply (or XMail's silent close), no crash, and the limits hold.

#include "DaemonTestSupport.h"

#include <gtest/gtest.h>

#include <QCoreApplication>

#include <thread>

using namespace xmflow::daemontest;

namespace {

class Robustness : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_work = new QTemporaryDir;
        s_root = QDir(s_work->path()).filePath(QStringLiteral("mailroot"));
        ASSERT_TRUE(makeScenarioMailRoot(QString(), s_root));
        ASSERT_TRUE(appendLine(s_root + QStringLiteral("/server.tab"), "\"MaxMessageSize\"\t\"4\"")); // 4 KB
        s_daemon = new DaemonProcess(s_root, s_work->path());
        ASSERT_TRUE(s_daemon->start({QStringLiteral("--timeout"), QStringLiteral("2"),
                                     QStringLiteral("--max-sessions"), QStringLiteral("20")}))
            << s_daemon->stderrText().toStdString();
    }
    static void TearDownTestSuite()
    {
        EXPECT_TRUE(s_daemon->running()) << "the daemon died: " << s_daemon->stderrText().toStdString();
        EXPECT_EQ(s_daemon->stop(), 0);
        delete s_daemon;
        delete s_work;
    }
    static quint16 port() { return s_daemon->port(); }

    static inline QTemporaryDir *s_work = nullptr;
    static inline QString s_root;
    static inline DaemonProcess *s_daemon = nullptr;
};

TEST_F(Robustness, OverlongCommandLineClosesSilentlyLikeXMail)
{
    Client c;
    ASSERT_TRUE(c.connectTo(port()));
    ASSERT_EQ(c.reply().code, 220);
    c.send(QByteArray(5000, 'A') + "\r\n");
    const Reply r = c.reply(5000);
    EXPECT_EQ(r.code, 0) << r.text.toStdString();
    EXPECT_TRUE(c.waitClosed());
}

TEST_F(Robustness, LineJustUnderTheLimitIsAnswered)
{
    Client c;
    ASSERT_TRUE(c.connectTo(port()));
    ASSERT_EQ(c.reply().code, 220);
    const Reply r = c.command("NOOP " + QByteArray(1000, 'x'));
    EXPECT_EQ(r.code, 250);
    EXPECT_EQ(c.command("QUIT").code, 221);
}

TEST_F(Robustness, EndlessLineWithoutNewlineIsCut)
{
    Client c;
    ASSERT_TRUE(c.connectTo(port()));
    ASSERT_EQ(c.reply().code, 220);
    c.send(QByteArray(200000, 'B'));
    EXPECT_TRUE(c.waitClosed(5000));
}

TEST_F(Robustness, NulBytesGetA500AndTheSessionGoesOn)
{
    Client c;
    ASSERT_TRUE(c.connectTo(port()));
    ASSERT_EQ(c.reply().code, 220);
    EXPECT_EQ(c.command(QByteArray("EH\0LO x", 7)).code, 500);
    EXPECT_EQ(c.command("EHLO client.test").code, 250);
    EXPECT_EQ(c.command("QUIT").code, 221);
}

// XMail 1.27 hangs up without a reply; since issue 14 an 8-bit command gets a 5xx and
// the session goes on (8-bit addresses: 553, see ProtocolSecurityTest).
TEST_F(Robustness, EightBitCommandIsRefusedWithA5xx)
{
    Client c;
    ASSERT_TRUE(c.connectTo(port()));
    ASSERT_EQ(c.reply().code, 220);
    c.send("HELO \xff\xfe\r\n");
    EXPECT_EQ(c.reply(3000).code, 501);
    EXPECT_EQ(c.command("HELO client.test").code, 250);
    EXPECT_EQ(c.command("QUIT").code, 221);
}

TEST_F(Robustness, BinaryGarbageFloodDoesNotHurtOthers)
{
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([i] {
            Client c;
            if (!c.connectTo(port()))
                return;
            QByteArray junk;
            quint32 x = 12345u + quint32(i);
            for (int k = 0; k < 300000; ++k) {
                x = x * 1103515245u + 12345u;
                junk.append(char(x >> 24));
            }
            c.send(junk);
            c.waitClosed(3000);
            c.close();
        });
    }
    for (auto &t : threads)
        t.join();
    Client c;
    ASSERT_TRUE(c.connectTo(port()));
    EXPECT_EQ(c.reply().code, 220);
    EXPECT_EQ(c.command("EHLO ok.test").code, 250);
}

TEST_F(Robustness, PipelinedTransactionIsAnsweredInOrder)
{
    Client c;
    ASSERT_TRUE(c.connectTo(port()));
    ASSERT_EQ(c.reply().code, 220);
    c.send(
        "EHLO pipe.test\r\nMAIL FROM:<sender@remote.test>\r\nRCPT TO:<alice@example.test>\r\n"
        "RCPT TO:<nobody@example.test>\r\nDATA\r\nSubject: pipelined\r\n\r\nbody\r\n.\r\nNOOP\r\nQUIT\r\n");
    const QList<int> want{250, 250, 250, 550, 354, 250, 250, 221};
    for (int code : want)
        EXPECT_EQ(c.reply(10000).code, code);
}

TEST_F(Robustness, OversizeMessageGets552AndTheSessionContinues)
{
    Client c;
    ASSERT_TRUE(c.connectTo(port()));
    ASSERT_EQ(c.reply().code, 220);
    ASSERT_EQ(c.command("EHLO big.test").code, 250);
    ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
    ASSERT_EQ(c.command("RCPT TO:<alice@example.test>").code, 250);
    ASSERT_EQ(c.command("DATA").code, 354);
    QByteArray body = "Subject: big\r\n\r\n";
    for (int i = 0; i < 200; ++i)
        body += QByteArray(70, 'z') + "\r\n";
    c.send(body + ".\r\n");
    EXPECT_EQ(c.reply().code, 552);
    EXPECT_EQ(c.command("NOOP").code, 250);
    EXPECT_EQ(c.command("QUIT").code, 221);
}

TEST_F(Robustness, IdleSessionTimesOut)
{
    Client c;
    ASSERT_TRUE(c.connectTo(port()));
    ASSERT_EQ(c.reply().code, 220);
    QElapsedTimer t;
    t.start();
    EXPECT_TRUE(c.waitClosed(8000));
    EXPECT_GE(t.elapsed(), 1500);
}

TEST_F(Robustness, MaxSessionsGivesAClear421)
{
    std::vector<std::unique_ptr<Client>> held;
    for (int i = 0; i < 20; ++i) {
        auto c = std::make_unique<Client>();
        ASSERT_TRUE(c->connectTo(port()));
        ASSERT_EQ(c->reply().code, 220) << i;
        held.push_back(std::move(c));
    }
    Client extra;
    ASSERT_TRUE(extra.connectTo(port()));
    const Reply r = extra.reply();
    EXPECT_EQ(r.code, 421);
    EXPECT_TRUE(r.text.contains("Too many open sessions")) << r.text.toStdString();
    EXPECT_TRUE(extra.waitClosed());
    held.clear(); // frees the slots
    QThread::msleep(300);
    Client again;
    ASSERT_TRUE(again.connectTo(port()));
    EXPECT_EQ(again.reply().code, 220);
}

} // namespace

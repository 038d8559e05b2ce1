// Relay: the spool is forwarded to DefaultSMTPGateways / XMF-NextHop, a sink
// that is down first gets the message after a retry, a permanent failure
// bounces to the sender, and a restart resumes the spool (after a clean stop or kill -9).

#include "DaemonFixture.h"
#include "SharedDaemon.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QTcpServer>

using namespace xmflow::daemontest;

namespace {

// Sends one message through AUTH as relayuser (R permission) or alice.
void sendMail(quint16 port, const QByteArray &user, const QByteArray &password, const QByteArray &from,
              const QList<QByteArray> &to, const QByteArray &subject)
{
    Client c;
    ASSERT_TRUE(c.connectTo(port));
    ASSERT_EQ(c.reply().code, 220);
    ASSERT_EQ(c.command("EHLO relay.client.test").code, 250);
    const QByteArray raw = QByteArray(1, '\0') + user + QByteArray(1, '\0') + password;
    ASSERT_EQ(c.command("AUTH PLAIN " + raw.toBase64()).code, 235);
    ASSERT_EQ(c.command("MAIL FROM:<" + from + ">").code, 250);
    for (const QByteArray &r : to)
        ASSERT_EQ(c.command("RCPT TO:<" + r + ">").code, 250);
    ASSERT_EQ(c.command("DATA").code, 354);
    c.send("Subject: " + subject + "\r\n\r\nline one\r\n..leading dot\r\n.\r\n");
    const Reply r = c.reply();
    ASSERT_EQ(r.code, 250) << r.text.toStdString();
    EXPECT_EQ(c.command("QUIT").code, 221);
}

class Relay : public DaemonFixture
{
protected:
    void setGateway(const QByteArray &variable, quint16 port) { setVariable(variable, "127.0.0.1:" + QByteArray::number(port)); }
    void startDaemon()
    {
        DaemonFixture::startDaemon({QStringLiteral("--events"), QStringLiteral("--relay-retry"), QStringLiteral("1"),
                                    QStringLiteral("--relay-max-retry"), QStringLiteral("2"), QStringLiteral("--relay-timeout"),
                                    QStringLiteral("5")});
    }
};

TEST_F(Relay, ForwardsToTheGateway)
{
    const quint16 sinkPort = freePort();
    SmtpSink sink;
    ASSERT_TRUE(sink.start(sinkPort, m_work.path() + QStringLiteral("/sink")));
    setGateway("DefaultSMTPGateways", sinkPort);
    startDaemon();
    sendMail(m_daemon->port(), "relayuser", "relaypass", "relayuser@remote.test",
             {"friend@elsewhere.test", "alice@example.test"}, "relayed");
    ASSERT_TRUE(sink.waitForMessages(1, 10000)) << m_daemon->stderrText().toStdString();
    const QByteArray got = readFile(sink.messages().first());
    EXPECT_TRUE(got.contains("X-Sink-From: <relayuser@remote.test>")) << got.toStdString();
    EXPECT_TRUE(got.contains("X-Sink-To: <friend@elsewhere.test>")) << got.toStdString(); // alice stays local
    EXPECT_TRUE(got.contains("\r\n..leading dot\r\n") == false && got.contains("\r\n.leading dot\r\n"))
        << got.toStdString();
    EXPECT_TRUE(got.contains("Received: from relay.client.test"));
    EXPECT_EQ(maildirFiles(m_root, QStringLiteral("alice@example.test")).size(), 1);
    EXPECT_TRUE(waitFor([&] { return spoolFiles(m_root).isEmpty(); }, 5000));
}

TEST_F(Relay, SinkDownFirstThenUpGetsItAfterARetry)
{
    const quint16 sinkPort = freePort();
    setGateway("DefaultSMTPGateways", sinkPort);
    startDaemon();
    sendMail(m_daemon->port(), "relayuser", "relaypass", "relayuser@remote.test", {"friend@elsewhere.test"}, "retry");
    // The first attempt fails (connection refused) and the entry records it.
    ASSERT_TRUE(waitFor(
        [&] {
            const QStringList files = spoolFiles(m_root);
            return files.size() == 1 && readFile(files.first()).contains("\"attempts\":1");
        },
        5000))
        << m_daemon->stdoutText().toStdString();
    SmtpSink sink;
    ASSERT_TRUE(sink.start(sinkPort, m_work.path() + QStringLiteral("/sink")));
    ASSERT_TRUE(sink.waitForMessages(1, 15000)) << m_daemon->stdoutText().toStdString();
    EXPECT_TRUE(waitFor([&] { return spoolFiles(m_root).isEmpty(); }, 5000));
    QThread::msleep(2500); // no second copy from a later retry
    EXPECT_EQ(sink.messages().size(), 1);
}

TEST_F(Relay, XmfNextHopWinsOverDefaultGateways)
{
    const quint16 sinkPort = freePort();
    SmtpSink sink;
    ASSERT_TRUE(sink.start(sinkPort, m_work.path() + QStringLiteral("/sink")));
    setGateway("DefaultSMTPGateways", freePort()); // nobody listens there
    setGateway("XMF-NextHop", sinkPort);
    startDaemon();
    sendMail(m_daemon->port(), "relayuser", "relaypass", "relayuser@remote.test", {"friend@elsewhere.test"}, "nexthop");
    EXPECT_TRUE(sink.waitForMessages(1, 10000)) << m_daemon->stdoutText().toStdString();
}

TEST_F(Relay, PermanentFailureBouncesToTheSender)
{
    const quint16 sinkPort = freePort();
    SmtpSink sink;
    ASSERT_TRUE(sink.start(sinkPort, m_work.path() + QStringLiteral("/sink"), QStringLiteral("reject")));
    setGateway("DefaultSMTPGateways", sinkPort);
    startDaemon();
    sendMail(m_daemon->port(), "alice@example.test", "wonderland", "alice@example.test", {"ghost@elsewhere.test"},
             "will bounce");
    ASSERT_TRUE(waitFor([&] { return maildirFiles(m_root, QStringLiteral("alice@example.test")).size() == 1; }, 10000))
        << m_daemon->stdoutText().toStdString();
    const QByteArray bounce = readFile(maildirFiles(m_root, QStringLiteral("alice@example.test")).first());
    EXPECT_TRUE(bounce.contains("Undelivered Mail Returned to Sender")) << bounce.toStdString();
    EXPECT_TRUE(bounce.contains("<ghost@elsewhere.test>: 550 5.1.1 no such user here")) << bounce.toStdString();
    EXPECT_TRUE(bounce.contains("Subject: will bounce")) << bounce.toStdString();
    EXPECT_TRUE(waitFor([&] { return spoolFiles(m_root).isEmpty(); }, 5000));
    EXPECT_TRUE(sink.messages().isEmpty());
}

TEST_F(Relay, RestartResumesTheSpool)
{
    const quint16 sinkPort = freePort();
    setGateway("DefaultSMTPGateways", sinkPort);
    startDaemon();
    sendMail(m_daemon->port(), "relayuser", "relaypass", "relayuser@remote.test", {"friend@elsewhere.test"}, "resume");
    ASSERT_EQ(m_daemon->stop(), 0);
    ASSERT_EQ(spoolFiles(m_root).size(), 1);
    SmtpSink sink;
    ASSERT_TRUE(sink.start(sinkPort, m_work.path() + QStringLiteral("/sink")));
    startDaemon();
    EXPECT_TRUE(m_daemon->stderrText().contains("spool 1 entries")) << m_daemon->stderrText().toStdString();
    ASSERT_TRUE(sink.waitForMessages(1, 15000)) << m_daemon->stdoutText().toStdString();
    EXPECT_TRUE(readFile(sink.messages().first()).contains("Subject: resume"));
    EXPECT_TRUE(waitFor([&] { return spoolFiles(m_root).isEmpty(); }, 5000));
}

// kill -9 while an entry waits for its retry (gateway down): after the restart the
// spool is intact, and delivery resumes once the gateway is up, exactly once.
TEST_F(Relay, KillNineWithAQueuedEntryThenRestartDeliversItOnce)
{
    const quint16 sinkPort = freePort();
    setGateway("DefaultSMTPGateways", sinkPort);
    startDaemon();
    sendMail(m_daemon->port(), "relayuser", "relaypass", "relayuser@remote.test", {"friend@elsewhere.test"}, "killed");
    ASSERT_TRUE(waitFor(
        [&] {
            const QStringList files = spoolFiles(m_root);
            return files.size() == 1 && readFile(files.first()).contains("\"attempts\":1");
        },
        5000));
    const QByteArray entry = readFile(spoolFiles(m_root).first());
    m_daemon->kill();
    ASSERT_EQ(spoolFiles(m_root).size(), 1);
    EXPECT_EQ(readFile(spoolFiles(m_root).first()), entry) << "kill -9 changed the spool entry";
    SmtpSink sink;
    ASSERT_TRUE(sink.start(sinkPort, m_work.path() + QStringLiteral("/sink")));
    startDaemon();
    ASSERT_TRUE(sink.waitForMessages(1, 15000)) << m_daemon->stdoutText().toStdString();
    EXPECT_TRUE(readFile(sink.messages().first()).contains("Subject: killed"));
    EXPECT_TRUE(waitFor([&] { return spoolFiles(m_root).isEmpty(); }, 5000));
    QThread::msleep(2500); // no second copy from a later retry
    EXPECT_EQ(sink.messages().size(), 1);
}

} // namespace

// Relay: the spool is forwarded to DefaultSMTPGateways / XMF-NextHop, a sink
// that is down first gets the message after a retry, a permanent failure
// bounces to the sender, and a restart resumes the spool (after a clean stop or kill -9).

#include "DaemonFixture.h"
#include "SharedDaemon.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

// Sends `count` messages in one session as relayuser to friend@elsewhere.test, with the
// subjects "<prefix> 0", "<prefix> 1", ...
void sendMany(quint16 port, int count, const QByteArray &prefix)
{
    Client c;
    ASSERT_TRUE(c.connectTo(port));
    ASSERT_EQ(c.reply().code, 220);
    ASSERT_EQ(c.command("EHLO relay.client.test").code, 250);
    const QByteArray raw = QByteArray(1, '\0') + "relayuser" + QByteArray(1, '\0') + "relaypass";
    ASSERT_EQ(c.command("AUTH PLAIN " + raw.toBase64()).code, 235);
    for (int i = 0; i < count; ++i) {
        ASSERT_EQ(c.command("MAIL FROM:<relayuser@remote.test>").code, 250);
        ASSERT_EQ(c.command("RCPT TO:<friend@elsewhere.test>").code, 250);
        ASSERT_EQ(c.command("DATA").code, 354);
        c.send("Subject: " + prefix + " " + QByteArray::number(i) + "\r\n\r\nbody\r\n.leading dot\r\n.\r\n");
        const Reply r = c.reply();
        ASSERT_EQ(r.code, 250) << r.text.toStdString();
    }
    EXPECT_EQ(c.command("QUIT").code, 221);
}

// How many of the sink's messages carry each subject "<prefix> i", i < count.
QList<int> copiesPerSubject(const SmtpSink &sink, int count, const QByteArray &prefix)
{
    QList<int> copies(count, 0);
    for (const QString &f : sink.messages()) {
        const QByteArray m = readFile(f);
        for (int i = 0; i < count; ++i)
            if (m.contains(QByteArray("Subject: " + prefix + " " + QByteArray::number(i) + "\r\n")))
                ++copies[i];
    }
    return copies;
}

// Every message "<prefix> i", i < count, reached the sink exactly once.
void expectEachOnce(const SmtpSink &sink, int count, const QByteArray &prefix)
{
    const QList<int> copies = copiesPerSubject(sink, count, prefix);
    for (int i = 0; i < count; ++i)
        EXPECT_EQ(copies[i], 1) << prefix.constData() << " " << i;
}

class Relay : public DaemonFixture
{
protected:
    void setGateway(const QByteArray &variable, quint16 port)
    {
        setVariable(variable, "127.0.0.1:" + QByteArray::number(port));
    }
    // The sink in `mode` as the gateway, and the daemon with one relay connection.
    void startWithOneConnection(SmtpSink &sink, const QString &mode)
    {
        const quint16 sinkPort = freePort();
        ASSERT_TRUE(sink.start(sinkPort, m_work.path() + QStringLiteral("/sink"), mode));
        setGateway("DefaultSMTPGateways", sinkPort);
        startDaemon({QStringLiteral("--relay-connections"), QStringLiteral("1")});
    }
    void startDaemon(const QStringList &extra = {})
    {
        DaemonFixture::startDaemon(QStringList{QStringLiteral("--events"), QStringLiteral("--relay-retry"),
                                               QStringLiteral("1"), QStringLiteral("--relay-max-retry"),
                                               QStringLiteral("2"), QStringLiteral("--relay-timeout"),
                                               QStringLiteral("5")} +
                                   extra);
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
    sendMail(m_daemon->port(), "relayuser", "relaypass", "relayuser@remote.test", {"friend@elsewhere.test"},
             "retry");
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
    sendMail(m_daemon->port(), "relayuser", "relaypass", "relayuser@remote.test", {"friend@elsewhere.test"},
             "nexthop");
    EXPECT_TRUE(sink.waitForMessages(1, 10000)) << m_daemon->stdoutText().toStdString();
}

// Connection reuse: a burst of relayed messages goes over a few connections (at most
// --relay-concurrency, 8), each carrying message after message, with or without PIPELINING.
void fiftyMessagesOverFewConnections(quint16 daemonPort, const SmtpSink &sink)
{
    sendMany(daemonPort, 50, "reuse");
    ASSERT_TRUE(sink.waitForMessages(50, 30000));
    QThread::msleep(1000); // a second copy would show by now
    expectEachOnce(sink, 50, "reuse");
    EXPECT_EQ(sink.messages().size(), 50);
    EXPECT_LE(sink.connections(), 8) << "one connection per message?";
    EXPECT_GE(sink.connections(), 1);
}

TEST_F(Relay, FiftyMessagesShareAFewPipelinedConnections)
{
    const quint16 sinkPort = freePort();
    SmtpSink sink;
    ASSERT_TRUE(
        sink.start(sinkPort, m_work.path() + QStringLiteral("/sink"), QStringLiteral("ok,pipelining")));
    setGateway("DefaultSMTPGateways", sinkPort);
    startDaemon();
    fiftyMessagesOverFewConnections(m_daemon->port(), sink);
    EXPECT_TRUE(waitFor([&] { return spoolFiles(m_root).isEmpty(); }, 5000));
}

TEST_F(Relay, FiftyMessagesShareAFewConnectionsWithoutPipelining)
{
    const quint16 sinkPort = freePort();
    SmtpSink sink;
    ASSERT_TRUE(sink.start(sinkPort, m_work.path() + QStringLiteral("/sink")));
    setGateway("DefaultSMTPGateways", sinkPort);
    startDaemon();
    fiftyMessagesOverFewConnections(m_daemon->port(), sink);
    EXPECT_TRUE(waitFor([&] { return spoolFiles(m_root).isEmpty(); }, 5000));
}

// With PIPELINING a waiting message's MAIL, RCPT and DATA ride behind the previous one's
// final "." (one round trip per message instead of two); every message arrives once.
TEST_F(Relay, TheNextMessageRidesBehindTheEndOfData)
{
    SmtpSink sink;
    ASSERT_NO_FATAL_FAILURE(startWithOneConnection(sink, QStringLiteral("ok,pipelining,slowdot")));
    sendMany(m_daemon->port(), 12, "behind"); // faster than the sink's 0.2 s per message
    ASSERT_TRUE(sink.waitForMessages(12, 30000));
    EXPECT_TRUE(waitFor([&] { return spoolFiles(m_root).isEmpty(); }, 5000));
    expectEachOnce(sink, 12, "behind");
    EXPECT_EQ(sink.messages().size(), 12);
    EXPECT_EQ(sink.connections(), 1);
    EXPECT_GE(sink.files(QStringLiteral("behind-*")).size(), 8) << "the next message waited for the 250";
}

// The gateway drops the connection while a message's "." is unanswered and the next one
// rides behind it: the dropped one is deferred (it may have arrived), the one behind is no
// attempt at all and goes again at once; every message arrives once.
TEST_F(Relay, AMessagePipelinedBehindADroppedOneIsNoAttempt)
{
    SmtpSink sink;
    ASSERT_NO_FATAL_FAILURE(startWithOneConnection(sink, QStringLiteral("drop2,pipelining,slowdot")));
    sendMany(m_daemon->port(), 10, "dropped");
    ASSERT_TRUE(sink.waitForMessages(10, 60000)) << m_daemon->stdoutText().toStdString();
    EXPECT_TRUE(waitFor([&] { return spoolFiles(m_root).isEmpty(); }, 10000));
    QThread::msleep(1500); // no second copy from a later retry
    expectEachOnce(sink, 10, "dropped");
    EXPECT_GE(sink.files(QStringLiteral("behind-*")).size(), 3) << "nothing was pipelined";
    int deferred = 0;
    for (const QJsonObject &e : m_daemon->events())
        if (e.value(QStringLiteral("type")).toString() == QLatin1String("relay") &&
            !e.value(QStringLiteral("deferred")).toArray().isEmpty())
            ++deferred;
    // One per dropped connection (the last one is not dropped: no third message).
    EXPECT_GE(deferred, 1);
    EXPECT_LE(deferred, sink.connections() - 1) << "a message behind a dropped one counted as an attempt";
}

// Without PIPELINING nothing is sent before the 250 of the final ".".
TEST_F(Relay, WithoutPipeliningTheNextMessageWaitsForTheReply)
{
    SmtpSink sink;
    ASSERT_NO_FATAL_FAILURE(startWithOneConnection(sink, QStringLiteral("ok,slowdot")));
    sendMany(m_daemon->port(), 6, "waits");
    ASSERT_TRUE(sink.waitForMessages(6, 30000));
    EXPECT_TRUE(sink.files(QStringLiteral("behind-*")).isEmpty());
}

// A connection says QUIT after 100 messages and the next one takes over.
TEST_F(Relay, ConnectionIsRenewedAfterAHundredMessages)
{
    const quint16 sinkPort = freePort();
    SmtpSink sink;
    ASSERT_TRUE(
        sink.start(sinkPort, m_work.path() + QStringLiteral("/sink"), QStringLiteral("ok,pipelining")));
    setGateway("DefaultSMTPGateways", sinkPort);
    startDaemon({QStringLiteral("--relay-connections"), QStringLiteral("1")});
    sendMany(m_daemon->port(), 120, "renewed");
    ASSERT_TRUE(sink.waitForMessages(120, 60000));
    EXPECT_TRUE(waitFor([&] { return spoolFiles(m_root).isEmpty(); }, 5000));
    QThread::msleep(1000);
    expectEachOnce(sink, 120, "renewed");
    EXPECT_GE(sink.connections(), 2); // 100 at most on the first
    EXPECT_LE(sink.connections(), 10);
}

// The gateway drops every connection while its third message's DATA is unanswered: that
// message stays in the spool and goes again later; in the end every message arrives once.
TEST_F(Relay, GatewayDroppingTheConnectionMidMessageGetsEveryMessageOnce)
{
    const quint16 sinkPort = freePort();
    SmtpSink sink;
    ASSERT_TRUE(
        sink.start(sinkPort, m_work.path() + QStringLiteral("/sink"), QStringLiteral("drop2,pipelining")));
    setGateway("DefaultSMTPGateways", sinkPort);
    startDaemon(
        {QStringLiteral("--relay-connections"), QStringLiteral("1")}); // every connection meets a third
    sendMany(m_daemon->port(), 10, "dropped");
    ASSERT_TRUE(sink.waitForMessages(10, 60000)) << m_daemon->stdoutText().toStdString();
    EXPECT_TRUE(waitFor([&] { return spoolFiles(m_root).isEmpty(); }, 10000));
    QThread::msleep(2500); // no second copy from a later retry
    expectEachOnce(sink, 10, "dropped");
    EXPECT_EQ(sink.messages().size(), 10);
    EXPECT_GE(sink.connections(), 5); // two messages per connection at most
    // The dropped messages were deferred, not lost and not bounced.
    EXPECT_TRUE(m_daemon->stdoutText().contains("connection lost")) << m_daemon->stdoutText().toStdString();
    EXPECT_TRUE(maildirFiles(m_root, QStringLiteral("relayuser@remote.test")).isEmpty());
}

// The gateway closes each connection after its second message: the next message finds
// the idle connection gone and goes out at once on a new one, without waiting for a retry.
TEST_F(Relay, GatewayClosingAnIdleConnectionCostsNoRetry)
{
    const quint16 sinkPort = freePort();
    SmtpSink sink;
    ASSERT_TRUE(sink.start(sinkPort, m_work.path() + QStringLiteral("/sink"), QStringLiteral("close2")));
    setGateway("DefaultSMTPGateways", sinkPort);
    startDaemon({QStringLiteral("--relay-connections"), QStringLiteral("1")});
    sendMany(m_daemon->port(), 10, "closed");
    ASSERT_TRUE(sink.waitForMessages(10, 20000)) << m_daemon->stdoutText().toStdString();
    EXPECT_TRUE(waitFor([&] { return spoolFiles(m_root).isEmpty(); }, 5000));
    QThread::msleep(1500);
    expectEachOnce(sink, 10, "closed");
    int relayed = 0;
    for (const QJsonObject &e : m_daemon->events()) {
        if (e.value(QStringLiteral("type")).toString() != QLatin1String("relay"))
            continue;
        ++relayed;
        EXPECT_TRUE(e.value(QStringLiteral("deferred")).toArray().isEmpty())
            << QJsonDocument(e).toJson().constData();
    }
    EXPECT_EQ(relayed, 10); // one attempt per message
    EXPECT_GE(sink.connections(), 5);
}

// A hostile or broken next hop: a reply that never ends, or a line without end. The relay
// gives the connection up at once (bounded memory), the message waits in the spool.
TEST_F(Relay, AReplyWithoutEndIsGivenUpAndTheMessageWaits)
{
    int messages = 0;
    const quint16 sinkPort = freePort();
    setGateway("DefaultSMTPGateways", sinkPort); // the same port, a new sink for each mode
    for (const char *mode : {"endless", "noeol"}) {
        SCOPED_TRACE(mode);
        SmtpSink sink;
        ASSERT_TRUE(sink.start(sinkPort, m_work.path() + QStringLiteral("/sink-") + QLatin1String(mode),
                               QLatin1String(mode)));
        startDaemon();
        const qint64 rssBefore = procStatusKb(m_daemon->pid(), "VmRSS");
        sendMail(m_daemon->port(), "alice@example.test", "wonderland", "alice@example.test",
                 {"friend@elsewhere.test"}, "hostile next hop");
        ASSERT_TRUE(waitFor([&] { return m_daemon->stdoutText().contains("without end talking to"); }, 10000))
            << m_daemon->stdoutText().toStdString();
        EXPECT_EQ(spoolFiles(m_root).size(), ++messages); // deferred, not lost, not bounced
        EXPECT_TRUE(maildirFiles(m_root, QStringLiteral("alice@example.test")).isEmpty());
        if (kRssIsMeaningful) {
            const qint64 peak = procStatusKb(m_daemon->pid(), "VmHWM");
            EXPECT_LT(peak - rssBefore, 4 * 1024) << "kB: the reply was buffered";
        }
        ASSERT_EQ(m_daemon->stop(), 0);
    }
}

TEST_F(Relay, PermanentFailureBouncesToTheSender)
{
    const quint16 sinkPort = freePort();
    SmtpSink sink;
    ASSERT_TRUE(sink.start(sinkPort, m_work.path() + QStringLiteral("/sink"), QStringLiteral("reject")));
    setGateway("DefaultSMTPGateways", sinkPort);
    startDaemon();
    sendMail(m_daemon->port(), "alice@example.test", "wonderland", "alice@example.test",
             {"ghost@elsewhere.test"}, "will bounce");
    ASSERT_TRUE(waitFor(
        [&] { return maildirFiles(m_root, QStringLiteral("alice@example.test")).size() == 1; }, 10000))
        << m_daemon->stdoutText().toStdString();
    const QByteArray bounce = readFile(maildirFiles(m_root, QStringLiteral("alice@example.test")).first());
    EXPECT_TRUE(bounce.contains("Undelivered Mail Returned to Sender")) << bounce.toStdString();
    EXPECT_TRUE(bounce.contains("<ghost@elsewhere.test>: 550 5.1.1 no such user here"))
        << bounce.toStdString();
    EXPECT_TRUE(bounce.contains("Subject: will bounce")) << bounce.toStdString();
    EXPECT_TRUE(waitFor([&] { return spoolFiles(m_root).isEmpty(); }, 5000));
    EXPECT_TRUE(sink.messages().isEmpty());
}

TEST_F(Relay, RestartResumesTheSpool)
{
    const quint16 sinkPort = freePort();
    setGateway("DefaultSMTPGateways", sinkPort);
    startDaemon();
    sendMail(m_daemon->port(), "relayuser", "relaypass", "relayuser@remote.test", {"friend@elsewhere.test"},
             "resume");
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
    sendMail(m_daemon->port(), "relayuser", "relaypass", "relayuser@remote.test", {"friend@elsewhere.test"},
             "killed");
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

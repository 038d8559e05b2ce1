// Messages stream to disk (issue 16): DATA goes to the Maildir or spool file as it
// arrives, the daemon keeps a bounded buffer. A 100 MB message without MaxMessageSize
// barely moves the daemon's peak RSS and is stored byte for byte; a refused message
// (bare LF, too big) leaves no partial file.

#include "DaemonFixture.h"
#include "SharedDaemon.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDirIterator>

#include <cstdio>

using namespace xmflow::daemontest;

namespace {

// Every file under the Maildirs (tmp/ and new/) and the spool (queue and tmp), and any
// spool file kept for reuse (free/) that is not empty.
QStringList messageFiles(const QString &root)
{
    QStringList files;
    for (const char *top : {"/domains", "/spool/xmflow"}) {
        QDirIterator it(root + QLatin1String(top), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString f = it.next();
            if (f.contains(QLatin1String("/spool/xmflow/free/")) && it.fileInfo().size() == 0)
                continue;
            if (f.contains(QLatin1String("/Maildir/")) || f.contains(QLatin1String("/spool/xmflow/")))
                files << f;
        }
    }
    files.sort();
    return files;
}

// Line `i` of a generated body: varied text, every 97th line starts with a dot.
QByteArray bodyLine(qint64 i)
{
    QByteArray line = (i % 97 == 0 ? QByteArray(".") : QByteArray()) + "line " + QByteArray::number(i) + ' ';
    const char c = char('a' + i % 26);
    line += QByteArray(int(40 + i % 37), c);
    return line;
}

class Streaming : public DaemonFixture
{
protected:
    // Sends a message of about `bytes` body bytes to `rcpt`; the SHA-256 of the body as
    // it must be stored (unstuffed) goes to *hash. `breakAt` >= 0 puts a bare LF there.
    Reply sendGenerated(Client &c, const QByteArray &rcpt, qint64 bytes, QByteArray *hash,
                        qint64 bareLfLine = -1)
    {
        EXPECT_EQ(c.reply().code, 220);
        EXPECT_EQ(c.command("EHLO stream.test").code, 250);
        EXPECT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
        EXPECT_EQ(c.command("RCPT TO:<" + rcpt + ">").code, 250);
        EXPECT_EQ(c.command("DATA").code, 354);
        QCryptographicHash sha(QCryptographicHash::Sha256);
        QByteArray chunk = "Subject: streamed\r\n\r\n";
        sha.addData(chunk);
        qint64 sent = 0;
        for (qint64 i = 0; sent < bytes; ++i) {
            const QByteArray line = bodyLine(i);
            sha.addData(line);
            sha.addData("\r\n");
            // Dot-stuffed on the wire (RFC 5321 4.5.2), stored unstuffed.
            chunk += (line.startsWith('.') ? "." + line : line) + (i == bareLfLine ? "\n" : "\r\n");
            sent += line.size() + 2;
            if (chunk.size() >= 1 << 20) {
                c.socket()->write(chunk);
                while (c.socket()->bytesToWrite() > 0)
                    if (!c.socket()->waitForBytesWritten(30000))
                        break;
                chunk.clear();
            }
        }
        chunk += ".\r\n";
        c.send(chunk);
        *hash = sha.result().toHex();
        return c.reply(120000);
    }
};

TEST_F(Streaming, HundredMegabytesWithoutMaxMessageSizeKeepRssFlatAndStoreEveryByte)
{
    startDaemon();
    const qint64 pid = m_daemon->pid();
    { // warm up: the Maildir exists, the delivery threads have started
        Client c;
        ASSERT_TRUE(c.connectTo(m_daemon->port(), QStringLiteral("127.0.0.7")));
        QByteArray hash;
        ASSERT_EQ(sendGenerated(c, "alice@example.test", 4 << 20, &hash).code, 250);
        c.command("QUIT");
    }
    const qint64 before = procStatusKb(pid, "VmHWM:");
    Client c;
    ASSERT_TRUE(c.connectTo(m_daemon->port(), QStringLiteral("127.0.0.7")));
    QByteArray hash;
    const Reply end = sendGenerated(c, "bob@example.test", 100LL << 20, &hash);
    ASSERT_EQ(end.code, 250) << end.text.constData();
    c.command("QUIT");
    const qint64 after = procStatusKb(pid, "VmHWM:");
    std::printf("100 MB message: daemon peak RSS %lld KB before, %lld KB after (+%lld KB)\n",
                static_cast<long long>(before), static_cast<long long>(after),
                static_cast<long long>(after - before));
    if (kRssIsMeaningful) {
        EXPECT_LT(after - before, 8 * 1024) << "the daemon held the message in memory";
    }

    const QStringList files = maildirFiles(m_root, QStringLiteral("bob@example.test"));
    ASSERT_EQ(files.size(), 1);
    const QByteArray stored = readFile(files.first());
    // Return-Path (local delivery), then the Received header naming the client and the queue id.
    const qsizetype firstEnd = stored.indexOf("\r\n");
    const qsizetype secondEnd = stored.indexOf("\r\n", firstEnd + 2);
    EXPECT_EQ(stored.left(firstEnd), QByteArray("Return-Path: <sender@remote.test>"));
    const QByteArray received = stored.mid(firstEnd + 2, secondEnd - firstEnd - 2);
    EXPECT_TRUE(
        received.startsWith("Received: from stream.test ([127.0.0.7]) by example.test with ESMTP id "))
        << received.constData();
    const QByteArray id =
        end.text.mid(end.text.indexOf('<') + 1, end.text.indexOf('>') - end.text.indexOf('<') - 1);
    EXPECT_TRUE(received.contains(QByteArray(" id " + id + ";")))
        << received.constData() << " / " << end.text.constData();
    EXPECT_EQ(QCryptographicHash::hash(stored.mid(secondEnd + 2), QCryptographicHash::Sha256).toHex(), hash);
    EXPECT_TRUE(files.first().endsWith(QStringLiteral(",S=") + QString::number(stored.size())));
}

TEST_F(Streaming, BareLfInABigMessageRefusesItAndLeavesNoPartialFile)
{
    startDaemon();
    const QStringList before = messageFiles(m_root);
    Client c;
    ASSERT_TRUE(c.connectTo(m_daemon->port()));
    QByteArray hash;
    // Several chunks are on disk before the bare LF arrives.
    const Reply end = sendGenerated(c, "alice@example.test", 6 << 20, &hash, 50000);
    EXPECT_EQ(end.code, 550) << end.text.constData();
    EXPECT_TRUE(end.text.contains("bare <LF>"));
    EXPECT_TRUE(waitFor([&] { return messageFiles(m_root) == before; }, 5000))
        << messageFiles(m_root).join(QLatin1Char('\n')).toStdString();
    // The session goes on: the next message is taken.
    EXPECT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
}

// The same in front mode, where the message streams into a spool file: nothing of it stays
// in tmp/, and no free (reusable) spool file keeps its bytes.
TEST_F(Streaming, BareLfInTheFrontLeavesNoBytesInTheSpool)
{
    setVariable("XMF-LocalDelivery", "nexthop");
    setVariable("XMF-NextHop", "127.0.0.1:" + QByteArray::number(freePort())); // down: nothing leaves
    startDaemon({QStringLiteral("--relay-retry"), QStringLiteral("3600")});
    const QStringList before = messageFiles(m_root);
    Client c;
    ASSERT_TRUE(c.connectTo(m_daemon->port()));
    QByteArray hash;
    const Reply end = sendGenerated(c, "alice@example.test", 1 << 20, &hash, 5000);
    EXPECT_EQ(end.code, 550) << end.text.constData();
    EXPECT_TRUE(waitFor([&] { return messageFiles(m_root) == before; }, 5000))
        << messageFiles(m_root).join(QLatin1Char('\n')).toStdString();
    // A good message after it is spooled (and waits there for the next hop).
    EXPECT_EQ(c.command("RSET").code, 250);
    EXPECT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
    EXPECT_EQ(c.command("RCPT TO:<alice@example.test>").code, 250);
    EXPECT_EQ(c.command("DATA").code, 354);
    c.send("Subject: after\r\n\r\nfine\r\n.\r\n");
    EXPECT_EQ(c.reply().code, 250);
    EXPECT_EQ(spoolFiles(m_root).size(), 1);
}

TEST_F(Streaming, MessageOverMaxMessageSizeGets552AndLeavesNothing)
{
    setVariable("MaxMessageSize", "1024"); // KB
    startDaemon();
    const QStringList before = messageFiles(m_root);
    Client c;
    ASSERT_TRUE(c.connectTo(m_daemon->port()));
    QByteArray hash;
    const Reply end = sendGenerated(c, "alice@example.test", 3 << 20, &hash);
    EXPECT_EQ(end.code, 552) << end.text.constData();
    EXPECT_TRUE(waitFor([&] { return messageFiles(m_root) == before; }, 5000))
        << messageFiles(m_root).join(QLatin1Char('\n')).toStdString();
}

TEST_F(Streaming, ClientGoneInsideDataLeavesNoPartialFile)
{
    startDaemon();
    const QStringList before = messageFiles(m_root);
    Client c;
    ASSERT_TRUE(c.connectTo(m_daemon->port()));
    ASSERT_EQ(c.reply().code, 220);
    ASSERT_EQ(c.command("EHLO stream.test").code, 250);
    ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
    ASSERT_EQ(c.command("RCPT TO:<alice@example.test>").code, 250);
    ASSERT_EQ(c.command("DATA").code, 354);
    QByteArray chunk;
    for (int i = 0; i < 40000; ++i)
        chunk += bodyLine(i) + "\r\n";
    c.send(chunk);
    QThread::msleep(300); // some of it is written to a tmp/ file by now
    c.close();
    EXPECT_TRUE(waitFor([&] { return messageFiles(m_root) == before; }, 5000))
        << messageFiles(m_root).join(QLatin1Char('\n')).toStdString();
}

// A local and a relayed recipient: one spool entry and one Maildir copy, the same bytes
// after their own first lines (the Maildir copy starts with Return-Path, the spool entry
// does not).
TEST_F(Streaming, LocalAndRelayedRecipientsGetTheSameStreamedMessage)
{
    startDaemon({QStringLiteral("--relay-retry"), QStringLiteral("3600")});
    Client c;
    ASSERT_TRUE(c.connectTo(m_daemon->port()));
    ASSERT_EQ(c.reply().code, 220);
    ASSERT_EQ(c.command("EHLO stream.test").code, 250);
    ASSERT_EQ(
        c.command(
             "AUTH PLAIN " +
             QByteArray(QByteArray(1, '\0') + "relayuser" + QByteArray(1, '\0') + "relaypass").toBase64())
            .code,
        235);
    ASSERT_EQ(c.command("MAIL FROM:<relayuser@example.test>").code, 250);
    ASSERT_EQ(c.command("RCPT TO:<alice@example.test>").code, 250);
    ASSERT_EQ(c.command("RCPT TO:<friend@elsewhere.test>").code, 250);
    ASSERT_EQ(c.command("DATA").code, 354);
    QByteArray body = "Subject: both\r\n\r\n";
    for (int i = 0; i < 5000; ++i)
        body += bodyLine(i) + "\r\n";
    c.send(body + ".\r\n");
    ASSERT_EQ(c.reply(30000).code, 250);
    const QStringList local = maildirFiles(m_root, QStringLiteral("alice@example.test"));
    ASSERT_EQ(local.size(), 1);
    const QStringList spool = spoolFiles(m_root);
    ASSERT_EQ(spool.size(), 1);
    const QByteArray inMaildir = readFile(local.first());
    const QByteArray inSpool = readFile(spool.first());
    ASSERT_TRUE(inMaildir.startsWith("Return-Path: <relayuser@example.test>\r\nReceived: "));
    const QByteArray message = inMaildir.mid(inMaildir.indexOf("\r\n") + 2);
    EXPECT_TRUE(inSpool.endsWith(message));
    EXPECT_TRUE(
        message.startsWith("Received: from stream.test ([127.0.0.1]) by example.test with ESMTPA id "));
}

// Front mode (XMF-LocalDelivery=nexthop): the spool entry streams to the next hop in
// bounded chunks, dot-stuffed on the way; the daemon's peak RSS stays where it was and
// the next hop gets every byte.
TEST_F(Streaming, HundredMegabytesThroughTheFrontStreamFromTheSpoolToTheNextHop)
{
    const quint16 sinkPort = freePort();
    SmtpSink sink;
    ASSERT_TRUE(
        sink.start(sinkPort, m_work.path() + QStringLiteral("/sink"), QStringLiteral("ok,pipelining")));
    setVariable("XMF-LocalDelivery", "nexthop");
    setVariable("XMF-NextHop", "127.0.0.1:" + QByteArray::number(sinkPort));
    startDaemon({QStringLiteral("--relay-retry"), QStringLiteral("3600")});
    const qint64 pid = m_daemon->pid();
    { // warm up: the spool, the delivery threads and a relay connection have been used
        Client c;
        ASSERT_TRUE(c.connectTo(m_daemon->port(), QStringLiteral("127.0.0.7")));
        QByteArray hash;
        ASSERT_EQ(sendGenerated(c, "alice@example.test", 4 << 20, &hash).code, 250);
        c.command("QUIT");
        ASSERT_TRUE(sink.waitForMessages(1, 30000));
    }
    const qint64 before = procStatusKb(pid, "VmHWM:");
    Client c;
    ASSERT_TRUE(c.connectTo(m_daemon->port(), QStringLiteral("127.0.0.7")));
    QByteArray hash;
    const Reply end = sendGenerated(c, "bob@example.test", 100LL << 20, &hash);
    ASSERT_EQ(end.code, 250) << end.text.constData();
    c.command("QUIT");
    ASSERT_TRUE(sink.waitForMessages(2, 120000)) << m_daemon->stderrText().toStdString();
    ASSERT_TRUE(waitFor([&] { return spoolFiles(m_root).isEmpty(); }, 10000));
    const qint64 after = procStatusKb(pid, "VmHWM:");
    std::printf("100 MB message relayed: daemon peak RSS %lld KB before, %lld KB after (+%lld KB)\n",
                static_cast<long long>(before), static_cast<long long>(after),
                static_cast<long long>(after - before));
    if (kRssIsMeaningful) {
        EXPECT_LT(after - before, 8 * 1024) << "the daemon held the message in memory";
    }

    QByteArray relayed;
    for (const QString &f : sink.messages()) {
        const QByteArray m = readFile(f);
        if (m.contains("X-Sink-To: <bob@example.test>"))
            relayed = m;
    }
    ASSERT_FALSE(relayed.isEmpty());
    // The front's Received header, then the message as the client sent it (unstuffed again).
    const qsizetype subject = relayed.indexOf("Subject: streamed\r\n");
    ASSERT_GT(subject, 0);
    EXPECT_TRUE(relayed.left(subject).contains("Received: from stream.test ([127.0.0.7]) by example.test"));
    EXPECT_EQ(QCryptographicHash::hash(relayed.mid(subject), QCryptographicHash::Sha256).toHex(), hash);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

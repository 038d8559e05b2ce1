// xmflowd as the port-25 front of another SMTP server (issue 16): XMF-LocalDelivery=nexthop
// relays every accepted message to XMF-NextHop, here a second `xmflowd serve` in maildir
// mode on another loopback port standing in for the XMail behind the front. Also the
// implicit-TLS submission port (RFC 8314) and `xmflowd check` on a front set-up.

#include "DaemonTestSupport.h"

#include <gtest/gtest.h>

#include <QCoreApplication>

using namespace xmflow::daemontest;

namespace {

class FrontMode : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_work.isValid());
        m_frontRoot = QDir(m_work.path()).filePath(QStringLiteral("front"));
        m_hopRoot = QDir(m_work.path()).filePath(QStringLiteral("nexthop"));
        ASSERT_TRUE(makeScenarioMailRoot(QString(), m_frontRoot));
        ASSERT_TRUE(makeScenarioMailRoot(QString(), m_hopRoot));
        ASSERT_TRUE(makeSelfSignedCert(m_hopRoot)); // the next hop offers STARTTLS
        m_hopPort = freePort();
        ASSERT_NE(m_hopPort, 0);
        setVariable(m_frontRoot, "XMF-LocalDelivery", "nexthop");
        setVariable(m_frontRoot, "XMF-NextHop", "127.0.0.1:" + QByteArray::number(m_hopPort));
    }
    void TearDown() override
    {
        for (DaemonProcess *d : {m_front.get(), m_hop.get()})
            if (d && d->running())
                EXPECT_EQ(d->stop(), 0) << d->stderrText().toStdString();
    }
    static void setVariable(const QString &root, const QByteArray &name, const QByteArray &value)
    {
        ASSERT_TRUE(appendLine(QDir(root).filePath(QStringLiteral("server.tab")),
                               "\"" + name + "\"\t\"" + value + "\""));
    }
    void startFront(const QStringList &extra = {})
    {
        m_front = std::make_unique<DaemonProcess>(m_frontRoot, m_work.path());
        ASSERT_TRUE(m_front->start(QStringList{QStringLiteral("--events"), QStringLiteral("--relay-retry"),
                                               QStringLiteral("1"), QStringLiteral("--relay-max-retry"),
                                               QStringLiteral("1")} +
                                   extra))
            << m_front->stderrText().toStdString();
    }
    void startHop()
    {
        if (!m_hop)
            m_hop = std::make_unique<DaemonProcess>(m_hopRoot, m_work.path());
        ASSERT_TRUE(m_hop->start({QStringLiteral("--events")}, QStringLiteral("127.0.0.1:%1").arg(m_hopPort)))
            << m_hop->stderrText().toStdString();
    }
    // One message through the front from `from`; returns the 250's queue id ("" on failure).
    QByteArray send(const QByteArray &subject, const QString &from = QStringLiteral("127.0.0.5"))
    {
        Client c;
        if (!c.connectTo(m_front->port(), from) || c.reply().code != 220 ||
            c.command("EHLO client.test").code != 250 ||
            c.command("MAIL FROM:<sender@remote.test>").code != 250 ||
            c.command("RCPT TO:<alice@example.test>").code != 250 || c.command("DATA").code != 354)
            return QByteArray();
        c.send("Subject: " + subject + "\r\n\r\nthrough the front\r\n.\r\n");
        const Reply r = c.reply(30000);
        c.command("QUIT");
        if (r.code != 250)
            return QByteArray();
        return r.text.mid(r.text.indexOf('<') + 1, r.text.indexOf('>') - r.text.indexOf('<') - 1);
    }
    QStringList atHop(const QByteArray &subject) const
    {
        QStringList found;
        for (const QString &f : maildirFiles(m_hopRoot, QStringLiteral("alice@example.test")))
            if (readFile(f).contains(QByteArray("Subject: " + subject + "\r\n")))
                found << f;
        return found;
    }

    QTemporaryDir m_work;
    QString m_frontRoot;
    QString m_hopRoot;
    quint16 m_hopPort = 0;
    std::unique_ptr<DaemonProcess> m_front;
    std::unique_ptr<DaemonProcess> m_hop;
};

TEST_F(FrontMode, AcceptedMessageArrivesAtTheNextHopOnceOverStartTlsNamingTheClient)
{
    startHop();
    startFront();
    { // the front checks recipients itself: a bot gets its 550 here, not a bounce later
        Client c;
        ASSERT_TRUE(c.connectTo(m_front->port(), QStringLiteral("127.0.0.5")));
        ASSERT_EQ(c.reply().code, 220);
        ASSERT_EQ(c.command("EHLO client.test").code, 250);
        ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
        EXPECT_EQ(c.command("RCPT TO:<nobody@example.test>").code / 100, 5);
        EXPECT_EQ(c.command("RCPT TO:<friend@elsewhere.test>").code, 550); // no relay for strangers
    }
    const QByteArray id = send("front one");
    ASSERT_FALSE(id.isEmpty()) << m_front->stderrText().toStdString();
    ASSERT_TRUE(waitFor([&] { return !atHop("front one").isEmpty(); }, 15000))
        << m_front->stdoutText().toStdString();
    EXPECT_TRUE(waitFor([&] { return spoolFiles(m_frontRoot).isEmpty(); }, 5000));
    QThread::msleep(2500); // a second delivery would have happened by now
    const QStringList files = atHop("front one");
    ASSERT_EQ(files.size(), 1);
    const QByteArray message = readFile(files.first());
    // The next hop's own trace header first (the front came over STARTTLS: ESMTPS), then
    // the front's, naming the real client and the queue id of the front's 250.
    EXPECT_TRUE(message.contains("Received: from example.test ([127.0.0.1]) by example.test with ESMTPS"))
        << message.constData();
    EXPECT_TRUE(message.contains(
        QByteArray("Received: from client.test ([127.0.0.5]) by example.test with ESMTP id " + id + ";")))
        << message.constData();
    EXPECT_LT(message.indexOf("[127.0.0.1]"), message.indexOf("[127.0.0.5]"));
    // Nothing was delivered locally at the front.
    EXPECT_TRUE(maildirFiles(m_frontRoot).isEmpty());
}

TEST_F(FrontMode, NextHopDownThenUpDeliversEveryMessageOnce)
{
    startFront(); // the next hop's port has nobody listening yet
    for (int i = 1; i <= 3; ++i)
        ASSERT_FALSE(send("waiting " + QByteArray::number(i)).isEmpty());
    EXPECT_EQ(spoolFiles(m_frontRoot).size(), 3);
    QThread::msleep(2500); // retries fail meanwhile; the messages stay
    EXPECT_EQ(spoolFiles(m_frontRoot).size(), 3);
    startHop();
    EXPECT_TRUE(waitFor([&] { return spoolFiles(m_frontRoot).isEmpty(); }, 20000))
        << m_front->stdoutText().toStdString();
    QThread::msleep(2500);
    for (int i = 1; i <= 3; ++i)
        EXPECT_EQ(atHop("waiting " + QByteArray::number(i)).size(), 1) << i;
    EXPECT_EQ(maildirFiles(m_hopRoot, QStringLiteral("alice@example.test")).size(), 3);
}

TEST_F(FrontMode, NextHopAuthLogsInWhereTheNextHopDemandsIt)
{
    // The next hop takes MAIL FROM on this port only after AUTH.
    setVariable(m_hopRoot, "SmtpConfig-127.0.0.1," + QByteArray::number(m_hopPort), "MailAuth");
    setVariable(m_frontRoot, "XMF-NextHopAuth", "alice@example.test:wonderland");
    startHop();
    startFront();
    const QByteArray id = send("with auth");
    ASSERT_FALSE(id.isEmpty());
    ASSERT_TRUE(waitFor([&] { return !atHop("with auth").isEmpty(); }, 15000))
        << m_front->stdoutText().toStdString();
    const QByteArray message = readFile(atHop("with auth").first());
    EXPECT_TRUE(message.contains("by example.test with ESMTPSA")) << message.constData();
}

TEST_F(FrontMode, WrongNextHopPasswordKeepsTheMessageInTheSpool)
{
    setVariable(m_hopRoot, "SmtpConfig-127.0.0.1," + QByteArray::number(m_hopPort), "MailAuth");
    setVariable(m_frontRoot, "XMF-NextHopAuth", "alice@example.test:not-her-password");
    startHop();
    startFront();
    ASSERT_FALSE(send("bad auth").isEmpty());
    ASSERT_TRUE(
        waitFor([&] { return m_front->stdoutText().contains("AUTH refused by the next hop"); }, 15000))
        << m_front->stdoutText().toStdString();
    EXPECT_EQ(spoolFiles(m_frontRoot).size(), 1); // waits for the admin to fix it: no bounce
    EXPECT_TRUE(atHop("bad auth").isEmpty());
    EXPECT_FALSE(m_front->stdoutText().contains("\"bounce\""));
}

// RFC 8314: --listen ADDR:PORT,tls is TLS from the first byte; Python's SMTP_SSL logs in and sends.
TEST_F(FrontMode, ImplicitTlsSubmissionPortTakesSmtpSslLoginAndSend)
{
    const QString root = QDir(m_work.path()).filePath(QStringLiteral("submission"));
    ASSERT_TRUE(makeScenarioMailRoot(QString(), root)); // maildir mode
    ASSERT_TRUE(makeSelfSignedCert(root));
    const quint16 tlsPort = freePort();
    // WantTLS on the implicit-TLS port: met by the connection itself.
    setVariable(root, "SmtpConfig-127.0.0.1," + QByteArray::number(tlsPort), "MailAuth,WantTLS");
    DaemonProcess daemon(root, m_work.path());
    ASSERT_TRUE(daemon.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1,tls").arg(tlsPort)}))
        << daemon.stderrText().toStdString();
    const QString script = QStringLiteral(R"(
import smtplib, ssl
s = smtplib.SMTP_SSL('127.0.0.1', %1, context=ssl._create_unverified_context(), timeout=30)
code, text = s.ehlo('submit.test')
assert code == 250, (code, text)
assert b'STARTTLS' not in text, text
s.login('alice@example.test', 'wonderland')
r = s.sendmail('alice@example.test', ['bob@example.test'], 'Subject: over 465\r\n\r\nimplicit TLS\r\n')
assert r == {}, r
s.quit()
print('OK')
)")
                               .arg(tlsPort);
    const auto [rc, output] = runTool(QStringLiteral("python3"), {QStringLiteral("-c"), script}, 60000);
    EXPECT_EQ(rc, 0) << output.toStdString() << daemon.stderrText().toStdString();
    const QStringList files = maildirFiles(root, QStringLiteral("bob@example.test"));
    ASSERT_EQ(files.size(), 1);
    EXPECT_TRUE(readFile(files.first()).contains("with ESMTPSA id ")) << readFile(files.first()).constData();
    // A plain-text client on that port gets no banner: the port speaks TLS only.
    Client plain;
    ASSERT_TRUE(plain.connectTo(tlsPort));
    EXPECT_EQ(plain.reply(1500).code, 0);
    plain.close();
    EXPECT_EQ(daemon.stop(), 0);
}

// `xmflowd check` on the admins' front set-up sharing the MailRoot with the XMail behind:
// the catch-all delay meant for strangers hits the front too, and smtprelay.tab does not
// let it relay. After the fix the warnings are gone.
TEST_F(FrontMode, CheckWarnsWhenTheTablesWouldHoldUpOrRefuseTheFront)
{
    const QString spammers = QDir(m_frontRoot).filePath(QStringLiteral("spammers.tab"));
    ASSERT_TRUE(writeFile(spammers, "\"0.0.0.0/0\"\t\"code=-30\"\n"));
    ASSERT_TRUE(writeFile(QDir(m_frontRoot).filePath(QStringLiteral("smtprelay.tab")), QByteArray()));
    auto check = [&] { // --json: with the fix hints
        auto [code, text] =
            runTool(QStringLiteral(XMFLOWD_PATH), {QStringLiteral("check"), QStringLiteral("--json"),
                                                   QStringLiteral("--mailroot"), m_frontRoot});
        text = QJsonDocument::fromJson(text).toJson(QJsonDocument::Compact);
        return std::make_pair(code, text);
    };
    const auto [rc, output] = check();
    EXPECT_TRUE(output.contains("\"file\":\"spammers.tab\"")) << output.constData();
    EXPECT_TRUE(output.contains("\"kind\":\"front-delayed-by-next-hop\",\"line\":1")) << output.constData();
    EXPECT_TRUE(output.contains("delays every command of the front (127.0.0.1) by 30 s"))
        << output.constData();
    EXPECT_TRUE(output.contains("\\\"127.0.0.1/32\\\"<TAB>\\\"WhiteList=1\\\"")) << output.constData();
    EXPECT_TRUE(output.contains("does not relay for the front's address 127.0.0.1")) << output.constData();
    // The fix the hints give.
    ASSERT_TRUE(writeFile(QDir(m_frontRoot).filePath(QStringLiteral("smtp.ipprop.tab")),
                          "\"127.0.0.1/32\"\t\"WhiteList=1\"\n"));
    ASSERT_TRUE(writeFile(QDir(m_frontRoot).filePath(QStringLiteral("smtprelay.tab")),
                          "\"127.0.0.1\"\t\"255.255.255.255\"\n"));
    const auto [rc2, fixed] = check();
    EXPECT_FALSE(fixed.contains("front")) << fixed.constData();
    // A drop rule for the front's address is named with its line.
    ASSERT_TRUE(writeFile(QDir(m_frontRoot).filePath(QStringLiteral("smtp.ipprop.tab")), QByteArray()));
    ASSERT_TRUE(writeFile(spammers, "# spam sources\n\"127.0.0.0/8\"\t\"code=1\"\n"));
    const auto [rc3, dropped] = check();
    EXPECT_TRUE(dropped.contains("\"line\":2")) << dropped.constData();
    EXPECT_TRUE(dropped.contains("refuses the front's connections from 127.0.0.1")) << dropped.constData();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

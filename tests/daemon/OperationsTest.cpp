// Operations: reload on table change and on SIGHUP (live sessions keep their
// policy), a broken table keeps the last good configuration, SIGTERM lets
// sessions finish, several listeners incl. IPv6, and the XMF-GreetPause hook
// (early talker, pass cache surviving a restart).

#include "DaemonFixture.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>
#include <QTcpServer>

using namespace xmflow::daemontest;

namespace {

int countEvents(const DaemonProcess &d, const QString &type, const QString &key = {}, const QJsonValue &value = {})
{
    int n = 0;
    for (const QJsonObject &e : d.events())
        if (e.value(QStringLiteral("type")).toString() == type && (key.isEmpty() || e.value(key) == value))
            ++n;
    return n;
}

class Operations : public DaemonFixture
{
protected:
    void startDaemon(const QStringList &extra = {}, const QString &listen = QStringLiteral("127.0.0.1:0"))
    {
        DaemonFixture::startDaemon(QStringList{QStringLiteral("--events")} + extra, listen);
    }
};

TEST_F(Operations, TableChangeReloadsWithoutDroppingLiveSessions)
{
    startDaemon();
    Client live;
    ASSERT_TRUE(live.connectTo(m_daemon->port(), QStringLiteral("127.0.9.8")));
    ASSERT_EQ(live.reply().code, 220);
    ASSERT_EQ(live.command("EHLO live.test").code, 250);

    ASSERT_TRUE(writeFile(table("spammers.tab"), "\"127.0.9.0/24\"\t\"code=1\"\n"));
    ASSERT_TRUE(waitFor([&] { return countEvents(*m_daemon, QStringLiteral("reload"), QStringLiteral("ok"), true) >= 1; }, 5000))
        << m_daemon->stderrText().toStdString();

    Client fresh;
    ASSERT_TRUE(fresh.connectTo(m_daemon->port(), QStringLiteral("127.0.9.9")));
    EXPECT_EQ(fresh.reply().code, 421); // the new table drops it
    // The live session finishes its transaction under the policy it started with.
    EXPECT_EQ(live.command("MAIL FROM:<sender@remote.test>").code, 250);
    EXPECT_EQ(live.command("RCPT TO:<alice@example.test>").code, 250);
    EXPECT_EQ(live.command("DATA").code, 354);
    live.send("Subject: live\r\n\r\nkept\r\n.\r\n");
    EXPECT_EQ(live.reply().code, 250);
    EXPECT_EQ(live.command("QUIT").code, 221);
    // The drop is in the XMail log.
    const QStringList logs = QDir(m_root + QStringLiteral("/logs")).entryList(QDir::Files);
    ASSERT_FALSE(logs.isEmpty());
    EXPECT_TRUE(readFile(m_root + QStringLiteral("/logs/") + logs.first()).contains("\"127.0.9.9\"")
                && readFile(m_root + QStringLiteral("/logs/") + logs.first()).contains("\"SNDRIP=EIPSPAM\""));
}

TEST_F(Operations, BrokenTableKeepsTheLastGoodConfiguration)
{
    ASSERT_TRUE(writeFile(table("spammers.tab"), "\"127.0.9.0/24\"\t\"code=1\"\n"));
    startDaemon();
    ASSERT_TRUE(writeFile(table("spammers.tab"), "\"127.0.9.0/24\"\t\"code=1\"\nthis is not an address\n"));
    ASSERT_TRUE(waitFor([&] { return countEvents(*m_daemon, QStringLiteral("reload"), QStringLiteral("ok"), false) >= 1; }, 5000));
    const QByteArray err = m_daemon->stderrText();
    EXPECT_TRUE(err.contains("keeping the last good one")) << err.toStdString();
    EXPECT_TRUE(err.contains("spammers.tab:2")) << err.toStdString();
    // Still the old rules: 127.0.9.x dropped, others served.
    Client dropped;
    ASSERT_TRUE(dropped.connectTo(m_daemon->port(), QStringLiteral("127.0.9.1")));
    EXPECT_EQ(dropped.reply().code, 421);
    Client served;
    ASSERT_TRUE(served.connectTo(m_daemon->port(), QStringLiteral("127.0.8.1")));
    EXPECT_EQ(served.reply().code, 220);
    // Fixing the file is picked up again. (Judged by what a client sees: on a loaded
    // machine the watcher may first catch the file truncated but not yet written, a
    // valid empty table, and reload that too.)
    ASSERT_TRUE(writeFile(table("spammers.tab"), "\"127.0.8.0/24\"\t\"code=1\"\n"));
    EXPECT_TRUE(waitFor(
        [&] {
            Client now;
            return now.connectTo(m_daemon->port(), QStringLiteral("127.0.8.1")) && now.reply().code == 421;
        },
        5000));
    EXPECT_GE(countEvents(*m_daemon, QStringLiteral("reload"), QStringLiteral("ok"), true), 1);
}

TEST_F(Operations, SighupReloads)
{
    startDaemon();
    m_daemon->signal(SIGHUP);
    EXPECT_TRUE(waitFor([&] { return countEvents(*m_daemon, QStringLiteral("reload"), QStringLiteral("reason"), QStringLiteral("SIGHUP")) == 1; }, 5000));
    Client c;
    ASSERT_TRUE(c.connectTo(m_daemon->port()));
    EXPECT_EQ(c.reply().code, 220);
}

// A second daemon on the same MailRoot (another port) would hand out the same message ids
// and reuse the same spool files: it says so and exits; the first one carries on.
TEST_F(Operations, ASecondDaemonOnTheSameMailRootRefusesToStart)
{
    startDaemon();
    QTemporaryDir otherRun;
    DaemonProcess second(m_root, otherRun.path());
    EXPECT_FALSE(second.start());
    EXPECT_FALSE(second.running());
    EXPECT_NE(second.exitCode(), 0);
    EXPECT_TRUE(second.stderrText().contains("another xmflowd serve")) << second.stderrText().toStdString();
    Client c;
    ASSERT_TRUE(c.connectTo(m_daemon->port()));
    EXPECT_EQ(c.reply().code, 220);
}

TEST_F(Operations, SigtermStopsListeningAndLetsSessionsFinish)
{
    startDaemon();
    const quint16 port = m_daemon->port();
    Client c;
    ASSERT_TRUE(c.connectTo(port));
    ASSERT_EQ(c.reply().code, 220);
    ASSERT_EQ(c.command("EHLO finishing.test").code, 250);
    m_daemon->signal(SIGTERM);
    ASSERT_TRUE(waitFor([&] { return m_daemon->stderrText().contains("shutting down"); }, 5000));
    QTcpSocket other;
    other.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    EXPECT_FALSE(other.waitForConnected(1000) && other.waitForReadyRead(1000)) << "still accepting";
    EXPECT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
    EXPECT_EQ(c.command("RCPT TO:<alice@example.test>").code, 250);
    EXPECT_EQ(c.command("DATA").code, 354);
    c.send("Subject: during shutdown\r\n\r\nstill delivered\r\n.\r\n");
    EXPECT_EQ(c.reply().code, 250);
    EXPECT_EQ(c.command("QUIT").code, 221);
    ASSERT_TRUE(m_daemon->waitForExit(5000));
    EXPECT_EQ(m_daemon->exitCode(), 0);
    EXPECT_EQ(maildirFiles(m_root, QStringLiteral("alice@example.test")).size(), 1);
}

TEST_F(Operations, SigtermGraceExpiryClosesIdleSessionsWith421)
{
    startDaemon({QStringLiteral("--grace"), QStringLiteral("1")});
    Client c;
    ASSERT_TRUE(c.connectTo(m_daemon->port()));
    ASSERT_EQ(c.reply().code, 220);
    m_daemon->signal(SIGTERM);
    const Reply r = c.reply(5000);
    EXPECT_EQ(r.code, 421) << r.text.toStdString();
    ASSERT_TRUE(m_daemon->waitForExit(5000));
    EXPECT_EQ(m_daemon->exitCode(), 0);
}

TEST_F(Operations, SeveralListenersIncludingIpv6)
{
    if (QTcpServer probe; !probe.listen(QHostAddress(QHostAddress::LocalHostIPv6), 0))
        GTEST_SKIP() << "no IPv6 loopback";
    startDaemon({QStringLiteral("--listen"), QStringLiteral("[::1]:0")});
    const QByteArray err = m_daemon->stderrText();
    static const QRegularExpression v6(QStringLiteral("listening on \\[::1\\]:(\\d+)"));
    const auto m = v6.match(QString::fromLatin1(err));
    ASSERT_TRUE(m.hasMatch()) << err.toStdString();
    Client c;
    ASSERT_TRUE(c.connectTo(quint16(m.captured(1).toUInt()), QStringLiteral("::1"), QStringLiteral("::1")));
    EXPECT_EQ(c.reply().code, 220);
    EXPECT_EQ(c.command("EHLO v6.test").code, 250);
    Client v4;
    ASSERT_TRUE(v4.connectTo(m_daemon->port()));
    EXPECT_EQ(v4.reply().code, 220);
}

TEST_F(Operations, GreetPauseRejectsEarlyTalkersAndRemembersPoliteOnes)
{
    ASSERT_TRUE(appendLine(table("server.tab"), "\"XMF-GreetPause\"\t\"2\""));
    startDaemon();
    // An early talker: writes before the banner, gets 554 at once and is closed.
    Client early;
    ASSERT_TRUE(early.connectTo(m_daemon->port(), QStringLiteral("127.0.7.1")));
    early.send("EHLO bot.test\r\n");
    const Reply r = early.reply(5000);
    EXPECT_EQ(r.code, 554) << r.text.toStdString();
    EXPECT_LT(r.elapsedMs, 1000);
    EXPECT_TRUE(early.waitClosed());

    // A polite client waits for the banner (about 2 s) ...
    Client polite;
    ASSERT_TRUE(polite.connectTo(m_daemon->port(), QStringLiteral("127.0.7.2")));
    const Reply banner = polite.reply(5000);
    EXPECT_EQ(banner.code, 220);
    EXPECT_GE(banner.elapsedMs, 1800);
    EXPECT_EQ(polite.command("QUIT").code, 221);
    // ... and is then remembered: no pause on the next connection,
    Client again;
    ASSERT_TRUE(again.connectTo(m_daemon->port(), QStringLiteral("127.0.7.2")));
    const Reply quick = again.reply(5000);
    EXPECT_EQ(quick.code, 220);
    EXPECT_LT(quick.elapsedMs, 1000);
    again.command("QUIT");
    // ... even after a restart (the pass is in the state store, SQLite in the MailRoot).
    ASSERT_EQ(m_daemon->stop(), 0);
    EXPECT_TRUE(QFileInfo::exists(m_root + QStringLiteral("/xmflow-state.sqlite")));
    EXPECT_FALSE(QFileInfo::exists(m_root + QStringLiteral("/xmflow/greetpass.tab")));
    startDaemon();
    Client restarted;
    ASSERT_TRUE(restarted.connectTo(m_daemon->port(), QStringLiteral("127.0.7.2")));
    const Reply cached = restarted.reply(5000);
    EXPECT_EQ(cached.code, 220);
    EXPECT_LT(cached.elapsedMs, 1000);
    restarted.command("QUIT");
    // The early talker is in the XMail log.
    const QStringList logs = QDir(m_root + QStringLiteral("/logs")).entryList(QDir::Files);
    ASSERT_FALSE(logs.isEmpty());
    EXPECT_TRUE(readFile(m_root + QStringLiteral("/logs/") + logs.first()).contains("\"SNDRIP=EEARLYTALK\""));
}

// A greetpass.tab from before the state store: its passes still count, once moved.
TEST_F(Operations, GreetPassTabIsMigratedIntoTheStateStoreOnce)
{
    ASSERT_TRUE(appendLine(table("server.tab"), "\"XMF-GreetPause\"\t\"2\""));
    const QByteArray now = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    QDir().mkpath(m_root + QStringLiteral("/xmflow"));
    ASSERT_TRUE(writeFile(m_root + QStringLiteral("/xmflow/greetpass.tab"),
                          "# old cache\n\"127.0.7.5\"\t\"" + now + "\"\n\"127.0.7.6\"\t\"1000\"\n"));
    startDaemon();
    ASSERT_TRUE(waitFor([&] { return m_daemon->stderrText().contains("migrated 1 greet pass(es)"); }, 5000))
        << m_daemon->stderrText().toStdString();
    EXPECT_FALSE(QFileInfo::exists(m_root + QStringLiteral("/xmflow/greetpass.tab")));
    EXPECT_TRUE(QFileInfo::exists(m_root + QStringLiteral("/xmflow/greetpass.tab.migrated")));
    auto bannerMs = [&](const QString &peer) {
        Client c;
        EXPECT_TRUE(c.connectTo(m_daemon->port(), peer));
        const Reply r = c.reply(5000);
        EXPECT_EQ(r.code, 220);
        c.command("QUIT");
        return r.elapsedMs;
    };
    EXPECT_LT(bannerMs(QStringLiteral("127.0.7.5")), 1000); // passed recently: no pause
    EXPECT_GE(bannerMs(QStringLiteral("127.0.7.6")), 1800); // its pass expired long ago
    // A restart does not migrate again, and the moved pass is still there.
    ASSERT_EQ(m_daemon->stop(), 0);
    startDaemon();
    EXPECT_LT(bannerMs(QStringLiteral("127.0.7.5")), 1000);
    EXPECT_FALSE(m_daemon->stderrText().contains("migrated"));
}

TEST_F(Operations, DelaysArePipelinedAndAnsweredOnTime)
{
    ASSERT_TRUE(writeFile(table("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-1\"\n"));
    startDaemon();
    Client c;
    ASSERT_TRUE(c.connectTo(m_daemon->port()));
    ASSERT_EQ(c.reply().code, 220);
    c.send("EHLO slow.test\r\nNOOP\r\nNOOP\r\n");
    QElapsedTimer t;
    t.start();
    for (int i = 1; i <= 3; ++i) {
        EXPECT_EQ(c.reply(5000).code, 250);
        EXPECT_NEAR(double(t.elapsed()), 1000.0 * i, 400.0) << "reply " << i;
    }
}

} // namespace

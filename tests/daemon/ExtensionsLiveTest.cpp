// The XMF- extensions (issue 6), each checked twice: `xmflowd simulate` on its
// virtual clock states the expected steps and delays, and a live `xmflowd serve`
// session with real timers must give the same codes with delays within ±0.5 s.
// Small values (1-2 s) keep the whole file short.

#include "ConformanceScripts.h"
#include "DaemonFixture.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QTcpServer>

#include <cmath>

using namespace xmflow::daemontest;

namespace {

constexpr double kTolerance = 0.5; // seconds, live timer vs virtual clock

QString showSteps(const QList<Step> &steps)
{
    QStringList parts;
    for (const Step &s : steps)
        parts << QStringLiteral("%1=%2(%3s)").arg(s.step).arg(s.code).arg(s.delay, 0, 'f', 1);
    return parts.join(QLatin1Char(' '));
}

class Extensions : public DaemonFixture
{
protected:
    // What `xmflowd simulate --json` predicts for this MailRoot.
    QList<Step> simulate(const QString &peer, const QString &script, quint16 localPort, bool compat = false)
    {
        QStringList args{QStringLiteral("simulate"), QStringLiteral("--mailroot"), m_root, QStringLiteral("--peer"), peer,
                         QStringLiteral("--script"), script, QStringLiteral("--local"),
                         QStringLiteral("127.0.0.1:%1").arg(localPort), QStringLiteral("--json")};
        if (compat)
            args << QStringLiteral("--xmail-compat");
        const auto [code, out] = runTool(QStringLiteral(XMFLOWD_PATH), args);
        EXPECT_EQ(code, 0) << out.toStdString();
        QList<Step> steps;
        for (const QJsonValue &v : QJsonDocument::fromJson(out).object().value(QStringLiteral("steps")).toArray()) {
            const QJsonObject s = v.toObject();
            steps << Step{s.value(QStringLiteral("step")).toString(), s.value(QStringLiteral("code")).toInt(),
                          s.value(QStringLiteral("delay")).toDouble()};
        }
        return steps;
    }

    // Plays `script` live and checks it against the simulation; returns the simulated steps.
    QList<Step> expectLiveMatchesSimulation(const QString &peer, const QString &script, quint16 port, bool compat = false)
    {
        const QList<Step> predicted = simulate(peer, script, port, compat);
        EXPECT_FALSE(predicted.isEmpty());
        QString error;
        const QList<Step> live = playScript(port, peer, script, &error);
        EXPECT_TRUE(error.isEmpty()) << error.toStdString();
        EXPECT_EQ(live.size(), predicted.size()) << "live:      " << showSteps(live).toStdString()
                                                 << "\nsimulated: " << showSteps(predicted).toStdString();
        for (int i = 0; i < qMin(live.size(), predicted.size()); ++i) {
            EXPECT_EQ(live.at(i).step, predicted.at(i).step) << "step " << i;
            EXPECT_EQ(live.at(i).code, predicted.at(i).code) << "step " << i << " " << predicted.at(i).step.toStdString();
            EXPECT_LE(std::abs(live.at(i).delay - predicted.at(i).delay), kTolerance)
                << "step " << i << " " << predicted.at(i).step.toStdString() << ": live " << live.at(i).delay
                << " s, simulated " << predicted.at(i).delay << " s";
        }
        return predicted;
    }

    static double delayOf(const QList<Step> &steps, const char *step)
    {
        for (const Step &s : steps)
            if (s.step == QLatin1String(step))
                return s.delay;
        return -1;
    }
    static double total(const QList<Step> &steps)
    {
        double sum = 0;
        for (const Step &s : steps)
            sum += s.delay;
        return sum;
    }

};

// XMail's own behaviour (XMF-DelayStart=connect, the default): the catch-all delay
// also hits EHLO and AUTH of an authenticated user.
TEST_F(Extensions, DelayStartConnectDelaysTheAuthenticatedUserToo)
{
    ASSERT_TRUE(writeFile(table("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-1\"\n"));
    startDaemon();
    const QList<Step> steps = expectLiveMatchesSimulation(QStringLiteral("127.0.6.1"), QStringLiteral("auth"), m_daemon->port());
    EXPECT_EQ(delayOf(steps, "EHLO"), 1);
    EXPECT_EQ(delayOf(steps, "AUTH"), 1);
    EXPECT_EQ(delayOf(steps, "MAIL FROM"), 0); // AUTH cleared it
}

// XMF-DelayStart=mail: an authenticated user never waits; a client without AUTH
// waits on MAIL FROM and every command after it.
TEST_F(Extensions, DelayStartMailSparesAuthenticatedUsers)
{
    ASSERT_TRUE(writeFile(table("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-1\"\n"));
    setVariable("XMF-DelayStart", "mail");
    startDaemon();
    const QList<Step> auth = expectLiveMatchesSimulation(QStringLiteral("127.0.6.2"), QStringLiteral("auth"), m_daemon->port());
    EXPECT_EQ(total(auth), 0);
    const QList<Step> plain = expectLiveMatchesSimulation(QStringLiteral("127.0.6.3"), QStringLiteral("plain"), m_daemon->port());
    EXPECT_EQ(delayOf(plain, "EHLO"), 0);
    EXPECT_EQ(delayOf(plain, "MAIL FROM"), 1);
    EXPECT_EQ(delayOf(plain, "RCPT TO"), 1);
    EXPECT_EQ(delayOf(plain, "DATA"), 1);
}

// XMF-DefaultDelay: a delay for every non-whitelisted client, combined by maximum.
TEST_F(Extensions, DefaultDelayAppliesToAllButWhitelisted)
{
    setVariable("XMF-DefaultDelay", "1");
    ASSERT_TRUE(writeFile(table("smtp.ipprop.tab"), "\"127.0.6.5/32\"\t\"WhiteList\"\n"));
    startDaemon();
    const QList<Step> plain = expectLiveMatchesSimulation(QStringLiteral("127.0.6.4"), QStringLiteral("helo"), m_daemon->port());
    EXPECT_EQ(delayOf(plain, "HELO"), 1);
    const QList<Step> white = expectLiveMatchesSimulation(QStringLiteral("127.0.6.5"), QStringLiteral("helo"), m_daemon->port());
    EXPECT_EQ(total(white), 0);
}

// XMF-GreetPause: polite clients get the banner after the pause; a client that
// talks first is refused at once; whitelisted peers skip the pause.
TEST_F(Extensions, GreetPauseLiveAgreesWithSimulate)
{
    setVariable("XMF-GreetPause", "2");
    ASSERT_TRUE(writeFile(table("smtp.ipprop.tab"), "\"127.0.6.9/32\"\t\"WhiteList\"\n"));
    startDaemon();
    const QList<Step> polite = expectLiveMatchesSimulation(QStringLiteral("127.0.6.6"), QStringLiteral("helo"), m_daemon->port());
    EXPECT_EQ(delayOf(polite, "banner"), 2);
    const QList<Step> early = expectLiveMatchesSimulation(QStringLiteral("127.0.6.7"), QStringLiteral("early"), m_daemon->port());
    ASSERT_EQ(early.size(), 1);
    EXPECT_EQ(early.first().code, 554);
    const QList<Step> white = expectLiveMatchesSimulation(QStringLiteral("127.0.6.9"), QStringLiteral("helo"), m_daemon->port());
    EXPECT_EQ(delayOf(white, "banner"), 0);
}

// XMF-GreetPassTTL: a peer that waited politely skips the pause until its pass expires.
TEST_F(Extensions, GreetPassExpiresAfterItsTtl)
{
    setVariable("XMF-GreetPause", "1");
    setVariable("XMF-GreetPassTTL", "2");
    startDaemon();
    auto bannerSeconds = [&] {
        Client c;
        EXPECT_TRUE(c.connectTo(m_daemon->port(), QStringLiteral("127.0.6.10")));
        const Reply r = c.reply(5000);
        EXPECT_EQ(r.code, 220);
        c.command("QUIT");
        return r.elapsedMs / 1000.0;
    };
    EXPECT_NEAR(bannerSeconds(), 1.0, kTolerance); // first visit: the pause
    EXPECT_LT(bannerSeconds(), kTolerance);        // passed: no pause
    QThread::msleep(3000);                         // the pass (2 s) has expired
    EXPECT_NEAR(bannerSeconds(), 1.0, kTolerance);
}

// Per-listener options: one daemon, three ports. Port A keeps the catch-all delay,
// port B (submission) is "MailAuth,NoDelay", port C has its own greet pause and
// DelayStart=mail. simulate --local names the same listener.
TEST_F(Extensions, PerListenerOptions)
{
    const quint16 a = freePort(), b = freePort(), c = freePort();
    ASSERT_TRUE(a && b && c && a != b && b != c && a != c);
    ASSERT_TRUE(writeFile(table("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-1\"\n"));
    setVariable("SmtpConfig-127.0.0.1," + QByteArray::number(b), "MailAuth,NoDelay");
    setVariable("SmtpConfig-127.0.0.1," + QByteArray::number(c), "GreetPause=1,DelayStart=mail");
    startDaemon({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(b), QStringLiteral("--listen"),
                 QStringLiteral("127.0.0.1:%1").arg(c)},
                QStringLiteral("127.0.0.1:%1").arg(a));

    const QList<Step> onA = expectLiveMatchesSimulation(QStringLiteral("127.0.6.11"), QStringLiteral("auth"), a);
    EXPECT_EQ(delayOf(onA, "EHLO"), 1);
    const QList<Step> onB = expectLiveMatchesSimulation(QStringLiteral("127.0.6.12"), QStringLiteral("auth"), b);
    EXPECT_EQ(total(onB), 0);
    // MailAuth on B: MAIL FROM without AUTH is refused.
    const QList<Step> plainOnB = expectLiveMatchesSimulation(QStringLiteral("127.0.6.13"), QStringLiteral("helo"), b);
    ASSERT_GE(plainOnB.size(), 3);
    EXPECT_GE(plainOnB.at(2).code, 500);
    const QList<Step> onC = expectLiveMatchesSimulation(QStringLiteral("127.0.6.14"), QStringLiteral("auth"), c);
    EXPECT_EQ(delayOf(onC, "banner"), 1);
    EXPECT_EQ(delayOf(onC, "EHLO"), 0);
    EXPECT_EQ(delayOf(onC, "AUTH"), 0);
}

// --xmail-compat switches every extension off, live as in simulate.
TEST_F(Extensions, XmailCompatIgnoresEveryExtension)
{
    ASSERT_TRUE(writeFile(table("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-1\"\n"));
    setVariable("XMF-DelayStart", "mail");
    setVariable("XMF-GreetPause", "3");
    startDaemon({QStringLiteral("--xmail-compat")});
    const QList<Step> auth = expectLiveMatchesSimulation(QStringLiteral("127.0.6.15"), QStringLiteral("auth"), m_daemon->port(), true);
    EXPECT_EQ(delayOf(auth, "banner"), 0);
    EXPECT_EQ(delayOf(auth, "EHLO"), 1);
    EXPECT_EQ(delayOf(auth, "AUTH"), 1);
}

} // namespace

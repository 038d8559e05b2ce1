// kill -9 during a burst of sessions: afterwards every message that got its 250
// is in a Maildir or in the spool, exactly once, and none is there twice.

#include "DaemonTestSupport.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QRegularExpression>

#include <atomic>
#include <mutex>
#include <thread>

using namespace xmflow::daemontest;

namespace {

TEST(Durability, KillNineDuringABurstLosesNothingAcknowledged)
{
    QTemporaryDir work;
    const QString root = QDir(work.path()).filePath(QStringLiteral("mailroot"));
    ASSERT_TRUE(makeScenarioMailRoot(QString(), root));
    DaemonProcess daemon(root, work.path());
    ASSERT_TRUE(daemon.start()) << daemon.stderrText().toStdString();
    const quint16 port = daemon.port();

    std::atomic<bool> stop{false};
    std::mutex mutex;
    QSet<QString> acknowledged;
    QSet<QString> sent;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (int n = 0; !stop; ++n) {
                Client c;
                if (!c.connectTo(port) || c.reply(3000).code != 220)
                    return;
                if (c.command("EHLO burst.test", 3000).code != 250)
                    return;
                const QByteArray user = "relayuser";
                const QByteArray raw = QByteArray(1, '\0') + user + QByteArray(1, '\0') + "relaypass";
                if (c.command("AUTH PLAIN " + raw.toBase64(), 3000).code != 235)
                    return;
                // Every message goes to a local mailbox; every other one also to a remote
                // recipient (no gateway configured, so it stays in the spool).
                const bool relay = n % 2 == 1;
                if (c.command("MAIL FROM:<relayuser@remote.test>", 3000).code != 250
                    || c.command("RCPT TO:<alice@example.test>", 3000).code != 250
                    || (relay && c.command("RCPT TO:<far@elsewhere.test>", 3000).code != 250)
                    || c.command("DATA", 3000).code != 354)
                    return;
                const QString token = QStringLiteral("tok-%1-%2").arg(t).arg(n);
                {
                    std::lock_guard<std::mutex> lock(mutex);
                    sent.insert(token);
                }
                c.send("Subject: burst\r\nX-Token: " + token.toLatin1() + "\r\n\r\n" + QByteArray(512, 'b') + "\r\n.\r\n");
                const Reply r = c.reply(3000);
                if (r.code != 250)
                    return;
                {
                    std::lock_guard<std::mutex> lock(mutex);
                    acknowledged.insert(token + (relay ? QStringLiteral("+relay") : QString()));
                }
                c.command("QUIT", 3000);
            }
        });
    }
    QThread::msleep(1500);
    daemon.kill(); // SIGKILL in the middle of the burst
    stop = true;
    for (auto &t : threads)
        t.join();
    ASSERT_GT(acknowledged.size(), 20) << "the burst was too small to mean anything";

    // Restart: temporary files are cleaned, the spool is resumed; then stop cleanly.
    ASSERT_TRUE(daemon.start()) << daemon.stderrText().toStdString();
    EXPECT_EQ(daemon.stop(), 0);

    static const QRegularExpression tokenRe(QStringLiteral("X-Token: (tok-\\d+-\\d+)"));
    QHash<QString, int> inMaildir;
    QHash<QString, int> inSpool;
    for (const QString &f : maildirFiles(root, QStringLiteral("alice@example.test"))) {
        const auto m = tokenRe.match(QString::fromLatin1(readFile(f)));
        ASSERT_TRUE(m.hasMatch()) << f.toStdString();
        inMaildir[m.captured(1)]++;
    }
    for (const QString &f : spoolFiles(root)) {
        const auto m = tokenRe.match(QString::fromLatin1(readFile(f)));
        ASSERT_TRUE(m.hasMatch()) << f.toStdString();
        inSpool[m.captured(1)]++;
    }
    int checked = 0;
    for (QString token : std::as_const(acknowledged)) {
        const bool relay = token.endsWith(QLatin1String("+relay"));
        token.remove(QStringLiteral("+relay"));
        EXPECT_EQ(inMaildir.value(token), 1) << token.toStdString() << " acknowledged but not in the Maildir exactly once";
        if (relay)
            EXPECT_EQ(inSpool.value(token), 1) << token.toStdString() << " acknowledged but not in the spool exactly once";
        ++checked;
    }
    for (auto it = inMaildir.cbegin(); it != inMaildir.cend(); ++it)
        EXPECT_EQ(it.value(), 1) << it.key().toStdString() << " delivered twice";
    for (auto it = inSpool.cbegin(); it != inSpool.cend(); ++it)
        EXPECT_EQ(it.value(), 1) << it.key().toStdString() << " spooled twice";
    std::printf("acknowledged %d message(s) before kill -9; %d in Maildir, %d in spool after restart\n", checked,
                int(inMaildir.size()), int(inSpool.size()));
    // Nothing half-written is visible: the spool's tmp/ was emptied on restart.
    EXPECT_TRUE(QDir(root + QStringLiteral("/spool/xmflow/tmp")).entryList(QDir::Files).isEmpty());
}

} // namespace

#pragma once
// Test helpers shared by the live daemon tests: one daemon per configuration shared by
// the tests of a suite, the loopback SMTP sink (smtp_sink.py) as a next hop, and a
// redis-server of the test's own.

#include "DaemonTestSupport.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QTcpSocket>
#include <QThread>

namespace xmflow::daemontest {

// One daemon per configuration: the base MailRoot plus server.tab lines, optionally a
// certificate; started at construction, checked alive and stopped at destruction.
class SharedDaemon
{
public:
    SharedDaemon(const QList<QByteArray> &serverLines, const QStringList &arguments, bool tls = false)
    {
        m_root = QDir(m_work.path()).filePath(QStringLiteral("mailroot"));
        m_ok = makeScenarioMailRoot(QString(), m_root);
        for (const QByteArray &line : serverLines)
            m_ok = m_ok && appendLine(m_root + QStringLiteral("/server.tab"), line);
        if (tls)
            m_ok = m_ok && makeSelfSignedCert(m_root);
        m_daemon = std::make_unique<DaemonProcess>(m_root, m_work.path());
        m_ok = m_ok && m_daemon->start(arguments);
    }
    ~SharedDaemon()
    {
        EXPECT_TRUE(m_daemon->running()) << "the daemon died: " << m_daemon->stderrText().toStdString();
        EXPECT_EQ(m_daemon->stop(), 0) << m_daemon->stderrText().toStdString();
    }
    bool ok() const { return m_ok; }
    quint16 port() const { return m_daemon->port(); }
    qint64 pid() const { return m_daemon->pid(); }
    QString root() const { return m_root; }
    // The --events output (the daemon's stdout).
    QString eventsPath() const { return m_daemon->stdoutPath(); }
    DaemonProcess &process() { return *m_daemon; }
    // "stored" events with ok=true so far: one per transaction the daemon took.
    int storedCount() const
    {
        int n = 0;
        for (const QJsonObject &e : m_daemon->events())
            if (e.value(QStringLiteral("type")).toString() == QLatin1String("stored") &&
                e.value(QStringLiteral("ok")).toBool())
                ++n;
        return n;
    }

private:
    QTemporaryDir m_work;
    QString m_root;
    bool m_ok = false;
    std::unique_ptr<DaemonProcess> m_daemon;
};

// tests/daemon/smtp_sink.py on a loopback port: every message as N.eml (and its raw
// DATA bytes as N.raw). mode "ok" accepts, others as the script says.
class SmtpSink
{
public:
    bool start(quint16 port, const QString &dir, const QString &mode = QStringLiteral("ok"))
    {
        m_dir = dir;
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral("python3"),
                        {QStringLiteral(XMFLOW_SOURCE_DIR "/tests/daemon/smtp_sink.py"),
                         QString::number(port), dir, mode});
        if (!m_process.waitForStarted(5000))
            return false;
        QElapsedTimer t;
        t.start();
        QByteArray out;
        while (t.elapsed() < 10000) {
            m_process.waitForReadyRead(100);
            out += m_process.readAll();
            if (out.contains("sink listening"))
                return true;
        }
        return false;
    }
    ~SmtpSink()
    {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
    QStringList files(const QString &pattern) const
    {
        QStringList list;
        QDir d(m_dir);
        for (const QString &f : d.entryList({pattern}, QDir::Files, QDir::Name))
            list << d.filePath(f);
        return list;
    }
    QStringList messages() const { return files(QStringLiteral("*.eml")); }
    int connections() const { return int(files(QStringLiteral("conn-*")).size()); }
    bool waitForMessages(int count, int timeoutMs) const
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (messages().size() >= count)
                return true;
            QThread::msleep(50);
        }
        return messages().size() >= count;
    }

private:
    QProcess m_process;
    QString m_dir;
};

// A redis-server of the test's own, on a free loopback port, without persistence.
class RedisServer
{
public:
    explicit RedisServer(quint16 port) : m_port(port) {}
    ~RedisServer() { stop(); }
    bool start(QString *why)
    {
        m_process.setProgram(QStringLiteral("redis-server"));
        m_process.setArguments({QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--bind"),
                                QStringLiteral("127.0.0.1"), QStringLiteral("--save"), QString(),
                                QStringLiteral("--appendonly"), QStringLiteral("no"),
                                QStringLiteral("--daemonize"), QStringLiteral("no")});
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start();
        if (!m_process.waitForStarted(5000)) {
            *why = QStringLiteral(
                "redis-server did not start (Debian redis-server; scripts/deps.sh installs it)");
            return false;
        }
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 5000) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, m_port);
            if (probe.waitForConnected(200))
                return true;
            QThread::msleep(50);
        }
        *why =
            QStringLiteral("redis-server is not listening: ") + QString::fromLocal8Bit(m_process.readAll());
        return false;
    }
    void kill()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            kill();
    }

private:
    quint16 m_port;
    QProcess m_process;
};

} // namespace xmflow::daemontest

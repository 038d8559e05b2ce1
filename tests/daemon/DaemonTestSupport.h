#pragma once
// Helpers for the live daemon tests: temporary MailRoots, an `xmflowd serve`
// child process, and a small blocking SMTP client usable from any thread.

#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <csignal>
#include <functional>
#include <memory>
#include <sys/types.h>
#include <unistd.h>

namespace xmflow::daemontest {

inline QString conformanceDir()
{
    return QStringLiteral(XMFLOW_CONFORMANCE_DIR);
}

// Copies `from` into `to` recursively, making everything writable.
inline bool copyTree(const QString &from, const QString &to)
{
    QDir src(from);
    if (!QDir().mkpath(to))
        return false;
    const auto entries = src.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QFileInfo &fi : entries) {
        const QString target = QDir(to).filePath(fi.fileName());
        if (fi.isDir()) {
            if (!copyTree(fi.absoluteFilePath(), target))
                return false;
        } else {
            QFile::remove(target);
            if (!QFile::copy(fi.absoluteFilePath(), target))
                return false;
            QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        }
    }
    return true;
}

// base-mailroot plus the scenario's table files replacing the same-named ones.
inline bool makeScenarioMailRoot(const QString &scenario, const QString &target)
{
    if (!copyTree(QDir(conformanceDir()).filePath(QStringLiteral("base-mailroot")), target))
        return false;
    if (scenario.isEmpty())
        return true;
    QDir s(QDir(conformanceDir()).filePath(scenario));
    const auto files = s.entryInfoList(QDir::Files);
    for (const QFileInfo &fi : files) {
        const QString name = fi.fileName();
        if (name == QLatin1String("ABOUT") || name == QLatin1String("cases.jsonl") || name == QLatin1String("dnsmasq.args"))
            continue;
        const QString t = QDir(target).filePath(name);
        QFile::remove(t);
        if (!QFile::copy(fi.absoluteFilePath(), t))
            return false;
        QFile::setPermissions(t, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }
    return true;
}

inline bool appendLine(const QString &path, const QByteArray &line)
{
    QFile f(path);
    if (!f.open(QIODevice::Append))
        return false;
    f.write(line + '\n');
    return true;
}

// A loopback port that was free a moment ago (0 when none could be bound).
// A loopback port nobody listens on, for a server the test starts later. Taken below the
// kernel's ephemeral range: a port from that range (what binding port 0 gives) can be
// handed to another test's outgoing connection before our server binds it (CI: "The
// bound address is already in use").
inline quint16 freePort()
{
    int ephemeralLow = 32768;
    QFile range(QStringLiteral("/proc/sys/net/ipv4/ip_local_port_range"));
    if (range.open(QIODevice::ReadOnly))
        ephemeralLow = range.readAll().simplified().split(' ').value(0).toInt();
    const int low = qMax(1024, ephemeralLow - 12000);
    if (ephemeralLow - low >= 1000) {
        for (int attempt = 0; attempt < 200; ++attempt) {
            const auto port = quint16(low + int(QRandomGenerator::global()->bounded(ephemeralLow - low)));
            QTcpServer probe;
            if (probe.listen(QHostAddress::LocalHost, port))
                return port;
        }
    }
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

// Polls `condition` every 50 ms until it holds or the time is up.
inline bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (condition())
            return true;
        QThread::msleep(50);
    }
    return condition();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool makeSelfSignedCert(const QString &mailRoot)
{
    QProcess p;
    p.start(QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
             QStringLiteral("-nodes"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"), QStringLiteral("-days"),
             QStringLiteral("2"), QStringLiteral("-keyout"), QDir(mailRoot).filePath(QStringLiteral("server.key")),
             QStringLiteral("-out"), QDir(mailRoot).filePath(QStringLiteral("server.cert"))});
    return p.waitForFinished(60000) && p.exitCode() == 0;
}

// A running `xmflowd serve`; stderr and stdout go to files in its work folder.
class DaemonProcess
{
public:
    explicit DaemonProcess(QString mailRoot, QString workDir)
        : m_mailRoot(std::move(mailRoot)), m_workDir(std::move(workDir))
    {
    }
    ~DaemonProcess() { kill(); }

    bool start(const QStringList &extra = {}, const QString &listen = QStringLiteral("127.0.0.1:0"))
    {
        ++m_runs;
        // Named per instance too: two daemons of one test (a front and its next hop) share
        // the work folder, and the second would truncate the first one's open files.
        m_stderrPath = QDir(m_workDir).filePath(QStringLiteral("xmflowd-%1-%2.err").arg(m_instance).arg(m_runs));
        m_stdoutPath = QDir(m_workDir).filePath(QStringLiteral("xmflowd-%1-%2.out").arg(m_instance).arg(m_runs));
        m_process = std::make_unique<QProcess>();
        m_process->setStandardErrorFile(m_stderrPath);
        m_process->setStandardOutputFile(m_stdoutPath);
        QStringList args{QStringLiteral("serve"), QStringLiteral("--mailroot"), m_mailRoot};
        if (!listen.isEmpty())
            args << QStringLiteral("--listen") << listen;
        args << extra;
        // Started as root, serve wants --user; these tests keep root on purpose (their
        // MailRoots are root's temporary folders). PrivilegeTest drops to a real user.
        if (::geteuid() == 0 && !extra.contains(QStringLiteral("--user")))
            args << QStringLiteral("--user") << QStringLiteral("root");
        if (m_shellSetup.isEmpty()) {
            m_process->start(QStringLiteral(XMFLOWD_PATH), args);
        } else {
            // sh runs the set-up (ulimit, umask) and then becomes xmflowd: pid() stays right.
            m_process->start(QStringLiteral("/bin/sh"),
                             QStringList{QStringLiteral("-c"),
                                         m_shellSetup + QStringLiteral("; exec \"$0\" \"$@\""),
                                         QStringLiteral(XMFLOWD_PATH)} +
                                 args);
        }
        if (!m_process->waitForStarted(10000))
            return false;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 20000) {
            const QByteArray err = readFile(m_stderrPath);
            const qsizetype at = err.indexOf("listening on ");
            if (at >= 0 && err.indexOf("ready", at) >= 0) {
                const qsizetype eol = err.indexOf('\n', at);
                const QByteArray addr = err.mid(at + 13, eol - at - 13);
                m_port = quint16(addr.mid(addr.lastIndexOf(':') + 1).toUInt());
                return true;
            }
            // waitForFinished also notices an exit (state() alone is not updated here,
            // with no event loop running).
            if (m_process->waitForFinished(20))
                return false;
        }
        return false;
    }

    // Shell commands run before xmflowd starts in the same process, e.g. "ulimit -n 64".
    void setShellSetup(const QString &commands) { m_shellSetup = commands; }
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    QString mailRoot() const { return m_mailRoot; }
    QByteArray stderrText() const { return readFile(m_stderrPath); }
    QByteArray stdoutText() const { return readFile(m_stdoutPath); }
    QString stdoutPath() const { return m_stdoutPath; }
    QList<QJsonObject> events() const
    {
        QList<QJsonObject> list;
        for (const QByteArray &line : stdoutText().split('\n'))
            if (!line.trimmed().isEmpty())
                list << QJsonDocument::fromJson(line).object();
        return list;
    }

    void signal(int signo)
    {
        if (m_process && m_process->state() == QProcess::Running)
            ::kill(pid_t(m_process->processId()), signo);
    }
    // SIGTERM and wait; returns the exit code (-1 when it did not exit in time).
    int stop(int timeoutMs = 30000)
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return m_process ? m_process->exitCode() : -1;
        signal(SIGTERM);
        if (!m_process->waitForFinished(timeoutMs))
            return -1;
        return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -2;
    }
    void kill()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            ::kill(pid_t(m_process->processId()), SIGKILL);
            m_process->waitForFinished(10000);
        }
    }
    bool running() const { return m_process && m_process->state() == QProcess::Running; }
    bool waitForExit(int timeoutMs) { return m_process && m_process->waitForFinished(timeoutMs); }
    int exitCode() const { return m_process ? m_process->exitCode() : -1; }

private:
    QString m_mailRoot;
    QString m_workDir;
    QString m_stderrPath;
    QString m_stdoutPath;
    const int m_instance = nextInstance();
    static int nextInstance()
    {
        static std::atomic<int> instances{0};
        return ++instances;
    }
    std::unique_ptr<QProcess> m_process;
    QString m_shellSetup;
    quint16 m_port = 0;
    int m_runs = 0;
};

struct Reply {
    int code = 0;           // 0: connection closed or no reply in time
    QByteArray text;        // all lines
    qint64 elapsedMs = 0;   // since the command was sent (or since connecting, for the banner)
};

// Blocking SMTP client for tests; each instance lives in one thread.
class Client
{
public:
    bool connectTo(quint16 port, const QString &from = QStringLiteral("127.0.0.1"),
                   const QString &host = QStringLiteral("127.0.0.1"))
    {
        m_socket = std::make_unique<QTcpSocket>();
        if (!from.isEmpty() && !m_socket->bind(QHostAddress(from), 0))
            return false;
        m_clock.start();
        m_socket->connectToHost(QHostAddress(host), port);
        return m_socket->waitForConnected(10000);
    }
    void restartClock() { m_clock.restart(); }
    void send(const QByteArray &bytes)
    {
        m_clock.restart();
        m_socket->write(bytes);
        m_socket->waitForBytesWritten(5000);
    }
    Reply command(const QByteArray &line, int timeoutMs = 60000)
    {
        send(line + "\r\n");
        return reply(timeoutMs);
    }
    Reply reply(int timeoutMs = 60000)
    {
        Reply r;
        QElapsedTimer t;
        t.start();
        for (;;) {
            const qsizetype lf = m_buffer.indexOf('\n');
            if (lf >= 0) {
                const QByteArray line = m_buffer.left(lf + 1);
                m_buffer.remove(0, lf + 1);
                r.text += line;
                if (line.size() >= 4 && line.at(3) == '-')
                    continue;
                r.code = line.left(3).toInt();
                r.elapsedMs = m_clock.elapsed();
                return r;
            }
            const int left = int(timeoutMs - t.elapsed());
            if (left <= 0)
                break;
            if (m_socket->bytesAvailable() == 0 && !m_socket->waitForReadyRead(std::min(left, 200))) {
                if (m_socket->state() != QAbstractSocket::ConnectedState)
                    break;
                continue;
            }
            m_buffer += m_socket->readAll();
        }
        r.elapsedMs = m_clock.elapsed();
        return r;
    }
    // True when the server closed the connection within the timeout.
    bool waitClosed(int timeoutMs = 5000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (m_socket->state() != QAbstractSocket::ConnectedState)
                return true;
            if (m_socket->waitForReadyRead(100))
                m_buffer += m_socket->readAll();
        }
        return m_socket->state() != QAbstractSocket::ConnectedState;
    }
    QTcpSocket *socket() { return m_socket.get(); }
    void close()
    {
        if (m_socket)
            m_socket->abort();
    }

private:
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
    QElapsedTimer m_clock;
};

// Runs a command and returns (exit code, stdout+stderr).
inline std::pair<int, QByteArray> runTool(const QString &program, const QStringList &args, int timeoutMs = 60000,
                                          const QByteArray &input = {})
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return {-1, QByteArray("cannot start ") + program.toLocal8Bit()};
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, p.readAll() + "\n(timed out)"};
    }
    return {p.exitCode(), p.readAll()};
}

// Every message file under MailRoot/domains/*/*/Maildir/new.
inline QStringList maildirFiles(const QString &mailRoot, const QString &domainUser = QString())
{
    QStringList files;
    QDir domains(QDir(mailRoot).filePath(QStringLiteral("domains")));
    for (const QString &domain : domains.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QDir d(domains.filePath(domain));
        for (const QString &user : d.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            if (!domainUser.isEmpty() && domainUser != user + QLatin1Char('@') + domain)
                continue;
            QDir nd(d.filePath(user + QStringLiteral("/Maildir/new")));
            for (const QString &f : nd.entryList(QDir::Files))
                files << nd.filePath(f);
        }
    }
    return files;
}

inline QStringList spoolFiles(const QString &mailRoot)
{
    QDir q(QDir(mailRoot).filePath(QStringLiteral("spool/xmflow/queue")));
    QStringList files;
    for (const QString &f : q.entryList(QDir::Files))
        files << q.filePath(f);
    return files;
}

// In a sanitizer build xmflowd runs under ASan too, whose quarantine keeps freed memory
// resident: its RSS says nothing about our buffers, so the memory bounds are not checked.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kRssIsMeaningful = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kRssIsMeaningful = false;
#else
constexpr bool kRssIsMeaningful = true;
#endif
#else
constexpr bool kRssIsMeaningful = true;
#endif

// A field of /proc/<pid>/status in KB (VmRSS, VmHWM), 0 when unreadable.
inline qint64 procStatusKb(qint64 pid, const char *field)
{
    const QByteArray status = readFile(QStringLiteral("/proc/%1/status").arg(pid));
    for (const QByteArray &line : status.split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field) + 1).trimmed().split(' ').first().toLongLong();
    return 0;
}

} // namespace xmflow::daemontest

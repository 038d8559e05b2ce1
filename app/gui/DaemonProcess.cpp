#include "DaemonProcess.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

#include <unistd.h>

#include <csignal>
#include <cstring>

namespace xmflow::gui {

namespace {
constexpr int kKillMarginMs = 3000; // after the daemon's own grace
constexpr qsizetype kMaxEventLine = 1 << 20;
} // namespace

DaemonProcess::DaemonProcess(QObject *parent) : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        if (m_process.state() != QProcess::NotRunning)
            m_process.kill();
    });
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &DaemonProcess::readEvents);
    connect(&m_process, &QProcess::readyReadStandardError, this, &DaemonProcess::readErrors);
    connect(&m_process, &QProcess::finished, this, &DaemonProcess::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &DaemonProcess::onError);
}

DaemonProcess::~DaemonProcess()
{
    m_process.disconnect(this);
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(2000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
}

QString DaemonProcess::bundledProgram()
{
    const QString beside = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("xmflowd"));
    if (QFileInfo(beside).isExecutable())
        return beside;
    return QStandardPaths::findExecutable(QStringLiteral("xmflowd"));
}

QString DaemonProcess::program() const
{
    return m_program.isEmpty() ? bundledProgram() : m_program;
}

bool DaemonProcess::start(const QString &mailRoot, const QStringList &listen, bool xmailCompat, QString *error)
{
    if (isActive()) {
        if (error)
            *error = tr("The daemon is already running.");
        return false;
    }
    const QString path = program();
    if (path.isEmpty()) {
        if (error)
            *error = tr("xmflowd was found neither next to xmflow nor in PATH.");
        return false;
    }
    QStringList arguments{QStringLiteral("serve"), QStringLiteral("--mailroot"), mailRoot};
    for (const QString &address : listen)
        arguments << QStringLiteral("--listen") << address;
    arguments << QStringLiteral("--events") << QStringLiteral("--grace") << QString::number(m_graceSeconds);
    if (xmailCompat)
        arguments << QStringLiteral("--xmail-compat");
    // Started as root, serve gives root up for --user: the MailRoot's owner.
    if (::geteuid() == 0)
        arguments << QStringLiteral("--user") << QFileInfo(mailRoot).owner();
    m_startedProgram = path;
    m_arguments = arguments;
    return restart(error);
}

bool DaemonProcess::restart(QString *error)
{
    if (isActive() || m_arguments.isEmpty()) {
        if (error)
            *error = isActive() ? tr("The daemon is already running.") : tr("The daemon has not been started yet.");
        return false;
    }
    m_stopRequested = false;
    m_failure = Failure::None;
    m_stdoutBuffer.clear();
    m_stderrBuffer.clear();
    m_stderrLines.clear();
    m_listening.clear();
    setState(State::Starting);
    m_process.start(m_startedProgram, m_arguments, QIODevice::ReadOnly);
    // A failure to start is reported by errorOccurred (state Crashed); the caller sees it at once.
    if (m_state == State::Crashed) {
        if (error)
            *error = failureText();
        return false;
    }
    return true;
}

void DaemonProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning) {
        if (m_state != State::Crashed)
            setState(State::Stopped);
        return;
    }
    m_stopRequested = true;
    setState(State::Stopping);
    m_process.terminate();
    m_killTimer.start(m_graceSeconds * 1000 + kKillMarginMs);
}

void DaemonProcess::stopAndWait(int milliseconds)
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    stop();
    if (!m_process.waitForFinished(milliseconds)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

void DaemonProcess::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void DaemonProcess::readEvents()
{
    m_stdoutBuffer += m_process.readAllStandardOutput();
    QList<QJsonObject> events;
    qsizetype start = 0;
    for (qsizetype newline = m_stdoutBuffer.indexOf('\n'); newline >= 0; newline = m_stdoutBuffer.indexOf('\n', start)) {
        const QByteArray line = m_stdoutBuffer.mid(start, newline - start).trimmed();
        start = newline + 1;
        if (line.isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (!document.isObject())
            continue; // not an event line; the daemon writes nothing else on stdout
        const QJsonObject event = document.object();
        if (event.value(QStringLiteral("type")).toString() == QLatin1String("listening")) {
            m_listening.clear();
            for (const QJsonValue &address : event.value(QStringLiteral("addresses")).toArray())
                m_listening << address.toString();
            if (m_state == State::Starting)
                setState(State::Running);
        }
        events.append(event);
    }
    m_stdoutBuffer.remove(0, start);
    if (m_stdoutBuffer.size() > kMaxEventLine)
        m_stdoutBuffer.clear(); // a runaway line: drop it rather than grow without end
    if (!events.isEmpty())
        emit eventsReceived(events);
}

void DaemonProcess::readErrors()
{
    m_stderrBuffer += m_process.readAllStandardError();
    qsizetype start = 0;
    for (qsizetype newline = m_stderrBuffer.indexOf('\n'); newline >= 0; newline = m_stderrBuffer.indexOf('\n', start)) {
        const QString line = QString::fromUtf8(m_stderrBuffer.mid(start, newline - start)).trimmed();
        start = newline + 1;
        if (line.isEmpty())
            continue;
        m_stderrLines.append(line);
        while (m_stderrLines.size() > kKeptErrorLines)
            m_stderrLines.removeFirst();
        emit errorLine(line);
    }
    m_stderrBuffer.remove(0, start);
    if (m_stderrBuffer.size() > kMaxEventLine)
        m_stderrBuffer.clear();
}

void DaemonProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    m_killTimer.stop();
    readEvents();
    readErrors();
    if (!m_stderrBuffer.trimmed().isEmpty()) { // a last line without its newline
        m_stderrBuffer.append('\n');
        readErrors();
    }
    m_exitCode = exitCode;
    if (m_stopRequested) {
        setState(State::Stopped);
        return;
    }
    m_failure = status == QProcess::CrashExit ? Failure::Crashed : exitCode != 0 ? Failure::ExitCode : Failure::EndedQuietly;
    setState(State::Crashed);
    emit crashed();
}

void DaemonProcess::onError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart)
        return; // crashes arrive through finished()
    m_failure = Failure::FailedToStart;
    m_processError = m_process.errorString();
    setState(State::Crashed);
    emit crashed();
}

QString DaemonProcess::failureText() const
{
    switch (m_failure) {
    case Failure::None:
        return {};
    case Failure::FailedToStart:
        return tr("%1 could not be started: %2").arg(QDir::toNativeSeparators(m_startedProgram), m_processError);
    case Failure::Crashed: {
        // On Unix QProcess reports the signal number as the exit code of a crash.
        const char *name = ::strsignal(m_exitCode);
        return tr("The daemon was terminated by signal %1 (%2).")
            .arg(m_exitCode)
            .arg(name ? QString::fromLocal8Bit(name) : QString());
    }
    case Failure::ExitCode:
        return tr("The daemon ended with exit code %1.").arg(m_exitCode);
    case Failure::EndedQuietly:
        return tr("The daemon ended by itself (exit code 0).");
    }
    return {};
}

} // namespace xmflow::gui

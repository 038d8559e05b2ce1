#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>

namespace xmflow::gui {

// The bundled `xmflowd serve --events` as a child process: its JSON event lines
// parsed as they come, its last stderr lines kept for a crash report, and a
// stop that asks (SIGTERM) before it forces (SIGKILL).
class DaemonProcess : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Running, Stopping, Crashed };
    Q_ENUM(State)

    explicit DaemonProcess(QObject *parent = nullptr);
    ~DaemonProcess() override;

    // xmflowd next to this program, else in PATH; "" when there is none.
    static QString bundledProgram();
    // A fixed program (tests); "" goes back to the bundled one.
    void setProgram(const QString &path) { m_program = path; }
    QString program() const;

    // Seconds live sessions get after SIGTERM (`--grace`); SIGKILL follows a little later.
    void setGraceSeconds(int seconds) { m_graceSeconds = seconds; }
    int graceSeconds() const { return m_graceSeconds; }

    // Starts `xmflowd serve --mailroot DIR --listen A... --events [--xmail-compat]`.
    bool start(const QString &mailRoot, const QStringList &listen, bool xmailCompat, QString *error = nullptr);
    // The same command line again (after a crash).
    bool restart(QString *error = nullptr);
    void stop();
    // Stops and waits up to `milliseconds` before killing; for closing the window.
    void stopAndWait(int milliseconds);

    State state() const { return m_state; }
    bool isActive() const { return m_state == State::Starting || m_state == State::Running || m_state == State::Stopping; }
    qint64 processId() const { return m_process.processId(); }
    QStringList arguments() const { return m_arguments; }
    QStringList listenAddresses() const { return m_listening; } // as the daemon reported them
    QStringList lastErrorLines() const { return m_stderrLines; }
    // Why the daemon ended unexpectedly, in the current language ("" when it did not).
    QString failureText() const;

    static constexpr int kKeptErrorLines = 20;

signals:
    void stateChanged(xmflow::gui::DaemonProcess::State state);
    void eventsReceived(const QList<QJsonObject> &events);
    void errorLine(const QString &line);
    // Ended without being asked to (crash, non-zero exit, or failure to start).
    void crashed();

private:
    void setState(State state);
    void readEvents();
    void readErrors();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);

    QProcess m_process;
    QTimer m_killTimer;
    QString m_program;
    QString m_startedProgram;
    QStringList m_arguments;
    QStringList m_listening;
    int m_graceSeconds = 5;
    State m_state = State::Stopped;
    bool m_stopRequested = false;
    QByteArray m_stdoutBuffer;
    QByteArray m_stderrBuffer;
    QStringList m_stderrLines;
    // What ended the last run, for failureText().
    enum class Failure { None, FailedToStart, Crashed, ExitCode, EndedQuietly } m_failure = Failure::None;
    int m_exitCode = 0;
    QString m_processError;
};

} // namespace xmflow::gui

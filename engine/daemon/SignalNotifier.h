#pragma once

#include <QObject>

class QSocketNotifier;

namespace xmflow::daemon {

// Unix signals into the event loop through a self-pipe: the handler only writes
// the signal number; a QSocketNotifier reads it and emits a Qt signal.
class SignalNotifier : public QObject
{
    Q_OBJECT
public:
    explicit SignalNotifier(QObject *parent = nullptr);
    ~SignalNotifier() override;
    bool install(QString *error);

signals:
    void hangup();    // SIGHUP: reload
    void terminate(); // SIGTERM / SIGINT: clean shutdown

private:
    void onActivated();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace xmflow::daemon

#pragma once

#include "ServeOptions.h"

#include <QBasicTimer>
#include <QTcpServer>

#include <functional>

class QSocketNotifier;

namespace xmflow::daemon {

// One spare descriptor (an open /dev/null) for the whole daemon: when accept() fails
// for lack of descriptors, it is closed so a waiting client can be accepted and told
// 421 instead of hearing nothing, then taken again.
class DescriptorReserve
{
public:
    DescriptorReserve();
    ~DescriptorReserve();
    DescriptorReserve(const DescriptorReserve &) = delete;
    DescriptorReserve &operator=(const DescriptorReserve &) = delete;
    void release();
    bool hold(); // false while no descriptor is free
    bool held() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

// One listening socket. QTcpServer binds and listens; accepting is done here so that
// running out of descriptors (EMFILE/ENFILE) pauses the listener with a back-off
// instead of spinning on a failing accept(), and waiting clients get a 421.
class SmtpServer : public QTcpServer
{
    Q_OBJECT
public:
    using Acceptor = std::function<void(qintptr descriptor, SmtpServer *server)>;
    // The reply for clients refused while descriptors are exhausted.
    using BusyReply = std::function<QByteArray()>;
    SmtpServer(const ListenAddress &address, Acceptor acceptor, QObject *parent = nullptr);
    ~SmtpServer() override;
    void setExhaustionHandling(DescriptorReserve *reserve, BusyReply busyReply);
    bool start(QString *error);
    void stop();
    const ListenAddress &address() const { return m_address; }
    int exhaustedEpisodes() const { return m_exhaustedEpisodes; }

    // Writes `reply` to a freshly accepted descriptor and closes it at once (no
    // descriptor is kept for a refused client).
    static void refuse(qintptr descriptor, const QByteArray &reply);

signals:
    // accept() failed for lack of descriptors; listening resumes after backoffMs.
    void descriptorsExhausted(int refused, int backoffMs);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void onAcceptable();
    void onExhausted();

    ListenAddress m_address;
    Acceptor m_acceptor;
    DescriptorReserve *m_reserve = nullptr;
    BusyReply m_busyReply;
    QSocketNotifier *m_notifier = nullptr;
    QBasicTimer m_backoff;
    int m_backoffMs = 0;
    int m_exhaustedEpisodes = 0;
};

} // namespace xmflow::daemon

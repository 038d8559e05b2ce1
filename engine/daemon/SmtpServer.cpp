#include "SmtpServer.h"

#include <QSocketNotifier>
#include <QTimerEvent>

#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace xmflow::daemon {

namespace {
// Connections taken per wake-up, so one busy listener cannot starve the sessions.
constexpr int kAcceptBatch = 256;
// While refusing with the reserve descriptor, at most this many clients per round.
constexpr int kRefuseBatch = 64;
constexpr int kFirstBackoffMs = 50;
constexpr int kMaxBackoffMs = 1000;

bool outOfDescriptors(int error)
{
    return error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM;
}
} // namespace

DescriptorReserve::DescriptorReserve()
{
    hold();
}

DescriptorReserve::~DescriptorReserve()
{
    release();
}

void DescriptorReserve::release()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

bool DescriptorReserve::hold()
{
    if (m_fd < 0)
        m_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    return m_fd >= 0;
}

SmtpServer::SmtpServer(const ListenAddress &address, Acceptor acceptor, QObject *parent)
    : QTcpServer(parent), m_address(address), m_acceptor(std::move(acceptor))
{
    setListenBacklogSize(4096);
}

SmtpServer::~SmtpServer() = default;

void SmtpServer::setExhaustionHandling(DescriptorReserve *reserve, BusyReply busyReply)
{
    m_reserve = reserve;
    m_busyReply = std::move(busyReply);
}

bool SmtpServer::start(QString *error)
{
    if (!listen(m_address.address, m_address.port)) {
        *error = QStringLiteral("cannot listen on %1: %2").arg(m_address.text(), errorString());
        return false;
    }
    if (m_address.port == 0)
        m_address.port = serverPort();
    // QTcpServer's own accept loop cannot back off; it stays paused and we accept.
    pauseAccepting();
    m_notifier = new QSocketNotifier(socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SmtpServer::onAcceptable);
    return true;
}

void SmtpServer::stop()
{
    m_backoff.stop();
    delete m_notifier;
    m_notifier = nullptr;
    close();
}

void SmtpServer::onAcceptable()
{
    const int listener = int(socketDescriptor());
    for (int i = 0; i < kAcceptBatch && m_notifier; ++i) {
        const int fd = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            m_backoffMs = 0;
            m_acceptor(fd, this);
            continue;
        }
        const int error = errno;
        if (error == EINTR || error == ECONNABORTED || error == EPROTO || error == EPERM)
            continue; // that one client is gone (or refused by a firewall rule); the next may be there
        if (outOfDescriptors(error))
            onExhausted();
        return; // EAGAIN: nothing waiting; anything else: the notifier tells us again
    }
}

void SmtpServer::onExhausted()
{
    ++m_exhaustedEpisodes;
    m_notifier->setEnabled(false);
    int refused = 0;
    if (m_reserve && m_busyReply) {
        const QByteArray reply = m_busyReply();
        const int listener = int(socketDescriptor());
        m_reserve->release();
        for (; refused < kRefuseBatch; ++refused) {
            const int fd = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0)
                break;
            refuse(fd, reply);
        }
        m_reserve->hold();
    }
    m_backoffMs = m_backoffMs == 0 ? kFirstBackoffMs : qMin(m_backoffMs * 2, kMaxBackoffMs);
    m_backoff.start(m_backoffMs, this);
    emit descriptorsExhausted(refused, m_backoffMs);
}

void SmtpServer::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_backoff.timerId()) {
        QTcpServer::timerEvent(event);
        return;
    }
    m_backoff.stop();
    if (!m_notifier)
        return;
    if (m_reserve)
        m_reserve->hold(); // in case no descriptor was free last time
    // Not accept() at once: Linux reports EMFILE even with nobody waiting. The notifier
    // fires when a client is there.
    m_notifier->setEnabled(true);
}

void SmtpServer::refuse(qintptr descriptor, const QByteArray &reply)
{
    const int fd = int(descriptor);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    // A fresh socket's send buffer takes one line; FIN follows it. Reading what the
    // client already sent keeps close() from turning into a reset that could drop the reply.
    (void)::send(fd, reply.constData(), size_t(reply.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(fd, SHUT_WR);
    char buf[1024];
    while (::recv(fd, buf, sizeof buf, MSG_DONTWAIT) > 0) {
    }
    ::close(fd);
}

} // namespace xmflow::daemon

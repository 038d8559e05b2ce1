#include "SignalNotifier.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace xmflow::daemon {

namespace {
int g_pipe[2] = {-1, -1};

void handler(int signo)
{
    const int saved = errno;
    const char byte = char(signo);
    [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &byte, 1);
    errno = saved;
}
} // namespace

SignalNotifier::SignalNotifier(QObject *parent) : QObject(parent) {}

SignalNotifier::~SignalNotifier()
{
    for (int signo : {SIGHUP, SIGTERM, SIGINT})
        std::signal(signo, SIG_DFL);
}

bool SignalNotifier::install(QString *error)
{
    if (g_pipe[0] < 0 && ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, g_pipe) != 0) {
        *error = QStringLiteral("socketpair: ") + QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalNotifier::onActivated);
    struct sigaction sa = {};
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int signo : {SIGHUP, SIGTERM, SIGINT}) {
        if (::sigaction(signo, &sa, nullptr) != 0) {
            *error = QStringLiteral("sigaction: ") + QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
    }
    std::signal(SIGPIPE, SIG_IGN);
    return true;
}

void SignalNotifier::onActivated()
{
    char buf[64];
    ssize_t n;
    while ((n = ::read(g_pipe[0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; ++i) {
            if (buf[i] == SIGHUP)
                emit hangup();
            else
                emit terminate();
        }
    }
}

} // namespace xmflow::daemon

#include "SmtpServer.h"

namespace xmflow::daemon {

SmtpServer::SmtpServer(const ListenAddress &address, Acceptor acceptor, QObject *parent)
    : QTcpServer(parent), m_address(address), m_acceptor(std::move(acceptor))
{
    setListenBacklogSize(4096);
    setMaxPendingConnections(4096);
}

bool SmtpServer::start(QString *error)
{
    if (!listen(m_address.address, m_address.port)) {
        *error = QStringLiteral("cannot listen on %1: %2").arg(m_address.text(), errorString());
        return false;
    }
    if (m_address.port == 0)
        m_address.port = serverPort();
    return true;
}

void SmtpServer::incomingConnection(qintptr descriptor)
{
    m_acceptor(descriptor, this);
}

} // namespace xmflow::daemon

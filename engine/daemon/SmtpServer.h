#pragma once

#include "ServeOptions.h"

#include <QTcpServer>

#include <functional>

namespace xmflow::daemon {

// One listening socket. Each accepted descriptor is handed to the daemon, which
// wraps it in a QSslSocket (so STARTTLS can follow) and an SmtpConnection.
class SmtpServer : public QTcpServer
{
    Q_OBJECT
public:
    using Acceptor = std::function<void(qintptr descriptor, SmtpServer *server)>;
    SmtpServer(const ListenAddress &address, Acceptor acceptor, QObject *parent = nullptr);
    bool start(QString *error);
    const ListenAddress &address() const { return m_address; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    ListenAddress m_address;
    Acceptor m_acceptor;
};

} // namespace xmflow::daemon

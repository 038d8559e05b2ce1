#pragma once

#include <QHostAddress>
#include <QString>

namespace xmflow::engine {

// An address `xmflowd serve --listen` binds (daemon::ServeOptions); the GUI checks
// it with the same parser before it starts the daemon.
struct ListenAddress {
    QHostAddress address;
    quint16 port = 2525;
    bool implicitTls = false; // ",tls": TLS from the first byte (RFC 8314 submissions, port 465)
    QString text() const;     // "127.0.0.1:2525", "[::1]:2525", "127.0.0.1:465,tls"
};

// Parses "ADDR:PORT", "[v6]:PORT", "PORT" or "ADDR" ("localhost", "*" too), each
// optionally followed by ",tls".
bool parseListenAddress(const QString &text, ListenAddress *out, QString *error);

} // namespace xmflow::engine

#pragma once

#include <QHostAddress>
#include <QString>

namespace xmflow::engine {

// An address `xmflowd serve --listen` binds (daemon::ServeOptions); the GUI checks
// it with the same parser before it starts the daemon.
struct ListenAddress {
    QHostAddress address;
    quint16 port = 2525;
    QString text() const; // "127.0.0.1:2525", "[::1]:2525"
};

// Parses "ADDR:PORT", "[v6]:PORT", "PORT" or "ADDR" ("localhost", "*" too).
bool parseListenAddress(const QString &text, ListenAddress *out, QString *error);

} // namespace xmflow::engine

#pragma once

#include <QHostAddress>
#include <QString>

namespace xmflow::engine {

// An address `xmflowd serve --listen` binds; what the GUI checks before it starts
// the daemon. (engine/daemon/ServeOptions keeps its own copy until the daemon
// library is split out and reads this one.)
struct ListenAddress {
    QHostAddress address;
    quint16 port = 2525;
    QString text() const; // "127.0.0.1:2525", "[::1]:2525"
};

// Parses "ADDR:PORT", "[v6]:PORT", "PORT" or "ADDR" ("localhost", "*" too).
bool parseListenAddress(const QString &text, ListenAddress *out, QString *error);

} // namespace xmflow::engine

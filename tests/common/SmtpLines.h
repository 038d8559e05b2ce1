#pragma once
// SMTP command lines the engine and daemon tests send.

#include <QByteArray>

namespace xmflow::testing {

// "AUTH PLAIN <base64(\0user\0password)>"
inline QByteArray authPlain(const QByteArray &user, const QByteArray &password)
{
    const QByteArray raw = QByteArray(1, '\0') + user + QByteArray(1, '\0') + password;
    return "AUTH PLAIN " + raw.toBase64();
}

} // namespace xmflow::testing

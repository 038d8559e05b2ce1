#include "ListenAddress.h"

namespace xmflow::engine {

QString ListenAddress::text() const
{
    const QString tls = implicitTls ? QStringLiteral(",tls") : QString();
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QLatin1Char('[') + address.toString() + QStringLiteral("]:") + QString::number(port) + tls;
    return address.toString() + QLatin1Char(':') + QString::number(port) + tls;
}

bool parseListenAddress(const QString &textIn, ListenAddress *out, QString *error)
{
    QString text = textIn.trimmed();
    // ",tls": implicit TLS from the first byte (RFC 8314, port 465).
    bool implicitTls = false;
    if (text.endsWith(QLatin1String(",tls"), Qt::CaseInsensitive)) {
        implicitTls = true;
        text.chop(4);
    }
    QString host;
    QString port;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0) {
            *error = QStringLiteral("'%1': missing ']'").arg(text);
            return false;
        }
        host = text.mid(1, close - 1);
        if (text.mid(close + 1).startsWith(QLatin1Char(':')))
            port = text.mid(close + 2);
        else if (close + 1 != text.size()) {
            *error = QStringLiteral("'%1': expected [ADDR]:PORT").arg(text);
            return false;
        }
    } else if (text.count(QLatin1Char(':')) == 1) {
        host = text.section(QLatin1Char(':'), 0, 0);
        port = text.section(QLatin1Char(':'), 1);
    } else if (text.count(QLatin1Char(':')) > 1) {
        host = text; // bare IPv6 address
    } else {
        bool isNumber = false;
        text.toUInt(&isNumber);
        if (isNumber)
            port = text;
        else
            host = text;
    }
    ListenAddress result;
    if (host.isEmpty() || host == QLatin1String("localhost"))
        result.address = QHostAddress(QHostAddress::LocalHost);
    else if (host == QLatin1String("*"))
        result.address = QHostAddress(QHostAddress::Any);
    else
        result.address = QHostAddress(host);
    if (result.address.isNull()) {
        *error = QStringLiteral("'%1' is not an IP address").arg(host);
        return false;
    }
    if (!port.isEmpty()) {
        bool ok = false;
        const uint value = port.toUInt(&ok);
        if (!ok || value > 65535) {
            *error = QStringLiteral("'%1' is not a port number").arg(port);
            return false;
        }
        result.port = quint16(value);
    }
    result.implicitTls = implicitTls;
    *out = result;
    return true;
}

} // namespace xmflow::engine

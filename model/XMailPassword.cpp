#include "XMailPassword.h"

#include <QByteArray>

namespace xmflow::model {

QString encodeXMailPassword(const QString &plain)
{
    static const char hex[] = "0123456789abcdef";
    const QByteArray bytes = plain.toUtf8();
    QString out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        const quint8 v = quint8(quint8(c) ^ 0x65);
        out += QLatin1Char(hex[v >> 4]);
        out += QLatin1Char(hex[v & 0xf]);
    }
    return out;
}

std::optional<QString> decodeXMailPassword(const QString &encoded)
{
    if (encoded.size() % 2 != 0)
        return std::nullopt;
    const auto digit = [](QChar c) -> int {
        const char16_t u = c.unicode();
        if (u >= u'0' && u <= u'9')
            return u - u'0';
        if (u >= u'a' && u <= u'f')
            return u - u'a' + 10;
        if (u >= u'A' && u <= u'F')
            return u - u'A' + 10;
        return -1;
    };
    QByteArray bytes;
    bytes.reserve(encoded.size() / 2);
    for (qsizetype i = 0; i < encoded.size(); i += 2) {
        const int hi = digit(encoded.at(i));
        const int lo = digit(encoded.at(i + 1));
        if (hi < 0 || lo < 0)
            return std::nullopt;
        bytes.append(char((hi * 16 + lo) ^ 0x65));
    }
    return QString::fromUtf8(bytes);
}

} // namespace xmflow::model

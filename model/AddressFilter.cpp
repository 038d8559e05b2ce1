#include "AddressFilter.h"

#include <QtEndian>

#include <arpa/inet.h>

#include <cstring>

namespace xmflow::model {

namespace {

// C's atoi: optional blanks and sign, then digits; anything else ends the number.
int leadingInt(const QByteArray &text, bool *hadDigits)
{
    qsizetype i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
        ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+'))
        negative = text[i++] == '-';
    long long value = 0;
    const qsizetype digitsStart = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && value < 100000)
        value = value * 10 + (text[i++] - '0');
    *hadDigits = i > digitsStart;
    return int(negative ? -value : value);
}

std::array<quint8, 16> prefixMask(int bits)
{
    std::array<quint8, 16> mask{};
    for (int i = 0; i < bits; ++i)
        mask[size_t(i / 8)] |= quint8(0x80 >> (i % 8));
    return mask;
}

int contiguousLength(const std::array<quint8, 16> &mask, int totalBits)
{
    int bits = 0;
    while (bits < totalBits && ((mask[size_t(bits / 8)] >> (7 - bits % 8)) & 1))
        ++bits;
    for (int i = bits; i < totalBits; ++i)
        if ((mask[size_t(i / 8)] >> (7 - i % 8)) & 1)
            return -1;
    return bits;
}

LocalizedText notAnAddress(const QByteArray &text)
{
    const QString shown = QString::fromLatin1(text);
    return {QStringLiteral("'%1' is not an IP address").arg(shown),
            QStringLiteral("'%1' は IP アドレスではありません").arg(shown)};
}

} // namespace

std::optional<IpAddress> IpAddress::parse(QStringView text)
{
    const QByteArray ascii = text.trimmed().toLatin1();
    IpAddress ip;
    if (inet_pton(AF_INET, ascii.constData(), ip.bytes.data()) == 1)
        return ip;
    ip.v6 = true;
    if (inet_pton(AF_INET6, ascii.constData(), ip.bytes.data()) == 1)
        return ip;
    return std::nullopt;
}

IpAddress IpAddress::unmapped() const
{
    static const quint8 prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (!v6 || std::memcmp(bytes.data(), prefix, sizeof prefix) != 0)
        return *this;
    IpAddress ip;
    std::memcpy(ip.bytes.data(), bytes.data() + 12, 4);
    return ip;
}

IpAddress IpAddress::fromV4(quint32 value)
{
    IpAddress ip;
    qToBigEndian(value, ip.bytes.data());
    return ip;
}

quint32 IpAddress::v4() const
{
    return qFromBigEndian<quint32>(bytes.data());
}

QString IpAddress::toString() const
{
    char buffer[INET6_ADDRSTRLEN] = {};
    inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

bool AddressFilter::matches(const IpAddress &peer) const
{
    if (peer.v6 != address.v6)
        return false;
    const size_t n = peer.v6 ? 16 : 4;
    for (size_t i = 0; i < n; ++i)
        if ((peer.bytes[i] & mask[i]) != address.bytes[i])
            return false;
    return true;
}

bool AddressFilter::isCatchAll() const
{
    const size_t n = address.v6 ? 16 : 4;
    for (size_t i = 0; i < n; ++i)
        if (mask[i] != 0)
            return false;
    return true;
}

QString AddressFilter::toString() const
{
    if (prefixLength >= 0)
        return address.toString() + QLatin1Char('/') + QString::number(prefixLength);
    IpAddress maskAddress;
    maskAddress.bytes = mask;
    return address.toString() + QLatin1Char(' ') + maskAddress.toString();
}

AddressFilter AddressFilter::fromPrefix(const IpAddress &ip, int bits)
{
    AddressFilter filter;
    filter.prefixLength = bits;
    filter.mask = prefixMask(bits);
    filter.address = ip;
    for (size_t i = 0; i < 16; ++i)
        filter.address.bytes[i] &= filter.mask[i];
    return filter;
}

AddressParseResult AddressFilter::parse(const QByteArray &addr, const QByteArray *maskField)
{
    AddressParseResult result;
    const qsizetype slash = addr.indexOf('/');
    if (slash >= 0) {
        const QByteArray hostPart = addr.left(slash);
        const auto ip = IpAddress::parse(QString::fromLatin1(hostPart));
        if (!ip) {
            result.error = notAnAddress(hostPart);
            return result;
        }
        const QByteArray bitsText = addr.mid(slash + 1);
        bool hadDigits = false;
        int bits = leadingInt(bitsText, &hadDigits);
        const int maxBits = ip->bitCount();
        const QString host = QString::fromLatin1(hostPart);
        if (!hadDigits) {
            result.warning = {QStringLiteral("no bit count after '/': read as %1/0, which matches every address").arg(host),
                              QStringLiteral("'/' の後にビット数がありません: %1/0 と解釈され、すべてのアドレスに一致します").arg(host)};
        } else if (bits < 0 || bits > maxBits) {
            const int used = bits < 0 ? 0 : maxBits;
            result.warning = {QStringLiteral("bit count %1 is out of range: read as %2/%3").arg(bits).arg(host).arg(used),
                              QStringLiteral("ビット数 %1 は範囲外です: %2/%3 と解釈されます").arg(bits).arg(host).arg(used)};
        } else if (bitsText.trimmed() != QByteArray::number(bits)) {
            const QString rest = QString::fromLatin1(bitsText);
            result.warning = {QStringLiteral("text after the bit count ('%1') is ignored: read as %2/%3").arg(rest, host).arg(bits),
                              QStringLiteral("ビット数の後ろの文字列 ('%1') は無視され、%2/%3 と解釈されます").arg(rest, host).arg(bits)};
        }
        bits = qBound(0, bits, maxBits);
        result.filter = fromPrefix(*ip, bits);
        return result;
    }
    const auto ip = IpAddress::parse(QString::fromLatin1(addr));
    if (!ip) {
        result.error = notAnAddress(addr);
        return result;
    }
    if (maskField && looksLikeNetmask(*maskField)) {
        const auto maskIp = IpAddress::parse(QString::fromLatin1(*maskField));
        if (!maskIp || maskIp->v6 || ip->v6) {
            const QString maskText = QString::fromLatin1(*maskField);
            const QString addrText = QString::fromLatin1(addr);
            result.error = {QStringLiteral("'%1' is not an IPv4 netmask for '%2'").arg(maskText, addrText),
                            QStringLiteral("'%1' は '%2' に対する IPv4 ネットマスクではありません").arg(maskText, addrText)};
            return result;
        }
        AddressFilter filter;
        filter.mask = maskIp->bytes;
        filter.prefixLength = contiguousLength(filter.mask, 32);
        filter.address = *ip;
        for (size_t i = 0; i < 16; ++i)
            filter.address.bytes[i] &= filter.mask[i];
        result.filter = filter;
        result.usedMaskField = true;
        return result;
    }
    // A bare address matches only itself.
    result.filter = fromPrefix(*ip, ip->bitCount());
    return result;
}

bool looksLikeNetmask(const QByteArray &field)
{
    return !field.isEmpty() && field[0] >= '0' && field[0] <= '9';
}

} // namespace xmflow::model

#include "AddressFilter.h"

#include <QtEndian>

#include <arpa/inet.h>

#include <cstring>
#include <algorithm>
#include <limits>

namespace xmflow::model {

namespace {

std::array<quint8, 16> prefixMask(int bits)
{
    std::array<quint8, 16> mask{};
    for (int i = 0; i < bits && i < 128; ++i)
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

bool isV4CompatibleBytes(const std::array<quint8, 16> &b)
{
    for (size_t i = 0; i < 10; ++i)
        if (b[i] != 0)
            return false;
    return (b[10] == 0xff && b[11] == 0xff) || (b[10] == 0 && b[11] == 0);
}

enum class HostResult { Ok, HostName, Invalid };

// Fast path: canonical dotted-quad decimal ("10.0.0.1", no leading zeros).
bool parseCanonicalV4(const QByteArray &text, IpAddress *ip)
{
    const char *p = text.constData();
    const char *end = p + text.size();
    std::array<quint8, 16> bytes{};
    for (int part = 0; part < 4; ++part) {
        if (p >= end || *p < '0' || *p > '9')
            return false;
        if (*p == '0' && p + 1 < end && p[1] >= '0' && p[1] <= '9')
            return false; // leading zero: octal for inet_aton
        int value = 0;
        int digits = 0;
        while (p < end && *p >= '0' && *p <= '9' && digits < 4) {
            value = value * 10 + (*p++ - '0');
            ++digits;
        }
        if (value > 255)
            return false;
        bytes[size_t(part)] = quint8(value);
        if (part < 3) {
            if (p >= end || *p != '.')
                return false;
            ++p;
        }
    }
    if (p != end)
        return false;
    ip->v6 = false;
    ip->bytes = bytes;
    return true;
}

// What getaddrinfo() makes of a numeric host: glibc accepts the inet_aton
// forms ("127.1", "0x7f.0.0.1", octal "010.0.0.1") for IPv4. A text with
// white space or letters is looked up as a host name through DNS.
HostResult parseHost(const QByteArray &text, bool v4Only, IpAddress *ip, bool *canonical = nullptr)
{
    if (canonical)
        *canonical = false;
    if (parseCanonicalV4(text, ip)) {
        if (canonical)
            *canonical = true;
        return HostResult::Ok;
    }
    if (text.isEmpty())
        return HostResult::Invalid;
    for (char c : text)
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f' || c == '\0')
            return HostResult::HostName;
    const QByteArray z(text.constData(), text.size()); // NUL-terminated copy
    in_addr v4{};
    if (inet_aton(z.constData(), &v4) == 1) {
        *ip = IpAddress();
        std::memcpy(ip->bytes.data(), &v4, 4);
        return HostResult::Ok;
    }
    if (!v4Only) {
        IpAddress v6;
        v6.v6 = true;
        if (inet_pton(AF_INET6, z.constData(), v6.bytes.data()) == 1) {
            *ip = v6;
            return HostResult::Ok;
        }
    } else if (text.contains(':')) {
        return HostResult::Invalid;
    }
    // Letters, digits, dots and dashes: a host name XMail would resolve.
    for (char c : text)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'))
            return HostResult::Invalid;
    return HostResult::HostName;
}

LocalizedText hostNameText(const QByteArray &text)
{
    const QString shown = QString::fromLatin1(text);
    return {QStringLiteral("'%1' is not a numeric IP address: XMail resolves it as a host name through DNS on every "
                           "check, which xmflow does not model")
                .arg(shown),
            QStringLiteral("'%1' は数値の IP アドレスではありません。XMail は毎回 DNS でホスト名として解決しますが、"
                           "xmflow はこれを評価しません")
                .arg(shown)};
}

LocalizedText readAsText(const QByteArray &text, const QString &canonical)
{
    const QString shown = QString::fromLatin1(text);
    return {QStringLiteral("'%1' is read as %2 (inet_aton form)").arg(shown, canonical),
            QStringLiteral("'%1' は %2 と解釈されます (inet_aton の形式)").arg(shown, canonical)};
}

} // namespace

int xmailAtoi(QByteArrayView text, bool *hadDigits)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\v' || text[i] == '\f'
                     || text[i] == '\r'))
        ++i;
    bool negative = false;
    if (i < n && (text[i] == '-' || text[i] == '+'))
        negative = text[i++] == '-';
    long long value = 0;
    const qsizetype digitsStart = i;
    while (i < n && text[i] >= '0' && text[i] <= '9') {
        if (value < 100000000000LL)
            value = value * 10 + (text[i] - '0');
        ++i;
    }
    if (hadDigits)
        *hadDigits = i > digitsStart;
    value = negative ? -value : value;
    return int(std::clamp<long long>(value, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

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
    if (peer.v6 == address.v6) {
        const size_t n = peer.v6 ? 16 : 4;
        for (size_t i = 0; i < n; ++i)
            if ((peer.bytes[i] & mask[i]) != address.bytes[i])
                return false;
        return true;
    }
    if (!address.v6) { // IPv4 filter, IPv6 peer: only a v4-mapped/compatible peer, by its last 4 bytes
        if (!isV4CompatibleBytes(peer.bytes))
            return false;
        for (size_t i = 0; i < 4; ++i)
            if ((peer.bytes[12 + i] & mask[i]) != address.bytes[i])
                return false;
        return true;
    }
    // IPv6 filter, IPv4 peer: only when the filter's address is v4-mapped/compatible.
    if (!v4CompatibleAddress)
        return false;
    for (size_t i = 0; i < 4; ++i)
        if ((peer.bytes[i] & mask[12 + i]) != address.bytes[12 + i])
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
    filter.prefixLength = qBound(0, bits, ip.bitCount());
    filter.mask = prefixMask(filter.prefixLength); // "/33" on IPv4 is /32: no mask bits past the address

    filter.address = ip;
    filter.v4CompatibleAddress = ip.v6 && isV4CompatibleBytes(ip.bytes);
    for (size_t i = 0; i < 16; ++i)
        filter.address.bytes[i] &= filter.mask[i];
    return filter;
}

AddressParseResult AddressFilter::parse(const QByteArray &addr, const QByteArray *maskField)
{
    AddressParseResult result;
    const auto fail = [&result](const QByteArray &text, HostResult why) {
        result.hostName = why == HostResult::HostName;
        result.error = result.hostName ? hostNameText(text) : notAnAddress(text);
        return result;
    };
    const qsizetype slash = addr.indexOf('/');
    if (slash >= 0) {
        const QByteArray hostPart = addr.left(slash);
        IpAddress ip;
        bool canonical = false;
        const HostResult parsed = parseHost(hostPart, false, &ip, &canonical);
        if (parsed != HostResult::Ok)
            return fail(hostPart, parsed);
        const QByteArrayView bitsText = QByteArrayView(addr).sliced(slash + 1);
        bool hadDigits = false;
        const int bits = xmailAtoi(bitsText, &hadDigits);
        const int maxBits = ip.bitCount();
        bool plainBits = hadDigits && bits >= 0 && bits <= maxBits && bitsText.size() <= 3
                         && (bitsText.size() == 1 || bitsText[0] != '0');
        for (char c : bitsText)
            plainBits = plainBits && c >= '0' && c <= '9';
        if (plainBits && (canonical || ip.v6)) {
            result.filter = fromPrefix(ip, bits);
            return result;
        }
        const QString host = ip.toString();
        if (!hadDigits) {
            result.warning = {QStringLiteral("no bit count after '/': read as %1/0, which matches every address").arg(host),
                              QStringLiteral("'/' の後にビット数がありません: %1/0 と解釈され、すべてのアドレスに一致します").arg(host)};
        } else if (bits < 0 || bits > maxBits) {
            const int used = bits < 0 ? 0 : maxBits;
            result.warning = {QStringLiteral("bit count %1 is out of range: read as %2/%3").arg(bits).arg(host).arg(used),
                              QStringLiteral("ビット数 %1 は範囲外です: %2/%3 と解釈されます").arg(bits).arg(host).arg(used)};
        } else if (!plainBits) {
            const QString rest = QString::fromLatin1(bitsText.data(), bitsText.size());
            result.warning = {QStringLiteral("the bit count '%1' is read with atoi: %2/%3").arg(rest, host).arg(bits),
                              QStringLiteral("ビット数 '%1' は atoi で読まれ、%2/%3 と解釈されます").arg(rest, host).arg(bits)};
        } else if (!ip.v6 && hostPart != host.toLatin1()) {
            result.warning = readAsText(hostPart, host);
        }
        result.filter = fromPrefix(ip, qMax(0, bits));
        return result;
    }
    if (!maskField) {
        result.error = {QStringLiteral("'%1' has no /bits and no netmask field: XMail never matches it")
                            .arg(QString::fromLatin1(addr)),
                        QStringLiteral("'%1' には /ビット数 もネットマスクのフィールドもありません: XMail は一致させません")
                            .arg(QString::fromLatin1(addr))};
        return result;
    }
    IpAddress ip;
    bool addrCanonical = false;
    const HostResult parsedAddr = parseHost(addr, true, &ip, &addrCanonical);
    if (parsedAddr != HostResult::Ok)
        return fail(addr, parsedAddr);
    IpAddress maskIp;
    bool maskCanonical = false;
    const HostResult parsedMask = parseHost(*maskField, true, &maskIp, &maskCanonical);
    if (parsedMask != HostResult::Ok) {
        const QString maskText = QString::fromLatin1(*maskField);
        const QString addrText = QString::fromLatin1(addr);
        result.hostName = parsedMask == HostResult::HostName;
        result.error = {QStringLiteral("'%1' is not an IPv4 netmask for '%2'").arg(maskText, addrText),
                        QStringLiteral("'%1' は '%2' に対する IPv4 ネットマスクではありません").arg(maskText, addrText)};
        return result;
    }
    if (!addrCanonical)
        result.warning = readAsText(addr, ip.toString());
    else if (!maskCanonical)
        result.warning = readAsText(*maskField, maskIp.toString());
    AddressFilter filter;
    filter.mask = {};
    std::memcpy(filter.mask.data(), maskIp.bytes.data(), 4);
    filter.prefixLength = contiguousLength(filter.mask, 32);
    filter.address = ip;
    for (size_t i = 0; i < 16; ++i)
        filter.address.bytes[i] &= filter.mask[i];
    result.filter = filter;
    result.usedMaskField = true;
    return result;
}

bool looksLikeNetmask(const QByteArray &field)
{
    return !field.isEmpty() && field[0] >= '0' && field[0] <= '9';
}

} // namespace xmflow::model

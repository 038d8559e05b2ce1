#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "Diagnostic.h"

#include <array>
#include <optional>

namespace xmflow::model {

// An IPv4 or IPv6 address as raw bytes in network order; IPv4 uses the first 4 bytes.
struct IpAddress {
    bool v6 = false;
    std::array<quint8, 16> bytes{};

    static std::optional<IpAddress> parse(QStringView text);
    // ::ffff:a.b.c.d (an IPv4 peer on a dual-stack socket) becomes plain IPv4.
    IpAddress unmapped() const;
    static IpAddress fromV4(quint32 value);
    quint32 v4() const;
    int bitCount() const { return v6 ? 128 : 32; }
    bool bit(int index) const { return (bytes[size_t(index / 8)] >> (7 - index % 8)) & 1; }
    QString toString() const;
    bool operator==(const IpAddress &other) const { return v6 == other.v6 && bytes == other.bytes; }
};

// XMail's address filter (MscLoadAddressFilter / SysInetAddrMatch): a peer
// matches when (peer & mask) == (address & mask). An IPv4 filter also matches
// a v4-mapped or v4-compatible IPv6 peer (last 4 bytes); an IPv6 filter whose
// address is v4-mapped/compatible also matches an IPv4 peer.
struct AddressFilter {
    IpAddress address;       // already masked
    std::array<quint8, 16> mask{};
    int prefixLength = -1;   // -1 when the mask is not contiguous (netmask form only)
    bool v4CompatibleAddress = false; // IPv6 filter written as ::ffff:a.b.c.d or ::a.b.c.d

    bool matches(const IpAddress &peer) const;
    bool isCatchAll() const; // 0.0.0.0/0, ::/0 or a zero netmask
    QString toString() const;

    // Reads a filter exactly as XMail 1.27 does:
    // - addr contains '/': "host/bits", host IPv4 or IPv6, bits read with atoi
    //   (garbage, empty, 0 or negative gives an all-zero mask, larger than the
    //   address gives the full mask); maskField is ignored.
    // - otherwise, with maskField: IPv4 address plus IPv4 netmask (any bits).
    // - otherwise (one field without '/'): invalid, XMail never matches it.
    // The caller decides whether a mask field is offered (spammers.tab: the
    // second field starts with a digit; ipmap/relay: always; ipprop: never).
    static struct AddressParseResult parse(const QByteArray &addr, const QByteArray *maskField);
    static AddressFilter fromPrefix(const IpAddress &address, int bits);
};

struct AddressParseResult {
    std::optional<AddressFilter> filter;
    LocalizedText error;   // why the line cannot be used (filter empty)
    LocalizedText warning; // lenient parse: what XMail made of a malformed text
    bool usedMaskField = false;
    bool hostName = false; // error: XMail would resolve a host name through DNS
};

// spammers.tab: a second field is a netmask when its first byte is an ASCII digit.
bool looksLikeNetmask(const QByteArray &field);

// C's atoi on bytes: leading white space, an optional sign, then digits
// (saturating instead of overflowing). *hadDigits tells whether any digit was read.
int xmailAtoi(QByteArrayView text, bool *hadDigits = nullptr);

} // namespace xmflow::model

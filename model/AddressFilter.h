#pragma once

#include <QByteArray>
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

// XMail's address filter: a peer matches when (peer & mask) == (address & mask).
struct AddressFilter {
    IpAddress address;       // already masked
    std::array<quint8, 16> mask{};
    int prefixLength = -1;   // -1 when the mask is not contiguous (netmask form only)

    bool matches(const IpAddress &peer) const;
    bool isCatchAll() const; // 0.0.0.0/0, ::/0 or a zero netmask
    QString toString() const;

    static struct AddressParseResult parse(const QByteArray &addr, const QByteArray *maskField);
    static AddressFilter fromPrefix(const IpAddress &address, int bits);
};

struct AddressParseResult {
    std::optional<AddressFilter> filter;
    LocalizedText error;   // why the line cannot be used (filter empty)
    LocalizedText warning; // lenient parse: what XMail made of a malformed text
    bool usedMaskField = false;
};

// A second field is a netmask when it starts with a digit, as XMail decides.
bool looksLikeNetmask(const QByteArray &field);

} // namespace xmflow::model

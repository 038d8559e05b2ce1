// libFuzzer target: the address-filter reader (model AddressFilter::parse,
// IpAddress::parse, xmailAtoi) as every table with addresses uses it.
//
// Input: "addr" or "addr<TAB>mask" (a mask field is offered only with the TAB),
// optionally followed by '\n' and a peer address to match. Invariants: a filter
// is either returned or explained, its address is already masked, toString()
// reads back as the same filter, the filter matches its own network address,
// and addresses print and re-read unchanged.

#include "FuzzSupport.h"

using namespace xmflow;
using namespace xmflow::fuzz;
using model::AddressFilter;
using model::IpAddress;

namespace {

QByteArray describe(const AddressFilter &f)
{
    return f.toString().toUtf8() + " prefix " + QByteArray::number(f.prefixLength);
}

void checkAddressRoundTrip(const IpAddress &ip)
{
    const auto again = IpAddress::parse(ip.toString());
    XMFLOW_FUZZ_CHECK(again && *again == ip, ip.toString().toUtf8());
    XMFLOW_FUZZ_CHECK(ip.unmapped().unmapped() == ip.unmapped(), ip.toString().toUtf8());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    const QByteArray input = bytesOf(data, size);
    const qsizetype newline = input.indexOf('\n');
    const QByteArray spec = newline < 0 ? input : input.left(newline);
    const QByteArray peerText = newline < 0 ? QByteArray() : input.mid(newline + 1);
    const qsizetype tab = spec.indexOf('\t');
    const QByteArray addr = tab < 0 ? spec : spec.left(tab);
    const QByteArray maskField = tab < 0 ? QByteArray() : spec.mid(tab + 1);

    bool hadDigits = false;
    const int atoi = model::xmailAtoi(spec, &hadDigits);
    if (!hadDigits)
        XMFLOW_FUZZ_CHECK(atoi == 0, spec);
    model::looksLikeNetmask(maskField);

    const model::AddressParseResult result = AddressFilter::parse(addr, tab < 0 ? nullptr : &maskField);
    XMFLOW_FUZZ_CHECK(result.filter.has_value() != !result.error.isEmpty(), spec);
    if (result.filter) {
        const AddressFilter &f = *result.filter;
        const size_t n = f.address.v6 ? 16 : 4;
        for (size_t i = 0; i < n; ++i)
            XMFLOW_FUZZ_CHECK((f.address.bytes[i] & f.mask[i]) == f.address.bytes[i], describe(f));
        XMFLOW_FUZZ_CHECK(f.prefixLength >= -1 && f.prefixLength <= f.address.bitCount(), describe(f));
        XMFLOW_FUZZ_CHECK(f.matches(f.address), describe(f));
        checkAddressRoundTrip(f.address);
        // The canonical text reads back as the same filter (the form the GUI writes).
        const QString text = f.toString();
        AddressFilter again;
        if (f.prefixLength >= 0) {
            const auto r = AddressFilter::parse(text.toLatin1(), nullptr);
            XMFLOW_FUZZ_CHECK(r.filter.has_value(), describe(f));
            again = *r.filter;
        } else {
            const QByteArray mask = text.section(QLatin1Char(' '), 1).toLatin1();
            const auto r = AddressFilter::parse(text.section(QLatin1Char(' '), 0, 0).toLatin1(), &mask);
            XMFLOW_FUZZ_CHECK(r.filter.has_value(), describe(f));
            again = *r.filter;
        }
        XMFLOW_FUZZ_CHECK(again.address == f.address && again.mask == f.mask,
                          describe(f) + " re-read as " + describe(again));
        XMFLOW_FUZZ_CHECK(again.isCatchAll() == f.isCatchAll(), describe(f));
        if (f.isCatchAll())
            XMFLOW_FUZZ_CHECK(f.matches(IpAddress::fromV4(0x01020304u)) || f.address.v6, describe(f));
    }
    if (const auto peer = IpAddress::parse(QString::fromLatin1(peerText))) {
        checkAddressRoundTrip(*peer);
        if (result.filter) {
            const bool direct = result.filter->matches(*peer);
            // An IPv4 filter treats a v4-mapped IPv6 peer as the IPv4 peer.
            if (!result.filter->address.v6 && peer->v6 && !(peer->unmapped() == *peer))
                XMFLOW_FUZZ_CHECK(direct == result.filter->matches(peer->unmapped()),
                                  describe(*result.filter) + " peer " + peerText);
        }
    }
    return 0;
}

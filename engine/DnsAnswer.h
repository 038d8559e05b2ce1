#pragma once
// DNS messages in, meaning out: pure functions, no I/O, no clock. The resolver
// (Resolver.h) feeds them what the network returned; tests and fuzzers feed
// them anything. No input makes them crash, loop or allocate without bound.

#include "AddressFilter.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace xmflow::engine {

using model::IpAddress;

// RR types xmflow reads; others are kept with an empty value.
namespace DnsType {
constexpr quint16 A = 1;
constexpr quint16 NS = 2;
constexpr quint16 CNAME = 5;
constexpr quint16 SOA = 6;
constexpr quint16 PTR = 12;
constexpr quint16 MX = 15;
constexpr quint16 TXT = 16;
constexpr quint16 AAAA = 28;
QString name(quint16 type); // "A", "PTR", ..., "TYPE99"
} // namespace DnsType

struct DnsRecord {
    quint16 type = 0;   // a DnsType value
    QString name;       // owner name: lower case, no trailing dot, odd bytes as \DDD
    QString value;      // A/AAAA: address; PTR/CNAME/NS: name (as above); MX: exchange name; else ""
    quint32 ttl = 0;    // seconds
    quint16 preference = 0; // MX only
};

enum class DnsStatus {
    NoError,      // an answer (possibly with no record of the asked type: NODATA)
    NxDomain,     // the name does not exist
    ServerFailure, // SERVFAIL, FORMERR, NOTIMP and other error codes
    Refused,
    Timeout,      // nobody answered in time
    Malformed,    // an answer came but cannot be read
    NetworkError, // no answer could be asked for (unreachable server, bad name ...)
};
QString dnsStatusName(DnsStatus status); // "NOERROR", "NXDOMAIN", "timeout", ...

// One reply: parsed from the wire, or made up by a test.
struct DnsReply {
    DnsStatus status = DnsStatus::Timeout;
    QList<DnsRecord> answers;  // the answer section
    quint32 negativeTtl = 0;   // RFC 2308: from the authority SOA, for NXDOMAIN / NODATA
    bool truncated = false;    // TC bit
    QString error;             // why Malformed / NetworkError
};

// What a query is for; it decides the RR type and how the reply is read.
enum class DnsQueryKind {
    Dnsbl,    // A of <reversed ip>.<map root>: any address = listed (XMail 1.27)
    Ptr,      // PTR of <reversed ip>.in-addr.arpa / ip6.arpa
    Mx,       // MX of a sender domain (CheckMailerDomain)
    Address4, // A of a sender domain (CheckMailerDomain fallback)
    Address6, // AAAA of a sender domain
};
quint16 dnsQueryType(DnsQueryKind kind);
QString dnsQueryKindName(DnsQueryKind kind); // "dnsbl", "ptr", "mx", "a", "aaaa"

enum class DnsOutcome {
    Found,    // DNSBL: listed; PTR/MX/A/AAAA: records found
    NotFound, // NXDOMAIN or no record of the type
    TimedOut, // no answer in time (a DNSBL then counts as not listed)
    Failed,   // server failure, refusal, unreadable answer, network error
};

struct DnsAnswer {
    DnsOutcome outcome = DnsOutcome::TimedOut;
    DnsStatus status = DnsStatus::Timeout;
    QStringList values; // DNSBL/A/AAAA: addresses; PTR: host names; MX: exchanges by preference
    quint32 ttl = 0;    // how long the answer may be cached (0: not at all)
    // One line for traces: "listed (127.0.0.2)", "not listed (NXDOMAIN)", "timed out", ...
    QString summary(DnsQueryKind kind) const;
};

// Reads a reply for `queryName` (any case, trailing dot or not) as `kind` asks.
// Records are taken only for the asked name, following CNAMEs in the answer.
DnsAnswer interpretDnsReply(DnsQueryKind kind, const QString &queryName, const DnsReply &reply);

// CheckMailerDomain as XMail 1.27 decides it (USmtpCheckMailDomain): an MX
// record, else an A or AAAA record, lets the sender in. Anything else, a
// timeout included, refuses it (505).
struct MailerDomainResult {
    bool exists = false;
    QString reason; // for traces, e.g. "MX mx.example.test" or "no MX (NXDOMAIN), no A (timed out), no AAAA (NOERROR)"
};
MailerDomainResult mailerDomainResult(const DnsAnswer &mx, const DnsAnswer &a, const DnsAnswer &aaaa);

// Wire format (RFC 1035). A query with RD set; empty when the name cannot be encoded.
QByteArray buildDnsQuery(quint16 id, const QString &name, quint16 type);
// Reads a reply. `matched` says whether it answers (id, name, type); a reply
// for something else is stray and must be ignored by the transport.
struct ParsedDnsMessage {
    bool matched = false;
    DnsReply reply;
};
ParsedDnsMessage parseDnsMessage(const QByteArray &message, quint16 id, const QString &name, quint16 type);

// Query names.
QString dnsReversedIp(const IpAddress &peer);   // "d.c.b.a." or the 32-nibble IPv6 form, with trailing dot
QString dnsblQueryName(const IpAddress &peer, const QString &root); // reversed ip + root, no trailing dot
QString ptrQueryName(const IpAddress &peer);    // ... + "in-addr.arpa" / "ip6.arpa", no trailing dot
QString normalizedDnsName(const QString &name); // lower case, trimmed, no trailing dot

} // namespace xmflow::engine

#pragma once
// Shared by the libFuzzer targets: invariant checks that abort with a readable
// message, input splitting, and an in-memory MailRoot modelled on the
// conformance base (../shared/conformance/base-mailroot) so that every target
// is self-contained and reproducible from a single input file.

#include "MailRoot.h"
#include "Policy.h"
#include "SmtpSession.h"
#include "TabFile.h"
#include "Tables.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <tuple>

namespace xmflow::fuzz {

[[noreturn]] inline void invariantBroken(const char *condition, const char *file, int line,
                                         const QByteArray &detail)
{
    std::fprintf(stderr, "\nxmflow fuzz invariant broken at %s:%d: %s\n%s\n", file, line, condition,
                 detail.constData());
    std::abort();
}

// Like assert(), but also active in release builds and with a detail text.
#define XMFLOW_FUZZ_CHECK(condition, detail)                                                                 \
    do {                                                                                                     \
        if (!(condition))                                                                                    \
            ::xmflow::fuzz::invariantBroken(#condition, __FILE__, __LINE__, QByteArray(detail));             \
    } while (0)

inline QByteArray bytesOf(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// The input split at '\n'; the CRs stay (the session refuses a CR inside a command).
inline QList<QByteArray> inputLines(const QByteArray &input)
{
    QList<QByteArray> lines = input.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

// One input line as the daemon hands it to the session: "...\r" ended with CRLF (the CR
// goes), anything else with a bare LF.
struct FedLine {
    QByteArray text;
    engine::LineEnding ending;
};

inline FedLine fedLine(const QByteArray &raw)
{
    if (raw.endsWith('\r'))
        return {raw.left(raw.size() - 1), engine::LineEnding::CrLf};
    return {raw, engine::LineEnding::BareLf};
}

// Tables of the conformance base MailRoot: example.test with alice/wonderland and
// bob/builder (XMail-encrypted passwords), relayuser/relaypass (MR) in smtpauth.tab.
inline model::MailRoot baseMailRoot(const QByteArray &extraServerLines = {},
                                    const QByteArray &relayLines = {})
{
    using model::TableKind;
    model::MailRoot root;
    auto set = [&root](TableKind kind, const QByteArray &bytes) {
        model::TableDocument &doc = root.document(kind);
        doc.kind = kind;
        doc.file = model::TabFile::fromBytes(bytes);
        doc.loadedBytes = bytes;
        doc.existsOnDisk = true;
    };
    for (TableKind kind : model::allTableKinds())
        set(kind, {});
    set(TableKind::Domains, "\"example.test\"\n");
    set(TableKind::MailUsers, "\"example.test\"\t\"alice\"\t\"120a0b01001709040b01\"\t1\t\"alice\"\t\"U\"\n"
                              "\"example.test\"\t\"bob\"\t\"07100c09010017\"\t2\t\"bob\"\t\"U\"\n");
    set(TableKind::Server, "\"RootDomain\"\t\"example.test\"\n"
                           "\"SmtpServerDomain\"\t\"example.test\"\n"
                           "\"PostMaster\"\t\"postmaster@example.test\"\n"
                           "\"DefaultSmtpPerms\"\t\"MR\"\n"
                           "\"SMTP-RDNSCheck\"\t\"0\"\n" +
                               extraServerLines);
    set(TableKind::IpMap, "\"0.0.0.0\"\t\"0.0.0.0\"\t\"ALLOW\"\t1\n");
    set(TableKind::SmtpAuth, "\"relayuser\"\t\"relaypass\"\t\"MR\"\n");
    set(TableKind::SmtpRelay, relayLines);
    root.reparse();
    return root;
}

// A clock that never moves: sessions come out the same on every run.
class FixedClock : public engine::Clock
{
public:
    QDateTime now() const override { return QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC); }
};

// The peer of every fuzzed session; smtprelay.tab lists it only when asked to.
inline model::IpAddress fuzzPeer()
{
    return *model::IpAddress::parse(u"192.0.2.10");
}

inline engine::Endpoint fuzzLocal()
{
    engine::Endpoint local;
    local.address = *model::IpAddress::parse(u"127.0.0.1");
    local.port = 25;
    return local;
}

// Recipients the session may accept without relay rights: one plain mailbox of a
// local domain that exists there. Anything else (a source route, user%host, a bang
// path, a second '@', a remote domain) must have been refused.
inline bool isPlainLocalMailbox(const engine::Policy &policy, const QString &address)
{
    if (address.startsWith(QLatin1Char('@')) || address.contains(QLatin1Char('%')) ||
        address.contains(QLatin1Char('!')) || address.count(QLatin1Char('@')) != 1)
        return false;
    const qsizetype at = address.indexOf(QLatin1Char('@'));
    const QString user = address.left(at);
    const QString domain = address.mid(at + 1);
    return !user.isEmpty() && policy.isLocalDomain(domain) && policy.hasLocalUser(domain, user);
}

// Checks the shape of one session output: CRLF-terminated lines "NNN " / "NNN-",
// the code field equal to the last line's code, nothing after the session closed.
inline void checkOutput(const engine::SessionOutput &out, const QByteArray &context)
{
    XMFLOW_FUZZ_CHECK(out.delaySeconds >= 0, context);
    if (out.reply.isEmpty()) {
        XMFLOW_FUZZ_CHECK(out.code == 0, context);
        return;
    }
    XMFLOW_FUZZ_CHECK(out.reply.endsWith("\r\n"), context + " reply: " + out.reply);
    const QList<QByteArray> lines = out.reply.chopped(2).split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        XMFLOW_FUZZ_CHECK(!line.contains('\r') && !line.contains('\0'), context + " reply: " + out.reply);
        XMFLOW_FUZZ_CHECK(line.size() >= 3 && std::isdigit(uchar(line[0])) && std::isdigit(uchar(line[1])) &&
                              std::isdigit(uchar(line[2])),
                          context + " reply: " + out.reply);
        // Several replies may follow each other (an error, then the 421 of the error limit);
        // within one reply the lines share the code and all but the last have '-'.
        const char sep = line.size() > 3 ? line[3] : ' ';
        XMFLOW_FUZZ_CHECK(sep == ' ' || (sep == '-' && i + 1 < lines.size()),
                          context + " reply: " + out.reply);
        if (sep == '-')
            XMFLOW_FUZZ_CHECK(lines.at(i + 1).left(3) == line.left(3), context + " reply: " + out.reply);
        if (i + 1 == lines.size())
            XMFLOW_FUZZ_CHECK(out.code == line.left(3).toInt(), context + " reply: " + out.reply);
    }
    XMFLOW_FUZZ_CHECK(out.code >= 200 && out.code <= 599, context + " reply: " + out.reply);
}

} // namespace xmflow::fuzz

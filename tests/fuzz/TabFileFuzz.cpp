// libFuzzer target: the tab-file reader and the typed table parsers (model
// TabFile + parseTable), then the engine's compiled Policy and lint over the
// resulting MailRoot, as xmflowd serve and check load a hand-edited file.
//
// Input: byte 0 selects the table kind, the rest is the file. Invariants: the
// file's bytes survive a load/save round trip; a record's fields survive being
// rewritten in canonical form (when XMail's quoting can express them); every
// finding points into the file; line edits undone give back the same lines.

#include "FuzzSupport.h"

#include "Lint.h"

using namespace xmflow;
using namespace xmflow::fuzz;
using model::TabFile;

namespace {

// XMail's StrQuote/StrDeQuote cannot express a TAB or a line break inside a
// field, nor a backslash right before the closing quote.
bool quotable(const QByteArray &field)
{
    return !field.contains('\t') && !field.contains('\n') && !field.contains('\r') && !field.endsWith('\\');
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 256 * 1024)
        return 0;
    const QList<model::TableKind> &kinds = model::allTableKinds();
    const model::TableKind kind = kinds.at(data[0] % kinds.size());
    const QByteArray bytes = bytesOf(data + 1, size - 1);

    const TabFile file = TabFile::fromBytes(bytes);
    XMFLOW_FUZZ_CHECK(file.toBytes() == bytes, "round trip");

    model::ParsedTables tables;
    model::Diagnostics diagnostics;
    model::parseTable(kind, file, tables, diagnostics);
    for (const model::Diagnostic &d : std::as_const(diagnostics)) {
        XMFLOW_FUZZ_CHECK(d.file == model::tableFileName(kind), d.file.toUtf8());
        XMFLOW_FUZZ_CHECK(d.line >= 0 && d.line <= file.lineCount(), d.format().toUtf8());
        XMFLOW_FUZZ_CHECK(!d.message.en.isEmpty() && !d.message.ja.isEmpty() && !d.kind.isEmpty(),
                          d.format().toUtf8());
    }

    for (int i = 0; i < file.lineCount() && i < 200; ++i) {
        const QByteArray &text = file.line(i).text;
        if (!TabFile::isRecord(text))
            continue;
        const QList<QByteArray> fields = TabFile::splitFields(text);
        if (!std::all_of(fields.cbegin(), fields.cend(), quotable))
            continue;
        const QByteArray canonical = TabFile::canonicalLine(fields);
        XMFLOW_FUZZ_CHECK(TabFile::splitFields(canonical) == fields, "canonical form of line " +
                                                                         QByteArray::number(i + 1) + ": " +
                                                                         text + " -> " + canonical);
    }

    // Inserting a record at the end and removing it again gives back the same bytes,
    // also for a file without a final newline; so does moving a line there and back.
    TabFile edited = file;
    edited.appendRecord({QStringLiteral("x"), QStringLiteral("y")});
    edited.removeLine(edited.lineCount() - 1);
    XMFLOW_FUZZ_CHECK(edited.toBytes() == bytes, "append + remove");
    if (file.lineCount() >= 2) {
        const int from = data[0] % file.lineCount();
        const int to = file.lineCount() - 1;
        edited.moveLine(from, to);
        edited.moveLine(to, from);
        // The texts come back in order; a line that was last for a while may take the
        // file's usual end-of-line, but a missing final newline stays missing.
        XMFLOW_FUZZ_CHECK(edited.lineCount() == file.lineCount(), "move there and back");
        for (int i = 0; i < file.lineCount(); ++i)
            XMFLOW_FUZZ_CHECK(edited.line(i).text == file.line(i).text,
                              "move there and back, line " + QByteArray::number(i + 1));
        XMFLOW_FUZZ_CHECK(edited.lines().last().eol.isEmpty() == file.lines().last().eol.isEmpty(),
                          "move there and back");
    }

    // The whole MailRoot with this table: what xmflowd serve compiles and lint reports.
    model::MailRoot root = baseMailRoot();
    root.document(kind).file = file;
    root.document(kind).loadedBytes = bytes;
    root.reparse();
    const auto policy = engine::Policy::compile(root);
    for (const char *peer : {"192.0.2.10", "127.0.0.1", "::ffff:10.1.2.3", "2001:db8::1"}) {
        const engine::ConnectVerdict v = policy->evaluate(*model::IpAddress::parse(QString::fromLatin1(peer)),
                                                          fuzzLocal(), engine::DnsAnswers{});
        XMFLOW_FUZZ_CHECK(v.delaySeconds >= 0 && v.greetPause >= 0, peer);
        if (v.drop)
            XMFLOW_FUZZ_CHECK(v.dropReply.size() >= 3 && v.dropReply.left(3).toInt() == v.dropCode,
                              v.dropReply.toUtf8());
        policy->relayAllowed(*model::IpAddress::parse(QString::fromLatin1(peer)));
    }
    policy->spamAddressLine(QStringLiteral("someone@remote.test"));
    policy->authenticate(QStringLiteral("alice@example.test"), QStringLiteral("wonderland"));
    const model::Diagnostics findings = engine::lint(root);
    for (const model::Diagnostic &d : findings)
        XMFLOW_FUZZ_CHECK(!d.format().isEmpty(), d.kind.toUtf8());
    return 0;
}

// TabFile: byte-exact round trip and XMail's own reading of a line.

#include "ModelTestUtil.h"

#include "TabFile.h"

#include <QStringDecoder>
#include <QStringEncoder>

#include <random>

using namespace xmflow::model;
using namespace xmflow::model::test;

namespace {

QByteArray shiftJis(const QString &text)
{
    QStringEncoder encoder("Shift_JIS");
    EXPECT_TRUE(encoder.isValid());
    QByteArray bytes = encoder.encode(text);
    EXPECT_FALSE(encoder.hasError());
    return bytes;
}

QList<QByteArray> bytesList(std::initializer_list<const char *> items)
{
    QList<QByteArray> out;
    for (const char *item : items)
        out.append(QByteArray(item));
    return out;
}

} // namespace

TEST(TabFile, EveryConformanceFileRoundTripsByteForByte)
{
    const QStringList files = allFilesUnder(conformanceDir());
    ASSERT_GT(files.size(), 10) << "no conformance files found under " << conformanceDir().toStdString();
    for (const QString &path : files) {
        const QByteArray bytes = readBytes(path);
        const TabFile file = TabFile::fromBytes(bytes);
        EXPECT_EQ(file.toBytes(), bytes) << path.toStdString();
    }
}

TEST(TabFile, GeneratedFileWithEveryAwkwardFeatureRoundTrips)
{
    const QString japanese = QStringLiteral("# 迷惑メール送信元 (社内ネットワークは除外)");
    QByteArray bytes;
    bytes += "# header with LF\n";
    bytes += shiftJis(japanese) + "\r\n";                          // Shift_JIS comment, CRLF
    bytes += "\"127.0.0.0/8\"\t\"code=-30\"\r\n";                   // CRLF record
    bytes += "\"10.0.0.1\"\t\"255.255.255.255\"\t\"code=0\"\n";     // LF record
    bytes += "\"192.0.2.0/24\"\t\"\"\t\"code=1\"\n";                // empty quoted field
    bytes += "\"a\tb\"\t\"c\"\n";                                   // TAB inside quotes
    bytes += "\"198.51.100.0/24\"\t\"code=5\"   \n";                // trailing spaces
    bytes += "\n";                                                  // blank LF line
    bytes += "\r\n";                                                // blank CRLF line
    bytes += "   \t \n";                                            // whitespace-only line
    bytes += "\"x\"\r\r\n";                                         // extra CR before CRLF
    bytes += "\"203.0.113.0/24\"\t\"code=-2\"";                     // no final newline

    const TabFile file = TabFile::fromBytes(bytes);
    EXPECT_EQ(file.toBytes(), bytes);
    EXPECT_EQ(file.lineCount(), 12);
    EXPECT_EQ(file.encoding(), TextEncoding::ShiftJis);
    EXPECT_EQ(file.decode(file.line(1).text), japanese);
    EXPECT_EQ(file.line(1).eol, QByteArray("\r\n"));
    EXPECT_EQ(file.line(3).eol, QByteArray("\n"));
    EXPECT_EQ(file.line(11).eol, QByteArray());
    EXPECT_EQ(file.line(10).text, QByteArray("\"x\"\r"));
    EXPECT_EQ(TabFile::splitFields(TabFile::withoutTrailingCr(file.line(10).text)), bytesList({"x"}));
    EXPECT_EQ(TabFile::splitFields(file.line(4).text), bytesList({"192.0.2.0/24", "", "code=1"}));
    EXPECT_EQ(TabFile::splitFields(file.line(6).text), bytesList({"198.51.100.0/24", "code=5"}));
}

TEST(TabFile, Utf8CommentsStayUtf8)
{
    const QByteArray bytes = QStringLiteral("# コメント\n\"a\"\t\"b\"\n").toUtf8();
    const TabFile file = TabFile::fromBytes(bytes);
    EXPECT_EQ(file.encoding(), TextEncoding::Utf8);
    EXPECT_EQ(file.decode(file.line(0).text), QStringLiteral("# コメント"));
    EXPECT_EQ(file.toBytes(), bytes);
}

TEST(TabFile, CommentOnlyWhenHashIsTheFirstByte)
{
    EXPECT_TRUE(TabFile::isComment("#x"));
    EXPECT_TRUE(TabFile::isComment("#"));
    EXPECT_FALSE(TabFile::isComment(" #x"));
    EXPECT_FALSE(TabFile::isComment("\t#x"));
    EXPECT_FALSE(TabFile::isComment("\"#x\""));
    EXPECT_TRUE(TabFile::isBlank(""));
    EXPECT_TRUE(TabFile::isBlank("\r"));
    EXPECT_FALSE(TabFile::isBlank("  "));
    EXPECT_TRUE(TabFile::isWhitespaceOnly(" \t "));
    EXPECT_FALSE(TabFile::isWhitespaceOnly(""));
    EXPECT_FALSE(TabFile::isWhitespaceOnly(" x "));
}

TEST(TabFile, SplitFieldsFollowsStrtokAndStrDeQuote)
{
    // Runs of TABs are one separator; leading/trailing TABs vanish.
    EXPECT_EQ(TabFile::splitFields("\t\"a\"\t\t\t\"b\"\t"), bytesList({"a", "b"}));
    // A line of TABs has no field; a line of spaces has one.
    EXPECT_TRUE(TabFile::splitFields("\t\t").isEmpty());
    EXPECT_EQ(TabFile::splitFields("   "), bytesList({"   "}));
    // Space instead of TAB: one field, the text after the closing quote is dropped.
    EXPECT_EQ(TabFile::splitFields("\"127.0.19.0/24\" \"code=1\""), bytesList({"127.0.19.0/24"}));
    // Unquoted text is kept verbatim, spaces and inner quotes included.
    EXPECT_EQ(TabFile::splitFields(" a \"b\" "), bytesList({" a \"b\" "}));
    // TAB inside quotes splits; the second part keeps its trailing quote.
    EXPECT_EQ(TabFile::splitFields("\"a\tb\""), bytesList({"a", "b\""}));
    // \" is a literal quote; other backslashes are kept.
    EXPECT_EQ(TabFile::splitFields("\"say \\\"hi\\\" c:\\x\""), bytesList({"say \"hi\" c:\\x"}));
    // An unterminated quote runs to the end of the field.
    EXPECT_EQ(TabFile::splitFields("\"open\t\"x\""), bytesList({"open", "x"}));
    QByteArray discarded;
    EXPECT_EQ(TabFile::dequote("\"a\" \"b\"", &discarded), QByteArray("a"));
    EXPECT_EQ(discarded, QByteArray(" \"b\""));
    EXPECT_EQ(TabFile::dequote("\"a\"", &discarded), QByteArray("a"));
    EXPECT_TRUE(discarded.isEmpty());
}

TEST(TabFile, WithoutTrailingCrStripsEveryTrailingCrAndLfOnly)
{
    EXPECT_EQ(TabFile::withoutTrailingCr("a\r\r"), QByteArray("a"));
    EXPECT_EQ(TabFile::withoutTrailingCr("a\rb\r"), QByteArray("a\rb"));
    EXPECT_EQ(TabFile::withoutTrailingCr("a"), QByteArray("a"));
}

TEST(TabFile, EditingRewritesOnlyTheEditedLineInCanonicalForm)
{
    const QByteArray bytes = "# c\r\n\"a\" \"b\"\r\n\"keep\"\t\"me\"  \n\"last\"";
    TabFile file = TabFile::fromBytes(bytes);
    file.setRecord(1, {QStringLiteral("1.2.3.0/24"), QStringLiteral("code=-5")});
    EXPECT_EQ(file.toBytes(), QByteArray("# c\r\n\"1.2.3.0/24\"\t\"code=-5\"\r\n\"keep\"\t\"me\"  \n\"last\""));
    EXPECT_TRUE(file.line(1).edited);
    EXPECT_FALSE(file.line(2).edited);

    file.appendRecord({QStringLiteral("new")});
    EXPECT_EQ(file.toBytes(),
              QByteArray("# c\r\n\"1.2.3.0/24\"\t\"code=-5\"\r\n\"keep\"\t\"me\"  \n\"last\"\r\n\"new\""));
    file.removeLine(file.lineCount() - 1);
    EXPECT_EQ(file.toBytes(), QByteArray("# c\r\n\"1.2.3.0/24\"\t\"code=-5\"\r\n\"keep\"\t\"me\"  \n\"last\""));
}

TEST(TabFile, CanonicalLineEscapesQuotesSoXMailReadsTheSameField)
{
    const QList<QByteArray> fields = bytesList({"a\"b", "", "x y"});
    const QByteArray line = TabFile::canonicalLine(fields);
    EXPECT_EQ(line, QByteArray("\"a\\\"b\"\t\"\"\t\"x y\""));
    EXPECT_EQ(TabFile::splitFields(line), fields);
}

// Property: a random table written in random (valid) XMail styles parses back
// to the same records, and the bytes round-trip unchanged.
TEST(TabFile, PropertyRandomTablesSerialiseAndParseToTheSameRecords)
{
    std::mt19937 rng(20240611u);
    const auto pick = [&rng](int n) { return int(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
    static const char alphabet[] = "abcXYZ0129./:=,-_ #\"\\*?[]";
    const int alphabetSize = int(sizeof alphabet) - 1;

    for (int iteration = 0; iteration < 3000; ++iteration) {
        QByteArray bytes;
        QList<QList<QByteArray>> expected;
        const int lineCount = 1 + pick(12);
        const bool noFinalEol = pick(3) == 0;
        for (int l = 0; l < lineCount; ++l) {
            const int kind = pick(10);
            QByteArray text;
            if (kind == 0) {
                text = "# comment " + QByteArray::number(pick(1000));
            } else if (kind == 1) {
                text = QByteArray(); // blank
            } else {
                QList<QByteArray> fields;
                const int fieldCount = 1 + pick(6);
                for (int f = 0; f < fieldCount; ++f) {
                    QByteArray field;
                    const int len = pick(9);
                    for (int c = 0; c < len; ++c)
                        field += alphabet[pick(alphabetSize)];
                    while (field.endsWith('\\')) // "a\" cannot be written in XMail's quoting
                        field.chop(1);
                    fields.append(field);
                }
                for (int f = 0; f < fields.size(); ++f) {
                    const QByteArray &field = fields.at(f);
                    if (f > 0)
                        text += QByteArray(1 + pick(3), '\t'); // runs of TABs are one separator
                    else if (pick(5) == 0)
                        text += '\t'; // a leading TAB vanishes
                    const bool canBare = !field.isEmpty() && !field.startsWith('"') && !(f == 0 && field.startsWith('#'))
                                         && field.trimmed() == field;
                    if (canBare && pick(3) == 0)
                        text += field;
                    else
                        text += TabFile::canonicalLine(QList<QByteArray>{field});
                }
                if (pick(6) == 0)
                    text += '\t'; // a trailing TAB vanishes
                expected.append(fields);
            }
            bytes += text;
            const bool last = l == lineCount - 1;
            if (!(last && noFinalEol))
                bytes += pick(2) ? "\r\n" : "\n";
        }

        const TabFile file = TabFile::fromBytes(bytes);
        ASSERT_EQ(file.toBytes(), bytes) << "iteration " << iteration;
        QList<QList<QByteArray>> parsed;
        for (const TabFile::Line &line : file.lines()) {
            const QByteArray record = TabFile::withoutTrailingCr(line.text);
            if (TabFile::isRecord(record))
                parsed.append(TabFile::splitFields(record));
        }
        ASSERT_EQ(parsed, expected) << "iteration " << iteration << "\n" << bytes.toStdString();
    }
}

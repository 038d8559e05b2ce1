#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace xmflow::model {

enum class TextEncoding { Utf8, ShiftJis };

// One XMail .tab file held as its original bytes, line by line, so that saving
// reproduces every untouched line exactly. Edited lines are rewritten in XMail's
// canonical form: every field quoted, fields separated by one TAB.
class TabFile
{
public:
    struct Line {
        QByteArray text;     // the line's bytes without its end-of-line
        QByteArray eol;      // "\n", "\r\n", "\r" or "" (last line without newline)
        bool edited = false; // rewritten since load
    };

    static TabFile fromBytes(const QByteArray &bytes);
    QByteArray toBytes() const;

    int lineCount() const { return int(m_lines.size()); }
    const Line &line(int index) const { return m_lines.at(index); }
    const QList<Line> &lines() const { return m_lines; }
    TextEncoding encoding() const { return m_encoding; }

    // How XMail itself reads a line (docs/xmail-behaviour.md section 1).
    // XMail strips every trailing CR and LF; a CR elsewhere is kept.
    static QByteArray withoutTrailingCr(const QByteArray &text);
    // Only a '#' as the very first byte makes a comment ("  # x" is data).
    static bool isComment(const QByteArray &text);
    // Empty once the trailing CRs are stripped. A line of spaces or TABs is
    // not blank to XMail (see isWhitespaceOnly).
    static bool isBlank(const QByteArray &text);
    static bool isWhitespaceOnly(const QByteArray &text); // non-empty, only spaces/TABs/CRs
    static bool isRecord(const QByteArray &text) { return !isComment(text) && !isBlank(text); }
    // strtok on TAB: runs of TABs are one separator, empty fields vanish.
    // The tokens keep their quotes.
    static QList<QByteArray> splitRawFields(const QByteArray &text);
    // The same walk without copies: visit(start, length) for each token of `text`.
    template <typename Visit> static void forEachRawField(QByteArrayView text, Visit &&visit)
    {
        const char *data = text.data();
        const qsizetype size = text.size();
        for (qsizetype i = 0; i < size;) {
            while (i < size && data[i] == '\t')
                ++i;
            if (i >= size)
                break;
            const qsizetype start = i;
            while (i < size && data[i] != '\t')
                ++i;
            visit(start, i - start);
        }
    }
    // XMail's StrDeQuote: a token starting with '"' gives the text up to the
    // next '"' (\" is a literal quote); anything after it is discarded
    // (*discarded receives it). Other tokens are kept verbatim.
    static QByteArray dequote(const QByteArray &token, QByteArray *discarded = nullptr);
    // splitRawFields + dequote: the field values XMail uses.
    static QList<QByteArray> splitFields(const QByteArray &text);

    // Field text decoded for display; values XMail uses are ASCII in practice.
    QString decode(const QByteArray &bytes) const;
    QByteArray encode(const QString &text) const;
    static QString decodeWith(TextEncoding encoding, const QByteArray &bytes);
    static QByteArray encodeWith(TextEncoding encoding, const QString &text);

    // Quoted, TAB-separated; a '"' inside a field is written as \" (XMail's StrQuote).
    static QByteArray canonicalLine(const QList<QByteArray> &fields);
    QByteArray canonicalLine(const QStringList &fields) const;

    // Editing. Indexes are 0-based; line numbers shown to users are index + 1.
    void setLineText(int index, const QByteArray &text);
    void setRecord(int index, const QStringList &fields);
    void insertLine(int index, const QByteArray &text);
    void insertRecord(int index, const QStringList &fields);
    void appendRecord(const QStringList &fields) { insertRecord(lineCount(), fields); }
    void removeLine(int index);
    void moveLine(int from, int to);

    // The end-of-line most lines use; new lines get it.
    QByteArray dominantEol() const;

private:
    QList<Line> m_lines;
    TextEncoding m_encoding = TextEncoding::Utf8;
};

} // namespace xmflow::model

#include "TabFile.h"

#include <QStringDecoder>
#include <QStringEncoder>

#include <algorithm>
#include <cstring>

namespace xmflow::model {

namespace {

bool isValidShiftJis(const QByteArray &bytes)
{
    QStringDecoder decoder("Shift_JIS", QStringDecoder::Flag::Stateless);
    if (!decoder.isValid())
        return false;
    const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

} // namespace

TabFile TabFile::fromBytes(const QByteArray &bytes)
{
    TabFile file;
    // Shared, immutable end-of-line values: no allocation per line.
    static const QByteArray lf = QByteArrayLiteral("\n");
    static const QByteArray crlf = QByteArrayLiteral("\r\n");
    file.m_lines.reserve(bytes.count('\n') + 1);
    const char *data = bytes.constData();
    const qsizetype size = bytes.size();
    qsizetype start = 0;
    while (start < size) {
        const void *found = std::memchr(data + start, '\n', size_t(size - start));
        Line line;
        if (!found) {
            line.text = QByteArray(data + start, size - start);
            start = size;
        } else {
            const qsizetype newline = static_cast<const char *>(found) - data;
            qsizetype end = newline;
            if (end > start && data[end - 1] == '\r') {
                --end;
                line.eol = crlf;
            } else {
                line.eol = lf;
            }
            line.text = QByteArray(data + start, end - start);
            start = newline + 1;
        }
        file.m_lines.append(std::move(line));
    }
    if (!bytes.isValidUtf8() && isValidShiftJis(bytes))
        file.m_encoding = TextEncoding::ShiftJis;
    return file;
}

QByteArray TabFile::toBytes() const
{
    qsizetype size = 0;
    for (const Line &line : m_lines)
        size += line.text.size() + line.eol.size();
    QByteArray out;
    out.reserve(size);
    for (const Line &line : m_lines) {
        out += line.text;
        out += line.eol;
    }
    return out;
}

QByteArray TabFile::withoutTrailingCr(const QByteArray &text)
{
    qsizetype end = text.size();
    while (end > 0 && (text[end - 1] == '\r' || text[end - 1] == '\n'))
        --end;
    return end == text.size() ? text : text.left(end);
}

bool TabFile::isComment(const QByteArray &text)
{
    return text.startsWith('#');
}

bool TabFile::isBlank(const QByteArray &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](char c) { return c == '\r' || c == '\n'; });
}

bool TabFile::isWhitespaceOnly(const QByteArray &text)
{
    return !isBlank(text) && std::all_of(text.cbegin(), text.cend(), [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    });
}

QList<QByteArray> TabFile::splitRawFields(const QByteArray &text)
{
    QList<QByteArray> tokens;
    forEachRawField(text, [&](qsizetype start, qsizetype length) { tokens.append(text.mid(start, length)); });
    return tokens;
}

QByteArray TabFile::dequote(const QByteArray &token, QByteArray *discarded)
{
    if (discarded)
        discarded->clear();
    if (!token.startsWith('"'))
        return token;
    const qsizetype close = token.indexOf('"', 1);
    if (close < 0 || close == token.size() - 1) {
        // Common case: "text" (or an unterminated quote) without backslash-quote.
        const qsizetype end = close < 0 ? token.size() : close;
        const QByteArrayView inner = QByteArrayView(token).sliced(1, end - 1);
        if (!inner.contains('\\'))
            return inner.toByteArray();
    }
    QByteArray out;
    out.reserve(token.size());
    const qsizetype size = token.size();
    qsizetype i = 1;
    for (; i < size && token[i] != '"'; ++i) {
        if (token[i] == '\\' && i + 1 < size && token[i + 1] == '"')
            ++i;
        out += token[i];
    }
    if (discarded && i + 1 < size)
        *discarded = token.mid(i + 1);
    return out;
}

QList<QByteArray> TabFile::splitFields(const QByteArray &text)
{
    // XMail tokenises on TAB (strtok), then strips the quotes of each token.
    // A TAB inside quotes still separates fields.
    QList<QByteArray> fields = splitRawFields(text);
    for (QByteArray &field : fields)
        field = dequote(field);
    return fields;
}

QString TabFile::decodeWith(TextEncoding encoding, const QByteArray &bytes)
{
    if (encoding == TextEncoding::ShiftJis) {
        QStringDecoder decoder("Shift_JIS");
        if (decoder.isValid())
            return decoder.decode(bytes);
    }
    return QString::fromUtf8(bytes);
}

QByteArray TabFile::encodeWith(TextEncoding encoding, const QString &text)
{
    if (encoding == TextEncoding::ShiftJis) {
        QStringEncoder encoder("Shift_JIS");
        if (encoder.isValid())
            return encoder.encode(text);
    }
    return text.toUtf8();
}

QString TabFile::decode(const QByteArray &bytes) const
{
    return decodeWith(m_encoding, bytes);
}

QByteArray TabFile::encode(const QString &text) const
{
    return encodeWith(m_encoding, text);
}

QByteArray TabFile::canonicalLine(const QList<QByteArray> &fields)
{
    QByteArray out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += '\t';
        out += '"';
        const QByteArray &field = fields.at(i);
        if (field.contains('"')) {
            for (char c : field) {
                if (c == '"')
                    out += '\\';
                out += c;
            }
        } else {
            out += field;
        }
        out += '"';
    }
    return out;
}

QByteArray TabFile::canonicalLine(const QStringList &fields) const
{
    QList<QByteArray> encoded;
    encoded.reserve(fields.size());
    for (const QString &field : fields)
        encoded.append(encode(field));
    return canonicalLine(encoded);
}

QByteArray TabFile::dominantEol() const
{
    int crlf = 0;
    int lf = 0;
    for (const Line &line : m_lines) {
        if (line.eol == "\r\n")
            ++crlf;
        else if (line.eol == "\n")
            ++lf;
    }
    return crlf > lf ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");
}

void TabFile::setLineText(int index, const QByteArray &text)
{
    Line &line = m_lines[index];
    if (line.text == text)
        return;
    line.text = text;
    line.edited = true;
}

void TabFile::setRecord(int index, const QStringList &fields)
{
    setLineText(index, canonicalLine(fields));
}

void TabFile::insertLine(int index, const QByteArray &text)
{
    Line line;
    line.text = text;
    line.edited = true;
    line.eol = dominantEol();
    if (index >= lineCount()) {
        index = lineCount();
        // Keep the file's "no newline at the end" style: the old last line
        // gains the separator, the new last line goes without.
        if (!m_lines.isEmpty() && m_lines.last().eol.isEmpty()) {
            m_lines.last().eol = line.eol;
            line.eol.clear();
        }
    }
    m_lines.insert(index, line);
}

void TabFile::insertRecord(int index, const QStringList &fields)
{
    insertLine(index, canonicalLine(fields));
}

void TabFile::removeLine(int index)
{
    const bool wasLast = index == lineCount() - 1;
    const QByteArray eol = m_lines.at(index).eol;
    m_lines.removeAt(index);
    if (wasLast && eol.isEmpty() && !m_lines.isEmpty())
        m_lines.last().eol.clear();
}

void TabFile::moveLine(int from, int to)
{
    if (from == to)
        return;
    // The line travels with its text; the end-of-line stays with the position
    // so that a missing final newline remains at the end of the file.
    const int last = lineCount() - 1;
    const bool lastHadNoEol = m_lines.at(last).eol.isEmpty();
    if (lastHadNoEol)
        m_lines[last].eol = dominantEol();
    m_lines.move(from, to);
    if (lastHadNoEol)
        m_lines[last].eol.clear();
}

} // namespace xmflow::model

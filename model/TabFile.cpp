#include "TabFile.h"

#include <QStringDecoder>
#include <QStringEncoder>

#include <algorithm>

namespace xmflow::model {

namespace {

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

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
    qsizetype start = 0;
    while (start < bytes.size()) {
        const qsizetype newline = bytes.indexOf('\n', start);
        Line line;
        if (newline < 0) {
            line.text = bytes.mid(start);
            start = bytes.size();
        } else {
            line.text = bytes.mid(start, newline - start);
            line.eol = QByteArrayLiteral("\n");
            if (line.text.endsWith('\r')) {
                line.text.chop(1);
                line.eol = QByteArrayLiteral("\r\n");
            }
            start = newline + 1;
        }
        file.m_lines.append(line);
    }
    if (!isValidUtf8(bytes) && isValidShiftJis(bytes))
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

bool TabFile::isComment(const QByteArray &text)
{
    return text.startsWith('#');
}

bool TabFile::isBlank(const QByteArray &text)
{
    return std::all_of(text.cbegin(), text.cend(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

QList<QByteArray> TabFile::splitFields(const QByteArray &text)
{
    // XMail tokenises on TAB, dropping empty tokens, then strips the quotes
    // around each token. A TAB inside quotes still separates fields.
    QList<QByteArray> fields;
    const QList<QByteArray> tokens = text.split('\t');
    for (QByteArray token : tokens) {
        if (token.isEmpty())
            continue;
        if (token.startsWith('"'))
            token.remove(0, 1);
        if (token.endsWith('"'))
            token.chop(1);
        fields.append(token);
    }
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
        out += fields.at(i);
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

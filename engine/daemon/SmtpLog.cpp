#include "SmtpLog.h"

#include <QDateTime>
#include <QDir>

#include <algorithm>

namespace xmflow::daemon {

QByteArray SmtpLog::field(const QString &text)
{
    // XMail writes fields raw; here nothing a client sends can end the line, split the
    // field, reach a terminal as an escape sequence, or make the record long.
    static const char hex[] = "0123456789abcdef";
    const qsizetype room = kMaxFieldBytes - qsizetype(qstrlen(kCutMarker));
    QByteArray out;
    out.reserve(std::min<qsizetype>(text.size(), kMaxFieldBytes) + 16);
    qsizetype keep = 0; // the longest prefix that leaves room for the marker
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char32_t c = text.at(i).unicode();
        // The piece this character becomes: itself (plain ASCII, most of every field), an
        // escape, or its UTF-8 bytes.
        char small[4];
        QByteArray wide;
        QByteArrayView piece;
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '"' || c == '\\') {
            small[0] = '\\';
            small[1] = 'x';
            small[2] = hex[(c >> 4) & 0xf];
            small[3] = hex[c & 0xf];
            piece = QByteArrayView(small, 4);
        } else if (c < 0x80) {
            small[0] = char(c);
            piece = QByteArrayView(small, 1);
        } else if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            wide = text.mid(i, 2).toUtf8();
            piece = wide;
            ++i;
        } else {
            wide = QString(text.at(i)).toUtf8();
            piece = wide;
        }
        if (out.size() + piece.size() > kMaxFieldBytes) {
            out.truncate(keep); // on a whole character or escape, never inside one
            out += kCutMarker;
            return out;
        }
        out += piece;
        if (out.size() <= room)
            keep = out.size();
    }
    return out;
}

SmtpLog::SmtpLog(const QString &mailRoot) : m_logDir(QDir(mailRoot).filePath(QStringLiteral("logs"))) {}

QString SmtpLog::currentPath() const
{
    return QDir(m_logDir).filePath(QStringLiteral("smtp-") + QDate::currentDate().toString(QStringLiteral("yyyyMMdd"))
                                   + QStringLiteral("0000"));
}

QByteArray SmtpLog::format(const SmtpLogRecord &r, const QDateTime &when)
{
    return format(r, when.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

QByteArray SmtpLog::format(const SmtpLogRecord &r, const QString &stamp)
{
    const QString size = QString::number(r.size);
    const QString *fields[] = {&r.serverFqdn, &r.serverDomain, &r.peer,      &stamp,  &r.helo,
                               &r.destinationDomain, &r.sender, &r.recipient, &r.messageId, &r.status,
                               &r.logonUser,  &size,          &r.clientFqdn};
    QByteArray line;
    line.reserve(256);
    for (const QString *f : fields) {
        if (f != fields[0])
            line.append('\t');
        line.append('"');
        line.append(field(*f));
        line.append('"');
    }
    line.append('\n');
    return line;
}

void SmtpLog::write(const SmtpLogRecord &record)
{
    // The local time is worked out once a second, not for every record.
    const qint64 second = QDateTime::currentSecsSinceEpoch();
    if (second != m_stampSecond) {
        const QDateTime now = QDateTime::fromSecsSinceEpoch(second);
        m_stampSecond = second;
        m_stamp = now.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        m_stampDate = now.date();
    }
    if (!m_file.isOpen() || m_openDate != m_stampDate) {
        m_file.close();
        QDir().mkpath(m_logDir);
        m_file.setFileName(currentPath());
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append))
            return;
        m_openDate = m_stampDate;
    }
    m_file.write(format(record, m_stamp));
    m_file.flush();
}

} // namespace xmflow::daemon

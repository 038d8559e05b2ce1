#include "SmtpLog.h"

#include <QDateTime>
#include <QDir>

namespace xmflow::daemon {

QByteArray SmtpLog::field(const QString &text)
{
    // XMail writes fields raw; here nothing a client sends can end the line, split the
    // field, reach a terminal as an escape sequence, or make the record long.
    static const char hex[] = "0123456789abcdef";
    const qsizetype room = kMaxFieldBytes - qsizetype(qstrlen(kCutMarker));
    QByteArray out;
    qsizetype keep = 0; // the longest prefix that leaves room for the marker
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char32_t c = text.at(i).unicode();
        QByteArray piece;
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '"' || c == '\\') {
            piece = QByteArray("\\x") + hex[(c >> 4) & 0xf] + hex[c & 0xf];
        } else if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            piece = text.mid(i, 2).toUtf8();
            ++i;
        } else {
            piece = QString(text.at(i)).toUtf8();
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
    const QStringList fields = {r.serverFqdn,
                                r.serverDomain,
                                r.peer,
                                when.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                r.helo,
                                r.destinationDomain,
                                r.sender,
                                r.recipient,
                                r.messageId,
                                r.status,
                                r.logonUser,
                                QString::number(r.size),
                                r.clientFqdn};
    QByteArray line;
    for (int i = 0; i < fields.size(); ++i) {
        if (i)
            line.append('\t');
        line.append('"');
        line.append(field(fields.at(i)));
        line.append('"');
    }
    line.append('\n');
    return line;
}

void SmtpLog::write(const SmtpLogRecord &record)
{
    const QDateTime now = QDateTime::currentDateTime();
    if (!m_file.isOpen() || m_openDate != now.date()) {
        m_file.close();
        QDir().mkpath(m_logDir);
        m_file.setFileName(currentPath());
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append))
            return;
        m_openDate = now.date();
    }
    m_file.write(format(record, now));
    m_file.flush();
}

} // namespace xmflow::daemon

#include "SmtpLog.h"

#include <QDateTime>
#include <QDir>

namespace xmflow::daemon {

namespace {
QString clean(const QString &text)
{
    // XMail does no escaping; keep the record on one line and its quoting intact.
    QString out = text;
    for (QChar &c : out)
        if (c == QLatin1Char('"') || c == QLatin1Char('\t') || c == QLatin1Char('\r') || c == QLatin1Char('\n'))
            c = QLatin1Char(' ');
    return out;
}
} // namespace

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
        line.append(clean(fields.at(i)).toUtf8());
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

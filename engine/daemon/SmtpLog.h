#pragma once

#include <QDate>
#include <QFile>
#include <QString>

namespace xmflow::daemon {

// One XMail smtp log record (docs/xmail-behaviour.md §7): 13 quoted TAB-separated fields.
struct SmtpLogRecord {
    QString serverFqdn;
    QString serverDomain;
    QString peer;
    QString helo;
    QString destinationDomain;
    QString sender;
    QString recipient;
    QString messageId;
    QString status;
    QString logonUser;
    qint64 size = 0;
    QString clientFqdn;
};

// Appends XMail-format lines to MailRoot/logs/smtp-YYYYMMDD0000 (local time, daily rotation).
class SmtpLog
{
public:
    explicit SmtpLog(const QString &mailRoot);
    void write(const SmtpLogRecord &record);
    static QByteArray format(const SmtpLogRecord &record, const QDateTime &when);
    QString currentPath() const;

private:
    QString m_logDir;
    QDate m_openDate;
    QFile m_file;
};

} // namespace xmflow::daemon

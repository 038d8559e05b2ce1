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
    // Longest field written (bytes, after escaping): a client cannot make one refused
    // command cost more than a few hundred bytes of log.
    static constexpr int kMaxFieldBytes = 256;

    explicit SmtpLog(const QString &mailRoot);
    void write(const SmtpLogRecord &record);
    static QByteArray format(const SmtpLogRecord &record, const QDateTime &when);
    static QByteArray format(const SmtpLogRecord &record, const QString &stamp); // "yyyy-MM-dd HH:mm:ss"
    // One field as written between its quotes: control characters (C0, DEL, C1), the
    // quote and the backslash as \xNN, cut at kMaxFieldBytes with kCutMarker.
    static QByteArray field(const QString &text);
    static constexpr const char *kCutMarker = "...[cut]";
    QString currentPath() const;

private:
    QString m_logDir;
    QDate m_openDate;
    qint64 m_stampSecond = -1;
    QString m_stamp;
    QDate m_stampDate;
    QFile m_file;
};

} // namespace xmflow::daemon

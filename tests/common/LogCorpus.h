#pragma once

// A deterministic generator of XMail smtp logs (docs/xmail-behaviour.md §7) for the
// impact and suggest tests and benchmarks. The scenario corpus holds known clients:
// - botnet:  203.0.113.10-14, relay attempts only (a /24 with no one else in it);
// - mixed:   198.51.100.20-24 bots (relay denied, unknown users) and alice@example.test
//            authenticating from 198.51.100.50 in the same /24;
// - loners:  100.64.7.7 guessing AUTH passwords, 100.64.8.8 talking early;
// - polite:  192.0.2.1-8 delivering to local users without AUTH;
// - users:   bob@example.test from 10.20.30.40, relayuser from 172.16.5.5 (AUTH, mail out).
// Times start 2026-11-01 00:00:00 (log time), one session every few minutes.

#include "SmtpLogReader.h"

#include <QBuffer>
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

namespace xmflow::testing {

class LogCorpus
{
public:
    static constexpr qint64 kStart = 1793491200; // 2026-11-01 00:00:00 UTC

    explicit LogCorpus(quint32 seed = 1) : m_state(seed ? seed : 1) {}

    QByteArray text() const { return m_text; }
    qint64 lineCount() const { return m_lines; }

    // One log record.
    void record(const QString &peer, qint64 when, const QString &helo, const QString &status,
                const QString &user = QString(),
                const QString &recipient = QStringLiteral("alice@example.test"))
    {
        const QString time =
            QDateTime::fromSecsSinceEpoch(when, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        const QString domain = recipient.section(QLatin1Char('@'), 1);
        const QStringList fields = {
            QStringLiteral("mail.example.test"),
            QStringLiteral("example.test"),
            peer,
            time,
            helo,
            domain,
            user.isEmpty() ? QStringLiteral("sender@remote.test") : user,
            recipient,
            status.startsWith(QLatin1String("RECV")) ? QStringLiteral("S1a2b") : QString(),
            status,
            user,
            status.startsWith(QLatin1String("RECV")) ? QStringLiteral("1234") : QStringLiteral("0"),
            QString()};
        QByteArray line;
        for (int i = 0; i < fields.size(); ++i) {
            if (i)
                line += '\t';
            line += '"' + fields.at(i).toUtf8() + '"';
        }
        m_text += line + '\n';
        ++m_lines;
    }

    // One session: its records one second apart.
    void session(const QString &peer, qint64 when, const QStringList &statuses,
                 const QString &user = QString(), const QString &helo = QStringLiteral("client.remote.test"))
    {
        for (int i = 0; i < statuses.size(); ++i) {
            const QString recipient = statuses.at(i) == QLatin1String("RCPT=ERELAY")
                                          ? QStringLiteral("x@elsewhere.test")
                                          : QStringLiteral("alice@example.test");
            record(peer, when + i, helo, statuses.at(i), user, recipient);
        }
    }

    // The scenario corpus described above, over `days` days.
    static LogCorpus scenario(int days = 5)
    {
        LogCorpus c;
        for (int day = 0; day < days; ++day) {
            const qint64 base = kStart + qint64(day) * 86400;
            qint64 t = base + 3600;
            auto next = [&t] { return t += 300; };
            for (int i = 10; i <= 14; ++i)
                for (int s = 0; s < 2; ++s)
                    c.session(QStringLiteral("203.0.113.%1").arg(i), next(),
                              {QStringLiteral("RCPT=ERELAY"), QStringLiteral("RCPT=ERELAY")});
            for (int i = 20; i <= 24; ++i)
                c.session(QStringLiteral("198.51.100.%1").arg(i), next(),
                          {QStringLiteral("RCPT=ERELAY"), QStringLiteral("RCPT=EAVAIL"),
                           QStringLiteral("RCPT=EAVAIL")});
            c.session(QStringLiteral("198.51.100.50"), next(),
                      {QStringLiteral("RCPT=OK"), QStringLiteral("RECV=OK")},
                      QStringLiteral("alice@example.test"));
            c.session(QStringLiteral("100.64.7.7"), next(),
                      {QStringLiteral("AUTH=EFAIL:TYPE=PLAIN"), QStringLiteral("AUTH=EFAIL:TYPE=LOGIN")});
            c.session(QStringLiteral("100.64.8.8"), next(), {QStringLiteral("SNDRIP=EEARLYTALK")});
            for (int i = 1; i <= 8; ++i)
                c.session(QStringLiteral("192.0.2.%1").arg(i), next(),
                          {QStringLiteral("RCPT=OK"), QStringLiteral("RECV=OK")});
            for (int s = 0; s < 2; ++s) {
                c.session(QStringLiteral("10.20.30.40"), next(),
                          {QStringLiteral("RCPT=OK"), QStringLiteral("RECV=OK")},
                          QStringLiteral("bob@example.test"));
                c.session(QStringLiteral("172.16.5.5"), next(),
                          {QStringLiteral("RCPT=OK"), QStringLiteral("RECV=OK")},
                          QStringLiteral("relayuser"));
            }
        }
        return c;
    }

    // A random mixture: `clients` distinct addresses (about 1 in 20 an authenticated user,
    // 1 in 4 a bot), `lines` records in sessions of 1 to 4 records.
    static LogCorpus random(quint32 seed, qint64 lines, int clients)
    {
        LogCorpus c(seed);
        static const QStringList badStatuses = {QStringLiteral("RCPT=ERELAY"), QStringLiteral("RCPT=EAVAIL"),
                                                QStringLiteral("AUTH=EFAIL:TYPE=PLAIN"),
                                                QStringLiteral("SNDRIP=EEARLYTALK"),
                                                QStringLiteral("SNDRIP=EIPMAP (zen.test)")};
        static const QStringList users = {QStringLiteral("alice@example.test"),
                                          QStringLiteral("bob@example.test"), QStringLiteral("relayuser")};
        qint64 t = kStart;
        while (c.m_lines < lines) {
            const int client = int(c.next() % quint32(clients));
            const QString peer = QStringLiteral("%1.%2.%3.%4")
                                     .arg(11 + (client >> 16) % 200)
                                     .arg((client >> 8) & 0xff)
                                     .arg(client & 0xff)
                                     .arg(1 + client % 7);
            t += 1 + c.next() % 12; // about a month for 1,000,000 lines
            const int records = 1 + int(c.next() % 4);
            QStringList statuses;
            QString user;
            if (client % 20 == 0) {
                user = users.at(client % users.size());
                for (int i = 0; i < records; ++i)
                    statuses << (i % 2 ? QStringLiteral("RECV=OK") : QStringLiteral("RCPT=OK"));
            } else if (client % 4 == 1) {
                for (int i = 0; i < records; ++i)
                    statuses << badStatuses.at(int(c.next() % quint32(badStatuses.size())));
            } else {
                for (int i = 0; i < records; ++i)
                    statuses << (i % 2 ? QStringLiteral("RECV=OK") : QStringLiteral("RCPT=OK"));
            }
            c.session(peer, t, statuses, user);
        }
        return c;
    }

private:
    quint32 next()
    {
        // xorshift32: the same corpus on every machine.
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        return m_state;
    }

    quint32 m_state;
    QByteArray m_text;
    qint64 m_lines = 0;
};

// The distinct clients of a corpus, as the engine's log reader sees them.
inline QList<engine::LogClient> clientsOf(const LogCorpus &corpus)
{
    QBuffer buffer;
    buffer.setData(corpus.text());
    if (!buffer.open(QIODevice::ReadOnly))
        return {};
    engine::SmtpLogReader reader;
    reader.readDevice(buffer, QStringLiteral("corpus"));
    return reader.clients();
}

} // namespace xmflow::testing

#pragma once

#include "AddressFilter.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <array>
#include <functional>
#include <optional>

class QIODevice;

namespace xmflow::engine {

using model::IpAddress;

// The failures `suggest` counts, from the status field of a log record.
enum class FailureKind { RelayDenied, UnknownUser, EarlyTalker, AuthFailure, Dnsbl, RuleDropped };
constexpr int kFailureKindCount = 6;
QString failureKindName(FailureKind kind); // "relay-denied", "unknown-user", ...
std::optional<FailureKind> failureKindFromName(const QString &name);
// The failure a status stands for ("RCPT=ERELAY" -> RelayDenied), none for the others.
std::optional<FailureKind> failureKindOfStatus(QByteArrayView status);

// The furthest point a client's sessions reached, in protocol order.
enum class ReachedCommand { Connect, Helo, Auth, Mail, Rcpt, Data };
QString reachedCommandName(ReachedCommand command);

// Everything the logs say about one distinct client address.
struct LogClient {
    IpAddress address;
    QString text;                    // canonical form (IpAddress::toString)
    qint64 lines = 0;                // log records that named it
    qint64 sessions = 0;             // sessions (records grouped by time and HELO, see SmtpLogReader)
    qint64 authSessions = 0;         // sessions with a logon user
    QMap<QString, qint64> authUsers; // logon user -> sessions
    ReachedCommand furthest = ReachedCommand::Connect;
    ReachedCommand furthestWithoutAuth = ReachedCommand::Connect; // records without a logon user
    std::array<qint64, kFailureKindCount> failures{};
    qint64 delivered = 0; // RECV=OK records without a logon user (good mail from outside)
    qint64 firstSeen = 0; // seconds since the epoch, log time read as UTC (0: no time)
    qint64 lastSeen = 0;
    QString firstWhere; // "smtp-20240101:17"
    // Failures per day (days since the epoch), so `suggest --days` can count a window.
    struct DayFailures {
        qint32 day = 0;
        std::array<qint32, kFailureKindCount> counts{};
    };
    QList<DayFailures> failureDays;
    // The client FQDN field (the 13th: XMail's reverse-DNS name, when it looked one up), as
    // last logged non-empty; the replays use it as the PTR answer.
    QString ptrName;
    QString lastHelo; // session grouping
    bool lastSessionAuthenticated = false;

    qint64 failureCount(FailureKind kind) const { return failures[size_t(kind)]; }
    qint64 totalFailures() const;
    // Failures of one kind in records at or after `since` (seconds; a record without a time counts).
    qint64 failuresSince(FailureKind kind, qint64 since) const;
    bool everAuthenticated() const { return authSessions > 0; }
    qint64 plainSessions() const { return sessions - authSessions; }
};

struct LogProblem {
    enum class Kind { NotALogRecord, BadPeerField, Unreadable };
    QString file;
    qint64 line = 0; // 1-based; 0 when the whole file is concerned
    Kind kind = Kind::NotALogRecord;
    QString text; // the offending text (shortened)
};

// Streams XMail smtp logs (docs/xmail-behaviour.md §7: 13 quoted TAB-separated
// fields; xmflowd writes the same) into one record per distinct client. Files may be
// gzip-compressed. Memory grows with the clients, never with the lines.
//
// XMail logs events, not sessions: records of one client belong to one session while
// they come less than kSessionGapSeconds apart with the same HELO.
class SmtpLogReader
{
public:
    static constexpr qint64 kSessionGapSeconds = 60;
    static constexpr int kMaxProblems = 1000; // kept; problemCount() counts them all

    // Called every few thousand lines: return false to stop reading (canceled()).
    using Progress = std::function<bool(qint64 linesRead, qint64 bytesRead, qint64 bytesTotal)>;
    void setProgress(Progress progress) { m_progress = std::move(progress); }

    // Reads one file, plain or gzip. False (and a problem) when it cannot be read.
    bool readFile(const QString &path);
    void readFiles(const QStringList &paths);
    void readDevice(QIODevice &device, const QString &name);
    // One record (without its line end).
    void addLine(QByteArrayView line, const QString &file, qint64 lineNumber);

    const QList<LogClient> &clients() const { return m_clients; } // in order of first appearance
    QList<LogClient> takeClients();
    const QList<LogProblem> &problems() const { return m_problems; }
    qint64 problemCount() const { return m_problemCount; }
    qint64 linesRead() const { return m_linesRead; }
    qint64 recordsRead() const { return m_recordsRead; }
    qint64 bytesRead() const { return m_bytesDone + m_bytesInFile; }
    qint64 latestTime() const { return m_latest; } // the newest record's time (0: none)
    bool canceled() const { return m_canceled; }

    static QString shortened(const QString &text);

private:
    void problem(const QString &file, qint64 line, LogProblem::Kind kind, const QString &text);
    bool tick();

    QList<LogClient> m_clients;
    QHash<QByteArray, int> m_byPeerText; // the peer field as written -> client
    QHash<QString, int> m_byAddress;     // canonical address -> client
    QList<LogProblem> m_problems;
    qint64 m_problemCount = 0;
    qint64 m_linesRead = 0;
    qint64 m_recordsRead = 0;
    qint64 m_bytesDone = 0;
    qint64 m_bytesInFile = 0;
    qint64 m_bytesTotal = 0;
    qint64 m_latest = 0;
    bool m_canceled = false;
    Progress m_progress;
};

} // namespace xmflow::engine

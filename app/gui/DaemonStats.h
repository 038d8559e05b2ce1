#pragma once

#include "EventLogModel.h"

#include <QDateTime>
#include <QMap>
#include <QSet>

#include <deque>

namespace xmflow::gui {

// Running figures of a daemon, from its events: what the daemon panel's charts show.
class DaemonStats
{
public:
    static constexpr int kMinutesKept = 120;   // connections per minute
    static constexpr int kSessionSamples = 600; // sessions-now samples (10 minutes at one a second)

    struct SessionSample {
        qint64 msecsSinceEpoch = 0;
        int sessions = 0;
    };

    // A new daemon run: no session is open any more; totals and history stay.
    void daemonRestarted();
    void clear();
    void add(const DaemonEvent &event);
    // Appends the most sessions seen open since the last sample, so a short session is not missed.
    void sampleSessions(const QDateTime &now);

    int sessionsNow() const { return int(m_open.size()); }
    qint64 connections() const { return m_connections; }
    qint64 rejects() const { return m_rejects; }
    qint64 delays() const { return m_delays; }
    // Greylisting at RCPT: answered 451, passed (a retry, a known triplet or pool), and
    // passed because the client network is auto-whitelisted.
    qint64 greylisted() const { return m_greylisted; }
    qint64 greylistPassed() const { return m_greylistPassed; }
    qint64 autoWhitelisted() const { return m_autoWhitelisted; }
    const std::deque<SessionSample> &sessionSamples() const { return m_samples; }
    const QMap<qint64, int> &connectionsPerMinute() const { return m_perMinute; } // key: minute start, s since epoch
    const QMap<QString, int> &rejectsByReason() const { return m_rejectReasons; }
    // Delay events per bucket; bucket i holds [delayBucketStarts()[i], delayBucketStarts()[i+1]) seconds.
    const QList<int> &delayHistogram() const { return m_delayHistogram; }
    static const QList<int> &delayBucketStarts();
    static int delayBucket(int seconds);

private:
    QSet<qint64> m_open;
    int m_peakSinceSample = 0;
    qint64 m_connections = 0;
    qint64 m_rejects = 0;
    qint64 m_delays = 0;
    qint64 m_greylisted = 0;
    qint64 m_greylistPassed = 0;
    qint64 m_autoWhitelisted = 0;
    std::deque<SessionSample> m_samples;
    QMap<qint64, int> m_perMinute;
    QMap<QString, int> m_rejectReasons;
    QList<int> m_delayHistogram = QList<int>(delayBucketStarts().size(), 0);
};

} // namespace xmflow::gui

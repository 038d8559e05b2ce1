#include "DaemonStats.h"

namespace xmflow::gui {

const QList<int> &DaemonStats::delayBucketStarts()
{
    static const QList<int> starts{1, 2, 5, 10, 30, 60};
    return starts;
}

int DaemonStats::delayBucket(int seconds)
{
    const QList<int> &starts = delayBucketStarts();
    for (qsizetype i = starts.size() - 1; i >= 0; --i)
        if (seconds >= starts.at(i))
            return int(i);
    return -1; // no delay
}

void DaemonStats::daemonRestarted()
{
    m_open.clear();
    m_peakSinceSample = 0;
}

void DaemonStats::clear()
{
    *this = DaemonStats();
}

void DaemonStats::add(const DaemonEvent &event)
{
    if (event.type == QLatin1String("connect")) {
        ++m_connections;
        if (event.session >= 0)
            m_open.insert(event.session);
        m_peakSinceSample = std::max(m_peakSinceSample, sessionsNow());
        const QDateTime when = event.time.isValid() ? event.time : QDateTime::currentDateTimeUtc();
        const qint64 minute = when.toSecsSinceEpoch() / 60 * 60;
        ++m_perMinute[minute];
        while (m_perMinute.size() > kMinutesKept)
            m_perMinute.erase(m_perMinute.begin());
    } else if (event.type == QLatin1String("close")) {
        m_open.remove(event.session);
    } else if (event.type == QLatin1String("reject")) {
        ++m_rejects;
        ++m_rejectReasons[event.rejectReason()];
    } else if (event.type == QLatin1String("delay")) {
        const int bucket = delayBucket(event.delaySeconds());
        if (bucket >= 0) {
            ++m_delays;
            ++m_delayHistogram[bucket];
        }
    } else if (event.type == QLatin1String("greylist")) {
        // The daemon's "detail": greylisted[-too-early|-retry-expired], passed[-pool|-known],
        // auto-whitelisted, fail-open or "exempt: ..." (a whitelisted PTR domain; these two are
        // counted nowhere: no decision was made).
        const QString outcome = event.fields.value(QStringLiteral("detail")).toString();
        if (outcome.startsWith(QLatin1String("greylisted")))
            ++m_greylisted;
        else if (outcome.startsWith(QLatin1String("passed")))
            ++m_greylistPassed;
        else if (outcome == QLatin1String("auto-whitelisted"))
            ++m_autoWhitelisted;
    } else if (event.type == QLatin1String("listening")) {
        daemonRestarted();
    }
}

void DaemonStats::sampleSessions(const QDateTime &now)
{
    m_samples.push_back({now.toMSecsSinceEpoch(), std::max(m_peakSinceSample, sessionsNow())});
    while (m_samples.size() > size_t(kSessionSamples))
        m_samples.pop_front();
    m_peakSinceSample = sessionsNow();
}

} // namespace xmflow::gui

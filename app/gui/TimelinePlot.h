#pragma once

#include "SimulationComparison.h"

#include <QList>
#include <QStringList>
#include <QWidget>

class QCustomPlot;
class QCPBars;

namespace xmflow::gui {

// One simulated session of the comparison (engine/SimulationComparison.h).
using TimelineRun = engine::ComparisonRun;

// Seconds spent before each SMTP reply, as grouped bars: one group per command,
// one bar per run (XMail 1.27 / with extensions × without / with AUTH). With a
// greet-pause-style delay this is the picture of the fix: the authenticated
// client waits on EHLO and AUTH under XMail's rules, and not with XMF-DelayStart=mail.
// A run simulated with a greylisting retry (SimulationRequest::retryAfterSeconds)
// whose first visit was greylisted shows both visits: the first, hatched, with its
// 451, and the retry N seconds later.
class TimelinePlot : public QWidget
{
    Q_OBJECT
public:
    explicit TimelinePlot(QWidget *parent = nullptr);

    // caption: which client the runs are for, shown under the title.
    void setRuns(const QList<TimelineRun> &runs, const QString &caption = QString());
    const QList<TimelineRun> &runs() const { return m_runs; }

    QCustomPlot *plot() const { return m_plot; }
    // One bar series per visit: per run in setRuns() order, a greylisted first visit
    // before its retry.
    QList<QCPBars *> series() const { return m_series; }
    // The groups along the axis: a step name, numbered from its second occurrence ("RCPT TO#2").
    QStringList categories() const { return m_categories; }
    // The category of a bar key.
    int categoryAt(double key) const;

    bool savePng(const QString &fileName, int width, int height);

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class Visit { Only, FirstOfRetry, Retry };
    struct Series {
        const TimelineRun *run;
        const engine::SimulationResult *result;
        Visit visit;
    };
    QList<Series> seriesOf() const;
    void rebuild();
    QString runName(const TimelineRun &run, Visit visit) const;
    QString greylistHeadline() const;
    QString categoryLabel(const QString &category) const;

    QCustomPlot *m_plot;
    QList<TimelineRun> m_runs;
    QList<QCPBars *> m_series;
    QStringList m_categories;
    QString m_caption;
};

// The step keys of a transcript: the step name, "#n" added from its second occurrence.
QStringList timelineStepKeys(const engine::SimulationResult &result);

} // namespace xmflow::gui

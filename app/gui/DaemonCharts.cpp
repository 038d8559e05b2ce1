#include "DaemonCharts.h"

#include "DaemonStats.h"
#include "QCustomPlotSupport.h"

#include <QEvent>
#include <QGridLayout>

#include <algorithm>

namespace xmflow::gui {

namespace {

QCustomPlot *newPlot(QWidget *parent, const QString &name)
{
    auto *plot = new QCustomPlot(parent);
    plot->setObjectName(name);
    plot->setMinimumSize(220, 160);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, QString(), QFont(plot->font().family(), -1, QFont::Bold)));
    plot->xAxis->grid()->setVisible(false);
    // Counts: whole numbers only on the value axis.
    QSharedPointer<QCPAxisTickerFixed> counts(new QCPAxisTickerFixed);
    counts->setTickStep(1.0);
    counts->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    plot->yAxis->setTicker(counts);
    return plot;
}

void setTitle(QCustomPlot *plot, const QString &title)
{
    if (auto *element = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0)))
        element->setText(title);
}

QCPBars *newBars(QCustomPlot *plot, const QColor &color)
{
    auto *bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setBrush(color);
    bars->setPen(QPen(color.darker(130)));
    return bars;
}

QSharedPointer<QCPAxisTickerDateTime> timeTicker(const QString &format)
{
    QSharedPointer<QCPAxisTickerDateTime> ticker(new QCPAxisTickerDateTime);
    ticker->setDateTimeFormat(format);
    ticker->setTickCount(4);
    return ticker;
}

} // namespace

DaemonCharts::DaemonCharts(QWidget *parent)
    : QWidget(parent)
    , m_sessionsPlot(newPlot(this, QStringLiteral("DaemonSessionsPlot")))
    , m_connectionsPlot(newPlot(this, QStringLiteral("DaemonConnectionsPlot")))
    , m_rejectsPlot(newPlot(this, QStringLiteral("DaemonRejectsPlot")))
    , m_delaysPlot(newPlot(this, QStringLiteral("DaemonDelaysPlot")))
{
    m_sessionsGraph = m_sessionsPlot->addGraph();
    m_sessionsGraph->setPen(QPen(QColor(0x42, 0x7a, 0xc4), 2));
    m_sessionsGraph->setLineStyle(QCPGraph::lsStepLeft);
    m_sessionsGraph->setBrush(QColor(0x42, 0x7a, 0xc4, 50));
    m_sessionsPlot->xAxis->setTicker(timeTicker(QStringLiteral("HH:mm:ss")));

    m_connectionBars = newBars(m_connectionsPlot, QColor(0x42, 0x7a, 0xc4));
    m_connectionBars->setWidth(50); // seconds, of a one-minute slot
    m_connectionsPlot->xAxis->setTicker(timeTicker(QStringLiteral("HH:mm")));

    m_rejectBars = newBars(m_rejectsPlot, QColor(0xc6, 0x28, 0x28));
    m_rejectBars->setWidth(0.6);
    m_delayBars = newBars(m_delaysPlot, QColor(0xb2, 0x6a, 0x00));
    m_delayBars->setWidth(0.7);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_sessionsPlot, 0, 0);
    layout->addWidget(m_connectionsPlot, 0, 1);
    layout->addWidget(m_rejectsPlot, 1, 0);
    layout->addWidget(m_delaysPlot, 1, 1);
    retranslateUi();
}

void DaemonCharts::showStats(const DaemonStats &stats)
{
    // Keys are seconds since the epoch; the date-time tickers show them in local time, as the event log does.
    const QDateTime now = QDateTime::currentDateTime();

    QVector<double> keys, values;
    int top = 1;
    for (const DaemonStats::SessionSample &s : stats.sessionSamples()) {
        keys << double(s.msecsSinceEpoch) / 1000.0;
        values << s.sessions;
        top = std::max(top, s.sessions);
    }
    m_sessionsGraph->setData(keys, values, true);
    const double nowSecs = double(now.toMSecsSinceEpoch()) / 1000.0;
    m_sessionsPlot->xAxis->setRange(keys.isEmpty() ? nowSecs - 60 : std::min(keys.first(), nowSecs - 60), nowSecs);
    m_sessionsPlot->yAxis->setRange(0, top * 1.2 + 0.5);

    keys.clear();
    values.clear();
    top = 1;
    const qint64 firstMinute = now.toSecsSinceEpoch() / 60 * 60 - (kMinutesShown - 1) * 60;
    for (auto it = stats.connectionsPerMinute().begin(); it != stats.connectionsPerMinute().end(); ++it) {
        if (it.key() < firstMinute)
            continue;
        keys << double(it.key() + 30); // the bar stands in the middle of its minute
        values << it.value();
        top = std::max(top, it.value());
    }
    m_connectionBars->setData(keys, values, true);
    m_connectionsPlot->xAxis->setRange(double(firstMinute), double(firstMinute + kMinutesShown * 60));
    m_connectionsPlot->yAxis->setRange(0, top * 1.2 + 0.5);

    // The most frequent reasons, most frequent first.
    QList<QPair<QString, int>> reasons;
    for (auto it = stats.rejectsByReason().begin(); it != stats.rejectsByReason().end(); ++it)
        reasons.append({it.key(), it.value()});
    std::stable_sort(reasons.begin(), reasons.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    if (reasons.size() > kReasonsShown)
        reasons.resize(kReasonsShown);
    keys.clear();
    values.clear();
    top = 1;
    m_reasonsShown.clear();
    QSharedPointer<QCPAxisTickerText> reasonTicker(new QCPAxisTickerText);
    for (qsizetype i = 0; i < reasons.size(); ++i) {
        keys << double(i);
        values << reasons.at(i).second;
        top = std::max(top, reasons.at(i).second);
        m_reasonsShown << reasons.at(i).first;
        reasonTicker->addTick(double(i), reasons.at(i).first);
    }
    m_rejectBars->setData(keys, values, true);
    m_rejectsPlot->xAxis->setTicker(reasonTicker);
    m_rejectsPlot->xAxis->setTickLabelRotation(reasons.size() > 3 ? 30 : 0);
    m_rejectsPlot->xAxis->setRange(-0.6, std::max<double>(kReasonsShown / 2, double(reasons.size())) - 0.4);
    m_rejectsPlot->yAxis->setRange(0, top * 1.2 + 0.5);

    keys.clear();
    values.clear();
    top = 1;
    const QList<int> &histogram = stats.delayHistogram();
    for (qsizetype i = 0; i < histogram.size(); ++i) {
        keys << double(i);
        values << histogram.at(i);
        top = std::max(top, histogram.at(i));
    }
    m_delayBars->setData(keys, values, true);
    m_delaysPlot->yAxis->setRange(0, top * 1.2 + 0.5);

    for (QCustomPlot *plot : {m_sessionsPlot, m_connectionsPlot, m_rejectsPlot, m_delaysPlot})
        plot->replot(QCustomPlot::rpQueuedReplot);
}

void DaemonCharts::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DaemonCharts::retranslateUi()
{
    setTitle(m_sessionsPlot, tr("Sessions now"));
    setTitle(m_connectionsPlot, tr("Connections per minute"));
    setTitle(m_rejectsPlot, tr("Rejects by reason"));
    setTitle(m_delaysPlot, tr("Delays (each wait)"));
    m_sessionsPlot->yAxis->setLabel(tr("Sessions"));
    m_connectionsPlot->yAxis->setLabel(tr("Connections"));
    m_rejectsPlot->yAxis->setLabel(tr("Rejects"));
    m_delaysPlot->yAxis->setLabel(tr("Waits"));

    // Delay buckets: "1 s", "2–4 s", ..., "≥ 60 s".
    const QList<int> &starts = DaemonStats::delayBucketStarts();
    QSharedPointer<QCPAxisTickerText> bucketTicker(new QCPAxisTickerText);
    for (qsizetype i = 0; i < starts.size(); ++i) {
        QString label;
        if (i + 1 == starts.size())
            label = tr("≥ %1 s").arg(starts.at(i));
        else if (starts.at(i + 1) - starts.at(i) == 1)
            label = tr("%1 s").arg(starts.at(i));
        else
            label = tr("%1–%2 s").arg(starts.at(i)).arg(starts.at(i + 1) - 1);
        bucketTicker->addTick(double(i), label);
    }
    m_delaysPlot->xAxis->setTicker(bucketTicker);
    m_delaysPlot->xAxis->setTickLabelRotation(35);
    m_delaysPlot->xAxis->setRange(-0.6, double(starts.size()) - 0.4);
    for (QCustomPlot *plot : {m_sessionsPlot, m_connectionsPlot, m_rejectsPlot, m_delaysPlot})
        plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace xmflow::gui

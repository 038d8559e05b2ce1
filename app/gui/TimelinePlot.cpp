#include "TimelinePlot.h"

#include "QCustomPlotSupport.h"

#include <QEvent>

#include <QVBoxLayout>
#include <algorithm>

namespace xmflow::gui {

namespace {

constexpr int kTitleRow = 0;
constexpr int kCaptionRow = 1;
constexpr int kHeadlineRow = 2;
constexpr int kLegendRow = 4; // below the axis rect (row 3)

QColor runColor(const TimelineRun &run)
{
    if (run.xmailCompat)
        return run.authenticated ? QColor(0xd1, 0x49, 0x5b) : QColor(0xf4, 0xa2, 0x61);
    return run.authenticated ? QColor(0x1d, 0x6f, 0xa3) : QColor(0x8e, 0xca, 0xe6);
}

// Merges b's keys into a, keeping each list's order (AUTH goes between EHLO and MAIL FROM).
void mergeKeys(QStringList &into, const QStringList &keys)
{
    qsizetype previous = -1;
    for (const QString &key : keys) {
        qsizetype index = into.indexOf(key);
        if (index < 0) {
            index = previous + 1;
            into.insert(index, key);
        }
        previous = index;
    }
}

} // namespace

QStringList timelineStepKeys(const engine::SimulationResult &result)
{
    QStringList keys;
    QHash<QString, int> seen;
    for (const engine::SimulationStep &step : result.steps) {
        const int n = ++seen[step.step];
        keys << (n == 1 ? step.step : QStringLiteral("%1#%2").arg(step.step).arg(n));
    }
    return keys;
}

TimelinePlot::TimelinePlot(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    setObjectName(QStringLiteral("TimelinePlot"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setMinimumHeight(280);
    // Rows: title, caption, headline, the bars, the legend (outside the bars, so it never hides one).
    QCPLayoutGrid *grid = m_plot->plotLayout();
    grid->insertRow(0);
    grid->insertRow(0);
    grid->insertRow(0);
    QFont titleFont = font();
    titleFont.setPointSizeF(12);
    titleFont.setBold(true);
    grid->addElement(kTitleRow, 0, new QCPTextElement(m_plot, QString(), titleFont));
    QFont captionFont = font();
    captionFont.setPointSizeF(9);
    auto *caption = new QCPTextElement(m_plot, QString(), captionFont);
    caption->setTextColor(QColor(0x47, 0x55, 0x69));
    grid->addElement(kCaptionRow, 0, caption);
    QFont headlineFont = font();
    headlineFont.setPointSizeF(10.5);
    headlineFont.setBold(true);
    auto *headline = new QCPTextElement(m_plot, QString(), headlineFont);
    headline->setTextColor(QColor(0x1d, 0x4e, 0x89));
    grid->addElement(kHeadlineRow, 0, headline);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    grid->addElement(kLegendRow, 0, m_plot->legend);
    grid->setRowStretchFactor(kLegendRow, 0.001);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->legend->setWrap(2);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setColumnSpacing(24);
    m_plot->legend->setMargins(QMargins(8, 0, 8, 6));
    m_plot->legend->setVisible(true);
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->yAxis->grid()->setPen(QPen(QColor(0xe2, 0xe8, 0xf0), 1));
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setBasePen(QPen(QColor(0x94, 0xa3, 0xb8)));
        axis->setTickPen(QPen(QColor(0x94, 0xa3, 0xb8)));
        axis->setSubTickPen(Qt::NoPen);
        axis->setLabelColor(QColor(0x33, 0x41, 0x55));
    }
    rebuild();
}

void TimelinePlot::setRuns(const QList<TimelineRun> &runs, const QString &caption)
{
    m_runs = runs;
    m_caption = caption;
    rebuild();
}

int TimelinePlot::categoryAt(double key) const
{
    const int index = qRound(key) - 1;
    return index >= 0 && index < m_categories.size() ? index : -1;
}

// A run whose first visit greylisting answered: both visits are drawn.
QList<TimelinePlot::Series> TimelinePlot::seriesOf() const
{
    QList<Series> series;
    for (const TimelineRun &run : m_runs) {
        const engine::SimulationResult *first = run.result.firstVisit.get();
        const bool greylisted = first && std::any_of(first->steps.cbegin(), first->steps.cend(),
                                                     [](const engine::SimulationStep &s) {
                                                         return s.code == 451 && !s.greylist.isEmpty();
                                                     });
        if (greylisted) {
            series.append({&run, first, Visit::FirstOfRetry});
            series.append({&run, &run.result, Visit::Retry});
        } else {
            series.append({&run, &run.result, Visit::Only});
        }
    }
    return series;
}

QString TimelinePlot::runName(const TimelineRun &run, Visit visit) const
{
    const QString rules = run.xmailCompat ? tr("XMail 1.27") : tr("With extensions");
    const QString client = run.authenticated ? tr("with AUTH") : tr("without AUTH");
    switch (visit) {
    case Visit::FirstOfRetry:
        return tr("%1, %2, first visit (greylisted): %3 s")
            .arg(rules, client)
            .arg(run.result.firstVisit->totalSeconds);
    case Visit::Retry:
        return tr("%1, %2, retry %3 s later: %4 s")
            .arg(rules, client)
            .arg(run.result.retryAfterSeconds)
            .arg(run.result.totalSeconds);
    case Visit::Only:
        break;
    }
    return tr("%1, %2: %3 s in all").arg(rules, client).arg(run.result.totalSeconds);
}

// What greylisting did to the client without AUTH under the extensions.
QString TimelinePlot::greylistHeadline() const
{
    for (const Series &s : seriesOf()) {
        if (s.visit != Visit::Retry || s.run->authenticated)
            continue;
        bool accepted = false;
        for (const engine::SimulationStep &step : s.result->steps)
            accepted = accepted || (step.step == QLatin1String("RCPT TO") && step.code == 250);
        return accepted
                   ? tr("Greylisting: the first visit gets 451 at RCPT TO, the retry %1 s later is accepted")
                         .arg(s.result->retryAfterSeconds)
                   : tr("Greylisting: the first visit gets 451 at RCPT TO, the retry %1 s later is still "
                        "refused")
                         .arg(s.result->retryAfterSeconds);
    }
    return {};
}

QString TimelinePlot::categoryLabel(const QString &category) const
{
    const QString step = category.section(QLatin1Char('#'), 0, 0);
    const QString number = category.section(QLatin1Char('#'), 1);
    QString label = step;
    if (step == QLatin1String("banner"))
        label = tr("220 banner");
    else if (step == QLatin1String("BODY"))
        label = tr("message");
    if (!number.isEmpty())
        label += QStringLiteral(" (%1)").arg(number);
    return label;
}

void TimelinePlot::rebuild()
{
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_series.clear();
    m_categories.clear();
    const QList<Series> visits = seriesOf();
    for (const Series &s : visits)
        mergeKeys(m_categories, timelineStepKeys(*s.result));

    auto *title = qobject_cast<QCPTextElement *>(m_plot->plotLayout()->element(kTitleRow, 0));
    auto *caption = qobject_cast<QCPTextElement *>(m_plot->plotLayout()->element(kCaptionRow, 0));
    auto *headline = qobject_cast<QCPTextElement *>(m_plot->plotLayout()->element(kHeadlineRow, 0));
    title->setText(m_runs.isEmpty() ? tr("Run a simulation to compare the seconds spent per SMTP command")
                                    : tr("Seconds spent per SMTP command"));
    caption->setText(m_caption);

    const int count = int(visits.size());
    const double slot = 0.84 / qMax(1, count);
    int longest = 0;
    QFont valueFont = font();
    valueFont.setPointSizeF(7.5);
    for (int s = 0; s < count; ++s) {
        const Series &visit = visits.at(s);
        const engine::SimulationResult &result = *visit.result;
        auto *bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        const QColor color = runColor(*visit.run);
        bars->setName(runName(*visit.run, visit.visit));
        bars->setBrush(visit.visit == Visit::FirstOfRetry ? QBrush(color, Qt::BDiagPattern) : QBrush(color));
        bars->setPen(QPen(color.darker(125), 1));
        bars->setWidthType(QCPBars::wtPlotCoords);
        bars->setWidth(slot * 0.9);
        const QStringList keys = timelineStepKeys(result);
        const double offset = (s - (count - 1) / 2.0) * slot;
        for (int i = 0; i < keys.size(); ++i) {
            const engine::SimulationStep &step = result.steps.at(i);
            const double key = m_categories.indexOf(keys.at(i)) + 1 + offset;
            bars->addData(key, step.delay);
            longest = qMax(longest, step.delay);
            // The seconds of a delay; the 451 of a greylisted RCPT (it costs no seconds, only the retry).
            const bool greylisted = step.code == 451 && !step.greylist.isEmpty();
            if (step.delay > 0 || greylisted) {
                auto *label = new QCPItemText(m_plot);
                label->position->setCoords(key, step.delay);
                label->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
                label->setText(!greylisted      ? QString::number(step.delay)
                               : step.delay > 0 ? QStringLiteral("451\n%1").arg(step.delay)
                                                : QStringLiteral("451"));
                label->setFont(valueFont);
                label->setColor(color.darker(150));
                label->setPadding(QMargins(0, 0, 0, 2));
                label->setClipToAxisRect(false);
            }
        }
        m_series << bars;
    }

    // The headline of the comparison: what an authenticated client waits in all.
    const TimelineRun *compatAuth = nullptr;
    const TimelineRun *extensionAuth = nullptr;
    for (const TimelineRun &run : std::as_const(m_runs))
        if (run.authenticated && run.result.authenticated)
            (run.xmailCompat ? compatAuth : extensionAuth) = &run;
    QStringList headlines;
    if (compatAuth && extensionAuth)
        headlines << tr("Authenticated client: %1 s with XMail 1.27, %2 s with the extensions")
                         .arg(compatAuth->result.totalSeconds)
                         .arg(extensionAuth->result.totalSeconds);
    const QString greylisting = greylistHeadline();
    if (!greylisting.isEmpty())
        headlines << greylisting;
    headline->setText(headlines.join(QLatin1Char('\n')));

    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < m_categories.size(); ++i)
        ticker->addTick(i + 1, categoryLabel(m_categories.at(i)));
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setTickLength(0, 4);
    m_plot->xAxis->setRange(0.45, qMax<qsizetype>(1, m_categories.size()) + 0.55);
    m_plot->xAxis->setLabel(tr("SMTP command, in the order the client sends them"));
    m_plot->yAxis->setLabel(tr("Seconds before the reply"));
    // Room above the tallest bar for its value.
    m_plot->yAxis->setRange(0, qMax(5.0, longest * 1.15));
    m_plot->legend->setVisible(count > 0);
    m_plot->replot();
}

bool TimelinePlot::savePng(const QString &fileName, int width, int height)
{
    return m_plot->savePng(fileName, width, height);
}

void TimelinePlot::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild();
    QWidget::changeEvent(event);
}

} // namespace xmflow::gui

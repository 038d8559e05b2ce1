#pragma once

#include <QWidget>

class QCPBars;
class QCPGraph;
class QCustomPlot;

namespace xmflow::gui {

class DaemonStats;

// The daemon panel's live QCustomPlot charts: sessions now, connections per
// minute, rejects by reason and the distribution of delays.
class DaemonCharts : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kReasonsShown = 8;
    static constexpr int kMinutesShown = 30;

    explicit DaemonCharts(QWidget *parent = nullptr);

    void showStats(const DaemonStats &stats);

    QCustomPlot *sessionsPlot() const { return m_sessionsPlot; }
    QCustomPlot *connectionsPlot() const { return m_connectionsPlot; }
    QCustomPlot *rejectsPlot() const { return m_rejectsPlot; }
    QCustomPlot *delaysPlot() const { return m_delaysPlot; }
    QCPGraph *sessionsGraph() const { return m_sessionsGraph; }
    QCPBars *connectionBars() const { return m_connectionBars; }
    QCPBars *rejectBars() const { return m_rejectBars; }
    QCPBars *delayBars() const { return m_delayBars; }
    QStringList rejectReasonsShown() const { return m_reasonsShown; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QCustomPlot *m_sessionsPlot, *m_connectionsPlot, *m_rejectsPlot, *m_delaysPlot;
    QCPGraph *m_sessionsGraph;
    QCPBars *m_connectionBars, *m_rejectBars, *m_delayBars;
    QStringList m_reasonsShown;
};

} // namespace xmflow::gui

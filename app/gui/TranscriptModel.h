#pragma once

#include "Simulator.h"

#include <QAbstractTableModel>

namespace xmflow::gui {

// The transcript of a simulated session: one row per step, with what the
// client sent, the server's reply and code, the delay before the reply and
// the time since connect.
class TranscriptModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StepColumn, SentColumn, ReplyColumn, CodeColumn, DelayColumn, TimeColumn, ColumnCount };
    // The raw value of a cell: the step name, the code, seconds.
    static constexpr int RawRole = Qt::UserRole + 1;

    explicit TranscriptModel(QObject *parent = nullptr);

    void setSteps(const QList<engine::SimulationStep> &steps);
    const QList<engine::SimulationStep> &steps() const { return m_steps; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void retranslate();

    QList<engine::SimulationStep> m_steps;
};

} // namespace xmflow::gui

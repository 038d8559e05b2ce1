#pragma once

#include "StagePath.h"

#include <QAbstractTableModel>

namespace xmflow::gui {

// The decision trace of a simulated session: every stage it went through, its
// outcome, what happened and the rule (file:line) that decided it. The rule
// column reads as a link; the view opens that line.
class TraceModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StageColumn, OutcomeColumn, EffectColumn, RuleColumn, ColumnCount };
    static constexpr int FileRole = Qt::UserRole + 1;  // the rule's file ("" when none)
    static constexpr int LineRole = Qt::UserRole + 2;  // its line (0 when none)
    static constexpr int StageRole = Qt::UserRole + 3; // the StageIds value

    explicit TraceModel(QObject *parent = nullptr);

    void setPath(const QList<engine::StagePathStep> &path, bool xmailCompat);
    const QList<engine::StagePathStep> &path() const { return m_path; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void retranslate();

    QList<engine::StagePathStep> m_path;
    bool m_compat = false;
};

} // namespace xmflow::gui

#pragma once

#include "SpammerSuggester.h"

#include <QAbstractTableModel>

namespace xmflow::gui {

// Suggested spammers.tab lines with their evidence and impact; each row can be ticked.
class SuggestionsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Line, Addresses, Failures, Score, FirstSeen, LastSeen, Impact, ColumnCount };
    explicit SuggestionsModel(QObject *parent = nullptr);

    void setReport(const engine::SuggestReport &report);
    const engine::SuggestReport &report() const { return m_report; }
    QList<engine::Suggestion> checkedSuggestions() const;
    void setAllChecked(bool checked);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void retranslate();

private:
    engine::SuggestReport m_report;
    QList<bool> m_checked;
};

} // namespace xmflow::gui

#pragma once

#include "ImpactAnalysis.h"

#include <QAbstractTableModel>

namespace xmflow::gui {

// The clients an edit changes (engine::ImpactReport::affected): authenticated users
// first and in red, as the report sorts them.
class ImpactClientsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { User, Address, Sessions, Before, After, SecondsAdded, ColumnCount };
    explicit ImpactClientsModel(QObject *parent = nullptr);

    void setReport(const engine::ImpactReport &report);
    const QList<engine::AffectedClient> &clients() const { return m_clients; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void retranslate();

private:
    QList<engine::AffectedClient> m_clients;
};

} // namespace xmflow::gui

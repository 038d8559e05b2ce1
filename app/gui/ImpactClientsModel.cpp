#include "ImpactClientsModel.h"

#include <QBrush>
#include <QColor>

namespace xmflow::gui {

ImpactClientsModel::ImpactClientsModel(QObject *parent) : QAbstractTableModel(parent) {}

void ImpactClientsModel::setReport(const engine::ImpactReport &report)
{
    beginResetModel();
    m_clients = report.affected;
    endResetModel();
}

int ImpactClientsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_clients.size());
}

int ImpactClientsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImpactClientsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const engine::AffectedClient &c = m_clients.at(index.row());
    if (role == Qt::ForegroundRole && !c.user.isEmpty())
        return QBrush(QColor(0xc0, 0x10, 0x10));
    if (role == Qt::TextAlignmentRole && (index.column() == Sessions || index.column() == SecondsAdded))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case User:
        return c.user.isEmpty() ? tr("(no AUTH)") : c.user;
    case Address:
        return c.address;
    case Sessions:
        return c.sessions;
    case Before:
        return c.before.label();
    case After:
        return c.after.label();
    case SecondsAdded:
        return c.secondsAddedPerSession();
    default:
        return {};
    }
}

QVariant ImpactClientsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case User:
        return tr("User");
    case Address:
        return tr("Address");
    case Sessions:
        return tr("Sessions");
    case Before:
        return tr("Now");
    case After:
        return tr("After the edit");
    case SecondsAdded:
        return tr("Seconds added per session");
    default:
        return {};
    }
}

void ImpactClientsModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_clients.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace xmflow::gui

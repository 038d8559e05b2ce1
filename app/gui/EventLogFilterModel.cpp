#include "EventLogFilterModel.h"

#include "EventLogModel.h"

namespace xmflow::gui {

EventLogFilterModel::EventLogFilterModel(QObject *parent) : QSortFilterProxyModel(parent) {}

void EventLogFilterModel::setTypeFilter(const QString &type)
{
    if (m_type == type)
        return;
    m_type = type;
    invalidateFilter();
}

void EventLogFilterModel::setPeerFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_peer == trimmed)
        return;
    m_peer = trimmed;
    invalidateFilter();
}

void EventLogFilterModel::setRejectsOnly(bool rejectsOnly)
{
    if (m_rejectsOnly == rejectsOnly)
        return;
    m_rejectsOnly = rejectsOnly;
    invalidateFilter();
}

bool EventLogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString type = index.data(EventLogModel::TypeRole).toString();
    // A dropped connection is reported as a "reject" too (banner): rejects are one type.
    if (m_rejectsOnly && type != QLatin1String("reject"))
        return false;
    if (!m_type.isEmpty() && type != m_type)
        return false;
    if (!m_peer.isEmpty() && !index.data(EventLogModel::PeerRole).toString().contains(m_peer, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace xmflow::gui

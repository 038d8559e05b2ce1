#pragma once

#include <QSortFilterProxyModel>

namespace xmflow::gui {

// The event log's filters: one event type, a piece of the client address, rejects only.
class EventLogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit EventLogFilterModel(QObject *parent = nullptr);

    void setTypeFilter(const QString &type); // "" = every type
    QString typeFilter() const { return m_type; }
    void setPeerFilter(const QString &text);  // a substring of the client address
    QString peerFilter() const { return m_peer; }
    void setRejectsOnly(bool rejectsOnly);
    bool rejectsOnly() const { return m_rejectsOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_type;
    QString m_peer;
    bool m_rejectsOnly = false;
};

} // namespace xmflow::gui

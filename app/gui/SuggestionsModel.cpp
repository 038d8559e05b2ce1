#include "SuggestionsModel.h"

namespace xmflow::gui {

SuggestionsModel::SuggestionsModel(QObject *parent) : QAbstractTableModel(parent) {}

void SuggestionsModel::setReport(const engine::SuggestReport &report)
{
    beginResetModel();
    m_report = report;
    m_checked = QList<bool>(report.suggestions.size(), false);
    endResetModel();
}

QList<engine::Suggestion> SuggestionsModel::checkedSuggestions() const
{
    QList<engine::Suggestion> out;
    for (int i = 0; i < m_checked.size(); ++i)
        if (m_checked.at(i))
            out.append(m_report.suggestions.at(i));
    return out;
}

void SuggestionsModel::setAllChecked(bool checked)
{
    for (int i = 0; i < m_checked.size(); ++i)
        m_checked[i] = checked;
    if (!m_checked.isEmpty())
        emit dataChanged(index(0, Line), index(rowCount() - 1, Line), {Qt::CheckStateRole});
}

int SuggestionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_report.suggestions.size());
}

int SuggestionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SuggestionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const engine::Suggestion &s = m_report.suggestions.at(index.row());
    if (role == Qt::CheckStateRole && index.column() == Line)
        return m_checked.at(index.row()) ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ToolTipRole && index.column() == Addresses)
        return s.addresses.join(QLatin1Char('\n'));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Line:
        return s.line().replace(QLatin1Char('\t'), QLatin1Char(' '));
    case Addresses:
        return s.addresses.size();
    case Failures: {
        QStringList parts;
        for (int k = 0; k < engine::kFailureKindCount; ++k)
            if (s.failures[size_t(k)] > 0)
                parts << QStringLiteral("%1 %2")
                             .arg(engine::failureKindName(engine::FailureKind(k)))
                             .arg(s.failures[size_t(k)]);
        return parts.join(QStringLiteral(", "));
    }
    case Score:
        return s.score;
    case FirstSeen:
        return engine::SpammerSuggester::formatTime(s.firstSeen);
    case LastSeen:
        return engine::SpammerSuggester::formatTime(s.lastSeen);
    case Impact:
        return tr("%1 clients, %2 sessions, %3 authenticated users")
            .arg(s.clientsAffected)
            .arg(s.sessionsAffected)
            .arg(s.authUsersAffected);
    default:
        return {};
    }
}

bool SuggestionsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        role != Qt::CheckStateRole || index.column() != Line)
        return false;
    m_checked[index.row()] = value.toInt() == Qt::Checked;
    emit dataChanged(index, index, {Qt::CheckStateRole});
    return true;
}

Qt::ItemFlags SuggestionsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Line)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant SuggestionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Line:
        return tr("spammers.tab line");
    case Addresses:
        return tr("Addresses");
    case Failures:
        return tr("Failures");
    case Score:
        return tr("Score");
    case FirstSeen:
        return tr("First seen");
    case LastSeen:
        return tr("Last seen");
    case Impact:
        return tr("Impact");
    default:
        return {};
    }
}

void SuggestionsModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_report.suggestions.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace xmflow::gui

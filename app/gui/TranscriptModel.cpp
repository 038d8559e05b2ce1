#include "TranscriptModel.h"

#include "LanguageManager.h"

#include <QColor>
#include <QFont>

namespace xmflow::gui {

TranscriptModel::TranscriptModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    connect(&LanguageManager::instance(), &LanguageManager::languageChanged, this, &TranscriptModel::retranslate);
}

void TranscriptModel::setSteps(const QList<engine::SimulationStep> &steps)
{
    beginResetModel();
    m_steps = steps;
    endResetModel();
}

int TranscriptModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_steps.size());
}

int TranscriptModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TranscriptModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const engine::SimulationStep &s = m_steps.at(index.row());
    const bool closed = s.code == 0;
    if (role == RawRole) {
        switch (index.column()) {
        case StepColumn:
            return s.step;
        case SentColumn:
            return s.send;
        case ReplyColumn:
            return s.reply;
        case CodeColumn:
            return s.code;
        case DelayColumn:
            return s.delay;
        case TimeColumn:
            return s.time;
        }
        return {};
    }
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case StepColumn:
            if (s.step == QLatin1String("banner"))
                return tr("banner");
            if (s.step == QLatin1String("BODY"))
                return tr("message");
            return s.step;
        case SentColumn:
            if (s.step == QLatin1String("BODY"))
                return tr("(message body)");
            return s.send;
        case ReplyColumn:
            return closed ? tr("(connection closed)") : s.reply;
        case CodeColumn:
            return closed ? QStringLiteral("—") : QString::number(s.code);
        case DelayColumn:
            return tr("%1 s").arg(s.delay);
        case TimeColumn:
            return tr("%1 s").arg(s.time);
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() >= CodeColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole) {
        if (index.column() == CodeColumn || index.column() == ReplyColumn) {
            if (closed || s.code >= 400)
                return QColor(0xc6, 0x28, 0x28);
            if (s.code >= 200 && s.code < 400)
                return QColor(0x2e, 0x7d, 0x32);
        }
        if (index.column() == DelayColumn && s.delay > 0)
            return QColor(0xe0, 0x65, 0x00);
    }
    if (role == Qt::FontRole && index.column() == DelayColumn && s.delay > 0) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    return {};
}

QVariant TranscriptModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StepColumn:
        return tr("Step");
    case SentColumn:
        return tr("Client sends");
    case ReplyColumn:
        return tr("Server replies");
    case CodeColumn:
        return tr("Code");
    case DelayColumn:
        return tr("Delay");
    case TimeColumn:
        return tr("Time");
    }
    return {};
}

void TranscriptModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_steps.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace xmflow::gui

#include "TraceModel.h"

#include "FlowchartScene.h"
#include "LanguageManager.h"

#include <QColor>
#include <QFont>

namespace xmflow::gui {

TraceModel::TraceModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    connect(&LanguageManager::instance(), &LanguageManager::languageChanged, this, &TraceModel::retranslate);
}

void TraceModel::setPath(const QList<engine::StagePathStep> &path, bool xmailCompat)
{
    beginResetModel();
    m_path = path;
    m_compat = xmailCompat;
    endResetModel();
}

int TraceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_path.size());
}

int TraceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TraceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const engine::StagePathStep &step = m_path.at(index.row());
    switch (role) {
    case FileRole:
        return step.file;
    case LineRole:
        return step.line;
    case StageRole:
        return step.stage;
    default:
        break;
    }
    const QString lang = currentLanguage();
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case StageColumn: {
            const engine::StageInfo *info = engine::findStage(step.stage);
            return info ? info->title.text(lang) : step.stage;
        }
        case OutcomeColumn:
            return FlowchartScene::outcomeText(step, m_compat);
        case EffectColumn:
            return step.effect.text(lang);
        case RuleColumn:
            if (step.file.isEmpty())
                return QString();
            if (role == Qt::ToolTipRole)
                return tr("Open %1 at this line").arg(step.file);
            return step.line > 0 ? QStringLiteral("%1:%2").arg(step.file).arg(step.line) : step.file;
        }
        return {};
    }
    if (role == Qt::ForegroundRole) {
        if (index.column() == OutcomeColumn)
            return FlowchartNodeItem::outcomeColor(FlowchartScene::outcomeOf(step));
        if (index.column() == RuleColumn)
            return QColor(0x1e, 0x6f, 0xd9);
    }
    if (role == Qt::FontRole && (index.column() == RuleColumn || index.column() == OutcomeColumn)) {
        QFont font;
        font.setUnderline(index.column() == RuleColumn);
        font.setBold(index.column() == OutcomeColumn);
        return font;
    }
    return {};
}

QVariant TraceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StageColumn:
        return tr("Stage");
    case OutcomeColumn:
        return tr("Outcome");
    case EffectColumn:
        return tr("What happened");
    case RuleColumn:
        return tr("Rule");
    }
    return {};
}

void TraceModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_path.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace xmflow::gui

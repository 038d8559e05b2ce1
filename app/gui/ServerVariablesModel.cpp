#include "ServerVariablesModel.h"

#include "LanguageManager.h"
#include "TableSchema.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace xmflow::gui {

using model::TableKind;
using model::VariableGroup;

ServerVariablesModel::ServerVariablesModel(MailRootDocument *document, QObject *parent)
    : QAbstractItemModel(parent)
    , m_document(document)
{
    m_groups = build();
    connect(document, &MailRootDocument::tableChanged, this, [this](TableKind kind) {
        if (kind == TableKind::Server)
            rebuild();
    });
    connect(document, &MailRootDocument::opened, this, &ServerVariablesModel::rebuild);
    connect(&LanguageManager::instance(), &LanguageManager::languageChanged, this, &ServerVariablesModel::retranslate);
}

QList<ServerVariablesModel::Group> ServerVariablesModel::build() const
{
    const QList<VariableGroup> order = { VariableGroup::SmtpPolicy, VariableGroup::Extension, VariableGroup::SmtpSession,
                                         VariableGroup::General, VariableGroup::Delivery, VariableGroup::Dns,
                                         VariableGroup::Pop3, VariableGroup::Logging };
    QList<Group> groups;
    QStringList setNames;
    if (m_document->isOpen())
        for (const auto &variable : m_document->root().tables().server)
            if (!setNames.contains(variable.name))
                setNames.append(variable.name);
    for (VariableGroup g : order) {
        Group group;
        group.group = int(g);
        for (const auto &info : model::VariableCatalogue::all()) {
            if (info.group != g)
                continue;
            group.entries.append({ info.name, &info });
            if (info.name == QLatin1String("SmtpConfig")) {
                // The per-listener forms follow the base variable.
                for (const QString &name : setNames)
                    if (name.startsWith(QLatin1String("SmtpConfig-")) && model::VariableCatalogue::find(name))
                        group.entries.append({ name, model::VariableCatalogue::find(name) });
            }
        }
        if (!group.entries.isEmpty())
            groups.append(group);
    }
    Group unknown;
    for (const QString &name : setNames)
        if (!model::VariableCatalogue::find(name))
            unknown.entries.append({ name, nullptr });
    if (!unknown.entries.isEmpty())
        groups.append(unknown);
    return groups;
}

void ServerVariablesModel::rebuild()
{
    QList<Group> groups = build();
    bool sameShape = groups.size() == m_groups.size();
    for (int i = 0; sameShape && i < groups.size(); ++i) {
        sameShape = groups[i].group == m_groups[i].group && groups[i].entries.size() == m_groups[i].entries.size();
        for (int j = 0; sameShape && j < groups[i].entries.size(); ++j)
            sameShape = groups[i].entries[j].name == m_groups[i].entries[j].name;
    }
    if (!sameShape) {
        beginResetModel();
        m_groups = groups;
        endResetModel();
        return;
    }
    m_groups = groups;
    for (int i = 0; i < m_groups.size(); ++i) {
        const QModelIndex parent = index(i, 0);
        if (!m_groups[i].entries.isEmpty())
            emit dataChanged(index(0, 0, parent), index(int(m_groups[i].entries.size()) - 1, ColumnCount - 1, parent));
    }
}

QModelIndex ServerVariablesModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.column() != 0 || parent.row() >= m_groups.size())
        return {};
    if (row >= m_groups[parent.row()].entries.size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ServerVariablesModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int ServerVariablesModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_groups[parent.row()].entries.size());
}

int ServerVariablesModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

const ServerVariablesModel::Entry *ServerVariablesModel::entry(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == 0)
        return nullptr;
    const int group = int(index.internalId() - 1);
    if (group >= m_groups.size() || index.row() >= m_groups[group].entries.size())
        return nullptr;
    return &m_groups[group].entries[index.row()];
}

QList<int> ServerVariablesModel::linesOf(const QString &name) const
{
    QList<int> lines;
    if (m_document->isOpen())
        for (const auto &variable : m_document->root().tables().server)
            if (variable.name == name)
                lines.append(variable.line);
    return lines;
}

QString ServerVariablesModel::groupTitle(const Group &group) const
{
    if (group.group < 0)
        return tr("Unknown to XMail 1.27");
    const auto g = VariableGroup(group.group);
    return currentLanguage() == QLatin1String("ja") ? model::VariableCatalogue::groupTitleJa(g)
                                                    : model::VariableCatalogue::groupTitleEn(g);
}

QVariant ServerVariablesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == 0) {
        const Group &group = m_groups.at(index.row());
        if (index.column() != NameColumn)
            return {};
        if (role == Qt::DisplayRole) {
            int set = 0;
            for (const Entry &e : group.entries)
                if (!linesOf(e.name).isEmpty())
                    ++set;
            return tr("%1 (%2 set)").arg(groupTitle(group)).arg(set);
        }
        if (role == Qt::FontRole) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    }
    const Entry *e = entry(index);
    if (!e)
        return {};
    const QList<int> lines = linesOf(e->name);
    const bool isSet = !lines.isEmpty();
    const std::optional<QString> value = m_document->isOpen() ? m_document->root().variable(e->name) : std::nullopt;
    const bool ja = currentLanguage() == QLatin1String("ja");

    switch (role) {
    case VariableNameRole: return e->name;
    case IsSetRole: return isSet;
    case IsUnknownRole: return e->info == nullptr;
    case LineRole: return isSet ? lines.first() : 0;
    case TypeRole: return e->info ? int(e->info->type) : -1;
    default: break;
    }

    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole)
            return e->name;
        if (role == Qt::FontRole && isSet) {
            QFont font;
            font.setBold(true);
            return font;
        }
        if (role == Qt::ForegroundRole && !e->info)
            return QBrush(QColor(0xb0, 0x30, 0x30));
        if (role == Qt::ToolTipRole)
            return explanation(index);
        return {};
    case ValueColumn:
        if (role == Qt::DisplayRole) {
            if (!isSet)
                return QString();
            if (e->info && e->info->type == model::VariableType::DropCode) {
                bool ok = false;
                const int code = value.value_or(QString()).toInt(&ok);
                if (ok)
                    return QStringLiteral("%1  (%2)").arg(*value, TableSchema::describeCode(code));
            }
            return value.value_or(QString());
        }
        if (role == Qt::EditRole)
            return isSet ? value.value_or(QString()) : (e->info ? e->info->defaultValue : QString());
        if (role == Qt::ToolTipRole)
            return isSet ? tr("Set on line %1").arg(lines.first()) : tr("Not set: XMail uses the default");
        return {};
    case DefaultColumn:
        if (role == Qt::DisplayRole) {
            if (!e->info)
                return QString();
            return e->info->defaultValue.isEmpty() ? tr("(none)") : e->info->defaultValue;
        }
        if (role == Qt::ForegroundRole)
            return QBrush(QColor(0x70, 0x70, 0x70));
        return {};
    case LineColumn:
        if (role == Qt::DisplayRole && isSet) {
            QStringList numbers;
            for (int line : lines)
                numbers << QString::number(line);
            return numbers.join(QStringLiteral(", "));
        }
        if (role == Qt::ToolTipRole && lines.size() > 1)
            return tr("Set more than once: XMail uses only line %1").arg(lines.first());
        if (role == Qt::ForegroundRole && lines.size() > 1)
            return QBrush(QColor(0xb0, 0x60, 0x00));
        return {};
    case DescriptionColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
            if (!e->info)
                return tr("Unknown to XMail 1.27: kept in server.tab, XMail ignores it");
            QString text = ja ? e->info->summaryJa : e->info->summaryEn;
            if (e->info->isExtension)
                text = tr("[xmflow extension] ") + text;
            return text;
        }
        return {};
    default:
        return {};
    }
}

QString ServerVariablesModel::explanation(const QModelIndex &index) const
{
    const Entry *e = entry(index);
    if (!e)
        return {};
    const bool ja = currentLanguage() == QLatin1String("ja");
    QString html = QStringLiteral("<b>%1</b><br/>").arg(e->name.toHtmlEscaped());
    if (!e->info) {
        html += tr("This name is unknown to XMail 1.27. xmflow keeps the line unchanged; XMail ignores it.").toHtmlEscaped();
        return html;
    }
    html += (ja ? e->info->summaryJa : e->info->summaryEn).toHtmlEscaped();
    html += QStringLiteral("<br/><i>") + tr("Default: %1").arg(e->info->defaultValue.isEmpty() ? tr("(none)") : e->info->defaultValue).toHtmlEscaped() + QStringLiteral("</i>");
    if (e->info->isExtension)
        html += QStringLiteral("<br/>") + tr("xmflow extension: plain XMail 1.27 ignores this variable.").toHtmlEscaped();
    return html;
}

bool ServerVariablesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const Entry *e = entry(index);
    if (!e || role != Qt::EditRole || index.column() != ValueColumn)
        return false;
    const QString name = e->name;
    const QString text = value.toString();
    const QList<int> lines = linesOf(name);
    if (!lines.isEmpty()) {
        const int row = lines.first() - 1;
        return m_document->edit(TableKind::Server, tr("Set %1").arg(name),
                                [row, name, text](model::TabFile &file) { file.setRecord(row, { name, text }); }, { row });
    }
    const int row = m_document->file(TableKind::Server).lineCount();
    return m_document->edit(TableKind::Server, tr("Set %1").arg(name),
                            [name, text](model::TabFile &file) { file.appendRecord({ name, text }); }, { row });
}

bool ServerVariablesModel::resetToDefault(const QModelIndex &index)
{
    const Entry *e = entry(index);
    if (!e)
        return false;
    QList<int> lines = linesOf(e->name);
    if (lines.isEmpty())
        return false;
    std::sort(lines.begin(), lines.end(), std::greater<int>());
    return m_document->edit(TableKind::Server, tr("Reset %1 to its default").arg(e->name), [lines](model::TabFile &file) {
        for (int line : lines)
            file.removeLine(line - 1);
    });
}

QModelIndex ServerVariablesModel::indexOf(const QString &name, int column) const
{
    for (int g = 0; g < m_groups.size(); ++g)
        for (int r = 0; r < m_groups[g].entries.size(); ++r)
            if (m_groups[g].entries[r].name == name)
                return index(r, column, index(g, 0));
    return {};
}

QVariant ServerVariablesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Variable");
    case ValueColumn: return tr("Value");
    case DefaultColumn: return tr("Default");
    case LineColumn: return tr("Line");
    case DescriptionColumn: return tr("Meaning");
    default: return {};
    }
}

Qt::ItemFlags ServerVariablesModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() != 0 && index.column() == ValueColumn && m_document->isOpen())
        result |= Qt::ItemIsEditable;
    return result;
}

void ServerVariablesModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    for (int i = 0; i < m_groups.size(); ++i) {
        emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
        const QModelIndex parent = index(i, 0);
        if (!m_groups[i].entries.isEmpty())
            emit dataChanged(index(0, 0, parent), index(int(m_groups[i].entries.size()) - 1, ColumnCount - 1, parent));
    }
}

} // namespace xmflow::gui

#include "TableModel.h"

#include "AppResources.h"
#include "LanguageManager.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QIcon>

namespace xmflow::gui {

using model::TableKind;
using model::TabFile;

namespace {

QStringList decodedFields(const TabFile &file, int row)
{
    QStringList fields;
    for (const QByteArray &field : TabFile::splitFields(file.line(row).text))
        fields << file.decode(field);
    return fields;
}

} // namespace

TableModel::TableModel(MailRootDocument *document, TableKind kind, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
    , m_kind(kind)
    , m_columns(TableSchema::columns(kind))
{
    m_rows = document->isOpen() ? document->file(kind).lineCount() : 0;
    onDiagnosticsChanged();
    connect(document, &MailRootDocument::tableChanged, this, [this](TableKind changed) {
        if (changed == m_kind)
            onTableChanged(changed);
    });
    connect(document, &MailRootDocument::opened, this, [this] { onTableChanged(m_kind); });
    connect(document, &MailRootDocument::diagnosticsChanged, this, &TableModel::onDiagnosticsChanged);
    connect(&LanguageManager::instance(), &LanguageManager::languageChanged, this, &TableModel::retranslate);
}

int TableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int TableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

bool TableModel::isRecord(int row) const
{
    return row >= 0 && row < m_rows && TabFile::isRecord(m_document->file(m_kind).line(row).text);
}

QString TableModel::lineText(int row) const
{
    const TabFile &file = m_document->file(m_kind);
    return file.decode(file.line(row).text);
}

QStringList TableModel::columnValues(int row) const
{
    return TableSchema::columnValues(m_kind, decodedFields(m_document->file(m_kind), row));
}

int TableModel::parsedCode(int row, bool *found) const
{
    for (const auto &rule : m_document->root().tables().spammers) {
        if (rule.line == row + 1) {
            *found = true;
            return rule.code;
        }
    }
    *found = false;
    return 0;
}

QVariant TableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    const TabFile &file = m_document->file(m_kind);
    if (row >= file.lineCount())
        return {};
    const QByteArray &raw = file.line(row).text;
    const bool record = TabFile::isRecord(raw);
    const ColumnSpec &spec = m_columns.at(column);

    switch (role) {
    case LineKindRole:
        return record ? QStringLiteral("record") : TabFile::isComment(raw) ? QStringLiteral("comment") : QStringLiteral("blank");
    case SeverityRole: {
        int worst = -1;
        for (const auto &d : m_findings.value(row))
            worst = std::max(worst, int(d.severity));
        return worst;
    }
    case HighlightRole:
        return m_highlighted.contains(row);
    case CodeRole: {
        bool found = false;
        const int code = parsedCode(row, &found);
        return found ? QVariant(code) : QVariant();
    }
    default:
        break;
    }

    if (!record) {
        if (role == Qt::DisplayRole && column == 0)
            return file.decode(raw);
        if (role == Qt::ForegroundRole)
            return QBrush(QColor(0x4f, 0x7a, 0x4f));
        if (role == Qt::FontRole) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        if (role == Qt::BackgroundRole && m_highlighted.contains(row))
            return QBrush(QColor(0xff, 0xe0, 0x8a));
        return {};
    }

    const QStringList values = columnValues(row);
    switch (role) {
    case Qt::DisplayRole:
        if (spec.type == ColumnType::SpammerCode) {
            bool found = false;
            const int code = parsedCode(row, &found);
            return found ? TableSchema::describeCode(code) : QStringLiteral("—");
        }
        if (spec.type == ColumnType::Password)
            return values.value(column).isEmpty() ? QString() : QStringLiteral("••••••");
        return values.value(column);
    case Qt::EditRole:
        if (spec.type == ColumnType::SpammerCode) {
            bool found = false;
            const int code = parsedCode(row, &found);
            return found ? code : 1;
        }
        if (spec.type == ColumnType::Password)
            return model::decodeXMailPassword(values.value(column)).value_or(QString());
        return values.value(column);
    case Qt::ToolTipRole: {
        QStringList lines;
        for (const auto &d : m_findings.value(row)) {
            lines << d.message.text(currentLanguage());
            if (!d.hint.isEmpty())
                lines << QStringLiteral("→ ") + d.hint.text(currentLanguage());
        }
        if (lines.isEmpty())
            return QCoreApplication::translate("xmflow::gui::TableModel", spec.toolTip);
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::DecorationRole:
        if (column == 0) {
            int worst = -1;
            for (const auto &d : m_findings.value(row))
                worst = std::max(worst, int(d.severity));
            if (worst == int(model::Severity::Error))
                return icon(QStringLiteral("error"));
            if (worst == int(model::Severity::Warning))
                return icon(QStringLiteral("warning"));
            if (worst == int(model::Severity::Info))
                return icon(QStringLiteral("info"));
        }
        return {};
    case Qt::BackgroundRole:
        if (m_highlighted.contains(row))
            return QBrush(QColor(0xff, 0xe0, 0x8a));
        if (spec.type == ColumnType::SpammerCode) {
            bool found = false;
            const int code = parsedCode(row, &found);
            if (found)
                return QBrush(code > 0 ? QColor(0xf8, 0xd7, 0xd7) : code == 0 ? QColor(0xdd, 0xe8, 0xf8) : QColor(0xfc, 0xee, 0xcf));
        }
        return {};
    case Qt::ForegroundRole:
        if (spec.type == ColumnType::SpammerCode)
            return QBrush(Qt::black);
        return {};
    default:
        return {};
    }
}

bool TableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const int row = index.row();
    if (!isRecord(row))
        return false;
    QStringList values = columnValues(row);
    const ColumnSpec &spec = m_columns.at(index.column());
    if (spec.type == ColumnType::SpammerCode) {
        bool ok = false;
        const int code = value.toInt(&ok);
        if (!ok)
            return false;
        const int paramsColumn = index.column() - 1;
        values[paramsColumn] = TableSchema::withCode(values.value(paramsColumn), code);
    } else if (spec.type == ColumnType::Password) {
        values[index.column()] = model::encodeXMailPassword(value.toString());
    } else {
        values[index.column()] = value.toString();
    }
    const QStringList fields = TableSchema::fieldsFromColumns(m_kind, values);
    const QString header = QCoreApplication::translate("xmflow::gui::TableModel", spec.title);
    return m_document->edit(m_kind, tr("Edit %1 on line %2").arg(header).arg(row + 1),
                            [row, fields](TabFile &file) { file.setRecord(row, fields); }, { row });
}

QVariant TableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= m_columns.size())
            return {};
        if (role == Qt::DisplayRole)
            return QCoreApplication::translate("xmflow::gui::TableModel", m_columns.at(section).title);
        if (role == Qt::ToolTipRole)
            return QCoreApplication::translate("xmflow::gui::TableModel", m_columns.at(section).toolTip);
        return {};
    }
    if (section < 0 || section >= m_rows)
        return {};
    if (role == Qt::DisplayRole)
        return section + 1;
    if (role == Qt::ToolTipRole)
        return tr("Line %1 of %2").arg(section + 1).arg(model::tableFileName(m_kind));
    return {};
}

Qt::ItemFlags TableModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (isRecord(index.row())) {
        if (m_columns.at(index.column()).type == ColumnType::SpammerCode) {
            bool found = false;
            parsedCode(index.row(), &found);
            if (found)
                result |= Qt::ItemIsEditable;
        } else {
            result |= Qt::ItemIsEditable;
        }
    }
    return result;
}

void TableModel::setHighlightedRows(const QSet<int> &rows)
{
    if (rows == m_highlighted)
        return;
    m_highlighted = rows;
    if (m_rows > 0)
        emit dataChanged(index(0, 0), index(m_rows - 1, columnCount() - 1), { Qt::BackgroundRole, HighlightRole });
}

void TableModel::retranslate()
{
    if (!m_columns.isEmpty())
        emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    if (m_rows > 0)
        emit dataChanged(index(0, 0), index(m_rows - 1, columnCount() - 1));
}

void TableModel::onTableChanged(TableKind)
{
    const int rows = m_document->file(m_kind).lineCount();
    m_highlighted.clear();
    if (rows != m_rows) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
    } else if (m_rows > 0) {
        emit dataChanged(index(0, 0), index(m_rows - 1, columnCount() - 1));
        emit headerDataChanged(Qt::Vertical, 0, m_rows - 1);
    }
}

void TableModel::onDiagnosticsChanged()
{
    m_findings.clear();
    const QString name = model::tableFileName(m_kind);
    for (const auto &d : m_document->diagnostics())
        if (d.file == name && d.line > 0)
            m_findings[d.line - 1].append(d);
    if (m_rows > 0)
        emit dataChanged(index(0, 0), index(m_rows - 1, columnCount() - 1), { Qt::DecorationRole, Qt::ToolTipRole, SeverityRole });
}

} // namespace xmflow::gui

#include "TableListModel.h"

#include "AppResources.h"
#include "LanguageManager.h"
#include "TableSchema.h"

#include <QFont>
#include <QIcon>

namespace xmflow::gui {

using model::TableKind;

TableListModel::TableListModel(MailRootDocument *document, QObject *parent)
    : QAbstractListModel(parent), m_document(document)
{
    connect(document, &MailRootDocument::opened, this, &TableListModel::refresh);
    connect(document, &MailRootDocument::diagnosticsChanged, this, &TableListModel::refresh);
    connect(document, &MailRootDocument::modifiedChanged, this, &TableListModel::refresh);
    connect(document, &MailRootDocument::saved, this, &TableListModel::refresh);
    connect(&LanguageManager::instance(), &LanguageManager::languageChanged, this, &TableListModel::refresh);
}

int TableListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(model::allTableKinds().size());
}

QVariant TableListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MailRootDocument *document = m_document;
    const TableKind kind = model::allTableKinds().at(index.row());
    const QString fileName = model::tableFileName(kind);
    const bool open = document && document->isOpen();
    switch (role) {
    case KindRole:
        return int(kind);
    case FileNameRole:
        return fileName;
    case Qt::DisplayRole: {
        QString text = fileName;
        if (open && document->isModified(kind))
            text += QStringLiteral(" *");
        return QString(text + QStringLiteral("\n") + TableSchema::description(kind));
    }
    case Qt::ToolTipRole: {
        if (!open)
            return TableSchema::description(kind);
        int records = 0;
        const auto &file = document->file(kind);
        for (const auto &line : file.lines())
            if (model::TabFile::isRecord(line.text))
                ++records;
        QString tip = tr("%1: %n record(s)", nullptr, records).arg(TableSchema::description(kind));
        if (!document->root().fileExists(kind))
            tip +=
                QStringLiteral("\n") + (model::isXmflowTable(kind)
                                            ? tr("The file does not exist yet; xmflowd treats it as empty.")
                                            : tr("The file does not exist yet; XMail treats it as empty."));
        if (model::isXmflowTable(kind))
            tip += QStringLiteral("\n") + tr("Read by xmflowd only: plain XMail 1.27 never reads this file.");
        return tip;
    }
    case Qt::DecorationRole: {
        if (!open)
            return icon(QStringLiteral("table"));
        int worst = -1;
        for (const auto &d : document->diagnosticsFor(kind))
            worst = std::max(worst, int(d.severity));
        if (worst == int(model::Severity::Error))
            return icon(QStringLiteral("error"));
        if (worst == int(model::Severity::Warning))
            return icon(QStringLiteral("warning"));
        return icon(kind == TableKind::Server ? QStringLiteral("variables") : QStringLiteral("table"));
    }
    case Qt::FontRole:
        if (open && document->isModified(kind)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

QModelIndex TableListModel::indexOf(TableKind kind) const
{
    return index(int(model::allTableKinds().indexOf(kind)), 0);
}

void TableListModel::refresh()
{
    emit dataChanged(index(0, 0), index(rowCount() - 1, 0));
}

} // namespace xmflow::gui

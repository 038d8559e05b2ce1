#pragma once

#include "MailRootDocument.h"

#include <QAbstractListModel>

namespace xmflow::gui {

// The list of tables in the side dock: file name, purpose, record count,
// unsaved changes and the worst finding.
class TableListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Roles { KindRole = Qt::UserRole + 1, FileNameRole };

    explicit TableListModel(MailRootDocument *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QModelIndex indexOf(model::TableKind kind) const;

public slots:
    void refresh();

private:
    MailRootDocument *m_document;
};

} // namespace xmflow::gui

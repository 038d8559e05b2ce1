#include "BatchResultsModel.h"

#include <QBrush>
#include <QColor>
#include <QSaveFile>

namespace xmflow::gui {

namespace {

QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace("\"", "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

QColor decisionColor(BatchDecision decision)
{
    switch (decision) {
    case BatchDecision::Accept:
        return QColor(0x2e, 0x7d, 0x32);
    case BatchDecision::Delay:
        return QColor(0xb2, 0x6a, 0x00);
    case BatchDecision::Reject:
        return QColor(0x6a, 0x1b, 0x9a);
    case BatchDecision::Drop:
        return QColor(0xc6, 0x28, 0x28);
    }
    return {};
}

} // namespace

BatchResultsModel::BatchResultsModel(QObject *parent) : QAbstractTableModel(parent) {}

int BatchResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

int BatchResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QList<BatchDecision> BatchResultsModel::allDecisions()
{
    return {BatchDecision::Accept, BatchDecision::Delay, BatchDecision::Reject, BatchDecision::Drop};
}

QString BatchResultsModel::decisionName(BatchDecision decision)
{
    switch (decision) {
    case BatchDecision::Accept:
        return tr("accept");
    case BatchDecision::Delay:
        return tr("delay");
    case BatchDecision::Reject:
        return tr("reject (AUTH only)");
    case BatchDecision::Drop:
        return tr("drop");
    }
    return {};
}

QString BatchResultsModel::decisionKeyword(BatchDecision decision)
{
    switch (decision) {
    case BatchDecision::Accept:
        return QStringLiteral("accept");
    case BatchDecision::Delay:
        return QStringLiteral("delay");
    case BatchDecision::Reject:
        return QStringLiteral("reject");
    case BatchDecision::Drop:
        return QStringLiteral("drop");
    }
    return {};
}

QString BatchResultsModel::decisionText(const BatchResult &result)
{
    switch (result.decision) {
    case BatchDecision::Accept:
        return tr("accept");
    case BatchDecision::Delay:
        return tr("delay %1 s").arg(result.delaySeconds);
    case BatchDecision::Reject:
        return tr("reject %1 unless AUTH").arg(result.code);
    case BatchDecision::Drop:
        return tr("drop %1").arg(result.code);
    }
    return {};
}

QVariant BatchResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BatchResult &r = m_results.at(index.row());
    if (role == DecisionRole)
        return int(r.decision);
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool sort = role == SortRole;
        switch (index.column()) {
        case AddressColumn:
            return r.address;
        case CountColumn:
            return r.count;
        case DecisionColumn:
            if (sort) // decision first, then its severity (delay length or code)
                return qint64(r.decision) * 1000000 + (r.decision == BatchDecision::Delay ? r.delaySeconds : r.code);
            return decisionText(r);
        case RuleColumn:
            return r.rule();
        case PlainColumn:
            return sort ? QVariant(r.plainSeconds) : QVariant(tr("%1 s").arg(r.plainSeconds));
        case AuthColumn:
            if (!r.authSeconds)
                return sort ? QVariant(qint64(-1)) : QVariant(QStringLiteral("—"));
            if (sort)
                return *r.authSeconds;
            return r.authRefused ? tr("%1 s (AUTH failed)").arg(*r.authSeconds) : tr("%1 s").arg(*r.authSeconds);
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == RuleColumn && !r.ruleText.isEmpty())
            return QString(r.rule() + QStringLiteral(": ") + r.ruleText);
        if (index.column() == PlainColumn)
            return tr("Seconds a client without AUTH waits in a whole session (EHLO, MAIL, RCPT, DATA, QUIT)");
        if (index.column() == AuthColumn)
            return tr("Seconds a client that authenticates waits in a whole session");
        return {};
    }
    if (role == Qt::ForegroundRole && index.column() == DecisionColumn)
        return QBrush(decisionColor(r.decision));
    if (role == Qt::TextAlignmentRole && (index.column() == CountColumn || index.column() == PlainColumn || index.column() == AuthColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant BatchResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case AddressColumn:
            return tr("IP address");
        case CountColumn:
            return tr("Count");
        case DecisionColumn:
            return tr("Decision");
        case RuleColumn:
            return tr("Deciding rule");
        case PlainColumn:
            return tr("Plain session");
        case AuthColumn:
            return tr("AUTH session");
        case ColumnCount:
            break;
        }
    } else if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case CountColumn:
            return tr("How often the address appears in the list or the log");
        case RuleColumn:
            return tr("The table line (file:line) that decided");
        case PlainColumn:
            return tr("Total seconds of delay for a session without AUTH");
        case AuthColumn:
            return tr("Total seconds of delay for a session that authenticates");
        default:
            break;
        }
    }
    return {};
}

void BatchResultsModel::append(const QList<BatchResult> &results)
{
    if (results.isEmpty())
        return;
    const int first = int(m_results.size());
    beginInsertRows({}, first, first + int(results.size()) - 1);
    for (const BatchResult &r : results) {
        m_results.append(r);
        m_addresses[r.decision] += 1;
        m_connections[r.decision] += r.count;
    }
    endInsertRows();
}

void BatchResultsModel::clear()
{
    beginResetModel();
    m_results.clear();
    m_addresses.clear();
    m_connections.clear();
    endResetModel();
}

void BatchResultsModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_results.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QByteArray BatchResultsModel::toCsv() const
{
    QByteArray out = "address,count,decision,code,delay_seconds,rule,rule_text,plain_session_seconds,"
                     "auth_session_seconds,auth_succeeded\r\n";
    for (const BatchResult &r : m_results) {
        const QStringList fields{r.address,
                                 QString::number(r.count),
                                 decisionKeyword(r.decision),
                                 r.code ? QString::number(r.code) : QString(),
                                 QString::number(r.delaySeconds),
                                 r.rule(),
                                 r.ruleText,
                                 QString::number(r.plainSeconds),
                                 r.authSeconds ? QString::number(*r.authSeconds) : QString(),
                                 r.authSeconds ? (r.authSucceeded ? QStringLiteral("yes") : QStringLiteral("no")) : QString()};
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i)
                out += ',';
            out += csvField(fields.at(i));
        }
        out += "\r\n";
    }
    return out;
}

bool BatchResultsModel::writeCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(toCsv());
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace xmflow::gui

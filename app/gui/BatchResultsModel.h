#pragma once

#include "BatchSimulator.h"

#include <QAbstractTableModel>
#include <QMap>

namespace xmflow::gui {

// The outcome table of a batch simulation: one row per distinct address, in
// input order. Rows arrive in chunks while the batch runs.
class BatchResultsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { AddressColumn, CountColumn, DecisionColumn, RuleColumn, PlainColumn, AuthColumn, ColumnCount };
    enum Roles {
        SortRole = Qt::UserRole + 1, // numbers as numbers, for a QSortFilterProxyModel
        DecisionRole,                // BatchDecision as int
    };

    explicit BatchResultsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void append(const QList<BatchResult> &results);
    void clear();
    const QList<BatchResult> &results() const { return m_results; }
    const BatchResult &result(int row) const { return m_results.at(row); }

    // Distinct addresses, and connections (their counts summed), per decision.
    int addressCount(BatchDecision decision) const { return m_addresses.value(decision); }
    qint64 connectionCount(BatchDecision decision) const { return m_connections.value(decision); }

    static QString decisionText(const BatchResult &result);   // "delay 30 s", in the current language
    static QString decisionName(BatchDecision decision);      // for a chart axis, translated
    static QString decisionKeyword(BatchDecision decision);   // "accept", "delay", "reject", "drop" (CSV)
    static QList<BatchDecision> allDecisions();

    // RFC 4180: CRLF line ends, fields with a comma, quote or line break are quoted, quotes doubled.
    QByteArray toCsv() const;
    bool writeCsv(const QString &path, QString *error) const;

public slots:
    void retranslate();

private:
    QList<BatchResult> m_results;
    QMap<BatchDecision, int> m_addresses;
    QMap<BatchDecision, qint64> m_connections;
};

} // namespace xmflow::gui

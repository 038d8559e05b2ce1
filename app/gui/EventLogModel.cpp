#include "EventLogModel.h"

#include <QBrush>
#include <QColor>
#include <QJsonArray>

namespace xmflow::gui {

namespace {

const QLatin1String kType("type");
const QLatin1String kTs("ts");
const QLatin1String kSession("session");
const QLatin1String kPeer("peer");
const QLatin1String kCode("code");
const QLatin1String kDetail("detail");
const QLatin1String kStatus("status");
const QLatin1String kCommand("command");

QString str(const QJsonObject &o, QLatin1String key)
{
    return o.value(key).toString();
}

// The fields a summary does not already show, as key=value.
QString otherFields(const QJsonObject &o)
{
    QStringList parts;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        if (key == kType || key == kTs || key == kSession || key == kPeer || key == kCode)
            continue;
        const QJsonValue value = it.value();
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isBool())
            text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (value.isDouble())
            text = QString::number(value.toDouble());
        else if (value.isArray()) {
            QStringList items;
            for (const QJsonValue &item : value.toArray())
                items << item.toVariant().toString();
            text = items.join(QStringLiteral(", "));
        }
        parts << key + QLatin1Char('=') + text;
    }
    return parts.join(QStringLiteral("  "));
}

} // namespace

DaemonEvent DaemonEvent::fromJson(const QJsonObject &object)
{
    DaemonEvent e;
    e.time = QDateTime::fromString(str(object, kTs), Qt::ISODateWithMs);
    e.type = str(object, kType);
    e.session = object.contains(kSession) ? qint64(object.value(kSession).toDouble(-1)) : -1;
    e.peer = str(object, kPeer);
    e.code = object.value(kCode).toInt();
    e.fields = object;
    return e;
}

int DaemonEvent::delaySeconds() const
{
    if (fields.contains(QLatin1String("seconds")))
        return fields.value(QLatin1String("seconds")).toInt();
    return str(fields, kDetail).toInt(); // the session reports its command delay as text
}

QString DaemonEvent::rejectReason() const
{
    const QString status = str(fields, kStatus);
    if (!status.isEmpty())
        return status;
    const QString command = str(fields, kCommand);
    if (code != 0)
        return command.isEmpty() ? QString::number(code) : QStringLiteral("%1 %2").arg(code).arg(command);
    const QString detail = str(fields, kDetail);
    return detail.isEmpty() ? EventLogModel::tr("(no reason given)") : detail;
}

QString DaemonEvent::summary() const
{
    const QString detail = str(fields, kDetail);
    const QString status = str(fields, kStatus);
    const QString command = str(fields, kCommand);
    auto withStatus = [&status](const QString &text) {
        return status.isEmpty() ? text : text.isEmpty() ? status : QStringLiteral("%1  [%2]").arg(text, status);
    };
    if (type == QLatin1String("connect"))
        return EventLogModel::tr("connection to %1").arg(str(fields, QLatin1String("local")));
    if (type == QLatin1String("verdict")) {
        if (!fields.contains(QLatin1String("drop")))
            return detail; // the session's own verdict line: "accept" or "delay N s"
        if (fields.value(QLatin1String("drop")).toBool())
            return withStatus(EventLogModel::tr("drop"));
        QStringList parts;
        const int delay = fields.value(QLatin1String("delay")).toInt();
        if (fields.value(QLatin1String("whitelisted")).toBool())
            parts << EventLogModel::tr("whitelisted");
        if (delay > 0)
            parts << (fields.value(QLatin1String("delay_start")).toString() == QLatin1String("mail")
                          ? EventLogModel::tr("delay %1 s per command from MAIL FROM").arg(delay)
                          : EventLogModel::tr("delay %1 s per command").arg(delay));
        if (fields.value(QLatin1String("greet_pause")).toInt() > 0)
            parts << EventLogModel::tr("greet pause %1 s")
                         .arg(fields.value(QLatin1String("greet_pause")).toInt());
        if (fields.value(QLatin1String("blocked")).toBool() ||
            fields.value(QLatin1String("mapped")).toBool() || fields.value(QLatin1String("no_rdns")).toBool())
            parts << EventLogModel::tr("MAIL FROM needs AUTH");
        if (parts.isEmpty())
            parts << EventLogModel::tr("accept");
        return parts.join(QStringLiteral(", "));
    }
    if (type == QLatin1String("command")) {
        QString text = command;
        const QString path = str(fields, QLatin1String("path"));
        if (!path.isEmpty())
            text += QStringLiteral(" <%1>").arg(path);
        const int delay = fields.value(QLatin1String("delay")).toInt();
        if (delay > 0)
            text += QLatin1Char(' ') + EventLogModel::tr("(after %1 s)").arg(delay);
        return text;
    }
    if (type == QLatin1String("delay"))
        return command.isEmpty() ? EventLogModel::tr("wait %1 s").arg(delaySeconds())
                                 : EventLogModel::tr("wait %1 s before %2").arg(delaySeconds()).arg(command);
    if (type == QLatin1String("auth"))
        return EventLogModel::tr("authenticated as %1").arg(detail);
    if (type == QLatin1String("accept") || type == QLatin1String("reject") || type == QLatin1String("close")) {
        QString text = detail;
        if (!command.isEmpty() && command != detail)
            text = text.isEmpty() ? command : QStringLiteral("%1: %2").arg(command, text);
        return withStatus(text);
    }
    if (type == QLatin1String("listening")) {
        QStringList addresses;
        for (const QJsonValue &a : fields.value(QLatin1String("addresses")).toArray())
            addresses << a.toString();
        return EventLogModel::tr("listening on %1").arg(addresses.join(QStringLiteral(", ")));
    }
    if (type == QLatin1String("reload")) {
        const QString reason = str(fields, QLatin1String("reason"));
        return fields.value(QLatin1String("ok")).toBool() ? EventLogModel::tr("tables reloaded (%1)").arg(reason)
                                                          : EventLogModel::tr("reload failed (%1): %2").arg(reason, detail);
    }
    if (type == QLatin1String("shutdown"))
        return EventLogModel::tr("shutting down with %n live session(s)", nullptr, fields.value(QLatin1String("sessions")).toInt());
    return otherFields(fields);
}

EventLogModel::EventLogModel(QObject *parent) : QAbstractTableModel(parent) {}

QStringList EventLogModel::knownTypes()
{
    return {QStringLiteral("connect"), QStringLiteral("verdict"), QStringLiteral("command"), QStringLiteral("delay"),
            QStringLiteral("auth"),    QStringLiteral("accept"),  QStringLiteral("reject"),  QStringLiteral("close"),
            QStringLiteral("timeout"), QStringLiteral("tls"),     QStringLiteral("stored"),  QStringLiteral("listening"),
            QStringLiteral("reload"),  QStringLiteral("shutdown"), QStringLiteral("dns")};
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DaemonEvent &e = m_events.at(size_t(index.row()));
    switch (role) {
    case TypeRole:
        return e.type;
    case PeerRole:
        return e.peer;
    case SessionRole:
        return e.session;
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return e.time.isValid() ? e.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")) : QString();
        case TypeColumn:
            return e.type;
        case SessionColumn:
            return e.session >= 0 ? QVariant(e.session) : QVariant();
        case PeerColumn:
            return e.peer;
        case CodeColumn:
            return e.code ? QVariant(e.code) : QVariant();
        case DetailColumn:
            return e.summary();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn && e.time.isValid())
            return e.time.toLocalTime().toString(Qt::ISODateWithMs);
        if (index.column() == DetailColumn)
            return otherFields(e.fields);
        return {};
    case Qt::ForegroundRole:
        if (e.type == QLatin1String("reject") || (e.type == QLatin1String("verdict") && e.fields.value(QLatin1String("drop")).toBool()))
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (e.type == QLatin1String("delay"))
            return QBrush(QColor(0xb2, 0x6a, 0x00));
        if (e.type == QLatin1String("auth") || e.type == QLatin1String("accept"))
            return QBrush(QColor(0x2e, 0x7d, 0x32));
        return {};
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time");
    case TypeColumn:
        return tr("Event");
    case SessionColumn:
        return tr("Session");
    case PeerColumn:
        return tr("Client");
    case CodeColumn:
        return tr("Code");
    case DetailColumn:
        return tr("Details");
    case ColumnCount:
        break;
    }
    return {};
}

void EventLogModel::dropOldest(int rows)
{
    rows = std::min(rows, int(m_events.size()));
    if (rows <= 0)
        return;
    beginRemoveRows({}, 0, rows - 1);
    m_events.erase(m_events.begin(), m_events.begin() + rows);
    m_dropped += rows;
    endRemoveRows();
}

void EventLogModel::setMaximumRows(int rows)
{
    m_maximumRows = std::max(1, rows);
    dropOldest(int(m_events.size()) - m_maximumRows);
}

void EventLogModel::append(const QList<DaemonEvent> &events)
{
    if (events.isEmpty())
        return;
    // More new events than fit: only the newest count.
    const qsizetype skip = std::max<qsizetype>(0, events.size() - m_maximumRows);
    m_dropped += skip;
    const int incoming = int(events.size() - skip);
    dropOldest(int(m_events.size()) + incoming - m_maximumRows);
    const int first = int(m_events.size());
    beginInsertRows({}, first, first + incoming - 1);
    for (qsizetype i = skip; i < events.size(); ++i)
        m_events.push_back(events.at(i));
    endInsertRows();
}

void EventLogModel::clear()
{
    if (m_events.empty())
        return;
    beginResetModel();
    m_events.clear();
    endResetModel();
}

void EventLogModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_events.empty())
        emit dataChanged(index(0, DetailColumn), index(rowCount() - 1, DetailColumn));
}

} // namespace xmflow::gui

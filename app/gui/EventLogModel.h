#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QJsonObject>

#include <deque>

namespace xmflow::gui {

// One `xmflowd serve --events` line (engine/daemon/EventStream.cpp): connect,
// verdict, command, delay, auth, accept, reject, close, and the daemon's own
// listening, reload, shutdown, tls, stored, timeout and dns.
struct DaemonEvent {
    QDateTime time;     // "ts", UTC
    QString type;
    qint64 session = -1; // -1 when the event concerns no session
    QString peer;
    int code = 0;
    QJsonObject fields;

    static DaemonEvent fromJson(const QJsonObject &object);
    // Seconds a "delay" event announces (the session's command delay or the greet pause).
    int delaySeconds() const;
    // What a "reject" was about: the XMail log status, the reason, or the code and command.
    QString rejectReason() const;
    // One line for the log, in the current language.
    QString summary() const;
};

// The live event log, oldest first, capped: once full, the oldest rows go.
class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, TypeColumn, SessionColumn, PeerColumn, CodeColumn, DetailColumn, ColumnCount };
    enum Roles {
        TypeRole = Qt::UserRole + 1, // the event type, untranslated
        PeerRole,
        SessionRole,
    };
    static constexpr int kDefaultMaximumRows = 50000;

    explicit EventLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setMaximumRows(int rows);
    int maximumRows() const { return m_maximumRows; }
    void append(const QList<DaemonEvent> &events);
    void clear();
    const DaemonEvent &event(int row) const { return m_events.at(size_t(row)); }
    qint64 droppedRows() const { return m_dropped; } // rows that went because of the cap

    static QStringList knownTypes();

public slots:
    void retranslate();

private:
    void dropOldest(int rows);

    std::deque<DaemonEvent> m_events;
    int m_maximumRows = kDefaultMaximumRows;
    qint64 m_dropped = 0;
};

} // namespace xmflow::gui

#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace xmflow::daemon {

// XMF-GreetPause pass cache: peers that waited politely for the banner skip the
// pause for XMF-GreetPassTTL seconds. Persisted in MailRoot/xmflow/greetpass.tab
// ("ip" TAB unix-time per line), so it survives restarts.
class GreetPassCache : public QObject
{
    Q_OBJECT
public:
    explicit GreetPassCache(const QString &mailRoot, QObject *parent = nullptr);
    ~GreetPassCache() override;

    bool passed(const QString &peer, qint64 ttlSeconds) const;
    void recordPass(const QString &peer);
    void save();
    QString path() const { return m_path; }

private:
    void load();
    QString m_path;
    QHash<QString, qint64> m_passes; // peer -> unix time of the last pass
    QTimer m_saveTimer;
};

} // namespace xmflow::daemon

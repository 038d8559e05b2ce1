#include "GreetPassCache.h"

#include "MessageStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace xmflow::daemon {

GreetPassCache::GreetPassCache(const QString &mailRoot, QObject *parent)
    : QObject(parent), m_path(QDir(mailRoot).filePath(QStringLiteral("xmflow/greetpass.tab")))
{
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(2000);
    connect(&m_saveTimer, &QTimer::timeout, this, &GreetPassCache::save);
    load();
}

GreetPassCache::~GreetPassCache()
{
    if (m_saveTimer.isActive())
        save();
}

void GreetPassCache::load()
{
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly))
        return;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        const QList<QByteArray> fields = line.split('\t');
        if (fields.size() < 2 || line.startsWith('#'))
            continue;
        QString peer = QString::fromLatin1(fields.at(0));
        peer.remove(QLatin1Char('"'));
        m_passes.insert(peer, QString::fromLatin1(fields.at(1)).remove(QLatin1Char('"')).toLongLong());
    }
}

bool GreetPassCache::passed(const QString &peer, qint64 ttlSeconds) const
{
    const auto it = m_passes.constFind(peer);
    if (it == m_passes.cend() || ttlSeconds <= 0)
        return false;
    return QDateTime::currentSecsSinceEpoch() - it.value() < ttlSeconds;
}

void GreetPassCache::recordPass(const QString &peer)
{
    m_passes.insert(peer, QDateTime::currentSecsSinceEpoch());
    if (!m_saveTimer.isActive())
        m_saveTimer.start();
}

void GreetPassCache::save()
{
    m_saveTimer.stop();
    QByteArray bytes = "# xmflowd XMF-GreetPause pass cache: peer, unix time of its last pass\n";
    for (auto it = m_passes.cbegin(); it != m_passes.cend(); ++it)
        bytes += '"' + it.key().toLatin1() + "\"\t\"" + QByteArray::number(it.value()) + "\"\n";
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QString error;
    MessageStore::writeFileDurably(m_path + QStringLiteral(".tmp"), m_path, bytes, false, &error);
}

} // namespace xmflow::daemon

#include "GreetPassMigration.h"

#include "AddressFilter.h"
#include "GreetPass.h"
#include "StateStore.h"

#include <QDir>
#include <QFile>

namespace xmflow::daemon {

QString GreetPassMigration::legacyPath(const QString &mailRoot)
{
    return QDir(mailRoot).filePath(QStringLiteral("xmflow/greetpass.tab"));
}

GreetPassMigration::Result GreetPassMigration::run(const QString &mailRoot, engine::StateStore &store,
                                                   qint64 ttlSeconds, qint64 nowSeconds)
{
    Result result;
    const QString path = legacyPath(mailRoot);
    QFile file(path);
    if (!file.exists())
        return result;
    result.fileFound = true;
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return result;
    }
    QList<engine::StoreWrite> writes;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> fields = line.split('\t');
        const QString peer =
            fields.size() == 2 ? QString::fromLatin1(fields.at(0)).remove(QLatin1Char('"')) : QString();
        bool ok = false;
        const qint64 passedAt =
            fields.size() == 2 ? QString::fromLatin1(fields.at(1)).remove(QLatin1Char('"')).toLongLong(&ok)
                               : 0;
        if (!ok || !model::IpAddress::parse(peer)) {
            result.problems << QStringLiteral("%1:%2: not a \"peer\" TAB \"unix time\" line, skipped")
                                   .arg(path)
                                   .arg(lineNumber);
            continue;
        }
        const qint64 remaining = passedAt + ttlSeconds - nowSeconds;
        if (remaining <= 0 || passedAt > nowSeconds) {
            ++result.expired;
            continue;
        }
        engine::StoreWrite write = engine::greetpass::record(peer, passedAt, remaining);
        writes.append(write);
        ++result.migrated;
    }
    file.close();
    if (!writes.isEmpty())
        store.write(writes);
    const QString migrated = path + QStringLiteral(".migrated");
    QFile::remove(migrated);
    if (!QFile::rename(path, migrated))
        result.error = QStringLiteral("cannot rename %1 to %2").arg(path, migrated);
    return result;
}

} // namespace xmflow::daemon

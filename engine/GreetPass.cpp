#include "GreetPass.h"

#include <limits>

namespace xmflow::engine::greetpass {

QByteArray key(const QString &peer)
{
    return "gp|" + peer.toLatin1();
}

StoreWrite record(const QString &peer, qint64 nowSeconds, qint64 ttlSeconds)
{
    StoreWrite write;
    write.key = key(peer);
    write.value = QByteArray::number(nowSeconds);
    write.ttlSeconds = int(qBound(qint64(1), ttlSeconds, qint64(std::numeric_limits<int>::max())));
    return write;
}

bool valid(const std::optional<QByteArray> &value, qint64 nowSeconds, qint64 ttlSeconds)
{
    if (!value || ttlSeconds <= 0)
        return false;
    bool ok = false;
    const qint64 passedAt = value->toLongLong(&ok);
    return ok && nowSeconds >= passedAt && nowSeconds - passedAt < ttlSeconds;
}

} // namespace xmflow::engine::greetpass

#pragma once
// The XMF-GreetPause pass cache as keys of the state store: a peer that waited
// politely for the banner skips the pause for XMF-GreetPassTTL seconds, on every
// xmflowd that shares the store.

#include "Greylist.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace xmflow::engine::greetpass {

QByteArray key(const QString &peer);
// The pass, stamped with its time so that a TTL shortened later still counts.
StoreWrite record(const QString &peer, qint64 nowSeconds, qint64 ttlSeconds);
bool valid(const std::optional<QByteArray> &value, qint64 nowSeconds, qint64 ttlSeconds);

} // namespace xmflow::engine::greetpass

#pragma once

#include "Policy.h"

#include <QJsonObject>

namespace xmflow::engine {

// The connect-time verdict as JSON, in one key style (snake_case): the "verdict" of
// `xmflowd simulate --json` and the fields of the daemon's "verdict" events.
QJsonObject toJson(const ConnectVerdict &verdict);

} // namespace xmflow::engine

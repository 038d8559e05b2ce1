#pragma once

#include "Policy.h"

namespace xmflow::engine {

// XMF-LocalDelivery=nexthop: xmflowd is the port-25 front of another server. Every
// accepted message, local or not, goes through the relay spool to XMF-NextHop;
// "maildir" (the default) delivers local recipients into their Maildir.
inline bool deliversToNextHop(const Policy &policy)
{
    return policy.extensionsActive() && policy.variable(QStringLiteral("XMF-LocalDelivery"))
                                                .trimmed()
                                                .compare(QLatin1String("nexthop"), Qt::CaseInsensitive) == 0;
}

} // namespace xmflow::engine

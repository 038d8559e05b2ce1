#pragma once

#include "Policy.h"
#include "PolicySettings.h"

namespace xmflow::engine {

// XMF-LocalDelivery=nexthop: xmflowd is the port-25 front of another server. Every
// accepted message, local or not, goes through the relay spool to XMF-NextHop;
// "maildir" (the default) delivers local recipients into their Maildir.
inline bool deliversToNextHop(const Policy &policy)
{
    return policy.settings().localDeliveryToNextHop; // false in XMail-compatible mode
}

} // namespace xmflow::engine

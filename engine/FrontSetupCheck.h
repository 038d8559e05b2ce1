#pragma once

#include "Diagnostic.h"
#include "MailRoot.h"

namespace xmflow::engine {

// `xmflowd check` for front mode (XMF-LocalDelivery=nexthop): xmflowd relays every message
// to XMF-NextHop, usually the XMail that shares this MailRoot on another port. Warns when
// these tables would make that XMail refuse, hold up or not relay for the front's own
// address (spammers.tab, smtp.ipmap.tab, the RBLs' flags, smtprelay.tab), with file:line and
// the fix. Empty outside front mode.
model::Diagnostics checkFrontSetup(const model::MailRoot &root);

} // namespace xmflow::engine

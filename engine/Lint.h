#pragma once

#include "Diagnostic.h"
#include "MailRoot.h"

namespace xmflow::engine {

// Every finding about a MailRoot: the model's line diagnostics plus XMail-semantics
// checks (shadowed lines, catch-all delays that hit authenticated users,
// SMTP-IpMapDropCode=0 with DENY lines, open relays, extensions in use).
// Sorted by file, then line.
model::Diagnostics lint(const model::MailRoot &root);

} // namespace xmflow::engine

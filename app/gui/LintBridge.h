#pragma once

#include "MailRoot.h"

namespace xmflow::gui {

// Every finding about the MailRoot, as the diagnostics dock shows it: the
// engine's lint when it is built in, otherwise the model's line diagnostics.
model::Diagnostics lintMailRoot(const model::MailRoot &root);

} // namespace xmflow::gui

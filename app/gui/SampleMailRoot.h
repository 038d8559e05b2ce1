#pragma once

#include <QString>

namespace xmflow::gui {

// Where the bundled sample MailRoot lives: $XMFLOW_SAMPLE_MAILROOT, next to an
// installed program, or the source tree it was built from.
QString sampleMailRoot();

} // namespace xmflow::gui

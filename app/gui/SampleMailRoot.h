#pragma once

#include <QString>

namespace xmflow::gui {

// Where the bundled sample MailRoot lives: $XMFLOW_SAMPLE_MAILROOT, next to an
// installed program, or the source tree it was built from.
QString sampleMailRoot();

// The sample itself, or a copy of it whose tables were not changed.
bool isSampleMailRoot(const QString &directory);

} // namespace xmflow::gui

#pragma once

#include <QByteArrayView>

namespace xmflow::model {

// XMail's wildcard match (StrIWildMatch) on UTF-8 bytes, ASCII case-insensitive:
// '*', '?', '[a-z]', '[^...]', '\\' escapes.
bool xmailWildcardMatch(QByteArrayView text, QByteArrayView pattern);

} // namespace xmflow::model

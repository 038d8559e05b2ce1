#pragma once

#include <QString>

#include <optional>

namespace xmflow::model {

// XMail's mailusers.tab password encoding: every byte XOR 0x65, as two hex digits.
QString encodeXMailPassword(const QString &plain);
std::optional<QString> decodeXMailPassword(const QString &encoded);

} // namespace xmflow::model

#pragma once

#include "Tables.h"

#include <vector>

namespace xmflow::engine {

// The order in which XMail 1.27 prefers smtp.ipmap.tab lines: highest precedence
// first, the later line on a tie. XMail starts from precedence -1, so lines below
// -1 can never win and are left out. Returns indexes into `rules`.
std::vector<int> ipMapPriorityOrder(const QList<model::IpMapRule> &rules);

} // namespace xmflow::engine

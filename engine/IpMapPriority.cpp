#include "IpMapPriority.h"

#include <algorithm>

namespace xmflow::engine {

std::vector<int> ipMapPriorityOrder(const QList<model::IpMapRule> &rules)
{
    std::vector<int> order;
    for (int i = 0; i < int(rules.size()); ++i)
        if (rules.at(i).precedence >= -1)
            order.push_back(i);
    std::sort(order.begin(), order.end(), [&rules](int a, int b) {
        const int pa = rules.at(a).precedence;
        const int pb = rules.at(b).precedence;
        return pa != pb ? pa > pb : a > b;
    });
    return order;
}

} // namespace xmflow::engine

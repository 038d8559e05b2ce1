#include "PropertyRule.h"

#include "AddressFilter.h"

namespace xmflow::model {

namespace {

const Property *findProperty(const QList<Property> &properties, const QString &name)
{
    for (const Property &p : properties)
        if (p.name == name)
            return &p;
    return nullptr;
}

} // namespace

std::optional<QString> PropertyRule::property(const QString &name) const
{
    const Property *p = findProperty(properties, name);
    return p ? std::optional<QString>(p->value) : std::nullopt;
}

bool PropertyRule::flag(const QString &name) const
{
    const Property *p = findProperty(properties, name);
    return p && (p->bare || xmailAtoi(p->value.toUtf8()) != 0);
}

std::optional<int> PropertyRule::intProperty(const QString &name) const
{
    const Property *p = findProperty(properties, name);
    if (!p)
        return std::nullopt;
    return xmailAtoi(p->value.toUtf8());
}

QList<Property> parseProperties(const QStringList &items)
{
    QList<Property> out;
    out.reserve(items.size());
    for (const QString &item : items) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        if (eq < 0)
            out.append({item, QStringLiteral("1"), true});
        else
            out.append({item.left(eq), item.mid(eq + 1), false});
    }
    return out;
}

std::optional<QString> xmailParamGet(const QString &text, const QString &name)
{
    for (qsizetype at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        if (at > 0 && text.at(at - 1) != QLatin1Char(','))
            continue;
        const qsizetype valueStart = at + name.size();
        if (valueStart >= text.size() || text.at(valueStart) != QLatin1Char('='))
            continue;
        qsizetype end = text.indexOf(QLatin1Char(','), valueStart + 1);
        if (end < 0)
            end = text.size();
        return text.mid(valueStart + 1, qMin<qsizetype>(end - valueStart - 1, 31));
    }
    return std::nullopt;
}

} // namespace xmflow::model

#include "Diagnostic.h"

#include <algorithm>

namespace xmflow::model {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("error");
    }
    return {};
}

QString Diagnostic::location() const
{
    return line > 0 ? file + QLatin1Char(':') + QString::number(line) : file;
}

QString Diagnostic::format(const QString &language) const
{
    return location() + QStringLiteral(": ") + severityName(severity) + QStringLiteral(": ")
           + message.text(language);
}

bool hasErrors(const Diagnostics &diagnostics)
{
    return std::any_of(diagnostics.cbegin(), diagnostics.cend(),
                       [](const Diagnostic &d) { return d.severity == Severity::Error; });
}

} // namespace xmflow::model

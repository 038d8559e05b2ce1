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
    return location() + QStringLiteral(": ") + severityName(severity) + QStringLiteral(": ") +
           message.text(language);
}

Diagnostic makeDiagnostic(const QString &file, int line, Severity severity, const QString &kind,
                          const LocalizedText &message, const LocalizedText &xmailBehaviour,
                          const LocalizedText &hint)
{
    Diagnostic d;
    d.file = file;
    d.line = line;
    d.severity = severity;
    d.kind = kind;
    d.message = message;
    d.xmailBehaviour = xmailBehaviour;
    d.hint = hint;
    return d;
}

bool hasErrors(const Diagnostics &diagnostics)
{
    return std::any_of(diagnostics.cbegin(), diagnostics.cend(),
                       [](const Diagnostic &d) { return d.severity == Severity::Error; });
}

} // namespace xmflow::model

#pragma once

#include <QList>
#include <QString>

namespace xmflow::model {

// A user-facing text in both UI languages; the model has no translator loaded
// (xmflowd is headless), so findings carry both.
struct LocalizedText {
    QString en;
    QString ja;
    QString text(const QString &language) const { return language.startsWith(QLatin1String("ja")) ? ja : en; }
    bool isEmpty() const { return en.isEmpty(); }
};

enum class Severity { Info, Warning, Error };

QString severityName(Severity severity); // "info", "warning", "error"

// One finding about a MailRoot file: where, how bad, what is wrong, what XMail
// itself does with the line, and how to fix it.
struct Diagnostic {
    QString file; // file name relative to the MailRoot, e.g. "spammers.tab"
    int line = 0; // 1-based; 0 for the file as a whole
    Severity severity = Severity::Warning;
    QString kind; // stable id for tests and filters, e.g. "unparsable-line"
    LocalizedText message;
    LocalizedText xmailBehaviour; // what XMail 1.27 does with it
    LocalizedText hint;           // how to fix it

    QString location() const;                                             // "file:line" or "file"
    QString format(const QString &language = QStringLiteral("en")) const; // "file:line: severity: message"
};

using Diagnostics = QList<Diagnostic>;

Diagnostic makeDiagnostic(const QString &file, int line, Severity severity, const QString &kind,
                          const LocalizedText &message, const LocalizedText &xmailBehaviour,
                          const LocalizedText &hint = {});

bool hasErrors(const Diagnostics &diagnostics);

} // namespace xmflow::model

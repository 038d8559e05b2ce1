#include "ReportBuilder.h"

#include "DiagnosticsPanel.h"
#include "LanguageManager.h"
#include "TableSchema.h"
#include "VariableCatalogue.h"

#include <QDateTime>
#include <QFile>
#include <QPrinter>
#include <QTextDocument>

namespace xmflow::gui {

using model::TableKind;

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

QString ReportBuilder::html(const MailRootDocument &document)
{
    const QString lang = currentLanguage();
    const auto &root = document.root();
    QString out;
    out += QStringLiteral("<html><head><meta charset=\"utf-8\"/><title>%1</title>"
                          "<style>body{font-family:sans-serif;font-size:10pt} table{border-collapse:collapse} "
                          "td,th{border:1px solid #999;padding:2px 6px;vertical-align:top} th{background:#e4ebf5} "
                          "h1{color:#1f5f9f} h2{color:#1f5f9f;margin-top:18px} .c{color:#4f7a4f;font-style:italic} "
                          ".err{color:#b00000} .warn{color:#9a6200}</style></head><body>")
               .arg(esc(tr("xmflow configuration report")));
    out += QStringLiteral("<h1>%1</h1>").arg(esc(tr("xmflow configuration report")));
    out += QStringLiteral("<p>%1<br/>%2</p>")
               .arg(esc(tr("MailRoot: %1").arg(root.directory())),
                    esc(tr("Generated: %1").arg(QLocale(lang).toString(QDateTime::currentDateTime(), QLocale::LongFormat))));

    // Findings first: they are what an admin must act on.
    out += QStringLiteral("<h2>%1</h2>").arg(esc(tr("Findings")));
    if (document.diagnostics().isEmpty()) {
        out += QStringLiteral("<p>%1</p>").arg(esc(tr("No findings.")));
    } else {
        out += QStringLiteral("<table><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                   .arg(esc(tr("Severity")), esc(tr("Location")), esc(tr("Finding")), esc(tr("How to fix")));
        for (const auto &d : document.diagnostics()) {
            const QString cls = d.severity == model::Severity::Error ? QStringLiteral("err")
                : d.severity == model::Severity::Warning             ? QStringLiteral("warn")
                                                                     : QString();
            out += QStringLiteral("<tr><td class=\"%1\">%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                       .arg(cls, esc(severityTitle(d.severity)), esc(d.location()), esc(d.message.text(lang)), esc(d.hint.text(lang)));
        }
        out += QStringLiteral("</table>");
    }

    // Variables.
    out += QStringLiteral("<h2>%1</h2>").arg(esc(tr("server.tab variables")));
    out += QStringLiteral("<table><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</th></tr>")
               .arg(esc(tr("Line")), esc(tr("Variable")), esc(tr("Value")), esc(tr("Default")), esc(tr("Meaning")));
    for (const auto &variable : root.tables().server) {
        const auto *info = model::VariableCatalogue::find(variable.name);
        QString meaning = info ? (lang == QLatin1String("ja") ? info->summaryJa : info->summaryEn)
                               : tr("Unknown to XMail 1.27");
        if (info && info->isExtension)
            meaning = tr("[xmflow extension] ") + meaning;
        out += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                   .arg(QString::number(variable.line), esc(variable.name), esc(variable.value),
                        esc(info ? info->defaultValue : QString()), esc(meaning));
    }
    out += QStringLiteral("</table>");

    // Every table, line by line.
    for (TableKind kind : model::allTableKinds()) {
        if (kind == TableKind::Server)
            continue;
        const auto &file = document.file(kind);
        out += QStringLiteral("<h2>%1 — %2</h2>").arg(esc(model::tableFileName(kind)), esc(TableSchema::description(kind)));
        if (!root.fileExists(kind) && file.lineCount() == 0) {
            out += QStringLiteral("<p>%1</p>").arg(esc(tr("The file does not exist; XMail treats it as empty.")));
            continue;
        }
        if (file.lineCount() == 0) {
            out += QStringLiteral("<p>%1</p>").arg(esc(tr("Empty.")));
            continue;
        }
        const auto columns = TableSchema::columns(kind);
        out += QStringLiteral("<table><tr><th>%1</th>").arg(esc(tr("Line")));
        for (const auto &column : columns)
            out += QStringLiteral("<th>%1</th>").arg(esc(QCoreApplication::translate("xmflow::gui::TableModel", column.title)));
        out += QStringLiteral("</tr>");
        for (int row = 0; row < file.lineCount(); ++row) {
            const QByteArray &raw = file.line(row).text;
            out += QStringLiteral("<tr><td>%1</td>").arg(row + 1);
            if (!model::TabFile::isRecord(raw)) {
                out += QStringLiteral("<td class=\"c\" colspan=\"%1\">%2</td></tr>").arg(columns.size()).arg(esc(file.decode(raw)));
                continue;
            }
            QStringList fields;
            for (const QByteArray &field : model::TabFile::splitFields(raw))
                fields << file.decode(field);
            QStringList values = TableSchema::columnValues(kind, fields);
            for (int c = 0; c < columns.size(); ++c) {
                QString value = values.value(c);
                if (columns[c].type == ColumnType::SpammerCode) {
                    value = QStringLiteral("—");
                    for (const auto &rule : root.tables().spammers)
                        if (rule.line == row + 1)
                            value = TableSchema::describeCode(rule.code);
                } else if (columns[c].type == ColumnType::Password && !value.isEmpty()) {
                    value = QStringLiteral("••••••");
                }
                out += QStringLiteral("<td>%1</td>").arg(esc(value));
            }
            out += QStringLiteral("</tr>");
        }
        out += QStringLiteral("</table>");
    }
    out += QStringLiteral("</body></html>");
    return out;
}

bool ReportBuilder::writeHtml(const MailRootDocument &document, const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(html(document).toUtf8());
    return file.error() == QFile::NoError;
}

void ReportBuilder::print(const MailRootDocument &document, QPrinter *printer)
{
    QTextDocument text;
    text.setHtml(html(document));
    text.print(printer);
}

bool ReportBuilder::writePdf(const MailRootDocument &document, const QString &path, QString *error)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setPageSize(QPageSize(QPageSize::A4));
    print(document, &printer);
    if (!QFile::exists(path)) {
        if (error)
            *error = tr("The PDF could not be written to %1").arg(path);
        return false;
    }
    return true;
}

} // namespace xmflow::gui

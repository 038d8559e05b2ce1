#pragma once

#include "MailRootDocument.h"

#include <QCoreApplication>

class QPrinter;

namespace xmflow::gui {

// The printable configuration report: every table, the server.tab variables
// and the lint findings, in the current language.
class ReportBuilder
{
    Q_DECLARE_TR_FUNCTIONS(xmflow::gui::ReportBuilder)
public:
    static QString html(const MailRootDocument &document);
    static bool writeHtml(const MailRootDocument &document, const QString &path, QString *error);
    static bool writePdf(const MailRootDocument &document, const QString &path, QString *error);
    static void print(const MailRootDocument &document, QPrinter *printer);
};

} // namespace xmflow::gui

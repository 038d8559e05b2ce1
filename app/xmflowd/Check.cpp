#include "Check.h"

#include "CommandParser.h"
#include "FrontSetupCheck.h"
#include "Lint.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace xmflow::cli {

using namespace engine;

int runCheck(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Check a MailRoot: every line XMail cannot use, and policy traps."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("mailroot"), QStringLiteral("The MailRoot folder."), QStringLiteral("DIR")},
        {QStringLiteral("json"), QStringLiteral("Print the findings as JSON.")},
        {QStringLiteral("lang"), QStringLiteral("Message language: en or ja (default en)."),
         QStringLiteral("LANG"), QStringLiteral("en")},
    });
    int exitCode = 0;
    if (!parseOrExplain(parser, arguments, out, err, &exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("mailroot"))) {
        err << "check: --mailroot DIR is required" << Qt::endl;
        return 2;
    }
    QString error;
    const auto root = model::MailRoot::load(parser.value(QStringLiteral("mailroot")), &error);
    if (!root) {
        err << "check: " << error << Qt::endl;
        return 2;
    }
    const model::Diagnostics findings = lint(*root) + checkFrontSetup(*root);
    const QString language = parser.value(QStringLiteral("lang"));
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const model::Diagnostic &d : findings)
            array.append(QJsonObject{{QStringLiteral("file"), d.file},
                                     {QStringLiteral("line"), d.line},
                                     {QStringLiteral("severity"), model::severityName(d.severity)},
                                     {QStringLiteral("kind"), d.kind},
                                     {QStringLiteral("message"), d.message.en},
                                     {QStringLiteral("message_ja"), d.message.ja},
                                     {QStringLiteral("xmail"), d.xmailBehaviour.en},
                                     {QStringLiteral("xmail_ja"), d.xmailBehaviour.ja},
                                     {QStringLiteral("hint"), d.hint.en},
                                     {QStringLiteral("hint_ja"), d.hint.ja}});
        out << QJsonDocument(QJsonObject{{QStringLiteral("findings"), array},
                                         {QStringLiteral("errors"), model::hasErrors(findings)}})
                   .toJson(QJsonDocument::Indented);
    } else {
        for (const model::Diagnostic &d : findings)
            out << d.format(language) << '\n';
    }
    return model::hasErrors(findings) ? 1 : 0;
}

} // namespace xmflow::cli

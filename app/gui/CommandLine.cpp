#include "CommandLine.h"

#include <QCommandLineParser>

namespace xmflow::gui {

CommandLine parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("xmflow: see and edit what an XMail 1.27 MailRoot does"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption mailRoot(QStringLiteral("mailroot"),
                                      QStringLiteral("The MailRoot folder to open."), QStringLiteral("DIR"));
    const QCommandLineOption language(
        QStringLiteral("lang"), QStringLiteral("The interface language: en or ja."), QStringLiteral("LANG"));
    parser.addOption(mailRoot);
    parser.addOption(language);
    parser.process(arguments);
    CommandLine result;
    result.mailRoot = parser.value(mailRoot);
    result.language = parser.value(language);
    if (result.mailRoot.isEmpty() && !parser.positionalArguments().isEmpty())
        result.mailRoot = parser.positionalArguments().constFirst();
    return result;
}

} // namespace xmflow::gui

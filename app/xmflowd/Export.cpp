#include "Export.h"

#include "CommandParser.h"
#include "MailRoot.h"

#include <QCommandLineParser>

namespace xmflow::cli {

int runExport(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write every table of a MailRoot to another folder."));
    parser.addHelpOption();
    const QCommandLineOption mailroot(QStringLiteral("mailroot"), QStringLiteral("The MailRoot folder."),
                                      QStringLiteral("DIR"));
    const QCommandLineOption outDir(QStringLiteral("out"), QStringLiteral("The folder to write."), QStringLiteral("DIR"));
    const QCommandLineOption xmail(QStringLiteral("xmail"),
                                   QStringLiteral("Leave out xmflow's XMF- variables, for a plain XMail."));
    parser.addOptions({mailroot, outDir, xmail});
    int exitCode = 0;
    if (!parseOrExplain(parser, arguments, out, err, &exitCode))
        return exitCode;
    if (!parser.isSet(mailroot) || !parser.isSet(outDir)) {
        err << "export: --mailroot DIR and --out DIR are required" << Qt::endl;
        return 2;
    }
    QString error;
    const auto root = model::MailRoot::load(parser.value(mailroot), &error);
    if (!root) {
        err << "export: " << error << Qt::endl;
        return 1;
    }
    QStringList dropped;
    if (!root->exportTo(parser.value(outDir), parser.isSet(xmail), &dropped, &error)) {
        err << "export: " << error << Qt::endl;
        return 1;
    }
    for (const QString &name : std::as_const(dropped))
        out << "dropped " << name << " (an xmflow extension that XMail 1.27 does not know)" << Qt::endl;
    return 0;
}

} // namespace xmflow::cli

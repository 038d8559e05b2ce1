#include "CommandParser.h"

#include <QCommandLineParser>

namespace xmflow::cli {

bool parseOrExplain(QCommandLineParser &parser, const QStringList &arguments, QTextStream &out,
                    QTextStream &err, int *exitCode)
{
    if (!parser.parse(arguments)) {
        err << parser.errorText() << Qt::endl;
        *exitCode = 2;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        *exitCode = 0;
        return false;
    }
    return true;
}

} // namespace xmflow::cli

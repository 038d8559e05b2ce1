#include "DaemonCli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("xmflowd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(XMFLOW_VERSION));
    return xmflow::cli::runDaemonCli(app.arguments());
}

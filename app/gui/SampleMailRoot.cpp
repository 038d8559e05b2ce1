#include "SampleMailRoot.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace xmflow::gui {

QString sampleMailRoot()
{
    const QString fromEnv = qEnvironmentVariable("XMFLOW_SAMPLE_MAILROOT");
    if (!fromEnv.isEmpty() && QFileInfo(fromEnv).isDir())
        return QDir::cleanPath(fromEnv);
    const QString installed =
        QCoreApplication::applicationDirPath() + QStringLiteral("/../share/xmflow/sample-mailroot");
    if (QFileInfo(installed).isDir())
        return QDir::cleanPath(installed);
    return QDir::cleanPath(QStringLiteral(XMFLOW_SAMPLE_MAILROOT));
}

} // namespace xmflow::gui

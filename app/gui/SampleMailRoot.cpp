#include "SampleMailRoot.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
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

bool isSampleMailRoot(const QString &directory)
{
    const QDir sample(sampleMailRoot());
    const QDir dir(directory);
    if (QFileInfo(dir.path()).canonicalFilePath() == QFileInfo(sample.path()).canonicalFilePath())
        return true;
    auto read = [](const QString &path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    for (const QString &name : {QStringLiteral("server.tab"), QStringLiteral("spammers.tab"),
                                QStringLiteral("smtp.ipmap.tab"), QStringLiteral("mailusers.tab")}) {
        const QByteArray ours = read(sample.filePath(name));
        if (ours.isEmpty() || ours != read(dir.filePath(name)))
            return false;
    }
    return true;
}

} // namespace xmflow::gui

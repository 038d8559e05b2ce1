// `xmflowd export` writes every table of a MailRoot byte-identical.

#include "ModelTestUtil.h"

#include "Tables.h"

#include <QProcess>
#include <QTemporaryDir>

using namespace xmflow::model;
using namespace xmflow::model::test;

TEST(ExportRoundTrip, XmflowdExportOfEveryConformanceMailRootIsByteIdentical)
{
    const QString xmflowd = QString::fromUtf8(XMFLOWD_PATH);
    ASSERT_TRUE(QFile::exists(xmflowd)) << "xmflowd is not built: " << xmflowd.toStdString();

    QStringList folders;
    for (const QString &file : allFilesUnder(conformanceDir()))
        if (tableKindForFile(QFileInfo(file).fileName()) && !folders.contains(QFileInfo(file).absolutePath()))
            folders.append(QFileInfo(file).absolutePath());
    ASSERT_GE(folders.size(), 10);

    for (const QString &folder : folders) {
        QTemporaryDir out;
        ASSERT_TRUE(out.isValid());
        QProcess process;
        process.start(xmflowd, {QStringLiteral("export"), QStringLiteral("--mailroot"), folder, QStringLiteral("--out"),
                                out.path()});
        ASSERT_TRUE(process.waitForFinished(30000)) << folder.toStdString();
        ASSERT_EQ(process.exitStatus(), QProcess::NormalExit);
        ASSERT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();

        int compared = 0;
        for (const QString &exported : allFilesUnder(out.path())) {
            const QString name = QFileInfo(exported).fileName();
            EXPECT_TRUE(QFile::exists(QDir(folder).filePath(name))) << "export invented " << name.toStdString();
        }
        for (TableKind kind : allTableKinds()) {
            const QString source = QDir(folder).filePath(tableFileName(kind));
            if (!QFile::exists(source))
                continue; // export skips files missing on disk
            const QString exported = QDir(out.path()).filePath(tableFileName(kind));
            ASSERT_TRUE(QFile::exists(exported)) << exported.toStdString();
            EXPECT_EQ(readBytes(exported), readBytes(source)) << source.toStdString();
            ++compared;
        }
        EXPECT_GT(compared, 0) << folder.toStdString();
    }
}

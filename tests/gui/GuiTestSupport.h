#pragma once

// A QApplication for every GUI test binary (gtest_main provides main()), plus
// helpers to work on a private copy of the bundled sample MailRoot.

#include "AppSupport.h"
#include "LanguageManager.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace xmflow::gui::test {

class QtEnvironment : public ::testing::Environment
{
public:
    void SetUp() override
    {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        QStandardPaths::setTestModeEnabled(true);
        static int argc = 1;
        static char name[] = "xmflow-gui-test";
        static char *argv[] = { name, nullptr };
        app = new QApplication(argc, argv);
        QCoreApplication::setOrganizationName(QStringLiteral("xmflow-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("xmflow-tests"));
        initResources();
        LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
    }
    void TearDown() override
    {
        delete app;
        app = nullptr;
    }
    QApplication *app = nullptr;
};

inline ::testing::Environment *const qtEnvironment = ::testing::AddGlobalTestEnvironment(new QtEnvironment);

inline QString sampleDir()
{
    return QStringLiteral(XMFLOW_SOURCE_DIR "/resources/sample-mailroot");
}

inline bool copyTree(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    QDirIterator it(from, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(path);
        if (it.fileInfo().isDir()) {
            QDir().mkpath(target);
        } else if (!QFile::copy(path, target)) {
            return false;
        }
    }
    return true;
}

inline QByteArray readBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

inline void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

} // namespace xmflow::gui::test

#pragma once

// Helpers to work on a private copy of the bundled sample MailRoot. The
// QApplication comes from the shared test main (tests/common/TestMain.cpp).

#include "LanguageManager.h"
#include "MainWindow.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMessageBox>
#include <QSettings>
#include <QTemporaryDir>

#include <ostream>

// gtest prints QStrings as text in failure messages.
QT_BEGIN_NAMESPACE
inline void PrintTo(const QString &text, std::ostream *os)
{
    *os << '"' << text.toStdString() << '"';
}
QT_END_NAMESPACE

namespace xmflow::gui::test {

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

// Forgets the remembered window layout and address history, so that a
// window starts as on a first run (declare it before the window).
struct FirstRunSettings {
    FirstRunSettings()
    {
        QSettings settings;
        settings.remove(QStringLiteral("mainWindow"));
        settings.remove(QStringLiteral("simulator"));
    }
};

// MainWindow on a private copy of the bundled sample MailRoot, in English,
// shown at 1280x860, answering "Discard" to every question.
class SampleWindowTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
        ASSERT_TRUE(dir.isValid());
        ASSERT_TRUE(copyTree(sampleDir(), dir.path()));
        window.setAsker([](auto &&...) { return QMessageBox::Discard; });
        window.resize(1280, 860);
        ASSERT_TRUE(window.openMailRoot(dir.path()));
        window.show();
    }

    QTemporaryDir dir;
    FirstRunSettings firstRun;
    MainWindow window;
};

} // namespace xmflow::gui::test

// The main() of every test binary that does not bring its own: a Qt
// application object first (event loops, timers, sockets need one), then
// GoogleTest. Built twice: with XMFLOW_GUI_TEST_MAIN it is an offscreen
// QApplication with the GUI's resources, isolated settings and English.

#include <gtest/gtest.h>

#ifdef XMFLOW_GUI_TEST_MAIN
#include "AppResources.h"
#include "LanguageManager.h"

#include <QApplication>
#include <QStandardPaths>
#else
#include <QCoreApplication>
#endif

int main(int argc, char **argv)
{
    ::testing::InitGoogleTest(&argc, argv);
#ifdef XMFLOW_GUI_TEST_MAIN
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("xmflow-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("xmflow-tests"));
    xmflow::gui::initResources();
    xmflow::gui::LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
#else
    QCoreApplication app(argc, argv);
#endif
    return RUN_ALL_TESTS();
}

#include "Application.h"

#include "AppResources.h"
#include "CommandLine.h"
#include "LanguageManager.h"
#include "MainWindow.h"
#include "SampleMailRoot.h"

#include <QApplication>

namespace xmflow::gui {

int runApplication(QApplication &app)
{
    QCoreApplication::setOrganizationName(QStringLiteral("xmflow"));
    QCoreApplication::setApplicationName(QStringLiteral("xmflow"));
    QCoreApplication::setApplicationVersion(QStringLiteral(XMFLOW_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("xmflow"));
    initResources();
    const CommandLine options = parseCommandLine(app.arguments());
    LanguageManager::instance().setLanguage(options.language.isEmpty() ? LanguageManager::initialLanguage()
                                                                       : options.language,
                                            !options.language.isEmpty());
    MainWindow window;
    window.openMailRoot(options.mailRoot.isEmpty() ? sampleMailRoot() : options.mailRoot);
    window.show();
    return app.exec();
}

} // namespace xmflow::gui

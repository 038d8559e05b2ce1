#include "AppSupport.h"

#include "LanguageManager.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QSettings>

static void initXmflowResources()
{
    Q_INIT_RESOURCE(xmflow);
    Q_INIT_RESOURCE(xmflow_i18n);
}

namespace xmflow::gui {

void initResources()
{
    initXmflowResources();
}

QString sampleMailRoot()
{
    const QString fromEnv = qEnvironmentVariable("XMFLOW_SAMPLE_MAILROOT");
    if (!fromEnv.isEmpty() && QFileInfo(fromEnv).isDir())
        return QDir::cleanPath(fromEnv);
    const QString installed = QCoreApplication::applicationDirPath() + QStringLiteral("/../share/xmflow/sample-mailroot");
    if (QFileInfo(installed).isDir())
        return QDir::cleanPath(installed);
    return QDir::cleanPath(QStringLiteral(XMFLOW_SAMPLE_MAILROOT));
}

QStringList recentMailRoots()
{
    QStringList list = QSettings().value(QStringLiteral("recentMailRoots")).toStringList();
    list.removeIf([](const QString &dir) { return !QFileInfo(dir).isDir(); });
    return list;
}

void addRecentMailRoot(const QString &directory)
{
    const QString dir = QDir::cleanPath(QFileInfo(directory).absoluteFilePath());
    QStringList list = QSettings().value(QStringLiteral("recentMailRoots")).toStringList();
    list.removeAll(dir);
    list.prepend(dir);
    while (list.size() > 8)
        list.removeLast();
    QSettings().setValue(QStringLiteral("recentMailRoots"), list);
}

QIcon icon(const QString &name)
{
    return QIcon(QStringLiteral(":/icons/") + name + QStringLiteral(".svg"));
}

CommandLine parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("xmflow: see and edit what an XMail 1.27 MailRoot does"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption mailRoot(QStringLiteral("mailroot"), QStringLiteral("The MailRoot folder to open."), QStringLiteral("DIR"));
    const QCommandLineOption language(QStringLiteral("lang"), QStringLiteral("The interface language: en or ja."), QStringLiteral("LANG"));
    parser.addOption(mailRoot);
    parser.addOption(language);
    parser.process(arguments);
    CommandLine result;
    result.mailRoot = parser.value(mailRoot);
    result.language = parser.value(language);
    if (result.mailRoot.isEmpty() && !parser.positionalArguments().isEmpty())
        result.mailRoot = parser.positionalArguments().constFirst();
    return result;
}

int runApplication(QApplication &app)
{
    QCoreApplication::setOrganizationName(QStringLiteral("xmflow"));
    QCoreApplication::setApplicationName(QStringLiteral("xmflow"));
    QCoreApplication::setApplicationVersion(QStringLiteral(XMFLOW_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("xmflow"));
    initResources();
    const CommandLine options = parseCommandLine(app.arguments());
    LanguageManager::instance().setLanguage(options.language.isEmpty() ? LanguageManager::initialLanguage() : options.language,
                                            !options.language.isEmpty());
    MainWindow window;
    window.openMailRoot(options.mailRoot.isEmpty() ? sampleMailRoot() : options.mailRoot);
    window.show();
    return app.exec();
}

} // namespace xmflow::gui

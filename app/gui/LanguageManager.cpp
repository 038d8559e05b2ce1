#include "LanguageManager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>

namespace xmflow::gui {

LanguageManager &LanguageManager::instance()
{
    static LanguageManager manager;
    return manager;
}

QStringList LanguageManager::availableLanguages()
{
    return { QStringLiteral("en"), QStringLiteral("ja") };
}

QString LanguageManager::nativeName(const QString &language)
{
    if (language == QLatin1String("ja"))
        return QStringLiteral("日本語");
    return QStringLiteral("English");
}

QString LanguageManager::initialLanguage()
{
    QSettings settings;
    const QString saved = settings.value(QStringLiteral("language")).toString();
    if (availableLanguages().contains(saved))
        return saved;
    return QLocale::system().language() == QLocale::Japanese ? QStringLiteral("ja") : QStringLiteral("en");
}

void LanguageManager::setLanguage(const QString &language, bool remember)
{
    const QString lang = availableLanguages().contains(language) ? language : QStringLiteral("en");
    if (remember)
        QSettings().setValue(QStringLiteral("language"), lang);
    if (lang == m_language && m_installed)
        return;
    if (m_installed) {
        QCoreApplication::removeTranslator(&m_app);
        QCoreApplication::removeTranslator(&m_qt);
    }
    m_language = lang;
    // Qt's own dialogs (QMessageBox buttons, file dialogs) use qtbase's catalogue.
    if (m_qt.load(QLocale(lang), QStringLiteral("qtbase"), QStringLiteral("_"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qt);
    if (m_app.load(QStringLiteral(":/i18n/xmflow_") + lang))
        QCoreApplication::installTranslator(&m_app);
    m_installed = true;
    emit languageChanged(lang);
}

QString currentLanguage()
{
    const QString lang = LanguageManager::instance().language();
    return lang.isEmpty() ? QStringLiteral("en") : lang;
}

} // namespace xmflow::gui

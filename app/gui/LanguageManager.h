#pragma once

#include <QObject>
#include <QString>
#include <QTranslator>

namespace xmflow::gui {

// Loads xmflow's and Qt's translations and switches between them at run time.
// Installing a translator makes Qt send QEvent::LanguageChange to every widget,
// and each window retranslates itself there.
class LanguageManager : public QObject
{
    Q_OBJECT
public:
    static LanguageManager &instance();

    // "en" or "ja".
    QString language() const { return m_language; }
    static QStringList availableLanguages();
    static QString nativeName(const QString &language);

    // The saved choice, or the system locale on first run.
    static QString initialLanguage();
    // Switches and remembers the choice (QSettings) when remember is set.
    void setLanguage(const QString &language, bool remember = true);

signals:
    void languageChanged(const QString &language);

private:
    LanguageManager() = default;
    QString m_language;
    QTranslator m_app;
    QTranslator m_qt;
    bool m_installed = false;
};

// The language diagnostics and catalogue texts use ("en" or "ja").
QString currentLanguage();

} // namespace xmflow::gui

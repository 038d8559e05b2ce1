// translations/xmflow_ja.ts is complete, and lupdate would not change the set
// of messages (no string of the sources is missing from the .ts files).

#include "GuiTestSupport.h"

#include <QFile>
#include <QProcess>
#include <QSet>
#include <QXmlStreamReader>

using namespace xmflow::gui::test;

namespace {

struct TsContents {
    QSet<QString> sources;  // "context|source"
    QStringList unfinished; // sources whose translation is unfinished or empty
};

TsContents readTs(const QString &path)
{
    TsContents out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&file);
    QString context, source;
    bool inName = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
                out.sources.insert(context + QLatin1Char('|') + source);
            } else if (xml.name() == QLatin1String("translation")) {
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (type == QLatin1String("unfinished") || text.trimmed().isEmpty())
                    out.unfinished << source;
                if (type == QLatin1String("vanished") || type == QLatin1String("obsolete"))
                    out.unfinished << (QStringLiteral("obsolete: ") + source);
            }
        }
    }
    (void)inName;
    return out;
}

} // namespace

TEST(Translations, JapaneseHasNoUnfinishedMessage)
{
    const TsContents ja = readTs(QStringLiteral(XMFLOW_SOURCE_DIR "/translations/xmflow_ja.ts"));
    ASSERT_GT(ja.sources.size(), 100);
    EXPECT_TRUE(ja.unfinished.isEmpty()) << ja.unfinished.join(QStringLiteral("\n")).toStdString();
}

TEST(Translations, EnglishIsComplete)
{
    const TsContents en = readTs(QStringLiteral(XMFLOW_SOURCE_DIR "/translations/xmflow_en.ts"));
    ASSERT_GT(en.sources.size(), 100);
    EXPECT_TRUE(en.unfinished.isEmpty()) << en.unfinished.join(QStringLiteral("\n")).toStdString();
}

TEST(Translations, LupdateWouldNotChangeTheMessages)
{
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("xmflow_ja.ts"));
    ASSERT_TRUE(QFile::copy(QStringLiteral(XMFLOW_SOURCE_DIR "/translations/xmflow_ja.ts"), copy));
    QProcess lupdate;
    lupdate.start(QStringLiteral(XMFLOW_LUPDATE),
                  { QStringLiteral(XMFLOW_SOURCE_DIR "/app/gui"), QStringLiteral("-extensions"), QStringLiteral("cpp,h"),
                    QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-no-obsolete"),
                    QStringLiteral("-no-ui-lines"), QStringLiteral("-ts"), copy });
    ASSERT_TRUE(lupdate.waitForFinished(120000));
    ASSERT_EQ(lupdate.exitCode(), 0) << lupdate.readAllStandardError().toStdString();
    const TsContents before = readTs(QStringLiteral(XMFLOW_SOURCE_DIR "/translations/xmflow_ja.ts"));
    const TsContents after = readTs(copy);
    QStringList added, removed;
    for (const QString &s : after.sources)
        if (!before.sources.contains(s))
            added << s;
    for (const QString &s : before.sources)
        if (!after.sources.contains(s))
            removed << s;
    EXPECT_TRUE(added.isEmpty()) << "new strings, run `ninja xmflow_gui_lupdate` and translate them:\n"
                                 << added.join(QStringLiteral("\n")).toStdString();
    EXPECT_TRUE(removed.isEmpty()) << "strings no longer used, run `ninja xmflow_gui_lupdate`:\n"
                                   << removed.join(QStringLiteral("\n")).toStdString();
    EXPECT_TRUE(after.unfinished.isEmpty()) << after.unfinished.join(QStringLiteral("\n")).toStdString();
}

TEST(Translations, CompiledCataloguesAreEmbedded)
{
    EXPECT_TRUE(QFile::exists(QStringLiteral(":/i18n/xmflow_ja.qm")));
    EXPECT_TRUE(QFile::exists(QStringLiteral(":/i18n/xmflow_en.qm")));
}

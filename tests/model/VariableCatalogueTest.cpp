// The server.tab variable catalogue.

#include "VariableCatalogue.h"

#include <QSet>

#include <gtest/gtest.h>

using namespace xmflow::model;

TEST(VariableCatalogue, NamesAreUniqueAndEveryEntryIsDescribedInBothLanguages)
{
    const QList<VariableInfo> &all = VariableCatalogue::all();
    ASSERT_GT(all.size(), 50);
    QSet<QString> names;
    for (const VariableInfo &info : all) {
        EXPECT_FALSE(names.contains(info.name)) << "duplicate " << info.name.toStdString();
        names.insert(info.name);
        EXPECT_FALSE(info.summaryEn.isEmpty()) << info.name.toStdString();
        EXPECT_FALSE(info.summaryJa.isEmpty()) << info.name.toStdString();
        EXPECT_EQ(info.isExtension, info.name.startsWith(QLatin1String("XMF-"))) << info.name.toStdString();
        EXPECT_EQ(VariableCatalogue::find(info.name), &info);
    }
}

TEST(VariableCatalogue, KnowsThePolicyVariablesWithXMailDefaults)
{
    const VariableInfo *drop = VariableCatalogue::find(u"SMTP-IpMapDropCode");
    ASSERT_NE(drop, nullptr);
    EXPECT_EQ(drop->defaultValue, QStringLiteral("1"));
    const VariableInfo *rdns = VariableCatalogue::find(u"SMTP-RDNSCheck");
    ASSERT_NE(rdns, nullptr);
    EXPECT_EQ(rdns->defaultValue, QStringLiteral("0"));
    for (const char16_t *name : {u"CustMapsList", u"SmtpConfig", u"DefaultSmtpPerms", u"SMTP-MaxErrors",
                                 u"SmtpMsgIPBan", u"SmtpMsgIPBanSpammers", u"SmtpMsgIPBanMaps", u"XMF-DelayStart",
                                 u"XMF-GreetPause", u"XMF-GreetPassTTL", u"XMF-DefaultDelay"})
        EXPECT_NE(VariableCatalogue::find(QStringView(name)), nullptr) << QString::fromUtf16(name).toStdString();
}

TEST(VariableCatalogue, LookupIsCaseSensitiveAndKnowsPerListenerSmtpConfig)
{
    EXPECT_EQ(VariableCatalogue::find(u"smtp-ipmapdropcode"), nullptr);
    const VariableInfo *perListener = VariableCatalogue::find(u"SmtpConfig-192.0.2.1,587");
    ASSERT_NE(perListener, nullptr);
    EXPECT_EQ(perListener->name, QStringLiteral("SmtpConfig"));
    EXPECT_EQ(VariableCatalogue::find(u"SmtpConfig-"), nullptr);
    EXPECT_EQ(VariableCatalogue::find(u"NoSuchThing"), nullptr);
}

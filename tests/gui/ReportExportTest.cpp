// The configuration report lists each table, the variables and the findings;
// exporting the tables warns about (and can drop) the XMF- extensions.

#include "GuiTestSupport.h"
#include "MailRootDocument.h"
#include "ReportBuilder.h"

using namespace xmflow;
using namespace xmflow::gui;
using namespace xmflow::gui::test;

TEST(ReportExport, ReportListsTablesVariablesAndFindings)
{
    QTemporaryDir dir;
    ASSERT_TRUE(copyTree(sampleDir(), dir.path()));
    writeBytes(dir.filePath(QStringLiteral("smtprelay.tab")), QByteArrayLiteral("\"not-an-address\"\t\"255.0.0.0\"\n"));
    MailRootDocument document;
    ASSERT_TRUE(document.open(dir.path()));
    ASSERT_FALSE(document.diagnostics().isEmpty());
    const QString html = ReportBuilder::html(document);
    for (model::TableKind kind : model::allTableKinds())
        EXPECT_TRUE(html.contains(model::tableFileName(kind))) << model::tableFileName(kind).toStdString();
    EXPECT_TRUE(html.contains(QStringLiteral("XMF-GreetPause")));
    EXPECT_TRUE(html.contains(QStringLiteral("smtprelay.tab:1")));
    EXPECT_TRUE(html.contains(document.diagnostics().first().message.en.toHtmlEscaped()));

    const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
    QString error;
    ASSERT_TRUE(ReportBuilder::writePdf(document, pdf, &error)) << error.toStdString();
    EXPECT_TRUE(readBytes(pdf).startsWith("%PDF"));
}

TEST(ReportExport, ExportDropsExtensionsOnRequest)
{
    QTemporaryDir dir;
    ASSERT_TRUE(copyTree(sampleDir(), dir.path()));
    MailRootDocument document;
    ASSERT_TRUE(document.open(dir.path()));
    EXPECT_TRUE(document.extensionVariables().contains(QStringLiteral("XMF-DelayStart")));
    QTemporaryDir out;
    QStringList dropped;
    QString error;
    ASSERT_TRUE(document.exportTo(out.path(), true, &dropped, &error)) << error.toStdString();
    EXPECT_FALSE(readBytes(out.filePath(QStringLiteral("server.tab"))).contains("XMF-"));
    // xmflow's own table is left out too, and said to be.
    EXPECT_FALSE(QFile::exists(out.filePath(QStringLiteral("xmflow-greylist-whitelist.tab"))));
    EXPECT_TRUE(dropped.contains(QStringLiteral("xmflow-greylist-whitelist.tab")));
    EXPECT_EQ(readBytes(out.filePath(QStringLiteral("spammers.tab"))), readBytes(dir.filePath(QStringLiteral("spammers.tab"))));
}

// The findings dock lists a lint finding for a crafted broken file, and clicking it shows the line.

#include "DiagnosticsPanel.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TableEditor.h"

#include <QTabWidget>
#include <QTreeWidget>

using namespace xmflow;
using namespace xmflow::gui;
using namespace xmflow::gui::test;
using model::TableKind;

TEST(DiagnosticsDock, ListsAFindingForABrokenLineAndJumpsToIt)
{
    QTemporaryDir dir;
    ASSERT_TRUE(copyTree(sampleDir(), dir.path()));
    // Line 3 cannot be used by XMail: the address is not an address.
    writeBytes(dir.filePath(QStringLiteral("spammers.tab")),
               QByteArrayLiteral("# broken on purpose\n\"192.0.2.1/32\"\t\"code=1\"\n\"999.1.2.3/8\"\t\"code=-10\"\n"));
    MainWindow window;
    window.setAsker([](auto &&...) { return QMessageBox::Discard; });
    ASSERT_TRUE(window.openMailRoot(dir.path()));

    QTreeWidget *list = window.diagnosticsPanel()->list();
    int found = -1;
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        if (list->topLevelItem(i)->text(1) == QStringLiteral("spammers.tab:3"))
            found = i;
    ASSERT_GE(found, 0) << "no finding for spammers.tab:3";
    EXPECT_FALSE(list->topLevelItem(found)->text(2).isEmpty());

    window.diagnosticsPanel()->activateRow(found);
    TableEditor *editor = window.tableEditor(TableKind::Spammers);
    EXPECT_EQ(window.tabs()->currentWidget(), editor);
    EXPECT_EQ(editor->selectedRows(), QList<int>({ 2 }));

    // Fixing the line in the editor removes the finding.
    window.document()->edit(TableKind::Spammers, QStringLiteral("fix"), [](model::TabFile &file) {
        file.setRecord(2, { QStringLiteral("198.51.100.0/24"), QStringLiteral("code=-10") });
    });
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        EXPECT_NE(list->topLevelItem(i)->text(1), QStringLiteral("spammers.tab:3"));
}

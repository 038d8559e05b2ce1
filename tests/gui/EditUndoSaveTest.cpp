// Edit, undo, redo and save on a copy of the sample MailRoot, checked at the level of file bytes.

#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "ScratchMount.h"
#include "ServerEditor.h"
#include "ServerVariablesModel.h"
#include "TableEditor.h"
#include "TableListModel.h"
#include "TableModel.h"

#include <QClipboard>
#include <QListView>
#include <QTableView>
#include <QTest>

using namespace xmflow;
using namespace xmflow::gui;
using namespace xmflow::gui::test;
using model::TableKind;

namespace {

class EditUndoSave : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        ASSERT_TRUE(copyTree(sampleDir(), dir.path()));
        spammersPath = dir.filePath(QStringLiteral("spammers.tab"));
        original = readBytes(spammersPath);
        ASSERT_FALSE(original.isEmpty());
        window.setAsker([](auto &&...) { return QMessageBox::Discard; });
        ASSERT_TRUE(window.openMailRoot(dir.path()));
    }
    int rowOf(const QByteArray &text) const
    {
        const auto &file = window.document()->file(TableKind::Spammers);
        for (int i = 0; i < file.lineCount(); ++i)
            if (file.line(i).text == text)
                return i;
        return -1;
    }
    QByteArray current() const { return window.document()->file(TableKind::Spammers).toBytes(); }

    QTemporaryDir dir;
    QString spammersPath;
    QByteArray original;
    MainWindow window;
};

} // namespace

TEST_F(EditUndoSave, CodeEditUndoRedoSaveKeepsEveryOtherByte)
{
    TableEditor *editor = window.tableEditor(TableKind::Spammers);
    TableModel *model = editor->tableModel();
    const int row = rowOf(QByteArrayLiteral("\"0.0.0.0/0\"\t\"code=-30\""));
    ASSERT_GE(row, 0);

    // Change "delay 30 s" to "delay 60 s" through the code column.
    ASSERT_TRUE(model->setData(model->index(row, 3), -60));
    QByteArray expected = original;
    expected.replace("\"0.0.0.0/0\"\t\"code=-30\"", "\"0.0.0.0/0\"\t\"code=-60\"");
    EXPECT_EQ(current(), expected);
    EXPECT_EQ(model->index(row, 3).data().toString(), QStringLiteral("delay 60 s"));
    EXPECT_TRUE(window.isWindowModified());

    window.document()->undoStack()->undo();
    EXPECT_EQ(current(), original);
    EXPECT_FALSE(window.document()->isModified());
    window.document()->undoStack()->redo();
    EXPECT_EQ(current(), expected);

    ASSERT_TRUE(window.save());
    EXPECT_EQ(readBytes(spammersPath), expected);
    EXPECT_EQ(readBytes(spammersPath + QStringLiteral(".bak")), original);
    // Untouched tables are not rewritten.
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("server.tab.bak"))));
}

TEST_F(EditUndoSave, AddMoveDeleteCopyPasteAreUndoable)
{
    TableEditor *editor = window.tableEditor(TableKind::Spammers);
    const int catchAll = rowOf(QByteArrayLiteral("\"0.0.0.0/0\"\t\"code=-30\""));
    ASSERT_GE(catchAll, 0);

    // Add a line below the first record, then move it to the top of the records.
    const int drop = rowOf(QByteArrayLiteral("\"203.0.113.66/32\"\t\"code=1\""));
    editor->selectRows({ drop });
    editor->addRow();
    EXPECT_EQ(window.document()->file(TableKind::Spammers).line(drop + 1).text, QByteArrayLiteral("\"192.0.2.0/24\"\t\"code=1\""));
    EXPECT_EQ(editor->selectedRows(), QList<int>({ drop + 1 }));
    editor->moveUp();
    EXPECT_EQ(window.document()->file(TableKind::Spammers).line(drop).text, QByteArrayLiteral("\"192.0.2.0/24\"\t\"code=1\""));

    // Copy two lines and paste them at the end.
    editor->selectRows({ drop, drop + 1 });
    editor->copyRows();
    EXPECT_EQ(QApplication::clipboard()->text(), QStringLiteral("\"192.0.2.0/24\"\t\"code=1\"\n\"203.0.113.66/32\"\t\"code=1\"\n"));
    editor->selectRows({ window.document()->file(TableKind::Spammers).lineCount() - 1 });
    editor->pasteRows();
    EXPECT_TRUE(current().endsWith("\"0.0.0.0/0\"\t\"code=-30\"\n\"192.0.2.0/24\"\t\"code=1\"\n\"203.0.113.66/32\"\t\"code=1\"\n"));

    // Delete the two pasted lines.
    const int count = window.document()->file(TableKind::Spammers).lineCount();
    editor->selectRows({ count - 2, count - 1 });
    editor->deleteRows();

    // Unwind everything: the bytes are the original ones again.
    QUndoStack *undo = window.document()->undoStack();
    EXPECT_EQ(undo->count(), 4);
    while (undo->canUndo())
        undo->undo();
    EXPECT_EQ(current(), original);
    while (undo->canRedo())
        undo->redo();
    ASSERT_TRUE(window.save());
    QByteArray expected = original;
    expected.replace("\"203.0.113.66/32\"\t\"code=1\"\n", "\"192.0.2.0/24\"\t\"code=1\"\n\"203.0.113.66/32\"\t\"code=1\"\n");
    EXPECT_EQ(readBytes(spammersPath), expected);
}

TEST_F(EditUndoSave, WhichLinesMatchHighlightsRows)
{
    TableEditor *editor = window.tableEditor(TableKind::Spammers);
    EXPECT_EQ(editor->highlightMatches(QStringLiteral("203.0.113.66")), 2); // its /32 line and the catch-all
    EXPECT_EQ(editor->tableModel()->highlightedRows().size(), 2);
    EXPECT_EQ(editor->highlightMatches(QStringLiteral("not-an-ip")), -1);
    EXPECT_EQ(editor->highlightMatches(QStringLiteral("198.51.100.9")), 2);
}

TEST_F(EditUndoSave, ServerVariableEditIsSavedInCanonicalForm)
{
    const QString serverPath = dir.filePath(QStringLiteral("server.tab"));
    const QByteArray before = readBytes(serverPath);
    ServerVariablesModel *variables = window.serverEditor()->variablesModel();
    ASSERT_TRUE(variables->setData(variables->indexOf(QStringLiteral("XMF-GreetPause")), QStringLiteral("10")));
    // A variable that was not set is appended.
    ASSERT_TRUE(variables->setData(variables->indexOf(QStringLiteral("SMTP-MaxErrors")), QStringLiteral("5")));
    ASSERT_TRUE(window.save());
    QByteArray expected = before;
    expected.replace("\"XMF-GreetPause\"\t\"5\"", "\"XMF-GreetPause\"\t\"10\"");
    expected.append("\"SMTP-MaxErrors\"\t\"5\"\n");
    EXPECT_EQ(readBytes(serverPath), expected);
}

TEST_F(EditUndoSave, ChangedOnDiskIsOfferedForReload)
{
    bool asked = false;
    window.setAsker([&asked](const QString &, const QString &text, auto, auto) {
        asked = text.contains(QStringLiteral("spammers.tab"));
        return QMessageBox::Yes;
    });
    QByteArray changed = original + "\"192.0.2.77/32\"\t\"code=1\"\n";
    writeBytes(spammersPath, changed);
    window.checkDiskChanges();
    EXPECT_TRUE(asked);
    EXPECT_EQ(current(), changed);
    EXPECT_EQ(window.tableEditor(TableKind::Spammers)->tableModel()->rowCount(),
              window.document()->file(TableKind::Spammers).lineCount());
}

// Saving into a folder nobody may write to: a clear message naming the file, every
// edit kept (still undoable, still marked unsaved), no file touched; once the folder
// is writable again the same edits save. As root the folder is a tmpfs remounted
// read-only, since root writes through file permissions.
TEST(EditUndoSaveReadOnly, SaveIntoAReadOnlyFolderKeepsEveryEdit)
{
    QTemporaryDir work;
    const QString folder = work.filePath(QStringLiteral("mailroot"));
    xmflow::testing::ScratchMount mount;
    const bool mounted = mount.mountTmpfs(folder, 2048);
    ASSERT_TRUE(copyTree(sampleDir(), folder));
    const QString spammersPath = QDir(folder).filePath(QStringLiteral("spammers.tab"));
    const QByteArray original = readBytes(spammersPath);

    MainWindow window;
    QStringList messages;
    window.setAsker([&messages](const QString &title, const QString &text, auto, auto) {
        messages << title + QLatin1Char('\n') + text;
        return QMessageBox::Ok;
    });
    ASSERT_TRUE(window.openMailRoot(folder));
    TableModel *model = window.tableEditor(TableKind::Spammers)->tableModel();
    const QByteArray catchAll = QByteArrayLiteral("\"0.0.0.0/0\"\t\"code=-30\"");
    int row = -1;
    for (int i = 0; i < window.document()->file(TableKind::Spammers).lineCount(); ++i)
        if (window.document()->file(TableKind::Spammers).line(i).text == catchAll)
            row = i;
    ASSERT_GE(row, 0);
    ASSERT_TRUE(model->setData(model->index(row, 3), -60));
    const QByteArray edited = window.document()->file(TableKind::Spammers).toBytes();
    ASSERT_NE(edited, original);

    if (mounted)
        ASSERT_TRUE(mount.remountReadOnly()) << mount.reason().toStdString();
    else
        ASSERT_TRUE(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
    EXPECT_FALSE(window.save());
    ASSERT_EQ(messages.size(), 1);
    EXPECT_TRUE(messages.first().startsWith(QStringLiteral("Save failed\n"))) << messages.first().toStdString();
    EXPECT_TRUE(messages.first().contains(spammersPath)) << messages.first().toStdString();
    EXPECT_TRUE(messages.first().contains(QStringLiteral("No file was left half written"))) << messages.first().toStdString();
    EXPECT_EQ(readBytes(spammersPath), original);
    EXPECT_FALSE(QFile::exists(spammersPath + QStringLiteral(".bak")));
    EXPECT_EQ(window.document()->file(TableKind::Spammers).toBytes(), edited);
    EXPECT_TRUE(window.document()->isModified());
    EXPECT_TRUE(window.isWindowModified());
    EXPECT_TRUE(window.document()->undoStack()->canUndo());

    // The folder becomes writable again: the kept edit saves.
    if (mounted) {
        mount.unmount();
        ASSERT_TRUE(mount.mountTmpfs(folder, 2048));
        ASSERT_TRUE(copyTree(sampleDir(), folder));
    } else {
        ASSERT_TRUE(QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }
    EXPECT_TRUE(window.save());
    EXPECT_EQ(readBytes(spammersPath), edited);
    EXPECT_EQ(readBytes(spammersPath + QStringLiteral(".bak")), original);
    EXPECT_FALSE(window.document()->isModified());
}

// xmflow's own greylisting whitelist is in the table list and opens in a table editor
// like XMail's tables; an edit saves only its line.
using GreylistWhitelistWindow = SampleWindowTest;

TEST_F(GreylistWhitelistWindow, TheTableOpensFromTheListAndSavesAnEdit)
{
    auto *list = window.tableList();
    const QModelIndex item =
        static_cast<TableListModel *>(list->model())->indexOf(TableKind::GreylistWhitelist);
    ASSERT_TRUE(item.isValid());
    EXPECT_TRUE(item.data().toString().startsWith(QStringLiteral("xmflow-greylist-whitelist.tab\n")));
    EXPECT_TRUE(
        item.data(Qt::ToolTipRole).toString().contains(QStringLiteral("plain XMail 1.27 never reads")));
    TableEditor *editor = window.tableEditor(TableKind::GreylistWhitelist);
    ASSERT_NE(editor, nullptr);
    EXPECT_FALSE(editor->isVisible());
    list->scrollTo(item);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(item).center());
    QApplication::processEvents();
    EXPECT_TRUE(editor->isVisible());
    TableModel *model = editor->tableModel();
    ASSERT_EQ(model->columnCount(), 2);
    EXPECT_EQ(model->headerData(0, Qt::Horizontal).toString(), QStringLiteral("PTR domain"));
    EXPECT_EQ(model->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Comment"));
    int googleRow = -1;
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->data(model->index(row, 0)).toString() == QStringLiteral("google.com"))
            googleRow = row;
    ASSERT_GE(googleRow, 0);
    EXPECT_FALSE(model->data(model->index(googleRow, 1)).toString().isEmpty());
    for (const auto &d : window.document()->diagnosticsFor(TableKind::GreylistWhitelist))
        ADD_FAILURE() << d.format().toStdString();

    const QString path = dir.filePath(QStringLiteral("xmflow-greylist-whitelist.tab"));
    const QByteArray before = readBytes(path);
    ASSERT_TRUE(model->setData(model->index(googleRow, 1), QStringLiteral("Gmail")));
    ASSERT_TRUE(window.save());
    QByteArray expected = before;
    const qsizetype at = expected.indexOf("\"google.com\"\t");
    ASSERT_GE(at, 0);
    const qsizetype end = expected.indexOf('\n', at);
    expected.replace(at, end - at, "\"google.com\"\t\"Gmail\"");
    EXPECT_EQ(readBytes(path), expected);
}

// Every item model of the GUI passes QAbstractItemModelTester, also while it is edited.

#include "GuiTestSupport.h"
#include "MailRootDocument.h"
#include "ServerVariablesModel.h"
#include "TableListModel.h"
#include "TableModel.h"

#include <QAbstractItemModelTester>

using namespace xmflow;
using namespace xmflow::gui;
using namespace xmflow::gui::test;

namespace {

class ItemModels : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        ASSERT_TRUE(copyTree(sampleDir(), dir.path()));
        ASSERT_TRUE(document.open(dir.path()));
    }
    QTemporaryDir dir;
    MailRootDocument document;
};

} // namespace

TEST_F(ItemModels, EveryTableModelPassesTheTesterWhileEdited)
{
    for (model::TableKind kind : model::allTableKinds()) {
        SCOPED_TRACE(model::tableFileName(kind).toStdString());
        TableModel tableModel(&document, kind);
        QAbstractItemModelTester tester(&tableModel, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const int before = tableModel.rowCount();
        document.edit(kind, QStringLiteral("add"), [kind](model::TabFile &file) { file.appendRecord(TableSchema::newRecord(kind)); });
        EXPECT_EQ(tableModel.rowCount(), before + 1);
        // Edit every column of the new record through the model.
        const int row = tableModel.rowCount() - 1;
        for (int column = 0; column < tableModel.columnCount(); ++column) {
            const QModelIndex index = tableModel.index(row, column);
            if (tableModel.flags(index) & Qt::ItemIsEditable)
                tableModel.setData(index, tableModel.data(index, Qt::EditRole));
        }
        tableModel.setHighlightedRows({ 0 });
        document.undoStack()->undo();
        EXPECT_EQ(tableModel.rowCount(), before);
        tableModel.retranslate();
    }
}

TEST_F(ItemModels, ServerVariablesModelPassesTheTesterWhileEdited)
{
    ServerVariablesModel variables(&document);
    QAbstractItemModelTester tester(&variables, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QModelIndex pause = variables.indexOf(QStringLiteral("XMF-GreetPause"));
    ASSERT_TRUE(pause.isValid());
    EXPECT_EQ(pause.data().toString(), QStringLiteral("5"));
    EXPECT_TRUE(variables.setData(pause, QStringLiteral("8")));
    EXPECT_EQ(variables.indexOf(QStringLiteral("XMF-GreetPause")).data().toString(), QStringLiteral("8"));
    // Setting an unknown name adds a group; removing it drops the group again.
    document.edit(model::TableKind::Server, QStringLiteral("unknown"),
                  [](model::TabFile &file) { file.appendRecord({ QStringLiteral("NoSuchVariable"), QStringLiteral("1") }); });
    const QModelIndex unknown = variables.indexOf(QStringLiteral("NoSuchVariable"));
    ASSERT_TRUE(unknown.isValid());
    EXPECT_TRUE(unknown.data(ServerVariablesModel::IsUnknownRole).toBool());
    EXPECT_TRUE(variables.resetToDefault(unknown));
    EXPECT_FALSE(variables.indexOf(QStringLiteral("NoSuchVariable")).isValid());
    // The per-listener SmtpConfig variable is known, not unknown.
    const QModelIndex listener = variables.indexOf(QStringLiteral("SmtpConfig-0.0.0.0,587"));
    ASSERT_TRUE(listener.isValid());
    EXPECT_FALSE(listener.data(ServerVariablesModel::IsUnknownRole).toBool());
    variables.retranslate();
}

TEST_F(ItemModels, TableListModelPassesTheTester)
{
    TableListModel list(&document);
    QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(list.rowCount(), model::allTableKinds().size());
    document.edit(model::TableKind::Spammers, QStringLiteral("edit"),
                  [](model::TabFile &file) { file.appendRecord({ QStringLiteral("192.0.2.1/32"), QStringLiteral("code=1") }); });
    EXPECT_TRUE(list.indexOf(model::TableKind::Spammers).data().toString().contains(QStringLiteral("*")));
}

TEST_F(ItemModels, SpammersCodeIsShownAsTheAdminsChoice)
{
    TableModel spammers(&document, model::TableKind::Spammers);
    QStringList shown;
    for (int row = 0; row < spammers.rowCount(); ++row)
        if (spammers.isRecord(row))
            shown << spammers.index(row, 3).data().toString();
    EXPECT_EQ(shown, (QStringList { QStringLiteral("drop"), QStringLiteral("AUTH only"), QStringLiteral("delay 30 s") }));
}

// The "Suggestions" panel: the lines `xmflowd suggest` prints, added through the undo stack.

#include "SuggestionsPanel.h"
#include "GuiTestSupport.h"
#include "ImpactClientsModel.h"
#include "ImpactPanel.h"
#include "LogCorpus.h"
#include "MailRootDocument.h"
#include "SuggestionsModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>

using namespace xmflow;
using namespace xmflow::gui;

TEST(SuggestionsPanelTest, SameLinesAsTheCliAndAddedThroughTheUndoStack)
{
    QTemporaryDir root, logs;
    ASSERT_TRUE(test::copyTree(QStringLiteral(XMFLOW_CONFORMANCE_DIR "/base-mailroot"), root.path()));
    const QString log = logs.filePath(QStringLiteral("smtp-202611010000"));
    test::writeBytes(log, xmflow::testing::LogCorpus::scenario(5).text());
    MailRootDocument document;
    ASSERT_TRUE(document.open(root.path()));

    SuggestionsPanel panel(&document);
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy finished(&panel, &SuggestionsPanel::finished);
    panel.setLogFiles({log});
    panel.findSuggestions();
    ASSERT_TRUE(finished.wait(60000));
    EXPECT_FALSE(finished.at(0).at(0).toBool());

    QProcess process;
    process.start(QStringLiteral(XMFLOWD_PATH),
                  {QStringLiteral("suggest"), QStringLiteral("--mailroot"), root.path(),
                   QStringLiteral("--log"), log, QStringLiteral("--json"), QStringLiteral("--quiet")});
    ASSERT_TRUE(process.waitForFinished(60000));
    const QJsonArray expected = QJsonDocument::fromJson(process.readAllStandardOutput())
                                    .object()
                                    .value(QStringLiteral("suggestions"))
                                    .toArray();
    SuggestionsModel *model = panel.model();
    ASSERT_EQ(model->rowCount(), expected.size());
    ASSERT_EQ(expected.size(), 8);
    for (int row = 0; row < expected.size(); ++row) {
        const QJsonObject s = expected.at(row).toObject();
        const engine::Suggestion &mine = model->report().suggestions.at(row);
        EXPECT_EQ(mine.line(), s.value(QStringLiteral("line")).toString());
        EXPECT_EQ(mine.score, s.value(QStringLiteral("score")).toInteger());
        EXPECT_EQ(model->data(model->index(row, SuggestionsModel::Score)).toLongLong(), mine.score);
        const QJsonObject impact = s.value(QStringLiteral("impact")).toObject();
        EXPECT_EQ(mine.clientsAffected, impact.value(QStringLiteral("clients")).toInt());
        EXPECT_EQ(mine.sessionsAffected, impact.value(QStringLiteral("sessions")).toInteger());
        EXPECT_EQ(mine.authUsersAffected, 0);
    }

    // Nothing ticked: nothing added. Tick two lines and add them.
    const QByteArray before = document.file(model::TableKind::Spammers).toBytes();
    EXPECT_FALSE(panel.addChecked());
    ASSERT_TRUE(model->setData(model->index(0, SuggestionsModel::Line), Qt::Checked, Qt::CheckStateRole));
    ASSERT_TRUE(model->setData(model->index(6, SuggestionsModel::Line), Qt::Checked, Qt::CheckStateRole));
    ASSERT_TRUE(panel.addChecked());
    const model::TabFile &file = document.file(model::TableKind::Spammers);
    ASSERT_EQ(file.lineCount(), 4);
    EXPECT_TRUE(file.line(0).text.startsWith("# xmflowd suggest 2")) << file.line(0).text.toStdString();
    EXPECT_EQ(file.line(1).text, QByteArray("\"203.0.113.0/24\"\t\"code=1\""));
    EXPECT_TRUE(file.line(2).text.contains("auth-failure")) << file.line(2).text.toStdString();
    EXPECT_EQ(file.line(3).text, QByteArray("\"100.64.7.7/32\"\t\"code=1\""));
    EXPECT_EQ(document.root().tables().spammers.size(), 2);
    document.undoStack()->undo();
    EXPECT_EQ(document.file(model::TableKind::Spammers).toBytes(), before);
}

TEST(SuggestionsPanelTest, BothPanelsSwitchToJapanese)
{
    QTemporaryDir root;
    ASSERT_TRUE(test::copyTree(QStringLiteral(XMFLOW_CONFORMANCE_DIR "/base-mailroot"), root.path()));
    MailRootDocument document;
    ASSERT_TRUE(document.open(root.path()));
    ImpactPanel impact(&document);
    SuggestionsPanel suggestions(&document);
    LanguageManager::instance().setLanguage(QStringLiteral("ja"), false);
    QCoreApplication::processEvents();
    EXPECT_EQ(impact.windowTitle(), QStringLiteral("影響確認"));
    EXPECT_EQ(suggestions.windowTitle(), QStringLiteral("提案"));
    EXPECT_EQ(impact.clientsModel()->headerData(ImpactClientsModel::After, Qt::Horizontal).toString(),
              QStringLiteral("編集後"));
    EXPECT_EQ(suggestions.model()->headerData(SuggestionsModel::Impact, Qt::Horizontal).toString(),
              QStringLiteral("影響"));
    LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
    QCoreApplication::processEvents();
    EXPECT_EQ(impact.windowTitle(), QStringLiteral("What changes"));
    EXPECT_EQ(suggestions.windowTitle(), QStringLiteral("Suggestions"));
}

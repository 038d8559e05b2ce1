// Switching the language at run time changes the visible texts of the main
// window; screenshots of both languages are written under the build folder.

#include "DiagnosticsPanel.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TableEditor.h"
#include "TableModel.h"

#include <QDockWidget>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>

using namespace xmflow;
using namespace xmflow::gui;
using namespace xmflow::gui::test;
using model::TableKind;

namespace {

QStringList menuTitles(QMainWindow &window)
{
    QStringList titles;
    for (QAction *action : window.menuBar()->actions())
        titles << action->text();
    return titles;
}

void settle()
{
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

void screenshot(MainWindow &window, const QString &language)
{
    window.showTable(TableKind::Spammers);
    window.tableEditor(TableKind::Spammers)->matchEdit()->setText(QStringLiteral("203.0.113.66"));
    settle();
    const QString path = QStringLiteral(XMFLOW_BINARY_DIR "/screenshot-main-") + language + QStringLiteral(".png");
    EXPECT_TRUE(window.grab().save(path)) << path.toStdString();
}

} // namespace

TEST(LanguageSwitch, MainWindowTextsFollowTheLanguageAndScreenshots)
{
    QTemporaryDir dir;
    ASSERT_TRUE(copyTree(sampleDir(), dir.path()));
    LanguageManager::instance().setLanguage(QStringLiteral("en"));
    MainWindow window;
    window.setAsker([](auto &&...) { return QMessageBox::Discard; });
    window.resize(1280, 800);
    ASSERT_TRUE(window.openMailRoot(dir.path()));
    window.show();
    settle();

    EXPECT_EQ(menuTitles(window).first(), QStringLiteral("&File"));
    EXPECT_EQ(window.diagnosticsDock()->windowTitle(), QStringLiteral("Findings"));
    auto *spammers = window.tableEditor(TableKind::Spammers);
    EXPECT_EQ(spammers->view()->model()->headerData(3, Qt::Horizontal).toString(), QStringLiteral("What XMail does"));
    EXPECT_EQ(window.diagnosticsPanel()->list()->headerItem()->text(0), QStringLiteral("Severity"));
    screenshot(window, QStringLiteral("en"));

    LanguageManager::instance().setLanguage(QStringLiteral("ja"));
    settle();
    EXPECT_EQ(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("ja"));
    EXPECT_EQ(menuTitles(window),
              (QStringList { QStringLiteral("ファイル(&F)"), QStringLiteral("編集(&E)"), QStringLiteral("表示(&V)"),
                             QStringLiteral("言語(&L)"), QStringLiteral("ヘルプ(&H)") }));
    EXPECT_EQ(window.diagnosticsDock()->windowTitle(), QStringLiteral("検査結果"));
    EXPECT_EQ(window.tablesDock()->windowTitle(), QStringLiteral("テーブル"));
    EXPECT_EQ(spammers->view()->model()->headerData(3, Qt::Horizontal).toString(), QStringLiteral("XMail の動作"));
    EXPECT_EQ(window.diagnosticsPanel()->list()->headerItem()->text(0), QStringLiteral("重要度"));
    // Codes are explained in Japanese too.
    QStringList codes;
    for (int row = 0; row < spammers->tableModel()->rowCount(); ++row)
        if (spammers->tableModel()->isRecord(row))
            codes << spammers->tableModel()->index(row, 3).data().toString();
    EXPECT_EQ(codes, (QStringList { QStringLiteral("接続拒否"), QStringLiteral("SMTP認証のみ許可"), QStringLiteral("30 秒遅延") }));
    screenshot(window, QStringLiteral("ja"));

    LanguageManager::instance().setLanguage(QStringLiteral("en"));
    settle();
    EXPECT_EQ(menuTitles(window).first(), QStringLiteral("&File"));
    EXPECT_EQ(window.diagnosticsDock()->windowTitle(), QStringLiteral("Findings"));
}

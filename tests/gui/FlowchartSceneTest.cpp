// The flowchart is generated from the engine's stage list: one node per stage,
// arrows exactly the stages' exits; a simulated conformance session lights the
// stages of its trace; labels follow table edits; exports are real files.

#include "FlowchartScene.h"
#include "ConformanceCases.h"
#include "FlowchartEdgeItem.h"
#include "FlowchartPanel.h"
#include "FlowchartView.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "ServerEditor.h"
#include "TableEditor.h"

#include <QSet>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

#include <set>
#include <tuple>

using namespace xmflow;
using namespace xmflow::gui;
using namespace xmflow::gui::test;
using engine::StageIds::Connect;
using model::TableKind;

namespace {

void settle()
{
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

QString summaryText(const FlowchartScene &scene, const QString &stage)
{
    return scene.node(stage)->summary().join(QLatin1Char('\n'));
}

// The session stages a measured transcript reached, read from the conformance
// case itself (not from the simulation): what the lit path must contain after the banner.
QSet<QString> sessionStagesOf(const xmflow::testing::ConformanceCase &c)
{
    using namespace engine::StageIds;
    QSet<QString> stages;
    if (c.expect.isEmpty())
        return stages;
    if (c.expect.first().code != 220)
        return {Drop};
    bool mailAccepted = false, recipient = false, closed = false;
    for (qsizetype i = 1; i < c.expect.size() && !closed; ++i) {
        const auto &s = c.expect.at(i);
        if (s.code == 0 || s.code == 421) {
            closed = true;
            stages << Drop;
            break;
        }
        stages << CommandDelay << Auth;
        if (s.step == QLatin1String("MAIL FROM")) {
            stages << MailFrom;
            mailAccepted = s.code == 250;
        } else if (s.step == QLatin1String("RCPT TO") && mailAccepted) {
            stages << RcptTo;
            recipient = recipient || s.code == 250;
            if (s.code == 250)
                stages << Greylist; // the extension stage, passed through (plain XMail has none)
        } else if (s.step == QLatin1String("DATA") && recipient) {
            stages << Data;
        } else if (s.step == QLatin1String("BODY") && s.code == 250) {
            stages << Delivered;
        }
    }
    return stages;
}

engine::SimulationRequest requestFor(const xmflow::testing::ConformanceCase &c, const engine::Policy &policy)
{
    engine::SimulationRequest request;
    request.peer = *model::IpAddress::parse(c.peer);
    request.local.address = model::IpAddress::fromV4(0x7f000001);
    request.script = c.script;
    for (const QString &root : c.assumeListed)
        request.dns.listedIn.insert(root.toLower());
    request.dnsAssumed = c.needsDns || !policy.mapRoots().isEmpty() || policy.needsPtr(request.peer);
    if (request.dnsAssumed)
        request.dns.ptrName = c.assumeRdns == QLatin1String("none") ? QString() : c.assumeRdns;
    request.dns.ptrLooked = request.dnsAssumed;
    return request;
}

class FlowchartSceneFixture : public ::testing::Test
{
protected:
    void SetUp() override
    {
        LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
        ASSERT_TRUE(dir.isValid());
        ASSERT_TRUE(copyTree(sampleDir(), dir.path()));
        ASSERT_TRUE(document.open(dir.path()));
        scene.setDocument(&document);
    }
    void TearDown() override { LanguageManager::instance().setLanguage(QStringLiteral("en"), false); }

    QTemporaryDir dir;
    MailRootDocument document;
    FlowchartScene scene;
};

} // namespace

TEST_F(FlowchartSceneFixture, OneNodePerEngineStageInStageOrder)
{
    const QList<engine::StageInfo> &stages = engine::stageList();
    ASSERT_EQ(scene.nodes().size(), stages.size());
    for (int i = 0; i < stages.size(); ++i) {
        SCOPED_TRACE(stages.at(i).id.toStdString());
        const FlowchartNodeItem *node = scene.nodes().at(i);
        EXPECT_EQ(node->stageId(), stages.at(i).id);
        EXPECT_EQ(scene.node(stages.at(i).id), node);
        EXPECT_EQ(node->stage().shape, stages.at(i).shape);
        EXPECT_EQ(node->title(), stages.at(i).title.en);
    }
    // Decisions are the stages with several exits; terminals have none or start the flow.
    for (const engine::StageInfo &stage : stages) {
        if (stage.shape == engine::StageShape::Decision) {
            EXPECT_GT(stage.exits.size(), 1) << stage.id.toStdString();
        }
    }
}

TEST_F(FlowchartSceneFixture, EdgesAreExactlyTheStageExits)
{
    using Exit = std::tuple<std::string, std::string, std::string>; // source, exit, target
    std::multiset<Exit> expected, drawn;
    for (const engine::StageInfo &stage : engine::stageList())
        for (const engine::StageExit &exit : stage.exits)
            expected.insert({stage.id.toStdString(), exit.id.toStdString(), exit.target.toStdString()});
    std::set<std::pair<std::string, std::string>> pairs;
    for (const FlowchartEdgeItem *edge : scene.edges()) {
        const std::string source = edge->source()->stageId().toStdString();
        const std::string target = edge->target()->stageId().toStdString();
        EXPECT_TRUE(pairs.insert({source, target}).second) << "two arrows " << source << " -> " << target;
        ASSERT_EQ(edge->labels().size(), edge->exits().size());
        for (int i = 0; i < edge->exits().size(); ++i) {
            const engine::StageExit &exit = edge->exits().at(i);
            EXPECT_EQ(exit.target.toStdString(), target);
            EXPECT_EQ(edge->labels().at(i), exit.label.en);
            drawn.insert({source, exit.id.toStdString(), target});
        }
    }
    EXPECT_EQ(drawn, expected);
}

TEST_F(FlowchartSceneFixture, EdgesFollowAMovedNode)
{
    FlowchartNodeItem *spammers = scene.node(engine::StageIds::Spammers);
    FlowchartEdgeItem *incoming = nullptr;
    for (FlowchartEdgeItem *edge : spammers->edges())
        if (edge->target() == spammers && edge->route() == FlowchartEdgeItem::Route::Down)
            incoming = edge;
    ASSERT_NE(incoming, nullptr);
    const QPointF tipBefore = incoming->polyline().last();
    EXPECT_NEAR(tipBefore.y(), spammers->mapToScene(spammers->symbolRect().topLeft()).y(), 0.5);
    spammers->setPos(spammers->pos() + QPointF(80, 40));
    const QPointF tipAfter = incoming->polyline().last();
    EXPECT_NEAR(tipAfter.x() - tipBefore.x(), 80, 0.5);
    EXPECT_NEAR(tipAfter.y() - tipBefore.y(), 40, 0.5);
    // A re-layout keeps the user's move; a reset puts the node back.
    scene.refresh();
    EXPECT_NEAR(incoming->polyline().last().x() - tipBefore.x(), 80, 0.5);
    scene.resetLayout();
    EXPECT_NEAR(incoming->polyline().last().x(), tipBefore.x(), 0.5);
}

TEST(FlowchartScene, ConformanceSessionsLightExactlyTheStagesOfTheirTrace)
{
    LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
    const auto cases = xmflow::testing::loadConformanceCases();
    ASSERT_GT(cases.size(), 20u);
    FlowchartScene scene;
    int dropped = 0, delivered = 0, delayed = 0;
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name());
        QTemporaryDir dir;
        ASSERT_TRUE(xmflow::testing::buildScenarioMailRoot(c.scenario, dir.path()));
        MailRootDocument document;
        ASSERT_TRUE(document.open(dir.path()));
        scene.setDocument(&document);
        scene.setXmailCompat(true);
        engine::PolicyOptions options;
        options.xmailCompat = true;
        const auto policy = engine::Policy::compile(document.root(), options);
        const engine::SimulationResult result = engine::Simulator::run(policy, requestFor(c, *policy));
        scene.showPath(engine::stagePath(result, options));

        // Expected: Connect, every stage of the connect-time trace, the extension
        // stages passed through (plain XMail has none), then what the transcript reached.
        QSet<QString> expected{Connect, engine::StageIds::GreetPause};
        for (const engine::TraceEntry &e : result.verdict.trace)
            expected << e.stage;
        if (!result.verdict.drop)
            expected << engine::StageIds::DefaultDelay;
        expected += sessionStagesOf(c);
        const QStringList lit = scene.litStages();
        EXPECT_EQ(QSet<QString>(lit.cbegin(), lit.cend()), expected);

        // Each traced stage shows its own outcome.
        for (const engine::TraceEntry &e : result.verdict.trace) {
            const FlowchartNodeItem *node = scene.node(e.stage);
            SCOPED_TRACE(e.stage.toStdString());
            if (e.exit == QLatin1String("delay")) {
                EXPECT_EQ(node->outcome(), NodeOutcome::Delay);
                EXPECT_TRUE(node->badge().contains(QString::number(e.delaySeconds)));
                ++delayed;
            } else if (e.exit == QLatin1String("drop")) {
                EXPECT_EQ(node->outcome(), NodeOutcome::Refused);
            } else if (e.exit == QLatin1String("auth-only")) {
                EXPECT_EQ(node->outcome(), NodeOutcome::Flag);
            } else if (e.outcome == engine::TraceOutcome::Skipped) {
                EXPECT_EQ(node->outcome(), NodeOutcome::Skipped);
            }
            if (e.stage != engine::StageIds::Banner) {
                EXPECT_TRUE(node->resultText().contains(e.effect.en)) << node->resultText().toStdString();
            }
        }
        // Unlit stages are dimmed, and only arrows between lit stages are lit.
        for (const FlowchartNodeItem *node : scene.nodes()) {
            if (!lit.contains(node->stageId())) {
                EXPECT_EQ(node->outcome(), NodeOutcome::OffPath) << node->stageId().toStdString();
            }
        }
        int litEdges = 0;
        for (const FlowchartEdgeItem *edge : scene.edges()) {
            if (edge->isLit()) {
                ++litEdges;
                EXPECT_TRUE(edge->source()->isLit() && edge->target()->isLit());
            }
        }
        EXPECT_GE(litEdges, lit.size() - 2);
        dropped += expected.contains(engine::StageIds::Drop);
        delivered += expected.contains(engine::StageIds::Delivered);
        scene.setDocument(nullptr);
    }
    // The scenarios cover drops, deliveries and delays.
    EXPECT_GT(dropped, 0);
    EXPECT_GT(delivered, 0);
    EXPECT_GT(delayed, 0);
}

TEST_F(FlowchartSceneFixture, NodeLabelFollowsATableEditAndItsUndo)
{
    const QString before = summaryText(scene, engine::StageIds::Spammers);
    EXPECT_TRUE(before.contains(QStringLiteral("spammers.tab: 3 lines"))) << before.toStdString();
    EXPECT_TRUE(before.contains(QStringLiteral("0.0.0.0/0 → delay 30 s (line 10)"))) << before.toStdString();

    const model::TabFile &file = document.file(TableKind::Spammers);
    int index = -1;
    for (int i = 0; i < file.lineCount(); ++i)
        if (file.line(i).text.startsWith("\"0.0.0.0/0\""))
            index = i;
    ASSERT_GE(index, 0);
    ASSERT_TRUE(document.edit(TableKind::Spammers, QStringLiteral("delay 60"), [index](model::TabFile &f) {
        f.setRecord(index, {QStringLiteral("0.0.0.0/0"), QStringLiteral("code=-60")});
    }));
    EXPECT_TRUE(
        summaryText(scene, engine::StageIds::Spammers).contains(QStringLiteral("0.0.0.0/0 → delay 60 s")));
    EXPECT_TRUE(summaryText(scene, engine::StageIds::Banner).contains(QStringLiteral("60 s per command")));

    document.undoStack()->undo();
    EXPECT_EQ(summaryText(scene, engine::StageIds::Spammers), before);
    document.undoStack()->redo();
    EXPECT_TRUE(summaryText(scene, engine::StageIds::Spammers).contains(QStringLiteral("delay 60 s")));

    // A new catch-all delay changes the XMF default-delay node too.
    const QString defaultBefore = summaryText(scene, engine::StageIds::DefaultDelay);
    ASSERT_TRUE(document.edit(TableKind::Server, QStringLiteral("default delay"), [](model::TabFile &f) {
        f.appendRecord({QStringLiteral("XMF-DefaultDelay"), QStringLiteral("12")});
    }));
    EXPECT_NE(summaryText(scene, engine::StageIds::DefaultDelay), defaultBefore);
    EXPECT_TRUE(summaryText(scene, engine::StageIds::DefaultDelay).contains(QStringLiteral("12 s")));
    // In XMail-compatible mode the extension is shown as ignored.
    scene.setXmailCompat(true);
    EXPECT_TRUE(summaryText(scene, engine::StageIds::DefaultDelay).contains(QStringLiteral("Ignored")));
}

TEST_F(FlowchartSceneFixture, TooltipsAndLabelsFollowTheLanguage)
{
    const engine::StageInfo *spammers = engine::findStage(engine::StageIds::Spammers);
    EXPECT_TRUE(scene.node(spammers->id)->toolTip().contains(spammers->description.en.toHtmlEscaped()));
    LanguageManager::instance().setLanguage(QStringLiteral("ja"), false);
    EXPECT_TRUE(scene.node(spammers->id)->toolTip().contains(spammers->description.ja.toHtmlEscaped()));
    EXPECT_TRUE(scene.node(spammers->id)->toolTip().contains(QStringLiteral("クリック")));
    EXPECT_EQ(scene.node(spammers->id)->title(), spammers->title.ja);
    EXPECT_TRUE(summaryText(scene, spammers->id).contains(QStringLiteral("30 秒遅延")));
    LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
    EXPECT_EQ(scene.node(spammers->id)->title(), spammers->title.en);
}

TEST_F(FlowchartSceneFixture, ExportsPngSvgAndPdf)
{
    QTemporaryDir out;
    QString error;
    const QString png = out.filePath(QStringLiteral("chart.png"));
    const QString svg = out.filePath(QStringLiteral("chart.svg"));
    const QString pdf = out.filePath(QStringLiteral("chart.pdf"));
    ASSERT_TRUE(scene.exportTo(png, &error)) << error.toStdString();
    ASSERT_TRUE(scene.exportTo(svg, &error)) << error.toStdString();
    ASSERT_TRUE(scene.exportTo(pdf, &error)) << error.toStdString();

    EXPECT_TRUE(readBytes(png).startsWith("\x89PNG\r\n\x1a\n"));
    const QImage image(png);
    EXPECT_GE(image.width(), int(scene.contentRect().width()));
    EXPECT_GE(image.height(), int(scene.contentRect().height()));

    const QByteArray svgBytes = readBytes(svg);
    EXPECT_TRUE(svgBytes.contains("<svg"));
    EXPECT_TRUE(svgBytes.contains("spammers.tab"));
    QSvgRenderer renderer(svg);
    EXPECT_TRUE(renderer.isValid());

    const QByteArray pdfBytes = readBytes(pdf);
    EXPECT_TRUE(pdfBytes.startsWith("%PDF-"));
    EXPECT_TRUE(pdfBytes.trimmed().endsWith("%%EOF"));
    EXPECT_GT(pdfBytes.size(), 2000);

    EXPECT_FALSE(scene.exportTo(out.filePath(QStringLiteral("chart.bmpx")), &error));
    EXPECT_FALSE(error.isEmpty());
}

// The main window on a copy of the sample (GuiTestSupport.h).
using FlowchartSceneWindow = SampleWindowTest;

TEST_F(FlowchartSceneWindow, ClickingANodeOpensItsTableOrVariable)
{
    window.showHome();
    settle();
    EXPECT_EQ(window.tabs()->count(), 0); // no table is open at start
    FlowchartView *view = window.flowchartPanel()->view();
    FlowchartScene *scene = window.flowchartPanel()->scene();
    EXPECT_TRUE(window.grab().save(QStringLiteral(XMFLOW_BINARY_DIR "/screenshot-flowchart-tab-en.png")));

    auto click = [&](const QString &stage) {
        window.showHome();
        settle();
        FlowchartNodeItem *node = scene->node(stage);
        view->centerOn(node);
        settle();
        const QPoint at = view->mapFromScene(node->scenePos());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, at);
        settle();
    };
    QSignalSpy activated(scene, &FlowchartScene::stageActivated);
    click(engine::StageIds::Spammers);
    ASSERT_EQ(activated.size(), 1);
    EXPECT_EQ(activated.first().first().toString(), engine::StageIds::Spammers);
    EXPECT_EQ(window.tabs()->currentWidget(), window.tableEditor(TableKind::Spammers));
    EXPECT_TRUE(window.flowchartPanel()->isVisible()); // the table opens beside the flowchart

    click(engine::StageIds::RDns);
    EXPECT_EQ(window.tabs()->currentWidget(), window.serverEditor());
    EXPECT_EQ(window.serverEditor()->variablesView()->currentIndex().data().toString(),
              QStringLiteral("SMTP-RDNSCheck"));

    // Dragging moves the node instead of opening anything.
    window.showHome();
    settle();
    ASSERT_EQ(window.tabs()->count(), 2);
    FlowchartNodeItem *node = scene->node(engine::StageIds::IpMap);
    view->centerOn(node);
    settle();
    const QPointF before = node->pos();
    const QPoint from = view->mapFromScene(node->scenePos());
    QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::NoModifier, from);
    QMouseEvent move(QEvent::MouseMove, from + QPoint(60, 0),
                     view->viewport()->mapToGlobal(from + QPoint(60, 0)), Qt::LeftButton, Qt::LeftButton,
                     Qt::NoModifier);
    QCoreApplication::sendEvent(view->viewport(), &move);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, Qt::NoModifier, from + QPoint(60, 0));
    settle();
    EXPECT_GT(node->pos().x(), before.x() + 20);
    EXPECT_EQ(window.tabs()->currentWidget(), window.serverEditor());
    EXPECT_EQ(window.tabs()->count(), 2);
    EXPECT_EQ(activated.size(), 2);
}

TEST(FlowchartScene, ViewZoomsAndFits)
{
    FlowchartScene scene;
    FlowchartView view(&scene);
    view.resize(800, 600);
    view.show();
    settle();
    const qreal start = view.zoom();
    view.zoomInAction()->trigger();
    EXPECT_GT(view.zoom(), start);
    view.zoomOutAction()->trigger();
    view.zoomOutAction()->trigger();
    EXPECT_LT(view.zoom(), start);
    view.fitAction()->trigger();
    const QRect shown = view.mapFromScene(scene.contentRect()).boundingRect();
    EXPECT_TRUE(view.viewport()->rect().adjusted(-2, -2, 2, 2).contains(shown))
        << shown.x() << "," << shown.y() << " " << shown.width() << "x" << shown.height() << " in "
        << view.viewport()->width() << "x" << view.viewport()->height();
    // Fitted, not merely shrunk: the diagram fills the viewport in one direction.
    EXPECT_TRUE(shown.width() >= view.viewport()->width() - 12 ||
                shown.height() >= view.viewport()->height() - 12);
    QWheelEvent wheel(QPointF(400, 300), view.viewport()->mapToGlobal(QPoint(400, 300)), QPoint(),
                      QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    const qreal fitted = view.zoom();
    QCoreApplication::sendEvent(view.viewport(), &wheel);
    EXPECT_GT(view.zoom(), fitted);
}

TEST(FlowchartScene, ScreenshotsOfALitPathInBothLanguages)
{
    MailRootDocument document; // read only: the title names the sample
    ASSERT_TRUE(document.open(sampleDir()));
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("ja")}) {
        LanguageManager::instance().setLanguage(language, false);
        FlowchartScene scene;
        scene.setDocument(&document);
        const auto policy = engine::Policy::compile(document.root());
        engine::SimulationRequest request;
        request.peer = *model::IpAddress::parse(QStringLiteral("203.0.113.10"));
        request.local.address = model::IpAddress::fromV4(0x7f000001);
        request.script = QStringLiteral("plain");
        const auto result = engine::Simulator::run(policy, request);
        scene.showPath(engine::stagePath(result, {}),
                       language == QLatin1String("ja")
                           ? QStringLiteral("クライアント 203.0.113.10 → ポート 25、スクリプト plain")
                           : QStringLiteral("Client 203.0.113.10 → port 25, script plain"));
        EXPECT_TRUE(scene.node(engine::StageIds::Spammers)->isLit());
        EXPECT_EQ(scene.node(engine::StageIds::Spammers)->outcome(), NodeOutcome::Delay);
        const QString path =
            QStringLiteral(XMFLOW_BINARY_DIR "/screenshot-flowchart-") + language + QStringLiteral(".png");
        EXPECT_TRUE(scene.toImage(1.0).save(path)) << path.toStdString();
    }
    LanguageManager::instance().setLanguage(QStringLiteral("en"), false);
}

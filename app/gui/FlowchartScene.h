#pragma once

#include "FlowchartNodeItem.h"
#include "MailRootDocument.h"
#include "StagePath.h"
#include "StageSummary.h"

#include <QGraphicsScene>
#include <QHash>
#include <QImage>
#include <QPointer>

class QGraphicsRectItem;
class QGraphicsSimpleTextItem;

namespace xmflow::gui {

class FlowchartEdgeItem;
class FlowchartLegendItem;

// XMail's decision flow as a diagram, generated from engine::stageList(): one
// node per stage, one arrow per (stage, next stage) pair carrying that pair's
// exits, laid out top to bottom with the drop terminal in a side column. Each
// node shows engine::summarizeStage() of the open MailRoot and follows its
// edits; a simulation's engine::stagePath() lights the path taken.
class FlowchartScene : public QGraphicsScene
{
    Q_OBJECT
public:
    explicit FlowchartScene(QObject *parent = nullptr);

    // Summaries follow the document's tables (opened, edited, undone, reloaded).
    void setDocument(MailRootDocument *document);
    MailRootDocument *document() const { return m_document; }

    // XMail 1.27 compatible: extension stages are shown as ignored.
    void setXmailCompat(bool compat);
    bool xmailCompat() const { return m_compat; }

    void refresh();

    // Lights the stages and exits of a simulated session; caption says which session.
    void showPath(const QList<engine::StagePathStep> &path, const QString &caption = QString());
    void clearPath();
    bool hasPath() const { return !m_path.isEmpty(); }
    const QList<engine::StagePathStep> &path() const { return m_path; }
    QStringList litStages() const;

    FlowchartNodeItem *node(const QString &stageId) const { return m_nodeById.value(stageId); }
    const QList<FlowchartNodeItem *> &nodes() const { return m_nodes; }
    const QList<FlowchartEdgeItem *> &edges() const { return m_edges; }
    engine::StageSummary summary(const QString &stageId) const { return m_summaries.value(stageId); }

    // Puts every node back where the automatic layout wants it.
    void resetLayout();
    // The diagram's extent with a margin, for views and exports.
    QRectF contentRect() const;

    QImage toImage(qreal scale = 1.0) const;
    // PNG, SVG or PDF, chosen by the file name's suffix.
    bool exportTo(const QString &fileName, QString *error = nullptr) const;

    // A node was clicked: say which table or variable to open.
    void activateStage(const QString &stageId);

    // How a path step is shown: its colour class and its short badge text.
    static NodeOutcome outcomeOf(const engine::StagePathStep &step);
    static QString outcomeText(const engine::StagePathStep &step, bool xmailCompat);

signals:
    void stageActivated(const QString &stageId);
    // file: a table file name; variable: a server.tab variable to show instead.
    void openRequested(const QString &file, int line, const QString &variable);
    void layoutChanged();

protected:
    // A click (press and release without a drag) on a node activates its stage.
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    FlowchartNodeItem *nodeAt(const QPointF &scenePos) const;
    void buildItems();
    void retranslate();
    void applyTexts();
    void applyPath();
    void layoutItems();
    void renderTo(QPainter *painter, const QRectF &target) const;
    QString tooltipFor(const FlowchartNodeItem *node, const engine::StagePathStep *step) const;
    bool inSideColumn(const FlowchartNodeItem *node) const;

    QPointer<MailRootDocument> m_document;
    bool m_compat = false;
    QList<FlowchartNodeItem *> m_nodes;
    QHash<QString, FlowchartNodeItem *> m_nodeById;
    QList<FlowchartEdgeItem *> m_edges;
    QHash<QString, engine::StageSummary> m_summaries;
    QList<engine::StagePathStep> m_path;
    QString m_caption;

    QGraphicsRectItem *m_connectBand = nullptr;
    QGraphicsRectItem *m_sessionBand = nullptr;
    QGraphicsSimpleTextItem *m_connectCaption = nullptr;
    QGraphicsSimpleTextItem *m_sessionCaption = nullptr;
    QGraphicsSimpleTextItem *m_title = nullptr;
    QGraphicsSimpleTextItem *m_subtitle = nullptr;
    FlowchartLegendItem *m_legend = nullptr;
    QPointF m_pressPosition;
};

} // namespace xmflow::gui

#pragma once

#include "Stages.h"

#include <QColor>
#include <QGraphicsItem>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

namespace xmflow::gui {

class FlowchartEdgeItem;

// How a simulated session went through a stage, as the node shows it.
enum class NodeOutcome {
    None,       // no simulation shown
    OffPath,    // the session never reached the stage: dimmed
    Passed,     // reached, nothing applied (no match, not set)
    Skipped,    // reached, skipped (e.g. whitelisted)
    Delay,      // asked for a delay
    Flag,       // set an AUTH-only flag
    Refused,    // dropped or refused
    Accepted,   // matched favourably (whitelist, AUTH, 250)
};

// One engine stage drawn as a flowchart symbol (terminal, process or decision
// diamond) with a note card on its left saying what the MailRoot does there,
// and, after a simulation, an outcome badge. Items are positioned by
// FlowchartScene; edges are told when a node moves.
class FlowchartNodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    explicit FlowchartNodeItem(const engine::StageInfo &stage);

    int type() const override { return Type; }
    const engine::StageInfo &stage() const { return m_stage; }
    QString stageId() const { return m_stage.id; }

    // Texts in the current language, set by the scene.
    void setTexts(const QString &title, const QStringList &summary, bool active);
    QString title() const { return m_title; }
    QStringList summary() const { return m_summary; }
    bool isActive() const { return m_active; }

    // The simulation outcome; result is the line shown under the summary.
    void setOutcome(NodeOutcome outcome, const QString &badge, const QString &result);
    NodeOutcome outcome() const { return m_outcome; }
    QString badge() const { return m_badge; }
    QString resultText() const { return m_result; }
    bool isLit() const { return m_outcome != NodeOutcome::None && m_outcome != NodeOutcome::OffPath; }

    // Extension stages are shown as inactive in XMail-compatible mode.
    void setExtensionIgnored(bool ignored);

    void addEdge(FlowchartEdgeItem *edge) { m_edges.append(edge); }
    const QList<FlowchartEdgeItem *> &edges() const { return m_edges; }

    // The symbol, centred on the item's origin.
    QRectF symbolRect() const { return m_symbol; }
    // Where the symbol's outline is at horizontal offset dx above the centre.
    qreal symbolTopAt(qreal dx) const;
    // The whole row the node needs (symbol and card), in item coordinates.
    QRectF rowRect() const;

    // The scene positions the node automatically; a user drag adds an offset kept across re-layouts.
    void setAutoPosition(const QPointF &position);
    QPointF manualOffset() const { return m_manualOffset; }
    void clearManualOffset();

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    static QColor outcomeColor(NodeOutcome outcome);

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    void relayoutTexts();
    QPainterPath symbolPath() const;
    QRectF cardRect() const;
    QRectF badgeRect() const;

    engine::StageInfo m_stage;
    QString m_title;
    QStringList m_summary;
    bool m_active = false;
    bool m_extensionIgnored = false;
    NodeOutcome m_outcome = NodeOutcome::None;
    QString m_badge;
    QString m_result;
    QList<FlowchartEdgeItem *> m_edges;

    QRectF m_symbol;
    QSizeF m_cardSize;
    bool m_hovered = false;
    bool m_layingOut = false;
    QPointF m_autoPosition;
    QPointF m_manualOffset;
};

} // namespace xmflow::gui

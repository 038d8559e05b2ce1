#pragma once

#include "Stages.h"

#include <QGraphicsItem>
#include <QList>
#include <QPainterPath>
#include <QPolygonF>
#include <QStringList>

namespace xmflow::gui {

class FlowchartNodeItem;

// The exits of one stage that lead to the same stage, drawn as one arrow with
// one label line per exit (an admin draws "allow / flag / delay" on one line).
// The route is orthogonal and recomputed from the two nodes' positions in
// updateGeometry(), which the nodes call when they move.
class FlowchartEdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };
    enum class Route {
        Down,  // to the next node of the column
        Side,  // to a node of another column (the drop terminal)
        Skip,  // forward past other nodes, on the left
        Back,  // back up to an earlier node, on the right
        Loop,  // to itself
    };

    FlowchartEdgeItem(FlowchartNodeItem *source, FlowchartNodeItem *target, QList<engine::StageExit> exits, Route route);

    int type() const override { return Type; }
    FlowchartNodeItem *source() const { return m_source; }
    FlowchartNodeItem *target() const { return m_target; }
    const QList<engine::StageExit> &exits() const { return m_exits; }
    QStringList exitIds() const;
    Route route() const { return m_route; }

    // One line per exit, in the current language.
    void setLabels(const QStringList &labels);
    QStringList labels() const { return m_labels; }

    // The exit the shown simulation took ("" when none of this edge's); pathShown dims the others.
    void setTaken(const QString &exitId, bool pathShown);
    bool isLit() const { return !m_taken.isEmpty(); }
    QString takenExit() const { return m_taken; }

    void updateGeometry();
    QPolygonF polyline() const { return m_line; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF labelRect() const;

    FlowchartNodeItem *m_source;
    FlowchartNodeItem *m_target;
    QList<engine::StageExit> m_exits;
    Route m_route;
    QStringList m_labels;
    QString m_taken;
    bool m_pathShown = false;

    QPolygonF m_line;     // scene coordinates (the item stays at the origin)
    QPointF m_labelAnchor;
    QRectF m_bounds;
};

} // namespace xmflow::gui

#include "FlowchartEdgeItem.h"

#include "FlowchartNodeItem.h"
#include "FlowchartStyle.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QtMath>

namespace xmflow::gui {

using namespace FlowchartStyle;

namespace {

constexpr qreal kArrowSize = 9;
constexpr qreal kPillPadding = 6;

bool isPill(FlowchartEdgeItem::Route route)
{
    return route == FlowchartEdgeItem::Route::Skip || route == FlowchartEdgeItem::Route::Back;
}

} // namespace

FlowchartEdgeItem::FlowchartEdgeItem(FlowchartNodeItem *source, FlowchartNodeItem *target, QList<engine::StageExit> exits,
                                     Route route)
    : m_source(source)
    , m_target(target)
    , m_exits(std::move(exits))
    , m_route(route)
{
    setZValue(-1);
    setAcceptedMouseButtons(Qt::NoButton);
    source->addEdge(this);
    if (target != source)
        target->addEdge(this);
}

QStringList FlowchartEdgeItem::exitIds() const
{
    QStringList ids;
    for (const engine::StageExit &exit : m_exits)
        ids << exit.id;
    return ids;
}

void FlowchartEdgeItem::setLabels(const QStringList &labels)
{
    m_labels = labels;
    updateGeometry();
}

void FlowchartEdgeItem::setTaken(const QString &exitId, bool pathShown)
{
    m_taken = exitIds().contains(exitId) ? exitId : QString();
    m_pathShown = pathShown;
    setZValue(isLit() ? -0.5 : -1);
    update();
}

QRectF FlowchartEdgeItem::labelRect() const
{
    if (m_labels.isEmpty())
        return {};
    const QFontMetricsF metrics(labelFont());
    const QFontMetricsF bold(baseFont(8, true));
    qreal width = 0;
    for (const QString &line : m_labels)
        width = qMax(width, bold.horizontalAdvance(line));
    const qreal height = m_labels.size() * metrics.height();
    const QPointF a = m_labelAnchor;
    switch (m_route) {
    case Route::Down:
        return QRectF(a.x(), a.y(), width, height);
    case Route::Side: // above the first segment, beside the source
        return m_target->scenePos().x() >= m_source->scenePos().x() ? QRectF(a.x(), a.y() - height, width, height)
                                                                      : QRectF(a.x() - width, a.y() - height, width, height);
    case Route::Skip:
    case Route::Back:
        return QRectF(a.x() - width / 2 - kPillPadding, a.y() - height / 2 - 3, width + 2 * kPillPadding, height + 6);
    case Route::Loop:
        return QRectF(a.x(), a.y() - height / 2, width, height);
    }
    return {};
}

void FlowchartEdgeItem::updateGeometry()
{
    prepareGeometryChange();
    const QPointF s = m_source->scenePos();
    const QPointF t = m_target->scenePos();
    const QRectF sr = m_source->symbolRect().translated(s);
    const QRectF tr = m_target->symbolRect().translated(t);
    m_line.clear();
    switch (m_route) {
    case Route::Down: {
        const QPointF start(s.x(), sr.bottom());
        const QPointF end(t.x(), tr.top());
        m_line << start;
        if (qAbs(start.x() - end.x()) > 0.5) {
            const qreal mid = (start.y() + end.y()) / 2;
            m_line << QPointF(start.x(), mid) << QPointF(end.x(), mid);
        }
        m_line << end;
        m_labelAnchor = QPointF(start.x() + 10, start.y() + 4);
        break;
    }
    case Route::Side: {
        const bool right = t.x() >= s.x();
        const QPointF start(right ? sr.right() : sr.left(), s.y());
        m_line << start;
        if (qAbs(t.y() - s.y()) < tr.height() / 2) {
            m_line << QPointF(right ? tr.left() : tr.right(), s.y());
        } else {
            m_line << QPointF(t.x(), s.y()) << QPointF(t.x(), t.y() > s.y() ? tr.top() : tr.bottom());
        }
        m_labelAnchor = QPointF(start.x() + (right ? 10 : -10), s.y() - 3);
        break;
    }
    case Route::Skip: {
        const qreal channel = qMin(sr.left(), tr.left()) - kSkipChannel;
        m_line << QPointF(sr.left(), s.y()) << QPointF(channel, s.y()) << QPointF(channel, t.y()) << QPointF(tr.left(), t.y());
        // Just below the source's row, where no card or symbol is.
        const qreal rowBottom = m_source->mapToScene(m_source->rowRect().bottomLeft()).y();
        const qreal lines = qMax<qsizetype>(1, m_labels.size());
        m_labelAnchor = QPointF(channel, rowBottom + 10 + lines * QFontMetricsF(labelFont()).height() / 2);
        break;
    }
    case Route::Back: {
        const qreal channel = qMax(sr.right(), tr.right()) + kBackChannel;
        m_line << QPointF(sr.right(), s.y()) << QPointF(channel, s.y()) << QPointF(channel, t.y()) << QPointF(tr.right(), t.y());
        m_labelAnchor = QPointF(channel, (s.y() + t.y()) / 2);
        break;
    }
    case Route::Loop: {
        const qreal reach = sr.right() + 40;
        const qreal top = sr.top() - 18;
        const qreal dx = sr.width() / 4;
        m_line << QPointF(sr.right(), s.y()) << QPointF(reach, s.y()) << QPointF(reach, top) << QPointF(s.x() + dx, top)
               << QPointF(s.x() + dx, s.y() + m_source->symbolTopAt(dx));
        m_labelAnchor = QPointF(reach + 6, (top + s.y()) / 2);
        break;
    }
    }
    m_bounds = m_line.boundingRect().adjusted(-kArrowSize - 6, -kArrowSize - 6, kArrowSize + 6, kArrowSize + 6)
                   .united(labelRect().adjusted(-4, -4, 4, 4));
    update();
}

QRectF FlowchartEdgeItem::boundingRect() const
{
    return m_bounds;
}

void FlowchartEdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_line.size() < 2)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor color = isLit() ? pathColor() : (m_pathShown ? dimmedEdgeColor() : edgeColor());
    QPen pen(color, isLit() ? 3.0 : 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPolyline(m_line);

    // Arrow head along the last segment.
    const QPointF end = m_line.last();
    const QPointF before = m_line.at(m_line.size() - 2);
    const qreal angle = std::atan2(end.y() - before.y(), end.x() - before.x());
    const qreal size = isLit() ? kArrowSize + 2 : kArrowSize;
    QPolygonF head;
    head << end << end - QPointF(std::cos(angle - M_PI / 7) * size, std::sin(angle - M_PI / 7) * size)
         << end - QPointF(std::cos(angle + M_PI / 7) * size, std::sin(angle + M_PI / 7) * size);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(head);

    if (m_labels.isEmpty())
        return;
    const QRectF rect = labelRect();
    if (isPill(m_route)) {
        painter->setPen(QPen(color, 1));
        painter->setBrush(Qt::white);
        painter->drawRoundedRect(rect, 6, 6);
    }
    const QFontMetricsF metrics(labelFont());
    qreal y = rect.top() + (isPill(m_route) ? 3 : 0);
    const qreal x = rect.left() + (isPill(m_route) ? kPillPadding : 0);
    for (int i = 0; i < m_labels.size(); ++i) {
        const bool taken = i < m_exits.size() && m_exits.at(i).id == m_taken;
        painter->setFont(taken ? baseFont(8, true) : labelFont());
        painter->setPen(taken ? pathColor().darker(120) : (m_pathShown ? QColor(0xa0, 0xaa, 0xb5) : mutedTextColor()));
        const Qt::Alignment align = m_route == Route::Side && m_target->scenePos().x() < m_source->scenePos().x() ? Qt::AlignRight
                                                                                                               : Qt::AlignLeft;
        painter->drawText(QRectF(x, y, rect.width(), metrics.height()), align | Qt::AlignVCenter, m_labels.at(i));
        y += metrics.height();
    }
}

} // namespace xmflow::gui

#include "FlowchartNodeItem.h"

#include "FlowchartEdgeItem.h"
#include "FlowchartStyle.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QtMath>

namespace xmflow::gui {

using namespace FlowchartStyle;
using engine::StageShape;

namespace {

constexpr int kWrap = Qt::TextWordWrap;

qreal wrappedHeight(const QFont &font, const QString &text, qreal width)
{
    return QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 10000), kWrap, text).height();
}

qreal cardTextWidth()
{
    return kCardWidth - 2 * kCardPadding - 4;
}

} // namespace

FlowchartNodeItem::FlowchartNodeItem(const engine::StageInfo &stage)
    : m_stage(stage)
{
    setFlags(ItemIsMovable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setCursor(Qt::PointingHandCursor);
    setZValue(1);
    relayoutTexts();
}

void FlowchartNodeItem::setTexts(const QString &title, const QStringList &summary, bool active)
{
    m_title = title;
    m_summary = summary;
    m_active = active;
    relayoutTexts();
}

void FlowchartNodeItem::setOutcome(NodeOutcome outcome, const QString &badge, const QString &result)
{
    m_outcome = outcome;
    m_badge = badge;
    m_result = result;
    relayoutTexts();
}

void FlowchartNodeItem::setExtensionIgnored(bool ignored)
{
    m_extensionIgnored = ignored;
    update();
}

void FlowchartNodeItem::relayoutTexts()
{
    prepareGeometryChange();
    switch (m_stage.shape) {
    case StageShape::Terminal:
        m_symbol = QRectF(-kTerminalWidth / 2, -kTerminalHeight / 2, kTerminalWidth, kTerminalHeight);
        break;
    case StageShape::Process:
        m_symbol = QRectF(-kProcessWidth / 2, -kProcessHeight / 2, kProcessWidth, kProcessHeight);
        break;
    case StageShape::Decision:
        m_symbol = QRectF(-kDecisionWidth / 2, -kDecisionHeight / 2, kDecisionWidth, kDecisionHeight);
        break;
    }
    if (m_summary.isEmpty() && m_result.isEmpty()) {
        m_cardSize = QSizeF();
        return;
    }
    qreal height = kCardPadding;
    for (int i = 0; i < m_summary.size(); ++i)
        height += wrappedHeight(i == 0 ? cardHeaderFont() : cardFont(), m_summary.at(i), cardTextWidth()) + 2;
    if (!m_result.isEmpty())
        height += 8 + wrappedHeight(cardHeaderFont(), m_result, cardTextWidth() - 8) + 6;
    height += kCardPadding - 2;
    m_cardSize = QSizeF(kCardWidth, height);
}

qreal FlowchartNodeItem::symbolTopAt(qreal dx) const
{
    if (m_stage.shape == StageShape::Decision)
        return m_symbol.top() + qAbs(dx) * m_symbol.height() / m_symbol.width();
    return m_symbol.top();
}

QRectF FlowchartNodeItem::cardRect() const
{
    if (m_cardSize.isEmpty())
        return {};
    return QRectF(-kCardRight - m_cardSize.width(), -m_cardSize.height() / 2, m_cardSize.width(), m_cardSize.height());
}

QRectF FlowchartNodeItem::badgeRect() const
{
    if (m_badge.isEmpty())
        return {};
    const QFontMetricsF metrics(badgeFont());
    const qreal width = metrics.horizontalAdvance(m_badge) + 16;
    const qreal height = metrics.height() + 6;
    // Over the symbol's upper right: free space beside a diamond's top corner.
    const qreal left = m_stage.shape == StageShape::Decision ? m_symbol.width() * 0.16 : m_symbol.right() - width * 0.6;
    return QRectF(left, m_symbol.top() - height * 0.45, width, height);
}

QRectF FlowchartNodeItem::rowRect() const
{
    QRectF rect = m_symbol;
    if (!m_cardSize.isEmpty())
        rect = rect.united(cardRect());
    return rect;
}

QRectF FlowchartNodeItem::boundingRect() const
{
    QRectF rect = rowRect().united(badgeRect());
    return rect.adjusted(-8, -8, 8, 8);
}

QPainterPath FlowchartNodeItem::symbolPath() const
{
    QPainterPath path;
    const QRectF r = m_symbol;
    switch (m_stage.shape) {
    case StageShape::Terminal:
        path.addRoundedRect(r, r.height() / 2, r.height() / 2);
        break;
    case StageShape::Process:
        path.addRoundedRect(r, 8, 8);
        break;
    case StageShape::Decision:
        path.moveTo(r.center().x(), r.top());
        path.lineTo(r.right(), r.center().y());
        path.lineTo(r.center().x(), r.bottom());
        path.lineTo(r.left(), r.center().y());
        path.closeSubpath();
        break;
    }
    return path;
}

QPainterPath FlowchartNodeItem::shape() const
{
    QPainterPath path = symbolPath();
    if (!m_cardSize.isEmpty())
        path.addRoundedRect(cardRect(), 6, 6);
    return path;
}

QColor FlowchartNodeItem::outcomeColor(NodeOutcome outcome)
{
    switch (outcome) {
    case NodeOutcome::Delay:
        return QColor(0xe0, 0x65, 0x00);
    case NodeOutcome::Flag:
        return QColor(0x7b, 0x1f, 0xa2);
    case NodeOutcome::Refused:
        return QColor(0xc6, 0x28, 0x28);
    case NodeOutcome::Accepted:
        return QColor(0x2e, 0x7d, 0x32);
    case NodeOutcome::Skipped:
        return QColor(0x78, 0x90, 0x9c);
    case NodeOutcome::Passed:
    case NodeOutcome::None:
    case NodeOutcome::OffPath:
        break;
    }
    return pathColor();
}

void FlowchartNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    const bool dimmed = m_outcome == NodeOutcome::OffPath || (m_extensionIgnored && !isLit());
    if (dimmed)
        painter->setOpacity(0.38);

    // The note card: what the MailRoot does here.
    if (!m_cardSize.isEmpty()) {
        const QRectF card = cardRect();
        painter->setPen(QPen(QColor(0xa0, 0xae, 0xc0), 1.2, Qt::DotLine));
        painter->drawLine(QPointF(card.right(), 0), QPointF(m_symbol.left(), 0));
        painter->setPen(QPen(isLit() ? outcomeColor(m_outcome).lighter(150) : QColor(0xcb, 0xd5, 0xe1), 1));
        painter->setBrush(QColor(0xf8, 0xfa, 0xfc));
        painter->drawRoundedRect(card, 6, 6);
        const QColor accent = isLit() ? outcomeColor(m_outcome) : (m_active ? QColor(0x3b, 0x6a, 0xa0) : QColor(0xcb, 0xd5, 0xe1));
        painter->setPen(Qt::NoPen);
        painter->setBrush(accent);
        painter->drawRoundedRect(QRectF(card.left(), card.top(), 4, card.height()), 2, 2);

        qreal y = card.top() + kCardPadding;
        const qreal x = card.left() + kCardPadding + 4;
        for (int i = 0; i < m_summary.size(); ++i) {
            const QFont font = i == 0 ? cardHeaderFont() : cardFont();
            painter->setFont(font);
            painter->setPen(i == 0 ? textColor() : mutedTextColor());
            const qreal h = wrappedHeight(font, m_summary.at(i), cardTextWidth());
            painter->drawText(QRectF(x, y, cardTextWidth(), h), kWrap, m_summary.at(i));
            y += h + 2;
        }
        if (!m_result.isEmpty()) {
            y += 4;
            const qreal h = wrappedHeight(cardHeaderFont(), m_result, cardTextWidth() - 8);
            const QColor color = outcomeColor(m_outcome);
            QColor fill = color;
            fill.setAlpha(26);
            painter->setPen(Qt::NoPen);
            painter->setBrush(fill);
            painter->drawRoundedRect(QRectF(x - 2, y - 2, cardTextWidth() + 2, h + 6), 4, 4);
            painter->setFont(cardHeaderFont());
            painter->setPen(color.darker(115));
            painter->drawText(QRectF(x + 4, y + 1, cardTextWidth() - 8, h), kWrap, m_result);
        }
    }

    // The symbol.
    QColor fill, border;
    switch (m_stage.shape) {
    case StageShape::Terminal:
        if (m_stage.exits.isEmpty() && m_stage.id == engine::StageIds::Drop) {
            fill = QColor(0xfb, 0xe4, 0xe4);
            border = QColor(0xb3, 0x26, 0x1e);
        } else {
            fill = QColor(0xe3, 0xf2, 0xe8);
            border = QColor(0x2e, 0x7d, 0x4f);
        }
        break;
    case StageShape::Process:
        fill = QColor(0xe8, 0xf0, 0xfb);
        border = QColor(0x3b, 0x6a, 0xa0);
        break;
    case StageShape::Decision:
        fill = QColor(0xff, 0xf4, 0xdc);
        border = QColor(0xb7, 0x79, 0x1f);
        break;
    }
    const QPainterPath path = symbolPath();
    if (isLit()) {
        QColor halo = outcomeColor(m_outcome);
        halo.setAlpha(55);
        painter->setPen(QPen(halo, 10, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(path);
        border = outcomeColor(m_outcome);
    }
    if (m_hovered)
        fill = fill.lighter(104);
    QPen pen(border, isLit() ? 2.6 : 1.6);
    pen.setJoinStyle(Qt::RoundJoin);
    if (m_stage.isExtension)
        pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(fill);
    painter->drawPath(path);

    const qreal innerWidth = m_stage.shape == StageShape::Decision ? m_symbol.width() * 0.64 : m_symbol.width() - 16;
    const qreal innerHeight = m_stage.shape == StageShape::Decision ? m_symbol.height() * 0.62 : m_symbol.height() - 6;
    painter->setFont(titleFont());
    painter->setPen(textColor());
    // "spammers.tab (spam hosts)": the table name on one line, what it is on the next.
    QString title = m_title;
    if (QFontMetricsF(titleFont()).horizontalAdvance(title) > innerWidth)
        title.replace(QStringLiteral(" ("), QStringLiteral("\n("));
    painter->drawText(QRectF(-innerWidth / 2, -innerHeight / 2, innerWidth, innerHeight),
                      Qt::AlignCenter | Qt::TextWordWrap, title);

    if (m_stage.isExtension) {
        const QFont font = badgeFont();
        const QString tag = QStringLiteral("XMF");
        const qreal w = QFontMetricsF(font).horizontalAdvance(tag) + 10;
        const qreal h = QFontMetricsF(font).height() + 2;
        const QRectF tagRect(m_stage.shape == StageShape::Decision ? -m_symbol.width() * 0.16 - w : m_symbol.left() + 6,
                             m_symbol.top() - h * 0.45, w, h);
        painter->setPen(Qt::NoPen);
        painter->setBrush(extensionColor());
        painter->drawRoundedRect(tagRect, h / 2, h / 2);
        painter->setFont(font);
        painter->setPen(Qt::white);
        painter->drawText(tagRect, Qt::AlignCenter, tag);
    }

    if (!m_badge.isEmpty()) {
        const QRectF badge = badgeRect();
        painter->setOpacity(1.0);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(outcomeColor(m_outcome));
        painter->drawRoundedRect(badge, badge.height() / 2, badge.height() / 2);
        painter->setFont(badgeFont());
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, m_badge);
    }
}

void FlowchartNodeItem::setAutoPosition(const QPointF &position)
{
    m_layingOut = true;
    m_autoPosition = position;
    setPos(position + m_manualOffset);
    m_layingOut = false;
}

void FlowchartNodeItem::clearManualOffset()
{
    m_manualOffset = QPointF();
    setAutoPosition(m_autoPosition);
}

QVariant FlowchartNodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        if (!m_layingOut)
            m_manualOffset = pos() - m_autoPosition;
        for (FlowchartEdgeItem *edge : std::as_const(m_edges))
            edge->updateGeometry();
    }
    return QGraphicsItem::itemChange(change, value);
}

void FlowchartNodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void FlowchartNodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

} // namespace xmflow::gui

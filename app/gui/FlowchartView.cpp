#include "FlowchartView.h"

#include "FlowchartScene.h"

#include <QAction>
#include <QEvent>
#include <QWheelEvent>
#include <QtMath>

namespace xmflow::gui {

namespace {

constexpr qreal kMinZoom = 0.1;
constexpr qreal kMaxZoom = 4.0;
constexpr qreal kZoomStep = 1.2;

} // namespace

FlowchartView::FlowchartView(QGraphicsScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent), m_zoomIn(new QAction(this)), m_zoomOut(new QAction(this)),
      m_fit(new QAction(this))
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setBackgroundBrush(Qt::white);

    m_zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    m_zoomOut->setShortcut(QKeySequence::ZoomOut);
    m_fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    for (QAction *action : {m_zoomIn, m_zoomOut, m_fit}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    // Room around the diagram, so that panning and centring are never stopped by its edge.
    if (auto *flowchart = qobject_cast<FlowchartScene *>(scene)) {
        auto followLayout = [this, flowchart] {
            setSceneRect(flowchart->contentRect().adjusted(-600, -600, 600, 600));
        };
        connect(flowchart, &FlowchartScene::layoutChanged, this, followLayout);
        followLayout();
    }
    connect(m_zoomIn, &QAction::triggered, this, &FlowchartView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, this, &FlowchartView::zoomOut);
    connect(m_fit, &QAction::triggered, this, &FlowchartView::fitToView);
    retranslateUi();
}

qreal FlowchartView::zoom() const
{
    return transform().m11();
}

void FlowchartView::setZoom(qreal zoom)
{
    zoom = qBound(kMinZoom, zoom, kMaxZoom);
    const qreal factor = zoom / this->zoom();
    if (qFuzzyCompare(factor, 1.0))
        return;
    scale(factor, factor);
    emit zoomChanged(this->zoom());
}

void FlowchartView::zoomIn()
{
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    setZoom(zoom() * kZoomStep);
    setTransformationAnchor(anchor);
}

void FlowchartView::zoomOut()
{
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    setZoom(zoom() / kZoomStep);
    setTransformationAnchor(anchor);
}

void FlowchartView::fitToView()
{
    QRectF rect = sceneRect();
    if (auto *flowchart = qobject_cast<FlowchartScene *>(scene()))
        rect = flowchart->contentRect();
    fitInView(rect, Qt::KeepAspectRatio);
    centerOn(rect.center());
    emit zoomChanged(zoom());
}

void FlowchartView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    // Zoom around the point under the mouse (the transformation anchor).
    setZoom(zoom() * qPow(kZoomStep, delta / 120.0));
    event->accept();
}

void FlowchartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QGraphicsView::changeEvent(event);
}

void FlowchartView::retranslateUi()
{
    m_zoomIn->setText(tr("Zoom &In"));
    m_zoomOut->setText(tr("Zoom &Out"));
    m_fit->setText(tr("&Fit to Window"));
    m_fit->setToolTip(tr("Show the whole flowchart (Ctrl+0)"));
    m_zoomIn->setToolTip(tr("Zoom in (Ctrl++)"));
    m_zoomOut->setToolTip(tr("Zoom out (Ctrl+-)"));
}

} // namespace xmflow::gui

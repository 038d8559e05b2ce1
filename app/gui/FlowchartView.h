#pragma once

#include <QGraphicsView>

class QAction;

namespace xmflow::gui {

// A view of a FlowchartScene: the wheel and Ctrl++ / Ctrl+- zoom, dragging the
// background pans, Ctrl+0 fits the whole diagram.
class FlowchartView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit FlowchartView(QGraphicsScene *scene, QWidget *parent = nullptr);

    qreal zoom() const;
    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }
    QAction *fitAction() const { return m_fit; }

public slots:
    void zoomIn();
    void zoomOut();
    void setZoom(qreal zoom);
    void fitToView();

signals:
    void zoomChanged(qreal zoom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QAction *m_zoomIn;
    QAction *m_zoomOut;
    QAction *m_fit;
};

} // namespace xmflow::gui

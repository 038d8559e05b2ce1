#include "FlowchartPanel.h"

#include "AppResources.h"
#include "FlowchartNodeItem.h"
#include "FlowchartScene.h"
#include "FlowchartView.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace xmflow::gui {

FlowchartPanel::FlowchartPanel(MailRootDocument *document, QWidget *parent)
    : QWidget(parent), m_scene(new FlowchartScene(this)), m_view(new FlowchartView(m_scene, this)),
      m_toolBar(new QToolBar(this)), m_mode(new QComboBox(this)), m_hint(new QLabel(this)),
      m_startHint(new QLabel(this)), m_resetLayout(new QAction(this)), m_clearPath(new QAction(this)),
      m_export(new QAction(icon(QStringLiteral("export")), QString(), this))
{
    setObjectName(QStringLiteral("FlowchartPanel"));
    m_scene->setDocument(document);

    m_toolBar->setIconSize(QSize(18, 18));
    m_toolBar->addAction(m_view->zoomInAction());
    m_toolBar->addAction(m_view->zoomOutAction());
    m_toolBar->addAction(m_view->fitAction());
    m_toolBar->addAction(m_resetLayout);
    m_toolBar->addSeparator();
    m_toolBar->addWidget(m_mode);
    m_toolBar->addAction(m_clearPath);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_export);
    m_hint->setContentsMargins(12, 0, 0, 0);
    m_hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_toolBar->addWidget(m_hint);

    m_mode->addItem(QString(), false);
    m_mode->addItem(QString(), true);
    connect(m_mode, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_scene->setXmailCompat(m_mode->itemData(index).toBool()); });
    connect(m_resetLayout, &QAction::triggered, m_scene, &FlowchartScene::resetLayout);
    connect(m_clearPath, &QAction::triggered, m_scene, &FlowchartScene::clearPath);
    connect(m_export, &QAction::triggered, this, &FlowchartPanel::exportDiagram);
    connect(m_scene, &FlowchartScene::layoutChanged, this, [this] {
        m_clearPath->setEnabled(m_scene->hasPath());
        const QSignalBlocker blocker(m_mode);
        m_mode->setCurrentIndex(m_scene->xmailCompat() ? 1 : 0);
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_startHint);
    layout->addWidget(m_view, 1);
    m_startHint->setObjectName(QStringLiteral("StartHint"));
    m_startHint->setWordWrap(true);
    m_startHint->setTextFormat(Qt::RichText);
    m_startHint->setContentsMargins(10, 6, 10, 6);
    m_startHint->setStyleSheet(
        QStringLiteral("QLabel { background: #fff8e1; color: #5d4037; border-bottom: 1px solid #f0d9a0; }"));
    m_startHint->setVisible(false);
    m_clearPath->setEnabled(false);
    retranslateUi();
}

void FlowchartPanel::exportDiagram()
{
    QString selected;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the flowchart"), QDir::home().filePath(QStringLiteral("xmflow-flowchart.png")),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"), &selected);
    if (path.isEmpty())
        return;
    QString error;
    if (!m_scene->exportTo(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
    else
        emit statusMessage(tr("Flowchart written to %1").arg(QDir::toNativeSeparators(path)));
}

void FlowchartPanel::setStartHintVisible(bool visible)
{
    m_startHint->setVisible(visible);
}

void FlowchartPanel::revealPath()
{
    // The refusal if any, else the longest delay, else the last stage reached.
    FlowchartNodeItem *target = nullptr;
    int longest = 0;
    for (const engine::StagePathStep &step : m_scene->path()) {
        FlowchartNodeItem *node = m_scene->node(step.stage);
        if (!node)
            continue;
        if (node->outcome() == NodeOutcome::Refused) {
            target = node;
            break;
        }
        if (step.delaySeconds > longest) {
            longest = step.delaySeconds;
            target = node;
        } else if (longest == 0) {
            target = node;
        }
    }
    if (!target)
        return;
    // After a pending layout (the first show fits the chart first).
    QTimer::singleShot(0, m_view, [this, target] { m_view->ensureVisible(target, 40, 40); });
}

void FlowchartPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_fittedOnce) {
        m_fittedOnce = true;
        // After the layout gave the view its size.
        QTimer::singleShot(0, m_view, [this] {
            m_view->fitToView();
            // A tall chart fitted whole is too small to read: keep the text legible, show the top.
            if (m_view->zoom() < 0.6) {
                m_view->setZoom(0.6);
                const QRectF content = m_scene->contentRect();
                m_view->ensureVisible(QRectF(content.left(), content.top(), content.width(), 10), 0, 0);
            }
        });
    }
}

void FlowchartPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void FlowchartPanel::retranslateUi()
{
    m_toolBar->setWindowTitle(tr("Flowchart"));
    m_resetLayout->setText(tr("Reset Layout"));
    m_resetLayout->setToolTip(tr("Put every moved node back in place"));
    m_clearPath->setText(tr("Clear Path"));
    m_clearPath->setToolTip(tr("Remove the simulated session from the flowchart"));
    m_export->setText(tr("Export…"));
    m_export->setToolTip(tr("Save the flowchart as PNG, SVG or PDF"));
    m_mode->setItemText(0, tr("With xmflow extensions"));
    m_mode->setItemText(1, tr("XMail 1.27 compatible"));
    m_mode->setToolTip(tr("Show what plain XMail 1.27 does, or what xmflowd does with the XMF- extensions"));
    m_hint->setText(tr("Click a stage to open its table; drag to move it or to pan; wheel to zoom."));
    m_hint->setToolTip(m_hint->text());
    m_startHint->setText(
        tr("<b>Start here:</b> type <b>203.0.113.10</b> in the client box above and press Enter: "
           "the path it takes lights up. Then tick <b>AUTH as</b> and compare the timelines below: "
           "XMail 1.27 delays even the authenticated user."));
}

} // namespace xmflow::gui

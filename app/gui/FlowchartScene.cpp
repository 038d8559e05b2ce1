#include "FlowchartScene.h"

#include "FlowchartEdgeItem.h"
#include "FlowchartStyle.h"
#include "LanguageManager.h"
#include "MailRootDocument.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGraphicsRectItem>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsSimpleTextItem>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace xmflow::gui {

using namespace FlowchartStyle;
using engine::StageShape;
using engine::TraceOutcome;

// The colour key of a lit path, drawn under the diagram.
class FlowchartLegendItem : public QGraphicsItem
{
public:
    struct Entry {
        QColor color;
        QString text;
    };
    void setEntries(const QList<Entry> &entries)
    {
        prepareGeometryChange();
        m_entries = entries;
        const QFontMetricsF metrics(labelFont());
        m_width = 0;
        for (const Entry &e : m_entries)
            m_width += 22 + metrics.horizontalAdvance(e.text) + 18;
        m_height = metrics.height() + 8;
    }
    QRectF boundingRect() const override { return QRectF(0, 0, m_width, m_height); }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        painter->setRenderHint(QPainter::Antialiasing);
        const QFontMetricsF metrics(labelFont());
        painter->setFont(labelFont());
        qreal x = 0;
        for (const Entry &e : std::as_const(m_entries)) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(e.color);
            painter->drawRoundedRect(QRectF(x, m_height / 2 - 6, 16, 12), 6, 6);
            painter->setPen(mutedTextColor());
            painter->drawText(QRectF(x + 22, 0, metrics.horizontalAdvance(e.text) + 2, m_height),
                              Qt::AlignVCenter, e.text);
            x += 22 + metrics.horizontalAdvance(e.text) + 18;
        }
    }

private:
    QList<Entry> m_entries;
    qreal m_width = 0;
    qreal m_height = 0;
};

FlowchartScene::FlowchartScene(QObject *parent) : QGraphicsScene(parent)
{
    setBackgroundBrush(Qt::white);
    setItemIndexMethod(QGraphicsScene::NoIndex); // few items, many moves
    buildItems();
    connect(&LanguageManager::instance(), &LanguageManager::languageChanged, this,
            &FlowchartScene::retranslate);
    retranslate();
}

void FlowchartScene::buildItems()
{
    const QList<engine::StageInfo> &stages = engine::stageList();
    for (const engine::StageInfo &stage : stages) {
        auto *node = new FlowchartNodeItem(stage);
        addItem(node);
        m_nodes << node;
        m_nodeById.insert(stage.id, node);
    }
    // The main column: every stage but terminals nothing leaves that are not the last stage (drop).
    QList<FlowchartNodeItem *> column;
    for (FlowchartNodeItem *node : std::as_const(m_nodes))
        if (!inSideColumn(node))
            column << node;
    for (FlowchartNodeItem *source : std::as_const(m_nodes)) {
        // Exits grouped by target, in the order the stage lists them.
        QList<QString> targets;
        QHash<QString, QList<engine::StageExit>> byTarget;
        for (const engine::StageExit &exit : source->stage().exits) {
            if (!byTarget.contains(exit.target))
                targets << exit.target;
            byTarget[exit.target] << exit;
        }
        for (const QString &targetId : std::as_const(targets)) {
            FlowchartNodeItem *target = m_nodeById.value(targetId);
            if (!target)
                continue;
            FlowchartEdgeItem::Route route;
            if (target == source)
                route = FlowchartEdgeItem::Route::Loop;
            else if (inSideColumn(target) != inSideColumn(source))
                route = FlowchartEdgeItem::Route::Side;
            else if (column.indexOf(target) == column.indexOf(source) + 1)
                route = FlowchartEdgeItem::Route::Down;
            else if (column.indexOf(target) > column.indexOf(source))
                route = FlowchartEdgeItem::Route::Skip;
            else
                route = FlowchartEdgeItem::Route::Back;
            auto *edge = new FlowchartEdgeItem(source, target, byTarget.value(targetId), route);
            addItem(edge);
            m_edges << edge;
        }
    }

    m_connectBand = addRect(QRectF(), Qt::NoPen, QColor(0xf3, 0xf6, 0xfa));
    m_sessionBand = addRect(QRectF(), Qt::NoPen, QColor(0xf6, 0xf4, 0xfb));
    m_connectBand->setZValue(-10);
    m_sessionBand->setZValue(-10);
    m_connectCaption = addSimpleText(QString(), captionFont());
    m_sessionCaption = addSimpleText(QString(), captionFont());
    for (QGraphicsSimpleTextItem *caption : {m_connectCaption, m_sessionCaption})
        caption->setBrush(QColor(0x64, 0x74, 0x8b));
    m_title = addSimpleText(QString(), baseFont(15, true));
    m_title->setBrush(textColor());
    m_subtitle = addSimpleText(QString(), baseFont(10));
    m_subtitle->setBrush(mutedTextColor());
    m_legend = new FlowchartLegendItem;
    addItem(m_legend);
}

bool FlowchartScene::inSideColumn(const FlowchartNodeItem *node) const
{
    const engine::StageInfo &stage = node->stage();
    return stage.shape == StageShape::Terminal && stage.exits.isEmpty() &&
           stage.id != engine::stageList().last().id;
}

void FlowchartScene::setDocument(MailRootDocument *document)
{
    if (m_document)
        m_document->disconnect(this);
    m_document = document;
    if (document) {
        connect(document, &MailRootDocument::opened, this, &FlowchartScene::refresh);
        connect(document, &MailRootDocument::tableChanged, this, &FlowchartScene::refresh);
    }
    refresh();
}

void FlowchartScene::setXmailCompat(bool compat)
{
    if (compat == m_compat)
        return;
    m_compat = compat;
    refresh();
}

void FlowchartScene::refresh()
{
    m_summaries.clear();
    if (m_document && m_document->isOpen()) {
        engine::PolicyOptions options;
        options.xmailCompat = m_compat;
        const auto policy = engine::Policy::compile(m_document->root(), options);
        for (const engine::StageSummary &summary : engine::summarizeStages(*policy))
            m_summaries.insert(summary.stage, summary);
    }
    applyTexts();
}

void FlowchartScene::retranslate()
{
    m_connectCaption->setText(tr("At connect: evaluated once for each connection"));
    m_sessionCaption->setText(tr("During the session: before every command"));
    m_legend->setEntries({{FlowchartNodeItem::outcomeColor(NodeOutcome::Passed), tr("passed")},
                          {FlowchartNodeItem::outcomeColor(NodeOutcome::Delay), tr("delay")},
                          {FlowchartNodeItem::outcomeColor(NodeOutcome::Flag), tr("AUTH only")},
                          {FlowchartNodeItem::outcomeColor(NodeOutcome::Refused), tr("refused")},
                          {FlowchartNodeItem::outcomeColor(NodeOutcome::Accepted), tr("accepted")},
                          {FlowchartNodeItem::outcomeColor(NodeOutcome::Skipped), tr("skipped")},
                          {extensionColor(), tr("XMF = xmflow extension")}});
    applyTexts();
}

void FlowchartScene::applyTexts()
{
    const QString lang = currentLanguage();
    for (FlowchartNodeItem *node : std::as_const(m_nodes)) {
        const engine::StageSummary summary = m_summaries.value(node->stageId());
        QStringList lines;
        for (const engine::StageSummaryLine &line : summary.lines)
            lines << line.text.text(lang);
        node->setTexts(node->stage().title.text(lang), lines, summary.active);
        node->setExtensionIgnored(m_compat && node->stage().isExtension);
    }
    for (FlowchartEdgeItem *edge : std::as_const(m_edges)) {
        QStringList labels;
        for (const engine::StageExit &exit : edge->exits())
            labels << exit.label.text(lang);
        edge->setLabels(labels);
    }
    QString name;
    if (m_document && m_document->isOpen())
        name = QDir::toNativeSeparators(m_document->directory());
    m_title->setText(name.isEmpty() ? tr("How XMail decides")
                                    : tr("How XMail decides: %1").arg(QFileInfo(name).fileName()));
    QString subtitle = m_compat ? tr("XMail 1.27 compatible: the XMF- extensions are ignored")
                                : tr("With the xmflow extensions (XMF- variables, dashed stages)");
    if (!m_caption.isEmpty())
        subtitle += QStringLiteral("\n") + m_caption;
    m_subtitle->setText(subtitle);
    applyPath();
}

NodeOutcome FlowchartScene::outcomeOf(const engine::StagePathStep &step)
{
    using namespace engine::StageIds;
    if (step.stage == Drop)
        return NodeOutcome::Refused;
    if (step.stage == Delivered)
        return NodeOutcome::Accepted;
    switch (step.outcome) {
    case TraceOutcome::Skipped:
        return NodeOutcome::Skipped;
    case TraceOutcome::NotConfigured:
    case TraceOutcome::NoMatch:
        return NodeOutcome::Passed;
    case TraceOutcome::Matched:
        break;
    }
    const QString &exit = step.exit;
    if (exit == engine::ExitIds::Drop || exit == engine::ExitIds::Early || exit == engine::ExitIds::Refuse ||
        exit == engine::ExitIds::Unauthenticated || exit.isEmpty())
        return NodeOutcome::Refused;
    if (exit == engine::ExitIds::Delay || exit == engine::ExitIds::Pause ||
        (step.delaySeconds > 0 && exit != engine::ExitIds::Whitelisted))
        return NodeOutcome::Delay;
    if (exit == engine::ExitIds::AuthOnly)
        return NodeOutcome::Flag;
    if (exit == engine::ExitIds::Whitelisted || exit == engine::ExitIds::Allow ||
        exit == engine::ExitIds::Authenticated || exit == engine::ExitIds::Accept ||
        exit == engine::ExitIds::Banner)
        return NodeOutcome::Accepted;
    return NodeOutcome::Passed;
}

QString FlowchartScene::outcomeText(const engine::StagePathStep &step, bool xmailCompat)
{
    using namespace engine::StageIds;
    if (step.stage == Drop)
        return tr("closed");
    if (step.stage == Delivered)
        return tr("delivered");
    if (step.stage == Connect)
        return QString();
    switch (step.outcome) {
    case TraceOutcome::Skipped:
        return tr("skipped");
    case TraceOutcome::NotConfigured: {
        const engine::StageInfo *info = engine::findStage(step.stage);
        return xmailCompat && info && info->isExtension ? tr("ignored") : tr("not set");
    }
    case TraceOutcome::NoMatch:
        if (step.stage == CommandDelay)
            return tr("no delay");
        if (step.stage == Auth)
            return tr("no AUTH");
        if (step.exit == engine::ExitIds::Allow)
            return tr("allowed");
        return tr("no match");
    case TraceOutcome::Matched:
        break;
    }
    const QString &exit = step.exit;
    if (exit == engine::ExitIds::Drop)
        return tr("drop");
    if (exit == engine::ExitIds::Early)
        return tr("early talker");
    if (exit == engine::ExitIds::Delay)
        return tr("delay %1 s").arg(step.delaySeconds);
    if (exit == engine::ExitIds::Pause)
        return tr("pause %1 s").arg(step.delaySeconds);
    if (exit == engine::ExitIds::AuthOnly)
        return tr("AUTH only");
    if (exit == engine::ExitIds::Whitelisted)
        return tr("whitelisted");
    if (exit == engine::ExitIds::Match)
        return tr("properties");
    if (exit == engine::ExitIds::Allow)
        return tr("allowed");
    if (exit == engine::ExitIds::Banner)
        return step.delaySeconds > 0 ? tr("%1 s per command").arg(step.delaySeconds) : tr("no delay");
    if (step.stage == CommandDelay)
        return tr("up to %1 s").arg(step.delaySeconds);
    if (exit == engine::ExitIds::Authenticated)
        return tr("authenticated");
    if (exit == engine::ExitIds::Unauthenticated)
        return tr("AUTH failed");
    if (exit == engine::ExitIds::Accept)
        return tr("accepted");
    if (exit == engine::ExitIds::Refuse || exit.isEmpty())
        return tr("refused");
    return QString();
}

QString FlowchartScene::tooltipFor(const FlowchartNodeItem *node, const engine::StagePathStep *step) const
{
    const QString lang = currentLanguage();
    const engine::StageInfo &stage = node->stage();
    QString html =
        QStringLiteral("<p><b>%1</b></p><p>%2</p>")
            .arg(stage.title.text(lang).toHtmlEscaped(), stage.description.text(lang).toHtmlEscaped());
    if (!stage.sources.isEmpty())
        html += QStringLiteral("<p>") +
                tr("Reads: %1").arg(stage.sources.join(QStringLiteral(", ")).toHtmlEscaped()) +
                QStringLiteral("</p>");
    if (stage.isExtension)
        html += QStringLiteral("<p><i>") + tr("An xmflow extension: plain XMail 1.27 skips this stage.") +
                QStringLiteral("</i></p>");
    if (step) {
        QString what = step->effect.text(lang).toHtmlEscaped();
        if (!step->file.isEmpty())
            what += QStringLiteral(" (%1%2)").arg(step->file.toHtmlEscaped(),
                                                  step->line > 0 ? QStringLiteral(":%1").arg(step->line)
                                                                 : QString());
        html += QStringLiteral("<p>") + tr("This session: %1").arg(what) + QStringLiteral("</p>");
    }
    const engine::StageSummary summary = m_summaries.value(stage.id);
    const QString target = !summary.openVariable.isEmpty() ? summary.openVariable : summary.openFile;
    if (!target.isEmpty())
        html += QStringLiteral("<p><small>") + tr("Click to open %1.").arg(target.toHtmlEscaped()) +
                QStringLiteral("</small></p>");
    return html;
}

void FlowchartScene::applyPath()
{
    const QString lang = currentLanguage();
    QHash<QString, const engine::StagePathStep *> steps;
    QHash<QString, QString> takenExits; // a stage can be passed twice (a refused MAIL FROM goes back to AUTH)
    for (const engine::StagePathStep &step : std::as_const(m_path)) {
        if (!steps.contains(step.stage))
            steps.insert(step.stage, &step);
        takenExits.insert(step.stage, step.exit);
    }
    const bool shown = !m_path.isEmpty();
    for (FlowchartNodeItem *node : std::as_const(m_nodes)) {
        const engine::StagePathStep *step = steps.value(node->stageId());
        if (!shown) {
            node->setOutcome(NodeOutcome::None, QString(), QString());
        } else if (!step) {
            node->setOutcome(NodeOutcome::OffPath, QString(), QString());
        } else {
            QString result;
            if (!inSideColumn(node)) {
                result = QStringLiteral("▶ ") + step->effect.text(lang);
                if (!step->file.isEmpty())
                    result += QStringLiteral(" (%1%2)").arg(
                        step->file, step->line > 0 ? QStringLiteral(":%1").arg(step->line) : QString());
            }
            node->setOutcome(outcomeOf(*step), outcomeText(*step, m_compat), result);
        }
        node->setToolTip(tooltipFor(node, step));
    }
    for (FlowchartEdgeItem *edge : std::as_const(m_edges)) {
        const auto taken = takenExits.constFind(edge->source()->stageId());
        const bool reached = taken != takenExits.cend() && steps.contains(edge->target()->stageId());
        edge->setTaken(reached ? *taken : QString(), shown);
        QStringList tips;
        for (const engine::StageExit &exit : edge->exits())
            tips << exit.label.text(lang);
        edge->setToolTip(tips.join(QLatin1Char('\n')));
    }
    m_legend->setVisible(shown);
    layoutItems();
}

void FlowchartScene::showPath(const QList<engine::StagePathStep> &path, const QString &caption)
{
    m_path = path;
    m_caption = caption;
    applyTexts();
}

void FlowchartScene::clearPath()
{
    m_path.clear();
    m_caption.clear();
    applyTexts();
}

QStringList FlowchartScene::litStages() const
{
    QStringList ids;
    for (const FlowchartNodeItem *node : m_nodes)
        if (node->isLit())
            ids << node->stageId();
    return ids;
}

void FlowchartScene::layoutItems()
{
    const qreal lineHeight = QFontMetricsF(labelFont()).height();
    QList<FlowchartNodeItem *> column;
    for (FlowchartNodeItem *node : std::as_const(m_nodes))
        if (!inSideColumn(node))
            column << node;

    qreal y = 0;
    qreal connectBottom = 0, sessionTop = 0;
    for (int i = 0; i < column.size(); ++i) {
        FlowchartNodeItem *node = column.at(i);
        const bool firstInSession =
            !node->stage().atConnect && (i == 0 || column.at(i - 1)->stage().atConnect);
        if (firstInSession) {
            connectBottom = y - kRowGap / 2 + 6;
            sessionTop = connectBottom + 10;
            y = sessionTop + 44; // room for the band's caption
        }
        const QRectF row = node->rowRect();
        const qreal centre = y - row.top();
        node->setAutoPosition(QPointF(0, centre));
        // Room below the row for the labels of the arrows leaving it.
        qreal gap = kRowGap;
        for (FlowchartEdgeItem *edge : node->edges()) {
            if (edge->source() != node)
                continue;
            if (edge->route() == FlowchartEdgeItem::Route::Down)
                gap = qMax(gap, edge->labels().size() * lineHeight + 24);
            else if (edge->route() == FlowchartEdgeItem::Route::Skip)
                gap = qMax(gap, edge->labels().size() * lineHeight + 34);
        }
        y = centre + row.bottom() + gap;
    }
    // Side-column terminals: level with the lowest stage that leads there.
    for (FlowchartNodeItem *node : std::as_const(m_nodes)) {
        if (!inSideColumn(node))
            continue;
        qreal lowest = 0;
        for (FlowchartEdgeItem *edge : node->edges())
            if (edge->target() == node)
                lowest = qMax(lowest, edge->source()->pos().y() - edge->source()->manualOffset().y());
        node->setAutoPosition(QPointF(kSideColumnX, lowest));
    }
    for (FlowchartEdgeItem *edge : std::as_const(m_edges))
        edge->updateGeometry();

    // Bands behind the two phases, the title above, the legend below.
    QRectF extent;
    for (FlowchartNodeItem *node : std::as_const(m_nodes))
        extent = extent.united(node->sceneBoundingRect());
    for (FlowchartEdgeItem *edge : std::as_const(m_edges))
        extent = extent.united(edge->sceneBoundingRect());
    const qreal left = extent.left() - 24;
    const qreal width = extent.width() + 48;
    const qreal top = -56;
    m_connectBand->setRect(QRectF(left, top, width, connectBottom - top));
    m_sessionBand->setRect(QRectF(left, sessionTop, width, extent.bottom() + 24 - sessionTop));
    m_connectCaption->setPos(left + 16, top + 12);
    m_sessionCaption->setPos(left + 16, sessionTop + 12);
    const qreal subtitleHeight = m_subtitle->boundingRect().height();
    m_subtitle->setPos(left, top - 12 - subtitleHeight);
    m_title->setPos(left, m_subtitle->pos().y() - m_title->boundingRect().height() - 2);
    m_legend->setPos(left, extent.bottom() + 24 + 12);
    setSceneRect(contentRect());
    emit layoutChanged();
}

void FlowchartScene::resetLayout()
{
    for (FlowchartNodeItem *node : std::as_const(m_nodes))
        node->clearManualOffset();
    layoutItems();
}

QRectF FlowchartScene::contentRect() const
{
    QRectF rect = m_connectBand->sceneBoundingRect().united(m_sessionBand->sceneBoundingRect());
    rect = rect.united(m_title->sceneBoundingRect());
    if (m_legend->isVisible())
        rect = rect.united(m_legend->sceneBoundingRect());
    for (const FlowchartNodeItem *node : m_nodes)
        rect = rect.united(node->sceneBoundingRect());
    return rect.adjusted(-20, -20, 20, 20);
}

void FlowchartScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    m_pressPosition = event->scenePos();
    QGraphicsScene::mousePressEvent(event);
}

void FlowchartScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mouseReleaseEvent(event);
    // A click, not a drag: open what is behind the stage.
    if (event->button() != Qt::LeftButton
        || (event->scenePos() - m_pressPosition).manhattanLength() >= QApplication::startDragDistance())
        return;
    if (FlowchartNodeItem *node = nodeAt(m_pressPosition))
        activateStage(node->stageId());
}

FlowchartNodeItem *FlowchartScene::nodeAt(const QPointF &scenePos) const
{
    for (QGraphicsItem *item : items(scenePos))
        for (QGraphicsItem *up = item; up; up = up->parentItem())
            if (auto *node = qgraphicsitem_cast<FlowchartNodeItem *>(up))
                return node;
    return nullptr;
}

void FlowchartScene::activateStage(const QString &stageId)
{
    emit stageActivated(stageId);
    const engine::StageSummary summary = m_summaries.value(stageId);
    if (!summary.openVariable.isEmpty())
        emit openRequested(QStringLiteral("server.tab"), 0, summary.openVariable);
    else if (!summary.openFile.isEmpty())
        emit openRequested(summary.openFile, summary.openLine, QString());
}

void FlowchartScene::renderTo(QPainter *painter, const QRectF &target) const
{
    painter->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                            QPainter::SmoothPixmapTransform);
    const_cast<FlowchartScene *>(this)->render(painter, target, contentRect());
}

QImage FlowchartScene::toImage(qreal scale) const
{
    const QRectF source = contentRect();
    QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    renderTo(&painter, QRectF(QPointF(0, 0), source.size() * scale));
    painter.end();
    return image;
}

bool FlowchartScene::exportTo(const QString &fileName, QString *error) const
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    const QRectF source = contentRect();
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (suffix == QLatin1String("png")) {
        if (!toImage(2.0).save(fileName, "PNG"))
            return fail(tr("%1 could not be written.").arg(QDir::toNativeSeparators(fileName)));
        return true;
    }
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setFileName(fileName);
        generator.setSize(source.size().toSize());
        generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
        generator.setTitle(m_title->text());
        generator.setDescription(m_subtitle->text());
        QPainter painter;
        if (!painter.begin(&generator))
            return fail(tr("%1 could not be written.").arg(QDir::toNativeSeparators(fileName)));
        renderTo(&painter, QRectF(QPointF(0, 0), source.size()));
        painter.end();
        return QFileInfo(fileName).size() > 0 ||
               fail(tr("%1 could not be written.").arg(QDir::toNativeSeparators(fileName)));
    }
    if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(fileName);
        writer.setCreator(QStringLiteral("xmflow"));
        writer.setTitle(m_title->text());
        writer.setResolution(96);
        // One page the size of the diagram (pixels at 96 dpi are 0.75 pt).
        writer.setPageSize(
            QPageSize(source.size() * 0.75, QPageSize::Point, QString(), QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter;
        if (!painter.begin(&writer))
            return fail(tr("%1 could not be written.").arg(QDir::toNativeSeparators(fileName)));
        renderTo(&painter, QRectF(0, 0, writer.width(), writer.height()));
        painter.end();
        return true;
    }
    return fail(tr("Unknown image type \"%1\": use .png, .svg or .pdf.").arg(suffix));
}

} // namespace xmflow::gui

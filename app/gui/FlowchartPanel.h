#pragma once

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QToolBar;

namespace xmflow::gui {

class FlowchartScene;
class FlowchartView;
class MailRootDocument;

// The "Flowchart" tab: the diagram of the open MailRoot with zoom, fit,
// layout reset, XMail-compatible/extensions mode and export to PNG, SVG or PDF.
class FlowchartPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FlowchartPanel(MailRootDocument *document, QWidget *parent = nullptr);

    FlowchartScene *scene() const { return m_scene; }
    FlowchartView *view() const { return m_view; }
    QComboBox *modeChooser() const { return m_mode; }
    // "Start here" for the bundled sample: which address to try, then AUTH.
    void setStartHintVisible(bool visible);
    QLabel *startHint() const { return m_startHint; }
    // Scrolls to where the lit path decided: its first delay, flag or refusal.
    void revealPath();

public slots:
    // Asks for a file name, then writes the diagram as PNG, SVG or PDF.
    void exportDiagram();

signals:
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();

    FlowchartScene *m_scene;
    FlowchartView *m_view;
    QToolBar *m_toolBar;
    QComboBox *m_mode;
    QLabel *m_hint;
    QLabel *m_startHint;
    QAction *m_resetLayout;
    QAction *m_clearPath;
    QAction *m_export;
    bool m_fittedOnce = false;
};

} // namespace xmflow::gui

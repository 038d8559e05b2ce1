#pragma once

#include "Diagnostic.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

namespace xmflow::gui {

// The findings of the lint: severity, file:line and message in the current
// language; the selected finding's XMail behaviour and fix hint below.
// Activating a finding asks the window to show that line.
class DiagnosticsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DiagnosticsPanel(QWidget *parent = nullptr);

    void setDiagnostics(const model::Diagnostics &diagnostics);
    const model::Diagnostics &diagnostics() const { return m_diagnostics; }
    QTreeWidget *list() const { return m_list; }

    // Acts as if the user clicked the row.
    void activateRow(int row);

signals:
    void lineActivated(const QString &file, int line);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void fill();
    void showDetails();

    model::Diagnostics m_diagnostics;
    QComboBox *m_severity;
    QLabel *m_summary;
    QTreeWidget *m_list;
    QTextBrowser *m_details;
};

QString severityTitle(model::Severity severity);

} // namespace xmflow::gui

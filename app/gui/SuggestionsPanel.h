#pragma once

#include "ImpactPanel.h"
#include "SpammerSuggester.h"

#include <QFutureWatcher>
#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace xmflow::gui {

class MailRootDocument;
class SuggestionsModel;

// "Suggestions": spammers.tab lines proposed from the smtp logs chosen for this MailRoot,
// with their evidence and impact. Ticked lines are added to spammers.tab through the
// document's undo stack, each after a comment line with the date and the reason.
class SuggestionsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SuggestionsPanel(MailRootDocument *document, QWidget *parent = nullptr);
    ~SuggestionsPanel() override;

    engine::SuggestOptions options() const;
    void setOptions(const engine::SuggestOptions &options);
    void setLogFiles(const QStringList &paths); // remembered with ImpactPanel's
    QStringList logFiles() const { return m_files; }

    void findSuggestions();
    void cancel();
    bool isRunning() const;
    void waitForFinished();
    // Adds the ticked lines; false when none is ticked.
    bool addChecked();

    SuggestionsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString statusText() const;

public slots:
    void chooseLogFiles();

signals:
    void finished(bool canceled);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Outcome {
        std::shared_ptr<const LogSnapshot> logs;
        engine::SuggestReport report;
    };
    void retranslateUi();

    MailRootDocument *m_document;
    QStringList m_files;
    std::shared_ptr<const LogSnapshot> m_logs;
    QFutureWatcher<Outcome> m_watcher;
    SuggestionsModel *m_model;
    QSpinBox *m_days;
    QSpinBox *m_minFailures;
    QComboBox *m_style;
    QLabel *m_daysLabel;
    QLabel *m_minLabel;
    QLabel *m_styleLabel;
    QLabel *m_filesLabel;
    QLabel *m_status;
    QPushButton *m_chooseButton;
    QPushButton *m_findButton;
    QPushButton *m_cancelButton;
    QPushButton *m_addButton;
    QProgressBar *m_progress;
    QTableView *m_view;
};

} // namespace xmflow::gui

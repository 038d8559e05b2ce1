#pragma once

#include <QWidget>

class QComboBox;
class QSpinBox;

namespace xmflow::gui {

// Edits an XMail code (spammers.tab code=, SMTP-IpMapDropCode) as the choice an
// admin makes: drop, allow only after SMTP AUTH, or delay each command N s.
class CodeEditor : public QWidget
{
    Q_OBJECT
public:
    explicit CodeEditor(QWidget *parent = nullptr);

    int code() const;
    void setCode(int code);

signals:
    void codeChanged(int code);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateSpin();

    QComboBox *m_mode;
    QSpinBox *m_seconds;
};

} // namespace xmflow::gui

#include "CodeEditor.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QSpinBox>

namespace xmflow::gui {

CodeEditor::CodeEditor(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_seconds(new QSpinBox(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_mode->addItems({ QString(), QString(), QString() });
    m_seconds->setRange(1, 3600);
    m_seconds->setValue(30);
    layout->addWidget(m_mode, 1);
    layout->addWidget(m_seconds);
    setFocusProxy(m_mode);
    retranslateUi();
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateSpin();
        emit codeChanged(code());
    });
    connect(m_seconds, &QSpinBox::valueChanged, this, [this] { emit codeChanged(code()); });
    updateSpin();
}

int CodeEditor::code() const
{
    switch (m_mode->currentIndex()) {
    case 0: return 1;
    case 1: return 0;
    default: return -m_seconds->value();
    }
}

void CodeEditor::setCode(int code)
{
    if (code > 0) {
        m_mode->setCurrentIndex(0);
    } else if (code == 0) {
        m_mode->setCurrentIndex(1);
    } else {
        m_seconds->setValue(-code);
        m_mode->setCurrentIndex(2);
    }
    updateSpin();
}

void CodeEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CodeEditor::retranslateUi()
{
    m_mode->setItemText(0, tr("Drop the connection"));
    m_mode->setItemText(1, tr("Allow only after SMTP AUTH"));
    m_mode->setItemText(2, tr("Delay every command"));
    m_seconds->setSuffix(tr(" s"));
    m_mode->setToolTip(tr("What XMail does with a matching client"));
}

void CodeEditor::updateSpin()
{
    m_seconds->setEnabled(m_mode->currentIndex() == 2);
}

} // namespace xmflow::gui

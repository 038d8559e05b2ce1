#include "AppResources.h"

#include <QIcon>

static void initXmflowResources()
{
    Q_INIT_RESOURCE(xmflow);
    Q_INIT_RESOURCE(xmflow_i18n);
}

namespace xmflow::gui {

void initResources()
{
    initXmflowResources();
}

QIcon icon(const QString &name)
{
    return QIcon(QStringLiteral(":/icons/") + name + QStringLiteral(".svg"));
}

} // namespace xmflow::gui

#include "EventStream.h"

#include <QDateTime>
#include <QJsonDocument>

namespace xmflow::daemon {

void EventStream::emitEvent(const QString &type, QJsonObject fields)
{
    if (!m_enabled)
        return;
    fields.insert(QStringLiteral("type"), type);
    fields.insert(QStringLiteral("ts"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    QByteArray line = QJsonDocument(fields).toJson(QJsonDocument::Compact);
    line.append('\n');
    std::fwrite(line.constData(), 1, size_t(line.size()), m_stream);
    std::fflush(m_stream);
}

} // namespace xmflow::daemon

#pragma once

#include <QJsonObject>
#include <QString>

#include <cstdio>

namespace xmflow::daemon {

// `--events`: one JSON object per line on stdout, flushed at once so the GUI sees it live.
class EventStream
{
public:
    explicit EventStream(bool enabled, FILE *stream = stdout) : m_enabled(enabled), m_stream(stream) {}
    bool enabled() const { return m_enabled; }
    // Adds "ts" (ISO 8601 UTC with milliseconds) and "type".
    void emitEvent(const QString &type, QJsonObject fields);

private:
    bool m_enabled;
    FILE *m_stream;
};

} // namespace xmflow::daemon

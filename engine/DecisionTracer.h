#pragma once

#include "Policy.h"

namespace xmflow::engine {

// Collects the trace of one Policy::evaluate. Without a trace list it does
// nothing: the texts are passed as callables and are built only when tracing,
// so the daemon's decision path pays one inlined branch per stage.
class DecisionTracer
{
public:
    DecisionTracer(const model::MailRoot &root, QList<TraceEntry> *entries) : m_root(root), m_entries(entries)
    {
    }

    bool enabled() const { return m_entries != nullptr; }

    // A stage outcome that no rule line explains.
    template <typename Effect>
    Q_ALWAYS_INLINE void note(const QString &stage, TraceOutcome outcome, const QString &exit,
                              Effect &&effect, int delaySeconds = 0)
    {
        if (Q_UNLIKELY(m_entries))
            append(stage, outcome, exit, effect(), delaySeconds);
    }

    // A stage outcome decided by line `line` of a table.
    template <typename Effect>
    Q_ALWAYS_INLINE void rule(const QString &stage, TraceOutcome outcome, const QString &exit,
                              model::TableKind kind, int line, Effect &&effect, int delaySeconds = 0)
    {
        if (Q_UNLIKELY(m_entries))
            appendRule(stage, outcome, exit, effect(), delaySeconds, kind, line);
    }

    // A stage outcome decided by a server.tab variable; `value` gives the value
    // shown after the name ("" shows no line text).
    template <typename Value, typename Effect>
    Q_ALWAYS_INLINE void setting(const QString &stage, TraceOutcome outcome, const QString &exit,
                                 const QString &variable, Value &&value, Effect &&effect,
                                 int delaySeconds = 0)
    {
        if (Q_UNLIKELY(m_entries))
            appendSetting(stage, outcome, exit, effect(), delaySeconds, variable, value());
    }

    // Puts the last entry first (the greet pause comes before every check).
    void moveLastToFront();

private:
    TraceEntry &append(const QString &stage, TraceOutcome outcome, const QString &exit, LocalizedText effect,
                       int delaySeconds);
    void appendRule(const QString &stage, TraceOutcome outcome, const QString &exit, LocalizedText effect,
                    int delaySeconds, model::TableKind kind, int line);
    void appendSetting(const QString &stage, TraceOutcome outcome, const QString &exit, LocalizedText effect,
                       int delaySeconds, const QString &variable, const QString &value);

    const model::MailRoot &m_root;
    QList<TraceEntry> *m_entries;
};

} // namespace xmflow::engine

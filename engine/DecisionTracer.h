#pragma once

#include "Policy.h"

#include <utility>

namespace xmflow::engine {

// Collects the trace of one Policy::evaluate. Without a trace list it does
// nothing: the texts are passed as callables and are built only when tracing,
// so the daemon's decision path pays one branch per stage.
class DecisionTracer
{
public:
    DecisionTracer(const model::MailRoot &root, QList<TraceEntry> *entries) : m_root(root), m_entries(entries)
    {
    }

    bool enabled() const { return m_entries != nullptr; }

    // A stage outcome that no rule line explains.
    template <typename Effect>
    void note(const QString &stage, TraceOutcome outcome, const QString &exit, Effect &&effect,
              int delaySeconds = 0)
    {
        if (m_entries)
            m_entries->append(entry(stage, outcome, exit, effect(), delaySeconds));
    }

    // A stage outcome decided by line `line` of a table.
    template <typename Effect>
    void rule(const QString &stage, TraceOutcome outcome, const QString &exit, model::TableKind kind,
              int line, Effect &&effect, int delaySeconds = 0)
    {
        if (!m_entries)
            return;
        TraceEntry e = entry(stage, outcome, exit, effect(), delaySeconds);
        e.file = model::tableFileName(kind);
        e.line = line;
        e.lineText = tableLine(kind, line);
        m_entries->append(std::move(e));
    }

    // A stage outcome decided by a server.tab variable; `value` gives the value
    // shown after the name ("" shows no line text).
    template <typename Value, typename Effect>
    void setting(const QString &stage, TraceOutcome outcome, const QString &exit, const QString &variable,
                 Value &&value, Effect &&effect, int delaySeconds = 0)
    {
        if (!m_entries)
            return;
        TraceEntry e = entry(stage, outcome, exit, effect(), delaySeconds);
        e.file = model::tableFileName(model::TableKind::Server);
        e.line = m_root.variableLine(variable);
        const QString text = value();
        if (!text.isEmpty())
            e.lineText = variable + QLatin1Char(' ') + text;
        m_entries->append(std::move(e));
    }

    // Puts the last entry first (the greet pause comes before every check).
    void moveLastToFront()
    {
        if (m_entries && !m_entries->isEmpty())
            m_entries->move(m_entries->size() - 1, 0);
    }

private:
    static TraceEntry entry(const QString &stage, TraceOutcome outcome, const QString &exit,
                            LocalizedText effect, int delaySeconds = 0)
    {
        TraceEntry e;
        e.stage = stage;
        e.outcome = outcome;
        e.exit = exit;
        e.effect = std::move(effect);
        e.delaySeconds = delaySeconds;
        return e;
    }

    QString tableLine(model::TableKind kind, int line) const
    {
        const model::TableDocument &doc = m_root.document(kind);
        if (line <= 0 || line > doc.file.lineCount())
            return {};
        return doc.file.decode(doc.file.line(line - 1).text);
    }

    const model::MailRoot &m_root;
    QList<TraceEntry> *m_entries;
};

} // namespace xmflow::engine

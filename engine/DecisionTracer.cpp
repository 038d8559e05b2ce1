#include "DecisionTracer.h"

namespace xmflow::engine {

TraceEntry &DecisionTracer::append(const QString &stage, TraceOutcome outcome, const QString &exit,
                                   LocalizedText effect, int delaySeconds)
{
    TraceEntry e;
    e.stage = stage;
    e.outcome = outcome;
    e.exit = exit;
    e.effect = std::move(effect);
    e.delaySeconds = delaySeconds;
    m_entries->append(std::move(e));
    return m_entries->last();
}

void DecisionTracer::appendRule(const QString &stage, TraceOutcome outcome, const QString &exit,
                                LocalizedText effect, int delaySeconds, model::TableKind kind, int line)
{
    TraceEntry &e = append(stage, outcome, exit, std::move(effect), delaySeconds);
    e.file = model::tableFileName(kind);
    e.line = line;
    const model::TableDocument &doc = m_root.document(kind);
    if (line > 0 && line <= doc.file.lineCount())
        e.lineText = doc.file.decode(doc.file.line(line - 1).text);
}

void DecisionTracer::appendSetting(const QString &stage, TraceOutcome outcome, const QString &exit,
                                   LocalizedText effect, int delaySeconds, const QString &variable,
                                   const QString &value)
{
    TraceEntry &e = append(stage, outcome, exit, std::move(effect), delaySeconds);
    e.file = model::tableFileName(model::TableKind::Server);
    e.line = m_root.variableLine(variable);
    if (!value.isEmpty())
        e.lineText = variable + QLatin1Char(' ') + value;
}

void DecisionTracer::moveLastToFront()
{
    if (m_entries && !m_entries->isEmpty())
        m_entries->move(m_entries->size() - 1, 0);
}

} // namespace xmflow::engine

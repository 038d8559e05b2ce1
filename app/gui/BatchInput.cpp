#include "BatchInput.h"

#include "SmtpLogReader.h"

#include <QHash>

namespace xmflow::gui {

namespace {

QString shortened(const QString &text)
{
    return engine::SmtpLogReader::shortened(text);
}

BatchInputProblem::Kind problemKind(engine::LogProblem::Kind kind)
{
    switch (kind) {
    case engine::LogProblem::Kind::NotALogRecord:
        return BatchInputProblem::Kind::NotALogRecord;
    case engine::LogProblem::Kind::BadPeerField:
        return BatchInputProblem::Kind::BadPeerField;
    case engine::LogProblem::Kind::Unreadable:
        break;
    }
    return BatchInputProblem::Kind::Unreadable;
}

// Collects addresses, counting repeats, in order of first appearance.
class Collector
{
public:
    void add(const model::IpAddress &address, const QString &where)
    {
        ++m_out.addressesRead;
        const QString text = address.toString();
        const auto it = m_index.constFind(text);
        if (it != m_index.constEnd()) {
            ++m_out.entries[*it].count;
            return;
        }
        m_index.insert(text, int(m_out.entries.size()));
        m_out.entries.append({address, text, 1, where});
    }
    void problem(const QString &file, int line, BatchInputProblem::Kind kind, const QString &text)
    {
        m_out.problems.append({file, line, kind, shortened(text)});
    }
    void countLine() { ++m_out.linesRead; }
    BatchAddresses take() { return std::move(m_out); }

    // The engine's log reader does the reading; the batch keeps its addresses and problems.
    void takeLog(const engine::SmtpLogReader &reader)
    {
        m_out.linesRead += int(reader.linesRead());
        for (const engine::LogClient &client : reader.clients()) {
            m_out.addressesRead += int(client.lines);
            m_index.insert(client.text, int(m_out.entries.size()));
            m_out.entries.append({client.address, client.text, int(client.lines), client.firstWhere});
        }
        for (const engine::LogProblem &p : reader.problems())
            m_out.problems.append({p.file, int(p.line), problemKind(p.kind), p.text});
    }

private:
    BatchAddresses m_out;
    QHash<QString, int> m_index;
};

} // namespace

BatchAddresses BatchInput::parseAddressList(const QString &text)
{
    Collector collector;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (i == lines.size() - 1 && line.isEmpty())
            break; // the text ended with a newline
        collector.countLine();
        const qsizetype hash = line.indexOf(QLatin1Char('#'));
        if (hash >= 0)
            line.truncate(hash);
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        const int lineNumber = int(i + 1);
        if (const auto address = model::IpAddress::parse(line))
            collector.add(*address, tr("line %1").arg(lineNumber));
        else
            collector.problem(QString(), lineNumber, BatchInputProblem::Kind::NotAnAddress, line);
    }
    return collector.take();
}

BatchAddresses BatchInput::parseSmtpLog(QIODevice &device, const QString &fileName)
{
    engine::SmtpLogReader reader;
    reader.readDevice(device, fileName);
    Collector collector;
    collector.takeLog(reader);
    return collector.take();
}

BatchAddresses BatchInput::parseSmtpLogs(const QStringList &paths)
{
    engine::SmtpLogReader reader; // plain or gzip, streamed
    reader.readFiles(paths);
    Collector collector;
    collector.takeLog(reader);
    return collector.take();
}

QString BatchInput::describe(const BatchInputProblem &problem)
{
    QString where;
    if (problem.file.isEmpty())
        where = tr("line %1").arg(problem.line);
    else if (problem.line > 0)
        where = QStringLiteral("%1:%2").arg(problem.file).arg(problem.line);
    else
        where = problem.file;
    switch (problem.kind) {
    case BatchInputProblem::Kind::NotAnAddress:
        return tr("%1: '%2' is not an IP address").arg(where, problem.text);
    case BatchInputProblem::Kind::NotALogRecord:
        return tr("%1: not an XMail smtp log record (13 tab-separated fields expected): %2")
            .arg(where, problem.text);
    case BatchInputProblem::Kind::BadPeerField:
        return tr("%1: the peer field %2 is not a quoted IP address").arg(where, problem.text);
    case BatchInputProblem::Kind::Unreadable:
        return tr("%1: cannot be read: %2").arg(where, problem.text);
    }
    return where;
}

} // namespace xmflow::gui

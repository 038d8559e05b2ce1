#include "BatchInput.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>

namespace xmflow::gui {

namespace {

constexpr int kSmtpLogFields = 13; // docs/xmail-behaviour.md §7
constexpr int kPeerField = 2;
constexpr int kShownTextLength = 80;

QString shortened(const QString &text)
{
    return text.size() <= kShownTextLength ? text : text.left(kShownTextLength) + QChar(0x2026);
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

    void readSmtpLog(QIODevice &device, const QString &fileName)
    {
        int lineNumber = 0;
        while (!device.atEnd()) {
            QByteArray line = device.readLine();
            ++lineNumber;
            countLine();
            while (line.endsWith('\n') || line.endsWith('\r'))
                line.chop(1);
            if (line.trimmed().isEmpty())
                continue;
            const QList<QByteArray> fields = line.split('\t');
            // A tab inside a later field (XMail does not escape) only adds fields after the peer.
            if (fields.size() < kSmtpLogFields) {
                problem(fileName, lineNumber, BatchInputProblem::Kind::NotALogRecord, QString::fromUtf8(line));
                continue;
            }
            const QByteArray &quoted = fields.at(kPeerField);
            const bool wellQuoted = quoted.size() >= 2 && quoted.startsWith('"') && quoted.endsWith('"');
            const QString peer = QString::fromLatin1(wellQuoted ? quoted.mid(1, quoted.size() - 2) : quoted);
            const auto address = wellQuoted ? model::IpAddress::parse(peer) : std::nullopt;
            if (!address) {
                problem(fileName, lineNumber, BatchInputProblem::Kind::BadPeerField, QString::fromUtf8(quoted));
                continue;
            }
            add(*address, QStringLiteral("%1:%2").arg(fileName).arg(lineNumber));
        }
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
    Collector collector;
    collector.readSmtpLog(device, fileName);
    return collector.take();
}

BatchAddresses BatchInput::parseSmtpLogs(const QStringList &paths)
{
    Collector collector;
    for (const QString &path : paths) {
        QFile file(path);
        const QString name = QFileInfo(path).fileName();
        if (!file.open(QIODevice::ReadOnly)) {
            collector.problem(name, 0, BatchInputProblem::Kind::Unreadable, file.errorString());
            continue;
        }
        collector.readSmtpLog(file, name);
    }
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
        return tr("%1: not an XMail smtp log record (13 tab-separated fields expected): %2").arg(where, problem.text);
    case BatchInputProblem::Kind::BadPeerField:
        return tr("%1: the peer field %2 is not a quoted IP address").arg(where, problem.text);
    case BatchInputProblem::Kind::Unreadable:
        return tr("%1: cannot be read: %2").arg(where, problem.text);
    }
    return where;
}

} // namespace xmflow::gui

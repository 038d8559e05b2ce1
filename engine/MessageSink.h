#pragma once

#include <QByteArray>
#include <QString>

namespace xmflow::engine {

struct Envelope;

// Where a message's bytes go while DATA arrives: the session writes the trace header and
// the unstuffed body through it, line by line, and keeps none of it. The daemon writes
// them to the spool or Maildir file; the simulator only counts them.
class MessageSink
{
public:
    virtual ~MessageSink() = default;
    // DATA was accepted for this envelope: a new message begins. Returns its queue id,
    // named in the Received header and in the 250 reply ("" when there is none yet).
    virtual QString open(const Envelope &envelope) = 0;
    virtual void write(const char *data, qsizetype size) = 0;
    // One line and its CRLF: most of a message, so a sink may copy both at once.
    virtual void writeLine(const char *data, qsizetype size)
    {
        write(data, size);
        write("\r\n", 2);
    }
    // The message is refused (bare LF or CR, too big): nothing of it may stay.
    virtual void discard() = 0;
};

// Keeps the message in memory: unit tests and SmtpSession::message().
class MemorySink : public MessageSink
{
public:
    QString open(const Envelope &) override
    {
        bytes.clear();
        return QString();
    }
    void write(const char *data, qsizetype size) override { bytes.append(data, size); }
    void discard() override { bytes.clear(); }
    QByteArray bytes;
};

// Counts the bytes only: the simulator.
class CountingSink : public MessageSink
{
public:
    QString open(const Envelope &) override
    {
        size = 0;
        return QStringLiteral("S1");
    }
    void write(const char *, qsizetype n) override { size += n; }
    void discard() override { size = 0; }
    qint64 size = 0;
};

} // namespace xmflow::engine

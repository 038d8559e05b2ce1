#pragma once

#include "Delivery.h"
#include "MessageSink.h"

#include <QObject>

#include <functional>
#include <memory>

namespace xmflow::daemon {

struct StreamFile;

// A message streamed to disk while DATA arrives: the session writes through this sink,
// the bytes are gathered in a bounded buffer and written by the delivery threads into
// the spool entry (relayed recipients, or all of them with XMF-LocalDelivery=nexthop) or
// the first Maildir's tmp/ file. commit() makes it durable (fsync, rename, links or
// copies for the other mailboxes) before the 250. A message never committed (refused,
// connection lost) leaves nothing behind.
class IncomingMessage : public QObject, public engine::MessageSink
{
    Q_OBJECT
public:
    // Bytes gathered before a write is handed to a delivery thread; while one write is in
    // flight and another chunk is full, full() asks the connection to stop feeding lines.
    // Under glibc's mmap threshold, so the buffers come from the heap and are reused.
    static constexpr qsizetype kChunk = 64 * 1024;

    IncomingMessage(DeliveryService *delivery, std::shared_ptr<const engine::Policy> policy,
                    QObject *parent = nullptr);
    ~IncomingMessage() override;

    void setPolicy(std::shared_ptr<const engine::Policy> policy) { m_policy = std::move(policy); }

    QString open(const engine::Envelope &envelope) override;
    void write(const char *data, qsizetype size) override;
    void writeLine(const char *data, qsizetype size) override;
    void discard() override;

    bool full() const;
    // Bytes the chunk being filled takes before it is handed on: a bulk of body lines is
    // cut to it, so the buffer does not grow past one chunk (and regrow).
    qsizetype room() const { return qMax<qsizetype>(0, kChunk - m_buffer.size()); }
    qint64 size() const { return m_size; }
    // Finishes the message; `done` runs on this thread when it is durable or failed.
    void commit(DeliveryService::Callback done);

signals:
    void drained(); // full() no longer holds

private:
    void append(const char *data, qsizetype size); // into the chunk being filled
    void written();                                // hands a full chunk on
    void submitWrite();
    void onWriteDone();
    void submitCommit();

    DeliveryService *m_delivery;
    std::shared_ptr<const engine::Policy> m_policy;
    std::shared_ptr<StreamFile> m_file;
    QByteArray m_buffer;
    qint64 m_size = 0;
    bool m_inFlight = false;
    bool m_wasFull = false;
    quint64 m_generation = 0; // a new message or a discard makes earlier writes' answers stale
    DeliveryService::Callback m_commitDone;
};

} // namespace xmflow::daemon

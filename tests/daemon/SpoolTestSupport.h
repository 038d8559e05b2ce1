#pragma once

// Shared by the tests of the spool's parts (MessageStore, SpoolJournal).

#include "MessageStore.h"

#include <QDateTime>

namespace xmflow::daemontest {

// A relay entry for one recipient, with the store's next id.
inline daemon::SpoolEnvelope envelopeFor(daemon::MessageStore &store)
{
    daemon::SpoolEnvelope e;
    e.id = store.nextMessageId();
    e.mailFrom = QStringLiteral("a@b.test");
    e.recipients = {QStringLiteral("x@y.test")};
    e.received = QDateTime::currentDateTimeUtc();
    return e;
}

} // namespace xmflow::daemontest

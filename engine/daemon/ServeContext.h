#pragma once

#include "ServeOptions.h"

#include <QSslConfiguration>

#include <memory>

namespace xmflow::engine {
class Policy;
class Resolver;
class StateStore;
}

namespace xmflow::daemon {

class DeliveryService;
class EventStream;
class SmtpLog;

// What every connection shares: services owned by the Daemon.
struct ServeContext {
    const ServeOptions *options = nullptr;
    DeliveryService *delivery = nullptr;
    engine::Resolver *resolver = nullptr;
    EventStream *events = nullptr;
    // Greylisting's state and the greet-pass cache; null: neither is in use, or no store.
    engine::StateStore *stateStore = nullptr;
    SmtpLog *log = nullptr;
    std::shared_ptr<const engine::Policy> policy; // the current configuration (sessions copy it)
    QSslConfiguration tls;                        // server.cert / server.key
    bool tlsAvailable = false;
};

} // namespace xmflow::daemon

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
class GreetPassCache;
class SmtpLog;

// What every connection shares: services owned by the Daemon.
struct ServeContext {
    const ServeOptions *options = nullptr;
    DeliveryService *delivery = nullptr;
    engine::Resolver *resolver = nullptr;
    EventStream *events = nullptr;
    GreetPassCache *greetPasses = nullptr;
    engine::StateStore *stateStore = nullptr; // greylisting's state; null: greylisting off or no store
    SmtpLog *log = nullptr;
    std::shared_ptr<const engine::Policy> policy; // the current configuration (sessions copy it)
    QSslConfiguration tls;                        // server.cert / server.key
    bool tlsAvailable = false;
};

} // namespace xmflow::daemon

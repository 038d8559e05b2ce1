# xmflowd serve: the SMTP daemon (issue 4). Included by engine/CMakeLists.txt.
list(APPEND XMFLOW_DAEMON_SOURCES
    daemon/Daemon.cpp daemon/Daemon.h
    daemon/Delivery.cpp daemon/Delivery.h
    daemon/EventStream.cpp daemon/EventStream.h
    daemon/GreetPassCache.cpp daemon/GreetPassCache.h
    daemon/IncomingMessage.cpp daemon/IncomingMessage.h
    daemon/MessageStore.cpp daemon/MessageStore.h
    daemon/Privileges.cpp daemon/Privileges.h
    daemon/RelayClient.cpp daemon/RelayClient.h
    daemon/RedisStateStore.cpp daemon/RedisStateStore.h
    daemon/RelayQueue.cpp daemon/RelayQueue.h
    daemon/ServeCommand.cpp daemon/ServeCommand.h
    daemon/ServeContext.h
    daemon/ServeOptions.cpp daemon/ServeOptions.h
    daemon/SignalNotifier.cpp daemon/SignalNotifier.h
    daemon/SmtpConnection.cpp daemon/SmtpConnection.h
    daemon/SmtpLog.cpp daemon/SmtpLog.h
    daemon/SmtpServer.cpp daemon/SmtpServer.h
    daemon/SqliteStateStore.cpp daemon/SqliteStateStore.h
)

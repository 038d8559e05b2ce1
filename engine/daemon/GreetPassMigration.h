#pragma once

#include <QString>
#include <QStringList>

namespace xmflow::engine {
class StateStore;
}

namespace xmflow::daemon {

// Before the state store, xmflowd kept its greet passes in MailRoot/xmflow/greetpass.tab
// ("peer" TAB "unix time" per line). Moved into the store once: the passes still valid
// are written with their remaining time, and the file is renamed to greetpass.tab.migrated
// so that it is never read again and nothing is lost.
class GreetPassMigration
{
public:
    struct Result {
        bool fileFound = false;
        int migrated = 0;     // passes still valid, written to the store
        int expired = 0;      // passes past XMF-GreetPassTTL, dropped
        QStringList problems; // "greetpass.tab:3: ..." lines that could not be read
        QString error;        // the file could not be read or renamed
    };
    static QString legacyPath(const QString &mailRoot);
    static Result run(const QString &mailRoot, engine::StateStore &store, qint64 ttlSeconds,
                      qint64 nowSeconds);
};

} // namespace xmflow::daemon

#pragma once

#include "ImpactAnalysis.h"
#include "MailRoot.h"
#include "SmtpLogReader.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>

namespace xmflow::engine {

struct SuggestOptions {
    enum class Style { Drop, Delay, AuthOnly };
    int days = 30;    // failures of the last N days count (whole days, up to `now`)
    int minScore = 5; // K: weighted failures a client needs to count as bad
    Style style = Style::Drop;
    int delaySeconds = 30; // Style::Delay: code=-N
    int aggregateMin = 3;  // bad addresses of one /24 (/64) that make a network suggestion
    int expireDays = -1;   // >= 0: list suggested lines not hit for that many days
    qint64 now = 0;        // seconds since the epoch (log time as UTC); 0 = the newest record
    std::array<int, kFailureKindCount> weights{3, 1, 3, 2, 2, 1}; // by FailureKind
    PolicyOptions policy;
    // The server's own networks beside smtprelay.tab and loopback: never proposed.
    QList<model::AddressFilter> ownNetworks;
    // The networks of this machine's interfaces (where xmflowd suggest runs: the server).
    static QList<model::AddressFilter> localNetworks();
    static std::optional<Style> styleFromName(const QString &name);
    static QString styleName(Style style);
};

// One proposed spammers.tab line, with why and what it would do.
struct Suggestion {
    QString network;                                  // "203.0.113.0/24", "198.51.100.7/32"
    int code = 1;                                     // spammers.tab code (>0 drop, 0 AUTH only, <0 delay)
    QStringList addresses;                            // the bad addresses behind it
    std::array<qint64, kFailureKindCount> failures{}; // in the window
    qint64 score = 0;                                 // weighted failures
    qint64 sessions = 0;
    qint64 firstSeen = 0;
    qint64 lastSeen = 0;
    // Impact through engine::Impact of adding the line to the MailRoot.
    int clientsAffected = 0;
    qint64 sessionsAffected = 0;
    int authUsersAffected = 0; // always 0: a suggestion that touches one is withdrawn
    QString line() const;      // the tab line
    QString comment(const SuggestOptions &options) const; // "# xmflowd suggest ..." line
};

// A network (or address) that had enough failures but is never proposed, and why.
struct SuggestionRefusal {
    QString network;
    QString reason; // "authenticated", "good-mail", "whitelisted", "own-network", "already-dropped", "impact"
};

// A line `suggest` added earlier that no log record hit for expireDays.
struct SuggestionExpiry {
    int line = 0;       // 1-based line in spammers.tab
    QString text;       // the line as written
    qint64 lastHit = 0; // 0: never in the logs
};

struct SuggestReport {
    SuggestOptions options;
    qint64 now = 0;
    QList<Suggestion> suggestions;
    QList<SuggestionRefusal> refused;
    QList<SuggestionExpiry> expired;
    ImpactReport impact; // of adding every suggestion at once

    QString toTabLines() const; // comment + line per suggestion, then the expiry comments
    QJsonObject toJson() const;
};

class SpammerSuggester
{
public:
    static constexpr const char *kCommentMarker = "# xmflowd suggest";
    static SuggestReport run(const model::MailRoot &root, const QList<LogClient> &clients,
                             const SuggestOptions &options);
    // The MailRoot with the suggested lines (and their comment lines) appended to spammers.tab.
    static model::MailRoot withSuggestions(const model::MailRoot &root, const QList<Suggestion> &suggestions,
                                           const SuggestOptions &options);
    static QString formatTime(qint64 seconds); // "2026-12-01 10:00:00"
};

} // namespace xmflow::engine

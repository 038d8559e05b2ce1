#pragma once

#include "Policy.h"
#include "SmtpLogReader.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace xmflow::engine {

// What one replayed session met, reduced to what an admin compares.
struct ReplayOutcome {
    enum class Kind { Accepted, Delayed, Refused, Dropped };
    Kind kind = Kind::Accepted;
    int code = 0;         // Refused/Dropped: the reply that refused or closed
    QString step;         // Refused/Dropped: where ("banner", "AUTH", "MAIL FROM", ...)
    int delaySeconds = 0; // per-command delay of the connect verdict
    int greetPause = 0;   // seconds before the banner
    qint64 seconds = 0;   // everything the client waited in the session
    bool authenticated = false;

    QString label() const; // "accepted", "delayed 30 s per command", "dropped 550 at banner", ...
    bool operator==(const ReplayOutcome &o) const
    {
        return label() == o.label() && seconds == o.seconds && authenticated == o.authenticated;
    }
    bool operator!=(const ReplayOutcome &o) const { return !(*this == o); }
};
QString replayKindName(ReplayOutcome::Kind kind); // "accepted", "delayed", "refused", "dropped"

// How a client behaved in the logs, as one of the simulator's scripts.
struct ReplayBehaviour {
    QString script; // "plain", "auth", "badauth", "early"
    QString user;   // the logon user for "auth"
    qint64 sessions = 0;
    // The furthest command the sessions reached: the replay stops there (a client that
    // never sent MAIL FROM neither waits for nor meets what comes after it).
    ReachedCommand reached = ReachedCommand::Data;
};
// The behaviours of one client: each authenticated user, and its sessions without AUTH.
QList<ReplayBehaviour> replayBehaviours(const LogClient &client);
// One behaviour of one client under a policy, through engine::Simulator.
ReplayOutcome replay(const std::shared_ptr<const Policy> &policy, const IpAddress &peer,
                     const ReplayBehaviour &behaviour);

// A client (and user, when it authenticated) whose sessions change.
struct AffectedClient {
    QString address;
    QString user; // "" for sessions without AUTH
    qint64 sessions = 0;
    bool realUser = false; // authenticated, or delivered good mail
    ReplayOutcome before;
    ReplayOutcome after;
    qint64 secondsAddedPerSession() const { return after.seconds - before.seconds; }
};

// One outcome transition, with who it concerns.
struct ImpactTransition {
    QString before; // ReplayOutcome::label()
    QString after;
    ReplayOutcome::Kind beforeKind = ReplayOutcome::Kind::Accepted;
    ReplayOutcome::Kind afterKind = ReplayOutcome::Kind::Accepted;
    int clients = 0; // distinct addresses
    qint64 sessions = 0;
    int authClients = 0; // distinct (address, user) pairs that authenticated
    qint64 authSessions = 0;
    QString category() const; // "accepted-to-dropped", ...
};

struct ImpactReport {
    qint64 linesRead = 0;
    int clients = 0;
    qint64 sessions = 0;
    qint64 authSessions = 0;
    int replays = 0;                         // simulator runs (one per client, behaviour and policy)
    QList<ImpactTransition> transitions;     // most sessions first
    QList<AffectedClient> affected;          // authenticated users first, then by address
    qint64 waitingDeltaSeconds = 0;          // over every replayed session
    qint64 realUsersWaitingDeltaSeconds = 0; // authenticated sessions and clients that delivered good mail
    bool canceled = false;

    QList<AffectedClient> authUsersAffected() const;
    int authUsersDelayed() const; // (address, user) pairs whose sessions got slower
    // --fail-on categories: auth-delayed, auth-refused, auth-dropped, auth-changed, any,
    // and KIND-to-KIND for accepted/delayed/refused/dropped. Unknown names: see isFailCategory.
    bool hits(const QString &category) const;
    static bool isFailCategory(const QString &category);

    QString toText() const;
    QJsonObject toJson() const;
    QString toCsv() const;
};

// Replays every distinct client of the logs under the current and the proposed policy.
class ImpactAnalysis
{
public:
    // (done, total) after each client; return false to cancel.
    using Progress = std::function<bool(int done, int total)>;
    static ImpactReport compare(const std::shared_ptr<const Policy> &current,
                                const std::shared_ptr<const Policy> &proposed,
                                const QList<LogClient> &clients, const Progress &progress = {});
};

} // namespace xmflow::engine

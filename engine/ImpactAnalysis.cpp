#include "ImpactAnalysis.h"

#include "Simulator.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace xmflow::engine {

namespace {

const Endpoint kLocal{model::IpAddress::fromV4(0x7f000001), 25}; // as `xmflowd simulate`

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString signedSeconds(qint64 seconds)
{
    return (seconds > 0 ? QStringLiteral("+") : QString()) + QString::number(seconds) + QStringLiteral(" s");
}

bool isDelayedUser(const AffectedClient &a)
{
    return a.secondsAddedPerSession() > 0 &&
           (a.after.kind == ReplayOutcome::Kind::Accepted || a.after.kind == ReplayOutcome::Kind::Delayed);
}

bool isBlocked(const ReplayOutcome &o)
{
    return o.kind == ReplayOutcome::Kind::Refused || o.kind == ReplayOutcome::Kind::Dropped;
}

// How many steps of a simulated session a client that reached `reached` went through.
qsizetype keptSteps(const QList<SimulationStep> &steps, ReachedCommand reached)
{
    if (reached == ReachedCommand::Data)
        return steps.size();
    auto isStep = [reached](const QString &step) {
        switch (reached) {
        case ReachedCommand::Connect:
            return step == QLatin1String("banner");
        case ReachedCommand::Helo:
            return step == QLatin1String("EHLO") || step == QLatin1String("HELO");
        case ReachedCommand::Auth:
            return step == QLatin1String("AUTH");
        case ReachedCommand::Mail:
            return step == QLatin1String("MAIL FROM");
        case ReachedCommand::Rcpt:
            return step == QLatin1String("RCPT TO");
        case ReachedCommand::Data:
            break;
        }
        return false;
    };
    qsizetype last = -1;
    for (qsizetype i = 0; i < steps.size(); ++i)
        if (isStep(steps.at(i).step))
            last = i;
    // A step the script does not play (AUTH in the plain script) or never reached: the one before.
    if (last < 0)
        return reached == ReachedCommand::Connect ? qMin<qsizetype>(1, steps.size())
                                                  : keptSteps(steps, ReachedCommand(int(reached) - 1));
    return last + 1;
}

} // namespace

QString replayKindName(ReplayOutcome::Kind kind)
{
    switch (kind) {
    case ReplayOutcome::Kind::Accepted:
        return QStringLiteral("accepted");
    case ReplayOutcome::Kind::Delayed:
        return QStringLiteral("delayed");
    case ReplayOutcome::Kind::Refused:
        return QStringLiteral("refused");
    case ReplayOutcome::Kind::Dropped:
        return QStringLiteral("dropped");
    }
    return {};
}

QString ReplayOutcome::label() const
{
    switch (kind) {
    case Kind::Accepted:
        return QStringLiteral("accepted");
    case Kind::Delayed: {
        QString text = delaySeconds > 0 ? QStringLiteral("delayed %1 s per command").arg(delaySeconds)
                                        : QStringLiteral("delayed");
        if (greetPause > 0)
            text += QStringLiteral(", greet pause %1 s").arg(greetPause);
        return text + QStringLiteral(" (%1 s per session)").arg(seconds);
    }
    case Kind::Refused:
    case Kind::Dropped: {
        QString text = kind == Kind::Refused ? QStringLiteral("refused %1 at %2").arg(code).arg(step)
                       : code > 0            ? QStringLiteral("dropped %1 at %2").arg(code).arg(step)
                                             : QStringLiteral("closed at %1").arg(step);
        if (seconds > 0)
            text += QStringLiteral(" after %1 s").arg(seconds);
        return text;
    }
    }
    return {};
}

QList<ReplayBehaviour> replayBehaviours(const LogClient &client)
{
    QList<ReplayBehaviour> out;
    for (auto it = client.authUsers.cbegin(); it != client.authUsers.cend(); ++it)
        out.append({QStringLiteral("auth"), it.key(), it.value(), client.furthest});
    const qint64 plain = client.plainSessions();
    if (plain > 0) {
        // The worst thing the client did without AUTH decides the script it replays.
        QString script = QStringLiteral("plain");
        if (client.failureCount(FailureKind::EarlyTalker) > 0)
            script = QStringLiteral("early");
        else if (client.failureCount(FailureKind::AuthFailure) > 0 && client.authSessions == 0)
            script = QStringLiteral("badauth");
        out.append({script, QString(), plain, client.furthestWithoutAuth});
    }
    return out;
}

ReplayOutcome replay(const std::shared_ptr<const Policy> &policy, const IpAddress &peer,
                     const QString &ptrName, const ReplayBehaviour &behaviour)
{
    SimulationRequest request;
    request.peer = peer;
    request.local = kLocal;
    request.script = behaviour.script;
    if (behaviour.script == QLatin1String("auth")) {
        request.user = behaviour.user;
        // The password the MailRoot holds for the user: a user it no longer knows fails AUTH.
        request.password = policy->passwordFor(behaviour.user).value_or(QStringLiteral("\x01unknown"));
    }
    // No live DNS in a replay: not listed, and the PTR name the log recorded for the client
    // (XMail writes it when it looked one up), else no PTR.
    if (needsDnsAnswers(*policy, peer)) {
        AssumedDns assumed;
        assumed.ptrName = ptrName;
        applyAssumedDns(request, assumed);
    }
    SimulationResult result = Simulator::run(policy, request);
    // Only as far as the client went: the steps after its furthest command are not replayed.
    result.steps.resize(keptSteps(result.steps, behaviour.reached));
    ReplayOutcome o;
    o.delaySeconds = result.verdict.delaySeconds;
    o.greetPause = result.verdict.greetPause;
    o.seconds = result.steps.isEmpty() ? 0 : result.steps.constLast().time;
    o.authenticated = result.authenticated;
    auto stop = [&o](ReplayOutcome::Kind kind, int code, const QString &step) {
        o.kind = kind;
        o.code = code;
        o.step = step;
    };
    int rcpts = 0, rcptsAccepted = 0;
    for (qsizetype i = 0; i < result.steps.size(); ++i) {
        const SimulationStep &s = result.steps.at(i);
        if (i == 0) {
            if (s.code != 220) {
                stop(ReplayOutcome::Kind::Dropped, s.code, s.step);
                return o;
            }
            continue;
        }
        if (s.code == 0 && s.step != QLatin1String("QUIT")) {
            const int code = result.steps.at(i - 1).code >= 400 ? result.steps.at(i - 1).code : 0;
            stop(ReplayOutcome::Kind::Dropped, code, s.step);
            return o;
        }
        if (s.step == QLatin1String("AUTH") && s.code >= 400) {
            stop(ReplayOutcome::Kind::Refused, s.code, s.step);
            return o;
        }
        if (s.step == QLatin1String("MAIL FROM") && s.code >= 400) {
            stop(ReplayOutcome::Kind::Refused, s.code, s.step);
            return o;
        }
        if (s.step == QLatin1String("RCPT TO")) {
            ++rcpts;
            if (s.code < 400)
                ++rcptsAccepted;
            else if (rcptsAccepted == 0)
                o.code = s.code;
        }
    }
    if (rcpts > 0 && rcptsAccepted == 0) {
        stop(ReplayOutcome::Kind::Refused, o.code, QStringLiteral("RCPT TO"));
        return o;
    }
    o.code = 0;
    o.kind = o.seconds > 0 ? ReplayOutcome::Kind::Delayed : ReplayOutcome::Kind::Accepted;
    return o;
}

QString ImpactTransition::category() const
{
    return replayKindName(beforeKind) + QStringLiteral("-to-") + replayKindName(afterKind);
}

QList<AffectedClient> ImpactReport::authUsersAffected() const
{
    QList<AffectedClient> out;
    for (const AffectedClient &a : affected)
        if (!a.user.isEmpty())
            out.append(a);
    return out;
}

int ImpactReport::authUsersDelayed() const
{
    int n = 0;
    for (const AffectedClient &a : affected)
        if (!a.user.isEmpty() && a.secondsAddedPerSession() > 0)
            ++n;
    return n;
}

bool ImpactReport::isFailCategory(const QString &category)
{
    static const QStringList fixed = {QStringLiteral("auth-delayed"), QStringLiteral("auth-refused"),
                                      QStringLiteral("auth-dropped"), QStringLiteral("auth-changed"),
                                      QStringLiteral("any")};
    if (fixed.contains(category))
        return true;
    const QStringList parts = category.split(QStringLiteral("-to-"));
    const QStringList kinds = {QStringLiteral("accepted"), QStringLiteral("delayed"),
                               QStringLiteral("refused"), QStringLiteral("dropped")};
    return parts.size() == 2 && kinds.contains(parts.at(0)) && kinds.contains(parts.at(1));
}

bool ImpactReport::hits(const QString &category) const
{
    if (category == QLatin1String("any"))
        return !transitions.isEmpty();
    for (const AffectedClient &a : affected) {
        if (a.user.isEmpty())
            continue;
        if (category == QLatin1String("auth-changed"))
            return true;
        if (category == QLatin1String("auth-delayed") && a.secondsAddedPerSession() > 0)
            return true;
        if (category == QLatin1String("auth-refused") && a.after.kind == ReplayOutcome::Kind::Refused)
            return true;
        if (category == QLatin1String("auth-dropped") && a.after.kind == ReplayOutcome::Kind::Dropped)
            return true;
    }
    for (const ImpactTransition &t : transitions)
        if (t.category() == category)
            return true;
    return false;
}

QString ImpactReport::toText() const
{
    QString out;
    out += QStringLiteral("Replayed %1 log lines: %2 clients, %3 sessions (%4 authenticated)\n")
               .arg(linesRead)
               .arg(clients)
               .arg(sessions)
               .arg(authSessions);
    if (transitions.isEmpty()) {
        out += QStringLiteral("No session changes.\n");
        return out;
    }
    out += QStringLiteral("Transitions:\n");
    for (const ImpactTransition &t : transitions) {
        out += QStringLiteral("  %1 -> %2: %3 clients, %4 sessions")
                   .arg(t.before, t.after)
                   .arg(t.clients)
                   .arg(t.sessions);
        if (t.authClients > 0)
            out += QStringLiteral(" (%1 authenticated users, %2 sessions)")
                       .arg(t.authClients)
                       .arg(t.authSessions);
        out += QLatin1Char('\n');
    }
    QString delayed, blocked, other;
    for (const AffectedClient &a : affected) {
        if (a.user.isEmpty())
            continue;
        const QString line =
            QStringLiteral("  %1 from %2: %3 sessions, %4 -> %5, %6 per session\n")
                .arg(a.user, a.address)
                .arg(a.sessions)
                .arg(a.before.label(), a.after.label(), signedSeconds(a.secondsAddedPerSession()));
        if (isBlocked(a.after) && !isBlocked(a.before))
            blocked += line;
        else if (isDelayedUser(a))
            delayed += line;
        else
            other += line;
    }
    if (!delayed.isEmpty())
        out += QStringLiteral("Authenticated users delayed:\n") + delayed;
    if (!blocked.isEmpty())
        out += QStringLiteral("Authenticated users refused or dropped:\n") + blocked;
    if (!other.isEmpty())
        out += QStringLiteral("Authenticated users otherwise changed:\n") + other;
    out += QStringLiteral("Waiting time: real users %1, all sessions %2\n")
               .arg(signedSeconds(realUsersWaitingDeltaSeconds), signedSeconds(waitingDeltaSeconds));
    return out;
}

QJsonObject ImpactReport::toJson() const
{
    QJsonArray transitionArray;
    for (const ImpactTransition &t : transitions)
        transitionArray.append(QJsonObject{{QStringLiteral("before"), t.before},
                                           {QStringLiteral("after"), t.after},
                                           {QStringLiteral("category"), t.category()},
                                           {QStringLiteral("clients"), t.clients},
                                           {QStringLiteral("sessions"), t.sessions},
                                           {QStringLiteral("auth_clients"), t.authClients},
                                           {QStringLiteral("auth_sessions"), t.authSessions}});
    QJsonArray affectedArray, delayedArray;
    for (const AffectedClient &a : affected) {
        const QJsonObject o{{QStringLiteral("address"), a.address},
                            {QStringLiteral("user"), a.user},
                            {QStringLiteral("sessions"), a.sessions},
                            {QStringLiteral("real_user"), a.realUser},
                            {QStringLiteral("before"), a.before.label()},
                            {QStringLiteral("after"), a.after.label()},
                            {QStringLiteral("seconds_before"), a.before.seconds},
                            {QStringLiteral("seconds_after"), a.after.seconds},
                            {QStringLiteral("seconds_added_per_session"), a.secondsAddedPerSession()}};
        affectedArray.append(o);
        if (!a.user.isEmpty() && a.secondsAddedPerSession() > 0)
            delayedArray.append(o);
    }
    return QJsonObject{{QStringLiteral("lines"), linesRead},
                       {QStringLiteral("clients"), clients},
                       {QStringLiteral("sessions"), sessions},
                       {QStringLiteral("auth_sessions"), authSessions},
                       {QStringLiteral("replays"), replays},
                       {QStringLiteral("transitions"), transitionArray},
                       {QStringLiteral("affected"), affectedArray},
                       {QStringLiteral("auth_users_delayed"), delayedArray},
                       {QStringLiteral("waiting_delta_seconds"), waitingDeltaSeconds},
                       {QStringLiteral("real_users_waiting_delta_seconds"), realUsersWaitingDeltaSeconds},
                       {QStringLiteral("canceled"), canceled}};
}

QString ImpactReport::toCsv() const
{
    QString out =
        QStringLiteral("row,before,after,clients,sessions,address,user,seconds_added_per_session\n");
    for (const ImpactTransition &t : transitions)
        out += QStringLiteral("transition,%1,%2,%3,%4,,,\n")
                   .arg(csvField(t.before), csvField(t.after))
                   .arg(t.clients)
                   .arg(t.sessions);
    for (const AffectedClient &a : affected)
        out += QStringLiteral("client,%1,%2,1,%3,%4,%5,%6\n")
                   .arg(csvField(a.before.label()), csvField(a.after.label()))
                   .arg(a.sessions)
                   .arg(a.address, csvField(a.user))
                   .arg(a.secondsAddedPerSession());
    return out;
}

ImpactReport ImpactAnalysis::compare(const std::shared_ptr<const Policy> &current,
                                     const std::shared_ptr<const Policy> &proposed,
                                     const QList<LogClient> &clients, const Progress &progress)
{
    ImpactReport report;
    struct Group {
        ImpactTransition t;
        QSet<QString> addresses;
        QSet<QString> users;
    };
    QHash<QPair<QString, QString>, int> groupIndex;
    QList<Group> groups;
    const int total = int(clients.size());
    for (int i = 0; i < total; ++i) {
        const LogClient &client = clients.at(i);
        report.linesRead += client.lines;
        ++report.clients;
        report.sessions += client.sessions;
        report.authSessions += client.authSessions;
        // One replay per distinct (client, behaviour) and policy, whatever the number of log lines.
        for (const ReplayBehaviour &b : replayBehaviours(client)) {
            const ReplayOutcome before = replay(current, client.address, client.ptrName, b);
            const ReplayOutcome after = replay(proposed, client.address, client.ptrName, b);
            report.replays += 2;
            if (before == after)
                continue;
            AffectedClient a;
            a.address = client.text;
            a.user = b.user;
            a.sessions = b.sessions;
            a.realUser = !b.user.isEmpty() || client.delivered > 0;
            a.before = before;
            a.after = after;
            const qint64 delta = a.secondsAddedPerSession() * b.sessions;
            report.waitingDeltaSeconds += delta;
            if (a.realUser)
                report.realUsersWaitingDeltaSeconds += delta;
            const QPair<QString, QString> key{before.label(), after.label()};
            int g = groupIndex.value(key, -1);
            if (g < 0) {
                g = int(groups.size());
                groupIndex.insert(key, g);
                Group group;
                group.t.before = key.first;
                group.t.after = key.second;
                group.t.beforeKind = before.kind;
                group.t.afterKind = after.kind;
                groups.append(group);
            }
            Group &group = groups[g];
            group.addresses.insert(client.text);
            group.t.sessions += b.sessions;
            if (!b.user.isEmpty()) {
                group.users.insert(b.user + QLatin1Char('\n') + client.text);
                group.t.authSessions += b.sessions;
            }
            report.affected.append(a);
        }
        if (progress && !progress(i + 1, total)) {
            report.canceled = true;
            break;
        }
    }
    for (Group &group : groups) {
        group.t.clients = int(group.addresses.size());
        group.t.authClients = int(group.users.size());
        report.transitions.append(group.t);
    }
    std::stable_sort(report.transitions.begin(), report.transitions.end(),
                     [](const ImpactTransition &a, const ImpactTransition &b) {
                         if (a.sessions != b.sessions)
                             return a.sessions > b.sessions;
                         return std::pair(a.before, a.after) < std::pair(b.before, b.after);
                     });
    std::stable_sort(report.affected.begin(), report.affected.end(),
                     [](const AffectedClient &a, const AffectedClient &b) {
                         if (a.user.isEmpty() != b.user.isEmpty())
                             return !a.user.isEmpty();
                         return std::pair(a.user, a.address) < std::pair(b.user, b.address);
                     });
    return report;
}

} // namespace xmflow::engine

#include "Simulator.h"

#include "StateStore.h"
#include "VerdictJson.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>

#include <cmath>

namespace xmflow::engine {

namespace {

struct ScriptLine {
    QString step;
    QString send;
};

QList<ScriptLine> scriptLines(const QString &name, const QString &user, const QString &password)
{
    const QString ehlo = QStringLiteral("EHLO client.remote.test");
    const ScriptLine mailRemote{QStringLiteral("MAIL FROM"),
                                QStringLiteral("MAIL FROM:<sender@remote.test>")};
    const ScriptLine rcptAlice{QStringLiteral("RCPT TO"), QStringLiteral("RCPT TO:<alice@example.test>")};
    const ScriptLine rcptFriend{QStringLiteral("RCPT TO"), QStringLiteral("RCPT TO:<friend@elsewhere.test>")};
    const ScriptLine data{QStringLiteral("DATA"), QStringLiteral("DATA")};
    const ScriptLine body{QStringLiteral("BODY"), QString()};
    const ScriptLine quit{QStringLiteral("QUIT"), QStringLiteral("QUIT")};
    if (name == QLatin1String("plain") || name == QLatin1String("early"))
        return {{QStringLiteral("EHLO"), ehlo}, mailRemote, rcptAlice, rcptFriend, data, body, quit};
    if (name == QLatin1String("auth") || name == QLatin1String("badauth")) {
        const QString pass = name == QLatin1String("auth") ? password : QStringLiteral("wrong");
        const QByteArray plain = QByteArray(1, '\0') + user.toUtf8() + QByteArray(1, '\0') + pass.toUtf8();
        const QString from = user.contains(QLatin1Char('@')) ? user : QStringLiteral("alice@example.test");
        return {
            {QStringLiteral("EHLO"), ehlo},
            {QStringLiteral("AUTH"), QStringLiteral("AUTH PLAIN ") + QString::fromLatin1(plain.toBase64())},
            {QStringLiteral("MAIL FROM"), QStringLiteral("MAIL FROM:<%1>").arg(from)},
            rcptAlice,
            rcptFriend,
            data,
            body,
            quit};
    }
    if (name == QLatin1String("helo"))
        return {{QStringLiteral("HELO"), QStringLiteral("HELO client.remote.test")},
                mailRemote,
                rcptAlice,
                data,
                body,
                quit};
    if (name == QLatin1String("nouser"))
        return {{QStringLiteral("EHLO"), ehlo},
                mailRemote,
                {QStringLiteral("RCPT TO"), QStringLiteral("RCPT TO:<nobody@example.test>")},
                rcptAlice,
                data,
                body,
                quit};
    if (name == QLatin1String("garbage"))
        return {{QStringLiteral("EHLO"), ehlo},
                {QStringLiteral("FOO"), QStringLiteral("FOO")},
                {QStringLiteral("BAR"), QStringLiteral("BAR")},
                {QStringLiteral("BAZ"), QStringLiteral("BAZ")},
                mailRemote,
                rcptAlice,
                data,
                body,
                quit};
    return {};
}

const QList<QByteArray> kBody{QByteArrayLiteral("Subject: conformance"), QByteArray(),
                              QByteArrayLiteral("hello"), QByteArrayLiteral(".")};

QString lastLine(const QByteArray &reply)
{
    QList<QByteArray> lines = reply.trimmed().split('\n');
    return QString::fromUtf8(lines.isEmpty() ? QByteArray() : lines.last().trimmed());
}

} // namespace

QStringList Simulator::scriptNames()
{
    return {QStringLiteral("plain"), QStringLiteral("auth"),   QStringLiteral("badauth"),
            QStringLiteral("helo"),  QStringLiteral("nouser"), QStringLiteral("garbage"),
            QStringLiteral("early")};
}

bool Simulator::isScript(const QString &name)
{
    return scriptNames().contains(name);
}

namespace {

// One connection of the client, on the shared virtual clock and greylisting store.
SimulationResult runVisit(const std::shared_ptr<const Policy> &policy, const SimulationRequest &request,
                          VirtualClock &clock, MemoryStateStore &store)
{
    SimulationResult result;
    const qint64 startSecs = clock.now().toSecsSinceEpoch();
    // Live DNS takes real time; the virtual clock moves by it, rounded to seconds as the measurements are.
    int dnsSeconds = 0;
    DnsAnswers dns = request.dns;
    const bool live = request.resolver && !request.dnsAssumed;
    if (live && (!policy->mapRoots().isEmpty() || policy->needsPtr(request.peer))) {
        QObject context;
        QEventLoop loop;
        QElapsedTimer took;
        took.start();
        std::optional<ConnectDnsResult> answered;
        resolveConnectDns(*request.resolver, request.peer, policy->mapRoots(), policy->needsPtr(request.peer),
                          policy->confirmsPtr(), &context, [&](const ConnectDnsResult &r) {
                              answered = r;
                              loop.quit();
                          });
        if (!answered)
            loop.exec();
        dns = answered->answers;
        result.dnsQueries += answered->queries;
        dnsSeconds = int(std::lround(took.elapsed() / 1000.0));
    }
    result.verdict = policy->evaluate(request.peer, request.local, dns);
    SmtpSession session(policy, request.peer, request.local, result.verdict, clock);
    // CheckMailerDomain: live, or "no records" once DNS is assumed, or let the sender pass without a
    // resolver.
    auto checkMailerDomain = [&](const QString &domain, int *seconds) {
        *seconds = 0;
        if (request.dnsAssumed)
            return MailerDomainResult{false, QStringLiteral("assumed: DNS has no records")};
        if (!request.resolver)
            return MailerDomainResult{true, QStringLiteral("not resolved (no resolver)")};
        QObject context;
        QEventLoop loop;
        QElapsedTimer took;
        took.start();
        std::optional<MailerDomainCheck> checked;
        resolveMailerDomain(*request.resolver, domain, &context, [&](const MailerDomainCheck &c) {
            checked = c;
            loop.quit();
        });
        if (!checked)
            loop.exec();
        result.dnsQueries += checked->queries;
        *seconds = int(std::lround(took.elapsed() / 1000.0));
        return checked->result;
    };
    const QList<ScriptLine> script = scriptLines(request.script, request.user, request.password);
    CountingSink sink; // the simulator reports replies, not message bytes
    session.setMessageSink(&sink);

    auto record = [&](const QString &step, const QString &send, const SessionOutput &out) {
        SimulationStep s;
        s.step = step;
        s.send = send;
        s.code = out.reply.isEmpty() ? 0 : out.code;
        s.delay = out.delaySeconds;
        s.reply = lastLine(out.reply);
        clock.advance(out.delaySeconds);
        s.time = clock.now().toSecsSinceEpoch() - startSecs;
        result.steps.append(s);
    };

    SessionOutput banner = session.start();
    banner.delaySeconds += dnsSeconds; // the banner waits for the connect-time DNS
    qsizetype next = 0;
    if (request.script == QLatin1String("early") && banner.delaySeconds > 0 && !banner.close) {
        // The client talks during the greet pause: refused at once.
        record(QStringLiteral("banner"), QString(), session.earlyTalker());
        result.totalSeconds = result.steps.last().time;
        return result;
    }
    record(QStringLiteral("banner"), QString(), banner);
    if (banner.close || banner.code != 220) {
        result.totalSeconds = result.steps.last().time;
        return result;
    }
    bool closed = false;
    for (; next < script.size() && !closed; ++next) {
        const ScriptLine &line = script.at(next);
        if (line.step == QLatin1String("BODY")) {
            if (result.steps.last().step != QLatin1String("DATA") || result.steps.last().code != 354)
                continue;
            SessionOutput out;
            for (const QByteArray &bodyLine : kBody)
                out = session.handleLine(bodyLine);
            if (out.deliver)
                out = session.deliveryFinished(true, QStringLiteral("S1"));
            record(line.step, QStringLiteral("<body>"), out);
            closed = out.close;
            continue;
        }
        if (session.isClosed()) {
            SessionOutput none;
            record(line.step, line.send, none);
            break;
        }
        SessionOutput out = session.handleLine(line.send.toUtf8());
        if (!out.checkMailerDomain.isEmpty()) {
            int seconds = 0;
            const MailerDomainResult domain = checkMailerDomain(out.checkMailerDomain, &seconds);
            out = session.resumeMailerDomain(domain);
            out.delaySeconds += seconds;
        }
        if (!out.greylistKeys.isEmpty()) {
            out = session.resumeGreylist(true, store.readNow(out.greylistKeys));
            store.writeNow(out.storeWrites);
        }
        QString greylistOutcome;
        for (const SessionEvent &e : std::as_const(out.events))
            if (e.type == QLatin1String("greylist")) {
                result.greylist << e.detail;
                greylistOutcome = e.detail;
            }
        record(line.step, line.send, out);
        if (!greylistOutcome.isEmpty() && !result.steps.isEmpty()) {
            SimulationStep &s = result.steps.last();
            s.greylist = greylistOutcome;
            const GreylistWhitelistEntry *entry =
                greylistOutcome.startsWith(QLatin1String(greylist::kExemptPrefix))
                    ? policy->settings().greylistWhitelistMatch(result.verdict.ptrName)
                    : nullptr;
            if (entry) {
                s.greylistExemption = greylistWhitelistReason(result.verdict.ptrName, *entry);
                s.greylistFile = entry->file;
                s.greylistLine = entry->line;
            }
        }
        closed = out.code == 221 || (out.close && out.reply.isEmpty());
        if (out.code == 221)
            break;
    }
    result.authenticated = session.authenticated();
    result.totalSeconds = result.steps.isEmpty() ? 0 : result.steps.last().time;
    return result;
}

} // namespace

SimulationResult Simulator::run(const std::shared_ptr<const Policy> &policy, const SimulationRequest &request)
{
    VirtualClock clock;
    MemoryStateStore store([&clock] { return clock.now().toSecsSinceEpoch(); });
    if (request.retryAfterSeconds < 0)
        return runVisit(policy, request, clock, store);
    // Greylisting's two visits: the first try, then the retry N seconds after it ended.
    SimulationResult first = runVisit(policy, request, clock, store);
    clock.advance(request.retryAfterSeconds);
    SimulationResult retry = runVisit(policy, request, clock, store);
    retry.firstVisit = std::make_shared<SimulationResult>(std::move(first));
    retry.retryAfterSeconds = request.retryAfterSeconds;
    return retry;
}

QString traceOutcomeName(TraceOutcome outcome)
{
    switch (outcome) {
    case TraceOutcome::NoMatch:
        return QStringLiteral("no-match");
    case TraceOutcome::Matched:
        return QStringLiteral("matched");
    case TraceOutcome::Skipped:
        return QStringLiteral("skipped");
    case TraceOutcome::NotConfigured:
        return QStringLiteral("not-configured");
    }
    return {};
}

QJsonObject SimulationResult::toJson() const
{
    QJsonArray stepArray;
    for (const SimulationStep &s : steps)
        stepArray.append(QJsonObject{{QStringLiteral("step"), s.step},
                                     {QStringLiteral("code"), s.code},
                                     {QStringLiteral("delay"), s.delay},
                                     {QStringLiteral("send"), s.send},
                                     {QStringLiteral("reply"), s.reply},
                                     {QStringLiteral("time"), s.time}});
    QJsonArray traceArray;
    for (const TraceEntry &e : verdict.trace)
        traceArray.append(
            QJsonObject{{QStringLiteral("stage"), e.stage},
                        {QStringLiteral("outcome"), traceOutcomeName(e.outcome)},
                        {QStringLiteral("exit"), e.exit},
                        {QStringLiteral("rule"),
                         e.line > 0 ? e.file + QLatin1Char(':') + QString::number(e.line) : e.file},
                        {QStringLiteral("line"), e.lineText},
                        {QStringLiteral("effect"), e.effect.en},
                        {QStringLiteral("effect_ja"), e.effect.ja},
                        {QStringLiteral("delay"), e.delaySeconds}});
    const QJsonObject verdictObject = engine::toJson(verdict);
    QJsonArray dnsArray;
    for (const DnsLookupResult &q : dnsQueries) {
        dnsArray.append(QJsonObject{{QStringLiteral("kind"), dnsQueryKindName(q.kind)},
                                    {QStringLiteral("type"), DnsType::name(dnsQueryType(q.kind))},
                                    {QStringLiteral("name"), q.name},
                                    {QStringLiteral("server"), q.server},
                                    {QStringLiteral("status"), dnsStatusName(q.answer.status)},
                                    {QStringLiteral("found"), q.answer.outcome == DnsOutcome::Found},
                                    {QStringLiteral("timed_out"), q.answer.outcome == DnsOutcome::TimedOut},
                                    {QStringLiteral("values"), QJsonArray::fromStringList(q.answer.values)},
                                    {QStringLiteral("answer"), q.answer.summary(q.kind)},
                                    {QStringLiteral("ttl"), qint64(q.answer.ttl)},
                                    {QStringLiteral("ms"), q.elapsedMs},
                                    {QStringLiteral("cached"), q.cached}});
    }
    QJsonObject json{{QStringLiteral("steps"), stepArray},
                     {QStringLiteral("trace"), traceArray},
                     {QStringLiteral("dns"), dnsArray},
                     {QStringLiteral("verdict"), verdictObject},
                     {QStringLiteral("authenticated"), authenticated},
                     {QStringLiteral("total_seconds"), totalSeconds}};
    if (!greylist.isEmpty())
        json.insert(QStringLiteral("greylist"), QJsonArray::fromStringList(greylist));
    if (firstVisit) {
        json.insert(QStringLiteral("first_visit"), firstVisit->toJson());
        json.insert(QStringLiteral("retry_after"), retryAfterSeconds);
    }
    return json;
}

void applyAssumedDns(SimulationRequest &request, const AssumedDns &assumed)
{
    for (const QString &root : assumed.listedRoots)
        request.dns.listedIn.insert(normalizedMapRoot(root));
    request.dns.ptrName = assumed.ptrName;
    request.dns.ptrConfirmed = assumed.ptrName && !assumed.ptrName->isEmpty(); // the what-if names the client
    request.dnsAssumed = !assumed.isEmpty();
    request.dns.ptrLooked = request.dnsAssumed;
}

bool needsDnsAnswers(const Policy &policy, const IpAddress &peer)
{
    return !policy.mapRoots().isEmpty() || policy.needsPtr(peer);
}

} // namespace xmflow::engine

#include "Simulator.h"

#include <QJsonArray>

namespace xmflow::engine {

namespace {

struct ScriptLine {
    QString step;
    QString send;
};

QList<ScriptLine> scriptLines(const QString &name, const QString &user, const QString &password)
{
    const QString ehlo = QStringLiteral("EHLO client.remote.test");
    const ScriptLine mailRemote{QStringLiteral("MAIL FROM"), QStringLiteral("MAIL FROM:<sender@remote.test>")};
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
        return {{QStringLiteral("EHLO"), ehlo},
                {QStringLiteral("AUTH"), QStringLiteral("AUTH PLAIN ") + QString::fromLatin1(plain.toBase64())},
                {QStringLiteral("MAIL FROM"), QStringLiteral("MAIL FROM:<%1>").arg(from)},
                rcptAlice, rcptFriend, data, body, quit};
    }
    if (name == QLatin1String("helo"))
        return {{QStringLiteral("HELO"), QStringLiteral("HELO client.remote.test")}, mailRemote, rcptAlice, data, body, quit};
    if (name == QLatin1String("nouser"))
        return {{QStringLiteral("EHLO"), ehlo}, mailRemote,
                {QStringLiteral("RCPT TO"), QStringLiteral("RCPT TO:<nobody@example.test>")}, rcptAlice, data, body, quit};
    if (name == QLatin1String("garbage"))
        return {{QStringLiteral("EHLO"), ehlo}, {QStringLiteral("FOO"), QStringLiteral("FOO")},
                {QStringLiteral("BAR"), QStringLiteral("BAR")}, {QStringLiteral("BAZ"), QStringLiteral("BAZ")},
                mailRemote, rcptAlice, data, body, quit};
    return {};
}

const QList<QByteArray> kBody{QByteArrayLiteral("Subject: conformance"), QByteArray(), QByteArrayLiteral("hello"),
                              QByteArrayLiteral(".")};

QString lastLine(const QByteArray &reply)
{
    QList<QByteArray> lines = reply.trimmed().split('\n');
    return QString::fromUtf8(lines.isEmpty() ? QByteArray() : lines.last().trimmed());
}

} // namespace

QStringList Simulator::scriptNames()
{
    return {QStringLiteral("plain"), QStringLiteral("auth"), QStringLiteral("badauth"), QStringLiteral("helo"),
            QStringLiteral("nouser"), QStringLiteral("garbage"), QStringLiteral("early")};
}

bool Simulator::isScript(const QString &name)
{
    return scriptNames().contains(name);
}

SimulationResult Simulator::run(const std::shared_ptr<const Policy> &policy, const SimulationRequest &request)
{
    SimulationResult result;
    VirtualClock clock;
    const qint64 startSecs = clock.now().toSecsSinceEpoch();
    result.verdict = policy->evaluate(request.peer, request.local, request.dns);
    SmtpSession session(policy, request.peer, request.local, result.verdict, clock);
    if (request.dnsAssumed) {
        // Once DNS answers are assumed, a sender domain has no MX or A record either.
        session.setMailerDomainCheck([](const QString &) -> std::optional<bool> { return false; });
    }
    const QList<ScriptLine> script = scriptLines(request.script, request.user, request.password);

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
        const SessionOutput out = session.handleLine(line.send.toUtf8());
        record(line.step, line.send, out);
        closed = out.code == 221 || (out.close && out.reply.isEmpty());
        if (out.code == 221)
            break;
    }
    result.authenticated = session.authenticated();
    result.totalSeconds = result.steps.isEmpty() ? 0 : result.steps.last().time;
    return result;
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
        traceArray.append(QJsonObject{{QStringLiteral("stage"), e.stage},
                                      {QStringLiteral("outcome"), traceOutcomeName(e.outcome)},
                                      {QStringLiteral("exit"), e.exit},
                                      {QStringLiteral("rule"), e.line > 0 ? e.file + QLatin1Char(':') + QString::number(e.line) : e.file},
                                      {QStringLiteral("line"), e.lineText},
                                      {QStringLiteral("effect"), e.effect.en},
                                      {QStringLiteral("effect_ja"), e.effect.ja},
                                      {QStringLiteral("delay"), e.delaySeconds}});
    QJsonObject verdictObject{{QStringLiteral("drop"), verdict.drop},
                              {QStringLiteral("delay"), verdict.delaySeconds},
                              {QStringLiteral("delay_start"), verdict.delayAtMail ? QStringLiteral("mail") : QStringLiteral("connect")},
                              {QStringLiteral("greet_pause"), verdict.greetPause},
                              {QStringLiteral("whitelisted"), verdict.whiteListed},
                              {QStringLiteral("blocked"), verdict.blocked},
                              {QStringLiteral("mapped"), verdict.mapped},
                              {QStringLiteral("no_rdns"), verdict.noRdns},
                              {QStringLiteral("ipmapped"), verdict.ipMapped}};
    if (verdict.drop) {
        verdictObject.insert(QStringLiteral("reply"), verdict.dropReply);
        verdictObject.insert(QStringLiteral("log"), QString(QStringLiteral("SNDRIP=") + verdict.logStatus));
    }
    return QJsonObject{{QStringLiteral("steps"), stepArray},
                       {QStringLiteral("trace"), traceArray},
                       {QStringLiteral("verdict"), verdictObject},
                       {QStringLiteral("authenticated"), authenticated},
                       {QStringLiteral("total_seconds"), totalSeconds}};
}

} // namespace xmflow::engine

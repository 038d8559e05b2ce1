#include "StagePath.h"

#include "Stages.h"

#include <algorithm>

namespace xmflow::engine {

namespace {

using namespace StageIds;

StagePathStep fromTrace(const TraceEntry &e)
{
    return {e.stage, e.exit, e.outcome, e.effect, e.file, e.line, e.delaySeconds};
}

StagePathStep step(const QString &stage, const QString &exit, TraceOutcome outcome, const QString &en,
                   const QString &ja)
{
    StagePathStep s;
    s.stage = stage;
    s.exit = exit;
    s.outcome = outcome;
    s.effect = {en, ja};
    return s;
}

// An extension stage the trace does not mention: the session passes through it.
StagePathStep passThrough(const QString &stage, const QString &exit, const QString &variable,
                          bool xmailCompat)
{
    return xmailCompat
               ? step(stage, exit, TraceOutcome::NotConfigured,
                      QStringLiteral("ignored: plain XMail 1.27 has no %1").arg(variable),
                      QStringLiteral("無視: 素の XMail 1.27 に %1 はありません").arg(variable))
               : step(stage, exit, TraceOutcome::NotConfigured, QStringLiteral("%1 is not set").arg(variable),
                      QStringLiteral("%1 は未設定").arg(variable));
}

QString replyText(const SimulationStep &s)
{
    return s.code == 0 ? QStringLiteral("(connection closed)") : s.reply;
}

QString replyTextJa(const SimulationStep &s)
{
    return s.code == 0 ? QStringLiteral("(接続が閉じられた)") : s.reply;
}

// A RCPT that greylisting answered with 451 (the simulator names its outcome).
bool isGreylistReply(const SimulationStep &s)
{
    return s.code == 451 && !s.greylist.isEmpty();
}

// Where the server ends the session without a reply, or with a closing 421.
bool closes(const SimulationStep &s)
{
    return s.code == 0 || s.code == 421;
}

// An exit that is not one of the stage's own (e.g. "skipped") becomes the one
// leading to the next stage of the path, so the lit path stays connected.
void connectExits(QList<StagePathStep> &path)
{
    for (qsizetype i = 0; i < path.size(); ++i) {
        const StageInfo *info = findStage(path[i].stage);
        if (!info || info->exits.isEmpty())
            continue;
        const bool known = std::any_of(info->exits.cbegin(), info->exits.cend(),
                                       [&](const StageExit &e) { return e.id == path[i].exit; });
        if (known || i + 1 >= path.size())
            continue;
        for (const StageExit &e : info->exits)
            if (e.target == path[i + 1].stage) {
                path[i].exit = e.id;
                break;
            }
    }
}

} // namespace

QList<StagePathStep> stagePath(const SimulationResult &result, const PolicyOptions &options)
{
    QList<StagePathStep> path;
    const ConnectVerdict &v = result.verdict;
    const SimulationStep *banner = result.steps.isEmpty() ? nullptr : &result.steps.first();

    path << (v.listener.sourceVariable.isEmpty()
                 ? step(Connect, QStringLiteral("next"), TraceOutcome::Matched,
                        QStringLiteral("connected; no SmtpConfig applies"),
                        QStringLiteral("接続。SmtpConfig の指定なし"))
                 : step(Connect, QStringLiteral("next"), TraceOutcome::Matched,
                        QStringLiteral("connected; listener options from %1").arg(v.listener.sourceVariable),
                        QStringLiteral("接続。リスナーオプションは %1").arg(v.listener.sourceVariable)));

    const TraceEntry *greet = nullptr;
    const TraceEntry *bannerEntry = nullptr;
    bool defaultDelayTraced = false;
    for (const TraceEntry &e : v.trace) {
        if (e.stage == GreetPause)
            greet = &e;
        else if (e.stage == Banner)
            bannerEntry = &e;
        else if (e.stage == DefaultDelay)
            defaultDelayTraced = true;
    }
    if (!greet) {
        path << passThrough(GreetPause, QStringLiteral("pause"), QStringLiteral("XMF-GreetPause"),
                            options.xmailCompat);
    } else if (banner && banner->code == 554 && greet->outcome == TraceOutcome::Matched) {
        // An early talker is refused during the pause, before any other check shows.
        StagePathStep early = fromTrace(*greet);
        early.exit = ExitIds::Early;
        early.effect = {QStringLiteral("talked before the banner: %1").arg(banner->reply),
                        QStringLiteral("バナー前に送信: %1").arg(banner->reply)};
        path << early << step(Drop, QString(), TraceOutcome::Matched, banner->reply, banner->reply);
        return path;
    } else {
        path << fromTrace(*greet);
    }

    for (const TraceEntry &e : v.trace)
        if (e.stage != GreetPause && e.stage != Banner)
            path << fromTrace(e);
    if (!defaultDelayTraced && !v.drop)
        path << passThrough(DefaultDelay, QStringLiteral("no-match"), QStringLiteral("XMF-DefaultDelay"),
                            options.xmailCompat);
    if (bannerEntry)
        path << fromTrace(*bannerEntry);

    if (v.drop || !banner || banner->code != 220) {
        if (!path.isEmpty() && path.last().stage == Banner)
            path.last().exit = ExitIds::Drop;
        const QString reply = banner ? replyText(*banner) : v.dropReply;
        path << step(Drop, QString(), TraceOutcome::Matched, reply,
                     banner ? replyTextJa(*banner) : v.dropReply);
        connectExits(path);
        return path;
    }

    // The session: only the commands answered before the server closed.
    QList<SimulationStep> commands;
    const SimulationStep *closing = nullptr;
    for (qsizetype i = 1; i < result.steps.size(); ++i) {
        const SimulationStep &s = result.steps.at(i);
        if (closes(s)) {
            closing = &s;
            break;
        }
        commands << s;
    }
    auto find = [&commands](const QString &name) -> const SimulationStep * {
        for (const SimulationStep &s : commands)
            if (s.step == name)
                return &s;
        return nullptr;
    };
    auto finish = [&](QList<StagePathStep> &p) {
        if (closing)
            p << step(Drop, QString(), TraceOutcome::Matched,
                      QStringLiteral("%1 %2: the server closed the session")
                          .arg(closing->step, replyText(*closing)),
                      QStringLiteral("%1 %2: サーバーが切断").arg(closing->step, replyTextJa(*closing)));
        connectExits(p);
        return p;
    };
    if (commands.isEmpty() && !closing)
        return finish(path);

    int longest = 0, waited = 0;
    for (const SimulationStep &s : std::as_const(commands)) {
        longest = qMax(longest, s.delay);
        waited += s.delay;
    }
    StagePathStep delay =
        longest > 0
            ? step(
                  CommandDelay, QStringLiteral("next"), TraceOutcome::Matched,
                  QStringLiteral("waited %1 s in all before replies, up to %2 s per command")
                      .arg(waited)
                      .arg(longest),
                  QStringLiteral("応答前に合計 %1 秒、コマンドごとに最大 %2 秒待機").arg(waited).arg(longest))
            : step(CommandDelay, QStringLiteral("next"), TraceOutcome::NoMatch,
                   QStringLiteral("no command was delayed"), QStringLiteral("遅延したコマンドなし"));
    delay.delaySeconds = longest;
    path << delay;

    const SimulationStep *auth = find(QStringLiteral("AUTH"));
    const bool authenticated = auth && auth->code == 235;
    if (!auth)
        path << step(Auth, QStringLiteral("unauthenticated"), TraceOutcome::NoMatch,
                     QStringLiteral("no AUTH"), QStringLiteral("SMTP認証なし"));
    else if (authenticated)
        path << step(Auth, QStringLiteral("authenticated"), TraceOutcome::Matched,
                     QStringLiteral("%1: the delay and the IP flags are cleared").arg(auth->reply),
                     QStringLiteral("%1: 遅延と IP フラグを解除").arg(auth->reply));
    else
        path << step(Auth, QStringLiteral("unauthenticated"), TraceOutcome::Matched,
                     QStringLiteral("AUTH refused: %1").arg(auth->reply),
                     QStringLiteral("SMTP認証失敗: %1").arg(auth->reply));

    const SimulationStep *mail = find(QStringLiteral("MAIL FROM"));
    if (!mail)
        return finish(path);
    const bool mailAccepted = mail->code == 250;
    path << step(MailFrom, mailAccepted ? QStringLiteral("accept") : QStringLiteral("refuse"),
                 TraceOutcome::Matched, mail->reply, mail->reply);
    if (!mailAccepted)
        return finish(path);

    QStringList rcptEn;
    QStringList greylistedEn;
    bool anyRecipient = false;
    for (const SimulationStep &s : std::as_const(commands))
        if (s.step == QLatin1String("RCPT TO")) {
            rcptEn << s.reply;
            anyRecipient = anyRecipient || s.code == 250;
            if (isGreylistReply(s))
                greylistedEn << s.reply;
        }
    if (rcptEn.isEmpty())
        return finish(path);
    const bool recipientsOk = anyRecipient || !greylistedEn.isEmpty();
    path << step(RcptTo, recipientsOk ? QStringLiteral("accept") : QStringLiteral("refuse"),
                 TraceOutcome::Matched, rcptEn.join(QStringLiteral("; ")), rcptEn.join(QStringLiteral("; ")));
    if (!recipientsOk)
        return finish(path);
    if (!greylistedEn.isEmpty() && !anyRecipient) {
        path << step(Greylist, ExitIds::Greylisted, TraceOutcome::Matched,
                     greylistedEn.join(QStringLiteral("; ")), greylistedEn.join(QStringLiteral("; ")));
        return finish(path);
    }
    const SimulationStep *exempted = nullptr;
    for (const SimulationStep &s : std::as_const(commands))
        if (!exempted && s.step == QLatin1String("RCPT TO") && !s.greylistFile.isEmpty())
            exempted = &s;
    if (greylistedEn.isEmpty() && exempted) {
        StagePathStep whitelisted = step(Greylist, ExitIds::Accept, TraceOutcome::Matched,
                                         exempted->greylistExemption.en, exempted->greylistExemption.ja);
        whitelisted.file = exempted->greylistFile;
        whitelisted.line = exempted->greylistLine;
        path << whitelisted;
    } else if (greylistedEn.isEmpty())
        path << passThrough(Greylist, ExitIds::Accept, QStringLiteral("XMF-Greylist"), options.xmailCompat);
    else
        path << step(Greylist, ExitIds::Accept, TraceOutcome::Matched,
                     greylistedEn.join(QStringLiteral("; ")), greylistedEn.join(QStringLiteral("; ")));

    const SimulationStep *data = find(QStringLiteral("DATA"));
    if (!data)
        return finish(path);
    const SimulationStep *body = find(QStringLiteral("BODY"));
    const bool stored = data->code == 354 && body && body->code == 250;
    path << step(Data, stored ? QStringLiteral("accept") : QString(), TraceOutcome::Matched,
                 stored ? body->reply : data->reply, stored ? body->reply : data->reply);
    if (stored)
        path << step(Delivered, QString(), TraceOutcome::Matched, QStringLiteral("message stored"),
                     QStringLiteral("メッセージを保存"));
    return finish(path);
}

} // namespace xmflow::engine

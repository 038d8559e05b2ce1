#include "TraceTexts.h"

#include "Stages.h"

namespace xmflow::engine::TraceTexts {

LocalizedText noLineMatches()
{
    return {QStringLiteral("no line matches"), QStringLiteral("一致する行なし")};
}

LocalizedText whitelistedSkip()
{
    return {QStringLiteral("skipped: the peer is whitelisted"), QStringLiteral("ホワイトリストのため省略")};
}

LocalizedText ipPropMatched(const QString &properties, bool whiteListed)
{
    return {QStringLiteral("properties %1%2")
                .arg(properties, whiteListed ? QStringLiteral(": IP checks skipped") : QString()),
            QStringLiteral("プロパティ %1%2")
                .arg(properties, whiteListed ? QStringLiteral(": IP チェックを省略") : QString())};
}

LocalizedText hnPropMatched(const QString &hostName)
{
    return {QStringLiteral("host name %1 matches").arg(hostName),
            QStringLiteral("ホスト名 %1 が一致").arg(hostName)};
}

LocalizedText hnPropNoPtrDrop()
{
    return {QStringLiteral("no PTR name: XMail 1.27 cannot set the session up (421)"),
            QStringLiteral("逆引き名なし: XMail 1.27 はセッションを開始できない (421)")};
}

LocalizedText hnPropNoMatch(const QString &hostName)
{
    return {QStringLiteral("no line matches %1").arg(hostName),
            QStringLiteral("%1 に一致する行なし").arg(hostName)};
}

LocalizedText hnPropNoPtrName()
{
    return {QStringLiteral("no PTR name to match"), QStringLiteral("照合する逆引き名なし")};
}

LocalizedText hnPropMissing()
{
    return {QStringLiteral("smtp.hnprop.tab does not exist"), QStringLiteral("smtp.hnprop.tab はありません")};
}

LocalizedText ipMapNoMatch()
{
    return {QStringLiteral("no line matches: allowed"), QStringLiteral("一致なし: 許可")};
}

LocalizedText ipMapAllow(int precedence)
{
    return {QStringLiteral("ALLOW (precedence %1)").arg(precedence),
            QStringLiteral("許可 (優先度 %1)").arg(precedence)};
}

LocalizedText ipMapDenyDrop(int dropCode)
{
    return {QStringLiteral("DENY with SMTP-IpMapDropCode=%1: dropped").arg(dropCode),
            QStringLiteral("拒否 (SMTP-IpMapDropCode=%1): 切断").arg(dropCode)};
}

LocalizedText ipMapDenyFlag()
{
    return {QStringLiteral("DENY with SMTP-IpMapDropCode=0: flag set, but XMail 1.27 never enforces it"),
            QStringLiteral("拒否 (SMTP-IpMapDropCode=0): フラグは立つが XMail 1.27 は強制しない")};
}

LocalizedText ipMapDenyDelay(int dropCode)
{
    return {QStringLiteral("DENY with SMTP-IpMapDropCode=%1: delay %2 s").arg(dropCode).arg(-dropCode),
            QStringLiteral("拒否 (SMTP-IpMapDropCode=%1): %2 秒遅延").arg(dropCode).arg(-dropCode)};
}

LocalizedText spammersCode(int code)
{
    const LocalizedText meaning = codeMeaning(code);
    return {QStringLiteral("code=%1: %2").arg(code).arg(meaning.en),
            QStringLiteral("code=%1: %2").arg(code).arg(meaning.ja)};
}

LocalizedText mapsNotSet()
{
    return {QStringLiteral("CustMapsList is not set"), QStringLiteral("CustMapsList は未設定")};
}

QString mapNote(const QString &root, bool timedOut)
{
    return root + (timedOut ? QStringLiteral(": timed out (not listed)") : QStringLiteral(": not listed"));
}

LocalizedText mapsNotListed(const QString &notes)
{
    return {QStringLiteral("no map lists the peer (%1)").arg(notes),
            QStringLiteral("どの DNSBL にも登録なし (%1)").arg(notes)};
}

LocalizedText mapsListedDrop(const QString &root)
{
    return {QStringLiteral("listed in %1 (code 1): dropped").arg(root),
            QStringLiteral("%1 に登録あり (code 1): 切断").arg(root)};
}

LocalizedText mapsListedAuthOnly(const QString &root)
{
    return {QStringLiteral("listed in %1 (code 0): MAIL FROM needs AUTH").arg(root),
            QStringLiteral("%1 に登録あり (code 0): SMTP認証が必要").arg(root)};
}

LocalizedText mapsListedDelay(const QString &root, int code, int delay)
{
    return {QStringLiteral("listed in %1 (code %2): delay %3 s").arg(root).arg(code).arg(delay),
            QStringLiteral("%1 に登録あり (code %2): %3 秒遅延").arg(root).arg(code).arg(delay)};
}

LocalizedText rdnsOff()
{
    return {QStringLiteral("SMTP-RDNSCheck is off"), QStringLiteral("SMTP-RDNSCheck は無効")};
}

LocalizedText rdnsPasses(const QString &ptrName)
{
    return {QStringLiteral("PTR %1: passes").arg(ptrName), QStringLiteral("逆引き %1: 通過").arg(ptrName)};
}

LocalizedText rdnsAuthOnly()
{
    return {QStringLiteral("no PTR record: MAIL FROM needs AUTH"),
            QStringLiteral("逆引きなし: SMTP認証が必要")};
}

LocalizedText rdnsDelay(int delay)
{
    return {QStringLiteral("no PTR record: delay %1 s").arg(delay),
            QStringLiteral("逆引きなし: %1 秒遅延").arg(delay)};
}

LocalizedText defaultDelay(int delay)
{
    return {QStringLiteral("XMF-DefaultDelay: delay %1 s").arg(delay),
            QStringLiteral("XMF-DefaultDelay: %1 秒遅延").arg(delay)};
}

LocalizedText defaultDelayNotSet()
{
    return {QStringLiteral("XMF-DefaultDelay is not set"), QStringLiteral("XMF-DefaultDelay は未設定")};
}

LocalizedText greetPause(int pause)
{
    return {QStringLiteral("wait %1 s before the banner; early talkers are refused").arg(pause),
            QStringLiteral("バナー前に %1 秒待機。先に話すクライアントは拒否").arg(pause)};
}

LocalizedText bannerDrop(const QString &reply)
{
    return {QStringLiteral("connection refused: %1").arg(reply), QStringLiteral("接続拒否: %1").arg(reply)};
}

LocalizedText banner(int delay, bool delayAtMail)
{
    QString en = QStringLiteral("220 banner at once");
    QString ja = QStringLiteral("220 バナーを即送信");
    if (delay > 0) {
        en += delayAtMail
                  ? QStringLiteral("; from MAIL FROM on, every command waits %1 s until AUTH").arg(delay)
                  : QStringLiteral("; every command waits %1 s until AUTH").arg(delay);
        ja += delayAtMail ? QStringLiteral("。MAIL FROM 以降、SMTP認証まで各コマンドを %1 秒遅延").arg(delay)
                          : QStringLiteral("。SMTP認証まで各コマンドを %1 秒遅延").arg(delay);
    }
    return {en, ja};
}

} // namespace xmflow::engine::TraceTexts

#include "Stages.h"

namespace xmflow::engine {

namespace {

StageExit exitTo(const QString &id, const QString &en, const QString &ja, const QString &target)
{
    return {id, {en, ja}, target};
}

QList<StageInfo> buildStages()
{
    using namespace StageIds;
    QList<StageInfo> stages;
    auto add = [&stages](StageInfo info) { stages.append(std::move(info)); };

    add({Connect,
         StageShape::Terminal,
         {QStringLiteral("Client connects"), QStringLiteral("クライアント接続")},
         {QStringLiteral("A client opens a TCP connection to the SMTP listener."),
          QStringLiteral("クライアントが SMTP ポートに TCP 接続します。")},
         {QStringLiteral("SmtpConfig")},
         {exitTo(ExitIds::Next, QStringLiteral("connect"), QStringLiteral("接続"), GreetPause)},
         false,
         true});
    add({GreetPause,
         StageShape::Decision,
         {QStringLiteral("Greet pause (XMF)"), QStringLiteral("グリートポーズ (XMF)")},
         {QStringLiteral(
              "xmflow extension: wait before the 220 banner; a client that talks first is refused with 554. "
              "Whitelisted peers and recent passers skip it."),
          QStringLiteral(
              "xmflow 拡張: 220 バナーの前に待機し、先に話し始めたクライアントを 554 で拒否します。"
              "ホワイトリストと最近通過したホストは待ちません。")},
         {QStringLiteral("XMF-GreetPause"), QStringLiteral("XMF-GreetPassTTL"), QStringLiteral("SmtpConfig")},
         {exitTo(ExitIds::Pause, QStringLiteral("waited quietly"), QStringLiteral("静かに待った"), IpProp),
          exitTo(ExitIds::Early, QStringLiteral("early talker: 554"), QStringLiteral("先行送信: 554"), Drop)},
         true,
         true});
    add({IpProp,
         StageShape::Decision,
         {QStringLiteral("smtp.ipprop.tab (whitelist)"), QStringLiteral("smtp.ipprop.tab (ホワイトリスト)")},
         {QStringLiteral("The first line matching the client's IP gives its properties. WhiteList skips "
                         "every IP-based check."),
          QStringLiteral("接続元 IP に最初に一致した行のプロパティを適用します。WhiteList なら IP "
                         "ベースのチェックをすべて省略します。")},
         {QStringLiteral("smtp.ipprop.tab")},
         {exitTo(ExitIds::Match, QStringLiteral("properties"), QStringLiteral("プロパティ適用"), HnProp),
          exitTo(ExitIds::NoMatch, QStringLiteral("no match"), QStringLiteral("一致なし"), HnProp),
          exitTo(ExitIds::Whitelisted, QStringLiteral("WhiteList"), QStringLiteral("ホワイトリスト"),
                 HnProp)},
         false,
         true});
    add({HnProp,
         StageShape::Decision,
         {QStringLiteral("smtp.hnprop.tab"), QStringLiteral("smtp.hnprop.tab")},
         {QStringLiteral("Like smtp.ipprop.tab, keyed by the client's reverse-DNS name; read only when the "
                         "file exists."),
          QStringLiteral(
              "smtp.ipprop.tab "
              "と同様ですが、接続元の逆引きホスト名で照合します。ファイルがある場合だけ読みます。")},
         {QStringLiteral("smtp.hnprop.tab")},
         {exitTo(ExitIds::Match, QStringLiteral("properties"), QStringLiteral("プロパティ適用"), IpMap),
          exitTo(ExitIds::NoMatch, QStringLiteral("no match"), QStringLiteral("一致なし"), IpMap),
          exitTo(ExitIds::Whitelisted, QStringLiteral("whitelisted: skip IP checks"),
                 QStringLiteral("ホワイトリスト: IP チェック省略"), DefaultDelay),
          exitTo(ExitIds::Drop, QStringLiteral("no PTR: 421 (XMail 1.27)"),
                 QStringLiteral("逆引きなし: 421 (XMail 1.27)"), Drop)},
         false,
         true});
    add({IpMap,
         StageShape::Decision,
         {QStringLiteral("smtp.ipmap.tab (access)"), QStringLiteral("smtp.ipmap.tab (SMTPアクセス許可)")},
         {QStringLiteral(
              "Among matching lines the highest precedence wins (the later line on a tie). "
              "DENY is handled by SMTP-IpMapDropCode: >0 drop, 0 flag (not enforced by 1.27), <0 delay."),
          QStringLiteral("一致した行のうち優先度が最も高いもの (同じなら後の行) が決まります。"
                         "DENY は SMTP-IpMapDropCode で処理: 正なら切断、0 はフラグのみ (1.27 "
                         "は強制しない)、負なら遅延。")},
         {QStringLiteral("smtp.ipmap.tab"), QStringLiteral("SMTP-IpMapDropCode"),
          QStringLiteral("SmtpMsgIPBan")},
         {exitTo(ExitIds::Allow, QStringLiteral("ALLOW / no match"), QStringLiteral("許可 / 一致なし"),
                 Spammers),
          exitTo(ExitIds::Drop, QStringLiteral("DENY, code>0: drop"), QStringLiteral("拒否 code>0: 切断"),
                 Drop),
          exitTo(ExitIds::AuthOnly, QStringLiteral("DENY, code 0: flag only"),
                 QStringLiteral("拒否 code 0: フラグのみ"), Spammers),
          exitTo(ExitIds::Delay, QStringLiteral("DENY, code<0: delay"), QStringLiteral("拒否 code<0: 遅延"),
                 Spammers)},
         false,
         true});
    add({Spammers,
         StageShape::Decision,
         {QStringLiteral("spammers.tab (spam hosts)"), QStringLiteral("spammers.tab (スパムホストの管理)")},
         {QStringLiteral(
              "The first matching line decides by its code: >0 drop, 0 MAIL FROM needs AUTH, <0 delay."),
          QStringLiteral(
              "最初に一致した行の code で決まります: 正なら切断、0 は SMTP認証が必要、負なら遅延。")},
         {QStringLiteral("spammers.tab"), QStringLiteral("SmtpMsgIPBanSpammers")},
         {exitTo(ExitIds::NoMatch, QStringLiteral("no match"), QStringLiteral("一致なし"), DnsMaps),
          exitTo(ExitIds::Drop, QStringLiteral("code>0: drop"), QStringLiteral("code>0: 切断"), Drop),
          exitTo(ExitIds::AuthOnly, QStringLiteral("code 0: AUTH only"), QStringLiteral("code 0: 認証必須"),
                 DnsMaps),
          exitTo(ExitIds::Delay, QStringLiteral("code<0: delay"), QStringLiteral("code<0: 遅延"), DnsMaps)},
         false,
         true});
    add({DnsMaps,
         StageShape::Decision,
         {QStringLiteral("CustMapsList (DNSBL)"), QStringLiteral("CustMapsList (不正中継データベース)")},
         {QStringLiteral(
              "Each DNSBL is asked in list order; the first that lists the client decides: 1 drop (550), "
              "0 MAIL FROM needs AUTH, other values delay. A time-out counts as not listed."),
          QStringLiteral("DNSBL を順に問い合わせ、最初に登録のあったものが決めます: 1 は切断 (550)、0 は "
                         "SMTP認証が必要、"
                         "その他は遅延。タイムアウトは未登録扱いです。")},
         {QStringLiteral("CustMapsList"), QStringLiteral("SmtpMsgIPBanMaps")},
         {exitTo(ExitIds::NoMatch, QStringLiteral("not listed"), QStringLiteral("未登録"), RDns),
          exitTo(ExitIds::Drop, QStringLiteral("code 1: drop"), QStringLiteral("code 1: 切断"), Drop),
          exitTo(ExitIds::AuthOnly, QStringLiteral("code 0: AUTH only"), QStringLiteral("code 0: 認証必須"),
                 RDns),
          exitTo(ExitIds::Delay, QStringLiteral("delay"), QStringLiteral("遅延"), RDns)},
         false,
         true});
    add({RDns,
         StageShape::Decision,
         {QStringLiteral("SMTP-RDNSCheck (reverse DNS)"), QStringLiteral("SMTP-RDNSCheck (逆引き)")},
         {QStringLiteral(
              "Without a PTR record: 1 means MAIL FROM needs AUTH, -S means a delay of S seconds."),
          QStringLiteral("逆引きできない場合: 1 なら SMTP認証が必要、-S なら S 秒遅延。")},
         {QStringLiteral("SMTP-RDNSCheck")},
         {exitTo(ExitIds::NoMatch, QStringLiteral("PTR found / off"), QStringLiteral("逆引きあり / 無効"),
                 DefaultDelay),
          exitTo(ExitIds::AuthOnly, QStringLiteral("no PTR: AUTH only"),
                 QStringLiteral("逆引きなし: 認証必須"), DefaultDelay),
          exitTo(ExitIds::Delay, QStringLiteral("no PTR: delay"), QStringLiteral("逆引きなし: 遅延"),
                 DefaultDelay)},
         false,
         true});
    add({DefaultDelay,
         StageShape::Process,
         {QStringLiteral("Default delay (XMF)"), QStringLiteral("既定の遅延 (XMF)")},
         {QStringLiteral("xmflow extension: a delay for every non-whitelisted client, combined with the "
                         "others by maximum."),
          QStringLiteral("xmflow 拡張: "
                         "ホワイトリスト以外の全クライアントへの遅延。他の遅延とは最大値で組み合わせます。")},
         {QStringLiteral("XMF-DefaultDelay"), QStringLiteral("SmtpConfig")},
         {exitTo(ExitIds::Delay, QStringLiteral("delay"), QStringLiteral("遅延"), Banner),
          exitTo(ExitIds::NoMatch, QStringLiteral("none"), QStringLiteral("なし"), Banner)},
         true,
         true});
    add({Banner,
         StageShape::Process,
         {QStringLiteral("220 banner"), QStringLiteral("220 バナー")},
         {QStringLiteral(
              "The session delay is the maximum of every delaying check. XMail sends the banner at once, "
              "then waits that long before every command until AUTH succeeds."),
          QStringLiteral("セッションの遅延は各チェックの遅延の最大値です。XMail はバナーをすぐ送り、"
                         "SMTP認証が成功するまで各コマンドの前にその秒数だけ待ちます。")},
         {},
         {exitTo(ExitIds::Banner, QStringLiteral("220"), QStringLiteral("220"), CommandDelay),
          exitTo(ExitIds::Drop, QStringLiteral("refused"), QStringLiteral("拒否"), Drop)},
         false,
         true});
    add({CommandDelay,
         StageShape::Process,
         {QStringLiteral("Per-command delay"), QStringLiteral("コマンドごとの遅延")},
         {QStringLiteral(
              "Before each command line (EHLO, AUTH, MAIL, RCPT, DATA, QUIT ...) the session waits its "
              "delay. "
              "With XMF-DelayStart=mail the wait starts at MAIL FROM. A successful AUTH clears it."),
          QStringLiteral(
              "各コマンド (EHLO, AUTH, MAIL, RCPT, DATA, QUIT など) の前に遅延します。"
              "XMF-DelayStart=mail なら MAIL FROM から遅延が始まります。SMTP認証が成功すると解除されます。")},
         {QStringLiteral("XMF-DelayStart"), QStringLiteral("SmtpConfig")},
         {exitTo(ExitIds::Next, QStringLiteral("command"), QStringLiteral("コマンド"), Auth)},
         false,
         false});
    add({Auth,
         StageShape::Decision,
         {QStringLiteral("SMTP AUTH"), QStringLiteral("SMTP認証")},
         {QStringLiteral(
              "AUTH PLAIN, LOGIN or CRAM-MD5 against mailusers.tab, then smtpauth.tab. Success clears the "
              "delay and every IP flag; failure replies 503."),
          QStringLiteral("AUTH PLAIN/LOGIN/CRAM-MD5 を mailusers.tab、次に smtpauth.tab で確認します。"
                         "成功すると遅延と IP フラグが解除され、失敗は 503 です。")},
         {QStringLiteral("mailusers.tab"), QStringLiteral("smtpauth.tab"),
          QStringLiteral("DefaultSmtpPerms")},
         {exitTo(ExitIds::Authenticated, QStringLiteral("authenticated"), QStringLiteral("認証成功"),
                 MailFrom),
          exitTo(ExitIds::Unauthenticated, QStringLiteral("no AUTH / failed"),
                 QStringLiteral("認証なし / 失敗"), MailFrom)},
         false,
         false});
    add({MailFrom,
         StageShape::Decision,
         {QStringLiteral("MAIL FROM checks"), QStringLiteral("MAIL FROM のチェック")},
         {QStringLiteral("In order: WantTLS, syntax, CheckMailerDomain, spam-address.tab, SIZE, the IP flags "
                         "(551 unless authenticated), MailAuth."),
          QStringLiteral("順に: WantTLS、構文、CheckMailerDomain、spam-address.tab、SIZE、IP フラグ "
                         "(認証していなければ 551)、MailAuth。")},
         {QStringLiteral("spam-address.tab"), QStringLiteral("CheckMailerDomain"),
          QStringLiteral("SmtpConfig"), QStringLiteral("smtp.ipprop.tab")},
         {exitTo(ExitIds::Accept, QStringLiteral("250"), QStringLiteral("250"), RcptTo),
          exitTo(ExitIds::Refuse, QStringLiteral("refused (5xx)"), QStringLiteral("拒否 (5xx)"), Auth)},
         false,
         false});
    add({RcptTo,
         StageShape::Decision,
         {QStringLiteral("RCPT TO (local / relay)"), QStringLiteral("RCPT TO (ローカル / 中継)")},
         {QStringLiteral("A local domain needs a known user (else 550). Any other domain needs relay rights: "
                         "AUTH with R, "
                         "or a smtprelay.tab match (else 550 Relay denied)."),
          QStringLiteral("ローカルドメインは既存ユーザーのみ (なければ 550)。他のドメインは中継許可が必要: "
                         "R 権限の SMTP認証か smtprelay.tab の一致 (なければ 550 Relay denied)。")},
         {QStringLiteral("domains.tab"), QStringLiteral("mailusers.tab"), QStringLiteral("smtprelay.tab")},
         {exitTo(ExitIds::Accept, QStringLiteral("recipient ok"), QStringLiteral("宛先 OK"), Greylist),
          exitTo(ExitIds::Refuse, QStringLiteral("550"), QStringLiteral("550"), RcptTo)},
         false,
         false});
    add({Greylist,
         StageShape::Decision,
         {QStringLiteral("Greylisting (XMF)"), QStringLiteral("グレイリスト (XMF)")},
         {QStringLiteral(
              "xmflow extension: a new (client network, sender, recipient) gets 451 4.7.1 until it "
              "retries after the delay. AUTH users, WhiteList and relay-allowed peers, PTR domains of "
              "xmflow-greylist-whitelist.tab and XMF-GreylistWhitelist, and auto-whitelisted clients "
              "pass at once."),
          QStringLiteral(
              "xmflow 拡張: 初めての（送信元ネットワーク・送信者・宛先）の組には、遅延時間後の再送まで "
              "451 4.7.1 を返します。SMTP認証ユーザー、ホワイトリスト、リレー許可、"
              "xmflow-greylist-whitelist.tab と XMF-GreylistWhitelist の逆引きドメイン、"
              "自動ホワイトリストの送信元はすぐに通ります。")},
         {QStringLiteral("XMF-Greylist"), QStringLiteral("XMF-GreylistDelay"),
          QStringLiteral("XMF-GreylistWhitelist"), QStringLiteral("xmflow-greylist-whitelist.tab"),
          QStringLiteral("XMF-StateStore")},
         {exitTo(ExitIds::Accept, QStringLiteral("250"), QStringLiteral("250"), Data),
          exitTo(ExitIds::Greylisted, QStringLiteral("451 retry later"), QStringLiteral("451 後で再送"),
                 RcptTo)},
         true,
         false});
    add({Data,
         StageShape::Process,
         {QStringLiteral("DATA"), QStringLiteral("DATA")},
         {QStringLiteral("The body is not delayed; 250 is sent once the message is on disk."),
          QStringLiteral("本文は遅延されません。メッセージをディスクに保存してから 250 を返します。")},
         {QStringLiteral("MaxMessageSize")},
         {exitTo(ExitIds::Accept, QStringLiteral("250 stored"), QStringLiteral("250 保存"), Delivered)},
         false,
         false});
    add({Drop,
         StageShape::Terminal,
         {QStringLiteral("Connection closed"), QStringLiteral("切断")},
         {QStringLiteral("The client is refused and disconnected."),
          QStringLiteral("クライアントを拒否して切断します。")},
         {},
         {},
         false,
         true});
    add({Delivered,
         StageShape::Terminal,
         {QStringLiteral("Message accepted"), QStringLiteral("受信完了")},
         {QStringLiteral("The message is delivered to a Maildir or queued for relay."),
          QStringLiteral("メッセージを Maildir に配送するか、中継キューに入れます。")},
         {},
         {},
         false,
         false});
    return stages;
}

} // namespace

const QList<StageInfo> &stageList()
{
    static const QList<StageInfo> stages = buildStages();
    return stages;
}

const StageInfo *findStage(const QString &id)
{
    for (const StageInfo &stage : stageList())
        if (stage.id == id)
            return &stage;
    return nullptr;
}

LocalizedText codeMeaning(int code)
{
    if (code > 0)
        return {QStringLiteral("drop"), QStringLiteral("接続拒否")};
    if (code == 0)
        return {QStringLiteral("AUTH only"), QStringLiteral("SMTP認証のみ許可")};
    return {QStringLiteral("delay %1 s").arg(-code), QStringLiteral("%1 秒遅延").arg(-code)};
}

} // namespace xmflow::engine

// The server.tab variable catalogue: every variable documented for XMail 1.27
// (docs/Readme.txt, "SERVER.TAB VARIABLES" and "SSL CONFIGURATION"), with the
// default XMail's source applies when the variable is unset, plus xmflow's own
// XMF- extensions (SPEC section 3).
//
// Summaries are written for xmflow; they paraphrase, never quote, XMail's
// documentation.

#include "VariableCatalogue.h"

#include <QHash>

namespace xmflow::model {

namespace {

using T = VariableType;
using G = VariableGroup;

QList<VariableInfo> buildCatalogue()
{
    // One initialiser per variable:
    // { name, type, default (as written in server.tab), group, summaryEn, summaryJa, isExtension }
    return {
        // ---- General -----------------------------------------------------------------
        { QStringLiteral("RootDomain"), T::Domain, QString(), G::General,
          QStringLiteral("The server's primary domain; XMail answers HELO/EHLO with it and falls back to it for its own name."),
          QStringLiteral("このサーバーの主ドメイン。HELO/EHLO の応答や、自ホスト名が決まらないときの代わりに使われる。"),
          false },
        { QStringLiteral("PostMaster"), T::Address, QString(), G::General,
          QStringLiteral("The postmaster mailbox: mail to a bare \"postmaster\" recipient is redirected here, and XMail's notices come from it."),
          QStringLiteral("postmaster のアドレス。宛先「postmaster」のメールの転送先で、XMail が出すエラー通知の差出人にもなる。"),
          false },
        { QStringLiteral("EnableCTRL-TLS"), T::Boolean, QStringLiteral("1"), G::General,
          QStringLiteral("Lets remote-administration (CTRL) clients upgrade their connection to TLS."),
          QStringLiteral("CTRL（リモート管理）接続で TLS への切り替えを許可する。"),
          false },
        { QStringLiteral("SSLUseCertsFile"), T::Boolean, QStringLiteral("0"), G::General,
          QStringLiteral("Adds the CA certificates in MailRoot/certs.pem to the trusted set used to verify TLS peers."),
          QStringLiteral("TLS 相手の証明書検証に、MailRoot の certs.pem にある CA 証明書も使う。"),
          false },
        { QStringLiteral("SSLUseCertsDir"), T::Boolean, QStringLiteral("0"), G::General,
          QStringLiteral("Adds the hashed CA certificates in the MailRoot/certs folder to the trusted set used to verify TLS peers."),
          QStringLiteral("TLS 相手の証明書検証に、MailRoot の certs ディレクトリ（c_rehash 済み）の CA 証明書も使う。"),
          false },
        { QStringLiteral("SSLWantVerify"), T::Boolean, QStringLiteral("0"), G::General,
          QStringLiteral("Checks the certificate chain a TLS peer presents."),
          QStringLiteral("TLS 接続の相手が出した証明書を検証する。"),
          false },
        { QStringLiteral("SSLAllowSelfSigned"), T::Boolean, QStringLiteral("0"), G::General,
          QStringLiteral("Accepts self-signed certificates from TLS peers."),
          QStringLiteral("TLS 相手の自己署名証明書を受け入れる。"),
          false },
        { QStringLiteral("SSLWantCert"), T::Boolean, QStringLiteral("0"), G::General,
          QStringLiteral("Aborts the TLS handshake when the peer offers no certificate (implies verification)."),
          QStringLiteral("相手が証明書を出さない場合は TLS ネゴシエーションを失敗させる（検証も有効になる）。"),
          false },
        { QStringLiteral("SSLMaxCertsDepth"), T::Integer, QStringLiteral("0"), G::General,
          QStringLiteral("Longest certificate chain accepted while verifying a TLS peer."),
          QStringLiteral("TLS 相手の証明書チェーンを検証するときの最大の深さ。"),
          false },

        // ---- SMTP connection policy (anti-spam checks made at connect) -----------------
        { QStringLiteral("SMTP-IpMapDropCode"), T::DropCode, QStringLiteral("1"), G::SmtpPolicy,
          QStringLiteral("Action for peers that smtp.ipmap.tab denies: >0 hang up, 0 set an AUTH-only flag (never enforced by 1.27), -S wait S s per command."),
          QStringLiteral("smtp.ipmap.tab で DENY された IP の扱い。1=接続拒否、0=SMTP認証必須（1.27 では実際には効かない）、-S=コマンドごとに S 秒遅延。"),
          false },
        { QStringLiteral("SmtpMsgIPBan"), T::SmtpReply, QString(), G::SmtpPolicy,
          QStringLiteral("Reply line sent before hanging up on a peer denied by smtp.ipmap.tab (otherwise a 421 \"service not available\")."),
          QStringLiteral("smtp.ipmap.tab で接続拒否する IP に返す応答メッセージ（未設定なら 421）。"),
          false },
        { QStringLiteral("SmtpMsgIPBanSpammers"), T::SmtpReply, QString(), G::SmtpPolicy,
          QStringLiteral("Reply line for peers caught by spammers.tab, both when dropped at connect and when refused at MAIL FROM."),
          QStringLiteral("spammers.tab に該当したスパムホストに返す応答メッセージ（接続時の拒否と MAIL FROM での拒否の両方）。"),
          false },
        { QStringLiteral("SmtpMsgIPBanSpamAddress"), T::SmtpReply, QString(), G::SmtpPolicy,
          QStringLiteral("Reply line when the MAIL FROM address matches spam-address.tab (otherwise a 504)."),
          QStringLiteral("MAIL FROM のアドレスが spam-address.tab に一致したときの応答メッセージ（未設定なら 504）。"),
          false },
        { QStringLiteral("SmtpMsgIPBanMaps"), T::SmtpReply, QString(), G::SmtpPolicy,
          QStringLiteral("Reply line for peers dropped because a CustMapsList DNSBL lists them; XMail appends the map name."),
          QStringLiteral("CustMapsList の DNSBL に載っている IP を接続拒否するときの応答メッセージ（後ろにマップ名が付く）。"),
          false },
        { QStringLiteral("CustMapsList"), T::MapList, QString(), G::SmtpPolicy,
          QStringLiteral("DNS blocklists checked at connect as root:code pairs; the first one listing the peer decides (1 drop, 0 AUTH only, -S delay)."),
          QStringLiteral("接続時に照会する DNSBL の一覧（ルート:コード）。最初にヒットしたものが有効で、1=接続拒否、0=SMTP認証必須、-S=S 秒遅延。"),
          false },
        { QStringLiteral("SMTP-RDNSCheck"), T::Integer, QStringLiteral("0"), G::SmtpPolicy,
          QStringLiteral("Reverse-DNS test of the peer at connect: 0 off, 1 refuse unauthenticated MAIL FROM if no PTR, -S wait S s per command if no PTR."),
          QStringLiteral("接続元 IP の逆引きチェック。0=しない、1=逆引きできなければ SMTP認証 なしの MAIL FROM を拒否、-S=S 秒遅延。"),
          false },

        // ---- SMTP session behaviour ----------------------------------------------------
        { QStringLiteral("SmtpConfig"), T::OptionList, QString(), G::SmtpSession,
          QStringLiteral("Listener options (MailAuth, WantTLS); SmtpConfig-IP and SmtpConfig-IP,PORT override it for one address or port."),
          QStringLiteral("SMTP 待ち受けのオプション（MailAuth=SMTP認証必須、WantTLS=TLS必須）。SmtpConfig-IP や SmtpConfig-IP,PORT で個別に上書きできる。"),
          false },
        { QStringLiteral("SmtpServerDomain"), T::Domain, QString(), G::SmtpSession,
          QStringLiteral("Fixes the domain shown in the 220 banner and CRAM-MD5 challenge instead of the listening IP's reverse name."),
          QStringLiteral("SMTP のグリーティング（220）や CRAM-MD5 のチャレンジに使うドメイン名を固定する。"),
          false },
        { QStringLiteral("SMTP-MaxErrors"), T::Integer, QStringLiteral("0"), G::SmtpSession,
          QStringLiteral("Number of error replies after which the SMTP session is closed; 0 means no limit."),
          QStringLiteral("1 セッションで許すエラー応答の回数。これに達すると切断する。0 は無制限。"),
          false },
        { QStringLiteral("CheckMailerDomain"), T::Boolean, QStringLiteral("0"), G::SmtpSession,
          QStringLiteral("Refuses MAIL FROM when the sender's domain has neither MX nor A record (ipprop SenderDomainCheck=0 skips it)."),
          QStringLiteral("MAIL FROM の送信者ドメインに MX も A レコードもなければ拒否する（ipprop の SenderDomainCheck=0 で除外）。"),
          false },
        { QStringLiteral("AllowNullSender"), T::Boolean, QStringLiteral("1"), G::SmtpSession,
          QStringLiteral("Accepts the empty sender MAIL FROM:<> that bounces use."),
          QStringLiteral("バウンスなどで使われる空の送信者 MAIL FROM:<> を受け付ける。"),
          false },
        { QStringLiteral("DefaultSmtpPerms"), T::String, QStringLiteral("MR"), G::SmtpSession,
          QStringLiteral("Permission letters given to mailusers.tab accounts after AUTH or POP-before-SMTP when they have no SmtpPerms of their own."),
          QStringLiteral("mailusers.tab のユーザーが SMTP認証（または POP before SMTP）したときに与える権限（M=送信、R=中継許可 など）。"),
          false },
        { QStringLiteral("EnableAuthSMTP-POP3"), T::Boolean, QStringLiteral("1"), G::SmtpSession,
          QStringLiteral("POP-before-SMTP: a recent POP3 login from the same IP grants that user's SMTP permissions."),
          QStringLiteral("POP before SMTP を有効にする。同じ IP から最近 POP3 ログインしていれば SMTP認証 済みと同様に扱う。"),
          false },
        { QStringLiteral("MaxMessageSize"), T::Integer, QStringLiteral("0"), G::SmtpSession,
          QStringLiteral("Largest message accepted over SMTP, in KB; 0 means unlimited, and users with the Z permission are exempt."),
          QStringLiteral("SMTP で受け付ける最大メールサイズ（KB）。0 は無制限。Z 権限のユーザーは対象外。"),
          false },
        { QStringLiteral("AllowSmtpVRFY"), T::Boolean, QStringLiteral("0"), G::SmtpSession,
          QStringLiteral("Answers VRFY for every client, not only those with the V permission or ipprop EnableVRFY."),
          QStringLiteral("VRFY コマンドを全クライアントに許可する（既定では V 権限か ipprop の EnableVRFY が必要）。"),
          false },
        { QStringLiteral("AllowSmtpETRN"), T::Boolean, QStringLiteral("0"), G::SmtpSession,
          QStringLiteral("Accepts ETRN from every client, not only those with the T permission or ipprop EnableETRN."),
          QStringLiteral("ETRN コマンドを全クライアントに許可する（既定では T 権限か ipprop の EnableETRN が必要）。"),
          false },
        { QStringLiteral("SmtpMinDiskSpace"), T::Integer, QString(), G::SmtpSession,
          QStringLiteral("Turns SMTP clients away while free disk space is below this many KB; unset means no check."),
          QStringLiteral("ディスクの空き容量がこの値（KB）を下回っている間は SMTP 接続を受け付けない。未設定ならチェックしない。"),
          false },
        { QStringLiteral("SmtpMinVirtMemSpace"), T::Integer, QString(), G::SmtpSession,
          QStringLiteral("Turns SMTP clients away while free virtual memory is below this many KB; unset means no check."),
          QStringLiteral("空き仮想メモリがこの値（KB）を下回っている間は SMTP 接続を受け付けない。未設定ならチェックしない。"),
          false },
        { QStringLiteral("CustomSMTPMessage"), T::String, QString(), G::SmtpSession,
          QStringLiteral("Text added after every SMTP error reply, such as a link to a page explaining the rejection."),
          QStringLiteral("SMTP のエラー応答の後ろに付け加える文言（拒否理由を説明するページの URL など）。"),
          false },
        { QStringLiteral("ReceivedHdrType"), T::Integer, QStringLiteral("0"), G::SmtpSession,
          QStringLiteral("Which IPs the Received: header shows: 0 client, 1 client and server, 2 none, 3/4 like 0/1 but hide the client once authenticated."),
          QStringLiteral("Received: ヘッダに載せる IP。0=クライアントのみ、1=両方、2=なし、3/4=0/1 と同じだが SMTP認証 時はクライアント IP を隠す。"),
          false },
        { QStringLiteral("DisableEmitAuthUser"), T::Boolean, QStringLiteral("0"), G::SmtpSession,
          QStringLiteral("Stops XMail from stamping an X-AuthUser: header on mail from authenticated senders."),
          QStringLiteral("SMTP認証 したユーザーのメールに X-AuthUser: ヘッダを付けないようにする。"),
          false },
        { QStringLiteral("SmtpNoTLSAuths"), T::OptionList, QString(), G::SmtpSession,
          QStringLiteral("AUTH methods still allowed on a connection without TLS; unset allows all, an empty value allows none."),
          QStringLiteral("TLS なし（平文）の接続で許可する SMTP認証 方式。未設定なら制限なし、空文字ならすべて禁止。"),
          false },
        { QStringLiteral("EnableSMTP-TLS"), T::Boolean, QStringLiteral("1"), G::SmtpSession,
          QStringLiteral("Advertises and accepts STARTTLS on SMTP."),
          QStringLiteral("SMTP の STARTTLS を有効にする。"),
          false },

        // ---- Delivery, gateways and bounces --------------------------------------------
        { QStringLiteral("DefaultSMTPGateways"), T::HostList, QString(), G::Delivery,
          QStringLiteral("Smart hosts, separated by semicolons and optionally followed by options, that carry all outgoing mail instead of MX lookups."),
          QStringLiteral("外部宛てメールを送るスマートホスト（中継サーバー）の一覧。セミコロン区切りで、MX より優先される。"),
          false },
        { QStringLiteral("SmtpGwConfig"), T::OptionList, QString(), G::Delivery,
          QStringLiteral("Options such as NeedTLS or OutBind applied to every outgoing SMTP connection unless a gateway sets its own."),
          QStringLiteral("外部への SMTP 配送すべてに適用する既定オプション（NeedTLS、OutBind など）。ゲートウェイ個別の指定が優先。"),
          false },
        { QStringLiteral("HeloDomain"), T::Domain, QString(), G::Delivery,
          QStringLiteral("Name XMail sends in HELO/EHLO when delivering to other servers; unset uses the local IP's reverse name."),
          QStringLiteral("外部サーバーへ配送するときに HELO/EHLO で名乗るホスト名。未設定ならローカル IP の逆引き名。"),
          false },
        { QStringLiteral("ErrorsAdmin"), T::Address, QString(), G::Delivery,
          QStringLiteral("Mailbox copied on every permanent delivery failure notice; empty means only the sender hears about it."),
          QStringLiteral("配送エラー（恒久的な失敗）の通知を受け取る管理者アドレス。空なら送信者にだけ通知する。"),
          false },
        { QStringLiteral("TempErrorsAdmin"), T::Address, QString(), G::Delivery,
          QStringLiteral("Mailbox copied on notices about temporary delivery failures; empty means only the sender hears about it."),
          QStringLiteral("一時的な配送エラーの通知を受け取る管理者アドレス。空なら送信者にだけ通知する。"),
          false },
        { QStringLiteral("RemoveSpoolErrors"), T::Boolean, QStringLiteral("0"), G::Delivery,
          QStringLiteral("Deletes messages that fail delivery or filtering instead of parking them in the frozen (froz) queue."),
          QStringLiteral("配送やフィルタで失敗したメールを froz（凍結）ディレクトリに残さず削除する。"),
          false },
        { QStringLiteral("NotifyMsgLinesExtra"), T::Integer, QStringLiteral("0"), G::Delivery,
          QStringLiteral("How many lines of the original body, after its headers, a bounce notice quotes."),
          QStringLiteral("エラー通知（バウンス）に引用する元メール本文の行数（ヘッダの後ろ）。"),
          false },
        { QStringLiteral("NotifySendLogToSender"), T::Boolean, QStringLiteral("0"), G::Delivery,
          QStringLiteral("Includes the delivery attempt log in bounce notices sent to the sender."),
          QStringLiteral("送信者へのエラー通知に配送ログを含める。"),
          false },
        { QStringLiteral("NotifyTryPattern"), T::String, QString(), G::Delivery,
          QStringLiteral("Comma-separated attempt numbers after which the sender is warned that delivery keeps failing; empty sends no warnings."),
          QStringLiteral("何回目の配送リトライ失敗で送信者に途中経過を通知するか（カンマ区切り）。空なら通知しない。"),
          false },
        { QStringLiteral("NoSenderBounce"), T::Boolean, QStringLiteral("0"), G::Delivery,
          QStringLiteral("Gives XMail's bounces an empty envelope sender <> instead of the PostMaster address."),
          QStringLiteral("XMail が作るエラー通知のエンベロープ送信者を PostMaster ではなく空（<>）にする。"),
          false },
        { QStringLiteral("MaxMTAOps"), T::Integer, QStringLiteral("16"), G::Delivery,
          QStringLiteral("Number of relay hops (Received headers) after which a message is declared a mail loop."),
          QStringLiteral("メールループと判定するまでの中継回数（Received ヘッダの数）の上限。"),
          false },

        // ---- POP3 ----------------------------------------------------------------------
        { QStringLiteral("POP3Domain"), T::Domain, QString(), G::Pop3,
          QStringLiteral("Domain assumed for POP3 logins that give only a user name."),
          QStringLiteral("POP3 でドメインを省略してログインしたときに補うデフォルトドメイン。"),
          false },
        { QStringLiteral("Pop3MinVirtMemSpace"), T::Integer, QString(), G::Pop3,
          QStringLiteral("Turns POP3 clients away while free virtual memory is below this many KB; unset means no check."),
          QStringLiteral("空き仮想メモリがこの値（KB）を下回っている間は POP3 接続を受け付けない。未設定ならチェックしない。"),
          false },
        { QStringLiteral("Pop3SyncErrorAccount"), T::Address, QString(), G::Pop3,
          QStringLiteral("Local mailbox that collects messages fetched from remote POP3 accounts that XMail could not route."),
          QStringLiteral("POP3 取り込み（PSYNC）で配送先が決まらなかったメールを集めるローカルアカウント。"),
          false },
        { QStringLiteral("FetchHdrTags"), T::String, QStringLiteral("+X-Deliver-To,+Received,To,Cc"), G::Pop3,
          QStringLiteral("Headers searched for recipients of POP3-fetched mail, in order; a + prefix stops the search at the first hit."),
          QStringLiteral("POP3 で取り込んだメールの宛先を探すヘッダの一覧。+ 付きのヘッダで見つかればそこで打ち切る。"),
          false },
        { QStringLiteral("EnablePOP3-TLS"), T::Boolean, QStringLiteral("1"), G::Pop3,
          QStringLiteral("Advertises and accepts STLS on POP3."),
          QStringLiteral("POP3 の STLS（TLS への切り替え）を有効にする。"),
          false },

        // ---- DNS -----------------------------------------------------------------------
        { QStringLiteral("SmartDNSHost"), T::HostList, QString(), G::Dns,
          QStringLiteral("DNS servers (host:tcp or host:udp, comma-separated) that receive XMail's recursive queries instead of walking from the roots."),
          QStringLiteral("再帰問い合わせを任せる DNS サーバー（host:tcp / host:udp をカンマ区切り）。"),
          false },

        // ---- Logging -------------------------------------------------------------------
        { QStringLiteral("Pop3LogPasswd"), T::Integer, QStringLiteral("0"), G::Logging,
          QStringLiteral("Whether POP3 passwords reach the POP3 log: 0 never, 1 only for failed logins, 2 always."),
          QStringLiteral("POP3 ログにパスワードを記録するか。0=記録しない、1=ログイン失敗時のみ、2=常に。"),
          false },

        // ---- xmflow extensions (ignored by plain XMail) --------------------------------
        { QStringLiteral("XMF-DelayStart"), T::String, QStringLiteral("connect"), G::Extension,
          QStringLiteral("When the per-command delay starts: connect (as XMail) or mail, which leaves EHLO, STARTTLS and AUTH before MAIL FROM undelayed."),
          QStringLiteral("遅延を始めるタイミング。connect=接続直後（XMail と同じ）、mail=MAIL FROM から。mail なら SMTP認証 するユーザーは待たされない。"),
          true },
        { QStringLiteral("XMF-GreetPause"), T::Seconds, QStringLiteral("0"), G::Extension,
          QStringLiteral("Seconds to hold back the 220 banner; a client that speaks first is rejected as an early talker. 0 disables it."),
          QStringLiteral("220 応答を返すまで待つ秒数（グリートポーズ）。先に喋り出したクライアントは拒否して切断する。0 で無効。"),
          true },
        { QStringLiteral("XMF-GreetPassTTL"), T::Seconds, QStringLiteral("86400"), G::Extension,
          QStringLiteral("How long, in seconds, a peer that passed the greet pause may skip it on later connections."),
          QStringLiteral("グリートポーズを通過した IP を、以降の接続で免除する期間（秒）。"),
          true },
        { QStringLiteral("XMF-DefaultDelay"), T::Seconds, QStringLiteral("0"), G::Extension,
          QStringLiteral("Per-command delay for every peer not whitelisted; the larger of this and any other delay applies."),
          QStringLiteral("ホワイトリスト以外のすべての接続にかける遅延（秒）。他の遅延とは大きい方が採用される。"),
          true },
        { QStringLiteral("XMF-NextHop"), T::HostList, QString(), G::Extension,
          QStringLiteral("Smart hosts xmflowd hands relayed mail to; when set it takes precedence over DefaultSMTPGateways."),
          QStringLiteral("xmflowd が中継メールを渡すスマートホスト。設定すると DefaultSMTPGateways より優先される。"),
          true },
        { QStringLiteral("XMF-LocalDelivery"), T::String, QStringLiteral("maildir"), G::Extension,
          QStringLiteral("Where xmflowd serve puts mail for local recipients: maildir (their Maildir under domains/) or "
                         "nexthop (front mode: every accepted message, local or not, goes through the spool to XMF-NextHop, "
                         "the XMail behind the front, after the recipient checks)."),
          QStringLiteral("ローカル宛のメールの行き先。maildir=domains/ 以下の Maildir に配送、nexthop=フロントモード"
                         "（受け付けたメールはローカル宛も含めすべてスプール経由で XMF-NextHop、つまり後ろの XMail に渡す。"
                         "宛先のチェックはフロントで行う）。"),
          true },
        { QStringLiteral("XMF-NextHopAuth"), T::String, QString(), G::Extension,
          QStringLiteral("user:password for SMTP AUTH (PLAIN or LOGIN) at XMF-NextHop; sent only over TLS or to a "
                         "loopback next hop."),
          QStringLiteral("XMF-NextHop への SMTP認証 (PLAIN または LOGIN) に使う ユーザー:パスワード。"
                         "TLS 上かループバックの相手にだけ送る。"),
          true },
        { QStringLiteral("XMF-NextHopTLS"), T::String, QStringLiteral("may"), G::Extension,
          QStringLiteral("STARTTLS to XMF-NextHop: may (when offered, certificate not verified: fine for a loopback or "
                         "LAN next hop), verify (required, certificate checked against the host name) or off."),
          QStringLiteral("XMF-NextHop への STARTTLS。may=相手が提供すれば使う（証明書は検証しない。ループバックや LAN の"
                         "相手向け）、verify=必須で証明書をホスト名で検証する、off=使わない。"),
          true },
        { QStringLiteral("XMF-MaxSessionsPerIP"), T::Integer, QStringLiteral("50"), G::Extension,
          QStringLiteral("Most concurrent xmflowd sessions from one client address; beyond it the client gets 421 4.7.0 and is "
                         "disconnected. WhiteList peers in smtp.ipprop.tab are exempt. A safety limit: it also applies "
                         "with --xmail-compat. 0 disables it."),
          QStringLiteral("1 つのクライアント IP から同時に張れる xmflowd のセッション数の上限。超えた接続には 421 4.7.0 を返して切断する。"
                         "smtp.ipprop.tab で WhiteList の IP は対象外。安全のための制限なので --xmail-compat でも有効。0 で無効。"),
          true },
        { QStringLiteral("XMF-Greylist"), T::Boolean, QStringLiteral("0"), G::Extension,
          QStringLiteral("Greylisting at RCPT TO: a new (client network, sender, recipient) gets 451 4.7.1 until it retries "
                         "after XMF-GreylistDelay. AUTH users, WhiteList peers and relay-allowed peers are never greylisted."),
          QStringLiteral("RCPT TO でのグレイリスト。初めての（送信元ネットワーク・送信者・宛先）の組には XMF-GreylistDelay 秒後の"
                         "再送まで 451 4.7.1 を返す。SMTP認証ユーザー、ホワイトリスト、リレー許可の IP は対象外。"),
          true },
        { QStringLiteral("XMF-GreylistDelay"), T::Seconds, QStringLiteral("300"), G::Extension,
          QStringLiteral("Seconds a new triplet must wait before a retry passes (postgrey's --delay)."),
          QStringLiteral("初めての組が再送で通過できるまでの秒数（postgrey の --delay）。"),
          true },
        { QStringLiteral("XMF-GreylistRetryWindow"), T::Seconds, QStringLiteral("172800"), G::Extension,
          QStringLiteral("Seconds after the first try during which a retry passes; a later retry starts over (postgrey: 2 days)."),
          QStringLiteral("初回から再送を受け付ける期間（秒）。これを過ぎた再送は初回扱い（postgrey では 2 日）。"),
          true },
        { QStringLiteral("XMF-GreylistMaxAge"), T::Seconds, QStringLiteral("3024000"), G::Extension,
          QStringLiteral("Seconds a passed triplet or an auto-whitelisted client is remembered (postgrey: 35 days)."),
          QStringLiteral("通過した組や自動ホワイトリストの記録を保持する秒数（postgrey では 35 日）。"),
          true },
        { QStringLiteral("XMF-GreylistIPv4Prefix"), T::Integer, QStringLiteral("24"), G::Extension,
          QStringLiteral("IPv4 clients are greylisted by network of this prefix length (/24: a sender's retry from a neighbour "
                         "address passes)."),
          QStringLiteral("IPv4 の送信元をこのプレフィックス長のネットワーク単位で扱う（/24 なら隣のアドレスからの再送も通る）。"),
          true },
        { QStringLiteral("XMF-GreylistIPv6Prefix"), T::Integer, QStringLiteral("64"), G::Extension,
          QStringLiteral("IPv6 clients are greylisted by network of this prefix length (/64)."),
          QStringLiteral("IPv6 の送信元をこのプレフィックス長のネットワーク単位で扱う（/64）。"),
          true },
        { QStringLiteral("XMF-GreylistAutoWhitelist"), T::Integer, QStringLiteral("5"), G::Extension,
          QStringLiteral("A client network whose retries passed this many times is no longer greylisted (postgrey's "
                         "--auto-whitelist-clients). 0 disables it."),
          QStringLiteral("再送での通過がこの回数に達した送信元ネットワークはグレイリストの対象外になる（postgrey の "
                         "--auto-whitelist-clients）。0 で無効。"),
          true },
        { QStringLiteral("XMF-GreylistWhitelist"), T::HostList, QString(), G::Extension,
          QStringLiteral("PTR domains never greylisted, comma separated (e.g. google.com,outlook.com): big senders that "
                         "retry from many addresses. A client whose reverse name ends in one of them passes. "
                         "A longer list, one domain a line, goes in xmflow-greylist-whitelist.tab."),
          QStringLiteral("グレイリストの対象外にする逆引きドメイン（カンマ区切り、例: google.com,outlook.com）。多数のアドレス"
                         "から再送する大手の送信元向け。逆引き名がこれらで終わる接続は通す。長い一覧は 1 行 1 ドメインで "
                         "xmflow-greylist-whitelist.tab に書く。"),
          true },
        { QStringLiteral("XMF-StateStore"), T::String, QString(), G::Extension,
          QStringLiteral("Where greylisting keeps its state: empty for an SQLite file in the MailRoot (one host), or "
                         "redis://HOST:PORT/DB for a Redis shared by several MX hosts. Fails open when unreachable."),
          QStringLiteral("グレイリストの状態の保存先。空なら MailRoot 内の SQLite ファイル（1 台構成）、複数の MX で共有するなら "
                         "redis://ホスト:ポート/DB。接続できないときはグレイリストをかけずに通す。"),
          true },
    };
}

const QHash<QString, qsizetype> &nameIndex()
{
    static const QHash<QString, qsizetype> index = [] {
        QHash<QString, qsizetype> h;
        const QList<VariableInfo> &list = VariableCatalogue::all();
        h.reserve(list.size());
        for (qsizetype i = 0; i < list.size(); ++i)
            h.insert(list.at(i).name, i);
        return h;
    }();
    return index;
}

} // namespace

const QList<VariableInfo> &VariableCatalogue::all()
{
    static const QList<VariableInfo> catalogue = buildCatalogue();
    return catalogue;
}

const VariableInfo *VariableCatalogue::find(QStringView name)
{
    const QList<VariableInfo> &list = all();
    const QHash<QString, qsizetype> &index = nameIndex();

    const auto it = index.constFind(name.toString());
    if (it != index.constEnd())
        return &list.at(it.value());

    // XMail builds "SmtpConfig-<ip>,<port>" and "SmtpConfig-<ip>" from the
    // listening socket, so any such name is the per-listener form of SmtpConfig.
    // A bare "SmtpConfig-" is never looked up by XMail and stays unknown.
    static const QString smtpConfigPrefix = QStringLiteral("SmtpConfig-");
    if (name.size() > smtpConfigPrefix.size()
        && name.startsWith(smtpConfigPrefix, Qt::CaseSensitive)) {
        const auto base = index.constFind(QStringLiteral("SmtpConfig"));
        if (base != index.constEnd())
            return &list.at(base.value());
    }
    return nullptr;
}

QString VariableCatalogue::groupTitleEn(VariableGroup group)
{
    switch (group) {
    case VariableGroup::General:     return QStringLiteral("General");
    case VariableGroup::SmtpPolicy:  return QStringLiteral("SMTP connection policy");
    case VariableGroup::SmtpSession: return QStringLiteral("SMTP session");
    case VariableGroup::Delivery:    return QStringLiteral("Delivery and bounces");
    case VariableGroup::Pop3:        return QStringLiteral("POP3");
    case VariableGroup::Dns:         return QStringLiteral("DNS");
    case VariableGroup::Logging:     return QStringLiteral("Logging");
    case VariableGroup::Extension:   return QStringLiteral("xmflow extensions");
    }
    return QString();
}

QString VariableCatalogue::groupTitleJa(VariableGroup group)
{
    switch (group) {
    case VariableGroup::General:     return QStringLiteral("全般");
    case VariableGroup::SmtpPolicy:  return QStringLiteral("SMTP 接続ポリシー（スパム対策）");
    case VariableGroup::SmtpSession: return QStringLiteral("SMTP セッション");
    case VariableGroup::Delivery:    return QStringLiteral("配送・エラー通知");
    case VariableGroup::Pop3:        return QStringLiteral("POP3");
    case VariableGroup::Dns:         return QStringLiteral("DNS");
    case VariableGroup::Logging:     return QStringLiteral("ログ");
    case VariableGroup::Extension:   return QStringLiteral("xmflow 拡張");
    }
    return QString();
}

} // namespace xmflow::model

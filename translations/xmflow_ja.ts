<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>xmflow::gui::BatchInput</name>
    <message>
        <source>line %1</source>
        <translation>%1 行目</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not an IP address</source>
        <translation>%1: 「%2」は IP アドレスではありません</translation>
    </message>
    <message>
        <source>%1: not an XMail smtp log record (13 tab-separated fields expected): %2</source>
        <translation>%1: XMail の smtp ログの行ではありません（タブ区切り 13 フィールドのはずです）: %2</translation>
    </message>
    <message>
        <source>%1: the peer field %2 is not a quoted IP address</source>
        <translation>%1: 接続元フィールド %2 が引用符付きの IP アドレスではありません</translation>
    </message>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation>%1: 読み込めません: %2</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::BatchResultsModel</name>
    <message>
        <source>accept</source>
        <translation>受け入れ</translation>
    </message>
    <message>
        <source>delay</source>
        <translation>遅延</translation>
    </message>
    <message>
        <source>reject (AUTH only)</source>
        <translation>拒否（SMTP認証のみ許可）</translation>
    </message>
    <message>
        <source>drop</source>
        <translation>接続拒否</translation>
    </message>
    <message>
        <source>delay %1 s</source>
        <translation>%1 秒遅延</translation>
    </message>
    <message>
        <source>reject %1 unless AUTH</source>
        <translation>SMTP認証しなければ %1 で拒否</translation>
    </message>
    <message>
        <source>drop %1</source>
        <translation>%1 で接続拒否</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 s (AUTH failed)</source>
        <translation>%1 秒（認証失敗）</translation>
    </message>
    <message>
        <source>Seconds a client without AUTH waits in a whole session (EHLO, MAIL, RCPT, DATA, QUIT)</source>
        <translation>SMTP認証しないクライアントが 1 セッション全体（EHLO、MAIL、RCPT、DATA、QUIT）で待たされる秒数</translation>
    </message>
    <message>
        <source>Seconds a client that authenticates waits in a whole session</source>
        <translation>SMTP認証するクライアントが 1 セッション全体で待たされる秒数</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP アドレス</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Deciding rule</source>
        <translation>決め手のルール</translation>
    </message>
    <message>
        <source>Plain session</source>
        <translation>認証なしセッション</translation>
    </message>
    <message>
        <source>AUTH session</source>
        <translation>認証ありセッション</translation>
    </message>
    <message>
        <source>How often the address appears in the list or the log</source>
        <translation>リストまたはログにこのアドレスが現れた回数</translation>
    </message>
    <message>
        <source>The table line (file:line) that decided</source>
        <translation>判定を決めたテーブルの行（ファイル:行）</translation>
    </message>
    <message>
        <source>Total seconds of delay for a session without AUTH</source>
        <translation>SMTP認証しないセッションの遅延の合計秒数</translation>
    </message>
    <message>
        <source>Total seconds of delay for a session that authenticates</source>
        <translation>SMTP認証するセッションの遅延の合計秒数</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::BatchSimulationPanel</name>
    <message>
        <source>Load XMail smtp logs</source>
        <translation>XMail の smtp ログを読み込む</translation>
    </message>
    <message>
        <source>XMail smtp logs (smtp-*);;All files (*)</source>
        <translation>XMail の smtp ログ (smtp-*);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Paste addresses or load an XMail smtp log, then simulate.</source>
        <translation>アドレスを貼り付けるか XMail の smtp ログを読み込んで、シミュレーションしてください。</translation>
    </message>
    <message>
        <source>Open a MailRoot first.</source>
        <translation>先に MailRoot を開いてください。</translation>
    </message>
    <message>
        <source>No IP address to simulate.</source>
        <translation>シミュレーションする IP アドレスがありません。</translation>
    </message>
    <message>
        <source>Simulating %1 of %2 addresses…</source>
        <translation>%2 件中 %1 件のアドレスをシミュレーション中…</translation>
    </message>
    <message>
        <source>%1 addresses (%2 connections) simulated in %3 s.</source>
        <translation>%1 件のアドレス（接続 %2 回）を %3 秒でシミュレーションしました。</translation>
    </message>
    <message>
        <source>Canceled after %1 of %2 addresses.</source>
        <translation>%2 件中 %1 件で中止しました。</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) could not be used:</source>
        <translation>
            <numerusform>%n 行は使えませんでした:</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the batch results</source>
        <translation>一括シミュレーションの結果をエクスポート</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>エクスポートに失敗しました</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 に書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>Client addresses</source>
        <translation>クライアントのアドレス</translation>
    </message>
    <message>
        <source>One IP address per line, e.g.
203.0.113.7
198.51.100.20
# comments and blank lines are ignored</source>
        <translation>1 行に 1 つの IP アドレス。例:
203.0.113.7
198.51.100.20
# コメントと空行は無視されます</translation>
    </message>
    <message>
        <source>&amp;Simulate</source>
        <translation>シミュレーション(&amp;S)</translation>
    </message>
    <message>
        <source>Run every address through the engine&apos;s policy and session, as xmflowd simulate does</source>
        <translation>xmflowd simulate と同じく、各アドレスをエンジンのポリシーとセッションで実行します</translation>
    </message>
    <message>
        <source>Load smtp &amp;Log…</source>
        <translation>smtp ログを読み込む(&amp;L)…</translation>
    </message>
    <message>
        <source>Simulate the client addresses of XMail smtp logs (MailRoot/logs/smtp-*), counted</source>
        <translation>XMail の smtp ログ (MailRoot/logs/smtp-*) に現れたクライアントのアドレスを、回数つきでシミュレーションします</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>CSV をエクスポート(&amp;C)…</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>オプション</translation>
    </message>
    <message>
        <source>XMail 1.27 compatible (ignore the XMF- extensions)</source>
        <translation>XMail 1.27 互換（XMF- 拡張を無視）</translation>
    </message>
    <message>
        <source>Listener port:</source>
        <translation>接続先ポート:</translation>
    </message>
    <message>
        <source>The port the clients connect to (SmtpConfig-IP,PORT options apply)</source>
        <translation>クライアントが接続するポート（SmtpConfig-IP,PORT のオプションが適用されます）</translation>
    </message>
    <message>
        <source>Also simulate an authenticated session</source>
        <translation>SMTP認証するセッションもシミュレーションする</translation>
    </message>
    <message>
        <source>AUTH user:</source>
        <translation>認証ユーザー:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>パスワード:</translation>
    </message>
    <message>
        <source>Assume DNS answers for every address</source>
        <translation>すべてのアドレスに同じ DNS の応答を仮定する</translation>
    </message>
    <message>
        <source>Listed in maps:</source>
        <translation>登録されているマップ:</translation>
    </message>
    <message>
        <source>CustMapsList roots, comma-separated</source>
        <translation>CustMapsList のルート（カンマ区切り）</translation>
    </message>
    <message>
        <source>Reverse DNS name:</source>
        <translation>逆引き名:</translation>
    </message>
    <message>
        <source>empty: no PTR record</source>
        <translation>空欄: PTR レコードなし</translation>
    </message>
    <message>
        <source>No DNS query is sent: without assumed answers, every address counts as not listed and without a PTR record.</source>
        <translation>DNS への問い合わせは行いません。応答を仮定しない場合、すべてのアドレスは未登録・PTR レコードなしとして扱います。</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>アドレス数</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>接続数</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>件数</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::CodeEditor</name>
    <message>
        <source>Drop the connection</source>
        <translation>接続を拒否</translation>
    </message>
    <message>
        <source>Allow only after SMTP AUTH</source>
        <translation>SMTP認証した場合のみ許可</translation>
    </message>
    <message>
        <source>Delay every command</source>
        <translation>コマンドごとに遅延</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>What XMail does with a matching client</source>
        <translation>該当したクライアントに対する XMail の処理</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::DaemonCharts</name>
    <message>
        <source>Sessions now</source>
        <translation>現在のセッション数</translation>
    </message>
    <message>
        <source>Connections per minute</source>
        <translation>1 分あたりの接続数</translation>
    </message>
    <message>
        <source>Rejects by reason</source>
        <translation>理由別の拒否数</translation>
    </message>
    <message>
        <source>Delays (each wait)</source>
        <translation>遅延（待機ごと）</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>セッション</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>接続数</translation>
    </message>
    <message>
        <source>Rejects</source>
        <translation>拒否数</translation>
    </message>
    <message>
        <source>Waits</source>
        <translation>待機回数</translation>
    </message>
    <message>
        <source>≥ %1 s</source>
        <translation>%1 秒以上</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1–%2 s</source>
        <translation>%1–%2 秒</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::DaemonPanel</name>
    <message>
        <source>&apos;%1&apos; is not a listen address (ADDR:PORT, [v6]:PORT or PORT): %2</source>
        <translation>「%1」は待ち受けアドレスではありません（ADDR:PORT、[v6]:PORT または PORT）: %2</translation>
    </message>
    <message>
        <source>Give at least one listen address, e.g. %1.</source>
        <translation>待ち受けアドレスを 1 つ以上指定してください（例: %1）。</translation>
    </message>
    <message>
        <source>Open a MailRoot first.</source>
        <translation>先に MailRoot を開いてください。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The daemon stopped unexpectedly.&lt;/b&gt; %1 Its last messages are below; Restart runs it again with the same settings.</source>
        <translation>&lt;b&gt;デーモンが予期せず停止しました。&lt;/b&gt; %1 最後のメッセージを下に示します。「再起動」で同じ設定のまま再び起動します。</translation>
    </message>
    <message>
        <source>MailRoot: %1</source>
        <translation>MailRoot: %1</translation>
    </message>
    <message>
        <source>No MailRoot open.</source>
        <translation>MailRoot が開かれていません。</translation>
    </message>
    <message>
        <source>The daemon still serves %1: restart it to serve the MailRoot open now.</source>
        <translation>デーモンはまだ %1 で動いています。いま開いている MailRoot で動かすには再起動してください。</translation>
    </message>
    <message>
        <source>The daemon serves the saved tables: save to apply your edits (it reloads changed files by itself).</source>
        <translation>デーモンは保存済みのテーブルで動きます。編集を反映するには保存してください（変更されたファイルは自動で再読み込みされます）。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>停止中。</translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation>%1 を起動中…</translation>
    </message>
    <message>
        <source>Running (pid %1), listening on %2.</source>
        <translation>実行中（pid %1）、%2 で待ち受けています。</translation>
    </message>
    <message numerus="yes">
        <source>Stopping: live sessions get %n second(s) to finish…</source>
        <translation>
            <numerusform>停止中: 接続中のセッションは %n 秒以内に終了します…</numerusform>
        </translation>
    </message>
    <message>
        <source>The daemon stopped unexpectedly.</source>
        <translation>デーモンが予期せず停止しました。</translation>
    </message>
    <message>
        <source>Sessions now: %1   Connections: %2   Rejects: %3   Delays: %4   Events kept: %5</source>
        <translation>現在のセッション: %1   接続: %2   拒否: %3   遅延: %4   保持中のイベント: %5</translation>
    </message>
    <message>
        <source>Greylisted: %1   Passed: %2   Auto-whitelisted: %3</source>
        <translation>グレイリスト保留: %1   通過: %2   自動ホワイトリスト: %3</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>すべてのイベント</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>待ち受けアドレス(&amp;L):</translation>
    </message>
    <message>
        <source>Addresses the daemon listens on, separated by spaces: ADDR:PORT, [v6]:PORT or PORT</source>
        <translation>デーモンが待ち受けるアドレス（空白区切り）: ADDR:PORT、[v6]:PORT または PORT</translation>
    </message>
    <message>
        <source>XMail 1.27 compatible</source>
        <translation>XMail 1.27 互換</translation>
    </message>
    <message>
        <source>Run with --xmail-compat: every XMF- extension is ignored</source>
        <translation>--xmail-compat で実行します。XMF- 拡張はすべて無視されます</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>起動(&amp;S)</translation>
    </message>
    <message>
        <source>Run the bundled xmflowd serve on this MailRoot</source>
        <translation>同梱の xmflowd serve をこの MailRoot で実行します</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Ask the daemon to stop (SIGTERM); it is killed if it does not end in time</source>
        <translation>デーモンに停止を求めます (SIGTERM)。時間内に終わらなければ強制終了します</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>再起動(&amp;R)</translation>
    </message>
    <message>
        <source>Event:</source>
        <translation>イベント:</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>クライアント:</translation>
    </message>
    <message>
        <source>part of an IP address</source>
        <translation>IP アドレスの一部</translation>
    </message>
    <message>
        <source>Rejects only</source>
        <translation>拒否のみ</translation>
    </message>
    <message>
        <source>Clear Log</source>
        <translation>ログを消去</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::DaemonProcess</name>
    <message>
        <source>The daemon is already running.</source>
        <translation>デーモンはすでに実行中です。</translation>
    </message>
    <message>
        <source>xmflowd was found neither next to xmflow nor in PATH.</source>
        <translation>xmflowd が xmflow と同じフォルダーにも PATH にも見つかりません。</translation>
    </message>
    <message>
        <source>The daemon has not been started yet.</source>
        <translation>デーモンはまだ起動されていません。</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>%1 を起動できませんでした: %2</translation>
    </message>
    <message>
        <source>The daemon was terminated by signal %1 (%2).</source>
        <translation>デーモンはシグナル %1 (%2) で終了しました。</translation>
    </message>
    <message>
        <source>The daemon ended with exit code %1.</source>
        <translation>デーモンは終了コード %1 で終了しました。</translation>
    </message>
    <message>
        <source>The daemon ended by itself (exit code 0).</source>
        <translation>デーモンが自ら終了しました（終了コード 0）。</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::DiagnosticsPanel</name>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>情報</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重要度</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>検査結果</translation>
    </message>
    <message>
        <source>All findings</source>
        <translation>すべての検査結果</translation>
    </message>
    <message>
        <source>Errors and warnings</source>
        <translation>エラーと警告</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>エラーのみ</translation>
    </message>
    <message>
        <source>No findings: XMail will read every line as written.</source>
        <translation>問題はありません。XMail はすべての行を記述どおりに読み込みます。</translation>
    </message>
    <message>
        <source>%1 errors, %2 warnings, %3 notes</source>
        <translation>エラー %1 件、警告 %2 件、情報 %3 件</translation>
    </message>
    <message>
        <source>Click a finding to jump to its line.</source>
        <translation>検査結果をクリックすると該当する行へ移動します。</translation>
    </message>
    <message>
        <source>What XMail does:</source>
        <translation>XMail の動作:</translation>
    </message>
    <message>
        <source>How to fix:</source>
        <translation>対処方法:</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::EventLogModel</name>
    <message>
        <source>(no reason given)</source>
        <translation>（理由なし）</translation>
    </message>
    <message>
        <source>connection to %1</source>
        <translation>%1 への接続</translation>
    </message>
    <message>
        <source>drop</source>
        <translation>接続拒否</translation>
    </message>
    <message>
        <source>whitelisted</source>
        <translation>ホワイトリスト</translation>
    </message>
    <message>
        <source>delay %1 s per command from MAIL FROM</source>
        <translation>MAIL FROM からコマンドごとに %1 秒遅延</translation>
    </message>
    <message>
        <source>delay %1 s per command</source>
        <translation>コマンドごとに %1 秒遅延</translation>
    </message>
    <message>
        <source>greet pause %1 s</source>
        <translation>グリートポーズ %1 秒</translation>
    </message>
    <message>
        <source>MAIL FROM needs AUTH</source>
        <translation>MAIL FROM には SMTP認証が必要</translation>
    </message>
    <message>
        <source>accept</source>
        <translation>受け入れ</translation>
    </message>
    <message>
        <source>(after %1 s)</source>
        <translation>（%1 秒後）</translation>
    </message>
    <message>
        <source>wait %1 s</source>
        <translation>%1 秒待機</translation>
    </message>
    <message>
        <source>wait %1 s before %2</source>
        <translation>%2 の前に %1 秒待機</translation>
    </message>
    <message>
        <source>authenticated as %1</source>
        <translation>%1 として認証</translation>
    </message>
    <message>
        <source>listening on %1</source>
        <translation>%1 で待ち受け</translation>
    </message>
    <message>
        <source>tables reloaded (%1)</source>
        <translation>テーブルを再読み込み（%1）</translation>
    </message>
    <message>
        <source>reload failed (%1): %2</source>
        <translation>再読み込みに失敗（%1）: %2</translation>
    </message>
    <message numerus="yes">
        <source>shutting down with %n live session(s)</source>
        <translation>
            <numerusform>接続中のセッション %n 件を残して終了処理中</numerusform>
        </translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>セッション</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>クライアント</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::FlowchartPanel</name>
    <message>
        <source>Export the flowchart</source>
        <translation>フローチャートをエクスポート</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 画像 (*.png);;SVG 図 (*.svg);;PDF 文書 (*.pdf)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>エクスポートに失敗しました</translation>
    </message>
    <message>
        <source>Flowchart written to %1</source>
        <translation>フローチャートを %1 に書き出しました</translation>
    </message>
    <message>
        <source>Flowchart</source>
        <translation>フローチャート</translation>
    </message>
    <message>
        <source>Reset Layout</source>
        <translation>配置をリセット</translation>
    </message>
    <message>
        <source>Put every moved node back in place</source>
        <translation>移動したノードをすべて元の位置に戻します</translation>
    </message>
    <message>
        <source>Clear Path</source>
        <translation>経路を消去</translation>
    </message>
    <message>
        <source>Remove the simulated session from the flowchart</source>
        <translation>シミュレーションした経路をフローチャートから消します</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <source>Save the flowchart as PNG, SVG or PDF</source>
        <translation>フローチャートを PNG・SVG・PDF で保存します</translation>
    </message>
    <message>
        <source>With xmflow extensions</source>
        <translation>xmflow 拡張あり</translation>
    </message>
    <message>
        <source>XMail 1.27 compatible</source>
        <translation>XMail 1.27 互換</translation>
    </message>
    <message>
        <source>Show what plain XMail 1.27 does, or what xmflowd does with the XMF- extensions</source>
        <translation>素の XMail 1.27 の動作か、XMF- 拡張を使う xmflowd の動作かを切り替えます</translation>
    </message>
    <message>
        <source>Click a stage to open its table; drag to move it or to pan; wheel to zoom.</source>
        <translation>段階をクリックするとテーブルを開きます。ドラッグで移動・スクロール、ホイールで拡大縮小。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Start here:&lt;/b&gt; type &lt;b&gt;203.0.113.10&lt;/b&gt; in the client box above and press Enter: the path it takes lights up. Then tick &lt;b&gt;AUTH as&lt;/b&gt; and compare the timelines below: XMail 1.27 delays even the authenticated user.</source>
        <translation>&lt;b&gt;まずはここから:&lt;/b&gt; 上のクライアント欄に &lt;b&gt;203.0.113.10&lt;/b&gt; と入力して Enter を押すと、たどる経路が光ります。次に「&lt;b&gt;認証ユーザー&lt;/b&gt;」にチェックを入れ、下のタイムラインを比べてください。XMail 1.27 では SMTP認証したユーザーまで遅延します。</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::FlowchartScene</name>
    <message>
        <source>At connect: evaluated once for each connection</source>
        <translation>接続時: 接続ごとに 1 回だけ評価</translation>
    </message>
    <message>
        <source>During the session: before every command</source>
        <translation>セッション中: コマンドごとに評価</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通過</translation>
    </message>
    <message>
        <source>delay</source>
        <translation>遅延</translation>
    </message>
    <message>
        <source>AUTH only</source>
        <translation>SMTP認証のみ</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>省略</translation>
    </message>
    <message>
        <source>XMF = xmflow extension</source>
        <translation>XMF = xmflow 拡張</translation>
    </message>
    <message>
        <source>How XMail decides</source>
        <translation>XMail の判定の流れ</translation>
    </message>
    <message>
        <source>How XMail decides: %1</source>
        <translation>XMail の判定の流れ: %1</translation>
    </message>
    <message>
        <source>XMail 1.27 compatible: the XMF- extensions are ignored</source>
        <translation>XMail 1.27 互換: XMF- 拡張は無視されます</translation>
    </message>
    <message>
        <source>With the xmflow extensions (XMF- variables, dashed stages)</source>
        <translation>xmflow 拡張あり (XMF- 変数、破線の段階)</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>切断</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>受信完了</translation>
    </message>
    <message>
        <source>ignored</source>
        <translation>無視</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未設定</translation>
    </message>
    <message>
        <source>no delay</source>
        <translation>遅延なし</translation>
    </message>
    <message>
        <source>no AUTH</source>
        <translation>認証なし</translation>
    </message>
    <message>
        <source>allowed</source>
        <translation>許可</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>一致なし</translation>
    </message>
    <message>
        <source>drop</source>
        <translation>切断</translation>
    </message>
    <message>
        <source>early talker</source>
        <translation>先行送信</translation>
    </message>
    <message>
        <source>delay %1 s</source>
        <translation>%1 秒遅延</translation>
    </message>
    <message>
        <source>pause %1 s</source>
        <translation>%1 秒待機</translation>
    </message>
    <message>
        <source>whitelisted</source>
        <translation>ホワイトリスト</translation>
    </message>
    <message>
        <source>properties</source>
        <translation>プロパティ適用</translation>
    </message>
    <message>
        <source>%1 s per command</source>
        <translation>コマンドごとに %1 秒</translation>
    </message>
    <message>
        <source>up to %1 s</source>
        <translation>最大 %1 秒</translation>
    </message>
    <message>
        <source>authenticated</source>
        <translation>認証成功</translation>
    </message>
    <message>
        <source>AUTH failed</source>
        <translation>認証失敗</translation>
    </message>
    <message>
        <source>Reads: %1</source>
        <translation>参照: %1</translation>
    </message>
    <message>
        <source>An xmflow extension: plain XMail 1.27 skips this stage.</source>
        <translation>xmflow 拡張: 素の XMail 1.27 にはこの段階はありません。</translation>
    </message>
    <message>
        <source>This session: %1</source>
        <translation>このセッション: %1</translation>
    </message>
    <message>
        <source>Click to open %1.</source>
        <translation>クリックすると %1 を開きます。</translation>
    </message>
    <message>
        <source>%1 could not be written.</source>
        <translation>%1 に書き込めませんでした。</translation>
    </message>
    <message>
        <source>Unknown image type &quot;%1&quot;: use .png, .svg or .pdf.</source>
        <translation>不明な画像形式「%1」です。.png、.svg、.pdf のいずれかにしてください。</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::FlowchartView</name>
    <message>
        <source>Zoom &amp;In</source>
        <translation>拡大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>ウィンドウに合わせる(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole flowchart (Ctrl+0)</source>
        <translation>フローチャート全体を表示 (Ctrl+0)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>拡大 (Ctrl++)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>縮小 (Ctrl+-)</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::ImpactClientsModel</name>
    <message>
        <source>(no AUTH)</source>
        <translation>(AUTH なし)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>セッション数</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>After the edit</source>
        <translation>編集後</translation>
    </message>
    <message>
        <source>Seconds added per session</source>
        <translation>セッションあたりの増加秒数</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::ImpactPanel</name>
    <message>
        <source>Canceled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <source>Choose XMail smtp logs</source>
        <translation>XMail の smtp ログを選ぶ</translation>
    </message>
    <message>
        <source>XMail smtp logs (smtp-* *.gz);;All files (*)</source>
        <translation>XMail の smtp ログ (smtp-* *.gz);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Choose the smtp logs to replay.</source>
        <translation>再生する smtp ログを選んでください。</translation>
    </message>
    <message>
        <source>Open a MailRoot first.</source>
        <translation>先に MailRoot を開いてください。</translation>
    </message>
    <message>
        <source>Replaying the logs...</source>
        <translation>ログを再生しています...</translation>
    </message>
    <message>
        <source>%1 from %2 (+%3 s per session)</source>
        <translation>%2 からの %1 (セッションあたり +%3 秒)</translation>
    </message>
    <message numerus="yes">
        <source>These edits make %n authenticated user(s) slower:</source>
        <translation>
            <numerusform>この編集で認証済みユーザー %n 人が遅くなります:</numerusform>
        </translation>
    </message>
    <message>
        <source>Authenticated users get slower</source>
        <translation>認証済みユーザーが遅くなります</translation>
    </message>
    <message>
        <source>Save anyway?</source>
        <translation>それでも保存しますか?</translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation>保存に失敗しました</translation>
    </message>
    <message>
        <source>What changes</source>
        <translation>影響確認</translation>
    </message>
    <message>
        <source>Logs...</source>
        <translation>ログ...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Save...</source>
        <translation>保存...</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>セッション数</translation>
    </message>
    <message>
        <source>No smtp logs chosen</source>
        <translation>smtp ログが選ばれていません</translation>
    </message>
    <message>
        <source>The saved MailRoot cannot be read: %1</source>
        <translation>保存済みの MailRoot を読めません: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n log line(s), %1 clients: the edits change no session.</source>
        <translation>
            <numerusform>ログ %n 行、クライアント %1: 編集で変わるセッションはありません。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n log line(s), %1 clients: %2 transitions; %3 authenticated users slower; waiting time of real users %4 s.</source>
        <translation>
            <numerusform>ログ %n 行、クライアント %1: 変化 %2 種類、遅くなる認証済みユーザー %3 人、実ユーザーの待ち時間 %4 秒。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xmflow::gui::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近開いた MailRoot(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>メインツールバー</translation>
    </message>
    <message>
        <source>&amp;Open MailRoot…</source>
        <translation>MailRoot を開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an XMail MailRoot folder</source>
        <translation>XMail の MailRoot フォルダーを開きます</translation>
    </message>
    <message>
        <source>Open the &amp;Sample MailRoot</source>
        <translation>サンプル MailRoot を開く(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the changed tables (the previous files are kept as .bak)</source>
        <translation>変更したテーブルを保存します（元のファイルは .bak として残ります）</translation>
    </message>
    <message>
        <source>Re&amp;load from Disk</source>
        <translation>ディスクから再読み込み(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Export Tables…</source>
        <translation>テーブルをエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Write every table to a folder, ready for XMail</source>
        <translation>すべてのテーブルを XMail でそのまま使える形でフォルダーに書き出します</translation>
    </message>
    <message>
        <source>Export &amp;Report (PDF/HTML)…</source>
        <translation>設定レポートを出力(&amp;R)（PDF/HTML）…</translation>
    </message>
    <message>
        <source>Write a printable report of the tables, variables and findings</source>
        <translation>テーブル・変数・検査結果を印刷用のレポートに書き出します</translation>
    </message>
    <message>
        <source>&amp;Print Report…</source>
        <translation>レポートを印刷(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>元に戻す(&amp;U): %1</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>やり直し(&amp;R): %1</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直し(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Add Line</source>
        <translation>行を追加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Delete Lines</source>
        <translation>行を削除(&amp;D)</translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation>上へ移動(&amp;U)</translation>
    </message>
    <message>
        <source>Move Do&amp;wn</source>
        <translation>下へ移動(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Copy Lines</source>
        <translation>行をコピー(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste Lines</source>
        <translation>行を貼り付け(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>検索(&amp;F)…</translation>
    </message>
    <message>
        <source>Which Lines Match an &amp;IP?</source>
        <translation>IP に一致する行を探す(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;About xmflow</source>
        <translation>xmflow について(&amp;A)</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>検査結果</translation>
    </message>
    <message>
        <source>MailRoot:</source>
        <translation>MailRoot:</translation>
    </message>
    <message>
        <source>Recently opened MailRoot folders</source>
        <translation>最近開いた MailRoot フォルダー</translation>
    </message>
    <message>
        <source>%1 (sample)</source>
        <translation>%1（サンプル）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>xmflow</source>
        <translation>xmflow</translation>
    </message>
    <message>
        <source>%1 errors, %2 warnings</source>
        <translation>エラー %1 件、警告 %2 件</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存の変更あり</translation>
    </message>
    <message>
        <source>No MailRoot open</source>
        <translation>MailRoot が開かれていません</translation>
    </message>
    <message>
        <source>Cannot open the MailRoot</source>
        <translation>MailRoot を開けません</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 を開きました</translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation>保存に失敗しました</translation>
    </message>
    <message>
        <source>The tables could not be saved: %1
No file was left half written.</source>
        <translation>テーブルを保存できませんでした: %1
書きかけのファイルは残っていません。</translation>
    </message>
    <message>
        <source>Saved; the previous files are kept as .bak</source>
        <translation>保存しました。元のファイルは .bak として残っています</translation>
    </message>
    <message>
        <source>The MailRoot has unsaved changes. Save them before continuing?</source>
        <translation>MailRoot に未保存の変更があります。続ける前に保存しますか？</translation>
    </message>
    <message>
        <source>Choose an XMail MailRoot folder</source>
        <translation>XMail の MailRoot フォルダーを選択</translation>
    </message>
    <message>
        <source>These files were changed by another program:
%1

Reload them?</source>
        <translation>次のファイルが他のプログラムによって変更されました:
%1

再読み込みしますか？</translation>
    </message>
    <message>
        <source>Your unsaved edits in them will be lost.</source>
        <translation>これらのファイルに対する未保存の編集は失われます。</translation>
    </message>
    <message>
        <source>Files changed on disk</source>
        <translation>ディスク上のファイルが変更されました</translation>
    </message>
    <message>
        <source>Reload failed</source>
        <translation>再読み込みに失敗しました</translation>
    </message>
    <message>
        <source>Reloaded %1</source>
        <translation>%1 を再読み込みしました</translation>
    </message>
    <message>
        <source>Export the tables to a folder</source>
        <translation>テーブルのエクスポート先フォルダー</translation>
    </message>
    <message>
        <source>xmflow extensions in server.tab</source>
        <translation>server.tab に xmflow 拡張があります</translation>
    </message>
    <message>
        <source>server.tab uses xmflow extensions that plain XMail 1.27 ignores:
%1

Yes: leave them out (for plain XMail).
No: keep them (for xmflowd).</source>
        <translation>server.tab で、素の XMail 1.27 が無視する xmflow 拡張を使っています:
%1

はい: 拡張を除いて書き出す（素の XMail 用）
いいえ: 拡張を残す（xmflowd 用）</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>エクスポートに失敗しました</translation>
    </message>
    <message>
        <source>Exported the tables to %1</source>
        <translation>テーブルを %1 にエクスポートしました</translation>
    </message>
    <message>
        <source>left out: %1</source>
        <translation>除外: %1</translation>
    </message>
    <message>
        <source>Export the configuration report</source>
        <translation>設定レポートの出力</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;HTML (*.html)</source>
        <translation>PDF (*.pdf);;HTML (*.html)</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>レポートを %1 に書き出しました</translation>
    </message>
    <message>
        <source>About xmflow</source>
        <translation>xmflow について</translation>
    </message>
    <message>
        <source>&lt;b&gt;xmflow %1&lt;/b&gt;&lt;br/&gt;See, check and edit what an XMail 1.27 MailRoot does with each SMTP client.</source>
        <translation>&lt;b&gt;xmflow %1&lt;/b&gt;&lt;br/&gt;XMail 1.27 の MailRoot が SMTP クライアントをどう扱うかを確認・検査・編集するツールです。</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>一括実行</translation>
    </message>
    <message>
        <source>Simulate many client IPs at once, pasted or from an XMail smtp log</source>
        <translation>多数のクライアント IP をまとめてシミュレーションします（貼り付け、または XMail の smtp ログから）</translation>
    </message>
    <message>
        <source>Daemon</source>
        <translation>デーモン</translation>
    </message>
    <message>
        <source>Run the bundled xmflowd on this MailRoot and watch it live</source>
        <translation>同梱の xmflowd をこの MailRoot で実行し、動作をリアルタイムに監視します</translation>
    </message>
    <message>
        <source>&amp;Start Daemon</source>
        <translation>デーモンを起動(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top Daemon</source>
        <translation>デーモンを停止(&amp;T)</translation>
    </message>
    <message>
        <source>Open the sample MailRoot that comes with xmflow</source>
        <translation>xmflow に付属するサンプルの MailRoot を開きます</translation>
    </message>
    <message>
        <source>Read the tables again from the MailRoot folder</source>
        <translation>MailRoot フォルダーからテーブルを読み込み直します</translation>
    </message>
    <message>
        <source>Print the report of the tables, variables and findings</source>
        <translation>テーブル・変数・検査結果のレポートを印刷します</translation>
    </message>
    <message>
        <source>Close xmflow</source>
        <translation>xmflow を終了します</translation>
    </message>
    <message>
        <source>Undo: %1</source>
        <translation>元に戻す: %1</translation>
    </message>
    <message>
        <source>Undo the last change</source>
        <translation>最後の変更を元に戻します</translation>
    </message>
    <message>
        <source>Redo: %1</source>
        <translation>やり直し: %1</translation>
    </message>
    <message>
        <source>Redo the change undone last</source>
        <translation>最後に元に戻した変更をやり直します</translation>
    </message>
    <message>
        <source>Add a line to the open table</source>
        <translation>開いているテーブルに行を追加します</translation>
    </message>
    <message>
        <source>Delete the selected lines of the open table</source>
        <translation>開いているテーブルの選択した行を削除します</translation>
    </message>
    <message>
        <source>Move the selected lines up (the first matching line wins)</source>
        <translation>選択した行を上へ移動します（最初に一致した行が使われます）</translation>
    </message>
    <message>
        <source>Move the selected lines down (the first matching line wins)</source>
        <translation>選択した行を下へ移動します（最初に一致した行が使われます）</translation>
    </message>
    <message>
        <source>Copy the selected lines as tab-file text</source>
        <translation>選択した行をタブファイルのテキストとしてコピーします</translation>
    </message>
    <message>
        <source>Paste tab-file lines into the open table</source>
        <translation>タブファイルの行を開いているテーブルに貼り付けます</translation>
    </message>
    <message>
        <source>Mark the lines of the open table that match an IP address</source>
        <translation>開いているテーブルで IP アドレスに一致する行に印を付けます</translation>
    </message>
    <message>
        <source>The version of xmflow and what it is for</source>
        <translation>xmflow のバージョンと用途</translation>
    </message>
    <message>
        <source>Show xmflow in English</source>
        <translation>xmflow を英語で表示します</translation>
    </message>
    <message>
        <source>Show xmflow in Japanese</source>
        <translation>xmflow を日本語で表示します</translation>
    </message>
    <message>
        <source>Start the bundled xmflowd on this MailRoot</source>
        <translation>同梱の xmflowd をこの MailRoot で起動します</translation>
    </message>
    <message>
        <source>Stop the running xmflowd</source>
        <translation>実行中の xmflowd を停止します</translation>
    </message>
    <message>
        <source>Simulate a Client &amp;Address…</source>
        <translation>クライアントのアドレスをシミュレーション(&amp;A)…</translation>
    </message>
    <message>
        <source>Type a client address on the home view and press Enter (Ctrl+L)</source>
        <translation>ホーム画面でクライアントのアドレスを入力して Enter を押します (Ctrl+L)</translation>
    </message>
    <message>
        <source>Filter the open table, or type a client address (Ctrl+F)</source>
        <translation>開いているテーブルを絞り込むか、クライアントのアドレスを入力します (Ctrl+F)</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Show or hide the list of tables; click a table to open it beside the flowchart</source>
        <translation>テーブル一覧の表示を切り替えます。テーブルをクリックするとフローチャートの横に開きます</translation>
    </message>
    <message>
        <source>Show or hide the findings: lines XMail cannot use, and risky settings</source>
        <translation>検査結果（XMail が使えない行や危険な設定）の表示を切り替えます</translation>
    </message>
    <message>
        <source>Click a table to open it beside the flowchart</source>
        <translation>テーブルをクリックするとフローチャートの横に開きます</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>ホーム</translation>
    </message>
    <message>
        <source>The flowchart of this MailRoot and the simulator: what happens to a client address</source>
        <translation>この MailRoot のフローチャートとシミュレーター: クライアントのアドレスがどう扱われるか</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::ReportBuilder</name>
    <message>
        <source>xmflow configuration report</source>
        <translation>xmflow 設定レポート</translation>
    </message>
    <message>
        <source>MailRoot: %1</source>
        <translation>MailRoot: %1</translation>
    </message>
    <message>
        <source>Generated: %1</source>
        <translation>作成日時: %1</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>検査結果</translation>
    </message>
    <message>
        <source>No findings.</source>
        <translation>問題はありません。</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重要度</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>検査結果</translation>
    </message>
    <message>
        <source>How to fix</source>
        <translation>対処方法</translation>
    </message>
    <message>
        <source>server.tab variables</source>
        <translation>server.tab の変数</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>変数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>既定値</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Unknown to XMail 1.27</source>
        <translation>XMail 1.27 が知らない変数</translation>
    </message>
    <message>
        <source>[xmflow extension] </source>
        <translation>［xmflow 拡張］</translation>
    </message>
    <message>
        <source>The file does not exist; XMail treats it as empty.</source>
        <translation>ファイルがありません。XMail は空のテーブルとして扱います。</translation>
    </message>
    <message>
        <source>Empty.</source>
        <translation>空です。</translation>
    </message>
    <message>
        <source>The PDF could not be written to %1</source>
        <translation>PDF を %1 に書き出せませんでした</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::ServerEditor</name>
    <message>
        <source>Variables</source>
        <translation>変数</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Find a variable…</source>
        <translation>変数を検索…</translation>
    </message>
    <message>
        <source>Reset to default</source>
        <translation>既定値に戻す</translation>
    </message>
    <message>
        <source>Remove the variable from server.tab so that XMail&apos;s default applies</source>
        <translation>server.tab から変数を削除し、XMail の既定値を使います</translation>
    </message>
    <message>
        <source>Select a variable to see what it does. Double-click a value to edit it.</source>
        <translation>変数を選ぶと説明が表示されます。値をダブルクリックすると編集できます。</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::ServerVariablesModel</name>
    <message>
        <source>Unknown to XMail 1.27</source>
        <translation>XMail 1.27 が知らない変数</translation>
    </message>
    <message>
        <source>%1 (%2 set)</source>
        <translation>%1（%2 件設定）</translation>
    </message>
    <message>
        <source>Set on line %1</source>
        <translation>%1 行目で設定</translation>
    </message>
    <message>
        <source>Not set: XMail uses the default</source>
        <translation>未設定: XMail は既定値を使います</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>Set more than once: XMail uses only line %1</source>
        <translation>複数回設定されています。XMail が使うのは %1 行目だけです</translation>
    </message>
    <message>
        <source>Unknown to XMail 1.27: kept in server.tab, XMail ignores it</source>
        <translation>XMail 1.27 が知らない変数: server.tab にはそのまま残り、XMail は無視します</translation>
    </message>
    <message>
        <source>[xmflow extension] </source>
        <translation>［xmflow 拡張］</translation>
    </message>
    <message>
        <source>This name is unknown to XMail 1.27. xmflow keeps the line unchanged; XMail ignores it.</source>
        <translation>この変数名は XMail 1.27 にはありません。xmflow は行をそのまま残し、XMail は無視します。</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>既定値: %1</translation>
    </message>
    <message>
        <source>xmflow extension: plain XMail 1.27 ignores this variable.</source>
        <translation>xmflow 拡張: 素の XMail 1.27 はこの変数を無視します。</translation>
    </message>
    <message>
        <source>Set %1</source>
        <translation>%1 を設定</translation>
    </message>
    <message>
        <source>Reset %1 to its default</source>
        <translation>%1 を既定値に戻す</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>変数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>既定値</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>説明</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::SimulatorPanel</name>
    <message>
        <source>Open a MailRoot first.</source>
        <translation>先に MailRoot を開いてください。</translation>
    </message>
    <message>
        <source>“%1” is not an IP address.</source>
        <translation>「%1」は IP アドレスではありません。</translation>
    </message>
    <message>
        <source>The listener address “%1” is not an IP address.</source>
        <translation>接続先アドレス「%1」は IP アドレスではありません。</translation>
    </message>
    <message>
        <source>Client %1 → %2 port %3, script “%4”</source>
        <translation>クライアント %1 → %2 ポート %3、スクリプト「%4」</translation>
    </message>
    <message>
        <source>, AUTH as %1</source>
        <translation>、%1 で SMTP認証</translation>
    </message>
    <message>
        <source>Client %1 → port %2; AUTH runs log in as %3</source>
        <translation>クライアント %1 → ポート %2。認証ありの実行は %3 でログイン</translation>
    </message>
    <message>
        <source>Refused: the client talked before the banner (early talker)</source>
        <translation>拒否: バナーの前に送信したクライアント (先行送信)</translation>
    </message>
    <message>
        <source>Refused at connect: %1</source>
        <translation>接続時に拒否: %1</translation>
    </message>
    <message>
        <source>Accepted: the message was stored</source>
        <translation>受信: メッセージを保存しました</translation>
    </message>
    <message>
        <source>Closed by the server at %1</source>
        <translation>%1 でサーバーが切断</translation>
    </message>
    <message>
        <source>Every recipient was refused</source>
        <translation>すべての宛先が拒否されました</translation>
    </message>
    <message>
        <source>No message was sent</source>
        <translation>メッセージは送られませんでした</translation>
    </message>
    <message>
        <source>Delay %1 s before every command from MAIL FROM on, until AUTH succeeds</source>
        <translation>MAIL FROM 以降、SMTP認証が成功するまで各コマンドの前に %1 秒遅延</translation>
    </message>
    <message>
        <source>Delay %1 s before every command until AUTH succeeds</source>
        <translation>SMTP認証が成功するまで各コマンドの前に %1 秒遅延</translation>
    </message>
    <message>
        <source>Authenticated as %1</source>
        <translation>%1 として認証</translation>
    </message>
    <message>
        <source>Session time: %1 s</source>
        <translation>セッション時間: %1 秒</translation>
    </message>
    <message>
        <source>An authenticated submission from this client waits %1 s under XMail 1.27&apos;s rules and %2 s with the xmflow extensions.</source>
        <translation>このクライアントが SMTP認証して送信すると、XMail 1.27 のルールでは %1 秒、xmflow 拡張では %2 秒待ちます。</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>クライアント</translation>
    </message>
    <message>
        <source>SMTP AUTH</source>
        <translation>SMTP認証</translation>
    </message>
    <message>
        <source>DNS what-ifs</source>
        <translation>DNS の仮定</translation>
    </message>
    <message>
        <source>Client IP:</source>
        <translation>クライアント IP:</translation>
    </message>
    <message>
        <source>e.g. 203.0.113.10 or 2001:db8::1</source>
        <translation>例: 203.0.113.10、2001:db8::1</translation>
    </message>
    <message>
        <source>Listener address:</source>
        <translation>接続先アドレス:</translation>
    </message>
    <message>
        <source>Client script:</source>
        <translation>クライアントの動作:</translation>
    </message>
    <message>
        <source>plain: EHLO, MAIL, RCPT ×2, DATA, QUIT</source>
        <translation>plain: EHLO、MAIL、RCPT ×2、DATA、QUIT</translation>
    </message>
    <message>
        <source>auth: EHLO, AUTH PLAIN, MAIL, RCPT ×2, DATA</source>
        <translation>auth: EHLO、AUTH PLAIN、MAIL、RCPT ×2、DATA</translation>
    </message>
    <message>
        <source>badauth: AUTH with a wrong password</source>
        <translation>badauth: 誤ったパスワードで AUTH</translation>
    </message>
    <message>
        <source>helo: HELO instead of EHLO</source>
        <translation>helo: EHLO の代わりに HELO</translation>
    </message>
    <message>
        <source>nouser: an unknown local user first</source>
        <translation>nouser: 最初に存在しないローカルユーザー宛て</translation>
    </message>
    <message>
        <source>garbage: three unknown commands first</source>
        <translation>garbage: 最初に不明なコマンドを 3 つ</translation>
    </message>
    <message>
        <source>early: talks before the banner</source>
        <translation>early: バナーの前に送信</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>ユーザー:</translation>
    </message>
    <message>
        <source>Users of mailusers.tab and smtpauth.tab; the timeline&apos;s AUTH runs log in as this user</source>
        <translation>mailusers.tab と smtpauth.tab のユーザー。タイムラインの認証ありの実行もこのユーザーでログインします</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>パスワード:</translation>
    </message>
    <message>
        <source>CustMapsList is not set: no DNSBL is asked.</source>
        <translation>CustMapsList は未設定: DNSBL に問い合わせません。</translation>
    </message>
    <message>
        <source>Listed in %1</source>
        <translation>%1 に登録あり</translation>
    </message>
    <message>
        <source>Reverse DNS:</source>
        <translation>逆引き:</translation>
    </message>
    <message>
        <source>No PTR record</source>
        <translation>PTR レコードなし</translation>
    </message>
    <message>
        <source>PTR record:</source>
        <translation>PTR レコード:</translation>
    </message>
    <message>
        <source>&amp;Simulate</source>
        <translation>シミュレーション(&amp;S)</translation>
    </message>
    <message>
        <source>The same with the command-line tool:</source>
        <translation>コマンドラインで同じことをするには:</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>タイムライン</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>やり取り</translation>
    </message>
    <message>
        <source>Seconds per SMTP command, XMail 1.27 against the extensions, without and with AUTH</source>
        <translation>SMTP コマンドごとの秒数。XMail 1.27 と拡張、SMTP認証なし・ありの比較</translation>
    </message>
    <message>
        <source>Every stage of the decision; click a rule to open its line</source>
        <translation>判定の全段階。ルールをクリックするとその行を開きます</translation>
    </message>
    <message>
        <source>Choose a client and press Simulate.</source>
        <translation>クライアントを選んで「シミュレーション」を押してください。</translation>
    </message>
    <message>
        <source>MAIL FROM refused: %1</source>
        <translation>MAIL FROM を拒否: %1</translation>
    </message>
    <message>
        <source>The client&apos;s address (Ctrl+L); Enter simulates it. The list holds the addresses simulated before; paste several to offer them to the batch view.</source>
        <translation>クライアントのアドレス (Ctrl+L)。Enter でシミュレーションします。一覧にはこれまでのアドレスが入ります。複数を貼り付けると一括シミュレーションに回せます。</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>ポート:</translation>
    </message>
    <message>
        <source>The listener port the client connects to (server.tab and smtp.ipprop.tab can decide by port)</source>
        <translation>クライアントが接続するポート（server.tab と smtp.ipprop.tab はポートごとに設定できます）</translation>
    </message>
    <message>
        <source>AUTH as</source>
        <translation>認証ユーザー</translation>
    </message>
    <message>
        <source>Log in with SMTP AUTH PLAIN as the chosen user</source>
        <translation>選んだユーザーで SMTP認証 (AUTH PLAIN) します</translation>
    </message>
    <message>
        <source>xmflowd rules</source>
        <translation>xmflowd のルール</translation>
    </message>
    <message>
        <source>XMail 1.27 rules</source>
        <translation>XMail 1.27 のルール</translation>
    </message>
    <message>
        <source>Decide as xmflowd with the XMF- extensions, or as plain XMail 1.27 (extensions ignored)</source>
        <translation>XMF- 拡張を使う xmflowd として判定するか、素の XMail 1.27 として（拡張を無視して）判定するか</translation>
    </message>
    <message>
        <source>Run the session (Enter in the address box)</source>
        <translation>セッションを実行します（アドレス欄で Enter）</translation>
    </message>
    <message>
        <source>More options</source>
        <translation>その他の設定</translation>
    </message>
    <message>
        <source>Listener address, client script, password and DNS what-ifs</source>
        <translation>接続先アドレス、クライアントの動作、パスワード、DNS の仮定</translation>
    </message>
    <message>
        <source>Batch: %1 addresses</source>
        <translation>一括: %1 件</translation>
    </message>
    <message>
        <source>Simulate every pasted address in the batch view</source>
        <translation>貼り付けたアドレスをすべて一括シミュレーションします</translation>
    </message>
    <message>
        <source>Every command the client sent and every reply, with its delay</source>
        <translation>クライアントが送ったコマンドとその応答、遅延</translation>
    </message>
    <message>
        <source>Greylisting retry after:</source>
        <translation>グレイリスティングの再送間隔:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>no retry</source>
        <translation>再送なし</translation>
    </message>
    <message>
        <source>The timeline also plays the client&apos;s retry this many seconds after its first, greylisted visit (as xmflowd simulate --retry-after).</source>
        <translation>タイムラインでは、グレイリストで保留された最初の接続から指定秒数後のクライアントの再送も再生します (xmflowd simulate --retry-after と同じ)。</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::SuggestionsModel</name>
    <message>
        <source>%1 clients, %2 sessions, %3 authenticated users</source>
        <translation>クライアント %1、セッション %2、認証済みユーザー %3</translation>
    </message>
    <message>
        <source>spammers.tab line</source>
        <translation>spammers.tab の行</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>アドレス数</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>初回</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最終</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>影響</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::SuggestionsPanel</name>
    <message>
        <source>Canceled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <source>Choose XMail smtp logs</source>
        <translation>XMail の smtp ログを選ぶ</translation>
    </message>
    <message>
        <source>XMail smtp logs (smtp-* *.gz);;All files (*)</source>
        <translation>XMail の smtp ログ (smtp-* *.gz);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Choose the smtp logs to read.</source>
        <translation>読み込む smtp ログを選んでください。</translation>
    </message>
    <message>
        <source>Open a MailRoot first.</source>
        <translation>先に MailRoot を開いてください。</translation>
    </message>
    <message>
        <source>Reading the logs...</source>
        <translation>ログを読み込んでいます...</translation>
    </message>
    <message numerus="yes">
        <source>Add %n suggested line(s)</source>
        <translation>
            <numerusform>提案された %n 行を追加</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) added to spammers.tab (undo restores the file).</source>
        <translation>
            <numerusform>spammers.tab に %n 行を追加しました (元に戻すでファイルが戻ります)。</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>提案</translation>
    </message>
    <message>
        <source>Logs...</source>
        <translation>ログ...</translation>
    </message>
    <message>
        <source>Find suggestions</source>
        <translation>提案を探す</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Add ticked lines</source>
        <translation>チェックした行を追加</translation>
    </message>
    <message>
        <source>Days:</source>
        <translation>日数:</translation>
    </message>
    <message>
        <source>Minimum weighted failures:</source>
        <translation>重み付き失敗の下限:</translation>
    </message>
    <message>
        <source>Style:</source>
        <translation>方式:</translation>
    </message>
    <message>
        <source>drop (code=1)</source>
        <translation>切断 (code=1)</translation>
    </message>
    <message>
        <source>delay (code=-30)</source>
        <translation>遅延 (code=-30)</translation>
    </message>
    <message>
        <source>AUTH only (code=0)</source>
        <translation>AUTH 必須 (code=0)</translation>
    </message>
    <message>
        <source>No smtp logs chosen</source>
        <translation>smtp ログが選ばれていません</translation>
    </message>
    <message numerus="yes">
        <source>%n suggested line(s) from %1 log lines; %2 networks or addresses never proposed (users, whitelists, own networks, already covered).</source>
        <translation>
            <numerusform>ログ %1 行から %n 行を提案; 提案しなかったネットワークまたはアドレス %2 件 (ユーザー、ホワイトリスト、自ネットワーク、対応済み)。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TableDelegate</name>
    <message>
        <source>&apos;%1&apos; is not valid here; the line was left unchanged.</source>
        <translation>「%1」はここには指定できません。行は変更していません。</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TableEditor</name>
    <message>
        <source>Add line</source>
        <translation>行を追加</translation>
    </message>
    <message>
        <source>Add a line below the current one</source>
        <translation>選択中の行の下に行を追加します</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Delete the selected lines (Del)</source>
        <translation>選択した行を削除します (Del)</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上へ</translation>
    </message>
    <message>
        <source>Move the selected lines up: order matters where the first match wins (Alt+Up)</source>
        <translation>選択した行を上へ移動します。最初に一致した行が使われるテーブルでは順序が重要です (Alt+↑)</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下へ</translation>
    </message>
    <message>
        <source>Move the selected lines down (Alt+Down)</source>
        <translation>選択した行を下へ移動します (Alt+↓)</translation>
    </message>
    <message>
        <source>Copy lines</source>
        <translation>行をコピー</translation>
    </message>
    <message>
        <source>Paste lines</source>
        <translation>行を貼り付け</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>絞り込み:</translation>
    </message>
    <message>
        <source>Show lines containing…</source>
        <translation>含まれる文字列で行を絞り込み…</translation>
    </message>
    <message>
        <source>Which lines match this IP?</source>
        <translation>この IP に一致する行:</translation>
    </message>
    <message>
        <source>e.g. 203.0.113.7</source>
        <translation>例: 203.0.113.7</translation>
    </message>
    <message>
        <source>Add line %1</source>
        <translation>%1 行目を追加</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n line(s)</source>
        <translation>
            <numerusform>%n 行を削除</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n line(s) up</source>
        <translation>
            <numerusform>%n 行を上へ移動</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n line(s) down</source>
        <translation>
            <numerusform>%n 行を下へ移動</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n line(s) as tab-file text</source>
        <translation>
            <numerusform>%n 行をタブファイル形式でコピーしました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n line(s)</source>
        <translation>
            <numerusform>%n 行を貼り付け</numerusform>
        </translation>
    </message>
    <message>
        <source>not an IP address</source>
        <translation>IP アドレスではありません</translation>
    </message>
    <message>
        <source>no line matches</source>
        <translation>一致する行はありません</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) match: %1</source>
        <translation>
            <numerusform>%n 行が一致: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TableListModel</name>
    <message numerus="yes">
        <source>%1: %n record(s)</source>
        <translation>
            <numerusform>%1: %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>The file does not exist yet; XMail treats it as empty.</source>
        <translation>ファイルはまだありません。XMail は空のテーブルとして扱います。</translation>
    </message>
    <message>
        <source>The file does not exist yet; xmflowd treats it as empty.</source>
        <translation>ファイルはまだありません。xmflowd は空のテーブルとして扱います。</translation>
    </message>
    <message>
        <source>Read by xmflowd only: plain XMail 1.27 never reads this file.</source>
        <translation>xmflowd だけが読みます。素の XMail 1.27 はこのファイルを読みません。</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TableModel</name>
    <message>
        <source>Edit %1 on line %2</source>
        <translation>%2 行目の %1 を編集</translation>
    </message>
    <message>
        <source>Line %1 of %2</source>
        <translation>%2 の %1 行目</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>変数</translation>
    </message>
    <message>
        <source>The server.tab variable name</source>
        <translation>server.tab の変数名</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>The value XMail reads</source>
        <translation>XMail が読み込む値</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>IPv4 or IPv6 address, optionally with /bits</source>
        <translation>IPv4 または IPv6 アドレス（/ビット数 も可）</translation>
    </message>
    <message>
        <source>Netmask</source>
        <translation>ネットマスク</translation>
    </message>
    <message>
        <source>IPv4 netmask such as 255.255.255.0</source>
        <translation>255.255.255.0 のような IPv4 ネットマスク</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>動作</translation>
    </message>
    <message>
        <source>ALLOW or DENY</source>
        <translation>ALLOW（許可）または DENY（拒否）</translation>
    </message>
    <message>
        <source>Precedence</source>
        <translation>優先度</translation>
    </message>
    <message>
        <source>Among matching lines the highest precedence wins; on a tie the later line</source>
        <translation>一致した行のうち優先度が最も高い行が使われます。同じ場合は後の行です</translation>
    </message>
    <message>
        <source>Optional IPv4 netmask; leave empty with the a.b.c.d/bits form</source>
        <translation>IPv4 ネットマスク（省略可）。a.b.c.d/ビット数 形式なら空欄にします</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>プロパティ</translation>
    </message>
    <message>
        <source>WhiteList, NoAuth, SenderDomainCheck=0, EaseTLS, EnableVRFY, EnableETRN</source>
        <translation>WhiteList, NoAuth, SenderDomainCheck=0, EaseTLS, EnableVRFY, EnableETRN</translation>
    </message>
    <message>
        <source>Host name</source>
        <translation>ホスト名</translation>
    </message>
    <message>
        <source>Reverse-DNS name; .domain matches every subdomain</source>
        <translation>逆引きホスト名。.domain はすべてのサブドメインに一致します</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメーター</translation>
    </message>
    <message>
        <source>name=value,... such as code=-30</source>
        <translation>code=-30 のような 名前=値,…</translation>
    </message>
    <message>
        <source>What XMail does</source>
        <translation>XMail の動作</translation>
    </message>
    <message>
        <source>The code parameter: drop the connection, allow only after SMTP AUTH, or delay every command</source>
        <translation>code パラメーター: 接続拒否、SMTP認証した場合のみ許可、またはコマンドごとの遅延</translation>
    </message>
    <message>
        <source>Sender pattern</source>
        <translation>差出人パターン</translation>
    </message>
    <message>
        <source>MAIL FROM address with * and ? wildcards</source>
        <translation>* と ? を使える MAIL FROM アドレス</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>ドメイン</translation>
    </message>
    <message>
        <source>A local domain</source>
        <translation>ローカルドメイン</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>The account name</source>
        <translation>アカウント名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Stored XMail-encrypted; type the plain password to change it</source>
        <translation>XMail 形式で暗号化して保存されます。変更するには平文のパスワードを入力します</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>The account&apos;s numeric id</source>
        <translation>アカウントの番号</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>The mailbox folder under the domain</source>
        <translation>ドメイン配下のメールボックスフォルダー</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>U for a user, M for a mailing list</source>
        <translation>U = ユーザー、M = メーリングリスト</translation>
    </message>
    <message>
        <source>Stored as plain text by XMail</source>
        <translation>XMail は平文で保存します</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>権限</translation>
    </message>
    <message>
        <source>M mail, R relay, V VRFY, T ETRN, Z no size limit, S ease TLS</source>
        <translation>M 送信、R 中継、V VRFY、T ETRN、Z サイズ制限なし、S TLS 緩和</translation>
    </message>
    <message>
        <source>PTR domain</source>
        <translation>逆引きドメイン</translation>
    </message>
    <message>
        <source>Clients whose reverse-DNS name is in this domain (or a subdomain) are never greylisted</source>
        <translation>逆引き名がこのドメイン (またはそのサブドメイン) の送信元にはグレイリストをかけません</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>Who sends from there (free text)</source>
        <translation>どこの送信元か (自由記述)</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TableSchema</name>
    <message>
        <source>Server settings</source>
        <translation>サーバー設定</translation>
    </message>
    <message>
        <source>SMTP access by IP address</source>
        <translation>SMTPアクセス許可</translation>
    </message>
    <message>
        <source>Per-IP properties (whitelist)</source>
        <translation>IP ごとの設定（ホワイトリスト）</translation>
    </message>
    <message>
        <source>Per-host-name properties</source>
        <translation>ホスト名ごとの設定</translation>
    </message>
    <message>
        <source>Spam hosts</source>
        <translation>スパムホストの管理</translation>
    </message>
    <message>
        <source>SMTP relay allowed</source>
        <translation>SMTPリレー許可</translation>
    </message>
    <message>
        <source>Refused sender addresses</source>
        <translation>拒否する差出人アドレス</translation>
    </message>
    <message>
        <source>Local domains</source>
        <translation>ローカルドメイン</translation>
    </message>
    <message>
        <source>Mail users</source>
        <translation>メールユーザー</translation>
    </message>
    <message>
        <source>SMTP AUTH users</source>
        <translation>SMTP認証ユーザー</translation>
    </message>
    <message>
        <source>Senders never greylisted (xmflow)</source>
        <translation>グレイリスト対象外の送信元 (xmflow)</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TimelinePlot</name>
    <message>
        <source>XMail 1.27</source>
        <translation>XMail 1.27</translation>
    </message>
    <message>
        <source>With extensions</source>
        <translation>拡張あり</translation>
    </message>
    <message>
        <source>with AUTH</source>
        <translation>SMTP認証あり</translation>
    </message>
    <message>
        <source>without AUTH</source>
        <translation>SMTP認証なし</translation>
    </message>
    <message>
        <source>%1, %2: %3 s in all</source>
        <translation>%1、%2: 合計 %3 秒</translation>
    </message>
    <message>
        <source>220 banner</source>
        <translation>220 バナー</translation>
    </message>
    <message>
        <source>message</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>Run a simulation to compare the seconds spent per SMTP command</source>
        <translation>シミュレーションを実行すると SMTP コマンドごとの秒数を比較できます</translation>
    </message>
    <message>
        <source>SMTP command, in the order the client sends them</source>
        <translation>SMTP コマンド (クライアントが送る順)</translation>
    </message>
    <message>
        <source>Seconds before the reply</source>
        <translation>応答までの秒数</translation>
    </message>
    <message>
        <source>Authenticated client: %1 s with XMail 1.27, %2 s with the extensions</source>
        <translation>SMTP認証するクライアント: XMail 1.27 では %1 秒、拡張では %2 秒</translation>
    </message>
    <message>
        <source>Seconds spent per SMTP command</source>
        <translation>SMTP コマンドごとの待ち時間</translation>
    </message>
    <message>
        <source>%1, %2, first visit (greylisted): %3 s</source>
        <translation>%1、%2、初回接続 (グレイリストで保留): %3 秒</translation>
    </message>
    <message>
        <source>%1, %2, retry %3 s later: %4 s</source>
        <translation>%1、%2、%3 秒後の再送: %4 秒</translation>
    </message>
    <message>
        <source>Greylisting: the first visit gets 451 at RCPT TO, the retry %1 s later is accepted</source>
        <translation>グレイリスティング: 初回は RCPT TO で 451、%1 秒後の再送は受理</translation>
    </message>
    <message>
        <source>Greylisting: the first visit gets 451 at RCPT TO, the retry %1 s later is still refused</source>
        <translation>グレイリスティング: 初回は RCPT TO で 451、%1 秒後の再送もまだ拒否</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TraceModel</name>
    <message>
        <source>Open %1 at this line</source>
        <translation>%1 のこの行を開く</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>段階</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>ルール</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TranscriptModel</name>
    <message>
        <source>banner</source>
        <translation>バナー</translation>
    </message>
    <message>
        <source>message</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>(message body)</source>
        <translation>(メッセージ本文)</translation>
    </message>
    <message>
        <source>(connection closed)</source>
        <translation>(切断)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>手順</translation>
    </message>
    <message>
        <source>Client sends</source>
        <translation>クライアントの送信</translation>
    </message>
    <message>
        <source>Server replies</source>
        <translation>サーバーの応答</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>遅延</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>経過</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::VariableDelegate</name>
    <message>
        <source>connect: from the first command (XMail)</source>
        <translation>connect: 最初のコマンドから（XMail と同じ）</translation>
    </message>
    <message>
        <source>mail: from MAIL FROM (AUTH users never wait)</source>
        <translation>mail: MAIL FROM から（認証ユーザーは待たない）</translation>
    </message>
    <message>
        <source>0 (off)</source>
        <translation>0（無効）</translation>
    </message>
    <message>
        <source>1 (on)</source>
        <translation>1（有効）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
</context>
</TS>

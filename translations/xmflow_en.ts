<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>xmflow::gui::BatchInput</name>
    <message>
        <source>line %1</source>
        <translation>line %1</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not an IP address</source>
        <translation>%1: &apos;%2&apos; is not an IP address</translation>
    </message>
    <message>
        <source>%1: not an XMail smtp log record (13 tab-separated fields expected): %2</source>
        <translation>%1: not an XMail smtp log record (13 tab-separated fields expected): %2</translation>
    </message>
    <message>
        <source>%1: the peer field %2 is not a quoted IP address</source>
        <translation>%1: the peer field %2 is not a quoted IP address</translation>
    </message>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation>%1: cannot be read: %2</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::BatchResultsModel</name>
    <message>
        <source>accept</source>
        <translation>accept</translation>
    </message>
    <message>
        <source>delay</source>
        <translation>delay</translation>
    </message>
    <message>
        <source>reject (AUTH only)</source>
        <translation>reject (AUTH only)</translation>
    </message>
    <message>
        <source>drop</source>
        <translation>drop</translation>
    </message>
    <message>
        <source>delay %1 s</source>
        <translation>delay %1 s</translation>
    </message>
    <message>
        <source>reject %1 unless AUTH</source>
        <translation>reject %1 unless AUTH</translation>
    </message>
    <message>
        <source>drop %1</source>
        <translation>drop %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 s (AUTH failed)</source>
        <translation>%1 s (AUTH failed)</translation>
    </message>
    <message>
        <source>Seconds a client without AUTH waits in a whole session (EHLO, MAIL, RCPT, DATA, QUIT)</source>
        <translation>Seconds a client without AUTH waits in a whole session (EHLO, MAIL, RCPT, DATA, QUIT)</translation>
    </message>
    <message>
        <source>Seconds a client that authenticates waits in a whole session</source>
        <translation>Seconds a client that authenticates waits in a whole session</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP address</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Deciding rule</source>
        <translation>Deciding rule</translation>
    </message>
    <message>
        <source>Plain session</source>
        <translation>Plain session</translation>
    </message>
    <message>
        <source>AUTH session</source>
        <translation>AUTH session</translation>
    </message>
    <message>
        <source>How often the address appears in the list or the log</source>
        <translation>How often the address appears in the list or the log</translation>
    </message>
    <message>
        <source>The table line (file:line) that decided</source>
        <translation>The table line (file:line) that decided</translation>
    </message>
    <message>
        <source>Total seconds of delay for a session without AUTH</source>
        <translation>Total seconds of delay for a session without AUTH</translation>
    </message>
    <message>
        <source>Total seconds of delay for a session that authenticates</source>
        <translation>Total seconds of delay for a session that authenticates</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::BatchSimulationPanel</name>
    <message>
        <source>Load XMail smtp logs</source>
        <translation>Load XMail smtp logs</translation>
    </message>
    <message>
        <source>XMail smtp logs (smtp-*);;All files (*)</source>
        <translation>XMail smtp logs (smtp-*);;All files (*)</translation>
    </message>
    <message>
        <source>Paste addresses or load an XMail smtp log, then simulate.</source>
        <translation>Paste addresses or load an XMail smtp log, then simulate.</translation>
    </message>
    <message>
        <source>Open a MailRoot first.</source>
        <translation>Open a MailRoot first.</translation>
    </message>
    <message>
        <source>No IP address to simulate.</source>
        <translation>No IP address to simulate.</translation>
    </message>
    <message>
        <source>Simulating %1 of %2 addresses…</source>
        <translation>Simulating %1 of %2 addresses…</translation>
    </message>
    <message>
        <source>%1 addresses (%2 connections) simulated in %3 s.</source>
        <translation>%1 addresses (%2 connections) simulated in %3 s.</translation>
    </message>
    <message>
        <source>Canceled after %1 of %2 addresses.</source>
        <translation>Canceled after %1 of %2 addresses.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) could not be used:</source>
        <translation>
            <numerusform>%n line could not be used:</numerusform>
            <numerusform>%n lines could not be used:</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the batch results</source>
        <translation>Export the batch results</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 could not be written: %2</translation>
    </message>
    <message>
        <source>Client addresses</source>
        <translation>Client addresses</translation>
    </message>
    <message>
        <source>One IP address per line, e.g.
203.0.113.7
198.51.100.20
# comments and blank lines are ignored</source>
        <translation>One IP address per line, e.g.
203.0.113.7
198.51.100.20
# comments and blank lines are ignored</translation>
    </message>
    <message>
        <source>&amp;Simulate</source>
        <translation>&amp;Simulate</translation>
    </message>
    <message>
        <source>Run every address through the engine&apos;s policy and session, as xmflowd simulate does</source>
        <translation>Run every address through the engine&apos;s policy and session, as xmflowd simulate does</translation>
    </message>
    <message>
        <source>Load smtp &amp;Log…</source>
        <translation>Load smtp &amp;Log…</translation>
    </message>
    <message>
        <source>Simulate the client addresses of XMail smtp logs (MailRoot/logs/smtp-*), counted</source>
        <translation>Simulate the client addresses of XMail smtp logs (MailRoot/logs/smtp-*), counted</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Export &amp;CSV…</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>XMail 1.27 compatible (ignore the XMF- extensions)</source>
        <translation>XMail 1.27 compatible (ignore the XMF- extensions)</translation>
    </message>
    <message>
        <source>Listener port:</source>
        <translation>Listener port:</translation>
    </message>
    <message>
        <source>The port the clients connect to (SmtpConfig-IP,PORT options apply)</source>
        <translation>The port the clients connect to (SmtpConfig-IP,PORT options apply)</translation>
    </message>
    <message>
        <source>Also simulate an authenticated session</source>
        <translation>Also simulate an authenticated session</translation>
    </message>
    <message>
        <source>AUTH user:</source>
        <translation>AUTH user:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Assume DNS answers for every address</source>
        <translation>Assume DNS answers for every address</translation>
    </message>
    <message>
        <source>Listed in maps:</source>
        <translation>Listed in maps:</translation>
    </message>
    <message>
        <source>CustMapsList roots, comma-separated</source>
        <translation>CustMapsList roots, comma-separated</translation>
    </message>
    <message>
        <source>Reverse DNS name:</source>
        <translation>Reverse DNS name:</translation>
    </message>
    <message>
        <source>empty: no PTR record</source>
        <translation>empty: no PTR record</translation>
    </message>
    <message>
        <source>No DNS query is sent: without assumed answers, every address counts as not listed and without a PTR record.</source>
        <translation>No DNS query is sent: without assumed answers, every address counts as not listed and without a PTR record.</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Addresses</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Connections</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Count</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::CodeEditor</name>
    <message>
        <source>Drop the connection</source>
        <translation>Drop the connection</translation>
    </message>
    <message>
        <source>Allow only after SMTP AUTH</source>
        <translation>Allow only after SMTP AUTH</translation>
    </message>
    <message>
        <source>Delay every command</source>
        <translation>Delay every command</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>What XMail does with a matching client</source>
        <translation>What XMail does with a matching client</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::DaemonCharts</name>
    <message>
        <source>Sessions now</source>
        <translation>Sessions now</translation>
    </message>
    <message>
        <source>Connections per minute</source>
        <translation>Connections per minute</translation>
    </message>
    <message>
        <source>Rejects by reason</source>
        <translation>Rejects by reason</translation>
    </message>
    <message>
        <source>Delays (each wait)</source>
        <translation>Delays (each wait)</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Connections</translation>
    </message>
    <message>
        <source>Rejects</source>
        <translation>Rejects</translation>
    </message>
    <message>
        <source>Waits</source>
        <translation>Waits</translation>
    </message>
    <message>
        <source>≥ %1 s</source>
        <translation>≥ %1 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1–%2 s</source>
        <translation>%1–%2 s</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::DaemonPanel</name>
    <message>
        <source>&apos;%1&apos; is not a listen address (ADDR:PORT, [v6]:PORT or PORT): %2</source>
        <translation>&apos;%1&apos; is not a listen address (ADDR:PORT, [v6]:PORT or PORT): %2</translation>
    </message>
    <message>
        <source>Give at least one listen address, e.g. %1.</source>
        <translation>Give at least one listen address, e.g. %1.</translation>
    </message>
    <message>
        <source>Open a MailRoot first.</source>
        <translation>Open a MailRoot first.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The daemon stopped unexpectedly.&lt;/b&gt; %1 Its last messages are below; Restart runs it again with the same settings.</source>
        <translation>&lt;b&gt;The daemon stopped unexpectedly.&lt;/b&gt; %1 Its last messages are below; Restart runs it again with the same settings.</translation>
    </message>
    <message>
        <source>MailRoot: %1</source>
        <translation>MailRoot: %1</translation>
    </message>
    <message>
        <source>No MailRoot open.</source>
        <translation>No MailRoot open.</translation>
    </message>
    <message>
        <source>The daemon still serves %1: restart it to serve the MailRoot open now.</source>
        <translation>The daemon still serves %1: restart it to serve the MailRoot open now.</translation>
    </message>
    <message>
        <source>The daemon serves the saved tables: save to apply your edits (it reloads changed files by itself).</source>
        <translation>The daemon serves the saved tables: save to apply your edits (it reloads changed files by itself).</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Stopped.</translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation>Starting %1…</translation>
    </message>
    <message>
        <source>Running (pid %1), listening on %2.</source>
        <translation>Running (pid %1), listening on %2.</translation>
    </message>
    <message numerus="yes">
        <source>Stopping: live sessions get %n second(s) to finish…</source>
        <translation>
            <numerusform>Stopping: live sessions get %n second to finish…</numerusform>
            <numerusform>Stopping: live sessions get %n seconds to finish…</numerusform>
        </translation>
    </message>
    <message>
        <source>The daemon stopped unexpectedly.</source>
        <translation>The daemon stopped unexpectedly.</translation>
    </message>
    <message>
        <source>Sessions now: %1   Connections: %2   Rejects: %3   Delays: %4   Events kept: %5</source>
        <translation>Sessions now: %1   Connections: %2   Rejects: %3   Delays: %4   Events kept: %5</translation>
    </message>
    <message>
        <source>Greylisted: %1   Passed: %2   Auto-whitelisted: %3</source>
        <translation>Greylisted: %1   Passed: %2   Auto-whitelisted: %3</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>All events</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>&amp;Listen on:</translation>
    </message>
    <message>
        <source>Addresses the daemon listens on, separated by spaces: ADDR:PORT, [v6]:PORT or PORT</source>
        <translation>Addresses the daemon listens on, separated by spaces: ADDR:PORT, [v6]:PORT or PORT</translation>
    </message>
    <message>
        <source>XMail 1.27 compatible</source>
        <translation>XMail 1.27 compatible</translation>
    </message>
    <message>
        <source>Run with --xmail-compat: every XMF- extension is ignored</source>
        <translation>Run with --xmail-compat: every XMF- extension is ignored</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>Run the bundled xmflowd serve on this MailRoot</source>
        <translation>Run the bundled xmflowd serve on this MailRoot</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;top</translation>
    </message>
    <message>
        <source>Ask the daemon to stop (SIGTERM); it is killed if it does not end in time</source>
        <translation>Ask the daemon to stop (SIGTERM); it is killed if it does not end in time</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>&amp;Restart</translation>
    </message>
    <message>
        <source>Event:</source>
        <translation>Event:</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Client:</translation>
    </message>
    <message>
        <source>part of an IP address</source>
        <translation>part of an IP address</translation>
    </message>
    <message>
        <source>Rejects only</source>
        <translation>Rejects only</translation>
    </message>
    <message>
        <source>Clear Log</source>
        <translation>Clear Log</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::DaemonProcess</name>
    <message>
        <source>The daemon is already running.</source>
        <translation>The daemon is already running.</translation>
    </message>
    <message>
        <source>xmflowd was found neither next to xmflow nor in PATH.</source>
        <translation>xmflowd was found neither next to xmflow nor in PATH.</translation>
    </message>
    <message>
        <source>The daemon has not been started yet.</source>
        <translation>The daemon has not been started yet.</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>%1 could not be started: %2</translation>
    </message>
    <message>
        <source>The daemon was terminated by signal %1 (%2).</source>
        <translation>The daemon was terminated by signal %1 (%2).</translation>
    </message>
    <message>
        <source>The daemon ended with exit code %1.</source>
        <translation>The daemon ended with exit code %1.</translation>
    </message>
    <message>
        <source>The daemon ended by itself (exit code 0).</source>
        <translation>The daemon ended by itself (exit code 0).</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::DiagnosticsPanel</name>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>All findings</source>
        <translation>All findings</translation>
    </message>
    <message>
        <source>Errors and warnings</source>
        <translation>Errors and warnings</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Errors only</translation>
    </message>
    <message>
        <source>No findings: XMail will read every line as written.</source>
        <translation>No findings: XMail will read every line as written.</translation>
    </message>
    <message>
        <source>%1 errors, %2 warnings, %3 notes</source>
        <translation>%1 errors, %2 warnings, %3 notes</translation>
    </message>
    <message>
        <source>Click a finding to jump to its line.</source>
        <translation>Click a finding to jump to its line.</translation>
    </message>
    <message>
        <source>What XMail does:</source>
        <translation>What XMail does:</translation>
    </message>
    <message>
        <source>How to fix:</source>
        <translation>How to fix:</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::EventLogModel</name>
    <message>
        <source>(no reason given)</source>
        <translation>(no reason given)</translation>
    </message>
    <message>
        <source>connection to %1</source>
        <translation>connection to %1</translation>
    </message>
    <message>
        <source>drop</source>
        <translation>drop</translation>
    </message>
    <message>
        <source>whitelisted</source>
        <translation>whitelisted</translation>
    </message>
    <message>
        <source>delay %1 s per command from MAIL FROM</source>
        <translation>delay %1 s per command from MAIL FROM</translation>
    </message>
    <message>
        <source>delay %1 s per command</source>
        <translation>delay %1 s per command</translation>
    </message>
    <message>
        <source>greet pause %1 s</source>
        <translation>greet pause %1 s</translation>
    </message>
    <message>
        <source>MAIL FROM needs AUTH</source>
        <translation>MAIL FROM needs AUTH</translation>
    </message>
    <message>
        <source>accept</source>
        <translation>accept</translation>
    </message>
    <message>
        <source>(after %1 s)</source>
        <translation>(after %1 s)</translation>
    </message>
    <message>
        <source>wait %1 s</source>
        <translation>wait %1 s</translation>
    </message>
    <message>
        <source>wait %1 s before %2</source>
        <translation>wait %1 s before %2</translation>
    </message>
    <message>
        <source>authenticated as %1</source>
        <translation>authenticated as %1</translation>
    </message>
    <message>
        <source>listening on %1</source>
        <translation>listening on %1</translation>
    </message>
    <message>
        <source>tables reloaded (%1)</source>
        <translation>tables reloaded (%1)</translation>
    </message>
    <message>
        <source>reload failed (%1): %2</source>
        <translation>reload failed (%1): %2</translation>
    </message>
    <message numerus="yes">
        <source>shutting down with %n live session(s)</source>
        <translation>
            <numerusform>shutting down with %n live session</numerusform>
            <numerusform>shutting down with %n live sessions</numerusform>
        </translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::FlowchartPanel</name>
    <message>
        <source>Export the flowchart</source>
        <translation>Export the flowchart</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>Flowchart written to %1</source>
        <translation>Flowchart written to %1</translation>
    </message>
    <message>
        <source>Flowchart</source>
        <translation>Flowchart</translation>
    </message>
    <message>
        <source>Reset Layout</source>
        <translation>Reset Layout</translation>
    </message>
    <message>
        <source>Put every moved node back in place</source>
        <translation>Put every moved node back in place</translation>
    </message>
    <message>
        <source>Clear Path</source>
        <translation>Clear Path</translation>
    </message>
    <message>
        <source>Remove the simulated session from the flowchart</source>
        <translation>Remove the simulated session from the flowchart</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Save the flowchart as PNG, SVG or PDF</source>
        <translation>Save the flowchart as PNG, SVG or PDF</translation>
    </message>
    <message>
        <source>With xmflow extensions</source>
        <translation>With xmflow extensions</translation>
    </message>
    <message>
        <source>XMail 1.27 compatible</source>
        <translation>XMail 1.27 compatible</translation>
    </message>
    <message>
        <source>Show what plain XMail 1.27 does, or what xmflowd does with the XMF- extensions</source>
        <translation>Show what plain XMail 1.27 does, or what xmflowd does with the XMF- extensions</translation>
    </message>
    <message>
        <source>Click a stage to open its table; drag to move it or to pan; wheel to zoom.</source>
        <translation>Click a stage to open its table; drag to move it or to pan; wheel to zoom.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Start here:&lt;/b&gt; type &lt;b&gt;203.0.113.10&lt;/b&gt; in the client box above and press Enter: the path it takes lights up. Then tick &lt;b&gt;AUTH as&lt;/b&gt; and compare the timelines below: XMail 1.27 delays even the authenticated user.</source>
        <translation>&lt;b&gt;Start here:&lt;/b&gt; type &lt;b&gt;203.0.113.10&lt;/b&gt; in the client box above and press Enter: the path it takes lights up. Then tick &lt;b&gt;AUTH as&lt;/b&gt; and compare the timelines below: XMail 1.27 delays even the authenticated user.</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::FlowchartScene</name>
    <message>
        <source>At connect: evaluated once for each connection</source>
        <translation>At connect: evaluated once for each connection</translation>
    </message>
    <message>
        <source>During the session: before every command</source>
        <translation>During the session: before every command</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>delay</source>
        <translation>delay</translation>
    </message>
    <message>
        <source>AUTH only</source>
        <translation>AUTH only</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>accepted</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>skipped</translation>
    </message>
    <message>
        <source>XMF = xmflow extension</source>
        <translation>XMF = xmflow extension</translation>
    </message>
    <message>
        <source>How XMail decides</source>
        <translation>How XMail decides</translation>
    </message>
    <message>
        <source>How XMail decides: %1</source>
        <translation>How XMail decides: %1</translation>
    </message>
    <message>
        <source>XMail 1.27 compatible: the XMF- extensions are ignored</source>
        <translation>XMail 1.27 compatible: the XMF- extensions are ignored</translation>
    </message>
    <message>
        <source>With the xmflow extensions (XMF- variables, dashed stages)</source>
        <translation>With the xmflow extensions (XMF- variables, dashed stages)</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>delivered</translation>
    </message>
    <message>
        <source>ignored</source>
        <translation>ignored</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>no delay</source>
        <translation>no delay</translation>
    </message>
    <message>
        <source>no AUTH</source>
        <translation>no AUTH</translation>
    </message>
    <message>
        <source>allowed</source>
        <translation>allowed</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>no match</translation>
    </message>
    <message>
        <source>drop</source>
        <translation>drop</translation>
    </message>
    <message>
        <source>early talker</source>
        <translation>early talker</translation>
    </message>
    <message>
        <source>delay %1 s</source>
        <translation>delay %1 s</translation>
    </message>
    <message>
        <source>pause %1 s</source>
        <translation>pause %1 s</translation>
    </message>
    <message>
        <source>whitelisted</source>
        <translation>whitelisted</translation>
    </message>
    <message>
        <source>properties</source>
        <translation>properties</translation>
    </message>
    <message>
        <source>%1 s per command</source>
        <translation>%1 s per command</translation>
    </message>
    <message>
        <source>up to %1 s</source>
        <translation>up to %1 s</translation>
    </message>
    <message>
        <source>authenticated</source>
        <translation>authenticated</translation>
    </message>
    <message>
        <source>AUTH failed</source>
        <translation>AUTH failed</translation>
    </message>
    <message>
        <source>Reads: %1</source>
        <translation>Reads: %1</translation>
    </message>
    <message>
        <source>An xmflow extension: plain XMail 1.27 skips this stage.</source>
        <translation>An xmflow extension: plain XMail 1.27 skips this stage.</translation>
    </message>
    <message>
        <source>This session: %1</source>
        <translation>This session: %1</translation>
    </message>
    <message>
        <source>Click to open %1.</source>
        <translation>Click to open %1.</translation>
    </message>
    <message>
        <source>%1 could not be written.</source>
        <translation>%1 could not be written.</translation>
    </message>
    <message>
        <source>Unknown image type &quot;%1&quot;: use .png, .svg or .pdf.</source>
        <translation>Unknown image type &quot;%1&quot;: use .png, .svg or .pdf.</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::FlowchartView</name>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;In</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom &amp;Out</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>&amp;Fit to Window</translation>
    </message>
    <message>
        <source>Show the whole flowchart (Ctrl+0)</source>
        <translation>Show the whole flowchart (Ctrl+0)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::ImpactClientsModel</name>
    <message>
        <source>(no AUTH)</source>
        <translation>(no AUTH)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>After the edit</source>
        <translation>After the edit</translation>
    </message>
    <message>
        <source>Seconds added per session</source>
        <translation>Seconds added per session</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::ImpactPanel</name>
    <message>
        <source>Canceled.</source>
        <translation>Canceled.</translation>
    </message>
    <message>
        <source>Choose XMail smtp logs</source>
        <translation>Choose XMail smtp logs</translation>
    </message>
    <message>
        <source>XMail smtp logs (smtp-* *.gz);;All files (*)</source>
        <translation>XMail smtp logs (smtp-* *.gz);;All files (*)</translation>
    </message>
    <message>
        <source>Choose the smtp logs to replay.</source>
        <translation>Choose the smtp logs to replay.</translation>
    </message>
    <message>
        <source>Open a MailRoot first.</source>
        <translation>Open a MailRoot first.</translation>
    </message>
    <message>
        <source>Replaying the logs...</source>
        <translation>Replaying the logs...</translation>
    </message>
    <message>
        <source>%1 from %2 (+%3 s per session)</source>
        <translation>%1 from %2 (+%3 s per session)</translation>
    </message>
    <message numerus="yes">
        <source>These edits make %n authenticated user(s) slower:</source>
        <translation>
            <numerusform>These edits make %n authenticated user slower:</numerusform>
            <numerusform>These edits make %n authenticated users slower:</numerusform>
        </translation>
    </message>
    <message>
        <source>Authenticated users get slower</source>
        <translation>Authenticated users get slower</translation>
    </message>
    <message>
        <source>Save anyway?</source>
        <translation>Save anyway?</translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <source>What changes</source>
        <translation>What changes</translation>
    </message>
    <message>
        <source>Logs...</source>
        <translation>Logs...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Save...</source>
        <translation>Save...</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>No smtp logs chosen</source>
        <translation>No smtp logs chosen</translation>
    </message>
    <message>
        <source>The saved MailRoot cannot be read: %1</source>
        <translation>The saved MailRoot cannot be read: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n log line(s), %1 clients: the edits change no session.</source>
        <translation>
            <numerusform>%n log line, %1 clients: the edits change no session.</numerusform>
            <numerusform>%n log lines, %1 clients: the edits change no session.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n log line(s), %1 clients: %2 transitions; %3 authenticated users slower; waiting time of real users %4 s.</source>
        <translation>
            <numerusform>%n log line, %1 clients: %2 transitions; %3 authenticated users slower; waiting time of real users %4 s.</numerusform>
            <numerusform>%n log lines, %1 clients: %2 transitions; %3 authenticated users slower; waiting time of real users %4 s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xmflow::gui::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Open &amp;Recent</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Main toolbar</translation>
    </message>
    <message>
        <source>&amp;Open MailRoot…</source>
        <translation>&amp;Open MailRoot…</translation>
    </message>
    <message>
        <source>Open an XMail MailRoot folder</source>
        <translation>Open an XMail MailRoot folder</translation>
    </message>
    <message>
        <source>Open the &amp;Sample MailRoot</source>
        <translation>Open the &amp;Sample MailRoot</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Save the changed tables (the previous files are kept as .bak)</source>
        <translation>Save the changed tables (the previous files are kept as .bak)</translation>
    </message>
    <message>
        <source>Re&amp;load from Disk</source>
        <translation>Re&amp;load from Disk</translation>
    </message>
    <message>
        <source>&amp;Export Tables…</source>
        <translation>&amp;Export Tables…</translation>
    </message>
    <message>
        <source>Write every table to a folder, ready for XMail</source>
        <translation>Write every table to a folder, ready for XMail</translation>
    </message>
    <message>
        <source>Export &amp;Report (PDF/HTML)…</source>
        <translation>Export &amp;Report (PDF/HTML)…</translation>
    </message>
    <message>
        <source>Write a printable report of the tables, variables and findings</source>
        <translation>Write a printable report of the tables, variables and findings</translation>
    </message>
    <message>
        <source>&amp;Print Report…</source>
        <translation>&amp;Print Report…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>&amp;Undo %1</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>&amp;Redo %1</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>&amp;Add Line</source>
        <translation>&amp;Add Line</translation>
    </message>
    <message>
        <source>&amp;Delete Lines</source>
        <translation>&amp;Delete Lines</translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation>Move &amp;Up</translation>
    </message>
    <message>
        <source>Move Do&amp;wn</source>
        <translation>Move Do&amp;wn</translation>
    </message>
    <message>
        <source>&amp;Copy Lines</source>
        <translation>&amp;Copy Lines</translation>
    </message>
    <message>
        <source>&amp;Paste Lines</source>
        <translation>&amp;Paste Lines</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Find…</translation>
    </message>
    <message>
        <source>Which Lines Match an &amp;IP?</source>
        <translation>Which Lines Match an &amp;IP?</translation>
    </message>
    <message>
        <source>&amp;About xmflow</source>
        <translation>&amp;About xmflow</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tables</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>MailRoot:</source>
        <translation>MailRoot:</translation>
    </message>
    <message>
        <source>Recently opened MailRoot folders</source>
        <translation>Recently opened MailRoot folders</translation>
    </message>
    <message>
        <source>%1 (sample)</source>
        <translation>%1 (sample)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>xmflow</source>
        <translation>xmflow</translation>
    </message>
    <message>
        <source>%1 errors, %2 warnings</source>
        <translation>%1 errors, %2 warnings</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>No MailRoot open</source>
        <translation>No MailRoot open</translation>
    </message>
    <message>
        <source>Cannot open the MailRoot</source>
        <translation>Cannot open the MailRoot</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>%1 cannot be opened: %2</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Opened %1</translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <source>The tables could not be saved: %1
No file was left half written.</source>
        <translation>The tables could not be saved: %1
No file was left half written.</translation>
    </message>
    <message>
        <source>Saved; the previous files are kept as .bak</source>
        <translation>Saved; the previous files are kept as .bak</translation>
    </message>
    <message>
        <source>The MailRoot has unsaved changes. Save them before continuing?</source>
        <translation>The MailRoot has unsaved changes. Save them before continuing?</translation>
    </message>
    <message>
        <source>Choose an XMail MailRoot folder</source>
        <translation>Choose an XMail MailRoot folder</translation>
    </message>
    <message>
        <source>These files were changed by another program:
%1

Reload them?</source>
        <translation>These files were changed by another program:
%1

Reload them?</translation>
    </message>
    <message>
        <source>Your unsaved edits in them will be lost.</source>
        <translation>Your unsaved edits in them will be lost.</translation>
    </message>
    <message>
        <source>Files changed on disk</source>
        <translation>Files changed on disk</translation>
    </message>
    <message>
        <source>Reload failed</source>
        <translation>Reload failed</translation>
    </message>
    <message>
        <source>Reloaded %1</source>
        <translation>Reloaded %1</translation>
    </message>
    <message>
        <source>Export the tables to a folder</source>
        <translation>Export the tables to a folder</translation>
    </message>
    <message>
        <source>xmflow extensions in server.tab</source>
        <translation>xmflow extensions in server.tab</translation>
    </message>
    <message>
        <source>server.tab uses xmflow extensions that plain XMail 1.27 ignores:
%1

Yes: leave them out (for plain XMail).
No: keep them (for xmflowd).</source>
        <translation>server.tab uses xmflow extensions that plain XMail 1.27 ignores:
%1

Yes: leave them out (for plain XMail).
No: keep them (for xmflowd).</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>Exported the tables to %1</source>
        <translation>Exported the tables to %1</translation>
    </message>
    <message>
        <source>left out: %1</source>
        <translation>left out: %1</translation>
    </message>
    <message>
        <source>Export the configuration report</source>
        <translation>Export the configuration report</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;HTML (*.html)</source>
        <translation>PDF (*.pdf);;HTML (*.html)</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Report written to %1</translation>
    </message>
    <message>
        <source>About xmflow</source>
        <translation>About xmflow</translation>
    </message>
    <message>
        <source>&lt;b&gt;xmflow %1&lt;/b&gt;&lt;br/&gt;See, check and edit what an XMail 1.27 MailRoot does with each SMTP client.</source>
        <translation>&lt;b&gt;xmflow %1&lt;/b&gt;&lt;br/&gt;See, check and edit what an XMail 1.27 MailRoot does with each SMTP client.</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Simulate many client IPs at once, pasted or from an XMail smtp log</source>
        <translation>Simulate many client IPs at once, pasted or from an XMail smtp log</translation>
    </message>
    <message>
        <source>Daemon</source>
        <translation>Daemon</translation>
    </message>
    <message>
        <source>Run the bundled xmflowd on this MailRoot and watch it live</source>
        <translation>Run the bundled xmflowd on this MailRoot and watch it live</translation>
    </message>
    <message>
        <source>&amp;Start Daemon</source>
        <translation>&amp;Start Daemon</translation>
    </message>
    <message>
        <source>S&amp;top Daemon</source>
        <translation>S&amp;top Daemon</translation>
    </message>
    <message>
        <source>Open the sample MailRoot that comes with xmflow</source>
        <translation>Open the sample MailRoot that comes with xmflow</translation>
    </message>
    <message>
        <source>Read the tables again from the MailRoot folder</source>
        <translation>Read the tables again from the MailRoot folder</translation>
    </message>
    <message>
        <source>Print the report of the tables, variables and findings</source>
        <translation>Print the report of the tables, variables and findings</translation>
    </message>
    <message>
        <source>Close xmflow</source>
        <translation>Close xmflow</translation>
    </message>
    <message>
        <source>Undo: %1</source>
        <translation>Undo: %1</translation>
    </message>
    <message>
        <source>Undo the last change</source>
        <translation>Undo the last change</translation>
    </message>
    <message>
        <source>Redo: %1</source>
        <translation>Redo: %1</translation>
    </message>
    <message>
        <source>Redo the change undone last</source>
        <translation>Redo the change undone last</translation>
    </message>
    <message>
        <source>Add a line to the open table</source>
        <translation>Add a line to the open table</translation>
    </message>
    <message>
        <source>Delete the selected lines of the open table</source>
        <translation>Delete the selected lines of the open table</translation>
    </message>
    <message>
        <source>Move the selected lines up (the first matching line wins)</source>
        <translation>Move the selected lines up (the first matching line wins)</translation>
    </message>
    <message>
        <source>Move the selected lines down (the first matching line wins)</source>
        <translation>Move the selected lines down (the first matching line wins)</translation>
    </message>
    <message>
        <source>Copy the selected lines as tab-file text</source>
        <translation>Copy the selected lines as tab-file text</translation>
    </message>
    <message>
        <source>Paste tab-file lines into the open table</source>
        <translation>Paste tab-file lines into the open table</translation>
    </message>
    <message>
        <source>Mark the lines of the open table that match an IP address</source>
        <translation>Mark the lines of the open table that match an IP address</translation>
    </message>
    <message>
        <source>The version of xmflow and what it is for</source>
        <translation>The version of xmflow and what it is for</translation>
    </message>
    <message>
        <source>Show xmflow in English</source>
        <translation>Show xmflow in English</translation>
    </message>
    <message>
        <source>Show xmflow in Japanese</source>
        <translation>Show xmflow in Japanese</translation>
    </message>
    <message>
        <source>Start the bundled xmflowd on this MailRoot</source>
        <translation>Start the bundled xmflowd on this MailRoot</translation>
    </message>
    <message>
        <source>Stop the running xmflowd</source>
        <translation>Stop the running xmflowd</translation>
    </message>
    <message>
        <source>Simulate a Client &amp;Address…</source>
        <translation>Simulate a Client &amp;Address…</translation>
    </message>
    <message>
        <source>Type a client address on the home view and press Enter (Ctrl+L)</source>
        <translation>Type a client address on the home view and press Enter (Ctrl+L)</translation>
    </message>
    <message>
        <source>Filter the open table, or type a client address (Ctrl+F)</source>
        <translation>Filter the open table, or type a client address (Ctrl+F)</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Views</translation>
    </message>
    <message>
        <source>Show or hide the list of tables; click a table to open it beside the flowchart</source>
        <translation>Show or hide the list of tables; click a table to open it beside the flowchart</translation>
    </message>
    <message>
        <source>Show or hide the findings: lines XMail cannot use, and risky settings</source>
        <translation>Show or hide the findings: lines XMail cannot use, and risky settings</translation>
    </message>
    <message>
        <source>Click a table to open it beside the flowchart</source>
        <translation>Click a table to open it beside the flowchart</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>The flowchart of this MailRoot and the simulator: what happens to a client address</source>
        <translation>The flowchart of this MailRoot and the simulator: what happens to a client address</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::ReportBuilder</name>
    <message>
        <source>xmflow configuration report</source>
        <translation>xmflow configuration report</translation>
    </message>
    <message>
        <source>MailRoot: %1</source>
        <translation>MailRoot: %1</translation>
    </message>
    <message>
        <source>Generated: %1</source>
        <translation>Generated: %1</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>No findings.</source>
        <translation>No findings.</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>How to fix</source>
        <translation>How to fix</translation>
    </message>
    <message>
        <source>server.tab variables</source>
        <translation>server.tab variables</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Meaning</translation>
    </message>
    <message>
        <source>Unknown to XMail 1.27</source>
        <translation>Unknown to XMail 1.27</translation>
    </message>
    <message>
        <source>[xmflow extension] </source>
        <translation>[xmflow extension] </translation>
    </message>
    <message>
        <source>The file does not exist; XMail treats it as empty.</source>
        <translation>The file does not exist; XMail treats it as empty.</translation>
    </message>
    <message>
        <source>Empty.</source>
        <translation>Empty.</translation>
    </message>
    <message>
        <source>The PDF could not be written to %1</source>
        <translation>The PDF could not be written to %1</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::ServerEditor</name>
    <message>
        <source>Variables</source>
        <translation>Variables</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Lines</translation>
    </message>
    <message>
        <source>Find a variable…</source>
        <translation>Find a variable…</translation>
    </message>
    <message>
        <source>Reset to default</source>
        <translation>Reset to default</translation>
    </message>
    <message>
        <source>Remove the variable from server.tab so that XMail&apos;s default applies</source>
        <translation>Remove the variable from server.tab so that XMail&apos;s default applies</translation>
    </message>
    <message>
        <source>Select a variable to see what it does. Double-click a value to edit it.</source>
        <translation>Select a variable to see what it does. Double-click a value to edit it.</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::ServerVariablesModel</name>
    <message>
        <source>Unknown to XMail 1.27</source>
        <translation>Unknown to XMail 1.27</translation>
    </message>
    <message>
        <source>%1 (%2 set)</source>
        <translation>%1 (%2 set)</translation>
    </message>
    <message>
        <source>Set on line %1</source>
        <translation>Set on line %1</translation>
    </message>
    <message>
        <source>Not set: XMail uses the default</source>
        <translation>Not set: XMail uses the default</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Set more than once: XMail uses only line %1</source>
        <translation>Set more than once: XMail uses only line %1</translation>
    </message>
    <message>
        <source>Unknown to XMail 1.27: kept in server.tab, XMail ignores it</source>
        <translation>Unknown to XMail 1.27: kept in server.tab, XMail ignores it</translation>
    </message>
    <message>
        <source>[xmflow extension] </source>
        <translation>[xmflow extension] </translation>
    </message>
    <message>
        <source>This name is unknown to XMail 1.27. xmflow keeps the line unchanged; XMail ignores it.</source>
        <translation>This name is unknown to XMail 1.27. xmflow keeps the line unchanged; XMail ignores it.</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>Default: %1</translation>
    </message>
    <message>
        <source>xmflow extension: plain XMail 1.27 ignores this variable.</source>
        <translation>xmflow extension: plain XMail 1.27 ignores this variable.</translation>
    </message>
    <message>
        <source>Set %1</source>
        <translation>Set %1</translation>
    </message>
    <message>
        <source>Reset %1 to its default</source>
        <translation>Reset %1 to its default</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Meaning</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::SimulatorPanel</name>
    <message>
        <source>Open a MailRoot first.</source>
        <translation>Open a MailRoot first.</translation>
    </message>
    <message>
        <source>“%1” is not an IP address.</source>
        <translation>“%1” is not an IP address.</translation>
    </message>
    <message>
        <source>The listener address “%1” is not an IP address.</source>
        <translation>The listener address “%1” is not an IP address.</translation>
    </message>
    <message>
        <source>Client %1 → %2 port %3, script “%4”</source>
        <translation>Client %1 → %2 port %3, script “%4”</translation>
    </message>
    <message>
        <source>, AUTH as %1</source>
        <translation>, AUTH as %1</translation>
    </message>
    <message>
        <source>Client %1 → port %2; AUTH runs log in as %3</source>
        <translation>Client %1 → port %2; AUTH runs log in as %3</translation>
    </message>
    <message>
        <source>Refused: the client talked before the banner (early talker)</source>
        <translation>Refused: the client talked before the banner (early talker)</translation>
    </message>
    <message>
        <source>Refused at connect: %1</source>
        <translation>Refused at connect: %1</translation>
    </message>
    <message>
        <source>Accepted: the message was stored</source>
        <translation>Accepted: the message was stored</translation>
    </message>
    <message>
        <source>Closed by the server at %1</source>
        <translation>Closed by the server at %1</translation>
    </message>
    <message>
        <source>Every recipient was refused</source>
        <translation>Every recipient was refused</translation>
    </message>
    <message>
        <source>No message was sent</source>
        <translation>No message was sent</translation>
    </message>
    <message>
        <source>Delay %1 s before every command from MAIL FROM on, until AUTH succeeds</source>
        <translation>Delay %1 s before every command from MAIL FROM on, until AUTH succeeds</translation>
    </message>
    <message>
        <source>Delay %1 s before every command until AUTH succeeds</source>
        <translation>Delay %1 s before every command until AUTH succeeds</translation>
    </message>
    <message>
        <source>Authenticated as %1</source>
        <translation>Authenticated as %1</translation>
    </message>
    <message>
        <source>Session time: %1 s</source>
        <translation>Session time: %1 s</translation>
    </message>
    <message>
        <source>An authenticated submission from this client waits %1 s under XMail 1.27&apos;s rules and %2 s with the xmflow extensions.</source>
        <translation>An authenticated submission from this client waits %1 s under XMail 1.27&apos;s rules and %2 s with the xmflow extensions.</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>SMTP AUTH</source>
        <translation>SMTP AUTH</translation>
    </message>
    <message>
        <source>DNS what-ifs</source>
        <translation>DNS what-ifs</translation>
    </message>
    <message>
        <source>Client IP:</source>
        <translation>Client IP:</translation>
    </message>
    <message>
        <source>e.g. 203.0.113.10 or 2001:db8::1</source>
        <translation>e.g. 203.0.113.10 or 2001:db8::1</translation>
    </message>
    <message>
        <source>Listener address:</source>
        <translation>Listener address:</translation>
    </message>
    <message>
        <source>Client script:</source>
        <translation>Client script:</translation>
    </message>
    <message>
        <source>plain: EHLO, MAIL, RCPT ×2, DATA, QUIT</source>
        <translation>plain: EHLO, MAIL, RCPT ×2, DATA, QUIT</translation>
    </message>
    <message>
        <source>auth: EHLO, AUTH PLAIN, MAIL, RCPT ×2, DATA</source>
        <translation>auth: EHLO, AUTH PLAIN, MAIL, RCPT ×2, DATA</translation>
    </message>
    <message>
        <source>badauth: AUTH with a wrong password</source>
        <translation>badauth: AUTH with a wrong password</translation>
    </message>
    <message>
        <source>helo: HELO instead of EHLO</source>
        <translation>helo: HELO instead of EHLO</translation>
    </message>
    <message>
        <source>nouser: an unknown local user first</source>
        <translation>nouser: an unknown local user first</translation>
    </message>
    <message>
        <source>garbage: three unknown commands first</source>
        <translation>garbage: three unknown commands first</translation>
    </message>
    <message>
        <source>early: talks before the banner</source>
        <translation>early: talks before the banner</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>Users of mailusers.tab and smtpauth.tab; the timeline&apos;s AUTH runs log in as this user</source>
        <translation>Users of mailusers.tab and smtpauth.tab; the timeline&apos;s AUTH runs log in as this user</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>CustMapsList is not set: no DNSBL is asked.</source>
        <translation>CustMapsList is not set: no DNSBL is asked.</translation>
    </message>
    <message>
        <source>Listed in %1</source>
        <translation>Listed in %1</translation>
    </message>
    <message>
        <source>Reverse DNS:</source>
        <translation>Reverse DNS:</translation>
    </message>
    <message>
        <source>No PTR record</source>
        <translation>No PTR record</translation>
    </message>
    <message>
        <source>PTR record:</source>
        <translation>PTR record:</translation>
    </message>
    <message>
        <source>&amp;Simulate</source>
        <translation>&amp;Simulate</translation>
    </message>
    <message>
        <source>The same with the command-line tool:</source>
        <translation>The same with the command-line tool:</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transcript</translation>
    </message>
    <message>
        <source>Seconds per SMTP command, XMail 1.27 against the extensions, without and with AUTH</source>
        <translation>Seconds per SMTP command, XMail 1.27 against the extensions, without and with AUTH</translation>
    </message>
    <message>
        <source>Every stage of the decision; click a rule to open its line</source>
        <translation>Every stage of the decision; click a rule to open its line</translation>
    </message>
    <message>
        <source>Choose a client and press Simulate.</source>
        <translation>Choose a client and press Simulate.</translation>
    </message>
    <message>
        <source>MAIL FROM refused: %1</source>
        <translation>MAIL FROM refused: %1</translation>
    </message>
    <message>
        <source>The client&apos;s address (Ctrl+L); Enter simulates it. The list holds the addresses simulated before; paste several to offer them to the batch view.</source>
        <translation>The client&apos;s address (Ctrl+L); Enter simulates it. The list holds the addresses simulated before; paste several to offer them to the batch view.</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>The listener port the client connects to (server.tab and smtp.ipprop.tab can decide by port)</source>
        <translation>The listener port the client connects to (server.tab and smtp.ipprop.tab can decide by port)</translation>
    </message>
    <message>
        <source>AUTH as</source>
        <translation>AUTH as</translation>
    </message>
    <message>
        <source>Log in with SMTP AUTH PLAIN as the chosen user</source>
        <translation>Log in with SMTP AUTH PLAIN as the chosen user</translation>
    </message>
    <message>
        <source>xmflowd rules</source>
        <translation>xmflowd rules</translation>
    </message>
    <message>
        <source>XMail 1.27 rules</source>
        <translation>XMail 1.27 rules</translation>
    </message>
    <message>
        <source>Decide as xmflowd with the XMF- extensions, or as plain XMail 1.27 (extensions ignored)</source>
        <translation>Decide as xmflowd with the XMF- extensions, or as plain XMail 1.27 (extensions ignored)</translation>
    </message>
    <message>
        <source>Run the session (Enter in the address box)</source>
        <translation>Run the session (Enter in the address box)</translation>
    </message>
    <message>
        <source>More options</source>
        <translation>More options</translation>
    </message>
    <message>
        <source>Listener address, client script, password and DNS what-ifs</source>
        <translation>Listener address, client script, password and DNS what-ifs</translation>
    </message>
    <message>
        <source>Batch: %1 addresses</source>
        <translation>Batch: %1 addresses</translation>
    </message>
    <message>
        <source>Simulate every pasted address in the batch view</source>
        <translation>Simulate every pasted address in the batch view</translation>
    </message>
    <message>
        <source>Every command the client sent and every reply, with its delay</source>
        <translation>Every command the client sent and every reply, with its delay</translation>
    </message>
    <message>
        <source>Greylisting retry after:</source>
        <translation>Greylisting retry after:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>no retry</source>
        <translation>no retry</translation>
    </message>
    <message>
        <source>The timeline also plays the client&apos;s retry this many seconds after its first, greylisted visit (as xmflowd simulate --retry-after).</source>
        <translation>The timeline also plays the client&apos;s retry this many seconds after its first, greylisted visit (as xmflowd simulate --retry-after).</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::SuggestionsModel</name>
    <message>
        <source>%1 clients, %2 sessions, %3 authenticated users</source>
        <translation>%1 clients, %2 sessions, %3 authenticated users</translation>
    </message>
    <message>
        <source>spammers.tab line</source>
        <translation>spammers.tab line</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Addresses</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Failures</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>First seen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Impact</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::SuggestionsPanel</name>
    <message>
        <source>Canceled.</source>
        <translation>Canceled.</translation>
    </message>
    <message>
        <source>Choose XMail smtp logs</source>
        <translation>Choose XMail smtp logs</translation>
    </message>
    <message>
        <source>XMail smtp logs (smtp-* *.gz);;All files (*)</source>
        <translation>XMail smtp logs (smtp-* *.gz);;All files (*)</translation>
    </message>
    <message>
        <source>Choose the smtp logs to read.</source>
        <translation>Choose the smtp logs to read.</translation>
    </message>
    <message>
        <source>Open a MailRoot first.</source>
        <translation>Open a MailRoot first.</translation>
    </message>
    <message>
        <source>Reading the logs...</source>
        <translation>Reading the logs...</translation>
    </message>
    <message numerus="yes">
        <source>Add %n suggested line(s)</source>
        <translation>
            <numerusform>Add %n suggested line</numerusform>
            <numerusform>Add %n suggested lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) added to spammers.tab (undo restores the file).</source>
        <translation>
            <numerusform>%n line added to spammers.tab (undo restores the file).</numerusform>
            <numerusform>%n lines added to spammers.tab (undo restores the file).</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Suggestions</translation>
    </message>
    <message>
        <source>Logs...</source>
        <translation>Logs...</translation>
    </message>
    <message>
        <source>Find suggestions</source>
        <translation>Find suggestions</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Add ticked lines</source>
        <translation>Add ticked lines</translation>
    </message>
    <message>
        <source>Days:</source>
        <translation>Days:</translation>
    </message>
    <message>
        <source>Minimum weighted failures:</source>
        <translation>Minimum weighted failures:</translation>
    </message>
    <message>
        <source>Style:</source>
        <translation>Style:</translation>
    </message>
    <message>
        <source>drop (code=1)</source>
        <translation>drop (code=1)</translation>
    </message>
    <message>
        <source>delay (code=-30)</source>
        <translation>delay (code=-30)</translation>
    </message>
    <message>
        <source>AUTH only (code=0)</source>
        <translation>AUTH only (code=0)</translation>
    </message>
    <message>
        <source>No smtp logs chosen</source>
        <translation>No smtp logs chosen</translation>
    </message>
    <message numerus="yes">
        <source>%n suggested line(s) from %1 log lines; %2 networks or addresses never proposed (users, whitelists, own networks, already covered).</source>
        <translation>
            <numerusform>%n suggested line from %1 log lines; %2 networks or addresses never proposed (users, whitelists, own networks, already covered).</numerusform>
            <numerusform>%n suggested lines from %1 log lines; %2 networks or addresses never proposed (users, whitelists, own networks, already covered).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TableDelegate</name>
    <message>
        <source>&apos;%1&apos; is not valid here; the line was left unchanged.</source>
        <translation>&apos;%1&apos; is not valid here; the line was left unchanged.</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TableEditor</name>
    <message>
        <source>Add line</source>
        <translation>Add line</translation>
    </message>
    <message>
        <source>Add a line below the current one</source>
        <translation>Add a line below the current one</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Delete the selected lines (Del)</source>
        <translation>Delete the selected lines (Del)</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>Move the selected lines up: order matters where the first match wins (Alt+Up)</source>
        <translation>Move the selected lines up: order matters where the first match wins (Alt+Up)</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>Move the selected lines down (Alt+Down)</source>
        <translation>Move the selected lines down (Alt+Down)</translation>
    </message>
    <message>
        <source>Copy lines</source>
        <translation>Copy lines</translation>
    </message>
    <message>
        <source>Paste lines</source>
        <translation>Paste lines</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>Filter:</translation>
    </message>
    <message>
        <source>Show lines containing…</source>
        <translation>Show lines containing…</translation>
    </message>
    <message>
        <source>Which lines match this IP?</source>
        <translation>Which lines match this IP?</translation>
    </message>
    <message>
        <source>e.g. 203.0.113.7</source>
        <translation>e.g. 203.0.113.7</translation>
    </message>
    <message>
        <source>Add line %1</source>
        <translation>Add line %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n line(s)</source>
        <translation>
            <numerusform>Delete %n line</numerusform>
            <numerusform>Delete %n lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n line(s) up</source>
        <translation>
            <numerusform>Move %n line up</numerusform>
            <numerusform>Move %n lines up</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n line(s) down</source>
        <translation>
            <numerusform>Move %n line down</numerusform>
            <numerusform>Move %n lines down</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n line(s) as tab-file text</source>
        <translation>
            <numerusform>Copied %n line as tab-file text</numerusform>
            <numerusform>Copied %n lines as tab-file text</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n line(s)</source>
        <translation>
            <numerusform>Paste %n line</numerusform>
            <numerusform>Paste %n lines</numerusform>
        </translation>
    </message>
    <message>
        <source>not an IP address</source>
        <translation>not an IP address</translation>
    </message>
    <message>
        <source>no line matches</source>
        <translation>no line matches</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) match: %1</source>
        <translation>
            <numerusform>%n line matches: %1</numerusform>
            <numerusform>%n lines match: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TableListModel</name>
    <message numerus="yes">
        <source>%1: %n record(s)</source>
        <translation>
            <numerusform>%1: %n record</numerusform>
            <numerusform>%1: %n records</numerusform>
        </translation>
    </message>
    <message>
        <source>The file does not exist yet; XMail treats it as empty.</source>
        <translation>The file does not exist yet; XMail treats it as empty.</translation>
    </message>
    <message>
        <source>The file does not exist yet; xmflowd treats it as empty.</source>
        <translation>The file does not exist yet; xmflowd treats it as empty.</translation>
    </message>
    <message>
        <source>Read by xmflowd only: plain XMail 1.27 never reads this file.</source>
        <translation>Read by xmflowd only: plain XMail 1.27 never reads this file.</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TableModel</name>
    <message>
        <source>Edit %1 on line %2</source>
        <translation>Edit %1 on line %2</translation>
    </message>
    <message>
        <source>Line %1 of %2</source>
        <translation>Line %1 of %2</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>The server.tab variable name</source>
        <translation>The server.tab variable name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>The value XMail reads</source>
        <translation>The value XMail reads</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>IPv4 or IPv6 address, optionally with /bits</source>
        <translation>IPv4 or IPv6 address, optionally with /bits</translation>
    </message>
    <message>
        <source>Netmask</source>
        <translation>Netmask</translation>
    </message>
    <message>
        <source>IPv4 netmask such as 255.255.255.0</source>
        <translation>IPv4 netmask such as 255.255.255.0</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>ALLOW or DENY</source>
        <translation>ALLOW or DENY</translation>
    </message>
    <message>
        <source>Precedence</source>
        <translation>Precedence</translation>
    </message>
    <message>
        <source>Among matching lines the highest precedence wins; on a tie the later line</source>
        <translation>Among matching lines the highest precedence wins; on a tie the later line</translation>
    </message>
    <message>
        <source>Optional IPv4 netmask; leave empty with the a.b.c.d/bits form</source>
        <translation>Optional IPv4 netmask; leave empty with the a.b.c.d/bits form</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>Properties</translation>
    </message>
    <message>
        <source>WhiteList, NoAuth, SenderDomainCheck=0, EaseTLS, EnableVRFY, EnableETRN</source>
        <translation>WhiteList, NoAuth, SenderDomainCheck=0, EaseTLS, EnableVRFY, EnableETRN</translation>
    </message>
    <message>
        <source>Host name</source>
        <translation>Host name</translation>
    </message>
    <message>
        <source>Reverse-DNS name; .domain matches every subdomain</source>
        <translation>Reverse-DNS name; .domain matches every subdomain</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameters</translation>
    </message>
    <message>
        <source>name=value,... such as code=-30</source>
        <translation>name=value,... such as code=-30</translation>
    </message>
    <message>
        <source>What XMail does</source>
        <translation>What XMail does</translation>
    </message>
    <message>
        <source>The code parameter: drop the connection, allow only after SMTP AUTH, or delay every command</source>
        <translation>The code parameter: drop the connection, allow only after SMTP AUTH, or delay every command</translation>
    </message>
    <message>
        <source>Sender pattern</source>
        <translation>Sender pattern</translation>
    </message>
    <message>
        <source>MAIL FROM address with * and ? wildcards</source>
        <translation>MAIL FROM address with * and ? wildcards</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domain</translation>
    </message>
    <message>
        <source>A local domain</source>
        <translation>A local domain</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>The account name</source>
        <translation>The account name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Stored XMail-encrypted; type the plain password to change it</source>
        <translation>Stored XMail-encrypted; type the plain password to change it</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>The account&apos;s numeric id</source>
        <translation>The account&apos;s numeric id</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>The mailbox folder under the domain</source>
        <translation>The mailbox folder under the domain</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>U for a user, M for a mailing list</source>
        <translation>U for a user, M for a mailing list</translation>
    </message>
    <message>
        <source>Stored as plain text by XMail</source>
        <translation>Stored as plain text by XMail</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Permissions</translation>
    </message>
    <message>
        <source>M mail, R relay, V VRFY, T ETRN, Z no size limit, S ease TLS</source>
        <translation>M mail, R relay, V VRFY, T ETRN, Z no size limit, S ease TLS</translation>
    </message>
    <message>
        <source>PTR domain</source>
        <translation>PTR domain</translation>
    </message>
    <message>
        <source>Clients whose reverse-DNS name is in this domain (or a subdomain) are never greylisted</source>
        <translation>Clients whose reverse-DNS name is in this domain (or a subdomain) are never greylisted</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Who sends from there (free text)</source>
        <translation>Who sends from there (free text)</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TableSchema</name>
    <message>
        <source>Server settings</source>
        <translation>Server settings</translation>
    </message>
    <message>
        <source>SMTP access by IP address</source>
        <translation>SMTP access by IP address</translation>
    </message>
    <message>
        <source>Per-IP properties (whitelist)</source>
        <translation>Per-IP properties (whitelist)</translation>
    </message>
    <message>
        <source>Per-host-name properties</source>
        <translation>Per-host-name properties</translation>
    </message>
    <message>
        <source>Spam hosts</source>
        <translation>Spam hosts</translation>
    </message>
    <message>
        <source>SMTP relay allowed</source>
        <translation>SMTP relay allowed</translation>
    </message>
    <message>
        <source>Refused sender addresses</source>
        <translation>Refused sender addresses</translation>
    </message>
    <message>
        <source>Local domains</source>
        <translation>Local domains</translation>
    </message>
    <message>
        <source>Mail users</source>
        <translation>Mail users</translation>
    </message>
    <message>
        <source>SMTP AUTH users</source>
        <translation>SMTP AUTH users</translation>
    </message>
    <message>
        <source>Senders never greylisted (xmflow)</source>
        <translation>Senders never greylisted (xmflow)</translation>
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
        <translation>With extensions</translation>
    </message>
    <message>
        <source>with AUTH</source>
        <translation>with AUTH</translation>
    </message>
    <message>
        <source>without AUTH</source>
        <translation>without AUTH</translation>
    </message>
    <message>
        <source>%1, %2: %3 s in all</source>
        <translation>%1, %2: %3 s in all</translation>
    </message>
    <message>
        <source>220 banner</source>
        <translation>220 banner</translation>
    </message>
    <message>
        <source>message</source>
        <translation>message</translation>
    </message>
    <message>
        <source>Run a simulation to compare the seconds spent per SMTP command</source>
        <translation>Run a simulation to compare the seconds spent per SMTP command</translation>
    </message>
    <message>
        <source>SMTP command, in the order the client sends them</source>
        <translation>SMTP command, in the order the client sends them</translation>
    </message>
    <message>
        <source>Seconds before the reply</source>
        <translation>Seconds before the reply</translation>
    </message>
    <message>
        <source>Authenticated client: %1 s with XMail 1.27, %2 s with the extensions</source>
        <translation>Authenticated client: %1 s with XMail 1.27, %2 s with the extensions</translation>
    </message>
    <message>
        <source>Seconds spent per SMTP command</source>
        <translation>Seconds spent per SMTP command</translation>
    </message>
    <message>
        <source>%1, %2, first visit (greylisted): %3 s</source>
        <translation>%1, %2, first visit (greylisted): %3 s</translation>
    </message>
    <message>
        <source>%1, %2, retry %3 s later: %4 s</source>
        <translation>%1, %2, retry %3 s later: %4 s</translation>
    </message>
    <message>
        <source>Greylisting: the first visit gets 451 at RCPT TO, the retry %1 s later is accepted</source>
        <translation>Greylisting: the first visit gets 451 at RCPT TO, the retry %1 s later is accepted</translation>
    </message>
    <message>
        <source>Greylisting: the first visit gets 451 at RCPT TO, the retry %1 s later is still refused</source>
        <translation>Greylisting: the first visit gets 451 at RCPT TO, the retry %1 s later is still refused</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TraceModel</name>
    <message>
        <source>Open %1 at this line</source>
        <translation>Open %1 at this line</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TranscriptModel</name>
    <message>
        <source>banner</source>
        <translation>banner</translation>
    </message>
    <message>
        <source>message</source>
        <translation>message</translation>
    </message>
    <message>
        <source>(message body)</source>
        <translation>(message body)</translation>
    </message>
    <message>
        <source>(connection closed)</source>
        <translation>(connection closed)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Client sends</source>
        <translation>Client sends</translation>
    </message>
    <message>
        <source>Server replies</source>
        <translation>Server replies</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Delay</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
</context>
<context>
    <name>xmflow::gui::VariableDelegate</name>
    <message>
        <source>connect: from the first command (XMail)</source>
        <translation>connect: from the first command (XMail)</translation>
    </message>
    <message>
        <source>mail: from MAIL FROM (AUTH users never wait)</source>
        <translation>mail: from MAIL FROM (AUTH users never wait)</translation>
    </message>
    <message>
        <source>0 (off)</source>
        <translation>0 (off)</translation>
    </message>
    <message>
        <source>1 (on)</source>
        <translation>1 (on)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
</context>
</TS>

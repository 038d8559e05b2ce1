<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>xmflow::gui::CodeEditor</name>
    <message>
        <source>Drop the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow only after SMTP AUTH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay every command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What XMail does with a matching client</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>xmflow::gui::DiagnosticsPanel</name>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors and warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No findings: XMail will read every line as written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 errors, %2 warnings, %3 notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a finding to jump to its line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What XMail does:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to fix:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>xmflow::gui::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open MailRoot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an XMail MailRoot folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;Sample MailRoot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the changed tables (the previous files are kept as .bak)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;load from Disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Tables…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write every table to a folder, ready for XMail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Report (PDF/HTML)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a printable report of the tables, variables and findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print Report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Do&amp;wn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which Lines Match an &amp;IP?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About xmflow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MailRoot:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recently opened MailRoot folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (sample)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xmflow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 errors, %2 warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No MailRoot open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the MailRoot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tables could not be saved: %1
No file was left half written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved; the previous files are kept as .bak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The MailRoot has unsaved changes. Save them before continuing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an XMail MailRoot folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These files were changed by another program:
%1

Reload them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your unsaved edits in them will be lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files changed on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reloaded %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the tables to a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xmflow extensions in server.tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server.tab uses xmflow extensions that plain XMail 1.27 ignores:
%1

Yes: leave them out (for plain XMail).
No: keep them (for xmflowd).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the tables to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>left out: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the configuration report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf);;HTML (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About xmflow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;xmflow %1&lt;/b&gt;&lt;br/&gt;See, check and edit what an XMail 1.27 MailRoot does with each SMTP client.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>xmflow::gui::ReportBuilder</name>
    <message>
        <source>xmflow configuration report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MailRoot: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No findings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server.tab variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown to XMail 1.27</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[xmflow extension] </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file does not exist; XMail treats it as empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF could not be written to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>xmflow::gui::ServerEditor</name>
    <message>
        <source>Variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a variable…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the variable from server.tab so that XMail&apos;s default applies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a variable to see what it does. Double-click a value to edit it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>xmflow::gui::ServerVariablesModel</name>
    <message>
        <source>Unknown to XMail 1.27</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set on line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set: XMail uses the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set more than once: XMail uses only line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown to XMail 1.27: kept in server.tab, XMail ignores it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[xmflow extension] </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This name is unknown to XMail 1.27. xmflow keeps the line unchanged; XMail ignores it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xmflow extension: plain XMail 1.27 ignores this variable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset %1 to its default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TableDelegate</name>
    <message>
        <source>&apos;%1&apos; is not valid here; the line was left unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TableEditor</name>
    <message>
        <source>Add line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a line below the current one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected lines (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected lines up: order matters where the first match wins (Alt+Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected lines down (Alt+Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show lines containing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which lines match this IP?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 203.0.113.7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n line(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n line(s) up</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n line(s) down</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n line(s) as tab-file text</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n line(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>not an IP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no line matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) match: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TableListModel</name>
    <message numerus="yes">
        <source>%1: %n record(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The file does not exist yet; XMail treats it as empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TableModel</name>
    <message>
        <source>Edit %1 on line %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server.tab variable name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value XMail reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IPv4 or IPv6 address, optionally with /bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Netmask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IPv4 netmask such as 255.255.255.0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALLOW or DENY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precedence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Among matching lines the highest precedence wins; on a tie the later line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional IPv4 netmask; leave empty with the a.b.c.d/bits form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhiteList, NoAuth, SenderDomainCheck=0, EaseTLS, EnableVRFY, EnableETRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse-DNS name; .domain matches every subdomain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name=value,... such as code=-30</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What XMail does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code parameter: drop the connection, allow only after SMTP AUTH, or delay every command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAIL FROM address with * and ? wildcards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A local domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored XMail-encrypted; type the plain password to change it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account&apos;s numeric id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mailbox folder under the domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>U for a user, M for a mailing list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored as plain text by XMail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M mail, R relay, V VRFY, T ETRN, Z no size limit, S ease TLS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>xmflow::gui::TableSchema</name>
    <message>
        <source>Server settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP access by IP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-IP properties (whitelist)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-host-name properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spam hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP relay allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused sender addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP AUTH users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AUTH only</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>delay %n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>xmflow::gui::VariableDelegate</name>
    <message>
        <source>connect: from the first command (XMail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mail: from MAIL FROM (AUTH users never wait)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 (off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 (on)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

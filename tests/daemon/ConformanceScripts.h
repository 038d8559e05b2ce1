#pragma once
// The scripted sessions of conformance/README.md, replayed over a real socket.

#include "DaemonTestSupport.h"
#include "SmtpLines.h"

#include <QJsonArray>

namespace xmflow::daemontest {

using xmflow::testing::authPlain;

struct Step {
    QString step;
    int code = 0;
    double delay = 0; // seconds
};

struct ConformanceCase {
    QString scenario;
    int index = 0;
    QString peer;
    QString script;
    QList<Step> expect;
    QString name() const
    {
        return scenario + QLatin1Char('#') + QString::number(index) + QLatin1Char(' ') + script +
               QLatin1Char('@') + peer;
    }
};

inline QList<ConformanceCase> loadCases(const QString &scenario)
{
    QList<ConformanceCase> cases;
    QFile f(QDir(conformanceDir()).filePath(scenario + QStringLiteral("/cases.jsonl")));
    if (!f.open(QIODevice::ReadOnly))
        return cases;
    int index = 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        ConformanceCase c;
        c.scenario = scenario;
        c.index = ++index;
        c.peer = o.value(QStringLiteral("peer")).toString();
        c.script = o.value(QStringLiteral("script")).toString();
        for (const QJsonValue &v : o.value(QStringLiteral("expect")).toArray()) {
            const QJsonObject s = v.toObject();
            c.expect << Step{s.value(QStringLiteral("step")).toString(),
                             s.value(QStringLiteral("code")).toInt(),
                             s.value(QStringLiteral("delay")).toDouble()};
        }
        cases << c;
    }
    return cases;
}

inline QStringList scenarios()
{
    QStringList list = QDir(conformanceDir()).entryList({QStringLiteral("s*")}, QDir::Dirs, QDir::Name);
    return list;
}

inline QList<QByteArray> scriptCommands(const QString &script)
{
    const QByteArray ehlo = "EHLO client.remote.test";
    const QByteArray mail = "MAIL FROM:<sender@remote.test>";
    const QByteArray alice = "RCPT TO:<alice@example.test>";
    const QByteArray friendRcpt = "RCPT TO:<friend@elsewhere.test>";
    if (script == QLatin1String("plain") || script == QLatin1String("early"))
        return {ehlo, mail, alice, friendRcpt, "DATA", "BODY", "QUIT"};
    if (script == QLatin1String("auth") || script == QLatin1String("badauth"))
        return {ehlo,
                authPlain("alice@example.test", script == QLatin1String("auth") ? "wonderland" : "wrong"),
                "MAIL FROM:<alice@example.test>",
                alice,
                friendRcpt,
                "DATA",
                "BODY",
                "QUIT"};
    if (script == QLatin1String("helo"))
        return {"HELO client.remote.test", mail, alice, "DATA", "BODY", "QUIT"};
    if (script == QLatin1String("nouser"))
        return {ehlo, mail, "RCPT TO:<nobody@example.test>", alice, "DATA", "BODY", "QUIT"};
    if (script == QLatin1String("garbage"))
        return {ehlo, "FOO", "BAR", "BAZ", mail, alice, "DATA", "BODY", "QUIT"};
    return {};
}

inline QString stepName(const QByteArray &command)
{
    if (command.startsWith("MAIL FROM"))
        return QStringLiteral("MAIL FROM");
    if (command.startsWith("RCPT TO"))
        return QStringLiteral("RCPT TO");
    const qsizetype sp = command.indexOf(' ');
    return QString::fromLatin1(sp < 0 ? command : command.left(sp));
}

// Plays one script against 127.0.0.1:port from `peer`; returns the observed steps.
inline QList<Step> playScript(quint16 port, const QString &peer, const QString &script, QString *error)
{
    QList<Step> steps;
    Client client;
    if (!client.connectTo(port, peer)) {
        *error = QStringLiteral("cannot connect from ") + peer;
        return steps;
    }
    const QList<QByteArray> commands = scriptCommands(script);
    if (commands.isEmpty()) {
        *error = QStringLiteral("unknown script ") + script;
        return steps;
    }
    int first = 0;
    if (script == QLatin1String("early")) {
        client.send(commands.at(0) + "\r\n"); // before the banner
        first = 1;
    }
    Reply banner = client.reply(120000);
    steps << Step{QStringLiteral("banner"), banner.code, banner.elapsedMs / 1000.0};
    if (banner.code != 220)
        return steps;
    if (first == 1) {
        const Reply r = client.reply(120000);
        steps << Step{stepName(commands.at(0)), r.code, 0};
        if (r.code == 0 || r.code == 221)
            return steps;
    }
    bool dataOk = false;
    for (int i = first; i < commands.size(); ++i) {
        const QByteArray &cmd = commands.at(i);
        Reply r;
        if (cmd == "BODY") {
            if (!dataOk)
                continue;
            client.send("Subject: conformance\r\n\r\nhello\r\n.\r\n");
            r = client.reply(120000);
        } else {
            r = client.command(cmd, 120000);
        }
        if (cmd == "DATA")
            dataOk = r.code == 354;
        steps << Step{stepName(cmd), r.code, r.elapsedMs / 1000.0};
        if (r.code == 0 || r.code == 221)
            break;
    }
    client.close();
    return steps;
}

// "" when the observed steps match the expectation (codes exact, delays within ±1 s).
inline QString compareSteps(const QList<Step> &expect, const QList<Step> &actual)
{
    auto show = [](const QList<Step> &steps) {
        QStringList parts;
        for (const Step &s : steps)
            parts << QStringLiteral("%1=%2(%3s)").arg(s.step).arg(s.code).arg(s.delay, 0, 'f', 1);
        return parts.join(QLatin1Char(' '));
    };
    QString problem;
    if (expect.size() != actual.size())
        problem = QStringLiteral("step count %1 != %2").arg(actual.size()).arg(expect.size());
    for (int i = 0; problem.isEmpty() && i < expect.size(); ++i) {
        const Step &e = expect.at(i);
        const Step &a = actual.at(i);
        if (e.step != a.step || e.code != a.code)
            problem = QStringLiteral("step %1: got %2 %3, want %4 %5")
                          .arg(i)
                          .arg(a.step)
                          .arg(a.code)
                          .arg(e.step)
                          .arg(e.code);
        else if (std::abs(a.delay - e.delay) > 1.0)
            problem = QStringLiteral("step %1 (%2): delay %3 s, want %4 s ±1")
                          .arg(i)
                          .arg(e.step)
                          .arg(a.delay)
                          .arg(e.delay);
    }
    if (problem.isEmpty())
        return problem;
    return problem + QStringLiteral("\n   got:  ") + show(actual) + QStringLiteral("\n   want: ") +
           show(expect);
}

} // namespace xmflow::daemontest

// `xmflowd check`, `simulate` and `export` as a user (or a script) runs them.

#include "EngineTestSupport.h"
#include "XmflowdRun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

using xmflow::testing::CliRun;
using xmflow::testing::TestMailRoot;
using xmflow::testing::xmflowd;

TEST(CliCheck, CleanMailRootExitsZero)
{
    TestMailRoot root;
    const CliRun r = xmflowd({QStringLiteral("check"), QStringLiteral("--mailroot"), root.path()});
    EXPECT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
    EXPECT_FALSE(r.out.contains(QLatin1String(": error: ")));
}

TEST(CliCheck, ErrorsExitOneWithFileLineSeverityMessage)
{
    TestMailRoot root;
    root.write(QStringLiteral("smtprelay.tab"), "\"0.0.0.0\"\t\"0.0.0.0\"\n");
    root.write(QStringLiteral("spammers.tab"), "\"10.0.0.0/8\"\t\"code=-1\"\n\"10.1.0.0/16\"\t\"code=1\"\n");
    const CliRun r = xmflowd({QStringLiteral("check"), QStringLiteral("--mailroot"), root.path()});
    EXPECT_EQ(r.exitCode, 1);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_FALSE(lines.isEmpty());
    const QRegularExpression format(QStringLiteral("^[A-Za-z0-9_.-]+(:\\d+)?: (info|warning|error): \\S.*$"));
    for (const QString &line : lines)
        EXPECT_TRUE(format.match(line).hasMatch()) << line.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("smtprelay.tab:1: error: "))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("spammers.tab:2: warning: "))) << r.out.toStdString();
}

TEST(CliCheck, Json)
{
    TestMailRoot root;
    root.write(QStringLiteral("smtprelay.tab"), "\"0.0.0.0\"\t\"0.0.0.0\"\n");
    root.setVariable(QStringLiteral("XMF-DelayStart"), QStringLiteral("mail"));
    const CliRun r = xmflowd(
        {QStringLiteral("check"), QStringLiteral("--mailroot"), root.path(), QStringLiteral("--json")});
    EXPECT_EQ(r.exitCode, 1);
    QJsonParseError error;
    const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
    ASSERT_EQ(error.error, QJsonParseError::NoError) << r.out.toStdString();
    EXPECT_TRUE(doc.value(QStringLiteral("errors")).toBool());
    bool relay = false, extension = false;
    for (const QJsonValue &v : doc.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = v.toObject();
        for (const char *key : {"file", "line", "severity", "kind", "message", "message_ja", "hint"})
            EXPECT_TRUE(f.contains(QString::fromLatin1(key))) << key;
        if (f.value(QStringLiteral("kind")).toString() == QLatin1String("open-relay")) {
            relay = true;
            EXPECT_EQ(f.value(QStringLiteral("file")).toString(), QStringLiteral("smtprelay.tab"));
            EXPECT_EQ(f.value(QStringLiteral("line")).toInt(), 1);
            EXPECT_EQ(f.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
        }
        if (f.value(QStringLiteral("kind")).toString() == QLatin1String("extension")) {
            extension = true;
            EXPECT_TRUE(
                f.value(QStringLiteral("message")).toString().contains(QLatin1String("XMF-DelayStart")));
        }
    }
    EXPECT_TRUE(relay);
    EXPECT_TRUE(extension); // check lists the extensions a MailRoot relies on
}

TEST(CliSimulate, FlagErrorsExitTwo)
{
    TestMailRoot root;
    CliRun r = xmflowd({QStringLiteral("simulate"), QStringLiteral("--mailroot"), root.path(),
                        QStringLiteral("--peer"), QStringLiteral("300.1.2.3")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains(QLatin1String("300.1.2.3"))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QLatin1String("not an IP address"))) << r.err.toStdString();
    EXPECT_TRUE(r.out.isEmpty());

    r = xmflowd({QStringLiteral("simulate"), QStringLiteral("--mailroot"), root.path(),
                 QStringLiteral("--peer"), QStringLiteral("192.0.2.1"), QStringLiteral("--script"),
                 QStringLiteral("nosuch")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains(QLatin1String("unknown script 'nosuch'"))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QLatin1String("early"))); // lists the scripts

    r = xmflowd({QStringLiteral("simulate"), QStringLiteral("--mailroot"), root.path()});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains(QLatin1String("--peer")));

    r = xmflowd({QStringLiteral("simulate"), QStringLiteral("--mailroot"), root.path(),
                 QStringLiteral("--peer"), QStringLiteral("192.0.2.1"), QStringLiteral("--no-such-flag")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_FALSE(r.err.isEmpty());

    r = xmflowd({QStringLiteral("simulate"), QStringLiteral("--mailroot"), root.path(),
                 QStringLiteral("--peer"), QStringLiteral("192.0.2.1"), QStringLiteral("--auth"),
                 QStringLiteral("nocolon")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains(QLatin1String("USER:PASS")));
}

TEST(CliSimulate, JsonShape)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-30\"\n");
    root.setVariable(QStringLiteral("XMF-DelayStart"), QStringLiteral("mail"));
    auto simulate = [&](const QStringList &extra) {
        QStringList args{QStringLiteral("simulate"), QStringLiteral("--mailroot"), root.path(),
                         QStringLiteral("--peer"),   QStringLiteral("192.0.2.1"),  QStringLiteral("--script"),
                         QStringLiteral("auth"),     QStringLiteral("--json")};
        const CliRun r = xmflowd(args + extra);
        EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    };
    const QJsonObject ext = simulate({});
    const QJsonArray steps = ext.value(QStringLiteral("steps")).toArray();
    ASSERT_GE(steps.size(), 4);
    for (const QJsonValue &v : steps) {
        const QJsonObject s = v.toObject();
        for (const char *key : {"step", "code", "delay", "send", "reply"})
            EXPECT_TRUE(s.contains(QString::fromLatin1(key))) << key;
    }
    EXPECT_EQ(steps.at(0).toObject().value(QStringLiteral("step")).toString(), QStringLiteral("banner"));
    EXPECT_EQ(steps.at(0).toObject().value(QStringLiteral("code")).toInt(), 220);
    EXPECT_EQ(steps.at(2).toObject().value(QStringLiteral("step")).toString(), QStringLiteral("AUTH"));
    EXPECT_EQ(steps.at(2).toObject().value(QStringLiteral("code")).toInt(), 235);
    EXPECT_EQ(ext.value(QStringLiteral("total_seconds")).toInt(), 0);
    EXPECT_TRUE(ext.value(QStringLiteral("authenticated")).toBool());
    const QJsonArray trace = ext.value(QStringLiteral("trace")).toArray();
    ASSERT_FALSE(trace.isEmpty());
    bool spammers = false;
    for (const QJsonValue &v : trace) {
        const QJsonObject e = v.toObject();
        for (const char *key : {"stage", "outcome", "exit", "rule", "effect", "delay"})
            EXPECT_TRUE(e.contains(QString::fromLatin1(key))) << key;
        if (e.value(QStringLiteral("stage")).toString() == QLatin1String("spammers")) {
            spammers = true;
            EXPECT_EQ(e.value(QStringLiteral("rule")).toString(), QStringLiteral("spammers.tab:1"));
            EXPECT_EQ(e.value(QStringLiteral("delay")).toInt(), 30);
        }
    }
    EXPECT_TRUE(spammers);
    EXPECT_EQ(ext.value(QStringLiteral("verdict")).toObject().value(QStringLiteral("delay_start")).toString(),
              QStringLiteral("mail"));

    // --xmail-compat: XMail 1.27's 60 s for EHLO + AUTH.
    const QJsonObject compat = simulate({QStringLiteral("--xmail-compat")});
    EXPECT_EQ(compat.value(QStringLiteral("total_seconds")).toInt(), 60);
    const QJsonArray cs = compat.value(QStringLiteral("steps")).toArray();
    EXPECT_EQ(cs.at(1).toObject().value(QStringLiteral("delay")).toInt(), 30);
    EXPECT_EQ(cs.at(2).toObject().value(QStringLiteral("delay")).toInt(), 30);
}

TEST(CliSimulate, TextTranscriptAndEarlyScript)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("XMF-GreetPause"), QStringLiteral("3"));
    CliRun r = xmflowd({QStringLiteral("simulate"), QStringLiteral("--mailroot"), root.path(),
                        QStringLiteral("--peer"), QStringLiteral("192.0.2.1"), QStringLiteral("--script"),
                        QStringLiteral("early"), QStringLiteral("--json")});
    EXPECT_EQ(r.exitCode, 0);
    const QJsonArray steps =
        QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("steps")).toArray();
    ASSERT_EQ(steps.size(), 1);
    EXPECT_EQ(steps.at(0).toObject().value(QStringLiteral("code")).toInt(), 554);

    r = xmflowd({QStringLiteral("simulate"), QStringLiteral("--mailroot"), root.path(),
                 QStringLiteral("--peer"), QStringLiteral("192.0.2.1")});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_TRUE(r.out.contains(QLatin1String("Transcript:")));
    EXPECT_TRUE(r.out.contains(QLatin1String("Decision trace:")));
    EXPECT_TRUE(r.out.contains(QLatin1String("Total: ")));
}

TEST(CliExport, XmailDropsExtensionsAndSaysSo)
{
    TestMailRoot root;
    root.setVariable(QStringLiteral("XMF-DelayStart"), QStringLiteral("mail"));
    root.setVariable(QStringLiteral("XMF-GreetPause"), QStringLiteral("5"));
    QTemporaryDir out;
    const CliRun r = xmflowd({QStringLiteral("export"), QStringLiteral("--mailroot"), root.path(),
                              QStringLiteral("--out"), out.path(), QStringLiteral("--xmail")});
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("XMF-DelayStart"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("XMF-GreetPause"))) << r.out.toStdString();
    QFile server(QDir(out.path()).filePath(QStringLiteral("server.tab")));
    ASSERT_TRUE(server.open(QIODevice::ReadOnly));
    const QByteArray written = server.readAll();
    EXPECT_FALSE(written.contains("XMF-"));
    EXPECT_TRUE(written.contains("\"RootDomain\"\t\"example.test\""));
    // Untouched tables come out byte-identical.
    QFile a(QDir(root.path()).filePath(QStringLiteral("mailusers.tab"))),
        b(QDir(out.path()).filePath(QStringLiteral("mailusers.tab")));
    ASSERT_TRUE(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    EXPECT_EQ(a.readAll(), b.readAll());

    // Without --xmail the extensions stay.
    QTemporaryDir keep;
    const CliRun k = xmflowd({QStringLiteral("export"), QStringLiteral("--mailroot"), root.path(),
                              QStringLiteral("--out"), keep.path()});
    EXPECT_EQ(k.exitCode, 0);
    QFile kept(QDir(keep.path()).filePath(QStringLiteral("server.tab")));
    ASSERT_TRUE(kept.open(QIODevice::ReadOnly));
    EXPECT_TRUE(kept.readAll().contains("XMF-DelayStart"));
}

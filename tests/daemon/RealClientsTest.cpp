// Real SMTP clients against a live `xmflowd serve`: Python's smtplib (AUTH PLAIN,
// AUTH LOGIN, STARTTLS) and swaks.

#include "DaemonTestSupport.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace xmflow::daemontest;

namespace {

class RealClients : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_work = new QTemporaryDir;
        s_root = QDir(s_work->path()).filePath(QStringLiteral("mailroot"));
        ASSERT_TRUE(makeScenarioMailRoot(QString(), s_root));
        s_tls = makeSelfSignedCert(s_root);
        s_daemon = new DaemonProcess(s_root, s_work->path());
        ASSERT_TRUE(s_daemon->start({QStringLiteral("--events")})) << s_daemon->stderrText().toStdString();
    }
    static void TearDownTestSuite()
    {
        EXPECT_EQ(s_daemon->stop(), 0);
        delete s_daemon;
        delete s_work;
    }

    static std::pair<int, QByteArray> python(const QString &code)
    {
        QString script = code;
        script.replace(QStringLiteral("PORT"), QString::number(s_daemon->port()));
        return runTool(QStringLiteral("python3"), {QStringLiteral("-c"), script}, 60000);
    }

    static inline QTemporaryDir *s_work = nullptr;
    static inline QString s_root;
    static inline bool s_tls = false;
    static inline DaemonProcess *s_daemon = nullptr;
};

TEST_F(RealClients, SmtplibAuthPlainDeliversToMaildir)
{
    const int before = int(maildirFiles(s_root, QStringLiteral("bob@example.test")).size());
    const auto [rc, output] = python(QStringLiteral(R"(
import smtplib
s = smtplib.SMTP('127.0.0.1', PORT, timeout=30)
s.ehlo('client.test')
s.auth('PLAIN', s.auth_plain, initial_response_ok=True) if False else None
s.user, s.password = 'alice@example.test', 'wonderland'
code, _ = s.auth('PLAIN', s.auth_plain)
assert code == 235, code
r = s.sendmail('alice@example.test', ['bob@example.test'], 'Subject: plain\r\n\r\nvia AUTH PLAIN\r\n')
assert r == {}, r
s.quit()
print('OK')
)"));
    EXPECT_EQ(rc, 0) << output.toStdString();
    EXPECT_TRUE(output.contains("OK")) << output.toStdString();
    const QStringList files = maildirFiles(s_root, QStringLiteral("bob@example.test"));
    ASSERT_EQ(int(files.size()), before + 1);
    bool found = false;
    for (const QString &f : files)
        found = found || readFile(f).contains("via AUTH PLAIN");
    EXPECT_TRUE(found);
}

TEST_F(RealClients, SmtplibAuthLoginAndRelayRights)
{
    const auto [rc, output] = python(QStringLiteral(R"(
import smtplib
s = smtplib.SMTP('127.0.0.1', PORT, timeout=30)
s.ehlo('client.test')
s.user, s.password = 'relayuser', 'relaypass'
code, _ = s.auth('LOGIN', s.auth_login, initial_response_ok=False)
assert code == 235, code
r = s.sendmail('relayuser@remote.test', ['someone@elsewhere.test'], 'Subject: relay\r\n\r\nrelay me\r\n')
assert r == {}, r
s.quit()
print('OK')
)"));
    EXPECT_EQ(rc, 0) << output.toStdString();
    // No gateway is configured: the message waits in the durable spool.
    bool spooled = false;
    for (const QString &f : spoolFiles(s_root))
        spooled = spooled || readFile(f).contains("relay me");
    EXPECT_TRUE(spooled);
}

TEST_F(RealClients, SmtplibBadPasswordIsRefused)
{
    const auto [rc, output] = python(QStringLiteral(R"(
import smtplib
s = smtplib.SMTP('127.0.0.1', PORT, timeout=30)
s.ehlo('client.test')
# XMail 1.27 answers a failed AUTH with "503 Authentication failed"; smtplib's
# login() takes 503 for "already authenticated", so look at the code itself.
s.user, s.password = 'alice@example.test', 'nope'
code, resp = s.auth('PLAIN', s.auth_plain)
print('REFUSED', code, resp.decode())
s.quit()
)"));
    EXPECT_EQ(rc, 0) << output.toStdString();
    EXPECT_TRUE(output.contains("REFUSED 503 Authentication failed")) << output.toStdString();
}

TEST_F(RealClients, SmtplibStartTlsThenAuth)
{
    ASSERT_TRUE(s_tls) << "openssl could not make a certificate (scripts/deps.sh installs openssl)";
    const int before = int(maildirFiles(s_root, QStringLiteral("alice@example.test")).size());
    const auto [rc, output] = python(QStringLiteral(R"(
import smtplib, ssl
ctx = ssl._create_unverified_context()
s = smtplib.SMTP('127.0.0.1', PORT, timeout=30)
s.ehlo('client.test')
assert s.has_extn('starttls')
code, _ = s.starttls(context=ctx)
assert code == 220, code
print('CIPHER', s.sock.version())
s.ehlo('client.test')
assert not s.has_extn('starttls')
s.login('bob@example.test', 'builder')
r = s.sendmail('bob@example.test', ['alice@example.test'], 'Subject: tls\r\n\r\nover TLS\r\n')
assert r == {}, r
s.quit()
print('OK')
)"));
    EXPECT_EQ(rc, 0) << output.toStdString();
    EXPECT_TRUE(output.contains("CIPHER TLS")) << output.toStdString();
    EXPECT_EQ(int(maildirFiles(s_root, QStringLiteral("alice@example.test")).size()), before + 1);
}

TEST_F(RealClients, SwaksWithStartTlsAndAuthLogin)
{
    // Never skipped: a machine without swaks or its TLS module fails here, by name.
    const QString swaks = QStandardPaths::findExecutable(QStringLiteral("swaks"));
    ASSERT_FALSE(swaks.isEmpty()) << "swaks is not installed (scripts/deps.sh installs it)";
    const QByteArray support = runTool(swaks, {QStringLiteral("--support")}, 30000).second;
    ASSERT_TRUE(support.contains("=== TLS supported"))
        << "swaks cannot do STARTTLS: install libnet-ssleay-perl (scripts/deps.sh does)\n"
        << support.toStdString();
    ASSERT_TRUE(s_tls) << "openssl could not make a certificate (scripts/deps.sh installs openssl)";
    const QStringList args{QStringLiteral("--server"), QStringLiteral("127.0.0.1:%1").arg(s_daemon->port()),
                     QStringLiteral("--from"), QStringLiteral("alice@example.test"),
                     QStringLiteral("--to"), QStringLiteral("bob@example.test"),
                     QStringLiteral("--auth"), QStringLiteral("LOGIN"),
                     QStringLiteral("--auth-user"), QStringLiteral("alice@example.test"),
                     QStringLiteral("--auth-password"), QStringLiteral("wonderland"),
                     QStringLiteral("--header"), QStringLiteral("Subject: swaks"),
                     QStringLiteral("--body"), QStringLiteral("sent by swaks"),
                     QStringLiteral("--tls")};
    const auto [rc, output] = runTool(swaks, args, 60000);
    EXPECT_EQ(rc, 0) << output.toStdString();
    EXPECT_TRUE(output.contains("250 OK <S")) << output.toStdString();
    bool found = false;
    for (const QString &f : maildirFiles(s_root, QStringLiteral("bob@example.test")))
        found = found || readFile(f).contains("sent by swaks");
    EXPECT_TRUE(found);
}

TEST_F(RealClients, EventsAndSmtpLogDescribeTheSessions)
{
    // Self-contained (ctest runs each test in its own process): one failed AUTH,
    // then a delivered message, then a relay refusal.
    const auto [rc, output] = python(QStringLiteral(R"(
import smtplib
s = smtplib.SMTP('127.0.0.1', PORT, timeout=30)
s.ehlo('events.test')
s.user, s.password = 'alice@example.test', 'bad'
assert s.auth('PLAIN', s.auth_plain)[0] == 503
s.user, s.password = 'alice@example.test', 'wonderland'
assert s.auth('PLAIN', s.auth_plain)[0] == 235
assert s.sendmail('alice@example.test', ['bob@example.test'], 'Subject: ev\r\n\r\nevents\r\n') == {}
s.quit()
s = smtplib.SMTP('127.0.0.1', PORT, timeout=30)
s.ehlo('events.test')
s.mail('x@remote.test')
assert s.rcpt('y@elsewhere.test')[0] == 550
s.quit()
print('OK')
)"));
    ASSERT_EQ(rc, 0) << output.toStdString();
    QThread::msleep(200);
    const QList<QJsonObject> events = s_daemon->events();
    QSet<QString> types;
    for (const QJsonObject &e : events) {
        types.insert(e.value(QStringLiteral("type")).toString());
        EXPECT_TRUE(e.contains(QStringLiteral("ts")));
    }
    for (const char *t : {"listening", "connect", "verdict", "command", "auth", "accept", "reject", "close"})
        EXPECT_TRUE(types.contains(QLatin1String(t))) << t;
    for (const QJsonObject &e : events) {
        // AUTH data never reaches the event stream.
        EXPECT_FALSE(QJsonDocument(e).toJson().contains("wonderland"));
        EXPECT_FALSE(QJsonDocument(e).toJson().contains(QByteArray("\0alice@example.test\0wonderland", 30).toBase64()));
    }
    // One verdict per session.
    QHash<int, int> verdicts;
    for (const QJsonObject &e : events)
        if (e.value(QStringLiteral("type")).toString() == QLatin1String("verdict"))
            ++verdicts[e.value(QStringLiteral("session")).toInt()];
    EXPECT_FALSE(verdicts.isEmpty());
    for (auto it = verdicts.cbegin(); it != verdicts.cend(); ++it)
        EXPECT_EQ(it.value(), 1) << "session " << it.key();
    // The verdict's fields are written as the simulator writes them (engine::toJson).
    for (const QJsonObject &e : events) {
        if (e.value(QStringLiteral("type")).toString() != QLatin1String("verdict"))
            continue;
        for (const char *key : {"drop", "delay", "delay_start", "greet_pause", "whitelisted", "no_rdns", "ipmapped"}) {
            EXPECT_TRUE(e.contains(QLatin1String(key))) << key;
        }
    }
    for (const QJsonObject &e : events)
        if (e.value(QStringLiteral("type")).toString() == QLatin1String("connect")) {
            EXPECT_EQ(e.value(QStringLiteral("peer")).toString(), QStringLiteral("127.0.0.1"));
            EXPECT_GT(e.value(QStringLiteral("session")).toInt(), 0);
        }

    const QStringList logs = QDir(s_root + QStringLiteral("/logs")).entryList({QStringLiteral("smtp-*")}, QDir::Files);
    ASSERT_EQ(logs.size(), 1);
    EXPECT_TRUE(QRegularExpression(QStringLiteral("^smtp-\\d{8}0000$")).match(logs.first()).hasMatch()) << logs.first().toStdString();
    const QByteArray log = readFile(s_root + QStringLiteral("/logs/") + logs.first());
    int recv = 0;
    for (const QByteArray &line : log.split('\n')) {
        if (line.isEmpty())
            continue;
        const QList<QByteArray> fields = line.split('\t');
        ASSERT_EQ(fields.size(), 13) << line.toStdString();
        for (const QByteArray &f : fields)
            EXPECT_TRUE(f.startsWith('"') && f.endsWith('"')) << line.toStdString();
        if (fields.at(9) == "\"RECV=OK\"") {
            ++recv;
            EXPECT_TRUE(fields.at(8).startsWith("\"S")) << line.toStdString();
            EXPECT_GT(fields.at(11).mid(1, fields.at(11).size() - 2).toInt(), 0);
        }
    }
    EXPECT_GE(recv, 1);
    EXPECT_TRUE(log.contains("\"RCPT=ERELAY\"")) << log.toStdString();
    EXPECT_TRUE(log.contains("\"AUTH=EFAIL:TYPE=PLAIN\"")) << log.toStdString();
}

} // namespace

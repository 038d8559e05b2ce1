// engine::ImpactAnalysis: every client of a log corpus replayed under two policies.

#include "ImpactAnalysis.h"
#include "EngineTestSupport.h"
#include "LogCorpus.h"

#include <QBuffer>

using namespace xmflow::engine;
using xmflow::testing::clientsOf;
using xmflow::testing::LogCorpus;
using xmflow::testing::TestMailRoot;

TEST(ImpactAnalysis, CatchAllDelayReportsTheAuthenticatedUsersDelayedByName)
{
    TestMailRoot current;
    TestMailRoot proposed;
    proposed.write(QStringLiteral("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-30\"\n");
    const QList<LogClient> clients = clientsOf(LogCorpus::scenario(5));
    const ImpactReport report = ImpactAnalysis::compare(current.compile(), proposed.compile(), clients);

    EXPECT_EQ(report.clients, 23);
    EXPECT_EQ(report.replays, 2 * 23);
    // Every authenticated user, by name and address, with the seconds each session gains.
    const QList<AffectedClient> users = report.authUsersAffected();
    ASSERT_EQ(users.size(), 3);
    EXPECT_EQ(users.at(0).user, QStringLiteral("alice@example.test"));
    EXPECT_EQ(users.at(0).address, QStringLiteral("198.51.100.50"));
    EXPECT_EQ(users.at(0).sessions, 5);
    EXPECT_EQ(users.at(1).user, QStringLiteral("bob@example.test"));
    EXPECT_EQ(users.at(1).address, QStringLiteral("10.20.30.40"));
    EXPECT_EQ(users.at(1).sessions, 10);
    EXPECT_EQ(users.at(2).user, QStringLiteral("relayuser"));
    EXPECT_EQ(users.at(2).address, QStringLiteral("172.16.5.5"));
    for (const AffectedClient &u : users) {
        EXPECT_EQ(u.before.label(), QStringLiteral("accepted"));
        EXPECT_EQ(u.after.kind, ReplayOutcome::Kind::Delayed);
        EXPECT_EQ(u.after.delaySeconds, 30);
        EXPECT_GT(u.secondsAddedPerSession(), 0);
        EXPECT_TRUE(u.after.authenticated);
    }
    EXPECT_EQ(report.authUsersDelayed(), 3);
    EXPECT_TRUE(report.hits(QStringLiteral("auth-delayed")));
    EXPECT_FALSE(report.hits(QStringLiteral("accepted-to-dropped")));
    const QString text = report.toText();
    EXPECT_TRUE(text.contains(
        QLatin1String("Authenticated users delayed:\n  alice@example.test from 198.51.100.50: 5 sessions")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QLatin1String("bob@example.test from 10.20.30.40"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QLatin1String("relayuser from 172.16.5.5"))) << text.toStdString();

    // Every other client slows down too; the early talker is now caught by the delayed banner.
    qint64 sessions = 0;
    int clientsSeen = 0;
    for (const ImpactTransition &t : report.transitions) {
        sessions += t.sessions;
        clientsSeen += t.clients;
    }
    EXPECT_EQ(clientsSeen, 23);
    EXPECT_EQ(sessions, 50 + 25 + 5 + 5 + 5 + 40 + 10 + 10);
    const qint64 usersSeconds = 5 * users.at(0).secondsAddedPerSession() +
                                10 * users.at(1).secondsAddedPerSession() +
                                10 * users.at(2).secondsAddedPerSession();
    const AffectedClient *polite = nullptr;
    for (const AffectedClient &a : report.affected)
        if (a.address == QLatin1String("192.0.2.1"))
            polite = &a;
    ASSERT_NE(polite, nullptr);
    EXPECT_TRUE(polite->realUser);
    EXPECT_EQ(report.realUsersWaitingDeltaSeconds, usersSeconds + 8 * 5 * polite->secondsAddedPerSession());
}

TEST(ImpactAnalysis, DroppingTheBotnetIsAcceptedToDroppedForItsClientsOnly)
{
    TestMailRoot current;
    TestMailRoot proposed;
    proposed.write(QStringLiteral("spammers.tab"), "\"203.0.113.0/24\"\t\"code=1\"\n");
    const ImpactReport report =
        ImpactAnalysis::compare(current.compile(), proposed.compile(), clientsOf(LogCorpus::scenario(5)));
    ASSERT_EQ(report.transitions.size(), 1);
    const ImpactTransition &t = report.transitions.at(0);
    EXPECT_EQ(t.before, QStringLiteral("accepted"));
    EXPECT_EQ(t.after.left(8), QStringLiteral("dropped "));
    EXPECT_TRUE(t.after.endsWith(QLatin1String(" at banner"))) << t.after.toStdString();
    EXPECT_EQ(t.category(), QStringLiteral("accepted-to-dropped"));
    EXPECT_EQ(t.clients, 5);
    EXPECT_EQ(t.sessions, 50);
    EXPECT_EQ(t.authClients, 0);
    EXPECT_TRUE(report.authUsersAffected().isEmpty());
    EXPECT_TRUE(report.hits(QStringLiteral("accepted-to-dropped")));
    EXPECT_FALSE(report.hits(QStringLiteral("auth-delayed")));
    EXPECT_EQ(report.realUsersWaitingDeltaSeconds, 0);
}

TEST(ImpactAnalysis, AUserRemovedFromTheMailRootFailsAuth)
{
    TestMailRoot current;
    TestMailRoot proposed;
    proposed.write(QStringLiteral("smtpauth.tab"), "");
    const ImpactReport report =
        ImpactAnalysis::compare(current.compile(), proposed.compile(), clientsOf(LogCorpus::scenario(1)));
    const QList<AffectedClient> users = report.authUsersAffected();
    ASSERT_EQ(users.size(), 1);
    EXPECT_EQ(users.at(0).user, QStringLiteral("relayuser"));
    EXPECT_EQ(users.at(0).after.kind, ReplayOutcome::Kind::Refused);
    EXPECT_EQ(users.at(0).after.step, QStringLiteral("AUTH"));
    EXPECT_TRUE(report.hits(QStringLiteral("auth-refused")));
}

// Property: a MailRoot against itself changes nothing, whatever the traffic.
TEST(ImpactAnalysis, AMailRootAgainstItselfHasNoTransitions)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"), "\"11.0.0.0/16\"\t\"code=-10\"\n\"12.0.0.0/8\"\t\"code=1\"\n");
    const auto policy = root.compile();
    const auto again = root.compile();
    for (quint32 seed : {1u, 2u, 3u, 42u, 2026u}) {
        const QList<LogClient> clients = clientsOf(LogCorpus::random(seed, 4000, 600));
        ASSERT_FALSE(clients.isEmpty());
        const ImpactReport report = ImpactAnalysis::compare(policy, again, clients);
        EXPECT_TRUE(report.transitions.isEmpty()) << "seed " << seed;
        EXPECT_TRUE(report.affected.isEmpty()) << "seed " << seed;
        EXPECT_EQ(report.waitingDeltaSeconds, 0);
        EXPECT_FALSE(report.hits(QStringLiteral("any")));
    }
    const ImpactReport scenario = ImpactAnalysis::compare(policy, again, clientsOf(LogCorpus::scenario(3)));
    EXPECT_TRUE(scenario.transitions.isEmpty());
}

TEST(ImpactAnalysis, OutputsAgree)
{
    TestMailRoot current;
    TestMailRoot proposed;
    proposed.write(QStringLiteral("spammers.tab"), "\"0.0.0.0/0\"\t\"code=-30\"\n");
    const ImpactReport report =
        ImpactAnalysis::compare(current.compile(), proposed.compile(), clientsOf(LogCorpus::scenario(2)));
    const QJsonObject json = report.toJson();
    EXPECT_EQ(json.value(QStringLiteral("transitions")).toArray().size(), report.transitions.size());
    EXPECT_EQ(json.value(QStringLiteral("auth_users_delayed")).toArray().size(), 3);
    const QStringList csv = report.toCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    EXPECT_EQ(csv.size(), 1 + report.transitions.size() + report.affected.size());
    EXPECT_TRUE(ImpactReport::isFailCategory(QStringLiteral("delayed-to-refused")));
    EXPECT_FALSE(ImpactReport::isFailCategory(QStringLiteral("slow")));
}

// A client is replayed only as far as it went: one that quit after EHLO never meets a
// refusal at MAIL FROM, and waits for fewer delayed replies than one that sent RCPT.
TEST(ImpactAnalysis, ReplayStopsAtTheFurthestCommandTheClientReached)
{
    TestMailRoot current;
    TestMailRoot authOnly;
    authOnly.write(QStringLiteral("spammers.tab"), "\"192.0.2.0/24\"\t\"code=0\"\n");
    TestMailRoot delayed;
    delayed.write(QStringLiteral("spammers.tab"), "\"192.0.2.0/24\"\t\"code=-10\"\n");
    LogClient quitter;
    quitter.address = xmflow::testing::ip("192.0.2.1");
    quitter.text = QStringLiteral("192.0.2.1");
    quitter.sessions = 1;
    quitter.furthest = quitter.furthestWithoutAuth = ReachedCommand::Helo;
    LogClient sender = quitter;
    sender.address = xmflow::testing::ip("192.0.2.2");
    sender.text = QStringLiteral("192.0.2.2");
    sender.furthest = sender.furthestWithoutAuth = ReachedCommand::Rcpt;

    const ImpactReport refused =
        ImpactAnalysis::compare(current.compile(), authOnly.compile(), {quitter, sender});
    ASSERT_EQ(refused.affected.size(), 1);
    EXPECT_EQ(refused.affected.at(0).address, QStringLiteral("192.0.2.2"));
    EXPECT_EQ(refused.affected.at(0).after.kind, ReplayOutcome::Kind::Refused);
    EXPECT_EQ(refused.affected.at(0).after.step, QStringLiteral("MAIL FROM"));

    const ImpactReport slower =
        ImpactAnalysis::compare(current.compile(), delayed.compile(), {quitter, sender});
    ASSERT_EQ(slower.affected.size(), 2);
    EXPECT_GT(slower.affected.at(0).secondsAddedPerSession(), 0);
    EXPECT_LT(slower.affected.at(0).secondsAddedPerSession(), slower.affected.at(1).secondsAddedPerSession());
}

// The replay takes the client's PTR name from the log's last field (XMail writes it when it
// looked one up): turning SMTP-RDNSCheck on changes only the client that had no name.
TEST(ImpactAnalysis, TheLoggedClientNameIsThePtrAnswerOfTheReplay)
{
    const QByteArray log =
        "\"mx.example.test\"\t\"example.test\"\t\"192.0.2.70\"\t\"2026-11-30 "
        "10:00:00\"\t\"mail.friend.test\"\t"
        "\"example.test\"\t\"news@friend.test\"\t\"alice@example.test\"\t\"S1\"\t\"RECV="
        "OK\"\t\"\"\t\"1200\"\t"
        "\"mail.friend.test\"\n"
        "\"mx.example.test\"\t\"example.test\"\t\"192.0.2.71\"\t\"2026-11-30 10:01:00\"\t\"bot\"\t"
        "\"example.test\"\t\"x@bot.test\"\t\"alice@example.test\"\t\"S2\"\t\"RECV="
        "OK\"\t\"\"\t\"900\"\t\"\"\n";
    QBuffer buffer;
    buffer.setData(log);
    ASSERT_TRUE(buffer.open(QIODevice::ReadOnly));
    SmtpLogReader reader;
    reader.readDevice(buffer, QStringLiteral("smtp-test"));
    const QList<LogClient> clients = reader.clients();
    ASSERT_EQ(clients.size(), 2);
    EXPECT_EQ(clients.at(0).ptrName, QStringLiteral("mail.friend.test"));
    EXPECT_TRUE(clients.at(1).ptrName.isEmpty());

    TestMailRoot current;
    TestMailRoot proposed;
    {
        // The base sets SMTP-RDNSCheck 0, and a variable's first line counts: replace it.
        QFile serverTab(QDir(proposed.path()).filePath(QStringLiteral("server.tab")));
        ASSERT_TRUE(serverTab.open(QIODevice::ReadOnly));
        QByteArray text = serverTab.readAll();
        serverTab.close();
        ASSERT_TRUE(text.contains("\"SMTP-RDNSCheck\"\t\"0\""));
        text.replace("\"SMTP-RDNSCheck\"\t\"0\"", "\"SMTP-RDNSCheck\"\t\"1\"");
        proposed.write(QStringLiteral("server.tab"), text);
    }
    const ImpactReport report = ImpactAnalysis::compare(current.compile(), proposed.compile(), clients);
    ASSERT_EQ(report.affected.size(), 1) << report.toText().toStdString();
    EXPECT_EQ(report.affected.at(0).address, QStringLiteral("192.0.2.71"));
    EXPECT_EQ(report.affected.at(0).before.label(), QStringLiteral("accepted"));
    EXPECT_NE(report.affected.at(0).after.label(), QStringLiteral("accepted"));
}

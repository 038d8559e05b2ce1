// engine::SpammerSuggester: spammers.tab lines from the logs, never touching a real user.

#include "SpammerSuggester.h"
#include "EngineTestSupport.h"
#include "LogCorpus.h"

#include <QBuffer>
#include <QJsonArray>

using namespace xmflow::engine;
using xmflow::testing::clientsOf;
using xmflow::testing::LogCorpus;
using xmflow::testing::TestMailRoot;

namespace {

QStringList networks(const SuggestReport &report)
{
    QStringList out;
    for (const Suggestion &s : report.suggestions)
        out << s.network;
    return out;
}

QString refusal(const SuggestReport &report, const QString &network)
{
    for (const SuggestionRefusal &r : report.refused)
        if (r.network == network)
            return r.reason;
    return {};
}

} // namespace

TEST(SpammerSuggester, ScenarioSuggestsTheBotsButNeverTheNetworkWithAUser)
{
    TestMailRoot root;
    const SuggestReport report = SpammerSuggester::run(root.load(), clientsOf(LogCorpus::scenario(5)), {});
    EXPECT_EQ(networks(report),
              (QStringList{QStringLiteral("203.0.113.0/24"), QStringLiteral("198.51.100.20/32"),
                           QStringLiteral("198.51.100.21/32"), QStringLiteral("198.51.100.22/32"),
                           QStringLiteral("198.51.100.23/32"), QStringLiteral("198.51.100.24/32"),
                           QStringLiteral("100.64.7.7/32"), QStringLiteral("100.64.8.8/32")}));
    EXPECT_FALSE(networks(report).contains(QStringLiteral("198.51.100.0/24")));
    EXPECT_EQ(refusal(report, QStringLiteral("198.51.100.0/24")), QStringLiteral("authenticated"));

    const Suggestion &botnet = report.suggestions.at(0);
    EXPECT_EQ(botnet.code, 1);
    EXPECT_EQ(botnet.line(), QStringLiteral("\"203.0.113.0/24\"\t\"code=1\""));
    EXPECT_EQ(botnet.addresses.size(), 5);
    EXPECT_EQ(botnet.failures[size_t(FailureKind::RelayDenied)], 100);
    EXPECT_EQ(botnet.score, 300);
    EXPECT_EQ(botnet.sessions, 50);
    EXPECT_EQ(SpammerSuggester::formatTime(botnet.firstSeen), QStringLiteral("2026-11-01 01:05:00"));
    EXPECT_EQ(botnet.clientsAffected, 5);
    EXPECT_EQ(botnet.sessionsAffected, 50);

    const Suggestion &mixed = report.suggestions.at(1);
    EXPECT_EQ(mixed.failures[size_t(FailureKind::RelayDenied)], 5);
    EXPECT_EQ(mixed.failures[size_t(FailureKind::UnknownUser)], 10);
    EXPECT_EQ(mixed.score, 25);

    // Zero authenticated users affected, through the impact engine.
    for (const Suggestion &s : report.suggestions)
        EXPECT_EQ(s.authUsersAffected, 0) << s.network.toStdString();
    EXPECT_TRUE(report.impact.authUsersAffected().isEmpty());
    EXPECT_EQ(report.impact.clients, 5 + 5 + 2);

    const QString tab = report.toTabLines();
    EXPECT_TRUE(tab.startsWith(QLatin1String("# xmflowd suggest: 8 line(s), style drop")))
        << tab.toStdString();
    EXPECT_TRUE(tab.contains(QLatin1String("relay-denied=3"))) << tab.toStdString();
    EXPECT_TRUE(tab.contains(QLatin1String("\n\"203.0.113.0/24\"\t\"code=1\"\n"))) << tab.toStdString();
    for (const QString &line : tab.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        EXPECT_TRUE(line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char('"')))
            << line.toStdString();

    // The lines, appended, load as spammers.tab rules.
    const xmflow::model::MailRoot withLines =
        SpammerSuggester::withSuggestions(root.load(), report.suggestions, {});
    EXPECT_EQ(withLines.tables().spammers.size(), 8);
}

TEST(SpammerSuggester, StylesGiveTheirCodes)
{
    TestMailRoot root;
    const QList<LogClient> clients = clientsOf(LogCorpus::scenario(5));
    SuggestOptions options;
    options.style = SuggestOptions::Style::Delay;
    options.delaySeconds = 45;
    SuggestReport report = SpammerSuggester::run(root.load(), clients, options);
    ASSERT_FALSE(report.suggestions.isEmpty());
    EXPECT_EQ(report.suggestions.at(0).line(), QStringLiteral("\"203.0.113.0/24\"\t\"code=-45\""));
    options.style = SuggestOptions::Style::AuthOnly;
    report = SpammerSuggester::run(root.load(), clients, options);
    ASSERT_FALSE(report.suggestions.isEmpty());
    EXPECT_EQ(report.suggestions.at(0).code, 0);
    for (const Suggestion &s : report.suggestions)
        EXPECT_EQ(s.authUsersAffected, 0);
}

TEST(SpammerSuggester, WhitelistedOwnAndCoveredNetworksAreNeverProposed)
{
    TestMailRoot root;
    root.write(QStringLiteral("smtp.ipprop.tab"), "\"203.0.113.0/24\"\t\"WhiteList=1\"\n");
    root.write(QStringLiteral("smtprelay.tab"), "\"100.64.7.0\"\t\"255.255.255.0\"\n");
    root.write(QStringLiteral("spammers.tab"), "\"100.64.8.8/32\"\t\"code=1\"\n");
    const SuggestReport report = SpammerSuggester::run(root.load(), clientsOf(LogCorpus::scenario(5)), {});
    EXPECT_EQ(refusal(report, QStringLiteral("203.0.113.0/24")), QStringLiteral("whitelisted"));
    EXPECT_EQ(refusal(report, QStringLiteral("100.64.7.0/24")), QStringLiteral("own-network"));
    EXPECT_EQ(refusal(report, QStringLiteral("100.64.8.8")), QStringLiteral("already-covered"));
    for (const QString &n : networks(report)) {
        EXPECT_FALSE(n.startsWith(QLatin1String("203.0.113."))) << n.toStdString();
        EXPECT_FALSE(n.startsWith(QLatin1String("100.64."))) << n.toStdString();
    }
    EXPECT_EQ(networks(report).size(), 5);
}

// The server's own networks (its interfaces, --own) are never proposed, like smtprelay.tab's.
TEST(SpammerSuggester, TheServersOwnNetworksAreNeverProposed)
{
    TestMailRoot root;
    SuggestOptions options;
    options.ownNetworks << xmflow::model::AddressFilter::fromPrefix(
        *xmflow::model::IpAddress::parse(u"203.0.113.0"), 24);
    const SuggestReport report =
        SpammerSuggester::run(root.load(), clientsOf(LogCorpus::scenario(5)), options);
    EXPECT_EQ(refusal(report, QStringLiteral("203.0.113.0/24")), QStringLiteral("own-network"));
    for (const QString &n : networks(report))
        EXPECT_FALSE(n.startsWith(QLatin1String("203.0.113."))) << n.toStdString();
    EXPECT_EQ(networks(report).size(), 7); // the scenario's eight less the botnet's /24

    // This machine's loopback interface is among its own networks.
    const QList<xmflow::model::AddressFilter> local = SuggestOptions::localNetworks();
    EXPECT_TRUE(std::any_of(local.cbegin(), local.cend(), [](const xmflow::model::AddressFilter &f) {
        return f.matches(*xmflow::model::IpAddress::parse(u"127.0.0.1"));
    }));
}

TEST(SpammerSuggester, DaysThresholdAndWeightsDecideWhoIsBad)
{
    TestMailRoot root;
    const QList<LogClient> clients = clientsOf(LogCorpus::scenario(5));
    SuggestOptions options;
    options.now = LogCorpus::kStart + 30 * 86400; // a month after the last record
    options.days = 7;
    EXPECT_TRUE(SpammerSuggester::run(root.load(), clients, options).suggestions.isEmpty());
    options = {};
    options.minScore = 16; // the early talker has 15, the password guesser 20, the mixed bots 25
    QStringList n = networks(SpammerSuggester::run(root.load(), clients, options));
    EXPECT_FALSE(n.contains(QStringLiteral("100.64.8.8/32")));
    EXPECT_TRUE(n.contains(QStringLiteral("100.64.7.7/32")));
    options.weights[size_t(FailureKind::AuthFailure)] = 0;
    n = networks(SpammerSuggester::run(root.load(), clients, options));
    EXPECT_FALSE(n.contains(QStringLiteral("100.64.7.7/32")));
    options = {};
    options.aggregateMin = 6; // the botnet has 5 addresses: each its own line
    n = networks(SpammerSuggester::run(root.load(), clients, options));
    EXPECT_FALSE(n.contains(QStringLiteral("203.0.113.0/24")));
    EXPECT_TRUE(n.contains(QStringLiteral("203.0.113.12/32")));
}

TEST(SpammerSuggester, OldSuggestedLinesNotHitExpire)
{
    TestMailRoot root;
    root.write(QStringLiteral("spammers.tab"),
               "# xmflowd suggest 2026-01-01: old\n\"233.252.0.0/24\"\t\"code=1\"\n"
               "# xmflowd suggest 2026-01-01: still hit\n\"203.0.113.0/24\"\t\"code=1\"\n"
               "\"233.252.1.0/24\"\t\"code=1\"\n");
    SuggestOptions options;
    options.expireDays = 10;
    const SuggestReport report =
        SpammerSuggester::run(root.load(), clientsOf(LogCorpus::scenario(5)), options);
    ASSERT_EQ(report.expired.size(), 1);
    EXPECT_EQ(report.expired.at(0).line, 2);
    EXPECT_EQ(report.expired.at(0).text, QStringLiteral("\"233.252.0.0/24\"\t\"code=1\""));
    EXPECT_EQ(report.expired.at(0).lastHit, 0);
    EXPECT_TRUE(report.toTabLines().contains(QLatin1String("# EXPIRE spammers.tab:2 ")))
        << report.toTabLines().toStdString();
    EXPECT_EQ(report.toJson().value(QStringLiteral("expire")).toArray().size(), 1);
}

#pragma once

// Shared helpers for the engine tests: a MailRoot in a QTemporaryDir built from
// ../shared/conformance/base-mailroot plus the .tab files a test writes.

#include "ConformanceCases.h"
#include "Policy.h"
#include "Simulator.h"
#include "SmtpSession.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>

namespace xmflow::testing {

class TestMailRoot
{
public:
    // base = true: start from the conformance base MailRoot (example.test, alice/wonderland,
    // bob/builder, relayuser/relaypass MR, DefaultSmtpPerms MR, ipmap allow-all).
    explicit TestMailRoot(bool base = true)
    {
        EXPECT_TRUE(m_dir.isValid());
        if (base) {
            EXPECT_TRUE(copyTree(QDir(conformanceDir()).filePath(QStringLiteral("base-mailroot")), m_dir.path()));
        }
    }

    QString path() const { return m_dir.path(); }

    // Replaces a file with the given content (LF line ends).
    void write(const QString &file, const QByteArray &content)
    {
        QFile f(QDir(m_dir.path()).filePath(file));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate)) << file.toStdString();
        f.write(content);
    }
    // Appends lines to a file (server.tab variables, table lines).
    void append(const QString &file, const QByteArray &content)
    {
        QFile f(QDir(m_dir.path()).filePath(file));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Append)) << file.toStdString();
        f.write(content);
    }
    void setVariable(const QString &name, const QString &value)
    {
        append(QStringLiteral("server.tab"), QStringLiteral("\"%1\"\t\"%2\"\n").arg(name, value).toUtf8());
    }
    void remove(const QString &file) { QFile::remove(QDir(m_dir.path()).filePath(file)); }

    model::MailRoot load() const
    {
        QString error;
        auto root = model::MailRoot::load(m_dir.path(), &error);
        EXPECT_TRUE(root.has_value()) << error.toStdString();
        return root ? *root : model::MailRoot();
    }

    std::shared_ptr<const engine::Policy> compile(bool xmailCompat = false) const
    {
        return engine::Policy::compile(load(), engine::PolicyOptions{xmailCompat});
    }

private:
    QTemporaryDir m_dir;
};

inline model::IpAddress ip(const char *text)
{
    const auto parsed = model::IpAddress::parse(QString::fromLatin1(text));
    EXPECT_TRUE(parsed.has_value()) << text;
    return parsed.value_or(model::IpAddress());
}

inline engine::Endpoint endpoint(const char *address = "127.0.0.1", quint16 port = 25)
{
    return engine::Endpoint{ip(address), port};
}

inline const engine::TraceEntry *traceFor(const engine::ConnectVerdict &verdict, const QString &stage)
{
    for (const engine::TraceEntry &e : verdict.trace)
        if (e.stage == stage)
            return &e;
    return nullptr;
}

// "file:line" of the rule that decided a stage, or "" when none.
inline std::string ruleOf(const engine::ConnectVerdict &verdict, const QString &stage)
{
    const engine::TraceEntry *e = traceFor(verdict, stage);
    if (!e)
        return "<no trace entry>";
    if (e->line <= 0)
        return e->file.toStdString();
    return QString(e->file + QLatin1Char(':') + QString::number(e->line)).toStdString();
}

inline engine::DnsAnswers noDns()
{
    engine::DnsAnswers dns;
    dns.ptrLooked = true;
    return dns;
}

} // namespace xmflow::testing

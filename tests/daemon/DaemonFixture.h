#pragma once
// A test fixture with its own MailRoot (conformance/base-mailroot) and, once
// started, its own `xmflowd serve`, stopped cleanly after each test.

#include "DaemonTestSupport.h"

#include <gtest/gtest.h>

namespace xmflow::daemontest {

class DaemonFixture : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_work.isValid());
        m_root = QDir(m_work.path()).filePath(QStringLiteral("mailroot"));
        ASSERT_TRUE(makeScenarioMailRoot(QString(), m_root));
    }
    void TearDown() override
    {
        if (m_daemon && m_daemon->running()) {
            EXPECT_EQ(m_daemon->stop(), 0) << m_daemon->stderrText().toStdString();
        }
    }

    QString table(const char *name) const { return QDir(m_root).filePath(QLatin1String(name)); }
    void setVariable(const QByteArray &name, const QByteArray &value)
    {
        ASSERT_TRUE(appendLine(table("server.tab"), "\"" + name + "\"\t\"" + value + "\""));
    }
    // Starts (or restarts) the daemon on this MailRoot.
    void startDaemon(const QStringList &extra = {}, const QString &listen = QStringLiteral("127.0.0.1:0"))
    {
        if (!m_daemon)
            m_daemon = std::make_unique<DaemonProcess>(m_root, m_work.path());
        ASSERT_TRUE(m_daemon->start(extra, listen)) << m_daemon->stderrText().toStdString();
    }

    QTemporaryDir m_work;
    QString m_root;
    std::unique_ptr<DaemonProcess> m_daemon;
};

} // namespace xmflow::daemontest

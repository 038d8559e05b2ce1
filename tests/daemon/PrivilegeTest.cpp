// Least privilege (issue 16): started as root, `xmflowd serve` binds its port, then becomes
// --user before it reads the MailRoot; without --user it refuses. Runs only as root (CI
// does): a system user is made for the test if missing and removed afterwards.

#include "DaemonTestSupport.h"

#include <gtest/gtest.h>

#include <QCoreApplication>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace xmflow::daemontest;

namespace {

const char *const kUser = "xmflowd-test";

qint64 statusIds(qint64 pid, const char *field, int index)
{
    const QByteArray status = readFile(QStringLiteral("/proc/%1/status").arg(pid));
    for (const QByteArray &line : status.split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).simplified().split(' ').value(index).toLongLong();
    return -1;
}

class Privileges : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (::geteuid() != 0)
            GTEST_SKIP() << "needs root (CI runs as root)";
        ASSERT_TRUE(m_work.isValid());
        // The work folder is root's 0700 temporary folder: the user gets in to its MailRoot.
        ::chmod(QFile::encodeName(m_work.path()).constData(), 0711);
        m_root = QDir(m_work.path()).filePath(QStringLiteral("mailroot"));
        ASSERT_TRUE(makeScenarioMailRoot(QString(), m_root));
    }

    QTemporaryDir m_work;
    QString m_root;
};

// Only this suite needs the system user. ctest runs every test in its own process, in
// parallel: a suite that made and removed the user around tests that do not need it took
// it away from a test still running in another process (CI, stop 22).
class PrivilegeDrop : public Privileges
{
protected:
    static void SetUpTestSuite()
    {
        if (::geteuid() != 0 || ::getpwnam(kUser))
            return;
        const auto [rc, out] = runTool(QStringLiteral("useradd"),
                                       {QStringLiteral("--system"), QStringLiteral("--no-create-home"),
                                        QStringLiteral("--shell"), QStringLiteral("/usr/sbin/nologin"),
                                        QString::fromLatin1(kUser)});
        s_created = rc == 0;
    }
    static void TearDownTestSuite()
    {
        if (s_created)
            runTool(QStringLiteral("userdel"), {QString::fromLatin1(kUser)});
    }
    void SetUp() override
    {
        Privileges::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        const passwd *pw = ::getpwnam(kUser);
        ASSERT_NE(pw, nullptr) << "could not create the test user " << kUser;
        m_uid = pw->pw_uid;
        m_gid = pw->pw_gid;
        const auto [rc, out] =
            runTool(QStringLiteral("chown"),
                    {QStringLiteral("-R"), QStringLiteral("%1:%2").arg(m_uid).arg(m_gid), m_root});
        ASSERT_EQ(rc, 0) << out.toStdString();
    }

    static inline bool s_created = false;
    uid_t m_uid = 0;
    gid_t m_gid = 0;
};

TEST_F(PrivilegeDrop, RunsAsTheGivenUserAfterBindingAndItsFilesAreItsOwnAndPrivate)
{
    DaemonProcess daemon(m_root, m_work.path());
    ASSERT_TRUE(daemon.start({QStringLiteral("--user"), QString::fromLatin1(kUser)}))
        << daemon.stderrText().toStdString();
    // Real, effective, saved and file-system ids are all the user's.
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(statusIds(daemon.pid(), "Uid:", i), qint64(m_uid)) << i;
        EXPECT_EQ(statusIds(daemon.pid(), "Gid:", i), qint64(m_gid)) << i;
    }
    EXPECT_TRUE(daemon.stderrText().contains("running as xmflowd-test")) << daemon.stderrText().toStdString();
    Client c;
    ASSERT_TRUE(c.connectTo(daemon.port()));
    ASSERT_EQ(c.reply().code, 220);
    ASSERT_EQ(c.command("EHLO priv.test").code, 250);
    ASSERT_EQ(c.command("MAIL FROM:<sender@remote.test>").code, 250);
    ASSERT_EQ(c.command("RCPT TO:<alice@example.test>").code, 250);
    ASSERT_EQ(c.command("DATA").code, 354);
    c.send("Subject: least privilege\r\n\r\nhello\r\n.\r\n");
    ASSERT_EQ(c.reply().code, 250);
    c.command("QUIT");
    const QStringList files = maildirFiles(m_root, QStringLiteral("alice@example.test"));
    ASSERT_EQ(files.size(), 1);
    struct stat st {
    };
    ASSERT_EQ(::stat(QFile::encodeName(files.first()).constData(), &st), 0);
    EXPECT_EQ(st.st_uid, m_uid);
    EXPECT_EQ(st.st_gid, m_gid);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ(daemon.stop(), 0);
}

TEST_F(Privileges, RootWithoutUserRefusesWithAClearMessage)
{
    const auto [rc, out] = runTool(QStringLiteral(XMFLOWD_PATH),
                                   {QStringLiteral("serve"), QStringLiteral("--mailroot"), m_root,
                                    QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
                                   20000);
    EXPECT_NE(rc, 0);
    EXPECT_TRUE(out.contains("refusing to run as root without --user")) << out.toStdString();
}

TEST_F(Privileges, UnknownUserIsRefused)
{
    const auto [rc, out] = runTool(QStringLiteral(XMFLOWD_PATH),
                                   {QStringLiteral("serve"), QStringLiteral("--mailroot"), m_root,
                                    QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                    QStringLiteral("--user"), QStringLiteral("no-such-user-xmflowd")},
                                   20000);
    EXPECT_NE(rc, 0);
    EXPECT_TRUE(out.contains("no such user")) << out.toStdString();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

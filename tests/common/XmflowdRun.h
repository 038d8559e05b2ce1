#pragma once
// Runs the real `xmflowd` (XMFLOWD_PATH) as a user or a script would: exit code, stdout, stderr.

#include <gtest/gtest.h>

#include <QProcess>
#include <QString>
#include <QStringList>

namespace xmflow::testing {

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

inline CliRun xmflowd(const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    p.start(QStringLiteral(XMFLOWD_PATH), args);
    CliRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        ADD_FAILURE() << "xmflowd timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace xmflow::testing

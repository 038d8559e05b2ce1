#pragma once

// Reads ../shared/conformance: every scenario folder and every case in it, so a
// new scenario is picked up without a code change.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTemporaryDir>

#include <ostream>
#include <string>
#include <vector>

namespace xmflow::testing {

struct ExpectedStep {
    QString step;
    int code = 0;
    int delay = 0;
};

struct ConformanceCase {
    QString scenario;    // folder name, e.g. "s02-spammers-delay-all"
    int index = 0;       // line number in cases.jsonl (0-based)
    QString peer;
    QString script;
    QList<ExpectedStep> expect;
    QStringList assumeListed; // from dnsmasq.args, for this peer
    QString assumeRdns;       // PTR name, "none", or "" when the scenario has no DNS
    bool needsDns = false;

    std::string name() const
    {
        QString n = scenario + QStringLiteral("_") + QString::number(index) + QStringLiteral("_") + script;
        n.replace(QLatin1Char('-'), QLatin1Char('_'));
        return n.toStdString();
    }
};

// GoogleTest prints a parameter in test listings and failures: name the case
// instead of dumping its bytes.
inline void PrintTo(const ConformanceCase &c, std::ostream *os)
{
    *os << c.name() << " from " << c.peer.toStdString();
}

inline QString conformanceDir()
{
    return QStringLiteral(XMFLOW_CONFORMANCE_DIR);
}

inline QString reversedV4(const QString &peer)
{
    QStringList parts = peer.split(QLatin1Char('.'));
    std::reverse(parts.begin(), parts.end());
    return parts.join(QLatin1Char('.'));
}

inline std::vector<ConformanceCase> loadConformanceCases()
{
    std::vector<ConformanceCase> cases;
    const QDir root(conformanceDir());
    const QStringList scenarios = root.entryList({QStringLiteral("s*")}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &scenario : scenarios) {
        QFile file(root.filePath(scenario + QStringLiteral("/cases.jsonl")));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        QStringList dnsArgs;
        QFile args(root.filePath(scenario + QStringLiteral("/dnsmasq.args")));
        if (args.open(QIODevice::ReadOnly))
            dnsArgs = QString::fromUtf8(args.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        int index = 0;
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            ConformanceCase c;
            c.scenario = scenario;
            c.index = index++;
            c.peer = object.value(QStringLiteral("peer")).toString();
            c.script = object.value(QStringLiteral("script")).toString();
            for (const QJsonValue &step : object.value(QStringLiteral("expect")).toArray()) {
                const QJsonObject s = step.toObject();
                c.expect.append({s.value(QStringLiteral("step")).toString(), s.value(QStringLiteral("code")).toInt(),
                                 s.value(QStringLiteral("delay")).toInt()});
            }
            c.needsDns = !dnsArgs.isEmpty();
            if (c.needsDns) {
                const QString reversed = reversedV4(c.peer);
                c.assumeRdns = QStringLiteral("none");
                for (const QString &arg : std::as_const(dnsArgs)) {
                    const QString a = arg.trimmed();
                    if (a.startsWith(QLatin1String("--address=/"))) {
                        const QString name = a.section(QLatin1Char('/'), 1, 1);
                        if (name.startsWith(reversed + QLatin1Char('.')))
                            c.assumeListed.append(name.mid(reversed.size() + 1));
                    } else if (a.startsWith(QLatin1String("--ptr-record="))) {
                        const QString record = a.mid(13);
                        if (record.section(QLatin1Char(','), 0, 0) == reversed + QStringLiteral(".in-addr.arpa"))
                            c.assumeRdns = record.section(QLatin1Char(','), 1, 1);
                    }
                }
            }
            cases.push_back(c);
        }
    }
    return cases;
}

// Copies a folder tree.
inline bool copyTree(const QString &from, const QString &to)
{
    QDir source(from);
    if (!QDir().mkpath(to))
        return false;
    for (const QFileInfo &entry : source.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = QDir(to).filePath(entry.fileName());
        if (entry.isDir()) {
            if (!copyTree(entry.filePath(), target))
                return false;
        } else {
            QFile::remove(target);
            if (!QFile::copy(entry.filePath(), target))
                return false;
        }
    }
    return true;
}

// base-mailroot with the scenario's table files replacing the same-named ones.
inline bool buildScenarioMailRoot(const QString &scenario, const QString &target)
{
    const QDir root(conformanceDir());
    if (!copyTree(root.filePath(QStringLiteral("base-mailroot")), target))
        return false;
    const QDir dir(root.filePath(scenario));
    for (const QFileInfo &entry : dir.entryInfoList(QDir::Files)) {
        if (!entry.fileName().endsWith(QLatin1String(".tab")))
            continue;
        const QString destination = QDir(target).filePath(entry.fileName());
        QFile::remove(destination);
        if (!QFile::copy(entry.filePath(), destination))
            return false;
    }
    return true;
}

} // namespace xmflow::testing

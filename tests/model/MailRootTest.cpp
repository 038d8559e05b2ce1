// MailRoot: loading, lossless export, saving one edit, .bak, changes on disk.

#include "ModelTestUtil.h"

#include "MailRoot.h"

#include <QStringEncoder>
#include <QTemporaryDir>

using namespace xmflow::model;
using namespace xmflow::model::test;

namespace {

// Folders under the conformance tree holding at least one table xmflow knows.
QStringList mailRootFolders()
{
    QStringList folders;
    for (const QString &file : allFilesUnder(conformanceDir())) {
        const QFileInfo info(file);
        if (tableKindForFile(info.fileName()) && !folders.contains(info.absolutePath()))
            folders.append(info.absolutePath());
    }
    folders.sort();
    return folders;
}

bool copyFolder(const QString &from, const QString &to)
{
    for (const QString &file : allFilesUnder(from)) {
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(file);
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(file, target))
            return false;
    }
    return true;
}

QByteArray awkwardSpammers()
{
    QStringEncoder sjis("Shift_JIS");
    QByteArray bytes;
    bytes += QByteArray(sjis.encode(QStringLiteral("# 社外からの接続は 30 秒待たせる")));
    bytes += "\r\n";
    bytes += "\"0.0.0.0/0\"\t\"code=-30\"\r\n";
    bytes += "\"127.0.19.0/24\" \"code=1\"\n";
    bytes += "\"10.0.0.1\"\t\"255.255.255.255\"\t\"\"\n";
    bytes += "\"a\tb\"   \n";
    bytes += "\"192.0.2.0/24\"\t\"code=0\"";
    return bytes;
}

} // namespace

TEST(MailRoot, EveryConformanceMailRootExportsByteIdentical)
{
    const QStringList folders = mailRootFolders();
    ASSERT_GE(folders.size(), 10);
    for (const QString &folder : folders) {
        QString error;
        const auto root = MailRoot::load(folder, &error);
        ASSERT_TRUE(root.has_value()) << error.toStdString();
        for (TableKind kind : allTableKinds())
            EXPECT_FALSE(root->document(kind).isModified()) << folder.toStdString();
        QTemporaryDir out;
        ASSERT_TRUE(out.isValid());
        ASSERT_TRUE(root->exportTo(out.path(), false, nullptr, &error)) << error.toStdString();
        for (TableKind kind : allTableKinds()) {
            const QString source = QDir(folder).filePath(tableFileName(kind));
            const QString exported = QDir(out.path()).filePath(tableFileName(kind));
            if (QFile::exists(source)) {
                ASSERT_TRUE(QFile::exists(exported)) << exported.toStdString();
                EXPECT_EQ(readBytes(exported), readBytes(source)) << source.toStdString();
            } else {
                EXPECT_FALSE(QFile::exists(exported)) << "export created " << exported.toStdString();
            }
        }
    }
}

TEST(MailRoot, GeneratedAwkwardFilesExportByteIdentical)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QByteArray spammers = awkwardSpammers();
    const QByteArray server = "\"RootDomain\"\t\"a.test\"   \r\n# \xe3\x82\xb3\xe3\x83\xa1\n\n\"XMF-DelayStart\"\t\"mail\"";
    ASSERT_TRUE(writeBytes(dir.filePath(QStringLiteral("spammers.tab")), spammers));
    ASSERT_TRUE(writeBytes(dir.filePath(QStringLiteral("server.tab")), server));
    const auto root = MailRoot::load(dir.path());
    ASSERT_TRUE(root.has_value());
    EXPECT_EQ(root->document(TableKind::Spammers).file.encoding(), TextEncoding::ShiftJis);
    EXPECT_FALSE(root->document(TableKind::Spammers).isModified());

    QTemporaryDir out;
    ASSERT_TRUE(root->exportTo(out.path(), false, nullptr, nullptr));
    EXPECT_EQ(readBytes(out.filePath(QStringLiteral("spammers.tab"))), spammers);
    EXPECT_EQ(readBytes(out.filePath(QStringLiteral("server.tab"))), server);
    EXPECT_FALSE(QFile::exists(out.filePath(QStringLiteral("smtp.ipmap.tab"))));

    // The space-instead-of-TAB line (line 3) is reported and still matches.
    bool reported = false;
    for (const Diagnostic &d : root->diagnostics())
        reported = reported || (d.file == QStringLiteral("spammers.tab") && d.line == 3 && d.kind == QStringLiteral("space-separated"));
    EXPECT_TRUE(reported);
    const auto peer = IpAddress::parse(u"127.0.19.5");
    const SpammerRule *first = nullptr;
    for (const SpammerRule &rule : root->tables().spammers)
        if (!first && rule.line != 2 && rule.filter.matches(*peer))
            first = &rule;
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->line, 3);
    EXPECT_EQ(first->code, 1);

    // --xmail drops the XMF- variable and says so; the rest is byte-identical,
    // except that the file keeps its "no newline at the end" style.
    QTemporaryDir plain;
    QStringList dropped;
    ASSERT_TRUE(root->exportTo(plain.path(), true, &dropped, nullptr));
    EXPECT_EQ(dropped, QStringList{QStringLiteral("XMF-DelayStart")});
    EXPECT_EQ(readBytes(plain.filePath(QStringLiteral("server.tab"))),
              QByteArray("\"RootDomain\"\t\"a.test\"   \r\n# \xe3\x82\xb3\xe3\x83\xa1\n"));
}

TEST(MailRoot, EditingOneRecordChangesOnlyThatLineAndKeepsABackup)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ASSERT_TRUE(copyFolder(conformanceDir() + QStringLiteral("/base-mailroot"), dir.path()));
    const QString serverPath = dir.filePath(QStringLiteral("server.tab"));
    // Make the file awkward first: CRLF on some lines, a Shift_JIS comment, no final newline.
    QByteArray original = readBytes(serverPath);
    original.replace("\"POP3Domain\"\t\"example.test\"\n", "\"POP3Domain\"\t\"example.test\"\r\n");
    QStringEncoder sjis("Shift_JIS");
    original += QByteArray(sjis.encode(QStringLiteral("# 日本語のコメント")));
    original += "\r\n\"SMTP-MaxErrors\"\t\"0\"";
    ASSERT_TRUE(writeBytes(serverPath, original));

    QString error;
    auto root = MailRoot::load(dir.path(), &error);
    ASSERT_TRUE(root.has_value()) << error.toStdString();
    EXPECT_TRUE(root->changedOnDisk().isEmpty());

    TableDocument &doc = root->document(TableKind::Server);
    int target = -1;
    for (int i = 0; i < doc.file.lineCount(); ++i)
        if (doc.file.line(i).text.startsWith("\"MaxMTAOps\""))
            target = i;
    ASSERT_GE(target, 0);
    doc.file.setRecord(target, {QStringLiteral("MaxMTAOps"), QStringLiteral("32")});
    EXPECT_TRUE(doc.isModified());
    root->reparse();
    EXPECT_EQ(root->intVariable(QStringLiteral("MaxMTAOps"), 0), 32);
    ASSERT_TRUE(root->save(&error)) << error.toStdString();

    const QList<QByteArray> before = linesWithEol(original);
    const QList<QByteArray> after = linesWithEol(readBytes(serverPath));
    ASSERT_EQ(before.size(), after.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        if (i == target)
            EXPECT_EQ(after.at(i), QByteArray("\"MaxMTAOps\"\t\"32\"\n"));
        else
            EXPECT_EQ(after.at(i), before.at(i)) << "line " << i + 1 << " changed";
    }
    EXPECT_EQ(readBytes(serverPath + QStringLiteral(".bak")), original);
    // Untouched tables are not rewritten and get no backup.
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("smtp.ipmap.tab.bak"))));
    EXPECT_TRUE(root->changedOnDisk().isEmpty());
    EXPECT_FALSE(root->document(TableKind::Server).isModified());

    // Someone else edits the file: detected, and reload picks it up.
    ASSERT_TRUE(writeBytes(dir.filePath(QStringLiteral("smtp.ipmap.tab")), "\"0.0.0.0\"\t\"0.0.0.0\"\t\"DENY\"\t1\n"));
    EXPECT_EQ(root->changedOnDisk(), QList<TableKind>{TableKind::IpMap});
    ASSERT_TRUE(root->reload(TableKind::IpMap));
    EXPECT_TRUE(root->changedOnDisk().isEmpty());
    ASSERT_EQ(root->tables().ipMap.size(), 1);
    EXPECT_FALSE(root->tables().ipMap.at(0).allow);

    // A table created or deleted behind our back is a change too.
    ASSERT_TRUE(writeBytes(dir.filePath(QStringLiteral("smtp.hnprop.tab")), ""));
    ASSERT_TRUE(QFile::remove(dir.filePath(QStringLiteral("smtpauth.tab"))));
    const QList<TableKind> changed = root->changedOnDisk();
    EXPECT_TRUE(changed.contains(TableKind::HnProp));
    EXPECT_TRUE(changed.contains(TableKind::SmtpAuth));
}

TEST(MailRoot, MissingFilesAreEmptyTables)
{
    QTemporaryDir dir;
    ASSERT_TRUE(writeBytes(dir.filePath(QStringLiteral("server.tab")), "\"SMTP-IpMapDropCode\"\t\"\"\n"));
    const auto root = MailRoot::load(dir.path());
    ASSERT_TRUE(root.has_value());
    EXPECT_TRUE(root->fileExists(TableKind::Server));
    EXPECT_FALSE(root->fileExists(TableKind::IpMap));
    EXPECT_TRUE(root->tables().ipMap.isEmpty());
    EXPECT_EQ(root->intVariable(QStringLiteral("SMTP-IpMapDropCode"), 1), 1) << "an empty value takes the default";
    bool missingSpammers = false;
    for (const Diagnostic &d : root->diagnostics())
        missingSpammers = missingSpammers || d.kind == QStringLiteral("missing-spammers");
    EXPECT_TRUE(missingSpammers);
    EXPECT_FALSE(MailRoot::load(dir.filePath(QStringLiteral("nope"))).has_value());
}

TEST(MailRoot, ConformanceUsersAndVariables)
{
    const auto root = MailRoot::load(conformanceDir() + QStringLiteral("/base-mailroot"));
    ASSERT_TRUE(root.has_value());
    const MailUser *alice = root->findMailUser(QStringLiteral("EXAMPLE.test"), QStringLiteral("alice"));
    ASSERT_NE(alice, nullptr);
    EXPECT_EQ(alice->encryptedPassword, QStringLiteral("120a0b01001709040b01"));
    EXPECT_EQ(alice->password(), QStringLiteral("wonderland"));
    EXPECT_EQ(encodeXMailPassword(QStringLiteral("wonderland")), alice->encryptedPassword);
    EXPECT_TRUE(root->isLocalDomain(QStringLiteral("example.test")));
    EXPECT_EQ(root->variable(QStringLiteral("DefaultSmtpPerms")), QStringLiteral("MR"));
    EXPECT_FALSE(root->variable(QStringLiteral("defaultsmtpperms")).has_value());
}

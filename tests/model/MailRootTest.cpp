// MailRoot: loading, lossless export, saving one edit, .bak, changes on disk, saves that
// fail (read-only folder, a table that cannot be written, disk full) without losing anything.

#include "ModelTestUtil.h"

#include "MailRoot.h"
#include "ScratchMount.h"

#include <QStringEncoder>
#include <QTemporaryDir>

#include <cstdio>

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

// ---- saving that cannot succeed (read-only folder, disk full) ----

namespace {

// A copy of the conformance base MailRoot with an edit in server.tab and in spammers.tab.
struct EditedMailRoot {
    QString dir;
    std::optional<MailRoot> root;
    QHash<QString, QByteArray> onDisk; // every file's bytes before the save

    explicit EditedMailRoot(const QString &folder) : dir(folder)
    {
        EXPECT_TRUE(copyFolder(QDir(conformanceDir()).filePath(QStringLiteral("base-mailroot")), dir));
        QString error;
        root = MailRoot::load(dir, &error);
        EXPECT_TRUE(root.has_value()) << error.toStdString();
        root->document(TableKind::Server).file.appendRecord({QStringLiteral("SMTP-MaxErrors"), QStringLiteral("7")});
        root->document(TableKind::Spammers).file.appendRecord({QStringLiteral("192.0.2.0/24"), QStringLiteral("code=1")});
        root->reparse();
        for (const QString &name : QDir(dir).entryList(QDir::Files))
            onDisk.insert(name, readBytes(QDir(dir).filePath(name)));
    }
    // The folder holds exactly the files it held before, with the same bytes.
    void expectUntouched() const
    {
        EXPECT_EQ(QDir(dir).entryList(QDir::Files | QDir::Hidden).size(), onDisk.size())
            << QDir(dir).entryList(QDir::Files | QDir::Hidden).join(QLatin1Char(' ')).toStdString();
        for (auto it = onDisk.cbegin(); it != onDisk.cend(); ++it)
            EXPECT_EQ(readBytes(QDir(dir).filePath(it.key())), it.value()) << it.key().toStdString() << " changed";
    }
    // Both edits are still in the model, unsaved.
    void expectEditsKept() const
    {
        EXPECT_TRUE(root->document(TableKind::Server).isModified());
        EXPECT_TRUE(root->document(TableKind::Spammers).isModified());
        EXPECT_TRUE(root->document(TableKind::Server).file.toBytes().endsWith("\"SMTP-MaxErrors\"\t\"7\"\n"));
        EXPECT_TRUE(root->document(TableKind::Spammers).file.toBytes().contains("\"192.0.2.0/24\"\t\"code=1\""));
        EXPECT_EQ(root->intVariable(QStringLiteral("SMTP-MaxErrors"), 0), 7);
    }
};

} // namespace

TEST(MailRoot, SaveIntoAReadOnlyFolderFailsClearlyAndLosesNoEdit)
{
    QTemporaryDir work;
    const QString folder = work.filePath(QStringLiteral("mailroot"));
    xmflow::testing::ScratchMount mount;
    const bool mounted = mount.mountTmpfs(folder, 1024);
    EditedMailRoot edited(folder);
    // Root writes through file permissions, so as root the folder is a tmpfs remounted read-only.
    if (mounted)
        ASSERT_TRUE(mount.remountReadOnly()) << mount.reason().toStdString();
    else
        ASSERT_TRUE(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
    QString error;
    EXPECT_FALSE(edited.root->save(&error));
    std::printf("read-only folder: %s\n", qPrintable(error));
    EXPECT_TRUE(error.contains(QDir(folder).filePath(QStringLiteral("server.tab")))) << error.toStdString();
    EXPECT_TRUE(error.contains(QLatin1String("not writable")) || error.contains(QLatin1String("Read-only file system"))
                || error.contains(QLatin1String("Permission denied")))
        << error.toStdString();
    edited.expectUntouched();
    edited.expectEditsKept();

    // Writable again: the same edits save, with backups.
    if (mounted) {
        mount.unmount();
        ASSERT_TRUE(mount.mountTmpfs(folder, 1024));
        ASSERT_TRUE(copyFolder(QDir(conformanceDir()).filePath(QStringLiteral("base-mailroot")), folder));
    } else {
        ASSERT_TRUE(QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }
    ASSERT_TRUE(edited.root->save(&error)) << error.toStdString();
    EXPECT_TRUE(readBytes(QDir(folder).filePath(QStringLiteral("server.tab"))).endsWith("\"SMTP-MaxErrors\"\t\"7\"\n"));
    EXPECT_TRUE(QFile::exists(QDir(folder).filePath(QStringLiteral("spammers.tab.bak"))));
    EXPECT_FALSE(edited.root->document(TableKind::Server).isModified());
}

// server.tab is saved before spammers.tab; when spammers.tab cannot be written,
// server.tab must not be left saved on its own.
TEST(MailRoot, SaveIsAllOrNothingAcrossTables)
{
    QTemporaryDir work;
    EditedMailRoot edited(work.filePath(QStringLiteral("mailroot")));
    const QString spammers = QDir(edited.dir).filePath(QStringLiteral("spammers.tab"));
    // Something else took the name: a folder cannot be replaced by a file.
    ASSERT_TRUE(QFile::remove(spammers));
    ASSERT_TRUE(QDir().mkdir(spammers));
    edited.onDisk.remove(QStringLiteral("spammers.tab"));
    QString error;
    EXPECT_FALSE(edited.root->save(&error));
    EXPECT_TRUE(error.contains(spammers)) << error.toStdString();
    edited.expectUntouched();
    EXPECT_FALSE(QFile::exists(QDir(edited.dir).filePath(QStringLiteral("server.tab.bak"))));
    edited.expectEditsKept();
}

// Disk full while writing the second table: no table changes, no temporary file stays.
TEST(MailRoot, SaveOnAFullDiskChangesNothing)
{
    QTemporaryDir work;
    const QString folder = work.filePath(QStringLiteral("mailroot"));
    xmflow::testing::ScratchMount mount;
    if (!mount.mountTmpfs(folder, 512))
        GTEST_SKIP() << mount.reason().toStdString();
    EditedMailRoot edited(folder);
    // A spammers.tab edit far bigger than the room that is left.
    TabFile &spammers = edited.root->document(TableKind::Spammers).file;
    for (int i = 0; i < 20000; ++i)
        spammers.appendRecord({QStringLiteral("198.51.%1.%2/32").arg(i / 250).arg(i % 250), QStringLiteral("code=1")});
    ASSERT_TRUE(mount.fill(64));
    edited.onDisk.insert(QStringLiteral(".filler"), readBytes(QDir(folder).filePath(QStringLiteral(".filler"))));
    QString error;
    EXPECT_FALSE(edited.root->save(&error));
    std::printf("disk full: %s\n", qPrintable(error));
    EXPECT_TRUE(error.contains(QLatin1String("spammers.tab"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QLatin1String("No space left on device"))) << error.toStdString();
    edited.expectUntouched();
    edited.expectEditsKept();
}

TEST(MailRoot, GreylistWhitelistIsOptionalLosslessAndLeftOutForPlainXMail)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ASSERT_TRUE(copyFolder(conformanceDir() + QStringLiteral("/base-mailroot"), dir.path()));
    {
        const auto root = MailRoot::load(dir.path());
        ASSERT_TRUE(root);
        EXPECT_FALSE(root->fileExists(TableKind::GreylistWhitelist)); // absent: empty, no finding
        EXPECT_TRUE(root->tables().greylistWhitelist.isEmpty());
        for (const Diagnostic &d : root->diagnostics())
            EXPECT_NE(d.file, QStringLiteral("xmflow-greylist-whitelist.tab")) << d.format().toStdString();
    }
    // Comments (a Japanese one), CRLF, a blank line, an extra space and no final newline survive.
    const QByteArray bytes = "# \xe5\xa4\xa7\xe6\x89\x8b\xe3\x81\xae\xe9\x80\x81\xe4\xbf\xa1\xe5\x85\x83\r\n"
                             "\"google.com\"\t\"Gmail\"\r\n"
                             "\n"
                             "\"outlook.com\"  \n"
                             "\"10.0.0.1\"";
    const QString path = dir.filePath(QStringLiteral("xmflow-greylist-whitelist.tab"));
    ASSERT_TRUE(writeBytes(path, bytes));
    auto root = MailRoot::load(dir.path());
    ASSERT_TRUE(root);
    ASSERT_EQ(root->tables().greylistWhitelist.size(), 2);
    EXPECT_EQ(root->tables().greylistWhitelist.at(1).line, 4);
    bool addressReported = false;
    for (const Diagnostic &d : root->diagnostics())
        addressReported =
            addressReported || (d.location() == QStringLiteral("xmflow-greylist-whitelist.tab:5") &&
                                d.kind == QStringLiteral("address-not-domain"));
    EXPECT_TRUE(addressReported);

    QTemporaryDir out;
    ASSERT_TRUE(root->exportTo(out.path(), false, nullptr, nullptr));
    EXPECT_EQ(readBytes(out.filePath(QStringLiteral("xmflow-greylist-whitelist.tab"))), bytes);

    // Editing one record rewrites only that line.
    TableDocument &doc = root->document(TableKind::GreylistWhitelist);
    doc.file.setRecord(1, {QStringLiteral("google.com"), QStringLiteral("Gmail and Workspace")});
    ASSERT_TRUE(root->save());
    QByteArray expected = bytes;
    expected.replace("\"Gmail\"", "\"Gmail and Workspace\"");
    EXPECT_EQ(readBytes(path), expected);

    // For a plain XMail the xmflow table is not written, and the caller is told.
    QTemporaryDir plain;
    QStringList dropped;
    ASSERT_TRUE(root->exportTo(plain.path(), true, &dropped, nullptr));
    EXPECT_FALSE(QFile::exists(plain.filePath(QStringLiteral("xmflow-greylist-whitelist.tab"))));
    EXPECT_TRUE(dropped.contains(QStringLiteral("xmflow-greylist-whitelist.tab")));
}

TEST(MailRoot, TheSampleMailRootLoadsWithoutErrors)
{
    const auto root = MailRoot::load(QStringLiteral(XMFLOW_SOURCE_DIR "/resources/sample-mailroot"));
    ASSERT_TRUE(root);
    EXPECT_TRUE(root->fileExists(TableKind::GreylistWhitelist));
    EXPECT_GE(root->tables().greylistWhitelist.size(), 10);
    for (const Diagnostic &d : root->diagnostics())
        EXPECT_NE(d.severity, Severity::Error) << d.format().toStdString();
    for (const Diagnostic &d : root->diagnostics())
        EXPECT_NE(d.file, QStringLiteral("xmflow-greylist-whitelist.tab")) << d.format().toStdString();
}

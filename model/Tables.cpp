#include "Tables.h"

#include "VariableCatalogue.h"

#include <QRegularExpression>
#include <QSet>

namespace xmflow::model {

namespace {

struct LineContext {
    QString file;
    int line;
    Diagnostics &out;

    void report(Severity severity, const QString &kind, const LocalizedText &message,
                const LocalizedText &xmail, const LocalizedText &hint = {}) const
    {
        Diagnostic d;
        d.file = file;
        d.line = line;
        d.severity = severity;
        d.kind = kind;
        d.message = message;
        d.xmailBehaviour = xmail;
        d.hint = hint;
        out.append(d);
    }

    void skipped(const LocalizedText &why) const
    {
        report(Severity::Error, QStringLiteral("unparsable-line"), why,
               {QStringLiteral("XMail silently skips this line."),
                QStringLiteral("XMail はこの行を黙って読み飛ばします。")},
               {QStringLiteral("Fix the line: fields are double-quoted and separated by one TAB."),
                QStringLiteral("行を修正してください: 各フィールドをダブルクォートで囲み、TAB 1 つで区切ります。")});
    }

    void tooFewFields(int have, int need) const
    {
        skipped({QStringLiteral("%1 field(s) where at least %2 are needed (is a space used instead of a TAB?)")
                     .arg(have)
                     .arg(need),
                 QStringLiteral("フィールドが %1 個しかありません (%2 個以上必要)。TAB の代わりに空白を使っていませんか?")
                     .arg(have)
                     .arg(need)});
    }
};

// A TAB-less line that still parses: warn that its parameters are lost.
void reportLostFields(const LineContext &ctx, const QByteArray &field0)
{
    if (!field0.contains(' ') && !field0.contains('"'))
        return;
    ctx.report(Severity::Error, QStringLiteral("space-separated"),
               {QStringLiteral("fields are separated by spaces, not a TAB: XMail sees one field"),
                QStringLiteral("フィールドが TAB ではなく空白で区切られているため、XMail は 1 つのフィールドとして読みます")},
               {QStringLiteral("XMail still reads the address from the start of the line, so the line matches, "
                               "but every parameter after it is lost."),
                QStringLiteral("XMail は行頭からアドレスを読むため、この行は一致しますが、後ろのパラメータはすべて失われます。")},
               {QStringLiteral("Replace the spaces between fields with one TAB."),
                QStringLiteral("フィールド間の空白を TAB 1 つに置き換えてください。")});
}

std::optional<AddressFilter> loadFilter(const LineContext &ctx, const QList<QByteArray> &fields, bool allowMask,
                                        int *consumed)
{
    const QByteArray *maskField = (allowMask && fields.size() > 1 && !fields.at(0).contains('/')) ? &fields.at(1)
                                                                                                  : nullptr;
    const AddressParseResult parsed = AddressFilter::parse(fields.at(0), maskField);
    if (!parsed.filter) {
        ctx.skipped(parsed.error);
        return std::nullopt;
    }
    if (!parsed.warning.isEmpty())
        ctx.report(Severity::Warning, QStringLiteral("lenient-address"), parsed.warning,
                   {QStringLiteral("XMail accepts the line with this reading."),
                    QStringLiteral("XMail はこの解釈で行を受け付けます。")},
                   {QStringLiteral("Write the address as a.b.c.d/bits."),
                    QStringLiteral("アドレスは a.b.c.d/ビット数 の形で書いてください。")});
    *consumed = parsed.usedMaskField ? 2 : 1;
    return parsed.filter;
}

QString text(const TabFile &file, const QByteArray &bytes)
{
    return file.decode(bytes);
}

QStringList texts(const TabFile &file, const QList<QByteArray> &fields, int from)
{
    QStringList out;
    for (qsizetype i = from; i < fields.size(); ++i)
        out.append(file.decode(fields.at(i)));
    return out;
}

void parseServer(const LineContext &ctx, const TabFile &file, const QList<QByteArray> &fields, ParsedTables &into,
                 QHash<QString, int> &seen)
{
    if (fields.size() < 2) {
        if (fields.size() == 1 && fields.at(0).contains(' ')) {
            reportLostFields(ctx, fields.at(0));
            return;
        }
        ctx.tooFewFields(int(fields.size()), 2);
        return;
    }
    ServerVariable var{ctx.line, text(file, fields.at(0)), text(file, fields.at(1))};
    const auto previous = seen.constFind(var.name);
    if (previous != seen.cend()) {
        ctx.report(Severity::Warning, QStringLiteral("duplicate-variable"),
                   {QStringLiteral("'%1' is already set on line %2; this later value is dead").arg(var.name).arg(*previous),
                    QStringLiteral("'%1' は %2 行目で既に設定されています。この後の値は使われません").arg(var.name).arg(*previous)},
                   {QStringLiteral("XMail uses the first occurrence only."),
                    QStringLiteral("XMail は最初に現れた値だけを使います。")},
                   {QStringLiteral("Delete one of the two lines."), QStringLiteral("どちらかの行を削除してください。")});
    } else {
        seen.insert(var.name, ctx.line);
    }
    if (!VariableCatalogue::find(var.name)) {
        ctx.report(Severity::Info, QStringLiteral("unknown-variable"),
                   {QStringLiteral("'%1' is unknown to XMail 1.27").arg(var.name),
                    QStringLiteral("'%1' は XMail 1.27 が知らない変数です").arg(var.name)},
                   {QStringLiteral("XMail ignores it; xmflow keeps it."),
                    QStringLiteral("XMail は無視します。xmflow はそのまま保持します。")},
                   {QStringLiteral("Check the spelling (names are case-sensitive)."),
                    QStringLiteral("綴りを確認してください (大文字と小文字は区別されます)。")});
    }
    if (fields.size() > 2)
        ctx.report(Severity::Info, QStringLiteral("extra-fields"),
                   {QStringLiteral("fields after the value are ignored"), QStringLiteral("値の後ろのフィールドは無視されます")},
                   {QStringLiteral("XMail reads only the name and the value."),
                    QStringLiteral("XMail は名前と値だけを読みます。")});
    into.server.append(var);
}

void parseIpMap(const LineContext &ctx, const TabFile &file, const QList<QByteArray> &fields, ParsedTables &into)
{
    int used = 0;
    if (fields.size() < 3) {
        if (fields.size() >= 1)
            reportLostFields(ctx, fields.at(0));
        ctx.tooFewFields(int(fields.size()), 4);
        return;
    }
    const auto filter = loadFilter(ctx, fields, true, &used);
    if (!filter)
        return;
    if (fields.size() < used + 2) {
        ctx.tooFewFields(int(fields.size()), used + 2);
        return;
    }
    IpMapRule rule;
    rule.line = ctx.line;
    rule.filter = *filter;
    const QString action = text(file, fields.at(used)).trimmed();
    if (action.compare(QLatin1String("ALLOW"), Qt::CaseInsensitive) == 0) {
        rule.allow = true;
    } else if (action.compare(QLatin1String("DENY"), Qt::CaseInsensitive) == 0) {
        rule.allow = false;
    } else {
        ctx.skipped({QStringLiteral("'%1' is neither ALLOW nor DENY").arg(action),
                     QStringLiteral("'%1' は ALLOW でも DENY でもありません").arg(action)});
        return;
    }
    rule.precedence = text(file, fields.at(used + 1)).trimmed().toInt();
    into.ipMap.append(rule);
}

template <typename Rule>
bool parseFilterWithProperties(const LineContext &ctx, const QList<QByteArray> &fields, Rule &rule)
{
    if (fields.isEmpty())
        return false;
    reportLostFields(ctx, fields.at(0));
    int used = 0;
    const auto filter = loadFilter(ctx, fields, true, &used);
    if (!filter)
        return false;
    rule.line = ctx.line;
    rule.filter = *filter;
    return true;
}

void parseIpProp(const LineContext &ctx, const TabFile &file, const QList<QByteArray> &fields, ParsedTables &into)
{
    IpPropRule rule;
    if (!parseFilterWithProperties(ctx, fields, rule))
        return;
    const int first = (fields.size() > 1 && !fields.at(0).contains('/') && looksLikeNetmask(fields.at(1))) ? 2 : 1;
    rule.properties = parseProperties(texts(file, fields, first));
    into.ipProp.append(rule);
}

void parseHnProp(const LineContext &ctx, const TabFile &file, const QList<QByteArray> &fields, ParsedTables &into)
{
    if (fields.isEmpty())
        return;
    HnPropRule rule;
    rule.line = ctx.line;
    rule.host = text(file, fields.at(0)).trimmed();
    rule.properties = parseProperties(texts(file, fields, 1));
    into.hnProp.append(rule);
}

void parseSpammers(const LineContext &ctx, const TabFile &file, const QList<QByteArray> &fields, ParsedTables &into)
{
    SpammerRule rule;
    if (!parseFilterWithProperties(ctx, fields, rule))
        return;
    const int first = (fields.size() > 1 && !fields.at(0).contains('/') && looksLikeNetmask(fields.at(1))) ? 2 : 1;
    QStringList items;
    for (const QString &param : texts(file, fields, first))
        items += param.split(QLatin1Char(','), Qt::SkipEmptyParts);
    rule.parameters = parseProperties(items);
    for (const Property &p : std::as_const(rule.parameters)) {
        if (p.name.compare(QLatin1String("code"), Qt::CaseInsensitive) == 0)
            rule.code = p.value.trimmed().toInt();
    }
    into.spammers.append(rule);
}

void parseRelay(const LineContext &ctx, const TabFile &, const QList<QByteArray> &fields, ParsedTables &into)
{
    RelayRule rule;
    if (!parseFilterWithProperties(ctx, fields, rule))
        return;
    into.relay.append(rule);
}

} // namespace

const QList<TableKind> &allTableKinds()
{
    static const QList<TableKind> kinds{TableKind::Server,    TableKind::IpMap,       TableKind::IpProp,
                                        TableKind::HnProp,    TableKind::Spammers,    TableKind::SmtpRelay,
                                        TableKind::SpamAddress, TableKind::Domains,   TableKind::MailUsers,
                                        TableKind::SmtpAuth};
    return kinds;
}

QString tableFileName(TableKind kind)
{
    switch (kind) {
    case TableKind::Server:
        return QStringLiteral("server.tab");
    case TableKind::IpMap:
        return QStringLiteral("smtp.ipmap.tab");
    case TableKind::IpProp:
        return QStringLiteral("smtp.ipprop.tab");
    case TableKind::HnProp:
        return QStringLiteral("smtp.hnprop.tab");
    case TableKind::Spammers:
        return QStringLiteral("spammers.tab");
    case TableKind::SmtpRelay:
        return QStringLiteral("smtprelay.tab");
    case TableKind::SpamAddress:
        return QStringLiteral("spam-address.tab");
    case TableKind::Domains:
        return QStringLiteral("domains.tab");
    case TableKind::MailUsers:
        return QStringLiteral("mailusers.tab");
    case TableKind::SmtpAuth:
        return QStringLiteral("smtpauth.tab");
    }
    return {};
}

std::optional<TableKind> tableKindForFile(const QString &fileName)
{
    for (TableKind kind : allTableKinds())
        if (tableFileName(kind) == fileName)
            return kind;
    return std::nullopt;
}

std::optional<QString> IpPropRule::property(const QString &name) const
{
    for (const Property &p : properties)
        if (p.name.compare(name, Qt::CaseInsensitive) == 0)
            return p.value;
    return std::nullopt;
}

bool IpPropRule::flag(const QString &name) const
{
    const auto value = property(name);
    return value && value->trimmed().toInt() != 0;
}

bool HnPropRule::matches(const QString &hostName) const
{
    if (host.startsWith(QLatin1Char('.')))
        return hostName.endsWith(host, Qt::CaseInsensitive);
    return hostName.compare(host, Qt::CaseInsensitive) == 0;
}

std::optional<QString> HnPropRule::property(const QString &name) const
{
    for (const Property &p : properties)
        if (p.name.compare(name, Qt::CaseInsensitive) == 0)
            return p.value;
    return std::nullopt;
}

bool HnPropRule::flag(const QString &name) const
{
    const auto value = property(name);
    return value && value->trimmed().toInt() != 0;
}

bool SpamAddressRule::matches(const QString &address) const
{
    const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(
                                    pattern, QRegularExpression::UnanchoredWildcardConversion),
                                QRegularExpression::CaseInsensitiveOption);
    const QRegularExpression anchored(QRegularExpression::anchoredPattern(re.pattern()), re.patternOptions());
    return anchored.match(address).hasMatch();
}

QString MailUser::password() const
{
    return decodeXMailPassword(encryptedPassword).value_or(QString());
}

QString encodeXMailPassword(const QString &plain)
{
    const QByteArray bytes = plain.toUtf8();
    QString out;
    for (char c : bytes)
        out += QStringLiteral("%1").arg(quint8(c) ^ 0x65, 2, 16, QLatin1Char('0'));
    return out;
}

std::optional<QString> decodeXMailPassword(const QString &encoded)
{
    if (encoded.size() % 2 != 0)
        return std::nullopt;
    QByteArray bytes;
    for (qsizetype i = 0; i < encoded.size(); i += 2) {
        bool ok = false;
        const uint value = encoded.mid(i, 2).toUInt(&ok, 16);
        if (!ok)
            return std::nullopt;
        bytes.append(char(value ^ 0x65));
    }
    return QString::fromUtf8(bytes);
}

QList<Property> parseProperties(const QStringList &items)
{
    QList<Property> out;
    for (const QString &item : items) {
        const QString trimmed = item.trimmed();
        if (trimmed.isEmpty())
            continue;
        const qsizetype eq = trimmed.indexOf(QLatin1Char('='));
        if (eq < 0)
            out.append({trimmed, QStringLiteral("1")});
        else
            out.append({trimmed.left(eq).trimmed(), trimmed.mid(eq + 1).trimmed()});
    }
    return out;
}

void parseTable(TableKind kind, const TabFile &file, ParsedTables &into, Diagnostics &diagnostics)
{
    const QString fileName = tableFileName(kind);
    QHash<QString, int> seenVariables;
    for (int i = 0; i < file.lineCount(); ++i) {
        const QByteArray &raw = file.line(i).text;
        if (!TabFile::isRecord(raw))
            continue;
        const LineContext ctx{fileName, i + 1, diagnostics};
        const QList<QByteArray> fields = TabFile::splitFields(raw);
        if (fields.isEmpty())
            continue;
        switch (kind) {
        case TableKind::Server:
            parseServer(ctx, file, fields, into, seenVariables);
            break;
        case TableKind::IpMap:
            parseIpMap(ctx, file, fields, into);
            break;
        case TableKind::IpProp:
            parseIpProp(ctx, file, fields, into);
            break;
        case TableKind::HnProp:
            parseHnProp(ctx, file, fields, into);
            break;
        case TableKind::Spammers:
            parseSpammers(ctx, file, fields, into);
            break;
        case TableKind::SmtpRelay:
            parseRelay(ctx, file, fields, into);
            break;
        case TableKind::SpamAddress:
            into.spamAddress.append({ctx.line, text(file, fields.at(0))});
            break;
        case TableKind::Domains:
            into.domains.append({ctx.line, text(file, fields.at(0)).trimmed()});
            break;
        case TableKind::MailUsers:
            if (fields.size() < 6) {
                ctx.tooFewFields(int(fields.size()), 6);
                break;
            }
            if (!decodeXMailPassword(text(file, fields.at(2)))) {
                ctx.report(Severity::Warning, QStringLiteral("bad-password-encoding"),
                           {QStringLiteral("the password is not in XMail's encoded form (hex digits)"),
                            QStringLiteral("パスワードが XMail の暗号化形式 (16 進数) になっていません")},
                           {QStringLiteral("This user cannot authenticate."),
                            QStringLiteral("このユーザーは SMTP 認証できません。")});
            }
            into.mailUsers.append({ctx.line, text(file, fields.at(0)), text(file, fields.at(1)), text(file, fields.at(2)),
                                   text(file, fields.at(3)), text(file, fields.at(4)), text(file, fields.at(5))});
            break;
        case TableKind::SmtpAuth:
            if (fields.size() < 3) {
                ctx.tooFewFields(int(fields.size()), 3);
                break;
            }
            into.smtpAuth.append({ctx.line, text(file, fields.at(0)), text(file, fields.at(1)), text(file, fields.at(2))});
            break;
        }
    }
}

} // namespace xmflow::model

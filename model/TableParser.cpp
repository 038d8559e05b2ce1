#include "Tables.h"

#include "VariableCatalogue.h"

#include <QSet>

#include <cstring>

namespace xmflow::model {

namespace {

struct LineContext {
    QString file;
    int line;
    Diagnostics &out;
    bool lostReported = false; // a "space-separated"/"text-after-quote" finding was made for this line

    void report(Severity severity, const QString &kind, const LocalizedText &message,
                const LocalizedText &xmail, const LocalizedText &hint = {}) const
    {
        out.append(makeDiagnostic(file, line, severity, kind, message, xmail, hint));
    }

    void skipped(const LocalizedText &why, const QString &kind = QStringLiteral("unparsable-line")) const
    {
        report(Severity::Error, kind, why,
               {QStringLiteral("XMail silently skips this line."),
                QStringLiteral("XMail はこの行を黙って読み飛ばします。")},
               {QStringLiteral("Fix the line: fields are double-quoted and separated by one TAB."),
                QStringLiteral(
                    "行を修正してください: 各フィールドをダブルクォートで囲み、TAB 1 つで区切ります。")});
    }

    void tooFewFields(int have, int need) const
    {
        if (lostReported) // the space-separated finding already explains it
            return;
        report(Severity::Error, QStringLiteral("too-few-fields"),
               {QStringLiteral("%1 field(s) where at least %2 are needed (is a space used instead of a TAB?)")
                    .arg(have)
                    .arg(need),
                QStringLiteral(
                    "フィールドが %1 個しかありません (%2 個以上必要)。TAB の代わりに空白を使っていませんか?")
                    .arg(have)
                    .arg(need)},
               {QStringLiteral("XMail silently skips this line."),
                QStringLiteral("XMail はこの行を黙って読み飛ばします。")},
               {QStringLiteral("Separate the fields with one TAB each."),
                QStringLiteral("各フィールドを TAB 1 つで区切ってください。")});
    }

    void spaceSeparated(const LocalizedText &xmail)
    {
        if (lostReported)
            return;
        lostReported = true;
        report(Severity::Error, QStringLiteral("space-separated"),
               {QStringLiteral("fields are separated by spaces, not a TAB: XMail sees one field"),
                QStringLiteral("フィールドが TAB ではなく空白で区切られているため、XMail は 1 "
                               "つのフィールドとして読みます")},
               xmail,
               {QStringLiteral("Replace the spaces between fields with one TAB."),
                QStringLiteral("フィールド間の空白を TAB 1 つに置き換えてください。")});
    }
};

// Text after a closing quote is dropped by XMail's StrDeQuote.
void reportDiscarded(LineContext &ctx, const QList<QByteArray> &raw)
{
    for (const QByteArray &token : raw) {
        QByteArray discarded;
        TabFile::dequote(token, &discarded);
        if (discarded.isEmpty())
            continue;
        const QString lost = QString::fromUtf8(discarded);
        const LocalizedText xmail{
            QStringLiteral("XMail keeps only the quoted text and drops '%1'.").arg(lost),
            QStringLiteral("XMail は引用符の中だけを読み、'%1' を捨てます。").arg(lost)};
        if (discarded.at(0) == ' ') {
            ctx.spaceSeparated(xmail);
        } else if (!ctx.lostReported) {
            ctx.lostReported = true;
            ctx.report(Severity::Warning, QStringLiteral("text-after-quote"),
                       {QStringLiteral("text after the closing quote: '%1'").arg(lost),
                        QStringLiteral("閉じ引用符の後ろに文字列があります: '%1'").arg(lost)},
                       xmail,
                       {QStringLiteral("Remove the text or move it inside the quotes."),
                        QStringLiteral("文字列を削除するか、引用符の内側に入れてください。")});
        }
        return;
    }
}

// An address-keyed line written with spaces and no quotes: "1.2.3.0/24 code=1".
void reportUnquotedSpaces(LineContext &ctx, const QList<QByteArray> &raw)
{
    if (raw.isEmpty() || raw.at(0).startsWith('"') || !raw.at(0).trimmed().contains(' ') ||
        raw.at(0).trimmed().startsWith('#'))
        return;
    ctx.spaceSeparated(
        {QStringLiteral("XMail reads the address from the start of the field (the bit count with atoi), "
                        "so the line may still match, but every field after it is lost."),
         QStringLiteral(
             "XMail はフィールドの先頭からアドレスを読む (ビット数は atoi) ため、この行は一致することが"
             "ありますが、後ろのフィールドはすべて失われます。")});
}

std::optional<AddressFilter> loadFilter(const LineContext &ctx, const QByteArray &addr,
                                        const QByteArray *maskField, bool *usedMask = nullptr)
{
    const AddressParseResult parsed = AddressFilter::parse(addr, maskField);
    if (!parsed.filter) {
        if (parsed.hostName) {
            ctx.report(
                Severity::Warning, QStringLiteral("hostname-filter"), parsed.error,
                {QStringLiteral(
                     "XMail resolves the name with the system resolver on every check and skips the "
                     "line when it does not resolve."),
                 QStringLiteral(
                     "XMail "
                     "は確認のたびにシステムのリゾルバで名前を解決し、解決できなければ行を読み飛ばします。")},
                {QStringLiteral("Write a numeric address (a.b.c.d/bits)."),
                 QStringLiteral("数値のアドレス (a.b.c.d/ビット数) で書いてください。")});
        } else {
            ctx.skipped(parsed.error);
        }
        return std::nullopt;
    }
    if (!parsed.warning.isEmpty())
        ctx.report(Severity::Warning, QStringLiteral("lenient-address"), parsed.warning,
                   {QStringLiteral("XMail accepts the line with this reading."),
                    QStringLiteral("XMail はこの解釈で行を受け付けます。")},
                   {QStringLiteral("Write the address as a.b.c.d/bits."),
                    QStringLiteral("アドレスは a.b.c.d/ビット数 の形で書いてください。")});
    if (usedMask)
        *usedMask = parsed.usedMaskField;
    return parsed.filter;
}

QString text(const TabFile &file, const QByteArray &bytes)
{
    return file.decode(bytes);
}

QStringList texts(const TabFile &file, const QList<QByteArray> &fields, qsizetype from)
{
    QStringList out;
    for (qsizetype i = from; i < fields.size(); ++i)
        out.append(file.decode(fields.at(i)));
    return out;
}

void extraFields(const LineContext &ctx, const LocalizedText &what)
{
    ctx.report(Severity::Info, QStringLiteral("extra-fields"), what,
               {QStringLiteral("XMail ignores the extra fields."),
                QStringLiteral("XMail は余分なフィールドを無視します。")});
}

void parseServer(LineContext &ctx, const TabFile &file, const QList<QByteArray> &fields, ParsedTables &into,
                 QHash<QString, int> &seen)
{
    if (fields.size() < 2) {
        if (fields.at(0).contains(' ') || fields.at(0).contains('\t'))
            ctx.spaceSeparated(
                {QStringLiteral("XMail needs a name and a value in two fields and skips this line."),
                 QStringLiteral(
                     "XMail は名前と値の 2 つのフィールドを必要とするため、この行を読み飛ばします。")});
        ctx.tooFewFields(int(fields.size()), 2);
        return;
    }
    ServerVariable var{ctx.line, text(file, fields.at(0)), text(file, fields.at(1))};
    const auto previous = seen.constFind(var.name);
    if (previous != seen.cend()) {
        ctx.report(Severity::Warning, QStringLiteral("duplicate-variable"),
                   {QStringLiteral("'%1' is already set on line %2; this later value is dead")
                        .arg(var.name)
                        .arg(*previous),
                    QStringLiteral("'%1' は %2 行目で既に設定されています。この後の値は使われません")
                        .arg(var.name)
                        .arg(*previous)},
                   {QStringLiteral("XMail uses the first occurrence only."),
                    QStringLiteral("XMail は最初に現れた値だけを使います。")},
                   {QStringLiteral("Delete one of the two lines."),
                    QStringLiteral("どちらかの行を削除してください。")});
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
        extraFields(ctx, {QStringLiteral("fields after the value are ignored"),
                          QStringLiteral("値の後ろのフィールドは無視されます")});
    into.server.append(std::move(var));
}

void parseIpMap(LineContext &ctx, const TabFile &file, const QList<QByteArray> &fields, ParsedTables &into)
{
    // "addr" "mask" "ALLOW|DENY" precedence: fixed positions, at least 4 fields.
    if (fields.size() < 4) {
        ctx.tooFewFields(int(fields.size()), 4);
        return;
    }
    const auto filter = loadFilter(ctx, fields.at(0), &fields.at(1));
    if (!filter)
        return;
    IpMapRule rule;
    rule.line = ctx.line;
    rule.filter = *filter;
    const QByteArray &action = fields.at(2);
    rule.allow = action.compare("ALLOW", Qt::CaseInsensitive) == 0;
    if (!rule.allow && action.compare("DENY", Qt::CaseInsensitive) != 0) {
        const QString shown = text(file, action);
        ctx.report(
            Severity::Warning, QStringLiteral("ipmap-action"),
            {QStringLiteral("'%1' is neither ALLOW nor DENY").arg(shown),
             QStringLiteral("'%1' は ALLOW でも DENY でもありません").arg(shown)},
            {QStringLiteral("XMail treats anything but ALLOW as DENY."),
             QStringLiteral("XMail は ALLOW 以外をすべて DENY として扱います。")},
            {QStringLiteral("Write ALLOW or DENY."), QStringLiteral("ALLOW か DENY と書いてください。")});
    }
    bool hadDigits = false;
    rule.precedence = xmailAtoi(fields.at(3), &hadDigits);
    if (!hadDigits || fields.at(3) != QByteArray::number(rule.precedence)) {
        const QString shown = text(file, fields.at(3));
        ctx.report(Severity::Warning, QStringLiteral("lenient-number"),
                   {QStringLiteral("precedence '%1' is read with atoi as %2").arg(shown).arg(rule.precedence),
                    QStringLiteral("優先度 '%1' は atoi で %2 と読まれます").arg(shown).arg(rule.precedence)},
                   {QStringLiteral("XMail uses the leading number (0 when there is none)."),
                    QStringLiteral("XMail は先頭の数字を使います (数字がなければ 0)。")});
    } else if (rule.precedence < -1) {
        ctx.report(
            Severity::Warning, QStringLiteral("ipmap-precedence"),
            {QStringLiteral("precedence %1 is below -1: this line can never decide").arg(rule.precedence),
             QStringLiteral("優先度 %1 は -1 未満のため、この行は決して結果を決めません")
                 .arg(rule.precedence)},
            {QStringLiteral("XMail starts from precedence -1 and only takes lines at or above it."),
             QStringLiteral("XMail は優先度 -1 から始め、それ以上の行だけを採用します。")});
    }
    if (fields.size() > 4)
        extraFields(ctx, {QStringLiteral("fields after the precedence are ignored"),
                          QStringLiteral("優先度の後ろのフィールドは無視されます")});
    into.ipMap.append(std::move(rule));
}

void parseIpProp(LineContext &ctx, const TabFile &file, const QList<QByteArray> &fields, ParsedTables &into)
{
    // Only field 0 is an address: "addr/bits". The netmask form never matches here.
    if (!fields.at(0).contains('/') && fields.size() > 1 && looksLikeNetmask(fields.at(1))) {
        ctx.skipped(
            {QStringLiteral("smtp.ipprop.tab takes only \"addr/bits\"; the netmask form never matches"),
             QStringLiteral("smtp.ipprop.tab は \"アドレス/ビット数\" "
                            "の形だけを受け付けます。ネットマスク形式は一致しません")});
        return;
    }
    const auto filter = loadFilter(ctx, fields.at(0), nullptr);
    if (!filter)
        return;
    IpPropRule rule;
    rule.line = ctx.line;
    rule.filter = *filter;
    rule.properties = parseProperties(texts(file, fields, 1));
    into.ipProp.append(std::move(rule));
}

void parseHnProp(const LineContext &ctx, const TabFile &file, const QList<QByteArray> &fields,
                 ParsedTables &into)
{
    HnPropRule rule;
    rule.line = ctx.line;
    rule.host = text(file, fields.at(0));
    rule.properties = parseProperties(texts(file, fields, 1));
    into.hnProp.append(std::move(rule));
}

void parseSpammers(LineContext &ctx, const TabFile &file, const QList<QByteArray> &fields, ParsedTables &into)
{
    // Two address fields when the second starts with a digit (netmask form, or
    // just consumed when the first has '/'); the params are the next field.
    const bool twoFields = fields.size() >= 2 && looksLikeNetmask(fields.at(1));
    const auto filter = loadFilter(ctx, fields.at(0), twoFields ? &fields.at(1) : nullptr);
    if (!filter)
        return;
    SpammerRule rule;
    rule.line = ctx.line;
    rule.filter = *filter;
    const qsizetype paramsIndex = twoFields ? 2 : 1;
    if (paramsIndex < fields.size()) {
        rule.parameterText = text(file, fields.at(paramsIndex));
        const QStringView params(rule.parameterText);
        for (qsizetype start = 0; start <= params.size();) {
            qsizetype comma = params.indexOf(QLatin1Char(','), start);
            if (comma < 0)
                comma = params.size();
            const QStringView item = params.sliced(start, comma - start);
            const qsizetype eq = item.indexOf(QLatin1Char('='));
            if (eq < 0)
                rule.parameters.append({item.toString(), QStringLiteral("1"), true});
            else
                rule.parameters.append({item.first(eq).toString(), item.sliced(eq + 1).toString(), false});
            start = comma + 1;
        }
        if (const auto code = xmailParamGet(rule.parameterText, QStringLiteral("code")))
            rule.code = xmailAtoi(code->toLatin1());
        else if (rule.parameterText.contains(QLatin1String("code"), Qt::CaseInsensitive))
            ctx.report(Severity::Warning, QStringLiteral("spammers-code-not-found"),
                       {QStringLiteral("'%1' has no \"code=\" that XMail can find").arg(rule.parameterText),
                        QStringLiteral("'%1' には XMail が見つけられる \"code=\" がありません")
                            .arg(rule.parameterText)},
                       {QStringLiteral(
                            "XMail finds \"code=\" only at the start or right after a ',' (lower case, no "
                            "spaces) and otherwise uses code=1, which drops the client."),
                        QStringLiteral(
                            "XMail は \"code=\" を先頭か ',' の直後 (小文字、空白なし) でしか見つけられず、"
                            "見つからなければ code=1 (切断) になります。")},
                       {QStringLiteral("Write code=N with no spaces, e.g. \"code=-30\"."),
                        QStringLiteral("空白なしで code=N と書いてください (例: \"code=-30\")。")});
    }
    if (fields.size() > paramsIndex + 1)
        extraFields(ctx, {QStringLiteral("fields after the parameters are ignored"),
                          QStringLiteral("パラメータの後ろのフィールドは無視されます")});
    into.spammers.append(std::move(rule));
}

void parseRelay(const LineContext &ctx, const QList<QByteArray> &fields, ParsedTables &into)
{
    const auto filter = loadFilter(ctx, fields.at(0), fields.size() >= 2 ? &fields.at(1) : nullptr);
    if (!filter)
        return;
    into.relay.append({ctx.line, *filter});
}

// xmflow-greylist-whitelist.tab: "domain" ["comment"]. XMail never reads the file.
void parseGreylistWhitelist(const LineContext &ctx, const TabFile &file, const QList<QByteArray> &fields,
                            ParsedTables &into, QHash<QString, int> &seen)
{
    const LocalizedText unused{
        QStringLiteral("XMail never reads this file; xmflowd does not use this line."),
        QStringLiteral("XMail はこのファイルを読みません。xmflowd はこの行を使いません。")};
    const LocalizedText writeDomain{
        QStringLiteral("Write the PTR domain of the senders, e.g. google.com (its subdomains match too)."),
        QStringLiteral(
            "送信元の逆引きドメインを書いてください (例: google.com。サブドメインも一致します)。")};
    const QString domain = text(file, fields.at(0)).trimmed();
    if (domain.isEmpty()) {
        ctx.report(Severity::Error, QStringLiteral("empty-domain"),
                   {QStringLiteral("the domain is empty"), QStringLiteral("ドメインが空です")}, unused,
                   writeDomain);
        return;
    }
    QStringView bare(domain);
    if (bare.startsWith(QLatin1Char('.')))
        bare = bare.sliced(1);
    if (bare.endsWith(QLatin1Char('.')))
        bare.chop(1);
    const qsizetype slash = bare.indexOf(QLatin1Char('/'));
    if (IpAddress::parse(slash < 0 ? bare : bare.first(slash))) {
        ctx.report(
            Severity::Error, QStringLiteral("address-not-domain"),
            {QStringLiteral("'%1' is an IP address, not a PTR domain").arg(domain),
             QStringLiteral("'%1' は IP アドレスで、逆引きドメインではありません").arg(domain)},
            unused,
            {QStringLiteral("Write the senders' PTR domain; to exempt addresses, use smtprelay.tab or "
                            "WhiteList in smtp.ipprop.tab."),
             QStringLiteral("送信元の逆引きドメインを書いてください。アドレスで除外するには smtprelay.tab か "
                            "smtp.ipprop.tab の WhiteList を使います。")});
        return;
    }
    bool valid = !bare.isEmpty();
    for (const QStringView label : bare.split(QLatin1Char('.'))) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith(QLatin1Char('-')) ||
            label.endsWith(QLatin1Char('-')))
            valid = false;
        for (const QChar c : label)
            if (!(c.isDigit() || c == QLatin1Char('-') || (c.unicode() < 0x80 && c.isLetter())))
                valid = false;
    }
    if (!valid) {
        ctx.report(
            Severity::Error, QStringLiteral("bad-domain"),
            {QStringLiteral("'%1' is not a host name: only letters, digits, '-' and '.' between labels")
                 .arg(domain),
             QStringLiteral(
                 "'%1' はホスト名ではありません: 使えるのは英字・数字・'-' と、ラベル間の '.' だけです")
                 .arg(domain)},
            unused, writeDomain);
        return;
    }
    const QString key = bare.toString().toLower();
    const auto previous = seen.constFind(key);
    if (previous != seen.cend()) {
        ctx.report(Severity::Warning, QStringLiteral("duplicate-domain"),
                   {QStringLiteral("'%1' is already listed on line %2").arg(domain).arg(*previous),
                    QStringLiteral("'%1' は %2 行目で既に登録されています").arg(domain).arg(*previous)},
                   {QStringLiteral("The earlier line already exempts these senders."),
                    QStringLiteral("前の行でこの送信元は既に除外されています。")},
                   {QStringLiteral("Delete one of the two lines."),
                    QStringLiteral("どちらかの行を削除してください。")});
        return;
    }
    seen.insert(key, ctx.line);
    if (fields.size() > 2)
        extraFields(ctx, {QStringLiteral("fields after the comment are ignored"),
                          QStringLiteral("コメントの後ろのフィールドは無視されます")});
    into.greylistWhitelist.append(
        {ctx.line, domain, fields.size() > 1 ? text(file, fields.at(1)) : QString()});
}

// Scratch lists reused from line to line (QList::clear keeps the capacity).
struct Scratch {
    QList<QByteArray> raw;
    QList<QByteArray> fields;
};

void parseRecord(TableKind kind, LineContext &ctx, const TabFile &file, const QByteArray &record,
                 ParsedTables &into, QHash<QString, int> &seenVariables, Scratch &scratch)
{
    if (TabFile::isBlank(record) || TabFile::isComment(record))
        return;
    if (TabFile::isWhitespaceOnly(record)) {
        ctx.report(Severity::Info, QStringLiteral("whitespace-line"),
                   {QStringLiteral("the line holds only spaces or TABs"),
                    QStringLiteral("空白または TAB だけの行です")},
                   {QStringLiteral("XMail does not treat it as blank, but it never uses it."),
                    QStringLiteral("XMail は空行とは見なしませんが、使うこともありません。")},
                   {QStringLiteral("Delete the spaces."), QStringLiteral("空白を削除してください。")});
        return;
    }
    // Tokens and fields point into `record` (QByteArray::fromRawData): no copy
    // per field unless a field needs un-escaping. They live only in this call.
    QList<QByteArray> &raw = scratch.raw;
    QList<QByteArray> &fields = scratch.fields;
    raw.clear();
    fields.clear();
    const char *data = record.constData();
    bool anyDiscarded = false;
    TabFile::forEachRawField(record, [&](qsizetype start, qsizetype length) {
        const QByteArray token = QByteArray::fromRawData(data + start, length);
        raw.append(token);
        if (token.at(0) != '"') {
            fields.append(token);
            return;
        }
        const qsizetype close = token.indexOf('"', 1);
        const qsizetype end = close < 0 ? token.size() : close;
        if (std::memchr(data + start + 1, '\\', size_t(end - 1)) == nullptr) {
            fields.append(QByteArray::fromRawData(data + start + 1, end - 1));
            anyDiscarded = anyDiscarded || (close >= 0 && close + 1 < token.size());
        } else {
            QByteArray discarded;
            fields.append(TabFile::dequote(token, &discarded));
            anyDiscarded = anyDiscarded || !discarded.isEmpty();
        }
    });
    if (raw.isEmpty())
        return;
    if (anyDiscarded)
        reportDiscarded(ctx, raw);
    if (record.at(0) == ' ' || record.at(0) == '\t') {
        const QByteArray trimmed = record.trimmed();
        if (trimmed.startsWith('#'))
            ctx.report(Severity::Warning, QStringLiteral("indented-comment"),
                       {QStringLiteral("this looks like a comment, but '#' is not the first character"),
                        QStringLiteral("コメントのように見えますが、'#' が行頭にありません")},
                       {QStringLiteral("XMail treats it as data."),
                        QStringLiteral("XMail はデータ行として扱います。")},
                       {QStringLiteral("Put '#' at the very start of the line."),
                        QStringLiteral("'#' を行の先頭に置いてください。")});
    }
    switch (kind) {
    case TableKind::Server:
        parseServer(ctx, file, fields, into, seenVariables);
        break;
    case TableKind::IpMap:
        reportUnquotedSpaces(ctx, raw);
        parseIpMap(ctx, file, fields, into);
        break;
    case TableKind::IpProp:
        reportUnquotedSpaces(ctx, raw);
        parseIpProp(ctx, file, fields, into);
        break;
    case TableKind::HnProp:
        parseHnProp(ctx, file, fields, into);
        break;
    case TableKind::Spammers:
        reportUnquotedSpaces(ctx, raw);
        parseSpammers(ctx, file, fields, into);
        break;
    case TableKind::SmtpRelay:
        reportUnquotedSpaces(ctx, raw);
        parseRelay(ctx, fields, into);
        break;
    case TableKind::SpamAddress:
        into.spamAddress.append({ctx.line, text(file, fields.at(0))});
        break;
    case TableKind::Domains:
        into.domains.append({ctx.line, text(file, fields.at(0))});
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
        into.mailUsers.append({ctx.line, text(file, fields.at(0)), text(file, fields.at(1)),
                               text(file, fields.at(2)), text(file, fields.at(3)), text(file, fields.at(4)),
                               text(file, fields.at(5))});
        break;
    case TableKind::SmtpAuth:
        if (fields.size() < 3) {
            ctx.tooFewFields(int(fields.size()), 3);
            break;
        }
        into.smtpAuth.append(
            {ctx.line, text(file, fields.at(0)), text(file, fields.at(1)), text(file, fields.at(2))});
        break;
    case TableKind::GreylistWhitelist:
        parseGreylistWhitelist(ctx, file, fields, into, seenVariables);
        break;
    }
}

} // namespace

int xmailLineLimit(TableKind kind)
{
    // fgets(buffer, sizeof(buffer) - 1): sizeof(buffer) - 2 bytes per read.
    switch (kind) {
    case TableKind::Server:
        return 2048 - 2;
    case TableKind::IpProp:
    case TableKind::HnProp:
        return 1024 - 2;
    case TableKind::IpMap:
    case TableKind::Spammers:
    case TableKind::SpamAddress:
    case TableKind::SmtpRelay:
    case TableKind::SmtpAuth:
        return 512 - 2;
    case TableKind::Domains:
    case TableKind::MailUsers:
    case TableKind::GreylistWhitelist: // xmflow's own: read whole
        return 0;
    }
    return 0;
}

void parseTable(TableKind kind, const TabFile &file, ParsedTables &into, Diagnostics &diagnostics)
{
    const QString fileName = tableFileName(kind);
    const int limit = xmailLineLimit(kind);
    switch (kind) {
    case TableKind::Spammers:
        into.spammers.reserve(into.spammers.size() + file.lineCount());
        break;
    case TableKind::IpMap:
        into.ipMap.reserve(into.ipMap.size() + file.lineCount());
        break;
    default:
        break;
    }
    QHash<QString, int> seenVariables; // server.tab names, or the whitelist's domains
    Scratch scratch;
    scratch.raw.reserve(16);
    scratch.fields.reserve(16);
    for (int i = 0; i < file.lineCount(); ++i) {
        const TabFile::Line &line = file.line(i);
        LineContext ctx{fileName, i + 1, diagnostics};
        if (limit > 0 && line.text.size() + line.eol.size() > limit) {
            ctx.report(
                Severity::Error, QStringLiteral("line-too-long"),
                {QStringLiteral("the line is %1 bytes long; XMail reads at most %2 bytes at a time")
                     .arg(line.text.size() + line.eol.size())
                     .arg(limit),
                 QStringLiteral("行の長さが %1 バイトあります。XMail は一度に %2 バイトまでしか読みません")
                     .arg(line.text.size() + line.eol.size())
                     .arg(limit)},
                {QStringLiteral("XMail reads the rest of the line as if it were another line."),
                 QStringLiteral("XMail は残りの部分を別の行として読みます。")},
                {QStringLiteral("Shorten the line or split it into several records."),
                 QStringLiteral("行を短くするか、複数の行に分けてください。")});
            const QByteArray full = line.text + line.eol;
            for (qsizetype at = 0; at < full.size(); at += limit) {
                LineContext chunkCtx{fileName, i + 1, diagnostics};
                parseRecord(kind, chunkCtx, file, TabFile::withoutTrailingCr(full.mid(at, limit)), into,
                            seenVariables, scratch);
            }
            continue;
        }
        const QByteArray &raw = line.text;
        if (!raw.isEmpty() && raw.back() == '\r')
            parseRecord(kind, ctx, file, TabFile::withoutTrailingCr(raw), into, seenVariables, scratch);
        else
            parseRecord(kind, ctx, file, raw, into, seenVariables, scratch);
    }
}

} // namespace xmflow::model

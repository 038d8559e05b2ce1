#include "SmtpSession.h"

#include <QCryptographicHash>
#include <QLocale>
#include <QMessageAuthenticationCode>

#include <cstring>
#include <utility>

namespace xmflow::engine {

namespace {

enum class State { Init, Helo, Mail, Rcpt };
enum class AuthStep { None, LoginUser, LoginPassword, CramMd5 };

const QByteArray kCrlf = QByteArrayLiteral("\r\n");
const QString kBadSequence = QStringLiteral("503 Bad sequence of commands");
const QString kSyntaxArgs = QStringLiteral("501 Syntax error in parameters or arguments");

// RFC 5322 date in XMail's style: day not zero-padded, "-0000" for UTC.
QString mailDate(const QDateTime &when)
{
    const QDateTime utc = when.toUTC();
    return QLocale::c().toString(utc, QStringLiteral("ddd, d MMM yyyy hh:mm:ss")) + QStringLiteral(" -0000");
}

bool verbIs(const QByteArray &line, const char *verb)
{
    const qsizetype n = qstrlen(verb);
    if (line.size() < n || qstrnicmp(line.constData(), verb, n) != 0)
        return false;
    return line.size() == n || line[n] == ' ' || line[n] == '\t';
}

bool prefixIs(QByteArrayView line, const char *prefix)
{
    const qsizetype n = qstrlen(prefix);
    return line.size() >= n && qstrnicmp(line.constData(), prefix, n) == 0;
}

QString argumentOf(const QByteArray &line)
{
    const qsizetype space = line.indexOf(' ');
    return space < 0 ? QString() : QString::fromLatin1(line.mid(space + 1)).trimmed();
}

// The address between '<' and '>' of a MAIL FROM / RCPT TO path.
std::optional<QString> angleAddress(const QString &text, qsizetype *end = nullptr)
{
    const qsizetype open = text.indexOf(QLatin1Char('<'));
    const qsizetype close = open < 0 ? -1 : text.indexOf(QLatin1Char('>'), open + 1);
    if (open < 0 || close < 0 || close - open > 1024)
        return std::nullopt;
    if (end)
        *end = close;
    return text.mid(open + 1, close - open - 1).trimmed();
}

// A control character other than TAB (CR, LF, ESC, DEL, ...) in a command line.
bool hasControl(const QByteArray &line)
{
    for (char c : line)
        if ((quint8(c) < 0x20 && c != '\t') || c == 0x7f)
            return true;
    return false;
}

bool hasEightBit(const QByteArray &line)
{
    for (char c : line)
        if (quint8(c) > 127)
            return true;
    return false;
}

// MAIL/RCPT parameters after the closing '>', as written ("SIZE=100", "BODY=8BITMIME").
QStringList pathParameters(const QString &text, qsizetype end)
{
    return text.mid(end + 1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

bool splitAddress(const QString &address, QString *user, QString *domain)
{
    // A source route (@a,@b:user@domain) keeps its final mailbox.
    QString mailbox = address;
    const qsizetype colon = mailbox.lastIndexOf(QLatin1Char(':'));
    if (mailbox.startsWith(QLatin1Char('@')) && colon > 0)
        mailbox = mailbox.mid(colon + 1);
    const qsizetype at = mailbox.lastIndexOf(QLatin1Char('@'));
    if (at <= 0 || at == mailbox.size() - 1)
        return false;
    *user = mailbox.left(at);
    *domain = mailbox.mid(at + 1);
    // Nor a TAB (the one control character a command line may hold).
    return !user->contains(QLatin1Char(' ')) && !domain->contains(QLatin1Char(' ')) &&
           !user->contains(QLatin1Char('\t')) && !domain->contains(QLatin1Char('\t'));
}

} // namespace

struct SmtpSession::Private {
    std::shared_ptr<const Policy> policy;
    const Clock &clock;
    ConnectVerdict verdict;
    IpAddress peer;
    Endpoint local;
    State state = State::Init;
    bool closed = false;
    bool inData = false;
    bool tls = false;
    bool tlsPending = false; // STARTTLS answered, handshake not done: no line is executed
    bool authenticated = false;
    QString permissions; // letters from AUTH
    QString authUser;
    bool mailSeen = false; // for XMF-DelayStart=mail
    int delay = 0;
    int errors = 0;
    int greylisted = 0; // RCPTs answered 451 by greylisting in this session
    AuthStep authStep = AuthStep::None;
    QString pendingUser;
    QString challenge;
    QString timestampToken;
    QString heloName;
    QString mailFrom;
    QStringList recipients;
    QStringList localRecipients;
    MemorySink memory;           // without a sink of the caller's
    MessageSink *sink = &memory; // where DATA goes as it arrives
    bool sinkDiscarded = false;  // the message is refused: nothing more goes to the sink
    QString queueId;             // from the sink, for Received and the 250
    QString peerName;            // the client's PTR name, when known
    qint64 messageSize = 0;      // bytes written to the sink
    qint64 bodySize = 0;
    bool bodyTooBig = false;
    bool lastBodyLineComplete = true;
    bool bodyPrevCrLf = true;                    // the line before ended with CRLF (so "." may end DATA)
    LineEnding commandEnding = LineEnding::CrLf; // of the command being handled
    bool bareLf = false;                         // a body line ended with a bare LF: the message is refused
    bool bareCr = false;                         // a body line holds a bare CR: refused too
    bool inHeaders = true;                       // still in the message's header section
    bool droppingHeader = false;                 // inside a client Return-Path: header (and its folded lines)
    Envelope envelope;
    struct PendingMail { // MAIL FROM waiting for CheckMailerDomain
        bool active = false;
        QString address;
        QString text;
        qsizetype end = 0;
        int wait = 0;
    } pendingMail;
    struct PendingRcpt { // RCPT TO waiting for the greylisting state
        bool active = false;
        QString target;
        bool local = false;
        int wait = 0;
        GreylistKeys keys;
    } pendingRcpt;

    Private(std::shared_ptr<const Policy> p, const Clock &c) : policy(std::move(p)), clock(c) {}

    bool hasPerm(QChar letter) const { return authenticated && permissions.contains(letter); }

    // One reply line on the wire. Replies echo client text (ETRN, RCPT paths); a bare CR
    // or a NUL from the client must not end up inside a reply line.
    static QByteArray wireLine(const QString &text)
    {
        QByteArray bytes = text.toUtf8();
        for (char &c : bytes)
            if (c == '\r' || c == '\n' || c == '\0')
                c = ' ';
        return bytes + kCrlf;
    }

    SessionOutput reply(const QString &text, int delaySeconds = 0)
    {
        SessionOutput out;
        out.delaySeconds = delaySeconds;
        out.reply = wireLine(text);
        out.code = text.left(3).toInt();
        return out;
    }

    SessionOutput multiline(const QStringList &lines, int delaySeconds)
    {
        SessionOutput out;
        out.delaySeconds = delaySeconds;
        for (const QString &line : lines)
            out.reply += wireLine(line);
        out.code = lines.last().left(3).toInt();
        return out;
    }

    // Every error reply counts toward SMTP-MaxErrors; the reply goes out first.
    SessionOutput error(const QString &text, int delaySeconds, const QString &command,
                        const QString &status = {})
    {
        SessionOutput out = reply(text, delaySeconds);
        out.events.append({QStringLiteral("reject"), command, out.code, text, status});
        ++errors;
        int max = policy->maxErrors();
        // XMail 1.27 leaves an unset SMTP-MaxErrors unlimited; elsewhere a hard limit applies.
        const bool hardLimit = max <= 0 && !policy->options().xmailCompat;
        if (hardLimit)
            max = SmtpSession::kDefaultMaxErrors;
        if (max > 0 && errors >= max) {
            out.close = true;
            closed = true;
            if (hardLimit) {
                const QString bye = QStringLiteral("421 %1 Too many errors, closing transmission channel")
                                        .arg(policy->serverDomain());
                out.reply += wireLine(bye);
                out.code = 421;
            }
            out.events.append({QStringLiteral("close"), command, 0, QStringLiteral("too many errors"),
                               QStringLiteral("SMTP=EERRS")});
        }
        return out;
    }

    void resetTransaction()
    {
        mailFrom.clear();
        recipients.clear();
        localRecipients.clear();
        if (state == State::Mail || state == State::Rcpt)
            state = State::Helo;
    }

    int commandDelay() const
    {
        if (delay <= 0 || authenticated)
            return 0;
        if (verdict.delayAtMail && !mailSeen)
            return 0;
        return delay;
    }

    void applyPermissions(const QString &perms)
    {
        authenticated = true;
        permissions = perms;
        delay = 0;
        verdict.blocked = verdict.mapped = verdict.noRdns = verdict.ipMapped = false;
    }

    SessionOutput handleCommand(const QByteArray &line, int wait);
    SessionOutput helo(const QByteArray &line, bool extended, int wait);
    SessionOutput auth(const QByteArray &line, int wait);
    SessionOutput authContinue(const QByteArray &line);
    SessionOutput finishAuth(const QString &user, const QString &password, const QString &mechanism);
    SessionOutput mail(const QByteArray &line, int wait);
    SessionOutput mailAfterDomainCheck(const QString &address, const QString &text, qsizetype end, int wait);
    SessionOutput rcpt(const QByteArray &line, int wait);
    SessionOutput acceptRecipient(const QString &target, bool local, int wait);
    bool greylistApplies(const GreylistWhitelistEntry **whitelisted) const;
    SessionOutput data(int wait);
    SessionOutput bodyLine(const QByteArray &line, LineEnding ending);
    SessionOutput endOfData();
    QByteArray receivedHeader(const QDateTime &now) const;
    void write(const char *data, qsizetype size);
    void writeLine(QByteArrayView line); // the line and its CRLF
};

SmtpSession::SmtpSession(std::shared_ptr<const Policy> policy, const IpAddress &peer, const Endpoint &local,
                         const ConnectVerdict &verdict, const Clock &clock)
    : d(std::make_unique<Private>(std::move(policy), clock))
{
    d->verdict = verdict;
    d->peer = peer;
    d->local = local;
    d->delay = verdict.delaySeconds;
}

SmtpSession::~SmtpSession() = default;

SessionOutput SmtpSession::start()
{
    const ConnectVerdict &v = d->verdict;
    if (v.drop) {
        d->closed = true;
        SessionOutput out = d->reply(v.dropReply);
        out.close = true;
        out.events.append({QStringLiteral("reject"), QStringLiteral("banner"), out.code, v.dropReply,
                           v.logStatus.isEmpty() ? QString() : QStringLiteral("SNDRIP=") + v.logStatus});
        return out;
    }
    const QString domain = d->policy->serverDomain();
    const QDateTime now = d->clock.now();
    d->timestampToken = QStringLiteral("<%1.%2@%3>")
                            .arg(now.toSecsSinceEpoch())
                            .arg(quintptr(this) & 0xffffff, 0, 16)
                            .arg(domain);
    SessionOutput out = d->reply(QStringLiteral("220 %1 %2 %3 service ready; %4")
                                     .arg(domain, d->timestampToken, Policy::serverName(), mailDate(now)),
                                 v.greetPause);
    return out; // the driver reports the verdict itself (it knows the DNS answers behind it)
}

SessionOutput SmtpSession::earlyTalker()
{
    d->closed = true;
    SessionOutput out = d->reply(QStringLiteral("554 5.5.0 Command rejected (early talker)"));
    out.close = true;
    out.events.append({QStringLiteral("reject"), QStringLiteral("banner"), 554,
                       QStringLiteral("early talker"), QStringLiteral("SNDRIP=EEARLYTALK")});
    return out;
}

int SmtpSession::pendingDelay() const
{
    if (d->inData || d->authStep != AuthStep::None)
        return 0;
    return d->commandDelay();
}

bool SmtpSession::inData() const
{
    return d->inData;
}

bool SmtpSession::isClosed() const
{
    return d->closed;
}

qsizetype SmtpSession::handleBodyLines(const char *data, qsizetype size, qsizetype maxLine)
{
    Private &p = *d;
    // Only the plain middle of a message: headers, the end, refused or discarded bodies
    // and anything unusual go line by line.
    if (!p.inData || p.closed || p.inHeaders || !p.bodyPrevCrLf || p.bareLf || p.bareCr || p.bodyTooBig ||
        p.sinkDiscarded)
        return 0;
    const qint64 max = p.policy->maxMessageSize();
    const qint64 room = max > 0 && !p.hasPerm(QLatin1Char('Z')) ? max - p.bodySize : qint64(size);
    qsizetype taken = 0;
    while (taken < size) {
        const char *line = data + taken;
        const qsizetype left = size - taken;
        if (line[0] == '.')
            break;
        const char *lf = static_cast<const char *>(std::memchr(line, '\n', size_t(std::min(left, maxLine))));
        if (!lf || lf == line || lf[-1] != '\r')
            break;
        const qsizetype length = lf - line + 1; // with its CRLF
        if (length >= maxLine || std::memchr(line, '\r', size_t(length - 2)) || taken + length > room)
            break;
        taken += length;
    }
    if (taken == 0)
        return 0;
    p.bodySize += taken;
    p.messageSize += taken;
    p.sink->write(data, taken);
    return taken;
}

SessionOutput SmtpSession::handleLine(const QByteArray &line, LineEnding ending)
{
    // Plaintext that arrived behind STARTTLS is never executed (CVE-2011-0411).
    if (d->closed || d->pendingMail.active || d->tlsPending)
        return {};
    if (d->inData)
        return d->bodyLine(line, ending);
    if (d->authStep != AuthStep::None)
        return d->authContinue(line);
    d->commandEnding = ending;
    // With XMF-DelayStart=mail the delay starts with MAIL FROM itself.
    if (verbIs(line, "MAIL") || prefixIs(line, "MAIL FROM:"))
        d->mailSeen = true;
    const int wait = d->commandDelay();
    SessionOutput out = d->handleCommand(line, wait);
    if (wait > 0)
        out.events.prepend({QStringLiteral("delay"), QString(), 0, QString::number(wait), {}});
    return out;
}

SessionOutput SmtpSession::Private::handleCommand(const QByteArray &line, int wait)
{
    const QString command =
        QString::fromLatin1(line.left(line.indexOf(' ') < 0 ? line.size() : line.indexOf(' '))).toUpper();
    if (line.contains('\0'))
        return error(QStringLiteral("500 Syntax error, command unrecognized"), wait, command);
    // A bare CR or another control character would reach the Received header, the log or
    // the next hop as a line of its own ("EHLO x<CR>X-Injected: yes").
    if (hasControl(line))
        return error(kSyntaxArgs, wait, command);
    // No SMTPUTF8: an 8-bit address gets a reply (XMail 1.27 hangs up without one).
    if (hasEightBit(line)) {
        if (prefixIs(line, "MAIL FROM:") || prefixIs(line, "RCPT TO:"))
            return error(QStringLiteral("553 5.6.7 Non-ASCII address not accepted (no SMTPUTF8)"), wait,
                         command);
        return error(kSyntaxArgs, wait, command);
    }
    if (verbIs(line, "HELO"))
        return helo(line, false, wait);
    if (verbIs(line, "EHLO"))
        return helo(line, true, wait);
    if (prefixIs(line, "MAIL FROM:"))
        return mail(line, wait);
    if (prefixIs(line, "RCPT TO:"))
        return rcpt(line, wait);
    if (verbIs(line, "DATA"))
        return data(wait);
    if (verbIs(line, "AUTH"))
        return auth(line, wait);
    if (verbIs(line, "RSET")) {
        resetTransaction();
        return reply(QStringLiteral("250 OK"), wait);
    }
    if (verbIs(line, "NOOP"))
        return reply(QStringLiteral("250 OK"), wait);
    if (verbIs(line, "QUIT")) {
        closed = true;
        SessionOutput out = reply(
            QStringLiteral("221 %1 service closing transmission channel").arg(Policy::serverName()), wait);
        out.close = true;
        out.events.append({QStringLiteral("close"), QStringLiteral("QUIT"), 221, QString(), {}});
        return out;
    }
    if (verbIs(line, "HELP")) {
        const bool offerTls = !tls && policy->settings().enableSmtpTls;
        return multiline(
            {QStringLiteral("214-HELO EHLO MAIL RCPT DATA AUTH%1")
                 .arg(offerTls ? QStringLiteral(" STARTTLS") : QString()),
             QStringLiteral("214-RSET VRFY ETRN NOOP HELP QUIT"),
             QStringLiteral("214 For more information please visit : http://www.xmailserver.org")},
            wait);
    }
    if (verbIs(line, "VRFY")) {
        const bool enabled =
            hasPerm(QLatin1Char('V')) || verdict.enableVrfy || policy->settings().allowSmtpVrfy;
        if (!enabled)
            return error(QStringLiteral("252 Argument not checked"), wait, QStringLiteral("VRFY"),
                         QStringLiteral("VRFY=EACCESS"));
        const QString arg = argumentOf(line);
        if (arg.isEmpty() || arg.contains(QLatin1Char(' ')))
            return error(kSyntaxArgs, wait, QStringLiteral("VRFY"));
        QString user, domain;
        const QString address = arg.startsWith(QLatin1Char('<')) ? angleAddress(arg).value_or(arg) : arg;
        if (splitAddress(address, &user, &domain) && policy->hasLocalUser(domain, user))
            return reply(QStringLiteral("250 Unknown <%1@%2>").arg(user, domain), wait);
        return error(QStringLiteral("550 String does not match anything"), wait, QStringLiteral("VRFY"));
    }
    if (verbIs(line, "ETRN")) {
        const bool enabled =
            hasPerm(QLatin1Char('T')) || verdict.enableEtrn || policy->settings().allowSmtpEtrn;
        if (!enabled)
            return error(QStringLiteral("501 Command not accepted"), wait, QStringLiteral("ETRN"),
                         QStringLiteral("ETRN=EACCESS"));
        const QString arg = argumentOf(line);
        if (arg.isEmpty() || arg.contains(QLatin1Char(' ')))
            return error(kSyntaxArgs, wait, QStringLiteral("ETRN"));
        return reply(QStringLiteral("250 Queueing for '%1' has been started").arg(arg), wait);
    }
    if (verbIs(line, "STARTTLS")) {
        if (tls)
            return error(QStringLiteral("454 TLS not available due to temporary reason"), wait,
                         QStringLiteral("STARTTLS"));
        if (!policy->tlsAvailable())
            return error(QStringLiteral("454 TLS not available"), wait, QStringLiteral("STARTTLS"));
        // RFC 3207 4.2: nothing learnt in clear may cross into TLS; a login cannot be unlearnt.
        if (authenticated)
            return error(QStringLiteral("503 Bad sequence of commands (STARTTLS after AUTH)"), wait,
                         QStringLiteral("STARTTLS"));
        SessionOutput out = reply(QStringLiteral("220 Ready to start TLS"), wait);
        out.startTls = true;
        tlsPending = true;
        return out;
    }
    return error(QStringLiteral("500 Syntax error, command unrecognized"), wait, command);
}

SessionOutput SmtpSession::Private::helo(const QByteArray &line, bool extended, int wait)
{
    const QString verb = extended ? QStringLiteral("EHLO") : QStringLiteral("HELO");
    if (state != State::Init && state != State::Helo) {
        resetTransaction();
        return error(kBadSequence, wait, verb);
    }
    if (authenticated)
        return error(kBadSequence, wait, verb);
    const QStringList args = argumentOf(line).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (args.size() != 1 || args.first().contains(QLatin1Char('\t')))
        return error(kSyntaxArgs, wait, verb);
    heloName = args.first();
    state = State::Helo;
    const QString root = policy->settings().rootDomain.value_or(policy->serverDomain());
    if (!extended)
        return reply(QStringLiteral("250 %1").arg(root), wait);
    QStringList lines{root,
                      QStringLiteral("VRFY"),
                      QStringLiteral("ETRN"),
                      QStringLiteral("8BITMIME"),
                      QStringLiteral("PIPELINING"),
                      QStringLiteral("AUTH LOGIN PLAIN CRAM-MD5")};
    const qint64 max = policy->maxMessageSize();
    lines.append(max > 0 ? QStringLiteral("SIZE %1").arg(max) : QStringLiteral("SIZE"));
    if (!tls && policy->tlsAvailable())
        lines.append(QStringLiteral("STARTTLS"));
    for (qsizetype i = 0; i < lines.size(); ++i)
        lines[i] = (i + 1 < lines.size() ? QStringLiteral("250-") : QStringLiteral("250 ")) + lines.at(i);
    return multiline(lines, wait);
}

SessionOutput SmtpSession::Private::auth(const QByteArray &line, int wait)
{
    if (state != State::Helo || authenticated) {
        resetTransaction();
        return error(kBadSequence, wait, QStringLiteral("AUTH"));
    }
    // WantTLS: no password is taken in clear before STARTTLS (a stripped STARTTLS must
    // not turn into a plaintext login). XMail 1.27 takes it; --xmail-compat keeps that.
    if (verdict.listener.wantTls && !tls && policy->extensionsActive() && !verdict.easeTls)
        return error(QStringLiteral("503 Bad sequence of commands (TLS needed for this session)"), wait,
                     QStringLiteral("AUTH"));
    const QStringList args = argumentOf(line).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (args.isEmpty())
        return error(kSyntaxArgs, wait, QStringLiteral("AUTH"));
    const QString mechanism = args.first().toUpper();
    if (mechanism == QLatin1String("PLAIN")) {
        if (args.size() < 2)
            return error(kSyntaxArgs, wait, QStringLiteral("AUTH"));
        const auto decoded =
            QByteArray::fromBase64Encoding(args.at(1).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        const QList<QByteArray> parts = decoded ? (*decoded).split('\0') : QList<QByteArray>();
        if (parts.size() != 3)
            return error(kSyntaxArgs, wait, QStringLiteral("AUTH"));
        SessionOutput out =
            finishAuth(QString::fromUtf8(parts.at(1)), QString::fromUtf8(parts.at(2)), mechanism);
        out.delaySeconds = wait;
        return out;
    }
    if (mechanism == QLatin1String("LOGIN")) {
        if (args.size() >= 2) {
            const auto user = QByteArray::fromBase64Encoding(args.at(1).toLatin1(),
                                                             QByteArray::AbortOnBase64DecodingErrors);
            if (!user)
                return error(kSyntaxArgs, wait, QStringLiteral("AUTH"));
            pendingUser = QString::fromUtf8(*user);
            authStep = AuthStep::LoginPassword;
            return reply(QStringLiteral("334 UGFzc3dvcmQ6"), wait);
        }
        authStep = AuthStep::LoginUser;
        return reply(QStringLiteral("334 VXNlcm5hbWU6"), wait);
    }
    if (mechanism == QLatin1String("CRAM-MD5")) {
        challenge = timestampToken;
        authStep = AuthStep::CramMd5;
        return reply(QStringLiteral("334 ") + QString::fromLatin1(challenge.toUtf8().toBase64()), wait);
    }
    return error(QStringLiteral("504 Unrecognized authentication type"), wait, QStringLiteral("AUTH"));
}

SessionOutput SmtpSession::Private::authContinue(const QByteArray &line)
{
    const AuthStep step = authStep;
    authStep = AuthStep::None;
    const auto decoded =
        QByteArray::fromBase64Encoding(line.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || line.trimmed() == "*")
        return error(kSyntaxArgs, 0, QStringLiteral("AUTH"));
    if (step == AuthStep::LoginUser) {
        pendingUser = QString::fromUtf8(*decoded);
        authStep = AuthStep::LoginPassword;
        return reply(QStringLiteral("334 UGFzc3dvcmQ6"));
    }
    if (step == AuthStep::LoginPassword)
        return finishAuth(pendingUser, QString::fromUtf8(*decoded), QStringLiteral("LOGIN"));
    // CRAM-MD5: "user hexdigest".
    const QString response = QString::fromUtf8(*decoded);
    const qsizetype space = response.lastIndexOf(QLatin1Char(' '));
    if (space <= 0)
        return error(kSyntaxArgs, 0, QStringLiteral("AUTH"));
    const QString user = response.left(space);
    const QString digest = response.mid(space + 1).toLower();
    const auto password = policy->passwordFor(user);
    if (password) {
        const QByteArray expected =
            QMessageAuthenticationCode::hash(challenge.toUtf8(), password->toUtf8(), QCryptographicHash::Md5)
                .toHex();
        if (QString::fromLatin1(expected) == digest) {
            applyPermissions(policy->permissionsFor(user).value_or(QString()));
            authUser = user;
            SessionOutput out = reply(QStringLiteral("235 Authentication successful"));
            out.events.append({QStringLiteral("auth"), QStringLiteral("AUTH"), 235, user, {}});
            return out;
        }
    }
    return error(QStringLiteral("503 Authentication failed"), 0, QStringLiteral("AUTH"),
                 QStringLiteral("AUTH=EFAIL:TYPE=CRAM-MD5"));
}

SessionOutput SmtpSession::Private::finishAuth(const QString &user, const QString &password,
                                               const QString &mechanism)
{
    const auto account = policy->authenticate(user, password);
    if (!account)
        return error(QStringLiteral("503 Authentication failed"), 0, QStringLiteral("AUTH"),
                     QStringLiteral("AUTH=EFAIL:TYPE=") + mechanism);
    applyPermissions(account->permissions);
    authUser = user;
    SessionOutput out = reply(QStringLiteral("235 Authentication successful"));
    out.events.append({QStringLiteral("auth"), QStringLiteral("AUTH"), 235, user, {}});
    return out;
}

SessionOutput SmtpSession::Private::mail(const QByteArray &line, int wait)
{
    const QString step = QStringLiteral("MAIL FROM");
    if (state != State::Helo) {
        resetTransaction();
        return error(kBadSequence, wait, step);
    }
    const bool tlsEased = hasPerm(QLatin1Char('S')) || (verdict.easeTls && policy->extensionsActive());
    if (verdict.listener.wantTls && !tls && !tlsEased)
        return error(QStringLiteral("503 Bad sequence of commands (TLS needed for this session)"), wait,
                     step);
    const QString text = QString::fromLatin1(line.mid(10));
    qsizetype end = 0;
    const auto address = angleAddress(text, &end);
    if (!address) {
        resetTransaction();
        return error(QStringLiteral("501 Syntax error in parameters or arguments: (-1)"), wait, step);
    }
    // Only the parameters the EHLO reply offers (SIZE, 8BITMIME, AUTH): RFC 5321 4.1.1.11.
    for (const QString &param : pathParameters(text, end)) {
        const QString key = param.section(QLatin1Char('='), 0, 0).toUpper();
        const QString value = param.section(QLatin1Char('='), 1);
        bool known = false;
        if (key == QLatin1String("SIZE")) {
            bool number = false;
            value.toLongLong(&number);
            known = number && !value.startsWith(QLatin1Char('-')) && !value.startsWith(QLatin1Char('+'));
        } else if (key == QLatin1String("BODY")) {
            known = value.compare(QLatin1String("7BIT"), Qt::CaseInsensitive) == 0 ||
                    value.compare(QLatin1String("8BITMIME"), Qt::CaseInsensitive) == 0;
        } else if (key == QLatin1String("AUTH")) {
            known = !value.isEmpty();
        }
        if (!known) {
            resetTransaction();
            return error(QStringLiteral("555 5.5.4 MAIL FROM parameter not recognized or not implemented"),
                         wait, step);
        }
    }
    const bool nullSender = address->isEmpty();
    if (nullSender && !policy->settings().allowNullSender) {
        resetTransaction();
        return error(QStringLiteral("501 Syntax error in return path"), wait, step,
                     QStringLiteral("SNDR=EEMPTY"));
    }
    if (!nullSender) {
        QString user, domain;
        if (!splitAddress(*address, &user, &domain)) {
            resetTransaction();
            return error(QStringLiteral("501 Syntax error in return path"), wait, step,
                         QStringLiteral("SNDR=ESYNTAX"));
        }
        if (policy->settings().checkMailerDomain && verdict.senderDomainCheck) {
            pendingMail = PendingMail{true, *address, text, end, wait};
            SessionOutput out;
            out.checkMailerDomain = domain;
            return out;
        }
    }
    return mailAfterDomainCheck(*address, text, end, wait);
}

// MAIL FROM from spam-address.tab on (XMail's order: CheckMailerDomain came just before).
SessionOutput SmtpSession::Private::mailAfterDomainCheck(const QString &address, const QString &text,
                                                         qsizetype end, int wait)
{
    const QString step = QStringLiteral("MAIL FROM");
    if (!address.isEmpty()) {
        if (policy->spamAddressLine(address)) {
            resetTransaction();
            return error(policy->settings().spamAddressReply.value_or(
                             QStringLiteral("504 You are registered as spammer")),
                         wait, step, QStringLiteral("SNDR=ESPAM"));
        }
        const qsizetype sizeAt = text.indexOf(QLatin1String(" SIZE="), end, Qt::CaseInsensitive);
        const qint64 max = policy->maxMessageSize();
        if (sizeAt >= 0 && max > 0 && !hasPerm(QLatin1Char('Z'))) {
            const qint64 declared = text.mid(sizeAt + 6).section(QLatin1Char(' '), 0, 0).toLongLong();
            if (declared > max) {
                resetTransaction();
                return error(QStringLiteral("552 Message exceeds fixed maximum message size"), wait, step,
                             QStringLiteral("SIZE=EBIG"));
            }
        }
    }
    if (!authenticated && (verdict.mapped || verdict.noRdns || verdict.blocked)) {
        const QString status = verdict.mapped   ? QStringLiteral("SNDRIP=EIPMAP")
                               : verdict.noRdns ? QStringLiteral("SNDRIP=ERDNS")
                                                : QStringLiteral("SNDRIP=EIPSPAM");
        const QString text551 = (verdict.blocked && !verdict.mapped && !verdict.noRdns)
                                    ? verdict.blockedReply
                                    : QStringLiteral("551 Server access forbidden by your IP");
        resetTransaction();
        return error(text551, wait, step, status);
    }
    if (verdict.listener.mailAuth && !hasPerm(QLatin1Char('M')) && !verdict.noAuth) {
        resetTransaction();
        return error(QStringLiteral("551 Server use forbidden"), wait, step);
    }
    mailFrom = address;
    recipients.clear();
    localRecipients.clear();
    state = State::Mail;
    return reply(QStringLiteral("250 OK"), wait);
}

SessionOutput SmtpSession::Private::rcpt(const QByteArray &line, int wait)
{
    const QString step = QStringLiteral("RCPT TO");
    if (state != State::Mail && state != State::Rcpt) {
        resetTransaction();
        return error(kBadSequence, wait, step);
    }
    if (recipients.size() >= 100)
        return error(QStringLiteral("552 Too many recipients"), wait, step, QStringLiteral("RCPT=ENBR"));
    const QString text = QString::fromLatin1(line.mid(8));
    qsizetype end = 0;
    const auto address = angleAddress(text, &end);
    if (!address) {
        resetTransaction();
        return error(QStringLiteral("501 Syntax error in parameters or arguments: (-1)"), wait, step,
                     QStringLiteral("RCPT=ESYNTAX"));
    }
    // No RCPT parameter is offered (no DSN: NOTIFY=, ORCPT=).
    if (!pathParameters(text, end).isEmpty())
        return error(QStringLiteral("555 5.5.4 RCPT TO parameter not recognized or not implemented"), wait,
                     step, QStringLiteral("RCPT=ESYNTAX"));
    QString target = *address;
    if (target.compare(QLatin1String("postmaster"), Qt::CaseInsensitive) == 0)
        target = policy->settings().postMaster.value_or(target);
    QString user, domain;
    if (!splitAddress(target, &user, &domain))
        return error(QStringLiteral("501 Syntax error in forward path"), wait, step,
                     QStringLiteral("RCPT=ESYNTAX"));
    // A source route, or a local part hiding another address (user%remote, user@remote),
    // is never delivered locally: it needs relay rights like any remote domain.
    const bool routed = target.startsWith(QLatin1Char('@')) || user.contains(QLatin1Char('@')) ||
                        user.contains(QLatin1Char('%')) || user.contains(QLatin1Char('!'));
    const bool local = !routed && policy->isLocalDomain(domain);
    if (local) {
        if (!policy->hasLocalUser(domain, user))
            return error(QStringLiteral("550 Mailbox unavailable <%1>").arg(*address), wait, step,
                         QStringLiteral("RCPT=EAVAIL"));
    } else if (!hasPerm(QLatin1Char('R')) && !policy->relayAllowed(peer)) {
        return error(QStringLiteral("550 Relay denied"), wait, step, QStringLiteral("RCPT=ERELAY"));
    }
    // Greylisting comes last, so that a bot's unknown user or relay attempt is refused for good.
    const GreylistWhitelistEntry *whitelisted = nullptr;
    if (greylistApplies(&whitelisted)) {
        if (greylisted >= SmtpSession::kMaxGreylistedPerSession) {
            closed = true;
            SessionOutput out =
                reply(QStringLiteral("421 %1 Too many greylisted recipients, closing transmission channel")
                          .arg(policy->serverDomain()),
                      wait);
            out.close = true;
            out.events.append({QStringLiteral("close"), step, 421,
                               QStringLiteral("too many greylisted recipients"),
                               QStringLiteral("RCPT=EGREYLIST")});
            return out;
        }
        pendingRcpt =
            PendingRcpt{true, target, local, wait,
                        greylist::keys(peer, verdict.trustedPtrName(), mailFrom, target, policy->settings().greylist)};
        SessionOutput out;
        out.greylistKeys = pendingRcpt.keys.all();
        return out;
    }
    SessionOutput out = acceptRecipient(target, local, wait);
    if (whitelisted) // say which whitelist line let the client through
        out.events.prepend({QStringLiteral("greylist"),
                            step,
                            250,
                            QLatin1String(greylist::kExemptPrefix) +
                                greylistWhitelistReason(verdict.trustedPtrName(), *whitelisted).en,
                            {}});
    return out;
}

SessionOutput SmtpSession::Private::acceptRecipient(const QString &target, bool local, int wait)
{
    recipients.append(target);
    if (local)
        localRecipients.append(target);
    state = State::Rcpt;
    SessionOutput out = reply(QStringLiteral("250 OK"), wait);
    out.events.append(
        {QStringLiteral("accept"), QStringLiteral("RCPT TO"), 250, target, QStringLiteral("RCPT=OK")});
    return out;
}

// AUTH users, WhiteList peers, relay-allowed peers and whitelisted PTR domains are never
// greylisted (auto-whitelisted clients are decided with the stored state). *whitelisted
// is the whitelist entry that exempted the client, if that is why.
bool SmtpSession::Private::greylistApplies(const GreylistWhitelistEntry **whitelisted) const
{
    const PolicySettings &settings = policy->settings();
    if (!settings.greylist.enabled || authenticated || verdict.whiteListed || policy->relayAllowed(peer))
        return false;
    *whitelisted = settings.greylistWhitelistMatch(verdict.trustedPtrName());
    return *whitelisted == nullptr;
}

SessionOutput SmtpSession::Private::data(int wait)
{
    if (state != State::Rcpt) {
        resetTransaction();
        return error(kBadSequence, wait, QStringLiteral("DATA"));
    }
    inData = true;
    bodySize = 0;
    messageSize = 0;
    bodyTooBig = false;
    sinkDiscarded = false;
    bodyPrevCrLf = commandEnding == LineEnding::CrLf; // "DATA<LF>.<CRLF>" is no end either
    bareLf = bareCr = false;
    inHeaders = true;
    droppingHeader = false;
    // The message goes to the sink as it arrives, the trace header first (RFC 5321 4.4).
    const QDateTime now = clock.now();
    envelope = Envelope{heloName, mailFrom, recipients, localRecipients, authUser, peer, local, now};
    queueId = sink->open(envelope);
    const QByteArray received = receivedHeader(now);
    write(received.constData(), received.size());
    return reply(QStringLiteral("354 Start mail input; end with <CRLF>.<CRLF>"), wait);
}

// RFC 5321 4.4 / RFC 3848: "from HELO (PTR [IP]) by SERVER with ESMTP[S][A] id QUEUEID; date".
QByteArray SmtpSession::Private::receivedHeader(const QDateTime &now) const
{
    const QString protocol = QStringLiteral("ESMTP") + (tls ? QStringLiteral("S") : QString()) +
                             (authenticated ? QStringLiteral("A") : QString());
    auto printable = [](QString text) {
        for (QChar &c : text) // commands with control characters are refused; a TAB is left
            if (c.unicode() < 0x20 || c.unicode() >= 0x7f)
                c = QLatin1Char('_');
        return text;
    };
    const QString from = printable(heloName.isEmpty() ? peer.toString() : heloName);
    QString tcpInfo = QStringLiteral("[") + peer.toString() + QStringLiteral("]");
    if (!peerName.isEmpty())
        tcpInfo = printable(peerName) + QLatin1Char(' ') + tcpInfo;
    const QString id = queueId.isEmpty() ? QString() : QStringLiteral(" id ") + printable(queueId);
    return QStringLiteral("Received: from %1 (%2) by %3 with %4%5; %6\r\n")
        .arg(from, tcpInfo, policy->serverDomain(), protocol, id, mailDate(now))
        .toUtf8();
}

void SmtpSession::Private::write(const char *data, qsizetype size)
{
    if (sinkDiscarded)
        return;
    sink->write(data, size);
    messageSize += size;
}

void SmtpSession::Private::writeLine(QByteArrayView line)
{
    if (sinkDiscarded)
        return;
    sink->writeLine(line.constData(), line.size());
    messageSize += line.size() + 2;
}

SessionOutput SmtpSession::Private::bodyLine(const QByteArray &line, LineEnding ending)
{
    // DATA ends only at <CRLF>.<CRLF>: "\n.\n", "\n.\r\n", "\r\n.\n" and "\r\n.\r\r\n" are
    // body (SMTP smuggling), and the bare LF or CR in them refuses the message.
    const bool crlf = ending == LineEnding::CrLf;
    if (line == "." && crlf && bodyPrevCrLf)
        return endOfData();
    bodyPrevCrLf = crlf;
    if (!crlf)
        bareLf = true;
    if (line.contains('\r'))
        bareCr = true;
    bodySize += line.size() + 2;
    const qint64 max = policy->maxMessageSize();
    if (max > 0 && bodySize > max && !hasPerm(QLatin1Char('Z')))
        bodyTooBig = true;
    if (bodyTooBig || bareLf || bareCr) {
        if (!sinkDiscarded) { // refused at the end: nothing is kept meanwhile
            sink->discard();
            sinkDiscarded = true;
        }
        return {};
    }
    // Undo SMTP dot-stuffing for storage (a view: the line stays where it is).
    const QByteArrayView text = line.startsWith("..") ? QByteArrayView(line).sliced(1) : QByteArrayView(line);
    if (inHeaders) {
        // The envelope sender is written as Return-Path at delivery; the client's own is dropped.
        if (text.isEmpty())
            inHeaders = droppingHeader = false;
        else if (text.startsWith(' ') || text.startsWith('\t'))
            ; // a folded line belongs to the header before it
        else
            droppingHeader = prefixIs(text, "Return-Path:");
        if (droppingHeader)
            return {};
    }
    writeLine(text);
    return {};
}

SessionOutput SmtpSession::Private::endOfData()
{
    inData = false;
    if (bareLf || bareCr) {
        resetTransaction();
        return error(
            bareLf
                ? QStringLiteral("550 5.5.2 Message refused: bare <LF> received (lines must end with <CRLF>)")
                : QStringLiteral(
                      "550 5.5.2 Message refused: bare <CR> received (lines must end with <CRLF>)"),
            0, QStringLiteral("BODY"), QStringLiteral("DATA=EBARE"));
    }
    if (bodyTooBig) {
        resetTransaction();
        return error(QStringLiteral("552 Message exceeds fixed maximum message size"), 0,
                     QStringLiteral("BODY"), QStringLiteral("SIZE=EBIG"));
    }
    SessionOutput out;
    out.deliver = true;
    return out;
}

SessionOutput SmtpSession::deliveryFinished(bool stored, const QString &messageId, bool outOfSpace)
{
    const qint64 size = d->messageSize;
    d->resetTransaction();
    const QString id = messageId.isEmpty() ? d->queueId : messageId;
    if (!stored && outOfSpace)
        return d->error(QStringLiteral("452 Requested action not taken: insufficient system storage"), 0,
                        QStringLiteral("BODY"));
    if (!stored)
        return d->error(QStringLiteral("451 Requested action aborted: (-1) local error in processing"), 0,
                        QStringLiteral("BODY"));
    SessionOutput out = d->reply(QStringLiteral("250 OK <%1>").arg(id.isEmpty() ? QStringLiteral("S1") : id));
    out.events.append({QStringLiteral("accept"), QStringLiteral("BODY"), 250, QString::number(size),
                       QStringLiteral("RECV=OK")});
    return out;
}

const Envelope &SmtpSession::envelope() const
{
    return d->envelope;
}

const QByteArray &SmtpSession::message() const
{
    return d->memory.bytes;
}

void SmtpSession::setMessageSink(MessageSink *sink)
{
    d->sink = sink ? sink : &d->memory;
}

void SmtpSession::setPeerName(const QString &ptrName)
{
    d->peerName = ptrName;
}

QString SmtpSession::transactionSender() const
{
    return d->mailFrom;
}

void SmtpSession::tlsStarted()
{
    d->tls = true;
    d->tlsPending = false;
    d->state = State::Init;
    d->heloName.clear();
    d->authStep = AuthStep::None;
    d->mailFrom.clear();
    d->recipients.clear();
    d->localRecipients.clear();
    // XMail 1.27 also clears the IP flags here, which lets a refused client in
    // through STARTTLS; xmflowd keeps them unless predicting plain XMail.
    if (d->policy->options().xmailCompat)
        d->verdict.blocked = d->verdict.mapped = d->verdict.noRdns = d->verdict.ipMapped = false;
}

void SmtpSession::setTlsActive()
{
    d->tls = true;
}

bool SmtpSession::tlsActive() const
{
    return d->tls;
}

bool SmtpSession::authenticated() const
{
    return d->authenticated;
}

QString SmtpSession::authUser() const
{
    return d->authUser;
}

const ConnectVerdict &SmtpSession::verdict() const
{
    return d->verdict;
}

SessionOutput SmtpSession::lineTooLong()
{
    // XMail closes without a reply when a command line overflows its buffer.
    d->closed = true;
    SessionOutput out;
    out.close = true;
    out.events.append({QStringLiteral("close"), QString(), 0, QStringLiteral("line too long"), {}});
    return out;
}

SessionOutput SmtpSession::timedOut()
{
    d->closed = true;
    SessionOutput out;
    out.close = true;
    out.events.append({QStringLiteral("close"), QString(), 0, QStringLiteral("timeout"), {}});
    return out;
}

SessionOutput SmtpSession::resumeMailerDomain(const MailerDomainResult &result)
{
    if (!d->pendingMail.active || d->closed)
        return {};
    const Private::PendingMail pending = std::exchange(d->pendingMail, Private::PendingMail{});
    if (!result.exists) {
        d->resetTransaction();
        SessionOutput out = d->error(QStringLiteral("505 Your domain has no DNS/MX entries"), pending.wait,
                                     QStringLiteral("MAIL FROM"), QStringLiteral("SNDR=ENODNS"));
        if (!out.events.isEmpty())
            out.events.first().detail += QStringLiteral(" (") + result.reason + QLatin1Char(')');
        return out;
    }
    return d->mailAfterDomainCheck(pending.address, pending.text, pending.end, pending.wait);
}

bool SmtpSession::awaitingMailerDomain() const
{
    return d->pendingMail.active;
}

SessionOutput SmtpSession::resumeGreylist(bool available, const QList<std::optional<QByteArray>> &values)
{
    if (!d->pendingRcpt.active || d->closed)
        return {};
    const Private::PendingRcpt pending = std::exchange(d->pendingRcpt, Private::PendingRcpt{});
    const QString step = QStringLiteral("RCPT TO");
    if (!available) {
        SessionOutput out = d->acceptRecipient(pending.target, pending.local, pending.wait);
        out.events.prepend({QStringLiteral("greylist"), step, 0, QStringLiteral("fail-open"), {}});
        return out;
    }
    const GreylistSettings &settings = d->policy->settings().greylist;
    const GreylistDecision decision =
        greylist::decide(pending.keys, GreylistRecords::fromValues(pending.keys, values),
                         d->clock.now().toSecsSinceEpoch(), settings);
    SessionOutput out;
    if (decision.pass) {
        out = d->acceptRecipient(pending.target, pending.local, pending.wait);
        out.events.prepend(
            {QStringLiteral("greylist"), step, 250, greylist::outcomeName(decision.outcome), {}});
    } else {
        // Not an error: a legitimate sender retries, and must not run into SMTP-MaxErrors.
        ++d->greylisted;
        const QString text = QStringLiteral("451 4.7.1 <%1> Greylisted, please try again in %2 seconds")
                                 .arg(pending.target)
                                 .arg(qMax(1, decision.waitSeconds));
        out = d->reply(text, pending.wait);
        out.events.append(
            {QStringLiteral("greylist"), step, 451, greylist::outcomeName(decision.outcome), {}});
        out.events.append({QStringLiteral("reject"), step, 451, text, QLatin1String(greylist::kLogStatus)});
    }
    out.storeWrites = decision.writes;
    return out;
}

bool SmtpSession::awaitingGreylist() const
{
    return d->pendingRcpt.active;
}

} // namespace xmflow::engine

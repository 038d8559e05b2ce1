#include "SmtpLogReader.h"

#include <QFile>
#include <QFileInfo>
#include <QIODevice>

#include <zlib.h>

#include <algorithm>

namespace xmflow::engine {

namespace {

constexpr int kSmtpLogFields = 13; // docs/xmail-behaviour.md §7
constexpr int kPeerField = 2;
constexpr int kTimeField = 3;
constexpr int kHeloField = 4;
constexpr int kShownTextLength = 80;
constexpr qint64 kProgressEveryLines = 16384;
constexpr int kReadChunk = 1 << 20;

QByteArrayView unquoted(QByteArrayView field)
{
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"')
        return field.sliced(1, field.size() - 2);
    return field;
}

int digits(QByteArrayView text, qsizetype from, qsizetype count, bool *ok)
{
    int value = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') {
            *ok = false;
            return 0;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

// "YYYY-MM-DD HH:MM:SS" as seconds since the epoch, read as UTC (0 when unreadable).
qint64 parseTime(QByteArrayView text)
{
    if (text.size() != 19)
        return 0;
    bool ok = true;
    const int y = digits(text, 0, 4, &ok), m = digits(text, 5, 2, &ok), d = digits(text, 8, 2, &ok);
    const int hh = digits(text, 11, 2, &ok), mm = digits(text, 14, 2, &ok), ss = digits(text, 17, 2, &ok);
    if (!ok || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    // Days from the civil date (proleptic Gregorian), Howard Hinnant's algorithm.
    const int yy = y - (m <= 2 ? 1 : 0);
    const int era = (yy >= 0 ? yy : yy - 399) / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const qint64 days = qint64(era) * 146097 + doe - 719468;
    return days * 86400 + hh * 3600 + mm * 60 + ss;
}

ReachedCommand reachedBy(QByteArrayView status)
{
    if (status.startsWith("RECV="))
        return ReachedCommand::Data;
    if (status.startsWith("RCPT=") || status.startsWith("PREDATA=") || status.startsWith("POSTDATA=") ||
        status.startsWith("SIZE="))
        return ReachedCommand::Rcpt;
    if (status.startsWith("SNDR=") || status == "SNDRIP=ERDNS" || status.startsWith("SNDRIP=EIPMAP"))
        return ReachedCommand::Mail;
    if (status.startsWith("AUTH="))
        return ReachedCommand::Auth;
    return ReachedCommand::Connect;
}

} // namespace

QString failureKindName(FailureKind kind)
{
    switch (kind) {
    case FailureKind::RelayDenied:
        return QStringLiteral("relay-denied");
    case FailureKind::UnknownUser:
        return QStringLiteral("unknown-user");
    case FailureKind::EarlyTalker:
        return QStringLiteral("early-talker");
    case FailureKind::AuthFailure:
        return QStringLiteral("auth-failure");
    case FailureKind::Dnsbl:
        return QStringLiteral("dnsbl");
    case FailureKind::RuleDropped:
        return QStringLiteral("rule-dropped");
    }
    return {};
}

std::optional<FailureKind> failureKindFromName(const QString &name)
{
    for (int i = 0; i < kFailureKindCount; ++i)
        if (failureKindName(FailureKind(i)) == name)
            return FailureKind(i);
    return std::nullopt;
}

std::optional<FailureKind> failureKindOfStatus(QByteArrayView status)
{
    if (status == "RCPT=ERELAY")
        return FailureKind::RelayDenied;
    if (status == "RCPT=EAVAIL")
        return FailureKind::UnknownUser;
    if (status == "SNDRIP=EEARLYTALK")
        return FailureKind::EarlyTalker;
    if (status.startsWith("AUTH=EFAIL"))
        return FailureKind::AuthFailure;
    if (status.startsWith("SNDRIP=EIPMAP") || status == "RCPT=EDSBL")
        return FailureKind::Dnsbl;
    if (status == "SNDRIP=EIPBAN" || status == "SNDRIP=EIPSPAM" || status == "SNDRIP=ERDNS" ||
        status == "CONN=EFILTER")
        return FailureKind::RuleDropped;
    return std::nullopt;
}

QString reachedCommandName(ReachedCommand command)
{
    switch (command) {
    case ReachedCommand::Connect:
        return QStringLiteral("connect");
    case ReachedCommand::Helo:
        return QStringLiteral("HELO");
    case ReachedCommand::Auth:
        return QStringLiteral("AUTH");
    case ReachedCommand::Mail:
        return QStringLiteral("MAIL FROM");
    case ReachedCommand::Rcpt:
        return QStringLiteral("RCPT TO");
    case ReachedCommand::Data:
        return QStringLiteral("DATA");
    }
    return {};
}

qint64 LogClient::totalFailures() const
{
    qint64 total = 0;
    for (qint64 n : failures)
        total += n;
    return total;
}

qint64 LogClient::failuresSince(FailureKind kind, qint64 since) const
{
    const qint32 firstDay = qint32(since / 86400);
    qint64 total = 0;
    for (const DayFailures &d : failureDays)
        if (d.day == 0 || d.day >= firstDay)
            total += d.counts[size_t(kind)];
    return total;
}

QString SmtpLogReader::shortened(const QString &text)
{
    return text.size() <= kShownTextLength ? text : text.left(kShownTextLength) + QChar(0x2026);
}

void SmtpLogReader::problem(const QString &file, qint64 line, LogProblem::Kind kind, const QString &text)
{
    ++m_problemCount;
    if (m_problems.size() < kMaxProblems)
        m_problems.append({file, line, kind, shortened(text)});
}

QList<LogClient> SmtpLogReader::takeClients()
{
    m_byPeerText.clear();
    m_byAddress.clear();
    return std::exchange(m_clients, {});
}

bool SmtpLogReader::tick()
{
    if (m_progress && m_linesRead % kProgressEveryLines == 0 &&
        !m_progress(m_linesRead, bytesRead(), m_bytesTotal))
        m_canceled = true;
    return !m_canceled;
}

void SmtpLogReader::addLine(QByteArrayView line, const QString &file, qint64 lineNumber)
{
    while (!line.isEmpty() && (line.back() == '\n' || line.back() == '\r'))
        line.chop(1);
    if (line.trimmed().isEmpty())
        return;
    // Split at TABs; XMail does not escape, so a TAB inside a field only adds fields.
    std::array<QByteArrayView, 32> fields;
    qsizetype count = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= line.size(); ++i) {
        if (i == line.size() || line[i] == '\t') {
            if (count < qsizetype(fields.size()))
                fields[size_t(count)] = line.sliced(start, i - start);
            ++count;
            start = i + 1;
        }
    }
    if (count < kSmtpLogFields || count > qsizetype(fields.size())) {
        problem(file, lineNumber, LogProblem::Kind::NotALogRecord, QString::fromUtf8(line));
        return;
    }
    const QByteArrayView quotedPeer = fields[kPeerField];
    int index = -1;
    const auto known = m_byPeerText.constFind(QByteArray::fromRawData(quotedPeer.data(), quotedPeer.size()));
    if (known != m_byPeerText.constEnd()) {
        index = *known;
    } else {
        const bool wellQuoted =
            quotedPeer.size() >= 2 && quotedPeer.front() == '"' && quotedPeer.back() == '"';
        const auto address =
            wellQuoted ? IpAddress::parse(QString::fromLatin1(unquoted(quotedPeer))) : std::nullopt;
        if (!address) {
            problem(file, lineNumber, LogProblem::Kind::BadPeerField, QString::fromUtf8(quotedPeer));
            return;
        }
        const IpAddress peer = address->unmapped();
        const QString text = peer.toString();
        index = m_byAddress.value(text, -1);
        if (index < 0) {
            index = int(m_clients.size());
            LogClient client;
            client.address = peer;
            client.text = text;
            client.firstWhere = QStringLiteral("%1:%2").arg(file).arg(lineNumber);
            m_clients.append(std::move(client));
            m_byAddress.insert(text, index);
        }
        m_byPeerText.insert(quotedPeer.toByteArray(), index);
    }
    ++m_recordsRead;
    LogClient &client = m_clients[index];
    const qint64 when = parseTime(unquoted(fields[kTimeField]));
    const QByteArrayView helo = unquoted(fields[kHeloField]);
    // Counted from the end: a TAB in the HELO or an address shifts the early fields only.
    const QByteArrayView status = unquoted(fields[size_t(count - 4)]);
    const QByteArrayView user = unquoted(fields[size_t(count - 3)]);
    const QByteArrayView clientName = unquoted(fields[size_t(count - 1)]);

    const bool newSession = client.lines == 0 || when == 0 || client.lastSeen == 0 ||
                            when - client.lastSeen > kSessionGapSeconds || when < client.lastSeen ||
                            client.lastHelo != QLatin1StringView(helo);
    ++client.lines;
    if (!clientName.isEmpty() && QAnyStringView::compare(client.ptrName, QUtf8StringView(clientName)) != 0)
        client.ptrName = QString::fromUtf8(clientName);
    if (newSession) {
        ++client.sessions;
        client.lastHelo = QString::fromLatin1(helo);
        client.lastSessionAuthenticated = false;
    }
    if (!user.isEmpty() && !client.lastSessionAuthenticated) {
        // A logon user marks the whole session as authenticated, counted once.
        client.lastSessionAuthenticated = true;
        ++client.authSessions;
        ++client.authUsers[QString::fromUtf8(user)];
    }
    if (when) {
        if (!client.firstSeen || when < client.firstSeen)
            client.firstSeen = when;
        client.lastSeen = qMax(client.lastSeen, when);
        m_latest = qMax(m_latest, when);
    }
    ReachedCommand reached = reachedBy(status);
    if (!helo.isEmpty() && reached < ReachedCommand::Helo)
        reached = ReachedCommand::Helo;
    if (!user.isEmpty() && reached < ReachedCommand::Auth)
        reached = ReachedCommand::Auth;
    client.furthest = qMax(client.furthest, reached);
    if (user.isEmpty())
        client.furthestWithoutAuth = qMax(client.furthestWithoutAuth, reached);
    if (const auto failure = failureKindOfStatus(status)) {
        ++client.failures[size_t(*failure)];
        const qint32 day = qint32(when / 86400);
        auto it = std::find_if(client.failureDays.rbegin(), client.failureDays.rend(),
                               [day](const LogClient::DayFailures &d) { return d.day == day; });
        if (it == client.failureDays.rend()) {
            client.failureDays.append(LogClient::DayFailures{day, {}});
            ++client.failureDays.last().counts[size_t(*failure)];
        } else {
            ++it->counts[size_t(*failure)];
        }
    }
    if (status == "RECV=OK" && user.isEmpty())
        ++client.delivered;
}

void SmtpLogReader::readDevice(QIODevice &device, const QString &name)
{
    qint64 lineNumber = 0;
    while (!device.atEnd() && !m_canceled) {
        const QByteArray line = device.readLine();
        m_bytesInFile += line.size();
        ++lineNumber;
        ++m_linesRead;
        addLine(line, name, lineNumber);
        tick();
    }
    m_bytesDone += m_bytesInFile;
    m_bytesInFile = 0;
}

bool SmtpLogReader::readFile(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    QFile probe(path);
    if (!probe.open(QIODevice::ReadOnly)) {
        problem(name, 0, LogProblem::Kind::Unreadable, probe.errorString());
        return false;
    }
    if (m_bytesTotal < m_bytesDone + probe.size())
        m_bytesTotal = m_bytesDone + probe.size();
    probe.close();
    // zlib reads gzip members and passes any other file through unchanged.
    gzFile gz = gzopen(QFile::encodeName(path).constData(), "rb");
    if (!gz) {
        problem(name, 0, LogProblem::Kind::Unreadable, QStringLiteral("cannot open"));
        return false;
    }
    gzbuffer(gz, 256 * 1024);
    QByteArray buffer(kReadChunk, Qt::Uninitialized);
    QByteArray pending; // a line cut at the end of a chunk
    qint64 lineNumber = 0;
    bool ok = true;
    while (!m_canceled) {
        const int n = gzread(gz, buffer.data(), unsigned(buffer.size()));
        if (n < 0) {
            int code = 0;
            problem(name, 0, LogProblem::Kind::Unreadable, QString::fromLatin1(gzerror(gz, &code)));
            ok = false;
            break;
        }
        if (n == 0)
            break;
        m_bytesInFile = gzoffset(gz);
        const QByteArrayView chunk(buffer.constData(), n);
        qsizetype start = 0;
        for (qsizetype i = 0; i < chunk.size(); ++i) {
            if (chunk[i] != '\n')
                continue;
            ++lineNumber;
            ++m_linesRead;
            if (pending.isEmpty()) {
                addLine(chunk.sliced(start, i - start), name, lineNumber);
            } else {
                pending.append(chunk.sliced(start, i - start));
                addLine(pending, name, lineNumber);
                pending.clear();
            }
            start = i + 1;
            if (!tick())
                break;
        }
        if (start < chunk.size() && !m_canceled)
            pending.append(chunk.sliced(start));
    }
    if (!pending.isEmpty() && !m_canceled) {
        ++m_linesRead;
        addLine(pending, name, ++lineNumber);
    }
    gzclose(gz);
    m_bytesDone += m_bytesInFile;
    m_bytesInFile = 0;
    return ok;
}

void SmtpLogReader::readFiles(const QStringList &paths)
{
    for (const QString &path : paths) {
        if (m_canceled)
            return;
        readFile(path);
    }
}

} // namespace xmflow::engine

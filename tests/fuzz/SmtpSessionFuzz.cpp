// libFuzzer target: the SMTP command parser and session machine (engine
// SmtpSession) fed a sequence of command lines.
//
// Input: byte 0 = session flags, byte 1 = server.tab variant, then the lines
// (split at '\n'; a line ending in CR was a CRLF line, any other one ended with a bare
// LF). After a STARTTLS the session accepts, the lines up to one starting with 0x16
// (a TLS ClientHello) are plaintext an attacker slipped in before the handshake.
// Invariants: well-formed replies, nothing after close, no recipient outside the local
// mailboxes without relay rights (open relay), MAIL FROM and AUTH refused on a WantTLS
// listener before STARTTLS, no message above MaxMessageSize stored, deliveries only
// with an envelope, nothing sent in plaintext after STARTTLS executed, DATA ended only
// by <CRLF>.<CRLF>, and no CR, LF or control character in a stored message's envelope
// or outside a CRLF.

#include "FuzzSupport.h"

using namespace xmflow;
using namespace xmflow::fuzz;

namespace {

enum SessionFlag : quint8 {
    XmailCompat = 1 << 0,
    WantTls = 1 << 1,
    MailAuth = 1 << 2,
    TlsHandshakeSucceeds = 1 << 3,
    DeliveryFails = 1 << 4,
    BlockedPeer = 1 << 5,
    Delayed = 1 << 6,
    RelayByAddress = 1 << 7,
};

QByteArray serverVariant(quint8 v)
{
    QByteArray lines;
    static const char *maxErrors[] = {nullptr, "3", "1", "0"};
    static const char *maxSize[] = {nullptr, "1", "0", "100"};
    if (const char *e = maxErrors[v & 3])
        lines += QByteArray("\"SMTP-MaxErrors\"\t\"") + e + "\"\n";
    if (const char *s = maxSize[(v >> 2) & 3])
        lines += QByteArray("\"MaxMessageSize\"\t\"") + s + "\"\n";
    if (v & 16)
        lines += "\"AllowNullSender\"\t\"0\"\n";
    if (v & 32)
        lines += "\"CheckMailerDomain\"\t\"1\"\n";
    if (v & 64)
        lines += "\"AllowSmtpVRFY\"\t\"1\"\n\"AllowSmtpETRN\"\t\"1\"\n";
    if (v & 128)
        lines += "\"XMF-GreetPause\"\t\"3\"\n";
    return lines;
}

std::shared_ptr<const engine::Policy> policyFor(quint8 variant, bool compat, bool relayByAddress)
{
    static std::map<std::tuple<quint8, bool, bool>, std::shared_ptr<const engine::Policy>> cache;
    auto &slot = cache[{variant, compat, relayByAddress}];
    if (!slot) {
        const QByteArray relay =
            relayByAddress ? QByteArray("\"192.0.2.0\"\t\"255.255.255.0\"\n") : QByteArray();
        slot = engine::Policy::compile(baseMailRoot(serverVariant(variant), relay),
                                       engine::PolicyOptions{compat});
    }
    return slot;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > 64 * 1024)
        return 0;
    const quint8 flags = data[0];
    const quint8 variant = data[1];
    const auto policy = policyFor(variant, flags & XmailCompat, flags & RelayByAddress);
    const model::IpAddress peer = fuzzPeer();
    engine::ConnectVerdict verdict = policy->evaluate(peer, fuzzLocal(), engine::DnsAnswers{}, false);
    verdict.listener.wantTls = flags & WantTls;
    verdict.listener.mailAuth = flags & MailAuth;
    if (flags & BlockedPeer)
        verdict.blocked = true;
    if (flags & Delayed) {
        verdict.delaySeconds = 7;
        verdict.delayAtMail = variant & 1;
    }
    FixedClock clock;
    engine::SmtpSession session(policy, peer, fuzzLocal(), verdict, clock);
    const engine::SessionOutput banner = session.start();
    checkOutput(banner, "banner");
    XMFLOW_FUZZ_CHECK(banner.code == 220, banner.reply);

    const bool relayByIp = policy->relayAllowed(peer);
    bool awaitingHandshake = false; // STARTTLS answered 220, no ClientHello yet
    bool dataPrevCrLf = true;       // in DATA: the line before ended with CRLF
    // Plaintext behind STARTTLS must do nothing at all: no reply, no state change.
    auto checkIgnored = [&session](const QByteArray &text, engine::LineEnding ending,
                                   const QByteArray &context) {
        const bool inData = session.inData();
        const bool authenticated = session.authenticated();
        const engine::SessionOutput out = session.handleLine(text, ending);
        XMFLOW_FUZZ_CHECK(out.reply.isEmpty() && !out.deliver && !out.close && !out.startTls &&
                              out.checkMailerDomain.isEmpty() && out.events.isEmpty(),
                          context + " plaintext executed after STARTTLS: " + out.reply);
        XMFLOW_FUZZ_CHECK(session.inData() == inData && session.authenticated() == authenticated &&
                              !session.isClosed() && !session.tlsActive(),
                          context + " plaintext changed the session after STARTTLS");
    };
    auto clean = [](const QString &text) {
        for (QChar c : text)
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                return false;
        return true;
    };
    const QList<QByteArray> lines = inputLines(bytesOf(data + 2, size - 2));
    int index = 0;
    for (const QByteArray &raw : lines) {
        const QByteArray context = "line " + QByteArray::number(index++) + ": " + raw.left(200);
        const FedLine fed = fedLine(raw);
        const QByteArray &line = fed.text;
        if (awaitingHandshake) {
            if (!line.startsWith('\x16')) {
                checkIgnored(line, fed.ending, context);
                continue;
            }
            awaitingHandshake = false;
            if (!(flags & TlsHandshakeSucceeds))
                break; // the handshake failed: the daemon closes the connection
            session.tlsStarted();
            XMFLOW_FUZZ_CHECK(session.tlsActive() && !session.authenticated() && !session.inData(), context);
            continue;
        }
        const bool wasClosed = session.isClosed();
        const bool wasInData = session.inData();
        const bool tlsBefore = session.tlsActive();
        XMFLOW_FUZZ_CHECK(session.pendingDelay() >= 0, context);
        engine::SessionOutput out = session.handleLine(line, fed.ending);
        if (!out.checkMailerDomain.isEmpty()) {
            // CheckMailerDomain: the sender domain "exists" when its first letter is before 'n'.
            XMFLOW_FUZZ_CHECK(out.reply.isEmpty() && session.awaitingMailerDomain(), context);
            XMFLOW_FUZZ_CHECK(session.handleLine("NOOP").reply.isEmpty(),
                              context + " answered while resolving");
            const bool exists = out.checkMailerDomain.at(0).toLower() < QLatin1Char('n');
            out = session.resumeMailerDomain(engine::MailerDomainResult{exists, QStringLiteral("fuzz")});
            XMFLOW_FUZZ_CHECK(!session.awaitingMailerDomain(), context);
            if (!exists && !out.close)
                XMFLOW_FUZZ_CHECK(out.code == 505, context + " " + out.reply);
        }
        checkOutput(out, context);
        if (wasClosed) {
            XMFLOW_FUZZ_CHECK(out.reply.isEmpty() && !out.deliver && !out.startTls, context);
            continue;
        }
        if (out.close)
            XMFLOW_FUZZ_CHECK(session.isClosed(), context);
        // DATA ends only at <CRLF>.<CRLF>: any other "." (or a smuggled command) is body.
        if (wasInData && !session.inData())
            XMFLOW_FUZZ_CHECK(line == "." && fed.ending == engine::LineEnding::CrLf && dataPrevCrLf,
                              context + " DATA ended without <CRLF>.<CRLF>");
        if (wasInData && session.inData())
            XMFLOW_FUZZ_CHECK(out.reply.isEmpty() && !out.deliver, context + " answered inside DATA");
        dataPrevCrLf = !session.inData() || fed.ending == engine::LineEnding::CrLf;
        for (const engine::SessionEvent &ev : std::as_const(out.events)) {
            if (ev.type == QLatin1String("accept") && ev.command == QLatin1String("RCPT TO")) {
                const bool relayRights =
                    relayByIp || (session.authenticated() && policy->permissionsFor(session.authUser())
                                                                 .value_or(QStringLiteral("MR"))
                                                                 .contains(QLatin1Char('R')));
                XMFLOW_FUZZ_CHECK(relayRights || isPlainLocalMailbox(*policy, ev.detail),
                                  context + " accepted recipient " + ev.detail.toUtf8() +
                                      " without relay rights");
            }
            if (ev.type == QLatin1String("auth"))
                XMFLOW_FUZZ_CHECK(session.authenticated(), context);
        }
        // WantTLS: no transaction starts before STARTTLS (unless eased by S permission / EaseTLS).
        if (verdict.listener.wantTls && !tlsBefore && !wasInData && out.code == 250 &&
            line.toUpper().startsWith("MAIL FROM:")) {
            XMFLOW_FUZZ_CHECK(session.authenticated() || verdict.easeTls,
                              context + " MAIL accepted before STARTTLS");
        }
        // ... and no password is taken in clear there (outside --xmail-compat).
        if (verdict.listener.wantTls && !tlsBefore && !(flags & XmailCompat) && !verdict.easeTls)
            XMFLOW_FUZZ_CHECK(out.code != 235 && !session.authenticated(),
                              context + " AUTH accepted before STARTTLS");
        if (out.startTls) {
            XMFLOW_FUZZ_CHECK(out.code == 220 && !session.authenticated(), context);
            // What a man in the middle would append behind STARTTLS (CVE-2011-0411) ...
            for (const QByteArray &injected :
                 {QByteArray("MAIL FROM:<evil@remote.test>"), QByteArray("RCPT TO:<alice@example.test>"),
                  QByteArray("RCPT TO:<friend@elsewhere.test>"), QByteArray("DATA"), QByteArray("Subject: x"),
                  QByteArray("."), QByteArray("AUTH PLAIN AHJlbGF5dXNlcgByZWxheXBhc3M="), QByteArray("QUIT")})
                checkIgnored(injected, engine::LineEnding::CrLf, context + " injected " + injected);
            // ... then the fuzz lines up to the ClientHello.
            awaitingHandshake = true;
        }
        if (out.deliver) {
            XMFLOW_FUZZ_CHECK(wasInData && !session.inData(), context);
            XMFLOW_FUZZ_CHECK(!session.envelope().recipients.isEmpty(), context);
            XMFLOW_FUZZ_CHECK(session.envelope().recipients.size() <= 100, context);
            XMFLOW_FUZZ_CHECK(session.message().startsWith("Received: "), context);
            const QByteArray &message = session.message();
            for (qsizetype i = 0; i < message.size(); ++i) {
                if (message.at(i) == '\r')
                    XMFLOW_FUZZ_CHECK(i + 1 < message.size() && message.at(i + 1) == '\n',
                                      context + " bare CR stored");
                if (message.at(i) == '\n')
                    XMFLOW_FUZZ_CHECK(i > 0 && message.at(i - 1) == '\r', context + " bare LF stored");
            }
            const engine::Envelope &envelope = session.envelope();
            XMFLOW_FUZZ_CHECK(clean(envelope.heloName) && clean(envelope.mailFrom) &&
                                  clean(envelope.recipients.join(QLatin1Char(' '))),
                              context + " control character in the envelope");
            const qint64 max = policy->maxMessageSize();
            if (max > 0 &&
                !(session.authenticated() &&
                  policy->permissionsFor(session.authUser()).value_or(QString()).contains(QLatin1Char('Z'))))
                XMFLOW_FUZZ_CHECK(session.message().size() <= max + 4096,
                                  context + " message above MaxMessageSize stored");
            const engine::SessionOutput done =
                session.deliveryFinished(!(flags & DeliveryFails), QStringLiteral("S1"));
            checkOutput(done, context + " delivery");
            XMFLOW_FUZZ_CHECK(done.code == ((flags & DeliveryFails) ? 451 : 250) || session.isClosed(),
                              context + done.reply);
        }
    }
    if (!session.isClosed()) {
        const engine::SessionOutput out = session.timedOut();
        XMFLOW_FUZZ_CHECK(out.close && session.isClosed(), "timeout");
    }
    return 0;
}

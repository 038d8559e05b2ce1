// libFuzzer target: the AUTH decoders of the engine's SmtpSession (PLAIN,
// LOGIN, CRAM-MD5; inline and continuation lines; base64 given raw or built
// by the harness from the fuzzed credentials).
//
// Input: byte 0 = mode, the rest is mode specific (see below). Invariants:
// 235 only for credentials the policy accepts, a failed AUTH never leaves the
// session authenticated, every reply well formed, and relaying afterwards only
// with an account that has the R permission.

#include "FuzzSupport.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

using namespace xmflow;
using namespace xmflow::fuzz;

namespace {

enum class Mode {
    RawLines,       // the rest: lines sent after EHLO as they are ("AUTH ..." and continuations)
    PlainInline,    // "AUTH PLAIN " + base64(rest)
    PlainContinued, // "AUTH PLAIN" then base64(rest) on the next line
    LoginEncoded,   // rest = user '\0' password: AUTH LOGIN, base64(user), base64(password)
    LoginInitial,   // "AUTH LOGIN base64(user)" then base64(password)
    CramEncoded,    // rest = user '\0' password: a correct digest when the password is right
    CramRaw,        // "AUTH CRAM-MD5" then base64(rest)
    Count
};

std::shared_ptr<const engine::Policy> policy()
{
    static const auto compiled = engine::Policy::compile(baseMailRoot("\"SMTP-MaxErrors\"\t\"5\"\n"));
    return compiled;
}

QByteArray challengeOf(const engine::SessionOutput &out)
{
    return QByteArray::fromBase64(out.reply.mid(4).trimmed());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 16 * 1024)
        return 0;
    const Mode mode = Mode(data[0] % quint8(Mode::Count));
    const QByteArray rest = bytesOf(data + 1, size - 1);
    const auto pol = policy();
    FixedClock clock;
    const engine::ConnectVerdict verdict =
        pol->evaluate(fuzzPeer(), fuzzLocal(), engine::DnsAnswers{}, false);
    engine::SmtpSession session(pol, fuzzPeer(), fuzzLocal(), verdict, clock);
    session.start();
    XMFLOW_FUZZ_CHECK(session.handleLine("EHLO fuzz.test").code == 250, "EHLO");

    auto send = [&](const QByteArray &line, engine::LineEnding ending = engine::LineEnding::CrLf) {
        const bool wasAuthenticated = session.authenticated();
        const engine::SessionOutput out = session.handleLine(line, ending);
        checkOutput(out, "AUTH line: " + line.left(200));
        if (out.code == 235)
            XMFLOW_FUZZ_CHECK(session.authenticated(), line.left(200));
        if (out.code >= 400)
            XMFLOW_FUZZ_CHECK(session.authenticated() == wasAuthenticated, line.left(200));
        return out;
    };

    const qsizetype nul = rest.indexOf('\0');
    const QByteArray user = nul < 0 ? rest : rest.left(nul);
    const QByteArray password = nul < 0 ? QByteArray() : rest.mid(nul + 1);
    int code = 0;
    switch (mode) {
    case Mode::RawLines:
        for (const QByteArray &line : inputLines(rest)) {
            const FedLine fed = fedLine(line);
            code = send(fed.text, fed.ending).code;
        }
        break;
    case Mode::PlainInline:
        code = send("AUTH PLAIN " + rest.toBase64()).code;
        break;
    case Mode::PlainContinued:
        if (send("AUTH PLAIN").code == 334)
            code = send(rest.toBase64()).code;
        break;
    case Mode::LoginEncoded:
        if (send("AUTH LOGIN").code == 334 && send(user.toBase64()).code == 334)
            code = send(password.toBase64()).code;
        break;
    case Mode::LoginInitial:
        if (send("AUTH LOGIN " + user.toBase64()).code == 334)
            code = send(password.toBase64()).code;
        break;
    case Mode::CramEncoded: {
        const engine::SessionOutput challenge = send("AUTH CRAM-MD5");
        if (challenge.code == 334) {
            const QByteArray digest =
                QMessageAuthenticationCode::hash(challengeOf(challenge), password, QCryptographicHash::Md5)
                    .toHex();
            code = send(QByteArray(user + ' ' + digest).toBase64()).code;
        }
        break;
    }
    case Mode::CramRaw:
        if (send("AUTH CRAM-MD5").code == 334)
            code = send(rest.toBase64()).code;
        break;
    case Mode::Count:
        break;
    }

    // A harness-encoded success must be an account the policy knows with that password.
    if (code == 235) {
        switch (mode) {
        case Mode::PlainInline:
        case Mode::PlainContinued: {
            const QList<QByteArray> parts = rest.split('\0');
            XMFLOW_FUZZ_CHECK(parts.size() == 3, rest);
            XMFLOW_FUZZ_CHECK(
                pol->authenticate(QString::fromUtf8(parts.at(1)), QString::fromUtf8(parts.at(2))).has_value(),
                rest);
            break;
        }
        case Mode::LoginEncoded:
        case Mode::LoginInitial:
            XMFLOW_FUZZ_CHECK(
                pol->authenticate(QString::fromUtf8(user), QString::fromUtf8(password)).has_value(), rest);
            break;
        case Mode::CramEncoded: {
            // HMAC pads its key with zero bytes, so "secret" and "secret\0\0" give the same
            // CRAM-MD5 digest (a property of the mechanism; XMail's C strings cannot hold a NUL).
            QByteArray key = password;
            while (key.endsWith('\0'))
                key.chop(1);
            XMFLOW_FUZZ_CHECK(pol->passwordFor(QString::fromUtf8(user)) == QString::fromUtf8(key), rest);
            break;
        }
        default:
            break;
        }
    }
    // Relaying needs R: every account of the base MailRoot has it; nobody else may relay.
    if (!session.isClosed() && session.handleLine("MAIL FROM:<someone@remote.test>").code == 250) {
        const engine::SessionOutput out = session.handleLine("RCPT TO:<friend@elsewhere.test>");
        checkOutput(out, "relay RCPT");
        if (out.code == 250)
            XMFLOW_FUZZ_CHECK(session.authenticated(), "relayed without AUTH");
    }
    return 0;
}

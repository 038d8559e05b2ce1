#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into tests/fuzz/corpus/<target>/.

Seeds come from the XMail 1.27 conformance scenarios (../shared/conformance:
their table files and scripted sessions), the bundled sample MailRoot, and
crafted lines for the cases the scenarios do not reach. Each seed file is named
after what it holds, so a re-run rewrites the same files.

usage: tests/fuzz/make_corpus.py [conformance dir]
"""
import base64
import hashlib
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE.parent.parent
CONFORMANCE = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else SOURCE.parent / "shared" / "conformance")
CORPUS = HERE / "corpus"

# Same order as model::allTableKinds(); byte 0 of a tabfile seed selects the kind.
TABLES = ["server.tab", "smtp.ipmap.tab", "smtp.ipprop.tab", "smtp.hnprop.tab", "spammers.tab",
          "smtprelay.tab", "spam-address.tab", "domains.tab", "mailusers.tab", "smtpauth.tab"]


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:60]
    (folder / f"{safe}-{hashlib.sha1(data).hexdigest()[:8]}").write_bytes(data)


def plain(user, password):
    return b"AUTH PLAIN " + base64.b64encode(b"\0" + user + b"\0" + password)


# ---- tab files ----
def tab_seeds():
    sources = [CONFORMANCE / "base-mailroot", SOURCE / "resources" / "sample-mailroot"]
    sources += sorted(p for p in CONFORMANCE.glob("s*") if p.is_dir())
    for folder in sources:
        for index, table in enumerate(TABLES):
            path = folder / table
            if path.is_file() and path.stat().st_size > 0:
                write("tabfile", f"{folder.name}-{table}", bytes([index]) + path.read_bytes())
    crafted = {
        "server.tab": [b'"MaxMessageSize"\t"4"\r\n"SMTP-MaxErrors"\t"3"\r\n# comment\r\n\r\n"XMF-GreetPause"\t"5"',
                       b'"SmtpMsgIPBanSpammers"\t"hello there"\n"SmtpConfig-127.0.0.1,25"\t"WantTLS,MailAuth"\n',
                       b'"RootDomain"\t"a\\"b"\t"extra"\n"RootDomain"\t"second"\n  "indented"\t"x"\n'],
        "spammers.tab": [b'"0.0.0.0/0"\t"code=-30"\n"192.0.2.0"\t"255.255.255.0"\t"code=0"\n"10.0.0.0/33"\n"::ffff:10.0.0.1/120"\tcode=1,x=2\n',
                         b'"1.2.3.4/abc"\n"1.2.3.4/-1"\n"host.example"\n\t\t\n"2001:db8::/32"\t"code=5"'],
        "smtp.ipmap.tab": [b'"192.0.2.0"\t"255.255.255.0"\t"DENY"\t1\n"0.0.0.0"\t"0.0.0.0"\t"ALLOW"\t-5\n"x"\t"y"\t"MAYBE"\n'],
        "smtp.ipprop.tab": [b'"192.0.2.0/24"\t"WhiteList=1"\t"EaseTLS=1"\n"::1/128"\tNoAuth\tSenderDomainCheck=0\n'],
        "smtp.hnprop.tab": [b'".example.com"\t"WhiteList=1"\n"mail"\t"EnableVRFY=1"\n'],
        "smtprelay.tab": [b'"127.0.0.0"\t"255.0.0.0"\n"192.0.2.0/24"\n"0.0.0.0/0"\n'],
        "spam-address.tab": [b'"*@spam.example"\n"[a-z]?x*\\\\"\n"[^abc]*@*"\n'],
        "domains.tab": [b'"example.test"\n"EXAMPLE.ORG"\n""\n"\x82\xa0.jp"\n'],
        "mailusers.tab": [b'"example.test"\t"carol"\t"zz"\t3\t"carol"\t"U"\n"example.test"\t"dave"\t"07"\n'],
        "smtpauth.tab": [b'"user"\t"pass\\""\t"MRZ"\n"other"\t"x"\n'],
    }
    for table, texts in crafted.items():
        for i, text in enumerate(texts):
            write("tabfile", f"crafted-{table}-{i}", bytes([TABLES.index(table)]) + text)


# ---- address filters ----
def address_seeds():
    lines = set()
    for path in list(CONFORMANCE.glob("**/*.tab")) + list((SOURCE / "resources" / "sample-mailroot").glob("*.tab")):
        if path.name not in ("spammers.tab", "smtp.ipmap.tab", "smtprelay.tab", "smtp.ipprop.tab"):
            continue
        for line in path.read_bytes().splitlines():
            fields = [f.strip(b'"') for f in line.split(b"\t") if f]
            if not fields or line.startswith(b"#"):
                continue
            spec = fields[0] + (b"\t" + fields[1] if len(fields) > 1 and fields[1][:1].isdigit() else b"")
            lines.add(spec + b"\n192.0.2.10")
    lines |= {b"10.0.0.0/8\n10.1.2.3", b"192.0.2.0\t255.255.255.0\n::ffff:192.0.2.7",
              b"::ffff:10.0.0.0/104\n10.9.9.9", b"2001:db8::/32\n2001:db8::1", b"0.0.0.0/0", b"1.2.3.4/33",
              b"1.2.3.4/-1", b"1.2.3.4/0x10", b"1.2.3.4/ 8", b"010.001.002.003/24", b"1.2.3.4\t255.0.255.0",
              b"1.2.3\t255.255.255.0", b"host.example\t255.255.255.0", b"1.2.3.4", b"::/0\n1.2.3.4",
              b"fe80::1%eth0/64", b"1.2.3.4/24junk", b"+24", b" -7"}
    for i, spec in enumerate(sorted(lines)):
        write("addressfilter", f"filter-{i}", spec)


# ---- SMTP sessions ----
BODY = [b"Subject: conformance", b"", b"hello", b"."]
SCRIPTS = {
    "plain": [b"EHLO client.remote.test", b"MAIL FROM:<sender@remote.test>", b"RCPT TO:<alice@example.test>",
              b"RCPT TO:<friend@elsewhere.test>", b"DATA", *BODY, b"QUIT"],
    "auth": [b"EHLO client.remote.test", plain(b"alice@example.test", b"wonderland"), b"MAIL FROM:<alice@example.test>",
             b"RCPT TO:<alice@example.test>", b"RCPT TO:<friend@elsewhere.test>", b"DATA", *BODY, b"QUIT"],
    "badauth": [b"EHLO client.remote.test", plain(b"alice@example.test", b"wrong"), b"MAIL FROM:<alice@example.test>",
                b"RCPT TO:<alice@example.test>", b"RCPT TO:<friend@elsewhere.test>", b"DATA", *BODY, b"QUIT"],
    "helo": [b"HELO client.remote.test", b"MAIL FROM:<sender@remote.test>", b"RCPT TO:<alice@example.test>",
             b"DATA", *BODY, b"QUIT"],
    "nouser": [b"EHLO client.remote.test", b"MAIL FROM:<sender@remote.test>", b"RCPT TO:<nobody@example.test>",
               b"RCPT TO:<alice@example.test>", b"DATA", *BODY, b"QUIT"],
    "garbage": [b"EHLO client.remote.test", b"FOO", b"BAR", b"BAZ", b"MAIL FROM:<sender@remote.test>",
                b"RCPT TO:<alice@example.test>", b"DATA", *BODY, b"QUIT"],
}
RELAY_MATRIX = [b"user%elsewhere.test@example.test", b"<@example.test:friend@elsewhere.test>",
                b"@example.test,@b.test:friend@elsewhere.test", b'"friend@elsewhere.test"@example.test',
                b"friend@elsewhere.test@example.test", b"alice@example.test@elsewhere.test",
                b"elsewhere.test!friend@example.test", b"friend@elsewhere.test.", b"alice@example.test.",
                b"friend@[127.0.0.1]", b"alice@[127.0.0.1]", b"ALICE@EXAMPLE.TEST", b"friend@ELSEWHERE.TEST",
                b"postmaster", b"alice", b"friend%elsewhere.test", b"alice@example.test%elsewhere.test"]


def session_seeds():
    cases = set()
    for path in sorted(CONFORMANCE.glob("s*/cases.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                cases.add(json.loads(line)["script"])
    for script in sorted(cases):
        lines = SCRIPTS[script]
        write("smtpsession", f"conformance-{script}", b"\0\0" + b"\r\n".join(lines) + b"\r\n")
        write("smtpsession", f"conformance-{script}-compat-delay", b"\x41\x05" + b"\n".join(lines) + b"\n")
    for i, rcpt in enumerate(RELAY_MATRIX):
        lines = [b"EHLO relay.test", b"MAIL FROM:<sender@remote.test>", b"RCPT TO:<" + rcpt + b">", b"DATA", *BODY]
        write("smtpsession", f"relay-{i}", b"\0\0" + b"\r\n".join(lines) + b"\r\n")
    crafted = {
        "wanttls-auth-before-starttls": (0x02, 0, [b"EHLO x", plain(b"alice@example.test", b"wonderland"),
                                                   b"MAIL FROM:<alice@example.test>", b"STARTTLS", b"EHLO x",
                                                   b"MAIL FROM:<a@b.test>"]),
        "wanttls-starttls-ok": (0x0a, 0, [b"EHLO x", b"STARTTLS", b"\x16hello", b"EHLO x", b"MAIL FROM:<a@b.test>",
                                           b"RCPT TO:<bob@example.test>", b"DATA", b"..dot", b".", b"QUIT"]),
        "maxerrors": (0, 1, [b"EHLO x"] + [b"AUTH PLAIN AAAA"] * 4 + [b"NOOP"]),
        "bigbody": (0, 4, [b"EHLO x", b"MAIL FROM:<a@b.test> SIZE=999999", b"MAIL FROM:<a@b.test>",
                           b"RCPT TO:<alice@example.test>", b"DATA"] + [b"x" * 200] * 8 + [b"."]),
        "nullsender": (0, 16, [b"EHLO x", b"MAIL FROM:<>", b"RSET", b"MAIL FROM: <a@b.test>", b"VRFY alice",
                               b"ETRN example.test", b"HELP"]),
        "vrfy-etrn": (0, 64, [b"HELO x", b"VRFY <alice@example.test>", b"VRFY bob@example.test", b"ETRN x y",
                              b"ETRN #example.test"]),
        "mailerdomain": (0, 32, [b"EHLO x", b"MAIL FROM:<a@sub.test>", b"MAIL FROM:<a@abc.test>",
                                 b"RCPT TO:<alice@example.test>"]),
        "blocked-then-auth": (0x20, 0, [b"EHLO x", b"MAIL FROM:<a@b.test>", plain(b"relayuser", b"relaypass"),
                                        b"MAIL FROM:<a@b.test>", b"RCPT TO:<far@elsewhere.test>"]),
        "mailauth": (0x04, 0, [b"EHLO x", b"MAIL FROM:<a@b.test>", b"AUTH LOGIN",
                               base64.b64encode(b"relayuser"), base64.b64encode(b"relaypass"),
                               b"MAIL FROM:<a@b.test>"]),
        "relay-by-address": (0x80, 0, [b"EHLO x", b"MAIL FROM:<a@b.test>", b"RCPT TO:<far@elsewhere.test>"]),
        "nul-and-8bit": (0, 0, [b"EH\0LO x", b"EHLO x", b"NOOP \xff"]),
        "delivery-fails": (0x10, 0, [b"EHLO x", b"MAIL FROM:<a@b.test>", b"RCPT TO:<alice@example.test>", b"DATA",
                                     b"hi", b".", b"QUIT"]),
        "sequence": (0, 0, [b"RCPT TO:<a@b>", b"DATA", b"MAIL FROM:<a@b.test>", b"HELO", b"HELO a b", b"EHLO x",
                            b"EHLO x", b"AUTH", b"AUTH XYZ", b"AUTH CRAM-MD5", b"*", b"RSET", b"QUIT", b"NOOP"]),
        # Issue 14. After STARTTLS, lines up to one starting with 0x16 (the ClientHello) are
        # plaintext a man in the middle slipped in; none may be executed.
        "starttls-injection": (0x08, 0, [b"EHLO x", b"STARTTLS", b"MAIL FROM:<a@b.test>", b"RCPT TO:<alice@example.test>",
                                         b"DATA", b"stolen", b".", b"\x16hello", b"RCPT TO:<alice@example.test>",
                                         b"EHLO x", b"MAIL FROM:<a@b.test>", b"RCPT TO:<alice@example.test>", b"DATA",
                                         b"hi", b".", b"QUIT"]),
        "auth-then-starttls": (0x08, 0, [b"EHLO x", plain(b"alice@example.test", b"wonderland"), b"STARTTLS",
                                         b"MAIL FROM:<a@b.test>", b"RCPT TO:<far@elsewhere.test>"]),
        "control-chars": (0, 0, [b"EHLO evil\rX-Injected: yes", b"HELO x\x1b[1m", b"EHLO x", b"MAIL FROM:<a\r@b.test>",
                                 b"MAIL FROM:<a@b.test>\x7f", b"MAIL FROM:<a@b.test>", b"RCPT TO:<alice@example.test>",
                                 b"DATA", b"line\rX-Injected: yes", b".", b"QUIT"]),
        "parameters": (0, 4, [b"EHLO x", b"MAIL FROM:<a@b.test> BODY=BINARYMIME", b"MAIL FROM:<a@b.test> SMTPUTF8",
                              b"MAIL FROM:<a@b.test> SIZE=10 BODY=8BITMIME AUTH=<>", b"RCPT TO:<alice@example.test> NOTIFY=NEVER",
                              b"RCPT TO:<j\xc3\xb6rg@example.test>", b"RCPT TO:<alice@example.test>", b"DATA",
                              b"Return-Path: <ceo@example.test>", b" folded", b"Subject: rp", b"", b"body", b".", b"QUIT"]),
        "error-cap": (0, 0, [b"EHLO x"] + [b"FOO"] * 25),
    }
    for name, (flags, variant, lines) in crafted.items():
        write("smtpsession", name, bytes([flags, variant]) + b"\r\n".join(lines) + b"\r\n")
    # SMTP smuggling: each fake end of DATA followed by a spoofed transaction (lines that
    # do not end in CR are bare-LF lines for the harness).
    fakes = {"lf-dot-lf": b"\n.\n", "lf-dot-crlf": b"\n.\r\n", "crlf-dot-lf": b"\r\n.\n", "crlf-dot-crcrlf": b"\r\n.\r\r\n"}
    for name, fake in fakes.items():
        for flags, who in ((0, b""), (0x08, plain(b"relayuser", b"relaypass") + b"\r\n")):
            data = (b"EHLO x\r\n" + who + b"MAIL FROM:<a@b.test>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\n"
                    b"Subject: first\r\n\r\nhello" + fake + b"MAIL FROM:<ceo@example.test>\r\n"
                    b"RCPT TO:<far@elsewhere.test>\r\nDATA\r\nSubject: spoofed\r\n\r\nspoof\r\n.\r\nQUIT\r\n")
            write("smtpsession", f"smuggle-{name}{'-auth' if who else ''}", bytes([flags, 0]) + data)


# ---- AUTH ----
def auth_seeds():
    # Mode numbers follow SmtpAuthFuzz.cpp's Mode enum.
    creds = [(b"alice@example.test", b"wonderland"), (b"alice:example.test", b"wonderland"),
             (b"relayuser", b"relaypass"), (b"bob@example.test", b"wrong"), (b"", b""), (b"x\0y", b"z")]
    for i, (user, password) in enumerate(creds):
        write("smtpauth", f"plain-inline-{i}", b"\x01" + b"\0" + user + b"\0" + password)
        write("smtpauth", f"plain-continued-{i}", b"\x02" + b"authzid\0" + user + b"\0" + password)
        write("smtpauth", f"login-{i}", b"\x03" + user + b"\0" + password)
        write("smtpauth", f"login-initial-{i}", b"\x04" + user + b"\0" + password)
        write("smtpauth", f"cram-{i}", b"\x05" + user + b"\0" + password)
    raw = [[plain(b"alice@example.test", b"wonderland")], [b"AUTH PLAIN", b"=", b"AUTH PLAIN ===="],
           [b"AUTH LOGIN", b"*"], [b"AUTH LOGIN", b"not base64!", b"AUTH LOGIN dXNlcg==", b"cGFzcw=="],
           [b"AUTH CRAM-MD5", base64.b64encode(b"alice@example.test 00000000000000000000000000000000")],
           [b"AUTH cram-md5", b""], [b"AUTH PLAIN " + base64.b64encode(b"\0\0\0")], [b"auth plain Zm9v YmFy"]]
    for i, lines in enumerate(raw):
        write("smtpauth", f"raw-{i}", b"\x00" + b"\r\n".join(lines) + b"\r\n")
    write("smtpauth", "cram-raw", b"\x06relayuser 0123456789abcdef0123456789abcdef")


# ---- DNS replies ----
# Byte 0 = query kind (DnsAnswerFuzz.cpp: dnsbl, ptr, mx, a, aaaa), byte 1 = asked name.
DNS_NAMES = ["1.40.0.127.bl.example.test", "4.41.0.127.in-addr.arpa", "remote.test", "mail.example.test"]
DNS_TYPES = {"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "PTR": 12, "MX": 15, "TXT": 16, "AAAA": 28}
KIND_TYPE = [1, 12, 15, 1, 28]


def dns_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def dns_rr(owner, rtype, rdata, ttl=300):
    return owner + rtype.to_bytes(2, "big") + b"\0\1" + ttl.to_bytes(4, "big") + len(rdata).to_bytes(2, "big") + rdata


def dns_reply(qname, qtype, answers=(), authority=(), rcode=0, flags=0x8180, qid=0x1234):
    header = qid.to_bytes(2, "big") + (flags | rcode).to_bytes(2, "big") + b"\0\1"
    header += len(answers).to_bytes(2, "big") + len(authority).to_bytes(2, "big") + b"\0\0"
    return header + dns_name(qname) + qtype.to_bytes(2, "big") + b"\0\1" + b"".join(answers) + b"".join(authority)


def dns_seeds():
    soa = dns_rr(dns_name("example.test"), 6, dns_name("ns.example.test") + dns_name("admin.example.test") + bytes(16) + (60).to_bytes(4, "big"), 120)
    ptr_at = 12  # compression pointer to the question name
    # The conformance scenarios' records: DNSBL listings and the PTR name.
    for path in sorted(CONFORMANCE.glob("s*/dnsmasq.args")):
        for line in path.read_text().splitlines():
            if line.startswith("--address=/"):
                name, address = line[len("--address=/"):].split("/")
                rdata = bytes(int(x) for x in address.split("."))
                write("dnsanswer", f"{path.parent.name}-{name}", b"\0\0" + dns_reply(name, 1, [dns_rr(b"\xc0\x0c", 1, rdata)]))
            elif line.startswith("--ptr-record="):
                name, host = line[len("--ptr-record="):].split(",")
                write("dnsanswer", f"{path.parent.name}-{name}", b"\x01\x01" + dns_reply(name, 12, [dns_rr(b"\xc0\x0c", 12, dns_name(host))]))
    for index, name in enumerate(DNS_NAMES):
        for kind, qtype in enumerate(KIND_TYPE):
            prefix = bytes([kind, index])
            write("dnsanswer", f"nxdomain-{kind}-{index}", prefix + dns_reply(name, qtype, authority=[soa], rcode=3))
            write("dnsanswer", f"nodata-{kind}-{index}", prefix + dns_reply(name, qtype, authority=[soa]))
    mx = [dns_rr(b"\xc0\x0c", 15, (20).to_bytes(2, "big") + dns_name("mx2.remote.test")),
          dns_rr(b"\xc0\x0c", 15, (10).to_bytes(2, "big") + b"\3mx1\xc0\x0c")]
    write("dnsanswer", "mx-compressed", b"\x02\x02" + dns_reply("remote.test", 15, mx))
    write("dnsanswer", "a-sender", b"\x03\x02" + dns_reply("remote.test", 1, [dns_rr(b"\xc0\x0c", 1, bytes([192, 0, 2, 1]))]))
    write("dnsanswer", "aaaa-sender", b"\x04\x02" + dns_reply("remote.test", 28, [dns_rr(b"\xc0\x0c", 28, bytes(15) + b"\1")]))
    cname = [dns_rr(b"\xc0\x0c", 5, dns_name("alias.example.test")), dns_rr(dns_name("alias.example.test"), 1, bytes([127, 0, 0, 4]))]
    write("dnsanswer", "cname-chain", b"\x00\x00" + dns_reply(DNS_NAMES[0], 1, cname))
    loop = [dns_rr(b"\xc0\x0c", 5, dns_name("a.example.test")), dns_rr(dns_name("a.example.test"), 5, b"\xc0\x0c")]
    write("dnsanswer", "cname-loop", b"\x00\x00" + dns_reply(DNS_NAMES[0], 1, loop))
    write("dnsanswer", "pointer-loop", b"\x01\x01" + dns_reply(DNS_NAMES[1], 12, [dns_rr(b"\xc0\x0c", 12, b"\xc0" + bytes([ptr_at + 100]))]) + b"\xc0\x71")
    write("dnsanswer", "other-owner", b"\x00\x00" + dns_reply(DNS_NAMES[0], 1, [dns_rr(dns_name("evil.test"), 1, bytes([127, 0, 0, 2]))]))
    write("dnsanswer", "truncated", b"\x00\x00" + dns_reply(DNS_NAMES[0], 1, [dns_rr(b"\xc0\x0c", 1, bytes([127, 0, 0, 2]))], flags=0x8380)[:-3])
    write("dnsanswer", "servfail", b"\x02\x02" + dns_reply("remote.test", 15, rcode=2))
    write("dnsanswer", "refused", b"\x03\x02" + dns_reply("remote.test", 1, rcode=5))
    write("dnsanswer", "huge-counts", b"\x00\x00" + dns_reply(DNS_NAMES[0], 1)[:6] + b"\xff\xff\xff\xff\0\0" + dns_name(DNS_NAMES[0]) + b"\0\1\0\1")
    write("dnsanswer", "short", b"\x00\x00\x12\x34\x81")


if __name__ == "__main__":
    if not (CONFORMANCE / "base-mailroot").is_dir():
        sys.exit(f"no conformance scenarios at {CONFORMANCE}")
    tab_seeds()
    address_seeds()
    session_seeds()
    auth_seeds()
    dns_seeds()
    for folder in sorted(CORPUS.iterdir()):
        files = list(folder.iterdir())
        print(f"{folder.name}: {len(files)} seeds, {sum(f.stat().st_size for f in files)} bytes")

#!/usr/bin/env python3
"""A tiny SMTP sink for the relay tests, standard library `socket` only.

smtp_sink.py PORT DIR [MODE]   MODE: ok (default) | tempfail | reject | drop2 | close2, and
                               ",pipelining" to offer PIPELINING (e.g. "ok,pipelining")
Each accepted message is written to DIR/<n>.eml, prefixed by X-Sink-From/X-Sink-To lines,
and the DATA bytes exactly as they came over the wire (dot-stuffed, up to and with the
final ".\r\n") to DIR/<n>.raw. DATA ends only at <CRLF>.<CRLF>, as RFC 5321 says.
Each connection leaves an empty file DIR/conn-<n>. drop2: every connection takes two
messages, then reads the third one's DATA and closes without an answer (nothing stored).
close2: every connection is closed right after its second message's 250.
endless / noeol (a hostile next hop): after EHLO, 50,000 "250-" lines that never end the
reply / 8 MB of text without a line end; then the connection stays open, silent.
",slowdot": the reply to each final "." waits up to 0.2 s; if the client's next command
arrives meanwhile (pipelined behind the end of data), DIR/behind-<n> is written for message n.
"""
import os
import select
import socket
import sys
import threading

port, outdir = int(sys.argv[1]), sys.argv[2]
modes = (sys.argv[3] if len(sys.argv) > 3 else "ok").split(",")
mode = modes[0]
pipelining = "pipelining" in modes
slowdot = "slowdot" in modes
os.makedirs(outdir, exist_ok=True)
counter = [0]
connections = [0]
lock = threading.Lock()


def serve(conn):
    with lock:
        connections[0] += 1
        open(os.path.join(outdir, "conn-%d" % connections[0]), "wb").close()
    f = conn.makefile("rb", buffering=0) if slowdot else conn.makefile("rb")
    w = lambda s: conn.sendall(s.encode() + b"\r\n")
    w("220 sink.test ESMTP sink")
    mail_from, rcpts = "", []
    taken = 0
    while True:
        line = f.readline()
        if not line:
            break
        cmd = line.decode("latin-1").rstrip("\r\n")
        up = cmd.upper()
        if up.startswith("EHLO") and mode in ("endless", "noeol"):
            try:
                if mode == "endless":
                    conn.sendall(b"".join(b"250-sink.test line %d\r\n" % i for i in range(50000)))
                else:
                    conn.sendall(b"250-" + b"x" * (8 << 20))
            except OSError:
                pass  # the client gave up, as it should
            break
        elif up.startswith("EHLO"):
            conn.sendall(b"250-sink.test\r\n" + (b"250-PIPELINING\r\n" if pipelining else b"") +
                         b"250 8BITMIME\r\n")
        elif up.startswith("HELO"):
            w("250 sink.test")
        elif up.startswith("MAIL FROM:"):
            mail_from, rcpts = cmd[10:].strip(), []
            w("250 OK")
        elif up.startswith("RCPT TO:"):
            if mode == "reject":
                w("550 5.1.1 no such user here")
            elif mode == "tempfail":
                w("451 4.3.0 try again later")
            else:
                rcpts.append(cmd[8:].strip())
                w("250 OK")
        elif up == "DATA":
            w("354 go ahead")
            data, raw = [], []
            while True:
                l = f.readline()
                raw.append(l)
                if not l or l == b".\r\n":
                    break
                if l.startswith(b".."):
                    l = l[1:]
                data.append(l)
            if not l:
                break
            taken += 1
            if mode == "drop2" and taken > 2:
                break  # the message is not answered, nor stored
            with lock:
                counter[0] += 1
                n = counter[0]
            tmp = os.path.join(outdir, ".%d.tmp" % n)
            with open(tmp, "wb") as out:
                out.write(("X-Sink-From: %s\r\nX-Sink-To: %s\r\n" % (mail_from, ",".join(rcpts))).encode())
                out.write(b"".join(data))
            with open(os.path.join(outdir, "%d.raw" % n), "wb") as out:
                out.write(b"".join(raw))
            os.rename(tmp, os.path.join(outdir, "%d.eml" % n))
            # (unbuffered reads in this mode: whatever the client sent is still in the socket)
            if slowdot and select.select([conn], [], [], 0.2)[0]:
                open(os.path.join(outdir, "behind-%d" % n), "wb").close()  # came before this reply
            w("250 OK queued as %d" % n)
            if mode == "close2" and taken == 2:
                break
        elif up == "QUIT":
            w("221 bye")
            break
        elif up == "RSET" or up == "NOOP":
            w("250 OK")
        else:
            w("502 unknown")
    f.close()  # (the socket stays open while its file does)
    conn.close()


s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port))
s.listen(64)
print("sink listening", port, flush=True)
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()

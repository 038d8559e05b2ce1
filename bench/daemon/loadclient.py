#!/usr/bin/env python3
"""Load clients for `xmflowd serve` benchmarks (stdlib asyncio only).

  loadclient.py tarpit  --port P --sessions 10000 --pid PID [--sources N] [--hold 35]
      Opens N tarpitted sessions (from 127.2.x.y) that each send EHLO and wait for the
      delayed reply, samples the daemon's RSS, and meanwhile times a probe session from
      127.0.0.1 (not tarpitted) plus one tarpitted probe.
  loadclient.py throughput --port P --clients 20 --seconds 10 [--size BYTES] [--procs N]
      20 concurrent clients, one message per session (EHLO, MAIL, RCPT, DATA, QUIT);
      prints messages/s, MB/s, p50/p99 latency and the daemon's peak RSS (VmHWM).
      --size: body size (default ~350 bytes); --procs: split the clients over N client
      processes (one Python process cannot push 1 MB messages at 400 MB/s).
      --interval-ms M: each client starts a session at most every M ms (latency probes
      that time connect -> 250 while smtp-source drives the load, run_bench.sh, without
      taking much of the machine themselves).
  loadclient.py sessions --port P --count 2000 --pid PID
      Sequential banner+EHLO+QUIT sessions (blocking sockets): mean ms per session and
      the daemon's CPU per session (the per-session cost, e.g. with a 100,000-line spammers.tab).
"""
import argparse
import asyncio
import json
import os
import statistics
import time


async def read_reply(reader):
    lines = []
    while True:
        line = await reader.readline()
        if not line:
            return 0, lines
        lines.append(line)
        if len(line) < 4 or line[3:4] != b"-":
            return int(line[:3]), lines


async def command(reader, writer, text):
    writer.write(text.encode() + b"\r\n")
    await writer.drain()
    return await read_reply(reader)


def rss_kb(pid, field="VmRSS:"):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    if not pid:
        return 0.0
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pct(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = min(len(values) - 1, max(0, int(round(p / 100.0 * (len(values) - 1)))))
    return values[k]


async def tarpit(args):
    state = {"connected": 0, "banners": 0, "waiting": 0, "answered": 0, "late": 0, "failed": 0, "delays": []}
    sem = asyncio.Semaphore(400)
    ready = asyncio.Event()

    async def session(i):
        src = "127.2.%d.%d" % ((i // 250) % args.sources, 1 + i % 250)
        try:
            async with sem:
                reader, writer = await asyncio.open_connection("127.0.0.1", args.port, local_addr=(src, 0))
                state["connected"] += 1
                code, _ = await read_reply(reader)
                if code != 220:
                    state["failed"] += 1
                    return
                state["banners"] += 1
            t0 = time.monotonic()
            writer.write(b"EHLO tarpit.test\r\n")
            await writer.drain()
            state["waiting"] += 1
            if state["waiting"] == args.sessions:
                ready.set()
            code, _ = await read_reply(reader)
            dt = time.monotonic() - t0
            state["answered"] += 1
            state["delays"].append(dt)
            writer.write(b"QUIT\r\n")
            await writer.drain()
            writer.close()
        except Exception as e:  # noqa
            state["failed"] += 1
            if state["failed"] < 5:
                print("session error:", repr(e))

    async def probe(src, tarpitted):
        reader, writer = await asyncio.open_connection("127.0.0.1", args.port, local_addr=(src, 0))
        t0 = time.monotonic()
        code, _ = await read_reply(reader)
        banner = time.monotonic() - t0
        t1 = time.monotonic()
        code2, _ = await command(reader, writer, "EHLO probe.test")
        ehlo = time.monotonic() - t1
        t2 = time.monotonic()
        code3, _ = await command(reader, writer, "QUIT")
        quit_ = time.monotonic() - t2
        writer.close()
        return {"src": src, "tarpitted": tarpitted, "banner_code": code, "banner_s": round(banner, 3),
                "ehlo_code": code2, "ehlo_s": round(ehlo, 3), "quit_code": code3, "quit_s": round(quit_, 3)}

    start = time.monotonic()
    tasks = [asyncio.create_task(session(i)) for i in range(args.sessions)]
    peak = 0
    while not ready.is_set() and time.monotonic() - start < 120:
        await asyncio.sleep(0.5)
        peak = max(peak, rss_kb(args.pid))
        if state["failed"] > args.sessions // 10:
            break
    opened = time.monotonic() - start
    print("tarpit: %d sessions waiting for their delayed EHLO reply after %.1f s (failed %d)" %
          (state["waiting"], opened, state["failed"]))
    # All sessions are held: time an untarpitted probe and a tarpitted one meanwhile.
    probes = await asyncio.gather(probe("127.0.0.1", False), probe("127.2.200.1", True),
                                  *(sample_rss(args.pid, 5) for _ in range(1)))
    peak = max(peak, probes[2])
    await asyncio.gather(*tasks)
    result = {
        "sessions": args.sessions, "held_at_once": state["waiting"], "failed": state["failed"],
        "answered": state["answered"],
        "delay_p50_s": round(pct(state["delays"], 50), 2), "delay_max_s": round(max(state["delays"] or [0]), 2),
        "rss_peak_mb": round(peak / 1024.0, 1), "probe_free": probes[0], "probe_tarpitted": probes[1],
    }
    print(json.dumps(result, indent=1))


async def sample_rss(pid, seconds):
    peak = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        peak = max(peak, rss_kb(pid))
        await asyncio.sleep(0.25)
    return peak


def make_body(size):
    head = b"Subject: bench\r\nFrom: <sender@remote.test>\r\n\r\n"
    if size <= 0:
        return head + b"x" * 300 + b"\r\n.\r\n"
    line = b"y" * 76 + b"\r\n"
    return head + line * max(1, size // len(line)) + b".\r\n"


async def throughput(args):
    body = make_body(args.size)
    latencies, data_latencies = [], []
    errors = [0]
    stop_at = time.monotonic() + args.seconds

    async def client(n):
        next_start = time.monotonic()
        while time.monotonic() < stop_at:
            if args.interval_ms > 0:
                await asyncio.sleep(max(0.0, next_start - time.monotonic()))
                next_start += args.interval_ms / 1000.0
            t0 = time.monotonic()
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", args.port)
                ok = (await read_reply(reader))[0] == 220
                ok = ok and (await command(reader, writer, "EHLO bench.test"))[0] == 250
                ok = ok and (await command(reader, writer, "MAIL FROM:<sender@remote.test>"))[0] == 250
                ok = ok and (await command(reader, writer, "RCPT TO:<%s>" % args.rcpt))[0] == 250
                ok = ok and (await command(reader, writer, "DATA"))[0] == 354
                if ok:
                    t1 = time.monotonic()
                    writer.write(body)
                    await writer.drain()
                    code, _ = await read_reply(reader)
                    if code == 250:
                        now = time.monotonic()
                        latencies.append(now - t0)
                        data_latencies.append(now - t1)
                    else:
                        errors[0] += 1
                else:
                    errors[0] += 1
                writer.write(b"QUIT\r\n")
                await writer.drain()
                await read_reply(reader)
                writer.close()
            except Exception as e:  # noqa
                errors[0] += 1
                if errors[0] < 5:
                    print("client error:", repr(e))

    cpu0 = cpu_seconds(args.pid)
    t = time.monotonic()
    await asyncio.gather(*(client(i) for i in range(args.clients)))
    elapsed = time.monotonic() - t
    cpu = cpu_seconds(args.pid) - cpu0
    if args.worker:
        print(json.dumps({"latencies": latencies, "data": data_latencies, "errors": errors[0],
                          "elapsed": elapsed, "bytes": len(body) * len(latencies)}))
        return
    print(json.dumps({
        "daemon_cpu_ms_per_message": round(cpu * 1000.0 / max(1, len(latencies)), 3) if args.pid else None,
        "clients": args.clients, "seconds": round(elapsed, 2), "messages": len(latencies), "errors": errors[0],
        "messages_per_s": round(len(latencies) / elapsed, 1),
        "mb_per_s": round(len(body) * len(latencies) / elapsed / 1e6, 1),
        "daemon_peak_rss_mb": round(rss_kb(args.pid, "VmHWM:") / 1024.0, 1) if args.pid else None,
        "session_latency_ms": {"p50": round(pct(latencies, 50) * 1000, 2), "p99": round(pct(latencies, 99) * 1000, 2)},
        "data_to_250_ms": {"p50": round(pct(data_latencies, 50) * 1000, 2), "p99": round(pct(data_latencies, 99) * 1000, 2)},
    }, indent=1))


def throughput_procs(args):
    """Runs --procs client processes and merges their numbers."""
    import subprocess, sys
    per = max(1, args.clients // args.procs)
    cmd = [sys.executable, __file__, "throughput", "--port", str(args.port), "--clients", str(per),
           "--seconds", str(args.seconds), "--rcpt", args.rcpt, "--size", str(args.size), "--worker"]
    cpu0 = cpu_seconds(args.pid)
    t = time.monotonic()
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE) for _ in range(args.procs)]
    parts = [json.loads(p.communicate()[0]) for p in procs]
    elapsed = time.monotonic() - t
    cpu = cpu_seconds(args.pid) - cpu0
    lat = [x for p in parts for x in p["latencies"]]
    data = [x for p in parts for x in p["data"]]
    total_bytes = sum(p["bytes"] for p in parts)
    print(json.dumps({
        "daemon_cpu_ms_per_message": round(cpu * 1000.0 / max(1, len(lat)), 3) if args.pid else None,
        "clients": per * args.procs, "client_processes": args.procs, "seconds": round(elapsed, 2),
        "messages": len(lat), "errors": sum(p["errors"] for p in parts),
        "messages_per_s": round(len(lat) / elapsed, 1), "mb_per_s": round(total_bytes / elapsed / 1e6, 1),
        "daemon_peak_rss_mb": round(rss_kb(args.pid, "VmHWM:") / 1024.0, 1) if args.pid else None,
        "session_latency_ms": {"p50": round(pct(lat, 50) * 1000, 2), "p99": round(pct(lat, 99) * 1000, 2)},
        "data_to_250_ms": {"p50": round(pct(data, 50) * 1000, 2), "p99": round(pct(data, 99) * 1000, 2)},
    }, indent=1))


def sessions(args):
    import socket

    def reply(f):
        while True:
            line = f.readline()
            if not line or len(line) < 4 or line[3:4] != b"-":
                return line

    # Warm-up (tables loaded, first allocations made).
    def one():
        s = socket.create_connection(("127.0.0.1", args.port))
        f = s.makefile("rb")
        ok = reply(f).startswith(b"220")
        s.sendall(b"EHLO bench.test\r\n")
        ok = reply(f).startswith(b"250") and ok
        s.sendall(b"QUIT\r\n")
        ok = reply(f).startswith(b"221") and ok
        f.close()
        s.close()
        return ok

    for _ in range(50):
        one()
    cpu0 = cpu_seconds(args.pid)
    t = time.monotonic()
    failed = sum(0 if one() else 1 for _ in range(args.count))
    elapsed = time.monotonic() - t
    cpu = cpu_seconds(args.pid) - cpu0
    print(json.dumps({"sessions": args.count, "failed": failed,
                      "ms_per_session": round(elapsed * 1000.0 / args.count, 3),
                      "daemon_cpu_ms_per_session": round(cpu * 1000.0 / args.count, 3) if args.pid else None},
                     indent=1))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["tarpit", "throughput", "sessions"])
    p.add_argument("--count", type=int, default=2000)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--sessions", type=int, default=10000)
    p.add_argument("--sources", type=int, default=40)
    p.add_argument("--pid", type=int, default=0)
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--rcpt", default="alice@example.test")
    p.add_argument("--size", type=int, default=0)
    p.add_argument("--procs", type=int, default=1)
    p.add_argument("--interval-ms", type=float, default=0)
    p.add_argument("--worker", action="store_true")
    args = p.parse_args()
    if args.mode == "throughput" and args.procs > 1:
        throughput_procs(args)
        return
    if args.mode == "sessions":
        sessions(args)
        return
    asyncio.run(tarpit(args) if args.mode == "tarpit" else throughput(args))


if __name__ == "__main__":
    main()

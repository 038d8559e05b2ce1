#!/usr/bin/env bash
# xmflowd serve benchmarks (issue 4):
#  1. 10,000 concurrent tarpitted sessions (spammers.tab code=-30) held at once:
#     daemon RSS, and a non-tarpitted probe session answered on time meanwhile.
#  2. Accepted messages/s with durable (fsync'd) Maildir delivery, 20 clients, p50/p99.
#  3. (issue 16) 1 MB messages from Postfix's smtp-source, 50 clients, into the Maildir
#     (fsync'd): MB/s, peak RSS; the same without fsync (the daemon's own ceiling) and the
#     disk's own rate for fsync'd 1 MB files (the floor under the first number).
#  4. (issue 16) front mode: small messages from smtp-source through the spool (fsync'd)
#     to Postfix's smtp-sink as the next hop on loopback, 20 and 200 clients: msgs/s, and
#     connect-to-250 p50/p99 from two probe clients (loadclient.py, a session every 25 ms
#     each) beside them. The CPU smtp-source and smtp-sink use per message is printed too:
#     on two shared cores it bounds what the daemon can reach.
#  5. per-session cost (banner+EHLO+QUIT) with a 100,000-line spammers.tab.
# Usage: bench/daemon/run_bench.sh [path/to/xmflowd] [sessions]
#   BENCH=tarpit,maildir,big,front,sessions (the default: all) picks the parts.
# Run as root, the descriptor limits are raised for 50,000 sessions (client and daemon).
# smtp-source and smtp-sink come with Debian's postfix package (scripts/deps.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
xmflowd="${1:-$here/../../build/app/xmflowd}"
[ -x "$xmflowd" ] || { echo "no xmflowd at $xmflowd" >&2; exit 2; }
sessions="${2:-10000}"
parts=",${BENCH:-tarpit,maildir,big,front,sessions},"
want() { [[ "$parts" == *",$1,"* ]]; }
for tool in smtp-source smtp-sink; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "no $tool (Debian package postfix)" >&2; exit 2; }
done
export PATH="$PATH:/usr/sbin"
sink_user=()
[ "$(id -u)" = 0 ] && sink_user=(-u nobody) # smtp-sink refuses to run as root
conformance="${XMFLOW_CONFORMANCE_DIR:-$here/../../../shared/conformance}"
ulimit -Hn 200000 2>/dev/null || true
ulimit -n "$(ulimit -Hn)" || true
user_args=()
[ "$(id -u)" = 0 ] && user_args=(--user root)
work="$(mktemp -d)"
pid=""; sink=""
trap 'kill $pid $sink 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

start_daemon() { # mailroot port extra...
    local root="$1" port="$2"; shift 2
    "$xmflowd" serve --mailroot "$root" --listen "127.0.0.1:$port" --max-sessions 60000 "${user_args[@]}" "$@" 2>"$work/daemon.err" &
    pid=$!
    for _ in $(seq 100); do grep -q ready "$work/daemon.err" 2>/dev/null && return 0; sleep 0.1; done
    cat "$work/daemon.err"; exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
now() { date +%s.%N; }

if want tarpit; then
echo "== tarpit: $sessions sessions, delay 30 s (127.2.0.0/16), probe from 127.0.0.1"
cp -r "$conformance/base-mailroot" "$work/tarpit"; chmod -R u+w "$work/tarpit"
printf '"127.2.0.0/16"\t"code=-30"\n' > "$work/tarpit/spammers.tab"
start_daemon "$work/tarpit" 25251
echo "daemon RSS idle: $(awk '/VmRSS/{print $2/1024 " MB"}' /proc/$pid/status)"
python3 "$here/loadclient.py" tarpit --port 25251 --sessions "$sessions" --sources $(( (sessions + 249) / 250 < 255 ? (sessions + 249) / 250 : 255 )) --pid "$pid"
kill -TERM $pid; wait $pid || true
fi

if want maildir; then
echo "== throughput: 20 clients, small messages, durable Maildir delivery (fsync)"
cp -r "$conformance/base-mailroot" "$work/tp"; chmod -R u+w "$work/tp"
start_daemon "$work/tp" 25252
python3 "$here/loadclient.py" throughput --port 25252 --clients 20 --seconds 10 --pid "$pid"
kill -TERM $pid; wait $pid || true
echo "delivered files: $(ls "$work/tp/domains/example.test/alice/Maildir/new" | wc -l)"
fi

if want big; then
for fsync in yes no; do
    flag=(); [ "$fsync" = no ] && flag=(--no-fsync)
    echo "== 1 MB messages (smtp-source -l 1048576): 50 clients, 1000 messages, Maildir, fsync: $fsync"
    rm -rf "$work/big"; cp -r "$conformance/base-mailroot" "$work/big"; chmod -R u+w "$work/big"
    printf '"XMF-MaxSessionsPerIP"\t"0"\n' >> "$work/big/server.tab"
    start_daemon "$work/big" 25253 "${flag[@]}"
    c0=$(cpu_ticks $pid); t0=$(now)
    smtp-source -s 50 -m 1000 -l 1048576 -f sender@remote.test -t alice@example.test -M bench.test 127.0.0.1:25253
    t1=$(now); c1=$(cpu_ticks $pid)
    python3 - "$t0" "$t1" "$c0" "$c1" "$(awk '/VmHWM/{print $2}' /proc/$pid/status)" \
        "$(ls "$work/big/domains/example.test/alice/Maildir/new" | wc -l)" <<'EOF'
import os, sys
t0, t1, c0, c1, hwm, files = map(float, sys.argv[1:])
el = t1 - t0
print("  %d messages in %.1f s: %.0f MB/s (%.1f msgs/s); daemon CPU %.2f ms per message; peak RSS %.1f MB"
      % (files, el, files * 1048576 / el / 1e6, files / el, (c1 - c0) * 1000.0 / os.sysconf("SC_CLK_TCK") / max(files, 1), hwm / 1024))
EOF
    kill -TERM $pid; wait $pid || true
done
rm -rf "$work/big"
echo "== the disk itself: 200 fsync'd 1 MB files from 8 threads (python)"
mkdir -p "$work/disk"
python3 - "$work/disk" <<'EOF'
import os, sys, threading, time
d, data = sys.argv[1], b"y" * 1048576
def worker(k):
    for i in range(25):
        fd = os.open(os.path.join(d, "f%d_%d" % (k, i)), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, data); os.fsync(fd); os.close(fd)
t = time.monotonic()
threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
[x.start() for x in threads]; [x.join() for x in threads]
print("  %.0f MB/s" % (200 * 1048576 / (time.monotonic() - t) / 1e6))
EOF
rm -rf "$work/disk"
fi

if want front; then
for clients in 20 200; do
    count=$(( clients == 20 ? 15000 : 20000 ))
    echo "== front mode: smtp-source, $clients clients (+ 2 latency probes, a session every 25 ms each), $count small messages, spool (fsync) -> smtp-sink on loopback"
    rm -rf "$work/front"
    cp -r "$conformance/base-mailroot" "$work/front"; chmod -R u+w "$work/front"
    smtp-sink "${sink_user[@]}" 127.0.0.1:25255 1000 & sink=$!
    # Every client comes from 127.0.0.1: no per-address session cap for the benchmark.
    printf '"XMF-LocalDelivery"\t"nexthop"\n"XMF-NextHop"\t"127.0.0.1:25255"\n"XMF-MaxSessionsPerIP"\t"0"\n' >> "$work/front/server.tab"
    start_daemon "$work/front" 25254
    c0=$(cpu_ticks $pid); s0=$(cpu_ticks $sink); t0=$(now)
    python3 "$here/loadclient.py" throughput --port 25254 --clients 2 --seconds 6 --interval-ms 25 > "$work/probe.json" &
    probe=$!
    TIMEFORMAT='%U %S'
    { time smtp-source -s "$clients" -m "$count" -l 300 -f sender@remote.test -t alice@example.test -M bench.test 127.0.0.1:25254 2>&1; } 2> "$work/source.time"
    t1=$(now); c1=$(cpu_ticks $pid); s1=$(cpu_ticks $sink)
    wait $probe; python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(\"  probes: end of DATA -> 250 p50 %.1f ms, p99 %.1f ms\" % (d[\"data_to_250_ms\"][\"p50\"], d[\"data_to_250_ms\"][\"p99\"]))" "$work/probe.json"
    for _ in $(seq 120); do [ -z "$(ls "$work/front/spool/xmflow/queue")" ] && break; sleep 0.5; done
    t2=$(now)
    python3 - "$t0" "$t1" "$t2" "$c0" "$c1" "$count" "$(awk '/VmHWM/{print $2}' /proc/$pid/status)" "$work/probe.json" \
        "$(ls "$work/front/spool/xmflow/queue" | wc -l)" "$s0" "$s1" $(cat "$work/source.time") <<'EOF'
import json, os, sys
t0, t1, t2, c0, c1, count, hwm = map(float, sys.argv[1:8])
probe = json.load(open(sys.argv[8]))
left = int(sys.argv[9])
s0, s1, source_user, source_sys = map(float, sys.argv[10:14])
tick = 1000.0 / os.sysconf("SC_CLK_TCK")
total = count + probe["messages"]  # smtp-source's and the probes'
if left == 0:
    relayed = "all relayed after %.1f s (%.0f msgs/s end to end)" % (t2 - t0, total / (t2 - t0))
else:
    relayed = "%d still in the spool after %.1f s (the relay fell behind)" % (left, t2 - t0)
print("  accepted %d in %.1f s: %.0f msgs/s; %s" % (total, t1 - t0, total / (t1 - t0), relayed))
print("  connect -> 250 (probes, %d sessions): p50 %.1f ms, p99 %.1f ms; daemon CPU %.2f ms per message; peak RSS %.1f MB"
      % (probe["messages"], probe["session_latency_ms"]["p50"], probe["session_latency_ms"]["p99"],
         (c1 - c0) * 1000.0 / os.sysconf("SC_CLK_TCK") / total, hwm / 1024))
others = ((source_user + source_sys) * 1000.0 + (s1 - s0) * tick) / count
print("  smtp-source + smtp-sink CPU %.2f ms per message: with the daemon's, %.0f msgs/s would fill both cores"
      % (others, 2000.0 / (others + (c1 - c0) * tick / total)))
EOF
    kill -TERM $pid $sink; wait $pid $sink || true
    sink=""
done
fi

if want sessions; then
echo "== per-session cost: banner+EHLO+QUIT, sequential, 100,000-line spammers.tab (10.0.0.0/8, not the client)"
rm -rf "$work/ses"; cp -r "$conformance/base-mailroot" "$work/ses"; chmod -R u+w "$work/ses"
python3 - "$work/ses/spammers.tab" <<'EOF'
import random, sys
random.seed(42)
with open(sys.argv[1], "w") as f:
    for i in range(100000):
        f.write('"10.%d.%d.%d/%d"\t"code=%d"\n' % (random.randrange(256), random.randrange(256), random.randrange(256),
                                                 random.choice([24, 28, 32]), random.choice([-5, 0, 1])))
EOF
start_daemon "$work/ses" 25256
python3 "$here/loadclient.py" sessions --port 25256 --count 3000 --pid "$pid"
kill -TERM $pid; wait $pid || true
fi

#!/usr/bin/env bash
# xmflowd serve benchmarks (issue 4):
#  1. 10,000 concurrent tarpitted sessions (spammers.tab code=-30) held at once:
#     daemon RSS, and a non-tarpitted probe session answered on time meanwhile.
#  2. Accepted messages/s with durable (fsync'd) Maildir delivery, 20 clients, p50/p99.
#  3. (issue 16) 1 MB messages, 50 clients, into the Maildir (fsync'd): MB/s, peak RSS.
#  4. (issue 16) front mode: small messages through the spool (fsync'd) to a next-hop
#     xmflowd on loopback, 20 and 200 clients: msgs/s, connect-to-250 p50/p99.
# Usage: bench/daemon/run_bench.sh [path/to/xmflowd] [sessions]
# Run as root, the descriptor limits are raised for 50,000 sessions (client and daemon).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
xmflowd="${1:-$here/../../build/app/xmflowd}"
[ -x "$xmflowd" ] || { echo "no xmflowd at $xmflowd" >&2; exit 2; }
sessions="${2:-10000}"
conformance="${XMFLOW_CONFORMANCE_DIR:-$here/../../../shared/conformance}"
ulimit -Hn 200000 2>/dev/null || true
ulimit -n "$(ulimit -Hn)" || true
user_args=()
[ "$(id -u)" = 0 ] && user_args=(--user root)
work="$(mktemp -d)"
trap 'kill $pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

start_daemon() { # mailroot port extra...
    local root="$1" port="$2"; shift 2
    "$xmflowd" serve --mailroot "$root" --listen "127.0.0.1:$port" --max-sessions 60000 "${user_args[@]}" "$@" 2>"$work/daemon.err" &
    pid=$!
    for _ in $(seq 100); do grep -q ready "$work/daemon.err" 2>/dev/null && return 0; sleep 0.1; done
    cat "$work/daemon.err"; exit 1
}

echo "== tarpit: $sessions sessions, delay 30 s (127.2.0.0/16), probe from 127.0.0.1"
cp -r "$conformance/base-mailroot" "$work/tarpit"; chmod -R u+w "$work/tarpit"
printf '"127.2.0.0/16"\t"code=-30"\n' > "$work/tarpit/spammers.tab"
start_daemon "$work/tarpit" 25251
echo "daemon RSS idle: $(awk '/VmRSS/{print $2/1024 " MB"}' /proc/$pid/status)"
python3 "$here/loadclient.py" tarpit --port 25251 --sessions "$sessions" --sources $(( (sessions + 249) / 250 < 255 ? (sessions + 249) / 250 : 255 )) --pid "$pid"
kill -TERM $pid; wait $pid || true

echo "== throughput: 20 clients, small messages, durable Maildir delivery (fsync)"
cp -r "$conformance/base-mailroot" "$work/tp"; chmod -R u+w "$work/tp"
start_daemon "$work/tp" 25252
python3 "$here/loadclient.py" throughput --port 25252 --clients 20 --seconds 10 --pid "$pid"
kill -TERM $pid; wait $pid || true
echo "delivered files: $(ls "$work/tp/domains/example.test/alice/Maildir/new" | wc -l)"

echo "== 1 MB messages: 50 clients, durable Maildir delivery (fsync)"
cp -r "$conformance/base-mailroot" "$work/big"; chmod -R u+w "$work/big"
start_daemon "$work/big" 25253
python3 "$here/loadclient.py" throughput --port 25253 --clients 50 --procs 2 --seconds 10 --size 1048576 --pid "$pid"
kill -TERM $pid; wait $pid || true
echo "delivered files: $(ls "$work/big/domains/example.test/alice/Maildir/new" | wc -l)"
rm -rf "$work/big"

for clients in 20 200; do
    echo "== front mode: $clients clients, small messages, spool (fsync) -> next hop on loopback"
    rm -rf "$work/hop" "$work/front"
    cp -r "$conformance/base-mailroot" "$work/hop"; chmod -R u+w "$work/hop"
    "$xmflowd" serve --mailroot "$work/hop" --listen 127.0.0.1:25255 --no-fsync "${user_args[@]}" 2>"$work/hop.err" &
    hop=$!
    cp -r "$conformance/base-mailroot" "$work/front"; chmod -R u+w "$work/front"
    # Every client comes from 127.0.0.1: no per-address session cap for the benchmark.
    printf '"XMF-LocalDelivery"\t"nexthop"\n"XMF-NextHop"\t"127.0.0.1:25255"\n"XMF-MaxSessionsPerIP"\t"0"\n' >> "$work/front/server.tab"
    start_daemon "$work/front" 25254
    python3 "$here/loadclient.py" throughput --port 25254 --clients "$clients" --procs 2 --seconds 10 --pid "$pid"
    for _ in $(seq 60); do [ -z "$(ls "$work/front/spool/xmflow/queue")" ] && break; sleep 1; done
    echo "left in the front's spool: $(ls "$work/front/spool/xmflow/queue" | wc -l); at the next hop: $(ls "$work/hop/domains/example.test/alice/Maildir/new" | wc -l)"
    kill -TERM $pid $hop; wait $pid $hop || true
done

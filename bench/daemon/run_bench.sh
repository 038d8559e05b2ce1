#!/usr/bin/env bash
# xmflowd serve benchmarks (issue 4):
#  1. 10,000 concurrent tarpitted sessions (spammers.tab code=-30) held at once:
#     daemon RSS, and a non-tarpitted probe session answered on time meanwhile.
#  2. Accepted messages/s with durable (fsync'd) Maildir delivery, 20 clients, p50/p99.
# Usage: bench/daemon/run_bench.sh [path/to/xmflowd] [sessions]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
xmflowd="${1:-$here/../../build/app/xmflowd}"
[ -x "$xmflowd" ] || { echo "no xmflowd at $xmflowd" >&2; exit 2; }
sessions="${2:-10000}"
conformance="${XMFLOW_CONFORMANCE_DIR:-$here/../../../shared/conformance}"
ulimit -n "$(ulimit -Hn)" || true
work="$(mktemp -d)"
trap 'kill $pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

start_daemon() { # mailroot port extra...
    local root="$1" port="$2"; shift 2
    "$xmflowd" serve --mailroot "$root" --listen "127.0.0.1:$port" --max-sessions 20000 "$@" 2>"$work/daemon.err" &
    pid=$!
    for _ in $(seq 100); do grep -q ready "$work/daemon.err" 2>/dev/null && return 0; sleep 0.1; done
    cat "$work/daemon.err"; exit 1
}

echo "== tarpit: $sessions sessions, delay 30 s (127.2.0.0/16), probe from 127.0.0.1"
cp -r "$conformance/base-mailroot" "$work/tarpit"; chmod -R u+w "$work/tarpit"
printf '"127.2.0.0/16"\t"code=-30"\n' > "$work/tarpit/spammers.tab"
start_daemon "$work/tarpit" 25251
echo "daemon RSS idle: $(awk '/VmRSS/{print $2/1024 " MB"}' /proc/$pid/status)"
python3 "$here/loadclient.py" tarpit --port 25251 --sessions "$sessions" --pid "$pid"
kill -TERM $pid; wait $pid || true

echo "== throughput: 20 clients, small messages, durable Maildir delivery (fsync)"
cp -r "$conformance/base-mailroot" "$work/tp"; chmod -R u+w "$work/tp"
start_daemon "$work/tp" 25252
python3 "$here/loadclient.py" throughput --port 25252 --clients 20 --seconds 10 --pid "$pid"
kill -TERM $pid; wait $pid || true
echo "delivered files: $(ls "$work/tp/domains/example.test/alice/Maildir/new" | wc -l)"

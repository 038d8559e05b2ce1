#!/usr/bin/env bash
# Fuzzes one target for a bounded time, starting from its checked-in seeds.
# usage: run_fuzzer.sh <fuzzer> <seed corpus> <work dir>   (env XMFLOW_FUZZ_SECONDS, default 20)
# New inputs go to <work dir>/corpus (the checked-in seeds stay untouched); a crash
# leaves <work dir>/crash-* to replay with: <fuzzer> <work dir>/crash-...
set -euo pipefail
fuzzer=$1 seeds=$2 work=$3
seconds=${XMFLOW_FUZZ_SECONDS:-20}
mkdir -p "$work/corpus"
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" "$seeds"

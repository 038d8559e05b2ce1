#!/bin/sh
# `impact` and `suggest` over 1,000,000 generated log lines with 50,000 distinct clients:
# wall time, lines/s and peak RSS of each, each phase in its own process.
# Usage: bench/engine/impact-bench.sh [path/to/engine_impact_bench]
set -eu
bench=${1:-$(dirname "$0")/../../build/bench/engine/engine_impact_bench}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bench" --write "$dir"
"$bench" --impact "$dir"
"$bench" --suggest "$dir"

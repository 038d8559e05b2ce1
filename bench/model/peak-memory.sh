#!/bin/sh
# Peak RSS (getrusage ru_maxrss) of loading the generated 100,000-line
# spammers.tab + 10,000-line smtp.ipmap.tab. The files are written by a
# separate process first, so only the load counts.
# Usage: bench/model/peak-memory.sh [path/to/model_load_bench]
set -eu
bench=${1:-$(dirname "$0")/../../build/bench/model/model_load_bench}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bench" --write "$dir"
"$bench" --load-once "$dir"

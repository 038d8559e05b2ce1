#!/bin/bash
# README.md's "What scripts/deps.sh installs" table names exactly the packages deps.sh installs.
set -eu
root=$(dirname "$0")/..
listed=$("$root/scripts/deps.sh" --list | awk '{print $1}' | sort)
documented=$(grep -o '^| `[^`]*`' "$root/README.md" | sed 's/^| `//; s/`$//' | sort)
if [ "$listed" != "$documented" ]; then
    echo "README.md's package table and scripts/deps.sh --list differ (< deps.sh, > README):"
    diff <(echo "$listed") <(echo "$documented") || true
    exit 1
fi
echo "README.md names the $(echo "$listed" | wc -l) packages deps.sh installs"

#!/usr/bin/env bash
# Renders complete personalised emails (subject, preheader, HTML, text, MIME assembly) across mixed
# locales on one core and prints renders per second. Prints numbers only; nothing asserts a time.
#
#   scripts/bench-templates.sh [COUNT] [MESSAGE]
#
# With PROFILE=callgrind (needs valgrind), runs COUNT emails (use ~2000) under callgrind instead and
# prints the functions by inclusive instruction count: unlike times on a shared machine, instruction
# counts repeat from run to run, so they show whether a change helped.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-200000}"
message="${2:-post-purchase-thanks}"
swift build -c release --product homing >/dev/null
if [[ "${PROFILE:-}" == callgrind ]]; then
    out="$(mktemp -d)/callgrind.out"
    valgrind --tool=callgrind --callgrind-out-file="$out" \
        .build/release/homing templates bench --count "$count" --message "$message" 2>/dev/null
    callgrind_annotate --inclusive=yes "$out" | grep -E 'HomingTemplates|Bench' | head -40 | cut -c1-160
    echo "full profile: $out"
    exit 0
fi
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
"${pin[@]}" .build/release/homing templates bench --count "$count" --message "$message"
"${pin[@]}" .build/release/homing templates bench --count "$count" --message "$message" --render-only

#!/usr/bin/env bash
# Renders complete personalised emails (subject, preheader, HTML, text, MIME assembly) across mixed
# locales on one core and prints renders per second. Prints numbers only; nothing asserts a time.
#
#   scripts/bench-templates.sh [COUNT] [MESSAGE]
#
# With PROFILE=perf, records the complete-email run with `perf record -g` instead and prints the
# functions by inclusive share of samples (shares, unlike rates, hold up on a busy machine). valgrind's
# callgrind cannot read this binary's debug information.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-200000}"
message="${2:-post-purchase-thanks}"
swift build -c release --product homing >/dev/null
if [[ "${PROFILE:-}" == perf ]]; then
    out="$(mktemp -d)/perf.data"
    perf record -g -o "$out" .build/release/homing templates bench --count "$count" --message "$message"
    perf report -i "$out" --children --stdio -g none --percent-limit 2 2>/dev/null | grep -v '^#' | grep . |
        cut -c1-160
    echo "full profile: perf report -i $out"
    exit 0
fi
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
"${pin[@]}" .build/release/homing templates bench --count "$count" --message "$message"
"${pin[@]}" .build/release/homing templates bench --count "$count" --message "$message" --render-only

#!/usr/bin/env bash
# Renders complete personalised emails (subject, preheader, HTML, text, MIME assembly) across mixed
# locales on one core and prints renders per second. Prints numbers only; nothing asserts a time.
#
#   scripts/bench-templates.sh [COUNT] [MESSAGE]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-200000}"
message="${2:-post-purchase-thanks}"
swift build -c release --product homing >/dev/null
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
"${pin[@]}" .build/release/homing templates bench --count "$count" --message "$message"
"${pin[@]}" .build/release/homing templates bench --count "$count" --message "$message" --render-only

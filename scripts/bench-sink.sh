#!/usr/bin/env bash
# SMTP throughput of `homing sink`: a libcurl multi client (scripts/bench-sink/smtp-load.c) sends
# MESSAGES over CONNECTIONS reused sessions; prints messages per second and the recorded lines.
# Prints numbers only; nothing asserts a time.
# Usage: scripts/bench-sink.sh [MESSAGES] [CONNECTIONS] [debug|release]   (default 100000 16 release)
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-100000}
connections=${2:-16}
configuration=${3:-release}
command -v swift >/dev/null 2>&1 || export PATH=/opt/swift/usr/bin:$PATH
swift build -c "$configuration" --product homing >/dev/null
homing="$(swift build -c "$configuration" --show-bin-path)/homing"
work=$(mktemp -d)
trap 'kill "$sink" 2>/dev/null || true; rm -rf "$work"' EXIT
cc -O2 -o "$work/smtp-load" scripts/bench-sink/smtp-load.c -lcurl

"$homing" sink --smtp-port 0 --http-port 0 --out "$work/sink.jsonl" >"$work/ports" 2>"$work/err" &
sink=$!
until grep -q '^http' "$work/ports" 2>/dev/null; do sleep 0.1; done
port=$(sed -n 's/^smtp listening on .*:\([0-9]*\)$/\1/p' "$work/ports")
"$work/smtp-load" "$port" "$messages" "$connections"
kill -TERM "$sink"
wait "$sink"
echo "recorded $(wc -l <"$work/sink.jsonl") lines; $(cat "$work/err")"

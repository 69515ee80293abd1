#!/usr/bin/env bash
# The main job on the embedded default store: set up, then `homing demo` — a demo shop in demo/,
# imported, scored and saved as segments, win-back and post-purchase launched, every message delivered
# to an in-process `homing sink` (demo/sink.jsonl), and the status printed.
# Usage: scripts/demo.sh [CUSTOMERS] [ORDERS]   (default 20000 and 200000)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh debug
command -v swift >/dev/null 2>&1 || export PATH=/opt/swift/usr/bin:$PATH
homing="$(swift build --show-bin-path)/homing"

customers=${1:-20000}
orders=${2:-200000}
rm -rf demo && mkdir -p demo
"$homing" demo --dir demo --customers "$customers" --orders "$orders"
echo
"$homing" metrics --db demo/homing.db

#!/usr/bin/env bash
# Foundation benchmark: generate CUSTOMERS/ORDERS demo rows, import them into a fresh SQLite store,
# then run segments and metrics. Prints wall time and peak memory per phase; asserts nothing.
# Usage: scripts/bench-import.sh [CUSTOMERS] [ORDERS] [DIR]   (default 1000000 10000000 bench-data)
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-1000000}
orders=${2:-10000000}
dir=${3:-bench-data}
scripts/setup.sh release >/dev/null
command -v swift >/dev/null 2>&1 || export PATH=/opt/swift/usr/bin:$PATH
homing="$(swift build -c release --show-bin-path)/homing"

mkdir -p "$dir"
rm -f "$dir"/bench.db "$dir"/bench.db-wal "$dir"/bench.db-shm
export HOMING_DB="$dir/bench.db"

phase() {
    local name=$1
    shift
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" >"$dir/out.txt" 2>"$dir/err.txt" || {
        cat "$dir/err.txt" >&2
        exit 1
    }
    read -r seconds kilobytes <"$dir/time.txt"
    printf '%-22s %8.2f s  %7.0f MB peak  %s\n' "$name" "$seconds" "$((kilobytes / 1024))" "$(tail -n 1 "$dir/out.txt" | cut -c1-80)"
}

echo "homing foundation benchmark: $customers customers, $orders orders, $(nproc) cores"
phase "demo-data" "$homing" demo-data --customers "$customers" --orders "$orders" --seed 42 --out "$dir"
phase "import customers" "$homing" import customers "$dir/customers.csv"
phase "import orders" "$homing" import orders "$dir/orders.csv"
phase "re-import orders" "$homing" import orders "$dir/orders.csv"
phase "segments" "$homing" segments --as-of 2026-11-01
phase "segments --save" "$homing" segments --as-of 2026-11-01 --save
phase "segments --csv" "$homing" segments --as-of 2026-11-01 --csv "$dir/scores.csv"
phase "metrics" "$homing" metrics --to 2026-11-01 --json
phase "metrics --by segment" "$homing" metrics --to 2026-11-01 --by segment --json

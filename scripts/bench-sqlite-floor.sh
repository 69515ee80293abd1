#!/usr/bin/env bash
# What SQLite alone costs per order row on this machine: the floor under `homing import orders`.
# Makes a fresh Homing store (schema from the real binary), then, in the sqlite3 shell on the same
# system libsqlite3, fills `orders` the way a fresh import does (secondary index dropped, rows in
# file order, one transaction, the store's pragmas) from rows SQLite generates itself: no CSV, no
# validation, no Swift. Prints CPU per row for the inserts and for rebuilding the index.
# Usage: scripts/bench-sqlite-floor.sh [ORDERS] [DIR]   (default 1000000, a temporary directory)
set -euo pipefail
cd "$(dirname "$0")/.."
orders=${1:-1000000}
dir=${2:-$(mktemp -d)}
if ! command -v sqlite3 >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq sqlite3 >/dev/null
fi
# HOMING_BIN=path uses a prebuilt binary; otherwise set up and build the release one.
homing=${HOMING_BIN:-}
if [ -z "$homing" ]; then
    scripts/setup.sh release >/dev/null
    command -v swift >/dev/null 2>&1 || export PATH=/opt/swift/usr/bin:$PATH
    homing="$(swift build -c release --show-bin-path)/homing"
fi

mkdir -p "$dir"
db="$dir/floor.db"
rm -f "$db" "$db-wal" "$db-shm"
# Any command that opens the store migrates it to the current schema.
HOMING_DB="$db" "$homing" status >/dev/null

# A typical demo-data row: 9 columns, ~170 bytes, items as JSON with accents.
items='[{"name":"Bougie parfumée à la lavande","quantity":1,"price":"16.99"},{"name":"Wool Beanie","quantity":2,"price":"24.43"}]'
run() {
    sqlite3 "$db" <<SQL
PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -262144; PRAGMA foreign_keys = OFF;
CREATE TEMP TABLE n AS WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $orders) SELECT i FROM s;
DROP INDEX orders_by_customer;
.timer on
BEGIN;
INSERT INTO orders (id, customer_key, ordered_at, amount_minor, currency, base_minor, status, items, promo_code)
    SELECT printf('o%09d', i), 1 + i % 100000, 1700000000000 + i * 1000, 6540, 'EUR', 6540,
           'completed', '$items', NULL FROM n;
COMMIT;
CREATE INDEX orders_by_customer ON orders(customer_key, ordered_at);
SQL
}
echo "sqlite $(sqlite3 --version | cut -d' ' -f1), $orders generated order rows, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
run | awk -v n="$orders" '/^Run Time/ {
    cpu = ($6 + $8) * 1e6 / n
    step = ++k == 2 ? "insert (one transaction)" : k == 3 ? "commit" : k == 4 ? "index rebuild" : ""
    if (step != "") printf "%-26s %6.2f µs CPU/row  (%s s real)\n", step, cpu, $4
}'

#!/usr/bin/env bash
# Webhook server benchmark (issue 6): wrk posts signed Shopify order webhooks, each a new order
# and event id, to `homing serve` on loopback; afterwards the script checks that every 200 was
# stored (one webhook_events row, one order, one enrolment and one outbox row per accepted order).
# The post-purchase journey is paused so the figure is the webhook path alone, not delivery.
# Usage: scripts/bench-webhooks.sh [SECONDS] [CONNECTIONS] [DIR]   (default 20 64 bench-webhooks)
# HOMING_BIN=path/to/homing benchmarks that binary instead of building one, for comparing two builds.
# SERVE_ARGS="--event-loops 1" passes more options to `homing serve`; WRK_THREADS=1 runs wrk on one thread.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
connections=${2:-64}
dir=${3:-bench-webhooks}
[ -n "${HOMING_BIN:-}" ] || scripts/setup.sh release >/dev/null
if ! command -v wrk >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y wrk >/dev/null
fi
command -v swift >/dev/null 2>&1 || export PATH=/opt/swift/usr/bin:$PATH
homing="${HOMING_BIN:-$(swift build -c release --show-bin-path)/homing}"

rm -rf "$dir" && mkdir -p "$dir/channels"
export HOMING_DB="$dir/homing.db" HOMING_LINK_SECRET=bench-link-secret-0123456789
export HOMING_SHOPIFY_SECRET=bench-shopify-secret
# More bodies than wrk can send in the run at 12k/s, so every request is a new order.
count=$((seconds * 12000))
python3 scripts/bench/shopify-orders.py "$count" "$HOMING_SHOPIFY_SECRET" "$dir/orders.tsv"

"$homing" pause post-purchase >/dev/null
# shellcheck disable=SC2086 # SERVE_ARGS is a list of options
"$homing" serve --port 0 --channels "$dir/channels" ${SERVE_ARGS:-} >"$dir/serve.out" 2>"$dir/serve.err" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "^listening" "$dir/serve.out" && break; sleep 0.1; done
address=$(sed -n 's/^listening on //p' "$dir/serve.out")

threads=${WRK_THREADS:-2}
echo "wrk: ${seconds}s, $threads threads, $connections connections, POST http://$address/webhooks/shopify/orders"
BODIES="$dir/orders.tsv" wrk -t "$threads" -c "$connections" -d "${seconds}s" --latency \
    -s scripts/bench/shopify-orders.lua "http://$address/webhooks/shopify/orders" | tee "$dir/wrk.txt"
# utime + stime of the server, in clock ticks, from /proc/PID/stat (fields 14 and 15).
cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$server/stat")
# Bytes handed to write-like calls (wchar, sockets included) and their count (syscw) by the server.
io=$(awk '/^wchar|^syscw/ { printf "%s ", $2 }' "/proc/$server/io")
kill -TERM "$server"
wait "$server" || true
trap - EXIT

ok=$(sed -n 's/^accepted (200): //p' "$dir/wrk.txt")
python3 - "$HOMING_DB" "$ok" "$cpu" "$connections" $io <<'PY'
import sqlite3, sys
db, ok, cpu, connections = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
wchar, syscw = int(sys.argv[5]), int(sys.argv[6])
con = sqlite3.connect(db)
count = lambda sql: con.execute(sql).fetchone()[0]
events = count("SELECT count(*) FROM webhook_events")
orders = count("SELECT count(*) FROM orders")
enrolments = count("SELECT count(*) FROM enrolments WHERE journey = 'post-purchase'")
outbox = count("SELECT count(*) FROM outbox WHERE journey = 'post-purchase'")
print(f"stored: {events} events, {orders} orders, {enrolments} enrolments, {outbox} outbox rows "
      f"for {ok} accepted; server CPU {cpu} s ({cpu * 1e6 / max(ok, 1):.0f} µs per webhook)")
print(f"server writes: {wchar / max(events, 1) / 1024:.1f} KiB in {syscw / max(events, 1):.1f} write calls "
      f"per webhook (/proc/PID/io wchar, syscw; responses included)")
# Requests still in flight when wrk stops are stored but their 200 is never counted, so up to one
# per connection may be stored without an accepted answer; never the other way round.
if not (events == orders == enrolments == outbox and ok <= events <= ok + connections):
    sys.exit("FAIL: a 200 without its rows, or more unanswered rows than connections")
print(f"every 200 is stored ({events - ok} more finished as wrk closed its connections)")
PY

#!/usr/bin/env bash
# Messages per second through the channel adapters and the libcurl transport to local servers:
# HTTP (webhook and SendGrid adapters) to nginx answering `return 202`, HTTP to `homing sink`, and
# SMTP to `homing sink`. Prints numbers only; nothing asserts a time.
#
#   scripts/bench-channels.sh [HTTP_MESSAGES] [SMTP_MESSAGES]
#
# Installs nginx-light with apt-get when nginx is missing. Environment: CONCURRENCY (64),
# CONNECTIONS (16, the transport's limit per host), SMTP_THREADS (4), NGINX_PORT (18380).
set -euo pipefail
cd "$(dirname "$0")/.."
http_messages="${1:-200000}"
smtp_messages="${2:-50000}"
concurrency="${CONCURRENCY:-64}"
connections="${CONNECTIONS:-16}"
smtp_threads="${SMTP_THREADS:-4}"
nginx_port="${NGINX_PORT:-18380}"

# shellcheck source=scripts/ensure-nginx.sh
source scripts/ensure-nginx.sh

swift build -c release --product homing >/dev/null
homing=.build/release/homing

work=$(mktemp -d)
chmod 755 "$work"
sink_pid=""
cleanup() {
    if [ -f "$work/nginx.pid" ]; then kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; fi
    if [ -n "$sink_pid" ]; then kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# One worker is plenty for `return 202` and leaves the other core to the client.
cat >"$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_buffer_size 1m;
    client_body_temp_path $work/body;
    keepalive_requests 10000000;
    keepalive_timeout 120s;
    server {
        listen 127.0.0.1:$nginx_port;
        location / { return 202; }
    }
}
EOF
"$nginx" -p "$work" -c "$work/nginx.conf"

"$homing" sink --host 127.0.0.1 --smtp-port 0 --http-port 0 --out "$work/sink.jsonl" \
    >"$work/sink.out" 2>"$work/sink.err" &
sink_pid=$!
for _ in $(seq 100); do
    if grep -q '^http listening' "$work/sink.out" 2>/dev/null; then break; fi
    sleep 0.1
done
smtp_port=$(sed -n 's/^smtp listening on .*:\([0-9]*\)$/\1/p' "$work/sink.out")
http_port=$(sed -n 's/^http listening on .*:\([0-9]*\)$/\1/p' "$work/sink.out")
if [ -z "$smtp_port" ] || [ -z "$http_port" ]; then
    echo "homing sink did not start:" >&2
    cat "$work/sink.err" >&2
    exit 1
fi

rows=()
# bench LABEL ARGS...: runs one measurement, shows its output, keeps a table row.
bench() {
    local label="$1"
    shift
    echo "== $label" >&2
    local output
    output=$("$homing" bench channels --concurrency "$concurrency" --connections "$connections" "$@")
    echo "$output" >&2
    # "23456 messages/s (8.53 s), p50 2.61 ms, p99 5.02 ms, peak RSS 41 MB, 0 failed, 52 µs CPU/message"
    rows+=("$(echo "$output" | tail -1 | awk -v label="$label" \
        '{ printf "| %s | %s | %s ms | %s ms | %s MB | %s | %s µs |", label, $1, $6, $9, $13, $15, $17 }')")
}

bench "HTTP webhook → nginx" --channel http --adapter webhook --messages "$http_messages" \
    --url "http://127.0.0.1:$nginx_port/hook"
bench "HTTP SendGrid → nginx" --channel http --adapter sendgrid --messages "$http_messages" \
    --url "http://127.0.0.1:$nginx_port"
bench "HTTP webhook → homing sink" --channel http --adapter webhook --messages "$http_messages" \
    --url "http://127.0.0.1:$http_port/hook"
bench "HTTP SendGrid → homing sink" --channel http --adapter sendgrid --messages "$http_messages" \
    --url "http://127.0.0.1:$http_port"
bench "SMTP → homing sink, 1 thread" --channel smtp --smtp-threads 1 --messages "$smtp_messages" \
    --url "smtp://127.0.0.1:$smtp_port"
bench "SMTP → homing sink, $smtp_threads threads" --channel smtp --smtp-threads "$smtp_threads" \
    --messages "$smtp_messages" --url "smtp://127.0.0.1:$smtp_port"

echo
echo "concurrency $concurrency, $connections connections per host; HTTP $http_messages and SMTP $smtp_messages messages"
echo "| run | messages/s | p50 | p99 | peak RSS | failed | client CPU/message |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"

#!/usr/bin/env bash
# Journeys benchmark (issue 5): messages per second from `homing launch` to sent, for N win-back
# emails (win-back-miss-you, rendered per customer in en/fr/zh) through the SendGrid adapter to
# `homing sink`'s HTTP side, with the SQLite store. Prints wall time and peak memory per phase and
# the end-to-end rate; asserts nothing.
# Usage: scripts/bench-dispatch.sh [MESSAGES] [CONCURRENCY] [DIR]   (default 100000 256 bench-dispatch)
# HOMING_BIN=path/to/homing benchmarks that binary instead of building one, for comparing two builds.
# SINK=nginx sends to nginx-light answering as SendGrid does (installed with apt-get when missing)
# instead of `homing sink`, which records every message but costs ~100 µs of CPU per message.
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-100000}
concurrency=${2:-256}
dir=${3:-bench-dispatch}
[ -n "${HOMING_BIN:-}" ] || scripts/setup.sh release >/dev/null
command -v swift >/dev/null 2>&1 || export PATH=/opt/swift/usr/bin:$PATH
homing="${HOMING_BIN:-$(swift build -c release --show-bin-path)/homing}"

rm -rf "$dir" && mkdir -p "$dir/channels"
cp -r config "$dir/config"
cat >"$dir/config/journeys/bench.yaml" <<'YAML'
id: bench
entry: manual
steps:
  - send: win-back-miss-you
    channels: [email]
YAML
python3 - "$messages" "$dir/customers.csv" <<'PY'
import sys
count, path = int(sys.argv[1]), sys.argv[2]
locales = ["en", "fr", "zh-CN", "zh-TW", "en-GB", "fr-CA"]
zones = ["Europe/Paris", "America/New_York", "Asia/Shanghai", "Asia/Taipei", "Europe/London", "America/Toronto"]
with open(path, "w") as out:
    out.write("customer_id,email,first_name,last_name,locale,timezone,consent_email\n")
    for i in range(count):
        out.write(f"c{i},c{i}@example.com,Ann,Lee,{locales[i % 6]},{zones[i % 6]},true\n")
PY

if [ "${SINK:-homing}" = nginx ]; then
    # nginx-light answering as SendGrid does (202 and an X-Message-Id), one status per access-log
    # line to count what it accepted: a sink that costs far less CPU than `homing sink`.
    # shellcheck source=scripts/ensure-nginx.sh
    source scripts/ensure-nginx.sh
    port=${NGINX_PORT:-18381}
    mkdir -p "$dir/nginx"
    dir=$(cd "$dir" && pwd)
    cat >"$dir/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 4096; }
http {
    log_format status \$status;
    access_log $dir/nginx/access.log status buffer=64k;
    client_body_buffer_size 1m;
    client_body_temp_path $dir/nginx/body;
    keepalive_requests 10000000;
    keepalive_timeout 120s;
    server {
        listen 127.0.0.1:$port;
        location /v3/mail/send { add_header X-Message-Id \$request_id always; return 202; }
    }
}
EOF
    "$nginx" -p "$dir/nginx" -c "$dir/nginx/nginx.conf"
    trap 'kill "$(cat "$dir/nginx/nginx.pid")" 2>/dev/null || true' EXIT
    address=127.0.0.1:$port
else
    "$homing" sink --smtp-port 0 --http-port 0 --out "$dir/sink.jsonl" >"$dir/sink.out" 2>&1 &
    sink=$!
    trap 'kill $sink 2>/dev/null || true' EXIT
    for _ in $(seq 50); do grep -q "^http listening" "$dir/sink.out" && break; sleep 0.1; done
    address=$(sed -n 's/^http listening on //p' "$dir/sink.out")
fi
cat >"$dir/channels/email.yaml" <<YAML
channel: email
adapter: sendgrid
base_url: http://$address
api_key_env: HOMING_SENDGRID_API_KEY
from_email: help@shop.example.com
YAML

export HOMING_DB="$dir/homing.db" HOMING_LINK_SECRET=bench-link-secret-0123456789
options=(--config "$dir/config")
phase() {
    local name=$1
    shift
    /usr/bin/time -f "%e %M %U %S" -o "$dir/time.txt" "$@" >"$dir/out.txt" 2>"$dir/err.txt" || {
        cat "$dir/err.txt" >&2
        exit 1
    }
    read -r seconds kilobytes user system <"$dir/time.txt"
    local cpu
    cpu=$(echo "$user + $system" | bc)
    printf '%-16s %8.2f s  %7.0f MB peak  %6.2f s CPU (%3.0f µs/message)  %s\n' "$name" "$seconds" \
        "$((kilobytes / 1024))" "$cpu" "$(echo "$cpu * 1000000 / $messages" | bc)" \
        "$( (cat "$dir/out.txt" "$dir/err.txt") | tail -n 1 | cut -c1-60)"
    echo "$seconds" >>"$dir/seconds.txt"
    echo "$cpu" >>"$dir/cpu.txt"
}

echo "homing dispatch benchmark: $messages messages, concurrency $concurrency, $(nproc) cores"
phase "import" "$homing" import customers "$dir/customers.csv" "${options[@]}"
: >"$dir/seconds.txt"
: >"$dir/cpu.txt"
phase "launch" "$homing" launch bench "${options[@]}"
phase "run" "$homing" run --until-idle --concurrency "$concurrency" --channels "$dir/channels" "${options[@]}"
sleep 0.5
total=$(paste -sd+ "$dir/seconds.txt" | bc)
if [ "${SINK:-homing}" = nginx ]; then
    kill -USR1 "$(cat "$dir/nginx/nginx.pid")" # reopens the log, writing out its buffer
    sleep 0.5
    accepted=$(grep -c '^202$' "$dir/nginx/access.log" || true)
else
    accepted=$(grep -c '"outcome":"accepted"' "$dir/sink.jsonl" || true)
fi
cpu=$(paste -sd+ "$dir/cpu.txt" | bc)
echo "launch to sent: $messages messages in $total s = $(echo "$messages / $total" | bc) messages/s;" \
    "homing CPU $(echo "$cpu * 1000000 / $messages" | bc) µs/message (launch + run); sink accepted $accepted"

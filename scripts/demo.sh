#!/usr/bin/env bash
# The main job on the embedded default store: set up, make demo data, import it, print segments and metrics.
# Usage: scripts/demo.sh [CUSTOMERS] [ORDERS]   (default 20000 and 200000)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh debug
command -v swift >/dev/null 2>&1 || export PATH=/opt/swift/usr/bin:$PATH
homing="$(swift build --show-bin-path)/homing"

customers=${1:-20000}
orders=${2:-200000}
rm -rf demo && mkdir -p demo
export HOMING_DB=demo/homing.db
"$homing" demo-data --customers "$customers" --orders "$orders" --seed 1 --out demo
"$homing" import customers demo/customers.csv
"$homing" import orders demo/orders.csv
# The demo history ends on 2026-11-01, so the analyses look at the shop as of that day.
"$homing" segments --as-of 2026-11-01 --save
echo
"$homing" metrics --to 2026-11-01
echo
"$homing" templates check --quiet

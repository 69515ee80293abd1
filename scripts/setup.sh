#!/usr/bin/env bash
# Installs what Homing needs on a fresh Debian machine that has the Swift toolchain, then builds it.
# Usage: scripts/setup.sh [debug|release]   (default debug)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libcurl4-openssl-dev libsqlite3-dev tzdata time openssl nghttp2-server)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
fi

if ! command -v swift >/dev/null 2>&1; then
    export PATH=/opt/swift/usr/bin:$PATH
fi
command -v swift >/dev/null 2>&1 || { echo "setup: no swift on PATH or in /opt/swift/usr/bin" >&2; exit 1; }

swift build -c "${1:-debug}"

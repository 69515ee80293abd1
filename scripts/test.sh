#!/usr/bin/env bash
# Sets up and runs every check CI runs: lint, build (once), tests.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v swift >/dev/null 2>&1 || export PATH=/opt/swift/usr/bin:$PATH
scripts/setup.sh debug
swift format lint --strict --recursive Package.swift Sources Tests
swift build --build-tests
swift test --skip-build

#!/usr/bin/env bash
# Quick start: sets everything up and runs the built-in default scenario.
# Extra arguments go to `integrasim run` (e.g. --threads 2 --csv-dialect excel-da).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build/integrasim run "$@"

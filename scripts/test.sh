#!/usr/bin/env bash
# Sets everything up and runs the default test suite (CTest labels unit, stat, golden;
# a few minutes on 2 cores). The slow verification is scripts/verify-slow.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
ctest --test-dir "${INTEGRASIM_BUILD_DIR:-build}" -L 'unit|stat|golden' --output-on-failure -j"$(nproc)"

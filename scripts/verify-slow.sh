#!/usr/bin/env bash
# The slow verification, kept out of the default test run (docs/developing.md principle 8):
#
#   scripts/verify-slow.sh
#
# 1. setup: installs the usual packages plus clang and libclang-rt-14-dev (for the
#    fuzzer) through scripts/setup.sh, and builds build/ (Release);
# 2. sanitizers: builds with INTEGRASIM_SANITIZE=ON (AddressSanitizer +
#    UndefinedBehaviorSanitizer) in build-sanitize/ and runs the unit, stat and golden
#    tests there (the CLI and golden tests run the sanitized `integrasim` too);
# 3. fuzzing: runs scripts/fuzz.sh (libFuzzer on the scenario reader: 10^6 executions of
#    inputs up to 4 KB, then 10^4 up to 1 MB) if it exists;
# 4. validation: `build/integrasim validate` with 100,000 persons per reference scenario;
# 5. throughput: `build/integrasim bench --threads 1` and `--threads 2`, and the
#    explorer's speed benchmark (scenarios/explore/speed.toml) with and without prefix
#    reuse, printed for the record (no thresholds); the two explore.csv files must be
#    byte-identical;
# 6. scale: scripts/measure_scale.py, the decomposition's cost (median wall time with
#    against without, default scenario at 1,000,000 persons) and the peak memory with all
#    seven subgroup dimensions at 200,000 and 2,000,000 persons, printed for the record;
# 7. run profile: builds build-profile/ with INTEGRASIM_RUN_PROFILE=ON, runs the unit tests
#    there (RunProfile's test then checks that every run is timed) and prints `bench`'s
#    cycles per part of a run (core/run_profile.h), for the record.
#
# Stops at the first failing step and exits non-zero. On the 2-core build machine, with
# the builds already there, it took 27 minutes (1,618 s, 2026-12-07), of which the
# fuzzer's two passes took 1,001 s and the sanitized tests 183 s; from a clean checkout
# add the sanitized, fuzzing and profiling builds.
# Environment:
#   INTEGRASIM_FUZZ_RUNS     libFuzzer runs passed to scripts/fuzz.sh (default: its own,
#                            1000000); INTEGRASIM_FUZZ_LARGE_RUNS reaches it too
#   INTEGRASIM_SANITIZE_DIR  build folder for step 2 (default: build-sanitize)
#   INTEGRASIM_PROFILE_DIR   build folder for step 7 (default: build-profile)
#   INTEGRASIM_WERROR=ON     treat compiler warnings as errors in every build (build/, sanitized, profiling)
#   ASAN_OPTIONS, UBSAN_OPTIONS  passed on to the sanitized tests (defaults below)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== verify-slow: %s ===\n' "$*"; }
started=$SECONDS

step "1/7 setup (with clang and libclang-rt-14-dev)"
INTEGRASIM_EXTRA_PACKAGES="clang libclang-rt-14-dev ${INTEGRASIM_EXTRA_PACKAGES:-}" scripts/setup.sh

step "2/7 AddressSanitizer + UndefinedBehaviorSanitizer build and tests"
sanitize_dir="${INTEGRASIM_SANITIZE_DIR:-build-sanitize}"
cmake -S . -B "$sanitize_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINTEGRASIM_SANITIZE=ON \
  -DINTEGRASIM_WERROR="${INTEGRASIM_WERROR:-OFF}" >/dev/null
cmake --build "$sanitize_dir" -j"$(nproc)"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
ctest --test-dir "$sanitize_dir" -L 'unit|stat|golden' --output-on-failure -j"$(nproc)"

step "3/7 fuzzing the scenario reader"
if [ -f scripts/fuzz.sh ]; then
  if [ -n "${INTEGRASIM_FUZZ_RUNS:-}" ]; then
    bash scripts/fuzz.sh "$INTEGRASIM_FUZZ_RUNS"
  else
    bash scripts/fuzz.sh
  fi
else
  echo "verify-slow: scripts/fuzz.sh not found; fuzzing skipped" >&2
fi

step "4/7 validation against every published target (scenarios/validation)"
build/integrasim validate --threads "$(nproc)" --persons 100000

step "5/7 throughput (reference benchmark, explorer with and without prefix reuse)"
build/integrasim bench --threads 1
build/integrasim bench --threads 2
explore_dir="$(mktemp -d)"
build/integrasim explore scenarios/explore/speed.toml --threads "$(nproc)" --out "$explore_dir/reuse" \
  >"$explore_dir/reuse.txt"
build/integrasim explore scenarios/explore/speed.toml --threads "$(nproc)" --no-prefix-reuse \
  --out "$explore_dir/full" >"$explore_dir/full.txt"
sed -n 2,3p "$explore_dir/reuse.txt"
sed -n 2p "$explore_dir/full.txt"
cmp "$explore_dir/reuse/explore.csv" "$explore_dir/full/explore.csv"
echo "verify-slow: explore.csv is byte-identical with and without prefix reuse"
rm -rf "$explore_dir"

step "6/7 scale (decomposition ratio, peak memory with all subgroups)"
python3 scripts/measure_scale.py --threads "$(nproc)"

step "7/7 run profile (cycles per part of a run, INTEGRASIM_RUN_PROFILE=ON)"
profile_dir="${INTEGRASIM_PROFILE_DIR:-build-profile}"
cmake -S . -B "$profile_dir" -DCMAKE_BUILD_TYPE=Release -DINTEGRASIM_RUN_PROFILE=ON \
  -DINTEGRASIM_WERROR="${INTEGRASIM_WERROR:-OFF}" >/dev/null
cmake --build "$profile_dir" -j"$(nproc)"
ctest --test-dir "$profile_dir" -L unit --output-on-failure -j"$(nproc)"
"$profile_dir/integrasim" bench --threads 1

printf '\nverify-slow: all steps passed in %d s\n' "$((SECONDS - started))"

#!/usr/bin/env bash
# Fuzzes the TOML guard + scenario reader (tests/fuzz/fuzz_scenario.cpp) with libFuzzer.
#
#   scripts/fuzz.sh [RUNS] [extra libFuzzer options...]     (RUNS defaults to 1000000)
#
# Builds with clang++ in build-fuzz/ as a Debug build on purpose: toml++'s assertions are
# live there, so inputs that trip them (like "[&") abort instead of silently invoking
# undefined behaviour. Every translation unit, toml++ included, is instrumented for
# coverage and for AddressSanitizer/UndefinedBehaviorSanitizer.
#
# The corpus starts from tests/fixtures/scenarios/ and tests/fixtures/toml_crashes/ (new
# inputs are kept in build-fuzz/corpus/, never in the source tree). A crash is copied to
# tests/fixtures/toml_crashes/ so that tests/io/toml_guard_test.cpp keeps checking it
# once the guard has a rule for it. Exit status: 0 clean, 1 crash found, 2 build failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build-fuzz"
runs="${1:-1000000}"
shift || true

cmake -S "$root" -B "$build" \
  -DINTEGRASIM_FUZZ=ON -DINTEGRASIM_TESTS=OFF \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
  >/dev/null || exit 2
cmake --build "$build" --target fuzz_scenario -j"$(nproc)" >/dev/null || exit 2

mkdir -p "$build/corpus" "$build/artifacts"
rm -f "$build"/artifacts/crash-* "$build"/artifacts/leak-* "$build"/artifacts/timeout-* \
  "$build"/artifacts/oom-*

# TOML tokens and the scenario format's own words help the fuzzer reach deep branches.
dict="$build/toml.dict"
{
  for token in '[' ']' '[[' ']]' '{' '}' '=' ',' '.' '#' '"' "'" '"""' "'''" '\' '\u00e6' \
    '\U0001F600' 'true' 'false' 'nan' 'inf' '-inf' '+nan' '0x1F' '0o17' '0b101' '1e3' '1_000' \
    '-0.0' '1979-05-27' '07:32:00' '1979-05-27T07:32:00Z' $'\r\n' $'\t' \
    'scenario' 'population' 'frailty' 'pathway' 'pathway.step' 'arm' 'arm.assign' 'output' \
    'overrides' 'name' 'description' 'horizon_months' 'persons' 'seed' 'duration_clock' \
    'combination_rule' 'combination_alpha' 'diminishing' 'since_spell_start' 'sex' 'male' \
    'group' 'match_group' 'job_ready' 'danish_level_values' 'danish_level_shares' 'variance' \
    'applies_to' 'employed' 'step' 'intervention' 'track' 'start_month' 'after_previous_months' \
    'duration_months' 'coverage' 'eligible' 'min_danish_level' 'dose' 'role' 'comparator' \
    'policy' 'reentry_pathway' 'assign' 'who' 'subgroups' 'employment_rate_months' \
    'decomposition' 'danish_education' 'internship_private' \
    'effect.internship_private.post.employed.all' $'\xd0\x98' $'\xc2\xa0' $'\xe3\x80\x80' \
    $'\xef\xbb\xbf'; do
    # libFuzzer dictionary entries are C-escaped strings in double quotes.
    printf '"%s"\n' "$(printf '%s' "$token" | od -An -tx1 -v | tr -s ' \n' ' ' |
      sed -e 's/^ //' -e 's/ $//' -e 's/\([0-9a-f][0-9a-f]\)/\\x\1/g' -e 's/ //g')"
  done
} >"$dict"

set +e
"$build/fuzz_scenario" "$build/corpus" "$root/tests/fixtures/scenarios" \
  "$root/tests/fixtures/toml_crashes" \
  -dict="$dict" -runs="$runs" -max_len=4096 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$build/artifacts/" "$@" 2>&1 | tee "$build/fuzz.log"
status=${PIPESTATUS[0]}
set -e

found=0
for artifact in "$build"/artifacts/*; do
  [ -e "$artifact" ] || continue
  name="$(basename "$artifact")"
  cp "$artifact" "$root/tests/fixtures/toml_crashes/$name.toml"
  echo "fuzz.sh: kept $name as tests/fixtures/toml_crashes/$name.toml" >&2
  found=1
done
grep -aE 'stat::number_of_executed_units|Done [0-9]+ runs' "$build/fuzz.log" || true
if [ "$found" -ne 0 ] || [ "$status" -ne 0 ]; then
  echo "fuzz.sh: the fuzzer found a problem (libFuzzer status $status); see $build/fuzz.log" >&2
  exit 1
fi
echo "fuzz.sh: clean" >&2

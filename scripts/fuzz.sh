#!/usr/bin/env bash
# Fuzzes the TOML guard + scenario reader (tests/fuzz/fuzz_scenario.cpp) with libFuzzer.
#
#   scripts/fuzz.sh [RUNS] [extra libFuzzer options...]     (RUNS defaults to 1000000)
#
# Two passes over one corpus. The first makes RUNS executions of inputs cut to 4 KB: the
# reader's branches are reached by small inputs, at about 1,000 executions a second here.
# The second makes INTEGRASIM_FUZZ_LARGE_RUNS (default 10000) executions of inputs up to
# 1 MB, for the guard's depth and size bounds: at about 100 a second, a million of those
# would take three hours, which kept the slow verification from ever finishing.
#
# Builds with clang++ in build-fuzz/ as a Debug build on purpose: toml++'s assertions are
# live there, so inputs that trip them (like "[&") abort instead of silently invoking
# undefined behaviour. Every translation unit, toml++ included, is instrumented for
# coverage and for AddressSanitizer/UndefinedBehaviorSanitizer.
#
# The corpus starts from tests/fixtures/scenarios/, tests/fixtures/toml_crashes/ and a few
# generated inputs of about 1 MB at and past the guard's depth bounds (in build-fuzz/seeds/;
# new inputs are kept in build-fuzz/corpus/, never in the source tree). Inputs may be up
# to 1 MB: deep nesting only crashed toml++ beyond about 30,000 levels under ASan. A 1 MB
# input takes seconds in this unoptimised, instrumented build (about 50 ms in Release),
# hence the generous per-input timeout. A crash is copied to
# tests/fixtures/toml_crashes/ so that tests/io/toml_guard_test.cpp keeps checking it
# once the guard has a rule for it. Exit status: 0 clean, 1 crash found, 2 build failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build-fuzz"
runs="${1:-1000000}"
shift || true
large_runs="${INTEGRASIM_FUZZ_LARGE_RUNS:-10000}"
small_len=4096

cmake -S "$root" -B "$build" \
  -DINTEGRASIM_FUZZ=ON -DINTEGRASIM_TESTS=OFF \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
  >/dev/null || exit 2
cmake --build "$build" --target fuzz_scenario -j"$(nproc)" >/dev/null || exit 2

mkdir -p "$build/corpus" "$build/artifacts" "$build/seeds"
max_len=1048576
# Large seeds, so that the fuzzer mutates inputs near the size limit from the start.
python3 - "$build/seeds" "$max_len" <<'PY'
import sys
seeds, size = sys.argv[1], int(sys.argv[2]) - 64
def dotted(parts): return ".".join(["a"] * parts)
inputs = {
    "header_32_parts": "[" + dotted(32) + "]\n" + dotted(32) + " = 1\n",
    "header_huge": "[" + dotted(size // 2) + "]\n",
    "key_huge": dotted(size // 2) + " = 1\n",
    "arrays_huge": "x = " + "[" * size + "\n",
    "tables_huge": "x = " + "{a=" * (size // 3) + "\n",
    "key_long": "k" * size + " = 1\n",
    "string_long": "[scenario]\nname = \"" + "n" * size + "\"\n",
    "nested_32": "x = " + "[" * 32 + "1" + "]" * 32 + "\n",
}
deepest = "1"  # the deepest tree the guard allows: 32 inline tables of 32-part keys
for _ in range(32):
    deepest = "{ " + dotted(32) + " = " + deepest + " }"
inputs["deepest_allowed"] = "[" + dotted(32) + "]\n" + dotted(32) + " = " + deepest + "\n"
for name, text in inputs.items():
    with open(f"{seeds}/{name}.toml", "w") as f:
        f.write(text)
PY
rm -f "$build"/artifacts/crash-* "$build"/artifacts/leak-* "$build"/artifacts/timeout-* \
  "$build"/artifacts/oom-* "$build"/artifacts/slow-unit-*

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
    'effect.internship_private.post.employed.male' $'\xd0\x98' $'\xc2\xa0' $'\xe3\x80\x80' \
    $'\xef\xbb\xbf'; do
    # libFuzzer dictionary entries are C-escaped strings in double quotes.
    printf '"%s"\n' "$(printf '%s' "$token" | od -An -tx1 -v | tr -s ' \n' ' ' |
      sed -e 's/^ //' -e 's/ $//' -e 's/\([0-9a-f][0-9a-f]\)/\\x\1/g' -e 's/ //g')"
  done
} >"$dict"

# One pass: $1 executions of inputs up to $2 bytes; its log is appended to fuzz.log.
fuzz_pass() {
  echo "fuzz.sh: $1 executions of inputs up to $2 bytes" | tee -a "$build/fuzz.log"
  "$build/fuzz_scenario" "$build/corpus" "$root/tests/fixtures/scenarios" \
    "$root/tests/fixtures/toml_crashes" "$build/seeds" \
    -dict="$dict" -runs="$1" -max_len="$2" -timeout=60 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/" "${@:3}" 2>&1 | tee -a "$build/fuzz.log"
  return "${PIPESTATUS[0]}"
}
: >"$build/fuzz.log"
set +e
fuzz_pass "$runs" "$small_len" "$@"
status=$?
if [ "$status" -eq 0 ]; then
  fuzz_pass "$large_runs" "$max_len" "$@"
  status=$?
fi
set -e

found=0
# Slow units (over 10 s: expected for 1 MB inputs in this build) are no findings.
for artifact in "$build"/artifacts/{crash,leak,timeout,oom}-*; do
  [ -e "$artifact" ] || continue
  name="$(basename "$artifact")"
  cp "$artifact" "$root/tests/fixtures/toml_crashes/$name.toml"
  echo "fuzz.sh: kept $name as tests/fixtures/toml_crashes/$name.toml" >&2
  found=1
done
grep -aE 'stat::number_of_executed_units|Done [0-9]+ runs' "$build/fuzz.log" || true
largest="$(find "$build/corpus" "$build/seeds" -type f -printf '%s\n' | sort -n | tail -1)"
echo "fuzz.sh: largest input in the corpus: ${largest:-0} bytes (limit $max_len)" >&2
if [ "$found" -ne 0 ] || [ "$status" -ne 0 ]; then
  echo "fuzz.sh: the fuzzer found a problem (libFuzzer status $status); see $build/fuzz.log" >&2
  exit 1
fi
echo "fuzz.sh: clean" >&2

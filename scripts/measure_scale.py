#!/usr/bin/env python3
"""Measure what issue 13 tracks, for the record (no thresholds): the cost of the effects
decomposition and the peak memory with every subgroup dimension.

    python3 scripts/measure_scale.py [--binary build/integrasim] [--runs 5]
                                     [--persons 200000 2000000] [--threads 2]
                                     [--ratio-persons 1000000]

1. Decomposition ratio: scenarios/default.toml as shipped (decomposition on) against the
   same file with `decomposition = false`, at `--ratio-persons` (default 1,000,000, so that
   simulating dominates writing the files: at 200,000 the fixed cost of writing the files,
   about 0.1 s, still hides about 40 % of the decomposition's extra time), run alternately `--runs` times
   each; prints the median wall times and their ratio.
2. Peak memory: scenarios/default.toml with all seven subgroup dimensions, at each
   `--persons`; prints the peak resident set size of the run (from wait4's rusage, so no
   external `time` program is needed).

Python 3 standard library only. Used by scripts/verify-slow.sh.
"""

import argparse
import os
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
ALL_SUBGROUPS = '["sex", "group", "match_group", "age_band", "education", "health", "children"]'


def run(binary, scenario, out_dir, threads, persons=None):
    """Runs one scenario; returns (wall seconds, peak RSS in bytes)."""
    args = [binary, "run", str(scenario), "--threads", str(threads), "--out", str(out_dir), "--quiet"]
    if persons is not None:
        args += ["--persons", str(persons)]
    started = time.monotonic()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"measure_scale: {' '.join(args)} exited with {code}")
    return wall, usage.ru_maxrss * 1024  # ru_maxrss is in KiB on Linux


def variant(text, pattern, replacement):
    new, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
    if count != 1:
        sys.exit(f"measure_scale: scenarios/default.toml has no single line matching {pattern!r}")
    return new


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=str(ROOT / "build" / "integrasim"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--persons", type=int, nargs="+", default=[200000, 2000000])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--ratio-persons", type=int, default=1000000,
                        help="cohort of the decomposition runs (large, so that simulating dominates writing)")
    options = parser.parse_args()

    text = (ROOT / "scenarios" / "default.toml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        with_decomposition = tmp / "with_decomposition.toml"
        without = tmp / "without_decomposition.toml"
        all_subgroups = tmp / "all_subgroups.toml"
        with_decomposition.write_text(text, encoding="utf-8")
        without.write_text(variant(text, r"^decomposition = true$", "decomposition = false"), encoding="utf-8")
        all_subgroups.write_text(variant(text, r"^subgroups = .*$", "subgroups = " + ALL_SUBGROUPS),
                                 encoding="utf-8")

        on, off = [], []
        for i in range(options.runs):
            on.append(run(options.binary, with_decomposition, tmp / f"on{i}", options.threads,
                          options.ratio_persons)[0])
            off.append(run(options.binary, without, tmp / f"off{i}", options.threads, options.ratio_persons)[0])
        print(f"decomposition: median wall {statistics.median(on):.3f} s with, "
              f"{statistics.median(off):.3f} s without ({options.runs} runs each, {options.ratio_persons} persons, "
              f"--threads {options.threads}); ratio {statistics.median(on) / statistics.median(off):.2f}")

        for persons in options.persons:
            wall, peak = run(options.binary, all_subgroups, tmp / f"mem{persons}", options.threads, persons)
            print(f"all seven subgroups, {persons} persons: peak RSS {peak / 1e6:.0f} MB, "
                  f"wall {wall:.1f} s (--threads {options.threads})")


if __name__ == "__main__":
    main()

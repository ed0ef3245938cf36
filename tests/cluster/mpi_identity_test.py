#!/usr/bin/env python3
"""Results under `mpirun -np 1|2|3` are byte-identical to one plain process (docs/cluster.md).

Registered by CMake only when INTEGRASIM_MPI is on, so a build without MPI has no such
test rather than one that passes without checking anything.
Usage: mpi_identity_test.py INTEGRASIM MPIRUN SOURCE_DIR WORK_DIR
"""
import json
import os
import shutil
import subprocess
import sys

BINARY, MPIRUN, SOURCE, WORK = sys.argv[1:5]
MPI_FLAGS = ["--oversubscribe", "--allow-run-as-root"]
# Manifest fields that say how a run went, not what it computed.
RUN_FIELDS = {"command_line", "started_utc", "wall_seconds", "mpi_ranks", "mpi_bytes"}

CASES = {
    # name: arguments after `run`
    "default": ["--persons", "6000"],
    "fewer_chunks_than_ranks": ["--persons", "2000"],  # 2 chunks: rank 2 of 3 has none
    "draws": ["--persons", "3000", "--draws", "3", "--threads", "2"],
    "capacity": [os.path.join(SOURCE, "scenarios", "municipality_plan.toml")],
}

failures = []


# In a sanitized build (INTEGRASIM_SANITIZE), the ranks skip the leak check: Open MPI's
# runtime keeps allocations to the end, many from components it has unloaded by then, so
# LeakSanitizer reports them with stacks no suppression can match. The same code is
# leak-checked in the plain runs. Without a sanitizer the variable is ignored.
MPI_ENV = dict(os.environ)
MPI_ENV["ASAN_OPTIONS"] = ":".join(filter(None, [os.environ.get("ASAN_OPTIONS"), "detect_leaks=0"]))


def run(command, expect_code=0):
    env = MPI_ENV if command[0] == MPIRUN else None
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    if done.returncode != expect_code:
        failures.append(f"{' '.join(command)}: exit {done.returncode}, expected {expect_code}\n{done.stderr}")
    return done


def mpi(ranks, args):
    return [MPIRUN, *MPI_FLAGS, "-np", str(ranks), BINARY, *args]


def manifest_core(folder):
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
        return {k: v for k, v in json.load(f).items() if k not in RUN_FIELDS}


def compare(reference, folder, label):
    names = sorted(os.listdir(reference))
    if sorted(os.listdir(folder)) != names:
        failures.append(f"{label}: files {sorted(os.listdir(folder))}, expected {names}")
        return
    for name in names:
        if name == "manifest.json":
            if manifest_core(folder) != manifest_core(reference):
                failures.append(f"{label}: manifest.json differs beyond the run-specific fields")
            continue
        with open(os.path.join(reference, name), "rb") as a, open(os.path.join(folder, name), "rb") as b:
            if a.read() != b.read():
                failures.append(f"{label}: {name} differs from the one-process run")


shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
for case, args in CASES.items():
    plain = os.path.join(WORK, case, "plain")
    run([BINARY, "run", *args, "--out", plain, "--quiet"])
    for ranks in (1, 2, 3):
        out = os.path.join(WORK, case, f"np{ranks}")
        run(mpi(ranks, ["run", *args, "--out", out, "--quiet"]))
        if os.path.isdir(out):
            compare(plain, out, f"{case} np {ranks}")
            if ranks > 1:
                with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
                    m = json.load(f)
                if m.get("mpi_ranks") != ranks or m.get("mpi_bytes", 0) <= 0:
                    failures.append(f"{case} np {ranks}: manifest mpi_ranks/mpi_bytes {m.get('mpi_ranks')}/"
                                    f"{m.get('mpi_bytes')}")
        else:
            failures.append(f"{case} np {ranks}: no result folder")

# An input error: every rank fails alike with exit 2, and the message appears once.
bad = os.path.join(WORK, "bad.toml")
with open(bad, "w", encoding="utf-8") as f:
    f.write('[scenario]\nname = "bad"\npersons = -3\n')
done = run(mpi(3, ["run", bad, "--out", os.path.join(WORK, "bad")]), expect_code=2)
if done.stderr.count("persons is -3") != 1:
    failures.append(f"input error printed {done.stderr.count('persons is -3')} times, expected once")
if os.path.exists(os.path.join(WORK, "bad")):
    failures.append("input error: a result folder was written")

# Commands that are not split refuse several ranks rather than write N times.
done = run(mpi(2, ["check", os.path.join(SOURCE, "scenarios", "municipality_plan.toml")]), expect_code=2)
if "mpirun -np is 2, but must be 1 for this command" not in done.stderr:
    failures.append(f"check under 2 ranks: missing refusal in stderr:\n{done.stderr}")

# A sweep's points are whole runs: refused under several ranks too.
swept = os.path.join(WORK, "swept.toml")
with open(os.path.join(SOURCE, "scenarios", "default.toml"), encoding="utf-8") as f:
    text = f.read()
with open(swept, "w", encoding="utf-8") as f:
    f.write(text + '\n[sweep]\ntarget = "override.effect.internship_private.post.employed.male"\nvalues = [1.0, 1.2]\n')
done = run(mpi(2, ["run", swept, "--persons", "1000", "--out", os.path.join(WORK, "swept")]), expect_code=2)
if "mpirun -np is 2, but must be 1 for a scenario with [sweep]" not in done.stderr:
    failures.append(f"sweep under 2 ranks: missing refusal in stderr:\n{done.stderr}")
if os.path.exists(os.path.join(WORK, "swept")):
    failures.append("sweep under 2 ranks: a result folder was written")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"{len(CASES)} scenarios byte-identical under mpirun -np 1, 2, 3; input errors exit 2 on every rank")

#!/usr/bin/env python3
"""Writes scenarios/municipality/caseload_example.csv: a synthetic caseload of 300 persons.

Nobody in it is real. The ids are P0001..P0300 and every field is drawn from the shares
below with a fixed seed, so running this again writes the same bytes (the file's SHA-256
in a manifest then names the same caseload). The shares are plausible for a Danish
municipality's integration caseload, not estimates: use the file to try the caseload
format and the simulator, never to draw conclusions about a real municipality.

Shares: 55 % male; 50 % refugees, 38 % family reunified, 12 % other immigrants; 40 %
job ready; more health problems among the activity ready; months since arrival 0-60,
three in four below 36; the benefit spell at most the time since arrival and skewed
towards all of it; Danish level mostly 0-1; about 15 % in a programme today (Danish
education or a private company internship), for a few months at most. The columns are
described in docs/caseload.md.

Usage: python3 scripts/make_synthetic_caseload.py [output.csv]
Only Python's standard library; random.Random.random() is the only draw used, whose
sequence for a given integer seed does not change between Python versions.
"""
import random
import sys
from pathlib import Path

SEED = 20260101
PERSONS = 300
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "scenarios" / "municipality" / "caseload_example.csv"

COLUMNS = ["person_id", "sex", "group", "match_group", "age_band", "education", "health", "children",
           "danish_level", "months_since_arrival", "months_on_benefit", "current_programme",
           "months_in_programme"]


def pick(rng, weighted):
    """One value of [(value, weight), ...], with probability proportional to its weight."""
    u = rng.random() * sum(w for _, w in weighted)
    for value, weight in weighted:
        u -= weight
        if u < 0:
            return value
    return weighted[-1][0]


def below(rng, n):
    """A whole number in [0, n)."""
    return min(int(rng.random() * n), n - 1)


def person(rng, number):
    sex = pick(rng, [("male", 55), ("female", 45)])
    group = pick(rng, [("refugee", 50), ("family_reunified", 38), ("other_immigrant", 12)])
    match_group = pick(rng, [("job_ready", 40), ("activity_ready", 60)])
    age_band = pick(rng, [("age_18_29", 35), ("age_30_39", 35), ("age_40_49", 20), ("age_50_64", 10)])
    education = pick(rng, [("basic", 55), ("upper_secondary", 30), ("tertiary", 15)])
    sick = 35 if match_group == "activity_ready" else 10
    health = pick(rng, [("healthy", 100 - sick), ("health_problems", sick)])
    small = 45 if sex == "female" else 25
    children = pick(rng, [("no_small_children", 100 - small), ("small_children", small)])
    danish = pick(rng, [("0", 35), ("0.5", 20), ("1", 20), ("1.5", 10), ("2", 10), ("2.5", 3), ("3", 2)])
    # Three in four arrived less than three years ago.
    arrival = below(rng, 36) if rng.random() < 0.75 else 36 + below(rng, 25)
    # Most have been on benefit for most of their time in Denmark: u**0.4 leans towards 1.
    on_benefit = int(arrival * rng.random() ** 0.4)
    programme = pick(rng, [("", 85), ("danish_education", 10), ("internship_private", 5)])
    in_programme = str(below(rng, min(6, on_benefit) + 1)) if programme else ""
    return [f"P{number:04d}", sex, group, match_group, age_band, education, health, children, danish,
            str(arrival), str(on_benefit), programme, in_programme]


def main():
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT
    rng = random.Random(SEED)
    rows = [COLUMNS] + [person(rng, i) for i in range(1, PERSONS + 1)]
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("".join(",".join(row) + "\n" for row in rows), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()

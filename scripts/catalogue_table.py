#!/usr/bin/env python3
"""Print the evidence catalogue (scenarios/evidence/*.csv) as Markdown tables.

Used to generate the value tables in docs/catalogue_reference.md:

    python3 scripts/catalogue_table.py > /tmp/table.md

and paste the output between the GENERATED markers of that file. Python 3 standard
library only. One row per catalogue value, including the six numbers of every
intervention type (ids "<intervention>.<column>"), with its source ids and status.
"""

import argparse
import csv
import pathlib
from collections import Counter

ROOT = pathlib.Path(__file__).resolve().parent.parent

# File, heading, and how to describe a row's subject and unit.
FILES = [
    ("baseline_hazards.csv", "Baseline hazards out of benefit"),
    ("return_hazards.csv", "Hazards of returning to benefit"),
    ("covariates.csv", "Covariate hazard ratios"),
    ("interventions.csv", "Intervention types"),
    ("effects.csv", "Intervention effects (hazard ratios)"),
    ("interactions.csv", "Ordered interactions (hazard ratios)"),
    ("rules.csv", "Rules, rates and costs"),
]

INTERVENTION_NUMBERS = [
    ("default_duration_months", "months"),
    ("anticipation_months", "months"),
    ("full_dose_months", "months"),
    ("post_half_life_months", "months (0 = no decay)"),
    ("cost_per_month_dkk", "DKK per participant-month"),
    ("danish_gain_per_month", "Danish levels per month"),
    ("effect_until_spell_month", "months of the spell (0 = always)"),
]


def months(row):
    end = row["to_month"] or "∞"
    return f"[{row['from_month']}, {end})"


def describe(file, row):
    """The subject of a value row and its unit, in plain words."""
    if file == "baseline_hazards.csv":
        return f"{row['destination']}, {row['who']}, months {months(row)}", "per month"
    if file == "return_hazards.csv":
        return f"{row['kind']}, {row['who']}, tenure {months(row)}", "per month"
    if file == "covariates.csv":
        return f"{row['destination']}: {row['dimension']} = {row['level']}", "HR"
    if file == "effects.csv":
        return (f"{row['intervention']} {row['phase']} → {row['destination']}, {row['who']}",
                "HR")
    if file == "interactions.csv":
        return (f"{row['first']} then {row['then']} → {row['destination']}, {row['who']}",
                "HR")
    if file == "rules.csv":
        return "", row["unit"]
    raise ValueError(file)


def interval(row):
    if not row.get("ci_low"):
        return ""
    return f"{row['ci_low']}–{row['ci_high']}"


def escape(text):
    return text.replace("|", "\\|")


def value_rows(directory):
    """(file, id, subject, value, unit, interval, distribution, source, status) per value."""
    for file, _ in FILES:
        with open(directory / file, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if file == "interventions.csv":
                    for column, unit in INTERVENTION_NUMBERS:
                        yield (file, f"{row['id']}.{column}", f"{row['label']} ({row['intensity']})",
                               row[column], unit, "", "fixed", row["source"], row["status"])
                    continue
                subject, unit = describe(file, row)
                yield (file, row["id"], subject, row["value"], unit, interval(row),
                       row["distribution"], row["source"], row["status"])


def evidence_confidence(path):
    """source id -> confidence (read / secondary / recalled) from scenarios/evidence/sources.csv."""
    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as handle:
        return {row["source_id"]: row["confidence"] for row in csv.DictReader(handle)}


def certainty(status, source, confidence):
    """The status, plus how the cited evidence was seen (read, secondary, recalled)."""
    if source == "placeholder" or not confidence:
        return status
    seen = sorted({confidence.get(s.strip(), "?") for s in source.split(";")})
    return f"{status} ({', '.join(seen)})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=str(ROOT / "scenarios" / "evidence"),
                        help="catalogue directory (default: scenarios/evidence)")
    parser.add_argument("--sources", default=str(ROOT / "scenarios" / "evidence" / "sources.csv"),
                        help="table of sources, for the confidence of cited ids (optional)")
    args = parser.parse_args()
    rows = list(value_rows(pathlib.Path(args.dir)))
    confidence = evidence_confidence(pathlib.Path(args.sources))

    by_status = Counter(r[8] for r in rows)
    print(f"{len(rows)} values: " + ", ".join(
        f"{by_status[s]} {s}" for s in ("estimate", "derived", "calibrated", "placeholder")) + ".")
    print()
    print("| file | values | estimate | derived | calibrated | placeholder |")
    print("|---|---:|---:|---:|---:|---:|")
    for file, _ in FILES:
        counts = Counter(r[8] for r in rows if r[0] == file)
        print(f"| {file} | {sum(counts.values())} | {counts['estimate']} | {counts['derived']} "
              f"| {counts['calibrated']} | {counts['placeholder']} |")

    for file, heading in FILES:
        print()
        print(f"### {heading} (`{file}`)")
        print()
        print("| id | what | value | unit | 95 % interval | distribution | source | certainty |")
        print("|---|---|---:|---|---|---|---|---|")
        for r in rows:
            if r[0] != file:
                continue
            _, id_, subject, value, unit, ci, dist, source, status = r
            source_text = source.replace(";", "; ")
            print(f"| `{id_}` | {escape(subject)} | {value} | {escape(unit)} | {ci} | {dist} "
                  f"| {escape(source_text)} | {certainty(status, source, confidence)} |")


if __name__ == "__main__":
    main()

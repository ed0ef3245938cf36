#!/usr/bin/env bash
# Worked example for planners (README, "How many internship places do we need?"):
# runs scenarios/municipality_plan.toml with 10, 30, 60 and 120 places in
# internship_private for the company_first arm and prints a Markdown table from
# queues.csv, summary.csv and budget.csv.
#
# Usage: scripts/planner_example.sh [path/to/integrasim]   (default: build/integrasim)
# The scenario copies and their results go to a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
bin=${1:-build/integrasim}
[[ "$bin" = /* ]] || bin="$repo/$bin"
[[ -x "$bin" ]] || { echo "no integrasim at $bin (build it first)" >&2; exit 1; }
scenario="$repo/scenarios/municipality_plan.toml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The caseload file is named relative to the scenario; the copies live elsewhere, so
# copy it next to them under the same relative name.
caseload=$(sed -n 's/^file *= *"\(.*\)".*/\1/p' "$scenario")
mkdir -p "$tmp/$(dirname "$caseload")"
cp "$repo/scenarios/$caseload" "$tmp/$caseload"

places_list=(10 30 60 120)
for p in "${places_list[@]}"; do
  # Only the `places` line of the one [[arm.capacity]] table changes.
  sed "s/^places = .*/places = $p/" "$scenario" >"$tmp/plan_$p.toml"
  grep -q "^places = $p\$" "$tmp/plan_$p.toml" || { echo "could not set places = $p" >&2; exit 1; }
  "$bin" run "$tmp/plan_$p.toml" --out "$tmp/out_$p" --threads 2 --quiet
done

python3 - "$tmp" "${places_list[@]}" <<'PY'
import csv, sys
tmp, places = sys.argv[1], sys.argv[2:]
policy = "company_first"
def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))
print("| places | share of those due who started | mean wait (months) "
      "| months on benefit per person, company_first minus business_as_usual (SE) "
      "| self-supported person-months over the plan, company_first "
      "| municipal net cost over the plan, company_first (DKK, SE) "
      "| municipal net cost, company_first minus business_as_usual (DKK, SE) |")
print("|---:|---:|---:|---:|---:|---:|---:|")
for p in places:
    out = f"{tmp}/out_{p}"
    q = next(r for r in rows(f"{out}/queues.csv")
             if r["arm"] == policy and r["intervention"] == "internship_private")
    s = next(r for r in rows(f"{out}/summary.csv") if r["arm"] == policy and r["subgroup"] == "all")
    b = next(r for r in rows(f"{out}/budget.csv") if r["arm"] == policy and r["year"] == "total")
    f = float
    print(f"| {p} | {f(q['share_started']):.1%} | {f(q['mean_wait_months']):.2f} "
          f"| {f(s['diff_months_on_benefit']):+.2f} ({f(s['diff_months_on_benefit_se']):.2f}) "
          f"| {f(b['self_supported_person_months']):,.0f} "
          f"| {f(b['municipal_net_cost_dkk']) / 1e6:,.2f} m ({f(b['municipal_net_cost_dkk_se']) / 1e6:.2f} m) "
          f"| {f(b['diff_municipal_net_cost_dkk']) / 1e6:+,.2f} m ({f(b['diff_municipal_net_cost_dkk_se']) / 1e6:.2f} m) |")
PY

// Small helpers shared by every test tier.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/results.h"

#include "core/catalogue.h"
#include "core/scenario.h"
#include "core/tallies.h"

namespace integrasim::testing {

// Expects two runs' tallies to be the same, bit for bit (`label` says which runs).
void expect_identical_tallies(const Tallies& a, const Tallies& b, const std::string& label);

// Absolute path of a file in the source tree, e.g. source_path("scenarios/default.toml").
std::string source_path(const std::string& relative);

// Path of the built `integrasim` executable.
std::string integrasim_binary();

// A fresh, empty temporary directory (removed by the OS's tmp cleaning, not by us).
std::string make_temp_dir(const std::string& tag);

// A minimal catalogue built in memory: constant baseline hazards (employed 0.02,
// education 0.005, exit 0.002 per month for everyone), job loss 0.01 per month,
// education drop-out 0.01 per month, no covariates, and two interventions:
// "course" (full time, lock-in HR 0.5, post HR 1.5, anticipation HR 1.2 over 2 months)
// and "language" (part time, lock-in HR 0.9, Danish gain 0.1 per month).
Catalogue tiny_catalogue();

// A value with only an id, a number and a placeholder source.
CatalogueValue test_value(const std::string& id, double value);

// Adds rules.csv row `id` with `value` to `c` (e.g. the reimbursement staircase).
void add_test_rule(Catalogue& c, const std::string& id, double value);

// The series `measure` of `arm` in Results::calendar, by calendar month (the test fails
// unless every month has one row).
std::vector<Estimate> calendar_series(const Results& r, const std::string& arm, const std::string& measure);

}  // namespace integrasim::testing

namespace integrasim::testing {

// A scenario with one kind of person (the first level of every dimension), no frailty,
// decomposition off, reporting by sex only, and two arms without programmes:
// "comparator" (role comparator) and "policy" (role policy). Tests then add pathways.
Scenario bare_scenario(int horizon_months, std::int64_t persons, std::uint64_t seed = 7);

// A catalogue with constant hazards out of benefit (per month) and constant return
// hazards, no covariates, and the interventions of tiny_catalogue().
Catalogue constant_hazard_catalogue(double employed, double education, double exit, double job_loss,
                                    double dropout);

// Adds a one-step pathway `name` (intervention, start month, duration) to the scenario
// and gives it to arm `arm`.
void give_pathway(Scenario& s, const std::string& arm, const std::string& name,
                  const std::vector<PathwayStep>& steps);
PathwayStep step(const std::string& intervention, int start_month, int duration_months,
                 const std::string& track = "main");

// Sets the effect hazard ratio of (intervention, phase) on employment for everyone,
// adding the row if missing.
void set_effect(Catalogue& c, const std::string& intervention, Phase phase, double hr);

// Adds a full-time intervention `id` shaped like tiny_catalogue()'s "course" (anticipation
// over 2 months), with the full dose after `full_dose_months` and the given lock-in and
// post hazard ratios on employment; returns it for further changes.
InterventionType& add_full_time_intervention(Catalogue& c, const std::string& id, double full_dose_months,
                                             double lock_in_hr, double post_hr);

// Adds an ordered interaction on employment: `then` completed after `first` multiplies
// the job hazard by `hr`.
void add_ordered_interaction(Catalogue& c, const std::string& first, const std::string& then, double hr);

}  // namespace integrasim::testing

namespace integrasim::testing {

// Runs a scenario in memory (resolve, compile, simulate, summarise).
Results run_in_memory(const Scenario& s, const Catalogue& c, int threads = 1);

// The estimate of metric `name` for `arm` and `subgroup` (throws if absent).
Estimate metric(const Results& r, const std::string& arm, const std::string& subgroup,
                const std::string& name);
// The paired difference arm - comparator of metric `name`.
Estimate difference(const Results& r, const std::string& arm, const std::string& subgroup,
                    const std::string& name);
// The share of `subgroup` in state/programme `series` at month m in `arm`.
Estimate monthly_share(const Results& r, const std::string& arm, const std::string& subgroup,
                       const std::string& series, int month);
// The same for the rows of one kind ("state", "programme" or "began").
Estimate monthly_share(const Results& r, const std::string& arm, const std::string& subgroup,
                       const std::string& kind, const std::string& series, int month);

}  // namespace integrasim::testing

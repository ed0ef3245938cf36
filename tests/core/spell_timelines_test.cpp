// First-spell timelines (core/spell_timelines.h) change only the speed: with them, without
// them and with a budget so small that recordings stop midway, every tally is the same,
// bit for bit; and later persons do reuse the evaluations of earlier ones.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/engine.h"
#include "core/latent_draws.h"
#include "core/person_simulator.h"
#include "core/population.h"
#include "io/catalogue_reader.h"
#include "io/scenario_reader.h"
#include "test_support.h"

namespace integrasim {
namespace {
using testing::source_path;

// A scenario file's model, with the decomposition and with newcomers who arrive with
// different Danish levels (part of the timelines' key: it sets the hazards, the Danish
// rate's cap and who is admitted to a step that asks for a level).
CompiledModel scenario_model(const std::string& file, std::int64_t persons) {
  const Catalogue catalogue = read_catalogue_dir(source_path("scenarios/evidence"));
  Scenario s = read_scenario_file(source_path("scenarios/" + file), catalogue);
  s.persons = persons;
  s.output.decomposition = true;
  s.population.danish_level_values = {0.0, 0.5, 1.0, 2.5};
  s.population.danish_level_shares = {0.4, 0.3, 0.2, 0.1};
  return compile_model(s, resolve_parameters(catalogue, s));
}

Tallies simulate_with(const CompiledModel& m, std::int64_t timeline_passes) {
  SimulationOptions o;
  o.seed = 2026;
  o.threads = 2;
  o.timeline_passes = timeline_passes;
  return simulate(m, o);
}

// The scenarios span what a first spell may hold: coverage and placement decisions
// (language_vs_company_first), meetings whose effects stop with the spell's length
// (early_intensive_meetings), a calendar with arrivals, a caseload, limited places and the
// municipal accounts (municipality_plan), and the default scenario's decomposition.
TEST(SpellTimelines, ResultsAreBitIdenticalWithWithoutAndWithTooSmallABudget) {
  for (const std::string file : {"default.toml", "language_vs_company_first.toml",
                                 "early_intensive_meetings.toml", "municipality_plan.toml"}) {
    const CompiledModel m = scenario_model(file, 3000);
    const Tallies without = simulate_with(m, 0);
    testing::expect_identical_tallies(without, simulate_with(m, k_default_timeline_passes), file);
    testing::expect_identical_tallies(without, simulate_with(m, 40), file + ", 40 passes");
  }
}

// Five programmes at once on five tracks, more than a pass's books hold
// (k_timeline_tracks): the passes with all five under way are not walked, so the persons
// still on benefit then run the loop from the start; those who leave before are walked.
// Partial coverage gives each track a decision.
CompiledModel five_tracks_model(std::int64_t persons) {
  const Catalogue catalogue = read_catalogue_dir(source_path("scenarios/evidence"));
  std::string text = R"(
[scenario]
name = "five_tracks"
horizon_months = 48
persons = 1
seed = 1

[[pathway]]
name = "five"
)";
  // One full-time programme, and part-time ones on the other tracks.
  const std::vector<std::pair<std::string, std::string>> steps = {{"guidance", "a"},
                                                                  {"meetings", "b"},
                                                                  {"health_clarification", "c"},
                                                                  {"meetings", "d"},
                                                                  {"health_clarification", "e"}};
  for (const auto& [intervention, track] : steps)
    text += "[[pathway.step]]\nintervention = \"" + intervention + "\"\ntrack = \"" + track +
            "\"\nstart_month = 2\nduration_months = 12\ncoverage = 0.9\n";
  text += R"(
[[arm]]
name = "none"
role = "comparator"

[[arm]]
name = "five"
role = "policy"
pathway = "five"
)";
  Scenario s = parse_scenario(text, "five_tracks.toml", catalogue);
  s.persons = persons;
  s.output.decomposition = true;
  return compile_model(s, resolve_parameters(catalogue, s));
}

TEST(SpellTimelines, MoreProgrammesAtOnceThanTheBooksHoldGiveTheSameTallies) {
  const CompiledModel m = five_tracks_model(3000);
  testing::expect_identical_tallies(simulate_with(m, 0), simulate_with(m, k_default_timeline_passes),
                                    "five tracks");
}

// Person by person and variant by variant, a simulator with timelines gives exactly the
// outcome of one without, monthly table included, and the persons after the first ones
// reuse evaluations and walk their first spells.
void expect_same_runs_person_by_person(const CompiledModel& m, const std::string& what) {
  PersonSimulator with(m);
  PersonSimulator without(m, 0);
  const StreamKey key{11, 0};
  const std::size_t metrics = static_cast<std::size_t>(m.tally_columns);
  std::vector<double> x1(metrics), w1(metrics), x2(metrics), w2(metrics);
  // One person's monthly table: every series, H + 2 months each.
  const int months = m.horizon_months + 2;
  const std::size_t cells = static_cast<std::size_t>(
      began_series(static_cast<int>(m.interventions.size()), static_cast<int>(m.interventions.size())) *
      months);
  std::vector<std::int64_t> d1(cells), d2(cells);
  int differing = 0;
  for (std::int64_t person = 0; person < m.persons; ++person) {
    const std::uint64_t p = static_cast<std::uint64_t>(person);
    const PersonStatic ps = draw_person(m, key, p);
    for (const ArmVariant& v : m.variants) {
      Latent l1(key, p), l2(key, p);
      std::fill(d1.begin(), d1.end(), 0);
      std::fill(d2.begin(), d2.end(), 0);
      const double j1 = with.run(v, ps, l1, {x1.data(), w1.data(), k_never}, {d1.data(), months});
      const double j2 = without.run(v, ps, l2, {x2.data(), w2.data(), k_never}, {d2.data(), months});
      differing += (j1 != j2 || x1 != x2 || w1 != w2 || d1 != d2) ? 1 : 0;
    }
  }
  EXPECT_EQ(differing, 0) << what;
  const PersonSimulator::TimelineStats s = with.timeline_stats();
  EXPECT_EQ(without.timeline_stats().timelines, 0);
  EXPECT_EQ(without.timeline_stats().evaluations_reused, 0);
  EXPECT_EQ(without.timeline_stats().spells_walked, 0);
  // The comparison above is not empty: evaluations were reused, more of them than passes
  // were recorded (each recorded pass serves later persons), over more timelines than
  // there are variants (keys and decisions split them), and most runs walked their first
  // spell (all but those that recorded, or met a decision or a pass not yet recorded).
  EXPECT_GT(s.evaluations_reused, s.passes_recorded) << what;
  EXPECT_GT(s.passes_recorded, 0) << what;
  EXPECT_GT(s.timelines, static_cast<std::int64_t>(m.variants.size())) << what;
  EXPECT_GT(s.spells_walked, m.persons * static_cast<std::int64_t>(m.variants.size()) / 2) << what;
}

TEST(SpellTimelines, LaterPersonsReuseEvaluationsWalkAndGetTheSameOutcomes) {
  expect_same_runs_person_by_person(scenario_model("language_vs_company_first.toml", 2000),
                                    "language_vs_company_first");
  expect_same_runs_person_by_person(scenario_model("default.toml", 2000), "default");
  expect_same_runs_person_by_person(five_tracks_model(2000), "five tracks");
}

// A sanction regime adds a hazard on top (SpellLoop::extra), which passes do not keep: its
// runs must neither record a timeline nor walk one, and their outcomes are the loop's.
TEST(SpellTimelines, SanctionRunsHaveNoTimelines) {
  const Catalogue catalogue = read_catalogue_dir(source_path("scenarios/evidence"));
  Scenario s = read_scenario_file(source_path("scenarios/language_vs_company_first.toml"), catalogue);
  s.persons = 500;
  for (Arm& a : s.arms) a.rules.sanctions = true;
  const CompiledModel m = compile_model(s, resolve_parameters(catalogue, s));
  PersonSimulator with(m);
  PersonSimulator without(m, 0);
  const StreamKey key{7, 0};
  const std::size_t metrics = static_cast<std::size_t>(m.tally_columns);
  std::vector<double> x1(metrics), w1(metrics), x2(metrics), w2(metrics);
  int sanction_runs = 0;
  int differing = 0;
  for (std::int64_t person = 0; person < m.persons; ++person) {
    const std::uint64_t p = static_cast<std::uint64_t>(person);
    const PersonStatic ps = draw_person(m, key, p);
    for (const ArmVariant& v : m.variants) {
      if (!v.rules.benefit.sanctions) continue;
      ++sanction_runs;
      Latent l1(key, p), l2(key, p);
      const double j1 = with.run(v, ps, l1, {x1.data(), w1.data(), k_never}, {});
      const double j2 = without.run(v, ps, l2, {x2.data(), w2.data(), k_never}, {});
      differing += (j1 != j2 || x1 != x2 || w1 != w2) ? 1 : 0;
    }
  }
  EXPECT_GT(sanction_runs, m.persons);  // both arms' variants with the regime ran
  EXPECT_EQ(differing, 0);
  EXPECT_EQ(with.timeline_stats().timelines, 0);
  EXPECT_EQ(with.timeline_stats().spells_walked, 0);
}

}  // namespace
}  // namespace integrasim

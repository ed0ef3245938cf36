// The run profile (core/run_profile.h): its arithmetic in every build, and in a build with
// INTEGRASIM_RUN_PROFILE=ON (scripts/verify-slow.sh builds one) that the engine times every
// run once, by its variant's kind, and every part it has.
#include "core/run_profile.h"

#include <gtest/gtest.h>

#include <string>

#include "core/engine.h"
#include "io/catalogue_reader.h"
#include "io/scenario_reader.h"
#include "test_support.h"

namespace integrasim {
namespace {

constexpr auto k_whole = static_cast<std::size_t>(RunPart::whole);
constexpr auto k_first = static_cast<std::size_t>(RunPart::first_spell);
constexpr auto k_setup = static_cast<std::size_t>(RunPart::setup);

TEST(RunProfile, MergeAddsTimingsAndCycles) {
  RunProfile a;
  RunProfile b;
  EXPECT_TRUE(a.empty());
  a.times[2][k_first] = 3;
  a.cycles[2][k_first] = 300;
  b.times[2][k_first] = 1;
  b.cycles[2][k_first] = 50;
  b.times[0][k_whole] = 7;
  a.merge(b);
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a.times[2][k_first], 4);
  EXPECT_EQ(a.cycles[2][k_first], 350);
  EXPECT_EQ(a.times[0][k_whole], 7);
}

// Two runs of A2: the whole runs took 1,000 cycles with 4 part timings inside, at 10 cycles
// a timing. Per run: setup (2 timings, 100 cycles) 40, first spell (2 timings, 600
// cycles) 290; the whole run 1,000 / 2 - 10 (its own) - 4 x 10 / 2 (the parts') = 470; glue
// 470 - 40 - 290 = 140.
TEST(RunProfile, TableSubtractsTheTimersOwnCostAndShowsTheGlue) {
  RunProfile p;
  p.times[2][k_whole] = 2;
  p.cycles[2][k_whole] = 1000;
  p.times[2][k_setup] = 2;
  p.cycles[2][k_setup] = 100;
  p.times[2][k_first] = 2;
  p.cycles[2][k_first] = 600;
  const std::string table = format_run_profile(p, 10);
  EXPECT_NE(table.find("A2"), std::string::npos) << table;
  EXPECT_EQ(table.find("full"), std::string::npos) << "kinds that did not run have no row\n" << table;
  const std::string row = table.substr(table.find("A2"));
  EXPECT_NE(row.find(" 40 "), std::string::npos) << row;
  EXPECT_NE(row.find(" 290 "), std::string::npos) << row;
  EXPECT_NE(row.find(" 140 "), std::string::npos) << row;
  EXPECT_NE(row.find(" 470\n"), std::string::npos) << row;
}

TEST(RunProfile, TheTotalGathersWhatIsAddedUntilReset) {
  reset_run_profile_total();
  RunProfile p;
  p.times[1][k_first] = 5;
  add_to_run_profile_total(p);
  add_to_run_profile_total(p);
  EXPECT_EQ(run_profile_total().times[1][k_first], 10);
  reset_run_profile_total();
  EXPECT_TRUE(run_profile_total().empty());
}

// A default build counts nothing (its timers are empty); a profiling build times each run
// of each variant once, and each run's set-up and metrics once.
TEST(RunProfile, TheEngineTimesEveryRunOnceInAProfilingBuild) {
  const Catalogue catalogue = read_catalogue_dir(testing::source_path("scenarios/evidence"));
  Scenario s = read_scenario_file(testing::source_path("scenarios/default.toml"), catalogue);
  s.persons = 500;
  s.output.decomposition = false;
  const CompiledModel m = compile_model(s, resolve_parameters(catalogue, s));
  SimulationOptions o;
  o.seed = 7;
  o.threads = 2;
  reset_run_profile_total();
  simulate(m, o);
  const RunProfile p = run_profile_total();
  if (!k_run_profile_built) {
    EXPECT_TRUE(p.empty());
    EXPECT_EQ(run_profile_timer_cycles(), 0);
    return;
  }
  EXPECT_GT(run_profile_timer_cycles(), 0);
  std::int64_t runs = 0;
  for (std::size_t k = 0; k < p.times.size(); ++k) {
    runs += p.times[k][k_whole];
    EXPECT_EQ(p.times[k][k_setup], p.times[k][k_whole]) << k;
    EXPECT_EQ(p.times[k][static_cast<std::size_t>(RunPart::metrics)], p.times[k][k_whole]) << k;
    EXPECT_EQ(p.times[k][k_first], p.times[k][k_whole]) << "every run begins on benefit, " << k;
  }
  // Without the decomposition nothing is copied: every variant runs for every person.
  EXPECT_EQ(runs, s.persons * static_cast<std::int64_t>(m.variants.size()));
}

}  // namespace
}  // namespace integrasim

#include "test_support.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "analysis/run_scenario.h"

#include <unistd.h>
#include <atomic>
#include <filesystem>

namespace integrasim::testing {

std::string source_path(const std::string& relative) {
  return std::string(INTEGRASIM_SOURCE_DIR) + "/" + relative;
}

std::string integrasim_binary() {
  return INTEGRASIM_BINARY;
}

std::string make_temp_dir(const std::string& tag) {
  static std::atomic<int> counter{0};
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("integrasim-test-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

CatalogueValue test_value(const std::string& id, double value) {
  CatalogueValue v;
  v.id = id;
  v.value = value;
  v.ci_low = value;
  v.ci_high = value;
  v.source = "placeholder";
  v.status = EvidenceStatus::placeholder;
  v.file = "<test>";
  return v;
}

Catalogue tiny_catalogue() {
  Catalogue c;
  const auto base = [&](Destination d, const std::string& id, double h) {
    BaselineRow row;
    row.destination = d;
    row.from_month = 0;
    row.to_month = 1000000;
    row.hazard = test_value(id, h);
    c.baselines.push_back(row);
  };
  base(Destination::employed, "baseline.employed", 0.02);
  base(Destination::education, "baseline.education", 0.005);
  base(Destination::exit, "baseline.exit", 0.002);
  const auto back = [&](ReturnHazard k, const std::string& id, double h) {
    ReturnHazardRow row;
    row.kind = k;
    row.from_month = 0;
    row.to_month = 1000000;
    row.hazard = test_value(id, h);
    c.return_hazards.push_back(row);
  };
  back(ReturnHazard::job_loss, "return.job_loss", 0.01);
  back(ReturnHazard::education_dropout, "return.education_dropout", 0.01);

  const auto intervention = [&](const std::string& id, Intensity intensity, double duration,
                                double anticipation, double gain) {
    InterventionType t;
    t.id = id;
    t.label = id;
    t.intensity = intensity;
    t.default_duration = test_value(id + ".default_duration_months", duration);
    t.anticipation_months = test_value(id + ".anticipation_months", anticipation);
    t.full_dose_months = test_value(id + ".full_dose_months", duration);
    t.post_half_life = test_value(id + ".post_half_life_months", 0.0);
    t.cost_per_month = test_value(id + ".cost_per_month_dkk", 1000.0);
    t.danish_gain_per_month = test_value(id + ".danish_gain_per_month", gain);
    t.effect_until_spell_month = test_value(id + ".effect_until_spell_month", 0.0);
    c.interventions.push_back(t);
  };
  intervention("course", Intensity::full_time, 6, 2, 0.0);
  intervention("language", Intensity::part_time, 24, 0, 0.1);
  const auto effect = [&](const std::string& iv, Phase p, double hr) {
    EffectRow e;
    e.intervention = iv;
    e.phase = p;
    e.destination = Destination::employed;
    e.hazard_ratio = test_value("effect." + iv + "." + std::string(name_of(p)), hr);
    c.effects.push_back(e);
  };
  effect("course", Phase::anticipation, 1.2);
  effect("course", Phase::lock_in, 0.5);
  effect("course", Phase::post, 1.5);
  effect("language", Phase::lock_in, 0.9);
  // Every run counts benefit costs, so the model needs the benefit rate.
  RuleRow benefit;
  benefit.unit = "DKK per month";
  benefit.value = test_value("benefit.single_provider.dkk_per_month", 12000.0);
  c.rules.push_back(benefit);
  return c;
}

}  // namespace integrasim::testing

namespace integrasim::testing {

Scenario bare_scenario(int horizon_months, std::int64_t persons, std::uint64_t seed) {
  Scenario s;
  s.name = "test";
  s.where.file = "<test>";
  s.horizon_months = horizon_months;
  s.persons = persons;
  s.seed = seed;
  for (int d = 0; d < k_dimension_count; ++d) {
    auto& shares = s.population.shares[static_cast<std::size_t>(d)].share;
    shares.assign(static_cast<std::size_t>(k_dimension_levels[static_cast<std::size_t>(d)]), 0.0);
    shares[0] = 1.0;
  }
  s.population.danish_level_values = {0.0};
  s.population.danish_level_shares = {1.0};
  s.frailty.variance = 0.0;
  s.output.subgroup_dimensions = {Dimension::sex};
  s.output.employment_rate_months = {horizon_months};
  s.output.decomposition = false;
  Arm comparator;
  comparator.name = "comparator";
  comparator.role = ArmRole::comparator;
  comparator.assignments = {{Selector{}, ""}};
  Arm policy = comparator;
  policy.name = "policy";
  policy.role = ArmRole::policy;
  s.arms = {comparator, policy};
  return s;
}

Catalogue constant_hazard_catalogue(double employed, double education, double exit, double job_loss,
                                    double dropout) {
  Catalogue c = tiny_catalogue();
  c.baselines[0].hazard.value = employed;
  c.baselines[1].hazard.value = education;
  c.baselines[2].hazard.value = exit;
  c.return_hazards[0].hazard.value = job_loss;
  c.return_hazards[1].hazard.value = dropout;
  return c;
}

PathwayStep step(const std::string& intervention, int start_month, int duration_months,
                 const std::string& track) {
  PathwayStep st;
  st.intervention = intervention;
  st.track = track;
  st.start_month = start_month;
  st.duration_months = duration_months;
  st.where.file = "<test>";
  return st;
}

void give_pathway(Scenario& s, const std::string& arm, const std::string& name,
                  const std::vector<PathwayStep>& steps) {
  Pathway p;
  p.name = name;
  p.steps = steps;
  s.pathways.push_back(p);
  for (auto& a : s.arms)
    if (a.name == arm) a.assignments = {{Selector{}, name}};
}

void set_effect(Catalogue& c, const std::string& intervention, Phase phase, double hr) {
  for (auto& e : c.effects) {
    if (e.intervention == intervention && e.phase == phase && e.destination == Destination::employed &&
        e.who.is_all()) {
      e.hazard_ratio.value = hr;
      return;
    }
  }
  EffectRow e;
  e.intervention = intervention;
  e.phase = phase;
  e.destination = Destination::employed;
  e.hazard_ratio = test_value("effect." + intervention + "." + std::string(name_of(phase)) + ".set", hr);
  c.effects.push_back(e);
}

InterventionType& add_full_time_intervention(Catalogue& c, const std::string& id, double full_dose_months,
                                             double lock_in_hr, double post_hr) {
  InterventionType t = c.interventions[0];  // "course": full time
  t.id = id;
  t.label = id;
  t.full_dose_months = test_value(id + ".full_dose_months", full_dose_months);
  c.interventions.push_back(t);
  set_effect(c, id, Phase::lock_in, lock_in_hr);
  set_effect(c, id, Phase::post, post_hr);
  return c.interventions.back();
}

void add_ordered_interaction(Catalogue& c, const std::string& first, const std::string& then, double hr) {
  InteractionRow row;
  row.first = first;
  row.then = then;
  row.destination = Destination::employed;
  row.hazard_ratio = test_value("interaction." + first + "." + then, hr);
  c.interactions.push_back(row);
}

}  // namespace integrasim::testing

namespace integrasim::testing {

Results run_in_memory(const Scenario& s, const Catalogue& c, int threads) {
  SimulationOptions options;
  options.seed = s.seed;
  options.threads = threads;
  return run_scenario(s, c, options).results;
}

namespace {
int index_of_arm(const Results& r, const std::string& arm) {
  for (std::size_t i = 0; i < r.arms.size(); ++i)
    if (r.arms[i].name == arm) return static_cast<int>(i);
  throw std::runtime_error("no arm " + arm);
}
int index_of_subgroup(const Results& r, const std::string& g) {
  for (std::size_t i = 0; i < r.subgroups.size(); ++i)
    if (r.subgroups[i].name == g) return static_cast<int>(i);
  throw std::runtime_error("no subgroup " + g);
}
std::size_t index_of_metric(const Results& r, const std::string& name) {
  for (std::size_t i = 0; i < r.metrics.size(); ++i)
    if (r.metrics[i].name == name) return i;
  throw std::runtime_error("no metric " + name);
}
const SummaryRow& row_of(const Results& r, const std::string& arm, const std::string& subgroup) {
  const int a = index_of_arm(r, arm);
  const int g = index_of_subgroup(r, subgroup);
  for (const auto& row : r.summary)
    if (row.arm == a && row.subgroup == g) return row;
  throw std::runtime_error("no row " + arm + "/" + subgroup);
}
}  // namespace

Estimate metric(const Results& r, const std::string& arm, const std::string& subgroup,
                const std::string& name) {
  return row_of(r, arm, subgroup).metrics.at(index_of_metric(r, name));
}

Estimate difference(const Results& r, const std::string& arm, const std::string& subgroup,
                    const std::string& name) {
  return row_of(r, arm, subgroup).vs_comparator.at(index_of_metric(r, name));
}

Estimate monthly_share(const Results& r, const std::string& arm, const std::string& subgroup,
                       const std::string& series, int month) {
  const int a = index_of_arm(r, arm);
  const int g = index_of_subgroup(r, subgroup);
  for (const auto& row : r.monthly)
    if (row.arm == a && row.subgroup == g && row.name == series && row.month == month) return row.share;
  throw std::runtime_error("no monthly row " + series);
}

Estimate monthly_share(const Results& r, const std::string& arm, const std::string& subgroup,
                       const std::string& kind, const std::string& series, int month) {
  const int a = index_of_arm(r, arm);
  const int g = index_of_subgroup(r, subgroup);
  for (const auto& row : r.monthly)
    if (row.arm == a && row.subgroup == g && row.kind == kind && row.name == series && row.month == month)
      return row.share;
  throw std::runtime_error("no monthly row " + kind + " " + series);
}

void add_test_rule(Catalogue& c, const std::string& id, double value) {
  RuleRow row;
  row.unit = "test";
  row.value = test_value(id, value);
  c.rules.push_back(row);
}

std::vector<Estimate> calendar_series(const Results& r, const std::string& arm, const std::string& measure) {
  int a = -1;
  for (std::size_t i = 0; i < r.arms.size(); ++i)
    if (r.arms[i].name == arm) a = static_cast<int>(i);
  std::vector<Estimate> out(static_cast<std::size_t>(r.horizon_months));
  int found = 0;
  for (const CalendarRow& row : r.calendar)
    if (row.arm == a && row.measure == measure) {
      out.at(static_cast<std::size_t>(row.month)) = row.value;
      ++found;
    }
  EXPECT_EQ(found, r.horizon_months) << arm << " " << measure;
  return out;
}

}  // namespace integrasim::testing

namespace integrasim::testing {

void expect_identical_tallies(const Tallies& a, const Tallies& b, const std::string& label) {
  EXPECT_EQ(a.variant_sums, b.variant_sums) << label;
  EXPECT_EQ(a.pair_sums, b.pair_sums) << label;
  EXPECT_EQ(a.participant_sums, b.participant_sums) << label;
  EXPECT_EQ(a.calendar_money, b.calendar_money) << label;
  EXPECT_EQ(a.monthly_diff, b.monthly_diff) << label;
  EXPECT_EQ(a.first_job_hist, b.first_job_hist) << label;
  EXPECT_EQ(a.first_job_joint, b.first_job_joint) << label;
  EXPECT_EQ(a.group_persons, b.group_persons) << label;
  EXPECT_EQ(a.group_units, b.group_units) << label;
  EXPECT_EQ(a.persons, b.persons) << label;
  EXPECT_EQ(a.queues.size(), b.queues.size()) << label;
}

}  // namespace integrasim::testing

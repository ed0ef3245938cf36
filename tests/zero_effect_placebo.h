// The zero-effect programme ("placebo") and its scenario, shared by the unit test at
// 20,000 persons (tests/core/zero_effect_programme_test.cpp) and the check at the size
// where a last-digit difference was first found, 10^6 persons
// (tests/stat/zero_effect_at_scale_test.cpp).
#pragma once

#include <cmath>
#include <cstdint>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "core/catalogue.h"
#include "core/results.h"
#include "io/catalogue_reader.h"
#include "test_support.h"

namespace integrasim::testing {

// The shipped catalogue plus "placebo": internship_private's shape (the same anticipation
// window, placement rules and cost) with no effect rows and no Danish gain, part time so
// that it runs on a track of its own. Its steps come last in the pathway, so the steps
// before keep their coverage draws (a step's random stream is keyed by its position).
inline Catalogue catalogue_with_placebo() {
  Catalogue c = read_embedded_catalogue();
  const InterventionType* internship = c.find_intervention("internship_private");
  InterventionType placebo = *internship;
  placebo.id = "placebo";
  placebo.label = "placebo";
  for (CatalogueValue* v : {&placebo.default_duration, &placebo.anticipation_months,
                            &placebo.full_dose_months, &placebo.post_half_life, &placebo.cost_per_month,
                            &placebo.danish_gain_per_month, &placebo.effect_until_spell_month})
    v->id = "placebo" + v->id.substr(v->id.find('.'));
  placebo.danish_gain_per_month.value = 0.0;
  placebo.intensity = Intensity::part_time;
  c.interventions.push_back(placebo);
  return c;
}

inline constexpr const char* k_placebo_scenario = R"(
[scenario]
name = "placebo"
horizon_months = 60
persons = 20000
seed = 5
[population]
sex = { male = 0.6, female = 0.4 }
group = { refugee = 0.78, family_reunified = 0.22, other_immigrant = 0.0 }
match_group = { job_ready = 0.07, activity_ready = 0.93 }
health = { healthy = 0.7, health_problems = 0.3 }
[frailty]
variance = 0.5
applies_to = ["employed"]
[[pathway]]
name = "usual"
[[pathway.step]]
intervention = "danish_education"
track = "language"
start_month = 1
duration_months = 36
[[pathway.step]]
intervention = "guidance"
start_month = 15
duration_months = 6
coverage = 0.25
[[pathway]]
name = "usual_and_placebo"
[[pathway.step]]
intervention = "danish_education"
track = "language"
start_month = 1
duration_months = 36
[[pathway.step]]
intervention = "guidance"
start_month = 15
duration_months = 6
coverage = 0.25
[[pathway.step]]
intervention = "placebo"
track = "placebo"
start_month = 3
duration_months = 5
[[pathway.step]]
intervention = "placebo"
track = "placebo"
after_previous_months = 4
duration_months = 7
coverage = 0.5
[[arm]]
name = "usual"
role = "comparator"
pathway = "usual"
[[arm]]
name = "placebo"
role = "policy"
pathway = "usual_and_placebo"
[output]
subgroups = ["sex", "match_group"]
employment_rate_months = [6, 12, 24, 36, 60]
decomposition = false
)";

// k_placebo_scenario with `persons` persons.
inline std::string placebo_scenario(std::int64_t persons) {
  std::string text = k_placebo_scenario;
  const std::string key = "persons = 20000";
  text.replace(text.find(key), key.size(), "persons = " + std::to_string(persons));
  return text;
}

// Every metric of the placebo arm but its own months and costs equals the comparator's,
// value and SE, bit for bit, in every subgroup, and its difference is 0, with SE 0 for
// the median (its paired SE, docs/uncertainty.md) and 0 up to rounding for the others. Returns the values
// compared.
inline int expect_placebo_is_its_comparator(const Results& r) {
  const std::set<std::string> own = {"programme_months", "cost_programmes_dkk", "cost_public_gross_dkk",
                                     "cost_municipal_net_dkk"};
  int compared = 0;
  for (const SummaryRow& row : r.summary) {
    if (r.arms[static_cast<std::size_t>(row.arm)].name != "placebo") continue;
    const SummaryRow* twin = nullptr;
    for (const SummaryRow& other : r.summary)
      if (r.arms[static_cast<std::size_t>(other.arm)].name == "usual" && other.subgroup == row.subgroup)
        twin = &other;
    EXPECT_NE(twin, nullptr);
    if (twin == nullptr) return compared;
    for (std::size_t k = 0; k < r.metrics.size(); ++k) {
      const std::string& name = r.metrics[k].name;
      if (own.count(name) != 0) continue;
      const std::string where = name + " in " + r.subgroups[static_cast<std::size_t>(row.subgroup)].name;
      // EXPECT_EQ, not a tolerance: the claim is bit for bit (NaN only for a median not reached).
      if (std::isnan(twin->metrics[k].value)) {
        EXPECT_TRUE(std::isnan(row.metrics[k].value)) << where;
        continue;
      }
      EXPECT_EQ(row.metrics[k].value, twin->metrics[k].value) << where;
      EXPECT_EQ(row.metrics[k].se, twin->metrics[k].se) << where;
      EXPECT_EQ(row.vs_comparator[k].value, 0.0) << where;
      if (r.metrics[k].metric == Metric::median_time_to_first_job) {
        EXPECT_EQ(row.vs_comparator[k].se, 0.0) << where;
      } else {
        // The paired SE of a mean or ratio comes from sums of squares and cross-products
        // that cancel (analysis/summarise.cpp difference): 0 up to their rounding.
        EXPECT_LE(row.vs_comparator[k].se, 1e-6 * row.metrics[k].se) << where;
      }
      ++compared;
    }
  }
  // The placebo did run: its months are there.
  EXPECT_GT(metric(r, "placebo", "all", "programme_months").value, 1.0);
  return compared;
}

}  // namespace integrasim::testing

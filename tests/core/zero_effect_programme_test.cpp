// A programme without effects changes nothing but its own months and costs: the arm that
// adds it gives the comparator's results bit for bit. Its start and end are change points
// that change no hazard; the spell loop extends the run of constant hazards across them
// rather than summing h * length in pieces (SpellLoop::run_from), which would change the
// last digits of event times. (Found at 10^6 persons by a new user; issue "the studies'
// numbers", 5c.)
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "io/catalogue_reader.h"
#include "io/scenario_reader.h"
#include "test_support.h"

namespace integrasim {
namespace {

using testing::run_in_memory;

// The shipped catalogue plus "placebo": internship_private's shape (the same anticipation
// window, placement rules and cost) with no effect rows and no Danish gain, part time so
// that it runs on a track of its own. Its steps come last in the pathway, so the steps
// before keep their coverage draws (a step's random stream is keyed by its position).
Catalogue catalogue_with_placebo() {
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

constexpr const char* k_scenario = R"(
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

TEST(ZeroEffectProgramme, GivesTheComparatorsResultsBitForBit) {
  const Catalogue catalogue = catalogue_with_placebo();
  const Scenario scenario = parse_scenario(k_scenario, "placebo.toml", catalogue);
  const Results r = run_in_memory(scenario, catalogue);
  // Its own months and what they cost are the only differences.
  const std::set<std::string> own = {"programme_months", "cost_programmes_dkk", "cost_public_gross_dkk",
                                     "cost_municipal_net_dkk"};
  int compared = 0;
  for (const SummaryRow& row : r.summary) {
    if (r.arms[static_cast<std::size_t>(row.arm)].name != "placebo") continue;
    const SummaryRow* twin = nullptr;
    for (const SummaryRow& other : r.summary)
      if (r.arms[static_cast<std::size_t>(other.arm)].name == "usual" && other.subgroup == row.subgroup)
        twin = &other;
    ASSERT_NE(twin, nullptr);
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
      ++compared;
    }
  }
  EXPECT_GT(compared, 50);
  // The placebo did run: its months are there.
  EXPECT_GT(testing::metric(r, "placebo", "all", "programme_months").value, 1.0);
}

}  // namespace
}  // namespace integrasim

#include "io/benchmark_scenario.h"

namespace integrasim {

std::string_view reference_benchmark_toml() {
  return R"(
[scenario]
name = "reference_benchmark"
horizon_months = 60
persons = 200000
seed = 1

[population]
sex = { male = 0.6, female = 0.4 }
group = { refugee = 0.6, family_reunified = 0.3, other_immigrant = 0.1 }
match_group = { job_ready = 0.35, activity_ready = 0.65 }
health = { healthy = 0.7, health_problems = 0.3 }

[frailty]
variance = 0.5

[[pathway]]
name = "usual"
[[pathway.step]]
intervention = "danish_education"
track = "language"
start_month = 1
duration_months = 36
[[pathway.step]]
intervention = "guidance"
start_month = 12
duration_months = 6
coverage = 0.3

[[pathway]]
name = "company_first"
[[pathway.step]]
intervention = "danish_education"
track = "language"
start_month = 1
duration_months = 36
[[pathway.step]]
intervention = "internship_private"
start_month = 3
duration_months = 4
coverage = 0.8
[[pathway.step]]
intervention = "wage_subsidy_private"
after_previous_months = 1
duration_months = 6
coverage = 0.5
min_danish_level = 0.5

[[arm]]
name = "usual"
role = "comparator"
pathway = "usual"
reentry_pathway = "usual"

[[arm]]
name = "company_first"
role = "policy"
pathway = "company_first"
reentry_pathway = "usual"

[output]
subgroups = ["sex", "group", "match_group"]
)";
}

}  // namespace integrasim

#include "io/scenario_check.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostics.h"
#include "io/scenario_keys.h"

namespace integrasim {
namespace {

constexpr const char* k_default = "built-in default";

std::string quoted(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

std::string_view rule_name(CombinationRule r) {
  switch (r) {
    case CombinationRule::multiplicative:
      return "multiplicative";
    case CombinationRule::strongest:
      return "strongest";
    case CombinationRule::diminishing:
      return "diminishing";
  }
  return "?";
}

template <typename T, typename Format>
std::string list_text(const std::vector<T>& items, Format format) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i > 0 ? ", " : "") + format(items[i]);
  return out + "]";
}

std::string numbers_text(const std::vector<double>& values) {
  return list_text(values, [](double v) { return format_value(v); });
}

std::string knob_text(const UncertainKnob& k) {
  return "{ distribution = " + quoted(name_of(k.distribution)) + ", low = " + format_value(k.low) +
         ", high = " + format_value(k.high) + " }";
}

std::string catalogue_row_text(const CatalogueValue& v) {
  return "catalogue row " + v.id + " = " + format_value(v.value) + ": " + std::string(name_of(v.status)) +
         "; source " + v.source + "; " + v.file + ":" + std::to_string(v.line);
}

// "1 step", "3 steps".
std::string count_of(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string step_summary(const PathwayStep& s) {
  std::string out = s.intervention + " on track '" + s.track + "': ";
  out += s.relative_to_previous
             ? std::to_string(s.start_month) + " months after the previous step on the track"
             : "from month " + std::to_string(s.start_month) + " of the spell";
  out += ", " + std::to_string(s.duration_months) + " months";
  out += ", coverage " + format_value(s.coverage);
  if (!s.eligible.is_all()) out += ", only " + s.eligible.to_string();
  if (s.min_danish_level > 0) out += ", needs Danish level >= " + format_value(s.min_danish_level);
  if (s.dose != 1.0) out += ", dose " + format_value(s.dose);
  return out;
}

// Writes the lines of one table: "<indent>key = value  (where it came from)".
class TableWriter {
 public:
  TableWriter(std::string& out, const ScenarioKeyPositions& positions, std::string path, std::string indent)
      : out_(out), positions_(positions), path_(std::move(path)), indent_(std::move(indent)) {}

  // `key` with `value`: its file:line if the file sets it, else `otherwise` (how the
  // default was found).
  void key(std::string_view key, const std::string& value, const std::string& otherwise = k_default) const {
    out_ += indent_ + std::string(key) + " = " + value + "  (" + source(key, otherwise) + ")\n";
  }
  // The file:line of `key` in this table, or `otherwise`.
  std::string source(std::string_view key, const std::string& otherwise = k_default) const {
    const auto found = positions_.find(path_ + "." + std::string(key));
    if (found == positions_.end()) return otherwise;
    return found->second.file + ":" + std::to_string(found->second.line);
  }
  // A key that is a catalogue id, shown in quotes as the file must write it.
  void id_key(const std::string& id, const std::string& value) const {
    out_ += indent_ + "\"" + id + "\" = " + value + "  (" + source(id) + ")\n";
  }
  bool given(std::string_view key) const { return positions_.count(path_ + "." + std::string(key)) > 0; }

 private:
  std::string& out_;
  const ScenarioKeyPositions& positions_;
  std::string path_;    // the table's path in ScenarioKeyPositions
  std::string indent_;  // before each key
};

// A table's header line: "[name]" with its file:line when the file has it.
void header(std::string& out, const ScenarioKeyPositions& positions, const std::string& indent,
            const std::string& title, const std::string& path, const std::string& detail = "") {
  const auto found = positions.find(path);
  if (indent.empty()) out += "\n";  // a blank line before each top-level table
  out += indent + title + detail + "  (" +
         (found == positions.end() ? std::string("not in the file")
                                   : found->second.file + ":" + std::to_string(found->second.line)) +
         ")\n";
}

void scenario_table(std::string& out, const Scenario& s, const ScenarioKeyPositions& at) {
  header(out, at, "", "[scenario]", "scenario");
  const TableWriter w(out, at, "scenario", "  ");
  w.key("name", quoted(s.name));
  w.key("description", quoted(s.description));
  w.key("horizon_months", std::to_string(s.horizon_months));
  w.key("persons", std::to_string(s.persons));
  w.key("seed", std::to_string(s.seed));
  w.key("duration_clock",
        quoted(s.duration_clock == DurationClock::since_entry ? "since_entry" : "since_spell_start"));
  w.key("combination_rule", quoted(rule_name(s.combination_rule)));
  w.key("combination_alpha", format_value(s.combination_alpha),
        s.combination_rule == CombinationRule::diminishing
            ? k_default
            : std::string(k_default) + "; not used: only the \"diminishing\" rule has an alpha");
}

void population_table(std::string& out, const Scenario& s, const ScenarioKeyPositions& at) {
  header(out, at, "", "[population]", "population");
  const TableWriter w(out, at, "population", "  ");
  for (int d = 0; d < k_dimension_count; ++d) {
    const auto dim = static_cast<Dimension>(d);
    const auto& shares = s.population.shares[static_cast<std::size_t>(d)].share;
    std::string value = "{ ";
    for (std::size_t l = 0; l < shares.size(); ++l)
      value += (l > 0 ? ", " : "") + std::string(level_name(dim, static_cast<int>(l))) + " = " +
               format_value(shares[l]);
    w.key(name_of(dim), value + " }");
  }
  w.key("danish_level_values", numbers_text(s.population.danish_level_values),
        std::string(k_default) + ": nobody speaks Danish at entry");
  w.key("danish_level_shares", numbers_text(s.population.danish_level_shares));
  w.key("represents", s.population.represents > 0.0 ? format_value(s.population.represents) : "not given",
        std::string(k_default) + ": each simulated person is one person");
}

void inflow_table(std::string& out, const Scenario& s, const ScenarioKeyPositions& at) {
  header(out, at, "", "[inflow]", "inflow");
  const TableWriter w(out, at, "inflow", "  ");
  std::int64_t total = 0;
  for (const std::int64_t a : s.inflow.arrivals_per_month) total += a;
  w.key("arrivals_per_month",
        s.inflow.active() ? std::to_string(s.inflow.arrivals_per_month.size()) + " months, " +
                                std::to_string(total) + " arrivals"
                          : "[]",
        std::string(k_default) + ": no arrivals (a synthetic cohort of [scenario] persons)");
  w.key("simulated_per_arrival", std::to_string(s.inflow.simulated_per_arrival));
}

void caseload_table(std::string& out, const Scenario& s, const ScenarioKeyPositions& at) {
  header(out, at, "", "[caseload]", "caseload");
  const TableWriter w(out, at, "caseload", "  ");
  w.key("file",
        s.caseload.active() ? quoted(s.caseload.file) + " (" + std::to_string(s.caseload.persons.size()) +
                                  " persons, sha256 " + s.caseload.sha256 + ")"
                            : "not given",
        std::string(k_default) + ": no caseload");
  w.key("simulated_per_person", std::to_string(s.caseload.simulated_per_person));
}

void frailty_table(std::string& out, const Scenario& s, const ScenarioKeyPositions& at) {
  header(out, at, "", "[frailty]", "frailty");
  const TableWriter w(out, at, "frailty", "  ");
  w.key("variance", format_value(s.frailty.variance), std::string(k_default) + ": 0 = no frailty");
  std::vector<std::string> on;
  for (int j = 0; j < k_destination_count; ++j)
    if (s.frailty.applies_to[static_cast<std::size_t>(j)])
      on.emplace_back(name_of(static_cast<Destination>(j)));
  w.key("applies_to", list_text(on, [](const std::string& n) { return quoted(n); }));
}

void municipality_table(std::string& out, const Scenario& s, const ScenarioKeyPositions& at) {
  header(out, at, "", "[municipality]", "municipality");
  const TableWriter w(out, at, "municipality", "  ");
  const std::string reference = std::string(k_default) + ": the reference organisation";
  w.key("company_collaboration", format_value(s.municipality.company_collaboration), reference);
  w.key("specialised_caseworkers", format_value(s.municipality.specialised_caseworkers), reference);
  w.key("caseload", format_value(s.municipality.caseload), reference);
}

void labour_market_table(std::string& out, const Scenario& s, const ScenarioKeyPositions& at) {
  header(out, at, "", "[labour_market]", "labour_market");
  const TableWriter w(out, at, "labour_market", "  ");
  const LabourMarketSpec& lm = s.labour_market;
  w.key("employment_rate", numbers_text(lm.employment_rate),
        std::string(k_default) + ": the reference rate throughout");
  w.key("reference_rate", format_value(lm.reference_rate),
        lm.employment_rate.empty() ? std::string(k_default) + "; not used without employment_rate"
                                   : "the first employment_rate, as reference_rate is not given");
  w.key("skilled_job_share", format_value(lm.skilled_job_share));
  w.key("reference_skilled_job_share", format_value(lm.reference_skilled_job_share),
        w.given("skilled_job_share") ? "equal to skilled_job_share, as it is not given: no effect"
                                     : std::string(k_default) + ": no effect");
}

void step_table(std::string& out, const PathwayStep& step, std::size_t i, const std::string& path,
                const Parameters& p, const ScenarioKeyPositions& at) {
  header(out, at, "  ", "[[pathway.step]] step " + std::to_string(i + 1) + ": " + step_summary(step), path);
  const TableWriter w(out, at, path, "    ");
  w.key("intervention", quoted(step.intervention));
  w.key("track", quoted(step.track));
  if (step.relative_to_previous) {
    w.key("start_month", "not given",
          "the step starts after_previous_months after the previous step on its track");
    w.key("after_previous_months", std::to_string(step.start_month));
  } else {
    w.key("start_month", std::to_string(step.start_month));
    w.key("after_previous_months", "not given", "the step starts at start_month");
  }
  const InterventionType* type = p.values.find_intervention(step.intervention);
  w.key("duration_months", std::to_string(step.duration_months),
        type == nullptr ? std::string(k_default) : catalogue_row_text(type->default_duration));
  w.key("coverage", format_value(step.coverage));
  w.key("eligible", quoted(step.eligible.to_string()));
  w.key("min_danish_level", format_value(step.min_danish_level));
  w.key("dose", format_value(step.dose));
}

void pathway_tables(std::string& out, const Scenario& s, const Parameters& p,
                    const ScenarioKeyPositions& at) {
  if (s.pathways.empty()) header(out, at, "", "[[pathway]]", "pathway", " none");
  for (std::size_t n = 0; n < s.pathways.size(); ++n) {
    const Pathway& pw = s.pathways[n];
    const std::string path = "pathway." + std::to_string(n + 1);
    header(out, at, "", "[[pathway]]", path, " " + pw.name);
    const TableWriter w(out, at, path, "  ");
    w.key("name", quoted(pw.name));
    w.key("step", count_of(pw.steps.size(), "step") + ", below");
    for (std::size_t i = 0; i < pw.steps.size(); ++i)
      step_table(out, pw.steps[i], i, path + ".step." + std::to_string(i + 1), p, at);
  }
}

std::string pathway_value(const std::string& name) {
  return name.empty() ? std::string("\"\"") : quoted(name);
}

void arm_tables(std::string& out, const Scenario& s, const ScenarioKeyPositions& at) {
  for (std::size_t a = 0; a < s.arms.size(); ++a) {
    const Arm& arm = s.arms[a];
    const std::string path = "arm." + std::to_string(a + 1);
    header(out, at, "", "[[arm]]", path, " " + arm.name + " (" + std::string(role_name(arm.role)) + ")");
    const TableWriter w(out, at, path, "  ");
    w.key("name", quoted(arm.name));
    w.key("role", quoted(role_name(arm.role)));
    // The reader appends the arm's own `pathway` as a last rule for everyone else.
    const std::size_t rules = arm.assignments.empty() ? 0 : arm.assignments.size() - 1;
    const std::string others = arm.assignments.empty() ? std::string() : arm.assignments.back().pathway;
    w.key("pathway", pathway_value(others), std::string(k_default) + ": no programme");
    w.key("reentry_pathway", pathway_value(arm.reentry_pathway), std::string(k_default) + ": no programme");
    w.key("assign",
          rules == 0 ? std::string("[]") : count_of(rules, "rule") + ", below; the first match wins",
          std::string(k_default) + ": everyone gets pathway");
    w.key("benefit_cut", format_value(arm.rules.benefit_cut), std::string(k_default) + ": no cut");
    w.key("sanctions", arm.rules.sanctions ? "true" : "false",
          std::string(k_default) + ": no sanction regime");
    w.key("capacity",
          arm.capacity.empty() ? std::string("[]") : count_of(arm.capacity.size(), "programme") + ", below",
          std::string(k_default) + ": unlimited places");
    for (std::size_t c = 0; c < arm.capacity.size(); ++c) {
      const CapacitySpec& cap = arm.capacity[c];
      const std::string cap_path = path + ".capacity." + std::to_string(c + 1);
      header(out, at, "  ", "[[arm.capacity]]", cap_path, " " + cap.intervention);
      const TableWriter cw(out, at, cap_path, "    ");
      cw.key("intervention", quoted(cap.intervention));
      cw.key("places", format_value(cap.places));
      cw.key("max_wait_months", cap.max_wait_months < 0 ? "not given" : std::to_string(cap.max_wait_months),
             std::string(k_default) + ": waits as long as on benefit");
    }
    for (std::size_t r = 0; r < rules; ++r) {
      const PathwayAssignment& rule = arm.assignments[r];
      const std::string rule_path = path + ".assign." + std::to_string(r + 1);
      header(out, at, "  ", "[[arm.assign]]", rule_path,
             " rule " + std::to_string(r + 1) + ": " + rule.who.to_string() + " -> " +
                 (rule.pathway.empty() ? "no programme" : rule.pathway));
      const TableWriter rw(out, at, rule_path, "    ");
      rw.key("who", quoted(rule.who.to_string()));
      rw.key("pathway", pathway_value(rule.pathway));
    }
  }
}

void output_table(std::string& out, const Scenario& s, const ScenarioKeyPositions& at) {
  header(out, at, "", "[output]", "output");
  const TableWriter w(out, at, "output", "  ");
  w.key("subgroups", list_text(s.output.subgroup_dimensions, [](Dimension d) { return quoted(name_of(d)); }));
  w.key("employment_rate_months",
        list_text(s.output.employment_rate_months, [](int m) { return std::to_string(m); }),
        std::string(k_default) + ": every 12 months, and the horizon");
  w.key("decomposition", s.output.decomposition ? "true" : "false");
}

void overrides_table(std::string& out, const Scenario& s, const ScenarioKeyPositions& at) {
  header(out, at, "", "[overrides]", "overrides");
  if (s.overrides.empty())
    out += "  none: every catalogue value as in the catalogue  (" + std::string(k_default) + ")\n";
  for (const ParameterOverride& o : s.overrides)
    out += "  " + quoted(o.id) + " = " + format_value(o.value) + "  (" + o.where.file + ":" +
           std::to_string(o.where.line) + ")\n";
}

void uncertainty_table(std::string& out, const Scenario& s, const ScenarioKeyPositions& at) {
  header(out, at, "", "[uncertainty]", "uncertainty");
  const TableWriter w(out, at, "uncertainty", "  ");
  const UncertaintySpec& u = s.uncertainty;
  w.key("fix", list_text(u.fix, [](const std::string& id) { return quoted(id); }),
        std::string(k_default) + ": nothing held fixed");
  w.key("widen", u.widen.empty() ? "{}" : count_of(u.widen.size(), "value") + ", below",
        std::string(k_default) + ": intervals as in the catalogue");
  const TableWriter widened(out, at, "uncertainty.widen", "    ");
  for (const auto& [id, factor] : u.widen) widened.id_key(id, format_value(factor));
  w.key("vary", u.vary.empty() ? "{}" : count_of(u.vary.size(), "value") + ", below",
        std::string(k_default) + ": distributions as in the catalogue");
  for (const UncertainValueSpec& v : u.vary)
    out += "    " + quoted(v.id) + " = " + knob_text(v.knob) + "  (" + v.knob.where.file + ":" +
           std::to_string(v.knob.where.line) + ")\n";
  const std::pair<const char*, const UncertainKnob*> knobs[] = {
      {"combination_alpha", &u.combination_alpha},
      {"company_collaboration", &u.company_collaboration},
      {"specialised_caseworkers", &u.specialised_caseworkers},
      {"caseload", &u.caseload}};
  for (const auto& [key, knob] : knobs)
    w.key(key, knob->active ? knob_text(*knob) : "not uncertain",
          std::string(k_default) + ": the value in force");
}

std::string parameter_line(const CatalogueValue& v, const Parameters& p) {
  std::string out = "  " + v.id + " = " + format_value(v.value);
  if (v.has_interval) out += " [" + format_value(v.ci_low) + ", " + format_value(v.ci_high) + "]";
  const bool overridden = std::find(p.overridden.begin(), p.overridden.end(), v.id) != p.overridden.end();
  // An override's source already names the scenario line that set it.
  out += "  (" + std::string(overridden ? "override" : name_of(v.status)) + "; source " + v.source + "; ";
  if (overridden) out += "replaces the catalogue value of ";
  return out + v.file + ":" + std::to_string(v.line) + ")\n";
}

}  // namespace

std::string resolved_scenario_text(const Scenario& s, const Parameters& p, const ScenarioKeyPositions& at) {
  std::string out = "scenario '" + s.name + "'" + (s.description.empty() ? "" : ": " + s.description) + "\n";
  out += "Every table and key of " + s.where.file +
         " with the value in force and where it came from: the file's line, the built-in default, or the "
         "catalogue row (status; source; file:line).\n";
  scenario_table(out, s, at);
  population_table(out, s, at);
  inflow_table(out, s, at);
  caseload_table(out, s, at);
  frailty_table(out, s, at);
  municipality_table(out, s, at);
  labour_market_table(out, s, at);
  pathway_tables(out, s, p, at);
  arm_tables(out, s, at);
  output_table(out, s, at);
  overrides_table(out, s, at);
  uncertainty_table(out, s, at);
  out += "\nparameters (value [95% interval] (status; source; file:line))\n";
  for (const CatalogueValue* v : p.values.all_values()) out += parameter_line(*v, p);
  return out;
}

}  // namespace integrasim

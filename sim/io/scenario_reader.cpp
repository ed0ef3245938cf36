// TOML scenario files -> Scenario (docs/scenario_reference.md describes the format).
//
// Every check goes through the one family of positioned TOML checks (io/toml_support.h)
// so that all messages share one shape ("file:line:col: <what> is <value>, but must be
// <rule>"); tests/io/scenario_reader_test.cpp has one row per check.
#include "io/scenario_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <set>

#include <toml++/toml.h>

#include "core/diagnostics.h"
#include "core/limits.h"
#include "io/caseload_reader.h"
#include "io/scenario_keys.h"
#include "io/toml_support.h"

namespace integrasim {
namespace {

using namespace toml_support;

constexpr double k_share_tolerance = 1e-6;
constexpr double k_max_danish_level = 3.0;
constexpr const char* k_reserved_arm_name = "no_intervention";

// Defaults of [population] (docs/scenario_reference.md gives their sources).
const std::array<std::vector<double>, k_dimension_count> k_default_shares = {{
    {0.6, 0.4},                // sex: COMP-1
    {0.78, 0.22, 0.0},         // group: COMP-1
    {0.07, 0.93},              // match_group: BER-JR (about 7 in 100 judged job-ready)
    {0.40, 0.33, 0.17, 0.10},  // age_band: placeholder
    {0.55, 0.25, 0.20},        // education: placeholder
    {0.7, 0.3},                // health: placeholder (30-50 % with trauma is quoted; source not traced)
    {0.65, 0.35},              // children: placeholder
}};

bool is_track_name(std::string_view s) {
  if (s.empty() || s.size() > k_max_track_name_length) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

class UncertainIds;

class Reader : public PositionedReader {
 public:
  Reader(const std::string& file, const Catalogue& catalogue)
      : PositionedReader(file), catalogue_(catalogue) {}

  Scenario read(const toml::table& root);

 private:
  // --- sections ----------------------------------------------------------------------------
  void read_scenario_table(const toml::table& root, Scenario& out) const;
  void read_population(const toml::table& root, PopulationSpec& out) const;
  std::vector<double> read_level_shares(const Section& s, Dimension dim) const;
  std::vector<double> read_number_list(const Section& s, std::string_view key, double lo, double hi) const;
  void read_danish_levels(const Section& s, PopulationSpec& out) const;
  void read_inflow(const toml::table& root, int horizon, InflowSpec& out) const;
  void read_capacity(const Section& arm, Arm& out) const;
  void read_caseload_table(const toml::table& root, CaseloadSpec& out) const;
  void read_frailty(const toml::table& root, FrailtySpec& out) const;
  void read_municipality(const toml::table& root, MunicipalitySpec& out) const;
  void read_labour_market(const toml::table& root, int horizon, LabourMarketSpec& out) const;
  void read_pathways(const toml::table& root, std::vector<Pathway>& out) const;
  PathwayStep read_step(const toml::table& t, const std::string& label) const;
  void check_full_time_tracks(const Pathway& pathway, const std::vector<const toml::table*>& steps) const;
  void read_arms(const toml::table& root, const std::vector<Pathway>& pathways, std::vector<Arm>& out) const;
  std::string read_pathway_reference(const Section& s, std::string_view key,
                                     const Names& pathway_names) const;
  void check_arm_roles(const toml::table& root, const std::vector<Arm>& arms,
                       const std::vector<const toml::table*>& tables) const;
  void read_output(const toml::table& root, int horizon, OutputSpec& out) const;
  void read_overrides(const toml::table& root, std::vector<ParameterOverride>& out) const;
  void read_uncertainty(const toml::table& root, Scenario& out) const;
  void read_uncertain_vary(const Section& s, const UncertainIds& ids, UncertaintySpec& spec) const;
  void read_uncertain_widen(const Section& s, const UncertainIds& ids, UncertaintySpec& spec) const;
  void read_uncertain_fix(const Section& s, const UncertainIds& ids, UncertaintySpec& spec) const;
  void read_uncertain_knobs(const Section& s, Scenario& out) const;
  UncertainKnob read_knob(const toml::node& node, const std::string& what, double value) const;

  const Catalogue& catalogue_;
};

// --- [scenario] -----------------------------------------------------------------------------

void Reader::read_scenario_table(const toml::table& root, Scenario& out) const {
  const toml::table* table = read_table(top_section(root), "scenario", "a table written [scenario]");
  if (table == nullptr)
    fail_message(root, "the file has no [scenario] table; it needs at least [scenario] with a name");
  const Section s = bracket_section(*table, "scenario");
  known_keys(s, scenario_keys("scenario"));
  require_present(s, "name");
  out.name = *read_name(s, "name");
  out.description = read_string(s, "description").value_or("");
  out.horizon_months = static_cast<int>(
      read_integer(s, "horizon_months", 1, k_max_horizon_months).value_or(out.horizon_months));
  out.persons = read_integer(s, "persons", 1, k_max_persons).value_or(out.persons);
  out.seed = static_cast<std::uint64_t>(
      read_integer(s, "seed", 0, k_max_seed).value_or(static_cast<std::int64_t>(out.seed)));
  out.duration_clock = read_choice<DurationClock>(s, "duration_clock", {"since_entry", "since_spell_start"})
                           .value_or(out.duration_clock);
  out.combination_rule =
      read_choice<CombinationRule>(s, "combination_rule", {"multiplicative", "strongest", "diminishing"})
          .value_or(out.combination_rule);

  // alpha only means something for the diminishing rule; a stray alpha is probably a
  // forgotten rule change, so it is an error rather than silently ignored.
  const auto alpha = read_number(s, "combination_alpha", 0.0, 1.0);
  if (out.combination_rule == CombinationRule::diminishing) {
    if (!alpha)
      fail_message(*table,
                   "[scenario] combination_rule \"diminishing\" needs combination_alpha "
                   "(a number between 0 and 1)");
    out.combination_alpha = *alpha;
  } else if (alpha) {
    fail_value(*s.get("combination_alpha"), s.what("combination_alpha"),
               "left out unless combination_rule is \"diminishing\"");
  }
}

// --- [population] ---------------------------------------------------------------------------

std::vector<double> Reader::read_level_shares(const Section& s, Dimension dim) const {
  const auto d = static_cast<std::size_t>(dim);
  const std::string key(name_of(dim));
  Names levels;
  for (int l = 0; l < k_dimension_levels[d]; ++l) levels.emplace_back(level_name(dim, l));
  const toml::table* table = read_table(
      s, key, "a table of level = share, e.g. { " + levels[0] + " = 0.6, " + levels[1] + " = 0.4 }");
  if (table == nullptr) return k_default_shares[d];

  const Section dim_section{*table, s.what(key), "."};
  known_keys(dim_section, scenario_keys("population." + key));
  std::vector<double> shares(levels.size(), 0.0);  // levels not mentioned get no one
  double sum = 0.0;
  for (std::size_t l = 0; l < levels.size(); ++l) {
    shares[l] = read_number(dim_section, levels[l], 0.0, 1.0).value_or(0.0);
    sum += shares[l];
  }
  if (std::abs(sum - 1.0) > k_share_tolerance)
    fail_input(at(*table), dim_section.label + ": the sum of the shares", format_value(sum), "1");
  return shares;
}

std::vector<double> Reader::read_number_list(const Section& s, std::string_view key, double lo,
                                             double hi) const {
  std::vector<double> values;
  const toml::array* array = read_array(s, key, "a list of numbers, e.g. [0.0, 1.0]");
  if (array == nullptr) return values;
  if (array->empty()) fail_value(*s.get(key), s.what(key), "a list with at least one number");
  for (std::size_t i = 0; i < array->size(); ++i)
    values.push_back(require_number(*array->get(i), s.what(key) + " element " + std::to_string(i + 1), lo, hi,
                                    number_rule(lo, hi)));
  return values;
}

void Reader::read_danish_levels(const Section& s, PopulationSpec& out) const {
  const toml::node* values_node = s.get("danish_level_values");
  const toml::node* shares_node = s.get("danish_level_shares");
  if (values_node == nullptr && shares_node == nullptr) {
    out.danish_level_values = {0.0};  // default: nobody speaks Danish at entry
    out.danish_level_shares = {1.0};
    return;
  }
  if (values_node == nullptr || shares_node == nullptr)
    fail_message(s.table,
                 "[population] needs danish_level_values and danish_level_shares together "
                 "(or neither)");
  out.danish_level_values = read_number_list(s, "danish_level_values", 0.0, k_max_danish_level);
  out.danish_level_shares = read_number_list(s, "danish_level_shares", 0.0, 1.0);
  if (out.danish_level_shares.size() != out.danish_level_values.size())
    fail_input(at(*shares_node), "[population] danish_level_shares: the number of shares",
               std::to_string(out.danish_level_shares.size()),
               "the number of danish_level_values (" + std::to_string(out.danish_level_values.size()) + ")");
  double sum = 0.0;
  for (double share : out.danish_level_shares) sum += share;
  if (std::abs(sum - 1.0) > k_share_tolerance)
    fail_input(at(*shares_node), "[population] danish_level_shares: the sum of the shares", format_value(sum),
               "1");
}

void Reader::read_population(const toml::table& root, PopulationSpec& out) const {
  static const toml::table empty;
  const toml::table* table = read_table(top_section(root), "population", "a table written [population]");
  const Section s = bracket_section(table != nullptr ? *table : empty, "population");
  known_keys(s, scenario_keys("population"));
  for (int d = 0; d < k_dimension_count; ++d)
    out.shares[static_cast<std::size_t>(d)].share = read_level_shares(s, static_cast<Dimension>(d));
  read_danish_levels(s, out);
  if (const auto represents = read_number(s, "represents", 0.0, k_max_represented)) {
    if (*represents <= 0.0)
      fail_value(*s.get("represents"), s.what("represents"),
                 "a number of real persons above 0 and at most " + format_value(k_max_represented));
    out.represents = *represents;
  }
}

// --- [inflow] -------------------------------------------------------------------------------

void Reader::read_inflow(const toml::table& root, int horizon, InflowSpec& out) const {
  const toml::table* table = read_table(top_section(root), "inflow", "a table written [inflow]");
  if (table == nullptr) return;
  const Section s = bracket_section(*table, "inflow");
  known_keys(s, scenario_keys("inflow"));
  out.where = at(*table);
  const toml::node& list = require_present(s, "arrivals_per_month");
  const toml::array* array =
      read_array(s, "arrivals_per_month", "a list of whole numbers of real arrivals, e.g. [25, 25, 30]");
  if (array->empty()) fail_value(list, s.what("arrivals_per_month"), "a list with at least one month");
  // A newcomer arriving in calendar month e is followed until the horizon; arrivals at or
  // after it would never be seen.
  if (array->size() > static_cast<std::size_t>(horizon))
    fail_input(at(list), s.what("arrivals_per_month") + ": the number of months",
               std::to_string(array->size()),
               "at most horizon_months (" + std::to_string(horizon) + "): arrivals from month " +
                   std::to_string(horizon) + " on would not be followed");
  std::int64_t total = 0;
  for (std::size_t i = 0; i < array->size(); ++i) {
    out.arrivals_per_month.push_back(
        require_integer(*array->get(i), s.what("arrivals_per_month") + " element " + std::to_string(i + 1), 0,
                        k_max_arrivals_per_month));
    total += out.arrivals_per_month.back();
  }
  // Said as the total: the list itself is shown as "an array", which tells nothing.
  if (total == 0)
    fail_input(at(list), s.what("arrivals_per_month") + ": the total of arrivals", "0", "at least 1");
  out.simulated_per_arrival =
      read_integer(s, "simulated_per_arrival", 1, k_max_replicas).value_or(out.simulated_per_arrival);
}

// --- [frailty] --------------------------------------------------------------------------------

void Reader::read_municipality(const toml::table& root, MunicipalitySpec& out) const {
  const toml::table* table = read_table(top_section(root), "municipality", "a table written [municipality]");
  if (table == nullptr) return;
  const Section s = bracket_section(*table, "municipality");
  known_keys(s, scenario_keys("municipality"));
  // Multipliers of log hazard ratios: 0 switches an effect off (the bound's reason is in
  // core/limits.h).
  constexpr double most = k_max_organisation_multiplier;
  out.company_collaboration = read_number(s, "company_collaboration", 0.0, most).value_or(1.0);
  out.specialised_caseworkers = read_number(s, "specialised_caseworkers", 0.0, most).value_or(1.0);
  const auto caseload = read_number(s, "caseload", 0.0, most);
  if (caseload && *caseload <= 0.0)
    fail_value(*s.get("caseload"), s.what("caseload"), "a number above 0 and at most " + format_value(most));
  out.caseload = caseload.value_or(1.0);
}

void Reader::read_labour_market(const toml::table& root, int horizon, LabourMarketSpec& out) const {
  const toml::table* table =
      read_table(top_section(root), "labour_market", "a table written [labour_market]");
  if (table == nullptr) return;
  const Section s = bracket_section(*table, "labour_market");
  known_keys(s, scenario_keys("labour_market"));
  out.employment_rate = read_number_list(s, "employment_rate", 0.0, 1.0);
  if (out.employment_rate.size() > static_cast<std::size_t>(horizon))
    fail_value(*s.get("employment_rate"), s.what("employment_rate"),
               "at most one rate per month of the horizon (" + std::to_string(horizon) + ")");
  const auto reference = read_number(s, "reference_rate", 0.0, 1.0);
  if (!reference && !out.employment_rate.empty()) {
    out.reference_rate = out.employment_rate.front();
  } else {
    out.reference_rate = reference.value_or(0.0);
  }
  // Without a reference the given share is the reference: no effect until both are set.
  out.skilled_job_share = read_number(s, "skilled_job_share", 0.0, 1.0).value_or(0.0);
  out.reference_skilled_job_share =
      read_number(s, "reference_skilled_job_share", 0.0, 1.0).value_or(out.skilled_job_share);
}

void Reader::read_frailty(const toml::table& root, FrailtySpec& out) const {
  const toml::table* table = read_table(top_section(root), "frailty", "a table written [frailty]");
  if (table == nullptr) return;
  const Section s = bracket_section(*table, "frailty");
  known_keys(s, scenario_keys("frailty"));
  out.variance = read_number(s, "variance", 0.0, k_max_frailty_variance).value_or(out.variance);

  const toml::array* applies = read_array(s, "applies_to", "a list such as [\"employed\"]");
  if (applies == nullptr) return;
  const Names destinations = {"employed", "education", "exit", "off_benefit"};
  out.applies_to = {false, false, false, false};
  for (std::size_t i = 0; i < applies->size(); ++i) {
    const toml::node& element = *applies->get(i);
    const std::string what = s.what("applies_to") + " element " + std::to_string(i + 1);
    const std::string name = require_string(element, what);
    const auto destination = destination_from_name(name);
    if (!destination) fail_value(element, what, one_of(destinations) + did_you_mean(name, destinations));
    bool& flag = out.applies_to[static_cast<std::size_t>(*destination)];
    if (flag) fail_value(element, what, "listed only once");
    flag = true;
  }
}

// --- [[pathway]] ------------------------------------------------------------------------------

PathwayStep Reader::read_step(const toml::table& t, const std::string& label) const {
  const Section s = item_section(t, label);
  known_keys(s, scenario_keys("pathway.step"));
  PathwayStep step;
  step.where = at(t);

  const toml::node& intervention_node = require_present(s, "intervention");
  step.intervention = require_string(intervention_node, s.what("intervention"));
  const InterventionType* type = catalogue_.find_intervention(step.intervention);
  if (type == nullptr) {
    Names ids;
    for (const auto& i : catalogue_.interventions) ids.push_back(i.id);
    fail_value(intervention_node, s.what("intervention"),
               "an intervention id from the catalogue" + did_you_mean(step.intervention, ids));
  }

  if (const auto track = read_string(s, "track")) {
    if (!is_track_name(*track))
      fail_value(*s.get("track"), s.what("track"),
                 "a track name of 1 to " + std::to_string(k_max_track_name_length) +
                     " lowercase letters, digits or '_'");
    step.track = *track;
  }

  // Exactly one start rule: an absolute month or a gap after the previous step.
  const auto start = read_integer(s, "start_month", 0, k_max_horizon_months);
  const auto after = read_integer(s, "after_previous_months", 0, k_max_horizon_months);
  if (start && after)
    fail_message(*s.get("after_previous_months"),
                 label + ": give either start_month or after_previous_months, not both");
  if (!start && !after)
    fail_message(t, label +
                        " needs start_month (months since the spell starts) or "
                        "after_previous_months (months after the previous step on its track)");
  step.relative_to_previous = after.has_value();
  step.start_month = static_cast<int>(start ? *start : *after);

  // The catalogue's default duration is in (possibly fractional) months.
  const double catalogue_months = std::clamp(type->default_duration.value, 1.0, double{k_max_horizon_months});
  const auto default_duration = std::isfinite(catalogue_months) ? std::lround(catalogue_months) : 1L;
  step.duration_months = static_cast<int>(
      read_integer(s, "duration_months", 1, k_max_horizon_months).value_or(default_duration));
  step.coverage = read_number(s, "coverage", 0.0, 1.0).value_or(step.coverage);
  if (const toml::node* eligible = s.get("eligible"))
    step.eligible = require_selector(*eligible, s.what("eligible"));
  step.min_danish_level = read_number(s, "min_danish_level", 0.0, k_max_danish_level).value_or(0.0);
  if (const toml::node* dose = s.get("dose"))
    step.dose = require_number(*dose, s.what("dose"), std::numeric_limits<double>::min(), k_max_dose,
                               "a number greater than 0 and at most " + format_value(k_max_dose));
  return step;
}

// A person can only be in one full-time programme at a time, so full-time interventions
// must share one track (where they run one after another).
void Reader::check_full_time_tracks(const Pathway& pathway,
                                    const std::vector<const toml::table*>& steps) const {
  std::string full_time_track;
  for (std::size_t i = 0; i < pathway.steps.size(); ++i) {
    const PathwayStep& step = pathway.steps[i];
    const InterventionType* type = catalogue_.find_intervention(step.intervention);
    if (type->intensity != Intensity::full_time) continue;
    if (full_time_track.empty()) full_time_track = step.track;
    if (step.track == full_time_track) continue;
    fail_message(
        *steps[i]->get("intervention"),
        "pathway '" + pathway.name + "' step " + std::to_string(i + 1) + ": full-time intervention '" +
            step.intervention + "' on track '" + step.track + "' while track '" + full_time_track +
            "' already holds full-time interventions; put part-time interventions on parallel tracks");
  }
}

void Reader::read_pathways(const toml::table& root, std::vector<Pathway>& out) const {
  const auto tables = read_tables(top_section(root), "pathway", "[[pathway]]");
  for (std::size_t p = 0; p < tables.size(); ++p) {
    const toml::table& t = *tables[p];
    Section s = item_section(t, "pathway " + std::to_string(p + 1));
    known_keys(s, scenario_keys("pathway"));
    require_present(s, "name");
    Pathway pathway;
    pathway.name = *read_name(s, "name");
    pathway.where = at(t);
    for (const Pathway& earlier : out)
      if (earlier.name == pathway.name) fail_value(*s.get("name"), s.what("name"), "unique among pathways");
    s.label = "pathway '" + pathway.name + "'";

    const auto steps = read_tables(s, "step", "[[pathway.step]]");
    if (steps.empty()) fail_message(t, s.label + " has no steps; add at least one [[pathway.step]]");
    if (steps.size() > static_cast<std::size_t>(k_max_pathway_steps))
      fail_message(*steps[static_cast<std::size_t>(k_max_pathway_steps)],
                   s.label + " has " + std::to_string(steps.size()) + " steps, but at most " +
                       std::to_string(k_max_pathway_steps) + " are allowed");
    for (std::size_t i = 0; i < steps.size(); ++i)
      pathway.steps.push_back(read_step(*steps[i], s.label + " step " + std::to_string(i + 1)));
    check_full_time_tracks(pathway, steps);
    out.push_back(std::move(pathway));
  }
}

// --- [[arm]] -----------------------------------------------------------------------------------

std::string Reader::read_pathway_reference(const Section& s, std::string_view key,
                                           const Names& pathway_names) const {
  const auto name = read_string(s, key);
  if (!name || name->empty()) return "";  // "" = no programme
  if (std::find(pathway_names.begin(), pathway_names.end(), *name) == pathway_names.end())
    fail_value(*s.get(key), s.what(key),
               "the name of a [[pathway]] or \"\" for no programme" + did_you_mean(*name, pathway_names));
  return *name;
}

void Reader::read_arms(const toml::table& root, const std::vector<Pathway>& pathways,
                       std::vector<Arm>& out) const {
  Names pathway_names;
  for (const Pathway& p : pathways) pathway_names.push_back(p.name);

  const auto tables = read_tables(top_section(root), "arm", "[[arm]]");
  for (std::size_t a = 0; a < tables.size(); ++a) {
    const toml::table& t = *tables[a];
    Section s = item_section(t, "arm " + std::to_string(a + 1));
    known_keys(s, scenario_keys("arm"));
    require_present(s, "name");
    Arm arm;
    arm.name = *read_name(s, "name");
    arm.where = at(t);
    if (arm.name == k_reserved_arm_name)
      fail_value(*s.get("name"), s.what("name"),
                 "a name other than \"no_intervention\" (reserved for the decomposition)");
    for (const Arm& earlier : out)
      if (earlier.name == arm.name) fail_value(*s.get("name"), s.what("name"), "unique among arms");
    s.label = "arm '" + arm.name + "'";

    require_present(s, "role");
    arm.role = *read_choice<ArmRole>(s, "role", {"comparator", "policy", "other"});

    const auto rules = read_tables(s, "assign", "[[arm.assign]]");
    for (std::size_t r = 0; r < rules.size(); ++r) {
      const Section rule_section = item_section(*rules[r], s.label + " assign " + std::to_string(r + 1));
      known_keys(rule_section, scenario_keys("arm.assign"));
      PathwayAssignment assignment;
      assignment.who = require_selector(require_present(rule_section, "who"), rule_section.what("who"));
      require_present(rule_section, "pathway");
      assignment.pathway = read_pathway_reference(rule_section, "pathway", pathway_names);
      arm.assignments.push_back(assignment);
    }
    // Everyone not matched by an assign rule gets `pathway` (or no programme).
    arm.assignments.push_back(
        PathwayAssignment{Selector{}, read_pathway_reference(s, "pathway", pathway_names)});
    arm.reentry_pathway = read_pathway_reference(s, "reentry_pathway", pathway_names);
    arm.rules.benefit_cut = read_number(s, "benefit_cut", 0.0, 1.0).value_or(0.0);
    arm.rules.sanctions = read_bool(s, "sanctions").value_or(false);
    read_capacity(s, arm);
    out.push_back(std::move(arm));
  }
  check_arm_roles(root, out, tables);
}

// --- [caseload] -------------------------------------------------------------------------------

void Reader::read_caseload_table(const toml::table& root, CaseloadSpec& out) const {
  const toml::table* table = read_table(top_section(root), "caseload", "a table written [caseload]");
  if (table == nullptr) return;
  const Section s = bracket_section(*table, "caseload");
  known_keys(s, scenario_keys("caseload"));
  const toml::node& file_node = require_present(s, "file");
  const std::string file = require_string(file_node, s.what("file"));
  if (file.empty()) fail_value(file_node, s.what("file"), "the path of a caseload CSV file");
  const std::int64_t replicas =
      read_integer(s, "simulated_per_person", 1, k_max_replicas).value_or(out.simulated_per_person);
  // Relative to the scenario file, so that a scenario and its caseload move together.
  const std::filesystem::path path = std::filesystem::path(file).is_absolute()
                                         ? std::filesystem::path(file)
                                         : std::filesystem::path(file_).parent_path() / file;
  Names ids;
  for (const InterventionType& iv : catalogue_.interventions) ids.push_back(iv.id);
  out = read_caseload_file(file, path, ids);
  out.simulated_per_person = replicas;
  out.where = at(*table);
}

// [[arm.capacity]]: limited places in one programme (docs/model.md §6).
void Reader::read_capacity(const Section& arm_section, Arm& out) const {
  Names ids;
  for (const InterventionType& iv : catalogue_.interventions) ids.push_back(iv.id);
  const auto tables = read_tables(arm_section, "capacity", "[[arm.capacity]]");
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const Section s = item_section(*tables[i], arm_section.label + " capacity " + std::to_string(i + 1));
    known_keys(s, scenario_keys("arm.capacity"));
    CapacitySpec c;
    c.where = at(*tables[i]);
    const toml::node& iv = require_present(s, "intervention");
    c.intervention = require_string(iv, s.what("intervention"));
    if (std::find(ids.begin(), ids.end(), c.intervention) == ids.end())
      fail_value(iv, s.what("intervention"),
                 "a catalogue intervention id" + did_you_mean(c.intervention, ids));
    for (const CapacitySpec& earlier : out.capacity)
      if (earlier.intervention == c.intervention)
        fail_value(iv, s.what("intervention"), "named once per arm (places of one programme are one number)");
    require_present(s, "places");
    c.places = *read_number(s, "places", 0.0, k_max_places);
    c.max_wait_months =
        static_cast<int>(read_integer(s, "max_wait_months", 0, k_max_horizon_months).value_or(-1));
    out.capacity.push_back(std::move(c));
  }
}

void Reader::check_arm_roles(const toml::table& root, const std::vector<Arm>& arms,
                             const std::vector<const toml::table*>& tables) const {
  if (arms.size() < 2)
    fail_message(arms.empty() ? static_cast<const toml::node&>(root) : *tables[0],
                 "the scenario needs at least two [[arm]] tables: one with role = \"comparator\" and at "
                 "least one with role = \"policy\"");
  std::string comparator;
  bool has_policy = false;
  for (std::size_t a = 0; a < arms.size(); ++a) {
    if (arms[a].role == ArmRole::policy) has_policy = true;
    if (arms[a].role != ArmRole::comparator) continue;
    if (!comparator.empty())
      fail_value(*tables[a]->get("role"), "arm '" + arms[a].name + "': role",
                 "\"policy\" or \"other\", because arm '" + comparator + "' is already the comparator");
    comparator = arms[a].name;
  }
  if (comparator.empty())
    fail_message(*tables[0], "no arm has role = \"comparator\"; exactly one arm must be the comparator");
  if (!has_policy)
    fail_message(*tables[0], "no arm has role = \"policy\"; at least one arm must be a policy");
}

// --- [output] ----------------------------------------------------------------------------------

void Reader::read_output(const toml::table& root, int horizon, OutputSpec& out) const {
  out.subgroup_dimensions = {Dimension::sex, Dimension::group, Dimension::match_group};
  out.employment_rate_months.clear();
  for (int m = 12; m <= horizon; m += 12) out.employment_rate_months.push_back(m);
  if (horizon % 12 != 0) out.employment_rate_months.push_back(horizon);

  const toml::table* table = read_table(top_section(root), "output", "a table written [output]");
  if (table == nullptr) return;
  const Section s = bracket_section(*table, "output");
  known_keys(s, scenario_keys("output"));

  if (const toml::array* subgroups = read_array(s, "subgroups", "a list such as [\"sex\", \"group\"]")) {
    Names dimensions;
    for (int d = 0; d < k_dimension_count; ++d) dimensions.emplace_back(name_of(static_cast<Dimension>(d)));
    out.subgroup_dimensions.clear();
    for (std::size_t i = 0; i < subgroups->size(); ++i) {
      const toml::node& element = *subgroups->get(i);
      const std::string what = s.what("subgroups") + " element " + std::to_string(i + 1);
      const std::string name = require_string(element, what);
      const auto dim = dimension_from_name(name);
      if (!dim) fail_value(element, what, one_of(dimensions) + did_you_mean(name, dimensions));
      if (std::find(out.subgroup_dimensions.begin(), out.subgroup_dimensions.end(), *dim) !=
          out.subgroup_dimensions.end())
        fail_value(element, what, "listed only once");
      out.subgroup_dimensions.push_back(*dim);
    }
  }

  if (const toml::array* months = read_array(s, "employment_rate_months", "a list such as [12, 24, 36]")) {
    out.employment_rate_months.clear();
    for (std::size_t i = 0; i < months->size(); ++i) {
      const toml::node& element = *months->get(i);
      const std::string what = s.what("employment_rate_months") + " element " + std::to_string(i + 1);
      const int month = static_cast<int>(require_integer(element, what, 1, horizon));
      if (!out.employment_rate_months.empty() && month <= out.employment_rate_months.back())
        fail_value(
            element, what,
            "greater than the element before it (" + std::to_string(out.employment_rate_months.back()) + ")");
      out.employment_rate_months.push_back(month);
    }
  }
  out.decomposition = read_bool(s, "decomposition").value_or(out.decomposition);
}

// --- [overrides] -------------------------------------------------------------------------------

void Reader::read_overrides(const toml::table& root, std::vector<ParameterOverride>& out) const {
  const toml::table* table = read_table(top_section(root), "overrides", "a table written [overrides]");
  if (table == nullptr) return;
  Names ids;
  for (const CatalogueValue* value : catalogue_.all_values()) ids.push_back(value->id);
  InputErrors errors;  // every bad override, not only the first
  for (auto&& [key_ref, node_ref] : *table)
    errors.check([&, &key = key_ref, &node = node_ref] {
      const std::string id(key.str());
      // An unquoted dotted key (effect.x.post = 1.9) makes nested tables in TOML.
      if (node.is_table())
        fail_at_key(key, "[overrides] '" + id +
                             "' is a table; write catalogue ids in quotes, "
                             "e.g. \"effect.internship_private.post.employed.male\" = 1.9");
      if (std::find(ids.begin(), ids.end(), id) == ids.end())
        fail_at_key(key, "unknown catalogue id '" + id + "' in [overrides]" + did_you_mean(id, ids));
      ParameterOverride override_value;
      override_value.id = id;
      override_value.value = require_number(node, "[overrides] \"" + id + "\"", 0.0,
                                            std::numeric_limits<double>::max(), "a finite number >= 0");
      override_value.where = at(node);
      out.push_back(std::move(override_value));
    });
  errors.throw_if_any();
}

// --- [uncertainty] (probabilistic sensitivity analysis, docs/uncertainty.md) -------------------
//
// fix = ["id", ...]; widen = { "id" = factor }; vary = { "id" = { distribution, low, high } };
// and the scenario knobs combination_alpha, company_collaboration, specialised_caseworkers,
// caseload, each { distribution = "...", low = x, high = y } around the scenario's value.

UncertainKnob Reader::read_knob(const toml::node& node, const std::string& what, double value) const {
  if (!node.is_table())
    fail_value(node, what, "a table such as { distribution = \"lognormal\", low = 0.5, high = 2 }");
  const Section s = item_section(*node.as_table(), what);
  known_keys(s, scenario_keys("uncertainty.distribution"));
  require_present(s, "distribution");
  require_present(s, "low");
  require_present(s, "high");
  UncertainKnob knob;
  // Index + 1 is the Distribution (fixed = 0 is not a choice here).
  const auto d = read_choice<int>(s, "distribution", {"lognormal", "beta", "gamma", "normal"});
  knob.distribution = static_cast<Distribution>(*d + 1);
  const double big = std::numeric_limits<double>::max();
  const toml::node& low = *s.get("low");
  const toml::node& high = *s.get("high");
  knob.low = require_number(low, s.what("low"), -big, big, "a finite number");
  knob.high = require_number(high, s.what("high"), -big, big, "a finite number");
  if (!(knob.high > knob.low)) fail_value(high, s.what("high"), "above low (" + describe(low) + ")");
  if (knob.distribution == Distribution::lognormal && !(knob.low > 0))
    fail_value(low, s.what("low"), "above 0 for a lognormal distribution");
  if (knob.distribution == Distribution::gamma && knob.low < 0)
    fail_value(low, s.what("low"), "at least 0 for a gamma distribution");
  if (knob.distribution == Distribution::beta && (knob.low < 0 || knob.high > 1))
    fail_value(knob.low < 0 ? low : high, knob.low < 0 ? s.what("low") : s.what("high"),
               "between 0 and 1 for a beta distribution");
  char shown[32];
  std::snprintf(shown, sizeof shown, "%g", value);
  if (!(value >= knob.low && value <= knob.high)) {
    std::string rule = value < knob.low ? "at most" : "at least";
    rule.append(" the value in force (").append(shown).append(") so that the interval contains it");
    if (value < knob.low) fail_value(low, s.what("low"), rule);
    fail_value(high, s.what("high"), rule);
  }
  if ((knob.distribution == Distribution::beta && !(value > 0 && value < 1)) ||
      ((knob.distribution == Distribution::gamma || knob.distribution == Distribution::lognormal) &&
       !(value > 0))) {
    std::string rule = "a distribution that can have the value in force (";
    rule.append(shown).append(") as its centre");
    fail_value(*s.get("distribution"), s.what("distribution"), rule);
  }
  knob.where = at(node);
  return knob;
}

// The catalogue ids an [uncertainty] table may name, with the value in force of each
// (after [overrides]).
class UncertainIds {
 public:
  UncertainIds(const Catalogue& catalogue, const std::vector<ParameterOverride>& overrides)
      : rows_(catalogue.all_values()), overrides_(overrides) {
    for (const CatalogueValue* value : rows_) ids_.push_back(value->id);
  }

  const CatalogueValue* row_of(const std::string& id) const {
    for (const CatalogueValue* v : rows_)
      if (v->id == id) return v;
    return nullptr;
  }
  double value_in_force(const CatalogueValue* row) const {
    if (row == nullptr) return 0.0;
    double v = row->value;
    for (const auto& o : overrides_)
      if (o.id == row->id) v = o.value;
    return v;
  }
  const Names& ids() const { return ids_; }

 private:
  std::vector<const CatalogueValue*> rows_;
  const std::vector<ParameterOverride>& overrides_;
  Names ids_;
};

void Reader::read_uncertainty(const toml::table& root, Scenario& out) const {
  const toml::table* table = read_table(top_section(root), "uncertainty", "a table written [uncertainty]");
  if (table == nullptr) return;
  const Section s = bracket_section(*table, "uncertainty");
  known_keys(s, scenario_keys("uncertainty"));
  const UncertainIds ids(catalogue_, out.overrides);
  read_uncertain_vary(s, ids, out.uncertainty);
  read_uncertain_widen(s, ids, out.uncertainty);
  read_uncertain_fix(s, ids, out.uncertainty);
  read_uncertain_knobs(s, out);
}

void Reader::read_uncertain_vary(const Section& s, const UncertainIds& ids, UncertaintySpec& spec) const {
  const toml::table* vary = read_table(
      s, "vary", "a table such as { \"id\" = { distribution = \"lognormal\", low = 0.8, high = 1.2 } }");
  if (vary == nullptr) return;
  for (auto&& [key, node] : *vary) {
    const std::string id(key.str());
    const CatalogueValue* row = ids.row_of(id);
    if (row == nullptr)
      fail_at_key(key,
                  "unknown catalogue id '" + id + "' in [uncertainty] vary" + did_you_mean(id, ids.ids()));
    UncertainValueSpec v;
    v.id = id;
    v.knob = read_knob(node, "[uncertainty] vary \"" + id + "\"", ids.value_in_force(row));
    spec.vary.push_back(std::move(v));
  }
}

void Reader::read_uncertain_widen(const Section& s, const UncertainIds& ids, UncertaintySpec& spec) const {
  const toml::table* widen = read_table(s, "widen", "a table such as { \"id\" = 2 }");
  if (widen == nullptr) return;
  for (auto&& [key, node] : *widen) {
    const std::string id(key.str());
    const CatalogueValue* row = ids.row_of(id);
    if (row == nullptr)
      fail_at_key(key,
                  "unknown catalogue id '" + id + "' in [uncertainty] widen" + did_you_mean(id, ids.ids()));
    const bool varied =
        std::any_of(spec.vary.begin(), spec.vary.end(), [&](const auto& v) { return v.id == id; });
    if (!varied && (row->distribution == Distribution::fixed || !row->has_interval))
      fail_at_key(key,
                  "[uncertainty] widen \"" + id +
                      "\": the catalogue gives this value no distribution and interval; give one with vary");
    const std::string what = "[uncertainty] widen \"" + id + "\"";
    const std::string rule = "a number above 0 and at most " + format_value(k_max_widen_factor);
    const double factor = require_number(node, what, 0.0, k_max_widen_factor, rule);
    if (!(factor > 0)) fail_value(node, what, rule);
    spec.widen.emplace_back(id, factor);
  }
}

void Reader::read_uncertain_fix(const Section& s, const UncertainIds& ids, UncertaintySpec& spec) const {
  const toml::array* fix =
      read_array(s, "fix", "a list of catalogue ids, e.g. [\"effect.x.post.employed.all\"]");
  if (fix == nullptr) return;
  for (const toml::node& element : *fix) {
    const std::string id = require_string(element, "[uncertainty] fix element");
    if (ids.row_of(id) == nullptr)
      fail_message(element,
                   "unknown catalogue id '" + id + "' in [uncertainty] fix" + did_you_mean(id, ids.ids()));
    if (std::find(spec.fix.begin(), spec.fix.end(), id) != spec.fix.end())
      fail_message(element, "[uncertainty] fix names '" + id + "' twice");
    if (std::any_of(spec.widen.begin(), spec.widen.end(), [&](const auto& w) { return w.first == id; }))
      fail_message(element, "[uncertainty] '" + id + "' is both fixed and widened; choose one");
    spec.fix.push_back(id);
  }
}

// The scenario's own uncertain values: combination_alpha and the municipal multipliers.
void Reader::read_uncertain_knobs(const Section& s, Scenario& out) const {
  UncertaintySpec& spec = out.uncertainty;
  if (const toml::node* node = s.get("combination_alpha")) {
    if (out.combination_rule != CombinationRule::diminishing)
      fail_value(*node, s.what("combination_alpha"), "left out unless combination_rule is \"diminishing\"");
    spec.combination_alpha = read_knob(*node, s.what("combination_alpha"), out.combination_alpha);
    spec.combination_alpha.active = true;
  }
  const std::pair<const char*, UncertainKnob UncertaintySpec::*> municipal[] = {
      {"company_collaboration", &UncertaintySpec::company_collaboration},
      {"specialised_caseworkers", &UncertaintySpec::specialised_caseworkers},
      {"caseload", &UncertaintySpec::caseload}};
  const double values[] = {out.municipality.company_collaboration, out.municipality.specialised_caseworkers,
                           out.municipality.caseload};
  for (std::size_t i = 0; i < 3; ++i) {
    const toml::node* node = s.get(municipal[i].first);
    if (node == nullptr) continue;
    UncertainKnob& knob = spec.*(municipal[i].second);
    knob = read_knob(*node, s.what(municipal[i].first), values[i]);
    knob.active = true;
  }
}

// --- the whole file ----------------------------------------------------------------------------

Scenario Reader::read(const toml::table& root) {
  // Errors of tables read independently are reported together (up to a limit); [scenario]
  // (the horizon) and [[pathway]] (which arms name) are needed by others, so an error in
  // them ends the reading with what was found so far.
  InputErrors errors;
  // [sweep] is read apart, by io/sweep_spec.cpp, and only by the commands that sweep.
  errors.check([&] {
    Names top_keys = scenario_keys("");
    top_keys.emplace_back("sweep");
    known_keys(top_section(root), top_keys);
  });
  Scenario scenario;
  scenario.where = SourcePosition{file_, 0, 0};
  if (!errors.check([&] { read_scenario_table(root, scenario); })) errors.throw_if_any();
  const bool population = errors.check([&] { read_population(root, scenario.population); });
  const bool inflow = errors.check([&] { read_inflow(root, scenario.horizon_months, scenario.inflow); });
  const bool caseload = errors.check([&] { read_caseload_table(root, scenario.caseload); });
  // Arrivals and a caseload say themselves whom they stand for.
  if (population && inflow && caseload && scenario.population.represents > 0.0 &&
      (scenario.inflow.active() || scenario.caseload.active()))
    errors.check([&] {
      fail_message(*root.get_as<toml::table>("population")->get("represents"),
                   "[population] represents is for a synthetic cohort; with [inflow] or [caseload] the "
                   "arrivals and the caseload's rows are the real persons, so leave it out");
    });
  errors.check([&] { read_frailty(root, scenario.frailty); });
  errors.check([&] { read_municipality(root, scenario.municipality); });
  errors.check([&] { read_labour_market(root, scenario.horizon_months, scenario.labour_market); });
  if (errors.check([&] { read_pathways(root, scenario.pathways); }))
    errors.check([&] { read_arms(root, scenario.pathways, scenario.arms); });
  errors.check([&] { read_output(root, scenario.horizon_months, scenario.output); });
  errors.check([&] { read_overrides(root, scenario.overrides); });
  errors.check([&] { read_uncertainty(root, scenario); });
  errors.throw_if_any();
  return scenario;
}

}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& display_name, const Catalogue& catalogue) {
  return Reader(display_name, catalogue).read(toml_support::parse_guarded(text, display_name));
}

Scenario read_scenario_file(const std::string& path, const Catalogue& catalogue) {
  return parse_scenario(read_text_file(path), path, catalogue);
}

}  // namespace integrasim

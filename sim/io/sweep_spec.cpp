#include "io/sweep_spec.h"

#include <cmath>
#include <limits>

#include "core/limits.h"
#include "io/toml_support.h"

namespace integrasim {
namespace {

using namespace toml_support;

const Names k_sweep_keys = {"target", "values", "from", "to", "step", "second"};
const Names k_dimension_keys = {"target", "values", "from", "to", "step"};

constexpr const char* k_target_forms =
    "a target written override.<catalogue id>, pathway.<pathway>.step.<step number or intervention>."
    "coverage, pathway.<pathway>.step.<...>.start_month, pathway.<pathway>.step.<...>."
    "after_previous_months or arm.<arm>.capacity.<intervention>.places";

// The range of values a target takes, as the scenario reader checks the same key.
struct ValueRule {
  double lo = 0.0;
  double hi = 0.0;
  bool integer = false;
  std::string words;
};

ValueRule rule_of(SweepKnob knob) {
  switch (knob) {
    case SweepKnob::override_value:
      return {0.0, std::numeric_limits<double>::max(), false, "a finite number >= 0"};
    case SweepKnob::step_coverage:
      return {0.0, 1.0, false, number_rule(0.0, 1.0)};
    case SweepKnob::step_start:
      return {0.0, double{k_max_horizon_months}, true, integer_rule(0, k_max_horizon_months)};
    case SweepKnob::capacity_places:
      return {0.0, k_max_places, false, number_rule(0.0, k_max_places)};
  }
  return {};
}

std::vector<std::string> split_dots(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = text.find('.', start);
    parts.emplace_back(
        text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

class SweepReader : public PositionedReader {
 public:
  SweepReader(const std::string& file, const Scenario& scenario, const Catalogue& catalogue)
      : PositionedReader(file), scenario_(scenario), catalogue_(catalogue) {}

  SweepSpec read(const toml::table& root) const {
    SweepSpec spec;
    const toml::table* table = read_table(top_section(root), "sweep", "a table written [sweep]");
    if (table == nullptr) return spec;
    const Section s = bracket_section(*table, "sweep");
    known_keys(s, k_sweep_keys);
    spec.dimensions.push_back(read_dimension(s, *table));
    if (const toml::table* second = read_table(s, "second", "a table written [sweep.second]")) {
      const Section s2 = bracket_section(*second, "sweep.second");
      known_keys(s2, k_dimension_keys);
      SweepDimension d = read_dimension(s2, *second);
      if (d.target.name == spec.dimensions.front().target.name)
        fail_value(*second->get("target"), s2.what("target"),
                   "a different target from [sweep] target (a grid needs two targets)");
      spec.dimensions.push_back(std::move(d));
    }
    if (spec.dimensions.size() == 2) {
      const std::size_t points = spec.dimensions[0].values.size() * spec.dimensions[1].values.size();
      if (points > static_cast<std::size_t>(k_max_sweep_points))
        fail_message(*table, "[sweep] has " + std::to_string(points) + " points (" +
                                 std::to_string(spec.dimensions[0].values.size()) + " x " +
                                 std::to_string(spec.dimensions[1].values.size()) +
                                 "), but may have at most " + std::to_string(k_max_sweep_points));
    }
    return spec;
  }

 private:
  SweepDimension read_dimension(const Section& s, const toml::table& t) const {
    SweepDimension d;
    const toml::node& target_node = require_present(s, "target");
    d.target = read_target(target_node, s.what("target"));
    const ValueRule rule = rule_of(d.target.knob);
    const toml::array* values = read_array(s, "values", "a list of numbers such as [10, 20, 30]");
    const bool range = s.get("from") || s.get("to") || s.get("step");
    if (values != nullptr && range)
      fail_message(*s.get("values"), s.label + ": give either values or from, to and step, not both");
    if (values != nullptr) {
      if (values->empty()) fail_value(*values, s.what("values"), "a list of at least one number");
      if (values->size() > static_cast<std::size_t>(k_max_sweep_values))
        fail_value(*values, s.what("values"),
                   "a list of at most " + std::to_string(k_max_sweep_values) + " numbers");
      for (std::size_t i = 0; i < values->size(); ++i)
        d.values.push_back(
            read_value(*values->get(i), s.what("values") + " element " + std::to_string(i + 1), rule));
      return d;
    }
    if (!range) fail_message(t, s.label + " needs values = [...] or from, to and step");
    for (const char* key : {"from", "to", "step"})
      if (s.get(key) == nullptr) fail_message(t, s.label + " needs " + key + " with from, to and step");
    const double from = read_value(*s.get("from"), s.what("from"), rule);
    const double to = read_value(*s.get("to"), s.what("to"), rule);
    const double step = require_number(*s.get("step"), s.what("step"), std::numeric_limits<double>::min(),
                                       std::numeric_limits<double>::max(), "a number greater than 0");
    if (to < from) fail_value(*s.get("to"), s.what("to"), "at least from (" + format_value(from) + ")");
    // A step that lands on `to` up to rounding includes it (from 0.1 to 0.3 step 0.1).
    const double steps = std::floor((to - from) / step + 1e-9);
    if (steps + 1 > k_max_sweep_values)
      fail_value(*s.get("step"), s.what("step"),
                 "large enough for at most " + std::to_string(k_max_sweep_values) + " values from " +
                     format_value(from) + " to " + format_value(to));
    for (int i = 0; i <= static_cast<int>(steps); ++i) {
      const double v = from + i * step;
      if (rule.integer && v != std::floor(v))
        fail_value(*s.get("step"), s.what("step"),
                   "a whole number, because " + d.target.name + " is in whole months");
      d.values.push_back(v);
    }
    return d;
  }

  double read_value(const toml::node& node, const std::string& what, const ValueRule& rule) const {
    if (rule.integer)
      return static_cast<double>(require_integer(node, what, static_cast<std::int64_t>(rule.lo),
                                                 static_cast<std::int64_t>(rule.hi)));
    return require_number(node, what, rule.lo, rule.hi, rule.words);
  }

  SweepTarget read_target(const toml::node& node, const std::string& what) const {
    SweepTarget t;
    t.name = require_string(node, what);
    t.where = at(node);
    const std::vector<std::string> parts = split_dots(t.name);
    if (parts[0] == "override" && parts.size() >= 2) {
      t.knob = SweepKnob::override_value;
      t.override_id = t.name.substr(std::string("override.").size());
      Names ids;
      for (const CatalogueValue* v : catalogue_.all_values()) ids.push_back(v->id);
      if (std::find(ids.begin(), ids.end(), t.override_id) == ids.end())
        fail_value(node, what, "a target whose catalogue id is known" + did_you_mean(t.override_id, ids));
      return t;
    }
    if (parts[0] == "pathway" && parts.size() == 5 && parts[2] == "step") {
      t.pathway = find_pathway(node, what, parts[1]);
      const Pathway& pathway = scenario_.pathways[static_cast<std::size_t>(t.pathway)];
      t.step = find_step(node, what, pathway, parts[3]);
      const PathwayStep& step = pathway.steps[static_cast<std::size_t>(t.step)];
      const std::string& field = parts[4];
      if (field == "coverage") {
        t.knob = SweepKnob::step_coverage;
        return t;
      }
      if (field == "start_month" || field == "after_previous_months") {
        t.knob = SweepKnob::step_start;
        const std::string written = step.relative_to_previous ? "after_previous_months" : "start_month";
        if (field != written)
          fail_value(node, what,
                     "a target ending in ." + written + ", because pathway '" + pathway.name + "' step " +
                         std::to_string(t.step + 1) + " is written with " + written);
        return t;
      }
      fail_value(node, what,
                 "a step target ending in .coverage, .start_month or .after_previous_months" +
                     did_you_mean(field, {"coverage", "start_month", "after_previous_months"}));
    }
    if (parts[0] == "arm" && parts.size() == 5 && parts[2] == "capacity") {
      t.knob = SweepKnob::capacity_places;
      t.arm = find_arm(node, what, parts[1]);
      const Arm& arm = scenario_.arms[static_cast<std::size_t>(t.arm)];
      Names ids;
      for (std::size_t c = 0; c < arm.capacity.size(); ++c) {
        ids.push_back(arm.capacity[c].intervention);
        if (arm.capacity[c].intervention == parts[3]) t.capacity = static_cast<int>(c);
      }
      if (t.capacity < 0)
        fail_value(node, what,
                   "a programme with [[arm.capacity]] in arm '" + arm.name + "'" +
                       (ids.empty() ? std::string(" (it has none: give the arm [[arm.capacity]] first)")
                                    : " (" + one_of(ids) + ")" + did_you_mean(parts[3], ids)));
      if (parts[4] != "places")
        fail_value(node, what, "a capacity target ending in .places" + did_you_mean(parts[4], {"places"}));
      return t;
    }
    fail_value(node, what, k_target_forms);
  }

  int find_pathway(const toml::node& node, const std::string& what, const std::string& name) const {
    Names names;
    for (std::size_t p = 0; p < scenario_.pathways.size(); ++p) {
      if (scenario_.pathways[p].name == name) return static_cast<int>(p);
      names.push_back(scenario_.pathways[p].name);
    }
    fail_value(node, what, "a target naming a pathway of the scenario" + did_you_mean(name, names));
  }

  // A step by its number (1-based) or by its intervention, if the pathway has it once.
  int find_step(const toml::node& node, const std::string& what, const Pathway& pathway,
                const std::string& key) const {
    const std::string count = std::to_string(pathway.steps.size());
    if (!key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      const long number = key.size() > 6 ? -1 : std::stol(key);
      if (number < 1 || static_cast<std::size_t>(number) > pathway.steps.size())
        fail_value(node, what,
                   "a step number between 1 and " + count + " (pathway '" + pathway.name + "' has " + count +
                       " steps)");
      return static_cast<int>(number - 1);
    }
    int found = -1;
    Names ids;
    for (std::size_t i = 0; i < pathway.steps.size(); ++i) {
      ids.push_back(pathway.steps[i].intervention);
      if (pathway.steps[i].intervention != key) continue;
      if (found >= 0)
        fail_value(node, what,
                   "a step named by its number, because pathway '" + pathway.name + "' has '" + key +
                       "' more than once");
      found = static_cast<int>(i);
    }
    if (found < 0)
      fail_value(node, what,
                 "a step of pathway '" + pathway.name + "' (a number between 1 and " + count +
                     " or one of its interventions)" + did_you_mean(key, ids));
    return found;
  }

  int find_arm(const toml::node& node, const std::string& what, const std::string& name) const {
    Names names;
    for (std::size_t a = 0; a < scenario_.arms.size(); ++a) {
      if (scenario_.arms[a].name == name) return static_cast<int>(a);
      names.push_back(scenario_.arms[a].name);
    }
    fail_value(node, what, "a target naming an arm of the scenario" + did_you_mean(name, names));
  }

  const Scenario& scenario_;
  const Catalogue& catalogue_;
};

}  // namespace

SweepSpec parse_sweep(std::string_view text, const std::string& display_name, const Scenario& scenario,
                      const Catalogue& catalogue) {
  return SweepReader(display_name, scenario, catalogue).read(parse_guarded(text, display_name));
}

std::string sweep_text(const SweepSpec& spec) {
  std::string out = "\n[sweep]  # integrasim run writes sweep.csv: ";
  out.append(std::to_string(sweep_points(spec).size())).append(" points on one seed\n");
  for (std::size_t d = 0; d < spec.dimensions.size(); ++d) {
    const SweepDimension& dim = spec.dimensions[d];
    out.append(d == 0 ? "target = \"" : "second target = \"")
        .append(dim.target.name)
        .append("\"  values = [");
    for (std::size_t i = 0; i < dim.values.size(); ++i)
      out.append(i ? ", " : "").append(format_value(dim.values[i]));
    std::string where = format_position(dim.target.where);  // "file:line:col: "
    if (where.ends_with(": ")) where.resize(where.size() - 2);
    out.append("]  # ").append(where).append("\n");
  }
  return out;
}

}  // namespace integrasim

// Calibration files -> CalibrationProblem (docs/calibration.md). Calibration files are
// TOML so that they read like scenarios and errors carry line and column; the shared
// reader pieces are in io/toml_support.h.
#include "io/calibration_config.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "core/diagnostics.h"
#include "core/limits.h"
#include "io/scenario_reader.h"
#include "io/targets_reader.h"
#include "io/toml_guard.h"
#include "io/toml_support.h"
#include "io/validation_registry.h"

namespace integrasim {
namespace {

using namespace toml_support;

const Names k_top_keys = {"calibration", "parameter"};
const Names k_calibration_keys = {"name",    "description", "targets",        "use_targets",
                                  "persons", "seed",        "max_iterations", "fd_log_step"};
const Names k_parameter_keys = {"name",  "id",    "factor_of",    "lower",
                                "upper", "start", "interval_low", "interval_source"};

class Reader : public PositionedReader {
 public:
  Reader(std::string file, std::string base_dir, const Catalogue& catalogue)
      : PositionedReader(std::move(file)), base_dir_(std::move(base_dir)), catalogue_(catalogue) {
    for (const CatalogueValue* v : catalogue_.all_values()) {
      ids_.push_back(v->id);
      values_.emplace(v->id, v->value);
    }
  }

  LoadedCalibration read(const toml::table& root) {
    LoadedCalibration out;
    known_keys(root, "the top level of the file", k_top_keys);
    const toml::node* section = root.get("calibration");
    if (section == nullptr) fail_message(root, "the file has no [calibration] table");
    if (!section->is_table()) fail_value(*section, "calibration", "a table written [calibration]");
    const toml::table& c = *section->as_table();
    known_keys(c, "[calibration]", k_calibration_keys);

    CalibrationProblem& problem = out.problem;
    problem.name = require_string(c, "[calibration] name", "name");
    if (!is_plain_name(problem.name)) fail_value(*c.get("name"), "[calibration] name", plain_name_rule());
    if (c.get("description") != nullptr)
      out.description = require_string(c, "[calibration] description", "description");

    const std::string targets_text = require_string(c, "[calibration] targets", "targets");
    if (targets_text.empty())
      fail_value(*c.get("targets"), "[calibration] targets", "the path of a targets CSV file");
    const std::filesystem::path targets_path = std::filesystem::path(targets_text).is_absolute()
                                                   ? std::filesystem::path(targets_text)
                                                   : std::filesystem::path(base_dir_) / targets_text;
    out.targets_path = targets_path.lexically_normal().string();

    if (const toml::node* n = c.get("persons"))
      problem.settings.persons = require_integer(*n, "[calibration] persons", 1, k_max_persons);
    if (const toml::node* n = c.get("seed"))
      problem.settings.seed = static_cast<std::uint64_t>(
          require_integer(*n, "[calibration] seed", 0, std::numeric_limits<std::int64_t>::max()));
    if (const toml::node* n = c.get("max_iterations"))
      problem.settings.max_iterations = static_cast<int>(
          require_integer(*n, "[calibration] max_iterations", 0, k_max_calibration_iterations));
    if (const toml::node* n = c.get("fd_log_step"))
      problem.settings.fd_log_step = require_number(*n, "[calibration] fd_log_step", 0.001, 0.5);

    read_parameters(root, problem);

    // Targets: after the parameters so that a broken parameter is reported first (it is
    // in the file being edited).
    const std::vector<Target> all = read_targets(out.targets_path);
    select_targets(c, all, out.targets_path, problem);
    load_scenarios(out, problem);
    return out;
  }

 private:
  using PositionedReader::require_string;
  // A string under `key` of `t`, which must be there; `what` is "<label> <key>".
  std::string require_string(const toml::table& t, const std::string& what, std::string_view key) const {
    return require_string(require_present(t, what.substr(0, what.rfind(' ')), key), what);
  }

  // A positive finite number (bounds and starts of parameters).
  double require_positive(const toml::node& node, const std::string& what) const {
    std::optional<double> value;
    if (node.is_floating_point() || node.is_integer()) value = node.value<double>();
    if (!value || !(*value > 0.0 && std::isfinite(*value))) fail_value(node, what, "a finite number above 0");
    return *value;
  }

  std::vector<std::pair<std::string, const toml::node*>> require_string_list(const toml::node& node,
                                                                             const std::string& what) const {
    const toml::array* array = node.as_array();
    if (array == nullptr || array->empty()) fail_value(node, what, "a non-empty list of strings");
    std::vector<std::pair<std::string, const toml::node*>> out;
    for (const toml::node& element : *array) {
      std::optional<std::string> s = element.value_exact<std::string>();
      if (!s) fail_value(element, what + " element", "a string in double quotes");
      out.emplace_back(std::move(*s), &element);
    }
    return out;
  }

  void read_parameters(const toml::table& root, CalibrationProblem& problem) {
    const toml::node* node = root.get("parameter");
    if (node == nullptr) fail_message(root, "the file has no [[parameter]] table: nothing to fit");
    const toml::array* array = node->as_array();
    if (array == nullptr) fail_value(*node, "parameter", "a list of tables written [[parameter]]");
    std::map<std::string, std::string> fitted_by;  // id -> parameter name
    std::set<std::string> names;
    int number = 0;
    for (const toml::node& element : *array) {
      ++number;
      std::string label = "parameter ";
      label.append(std::to_string(number));
      if (!element.is_table()) fail_value(element, label, "a table written [[parameter]]");
      const toml::table& t = *element.as_table();
      known_keys(t, label, k_parameter_keys);

      CalibrationParameter p;
      p.where = at(t);
      p.name = require_string(t, label + " name", "name");
      if (!is_plain_name(p.name)) fail_value(*t.get("name"), label + " name", plain_name_rule());
      if (!names.insert(p.name).second)
        fail_value(*t.get("name"), label + " name", "unique among the parameters");
      label = "parameter '";
      label.append(p.name).append("'");

      const toml::node& anchor = read_fitted_ids(t, label, p);
      check_fitted_once(anchor, label, p, fitted_by);
      read_bounds(t, label, p);
      read_interval(t, label, p);
      problem.parameters.push_back(std::move(p));
    }
    if (problem.parameters.empty()) fail_value(*node, "parameter", "at least one [[parameter]] table");
  }

  // The catalogue ids a parameter fits: one 'id', or the ids 'factor_of' matches. Returns
  // the node that named them.
  const toml::node& read_fitted_ids(const toml::table& t, const std::string& label,
                                    CalibrationParameter& p) const {
    const toml::node* id = t.get("id");
    const toml::node* factor = t.get("factor_of");
    if ((id == nullptr) == (factor == nullptr)) {
      std::string message = label;
      message.append(
          " needs exactly one of 'id' (fit one catalogue value) and 'factor_of' (fit a factor "
          "that scales the values of several ids)");
      fail_message(t, message);
    }
    const toml::node* anchor = nullptr;
    if (id != nullptr) {
      p.kind = CalibrationParameter::Kind::value;
      std::optional<std::string> text = id->value_exact<std::string>();
      if (!text) fail_value(*id, label + " id", "a catalogue id in double quotes");
      if (values_.count(*text) == 0) {
        std::string rule = "a catalogue id (integrasim check lists them)";
        rule.append(did_you_mean(*text, ids_));
        fail_value(*id, label + " id", rule);
      }
      p.ids.push_back(*text);
      anchor = id;
    } else {
      p.kind = CalibrationParameter::Kind::factor;
      for (const auto& [pattern, where] : require_string_list(*factor, label + " factor_of")) {
        bool any = false;
        for (const std::string& known : ids_) {
          if (!id_matches_pattern(known, pattern)) continue;
          any = true;
          if (std::find(p.ids.begin(), p.ids.end(), known) == p.ids.end()) p.ids.push_back(known);
        }
        if (!any) {
          std::string rule = "a catalogue id or a pattern with '*' that matches at least one id";
          if (pattern.find('*') == std::string::npos) rule.append(did_you_mean(pattern, ids_));
          fail_value(*where, label + " factor_of element", rule);
        }
        for (const std::string& known : p.ids)
          if (!(values_.at(known) > 0.0)) {
            std::string message = label;
            message.append(": catalogue id '").append(known).append("' has value ");
            message.append(format_value(values_.at(known)))
                .append(", but a factor can only scale values above 0");
            fail_message(*where, message);
          }
      }
      anchor = factor;
    }
    return *anchor;
  }

  // No catalogue id is fitted by two parameters.
  void check_fitted_once(const toml::node& anchor, const std::string& label, const CalibrationParameter& p,
                         std::map<std::string, std::string>& fitted_by) const {
    for (const std::string& fitted : p.ids) {
      const auto [it, inserted] = fitted_by.emplace(fitted, p.name);
      if (!inserted) {
        std::string message = label;
        message.append(": catalogue id '").append(fitted).append("' is already fitted by parameter '");
        message.append(it->second).append("'");
        fail_message(anchor, message);
      }
    }
  }

  // interval_low and interval_source: both or neither.
  void read_interval(const toml::table& t, const std::string& label, CalibrationParameter& p) const {
    const toml::node* low = t.get("interval_low");
    const toml::node* source = t.get("interval_source");
    if (low == nullptr && source == nullptr) return;
    if (low == nullptr || source == nullptr) {
      std::string message = label;
      message.append(
          ": 'interval_low' and 'interval_source' go together (the lower end of the PSA "
          "interval and the evidence id it comes from)");
      fail_message(t, message);
    }
    p.interval_low = require_positive(*low, label + " interval_low");
    p.interval_source = require_string(*source, label + " interval_source");
    if (p.interval_source.empty() || p.interval_source.find_first_of(" ;,[]") != std::string::npos)
      fail_value(*source, label + " interval_source", "one evidence id of sources.csv, e.g. SKI10-1");
  }

  // lower, upper and the start, which must lie within them.
  void read_bounds(const toml::table& t, const std::string& label, CalibrationParameter& p) const {
    p.lower = require_positive(require_present(t, label, "lower"), label + " lower");
    const toml::node& upper = require_present(t, label, "upper");
    p.upper = require_positive(upper, label + " upper");
    if (!(p.upper > p.lower)) {
      std::string rule = "above lower (";
      rule.append(format_value(p.lower)).append(")");
      fail_value(upper, label + " upper", rule);
    }
    std::string range = "within [lower, upper] = [";
    range.append(format_value(p.lower)).append(", ").append(format_value(p.upper)).append("]");
    if (const toml::node* start = t.get("start")) {
      p.start = require_positive(*start, label + " start");
      if (!(*p.start >= p.lower && *p.start <= p.upper)) fail_value(*start, label + " start", range);
    } else if (p.kind == CalibrationParameter::Kind::value) {
      const double value = values_.at(p.ids[0]);
      if (!(value >= p.lower && value <= p.upper)) {
        std::string message = label;
        message.append(": the catalogue value of '")
            .append(p.ids[0])
            .append("' is ")
            .append(format_value(value));
        message.append(", but the start must be ").append(range).append("; give 'start' or widen the bounds");
        fail_message(t, message);
      }
    } else if (!(p.lower <= 1.0 && p.upper >= 1.0)) {
      std::string message = label;
      message.append(": a factor starts at 1, but 1 is not ")
          .append(range)
          .append("; give 'start' or widen the bounds");
      fail_message(t, message);
    }
  }

  void select_targets(const toml::table& c, const std::vector<Target>& all, const std::string& targets_path,
                      CalibrationProblem& problem) const {
    if (const toml::node* use = c.get("use_targets")) {
      Names known;
      for (const Target& t : all) known.push_back(t.id);
      std::set<std::string> chosen;
      for (const auto& [id, where] : require_string_list(*use, "[calibration] use_targets")) {
        // An init-capture: clang 14 (scripts/fuzz.sh) cannot capture a structured binding.
        const auto found =
            std::find_if(all.begin(), all.end(), [&wanted = id](const Target& t) { return t.id == wanted; });
        if (found == all.end()) {
          std::string rule = "a target id of ";
          rule.append(targets_path).append(did_you_mean(id, known));
          fail_value(*where, "[calibration] use_targets element", rule);
        }
        if (!chosen.insert(id).second) fail_value(*where, "[calibration] use_targets element", "listed once");
        problem.targets.push_back(*found);
      }
    } else {
      for (const Target& t : all)
        if (t.in_sample) problem.targets.push_back(t);
      if (problem.targets.empty()) {
        std::string message = "no target of ";
        message.append(targets_path)
            .append(" has in_sample = yes; mark the calibration targets or list them in use_targets");
        fail_message(c, message);
      }
    }
  }

  // Reads each distinct reference scenario once, relative to the targets file's folder.
  void load_scenarios(LoadedCalibration& out, CalibrationProblem& problem) const {
    const std::filesystem::path dir = std::filesystem::path(out.targets_path).parent_path();
    std::map<std::string, int> index;
    for (const Target& t : problem.targets) {
      const std::string path =
          std::filesystem::path(registry_scenario_path(dir.string(), t)).lexically_normal().string();
      auto found = index.find(path);
      if (found == index.end()) {
        std::string text;
        try {
          text = read_text_file(path);
        } catch (const InputError&) {
          std::string message = "target '";
          message.append(t.id).append("': cannot read its reference scenario ").append(path);
          fail_input_message(SourcePosition{t.file, t.line, 0}, message);
        }
        problem.scenarios.push_back(parse_scenario(text, path, catalogue_));
        out.inputs.push_back({path, sha256_hex(text)});
        found = index.emplace(path, static_cast<int>(problem.scenarios.size()) - 1).first;
      }
      problem.target_scenario.push_back(found->second);
    }
    for (const Scenario& s : problem.scenarios)
      for (const ParameterOverride& o : s.overrides)
        for (const CalibrationParameter& p : problem.parameters)
          if (std::find(p.ids.begin(), p.ids.end(), o.id) != p.ids.end()) {
            std::string message = "reference scenario '";
            message.append(s.name).append("' overrides '").append(o.id).append("', which parameter '");
            message.append(p.name).append("' of ").append(file_).append(" fits; remove the override");
            fail_input_message(o.where, message);
          }
  }

  std::string base_dir_;
  const Catalogue& catalogue_;
  Names ids_;
  std::map<std::string, double> values_;
};

}  // namespace

LoadedCalibration parse_calibration_config(std::string_view text, const std::string& display_name,
                                           const std::string& base_dir, const Catalogue& catalogue) {
  const toml::table root = parse_guarded(text, display_name);
  LoadedCalibration out = Reader(display_name, base_dir, catalogue).read(root);
  out.inputs.insert(out.inputs.begin(), FileHash{display_name, sha256_hex(text)});
  if (!out.targets_path.empty())
    out.inputs.insert(out.inputs.begin() + 1,
                      FileHash{out.targets_path, sha256_hex(read_text_file(out.targets_path))});
  return out;
}

LoadedCalibration read_calibration_config(const std::string& path, const Catalogue& catalogue) {
  const std::string text = read_text_file(path);
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parse_calibration_config(text, path, parent.empty() ? std::string(1, '.') : parent.string(),
                                  catalogue);
}

}  // namespace integrasim

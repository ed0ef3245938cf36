// Explorer spec files -> ExploreSpec (docs/explorer.md). The shared TOML reader pieces
// are in io/toml_support.h; messages share their shape ("file:line:col: <what> is
// <value>, but must be <rule>").
#include "io/explore_spec.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iterator>
#include <optional>
#include <set>

#include "core/diagnostics.h"
#include "core/limits.h"
#include "io/scenario_reader.h"
#include "io/toml_guard.h"
#include "io/toml_support.h"

namespace integrasim {
namespace {

using namespace toml_support;

const Names k_top_keys = {"explore", "block"};
const Names k_explore_keys = {
    "name",       "description", "scenario",      "comparator",    "fixed_from",         "fixed_tracks",
    "min_length", "max_length",  "order_matters", "repeats",       "first_start_months", "metric",
    "direction",  "subgroups",   "max_pathways",  "decomposition", "robustness",         "diminishing_alpha"};
const Names k_block_keys = {"intervention", "label",    "durations",       "gap_months",
                            "coverage",     "eligible", "min_danish_level"};

class Reader : public PositionedReader {
 public:
  Reader(std::string file, std::string base_dir, const Catalogue& catalogue)
      : PositionedReader(std::move(file)), base_dir_(std::move(base_dir)), catalogue_(catalogue) {}

  LoadedExploreSpec read(const toml::table& root) {
    LoadedExploreSpec out;
    ExploreSpec& spec = out.spec;
    spec.where = SourcePosition{file_, 0, 0};
    known_keys(root, "the top level of the file", k_top_keys);
    const toml::node* section = root.get("explore");
    if (section == nullptr) fail_message(root, "the file has no [explore] table");
    if (!section->is_table()) fail_value(*section, "explore", "a table written [explore]");
    const toml::table& e = *section->as_table();
    known_keys(e, "[explore]", k_explore_keys);

    spec.name = require_string(require_present(e, "[explore]", "name"), "[explore] name");
    if (!is_plain_name(spec.name)) fail_value(*e.get("name"), "[explore] name", plain_name_rule());
    if (const toml::node* n = e.get("description"))
      spec.description = require_string(*n, "[explore] description");

    read_base(e, out);
    read_comparator(e, spec);
    read_fixed(e, spec);

    read_lengths(e, spec);
    read_switches(e, spec);
    read_ranking(e, spec);
    spec.subgroups = spec.base.output.subgroup_dimensions;
    if (const toml::node* n = e.get("subgroups")) read_subgroups(*n, spec);
    if (const toml::node* n = e.get("max_pathways"))
      spec.max_pathways = require_integer(*n, "[explore] max_pathways", 1, k_max_explore_pathways);
    if (const toml::node* n = e.get("diminishing_alpha"))
      spec.diminishing_alpha = require_number(*n, "[explore] diminishing_alpha", 0.0, 1.0);

    read_blocks(root, spec);
    check_size(e, spec);
    return out;
  }

 private:
  // min_length and max_length (which defaults to at least min_length).
  void read_lengths(const toml::table& e, ExploreSpec& spec) const {
    if (const toml::node* n = e.get("min_length"))
      spec.min_length =
          static_cast<int>(require_integer(*n, "[explore] min_length", 1, k_max_explore_length));
    if (const toml::node* n = e.get("max_length"))
      spec.max_length =
          static_cast<int>(require_integer(*n, "[explore] max_length", 1, k_max_explore_length));
    if (e.get("max_length") == nullptr) spec.max_length = std::max(spec.max_length, spec.min_length);
    if (spec.max_length < spec.min_length) {
      std::string rule = "at least min_length (";
      rule.append(std::to_string(spec.min_length)).append(")");
      fail_value(*e.get("max_length"), "[explore] max_length", rule);
    }
  }

  // The yes/no keys and the months of the first start.
  void read_switches(const toml::table& e, ExploreSpec& spec) const {
    if (const toml::node* n = e.get("order_matters"))
      spec.order_matters = require_bool(*n, "[explore] order_matters");
    if (const toml::node* n = e.get("repeats")) spec.repeats = require_bool(*n, "[explore] repeats");
    if (const toml::node* n = e.get("decomposition"))
      spec.decomposition = require_bool(*n, "[explore] decomposition");
    if (const toml::node* n = e.get("robustness")) spec.robustness = require_bool(*n, "[explore] robustness");
    if (const toml::node* n = e.get("first_start_months")) {
      spec.first_start_months.clear();
      for (const toml::node* m :
           require_list(*n, "[explore] first_start_months", "a non-empty list of integers, e.g. [3, 18]")) {
        const int month = static_cast<int>(
            require_integer(*m, "[explore] first_start_months element", 0, k_max_horizon_months));
        if (std::find(spec.first_start_months.begin(), spec.first_start_months.end(), month) !=
            spec.first_start_months.end())
          fail_value(*m, "[explore] first_start_months element", "listed once");
        spec.first_start_months.push_back(month);
      }
    }
  }

  // What the candidates are ranked by; subgroups and the result limits are read after it.
  void read_ranking(const toml::table& e, ExploreSpec& spec) const {
    const Scenario& base = spec.base;
    if (const toml::node* n = e.get("metric")) {
      spec.metric = require_string(*n, "[explore] metric");
      const Names metrics = explorable_metrics(base);
      if (std::find(metrics.begin(), metrics.end(), spec.metric) == metrics.end()) {
        std::string rule = "a metric of summary.csv for this scenario";
        rule.append(did_you_mean(spec.metric, metrics));
        fail_value(*n, "[explore] metric", rule);
      }
    }
    if (const toml::node* n = e.get("direction")) {
      const std::string d = require_string(*n, "[explore] direction");
      const Names choices = {"higher", "lower"};
      if (d == "higher") {
        spec.direction = RankDirection::higher;
      } else if (d == "lower") {
        spec.direction = RankDirection::lower;
      } else {
        fail_value(*n, "[explore] direction", one_of(choices));
      }
    }
  }

  // With the blocks known: max_length within the blocks there are (without repeats), and
  // an enumeration small enough to walk.
  void check_size(const toml::table& e, ExploreSpec& spec) const {
    const int block_count = static_cast<int>(spec.blocks.size());
    if (!spec.repeats && spec.max_length > block_count) {
      const char* key =
          spec.min_length > block_count || e.get("max_length") == nullptr ? "min_length" : "max_length";
      if (e.get(key) == nullptr) {
        spec.max_length = block_count;  // the default max_length shrinks to the blocks there are
      } else {
        std::string rule = "at most the number of [[block]] tables (";
        rule.append(std::to_string(block_count)).append(") when repeats = false");
        std::string what = "[explore] ";
        what.append(key);
        fail_value(*e.get(key), what, rule);
      }
    }
    const double count = count_pathways(spec);
    if (count > k_max_explore_enumeration) {
      std::string message = "the spec enumerates ";
      message.append(format_value(count))
          .append(" pathways, but at most ")
          .append(format_value(k_max_explore_enumeration));
      message.append(" can be walked; use fewer blocks, durations or start months, or a smaller max_length");
      fail_message(e, message);
    }
  }

  std::vector<const toml::node*> require_list(const toml::node& node, const std::string& what,
                                              const std::string& rule) const {
    const toml::array* array = node.as_array();
    if (array == nullptr || array->empty()) fail_value(node, what, rule);
    std::vector<const toml::node*> out;
    for (const toml::node& element : *array) out.push_back(&element);
    return out;
  }

  void read_base(const toml::table& e, LoadedExploreSpec& out) const {
    const toml::node& node = require_present(e, "[explore]", "scenario");
    const std::string text_path = require_string(node, "[explore] scenario");
    if (text_path.empty()) fail_value(node, "[explore] scenario", "the path of a scenario file");
    const std::filesystem::path p = std::filesystem::path(text_path).is_absolute()
                                        ? std::filesystem::path(text_path)
                                        : std::filesystem::path(base_dir_) / text_path;
    const std::string path = p.lexically_normal().string();
    std::string text;
    try {
      text = read_text_file(path);
    } catch (const InputError&) {
      std::string message = "[explore] scenario: cannot read the scenario file ";
      message.append(path);
      fail_message(node, message);
    }
    out.spec.base = parse_scenario(text, path, catalogue_);
    out.inputs.push_back({path, sha256_hex(text)});
  }

  void read_comparator(const toml::table& e, ExploreSpec& spec) const {
    Names arms;
    for (const Arm& a : spec.base.arms) {
      arms.push_back(a.name);
      if (a.role == ArmRole::comparator) spec.comparator_arm = a.name;
    }
    if (const toml::node* n = e.get("comparator")) {
      const std::string name = require_string(*n, "[explore] comparator");
      if (std::find(arms.begin(), arms.end(), name) == arms.end()) {
        std::string rule = "an arm of ";
        rule.append(spec.base.where.file).append(": ").append(one_of(arms));
        fail_value(*n, "[explore] comparator", rule);
      }
      spec.comparator_arm = name;
    }
  }

  void read_fixed(const toml::table& e, ExploreSpec& spec) const {
    Names pathways;
    for (const Pathway& p : spec.base.pathways) pathways.push_back(p.name);
    if (const toml::node* n = e.get("fixed_from")) {
      spec.fixed_from = require_string(*n, "[explore] fixed_from");
      if (!spec.fixed_from.empty() &&
          std::find(pathways.begin(), pathways.end(), spec.fixed_from) == pathways.end()) {
        std::string rule = "a pathway of ";
        rule.append(spec.base.where.file)
            .append(" or \"\" for none")
            .append(did_you_mean(spec.fixed_from, pathways));
        fail_value(*n, "[explore] fixed_from", rule);
      }
    } else {
      // The comparator arm's pathway for everyone (its last, catch-all rule).
      for (const Arm& a : spec.base.arms)
        if (a.name == spec.comparator_arm && !a.assignments.empty())
          spec.fixed_from = a.assignments.back().pathway;
    }
    const Pathway* from = nullptr;
    for (const Pathway& p : spec.base.pathways)
      if (p.name == spec.fixed_from) from = &p;
    Names tracks;
    if (from != nullptr)
      for (const PathwayStep& st : from->steps)
        if (std::find(tracks.begin(), tracks.end(), st.track) == tracks.end()) tracks.push_back(st.track);
    const toml::node* list = e.get("fixed_tracks");
    if (list == nullptr) {
      for (const std::string& t : tracks)
        if (t != "main") spec.fixed_tracks.push_back(t);
    } else {
      const toml::array* array = list->as_array();
      if (array == nullptr)
        fail_value(*list, "[explore] fixed_tracks", "a list of track names, e.g. [\"language\"]");
      for (const toml::node& element : *array) {
        const std::string t = require_string(element, "[explore] fixed_tracks element");
        if (t == "main")
          fail_value(element, "[explore] fixed_tracks element",
                     "a track other than \"main\" (the blocks' track)");
        if (std::find(tracks.begin(), tracks.end(), t) == tracks.end()) {
          std::string rule = "a track of pathway '";
          rule.append(spec.fixed_from).append("'").append(did_you_mean(t, tracks));
          fail_value(element, "[explore] fixed_tracks element", rule);
        }
        if (std::find(spec.fixed_tracks.begin(), spec.fixed_tracks.end(), t) != spec.fixed_tracks.end())
          fail_value(element, "[explore] fixed_tracks element", "listed once");
        spec.fixed_tracks.push_back(t);
      }
    }
    // Full-time programmes all go on the main track with the blocks (one at a time).
    if (from != nullptr)
      for (const PathwayStep& st : from->steps) {
        if (std::find(spec.fixed_tracks.begin(), spec.fixed_tracks.end(), st.track) ==
            spec.fixed_tracks.end())
          continue;
        const InterventionType* type = catalogue_.find_intervention(st.intervention);
        if (type != nullptr && type->intensity == Intensity::full_time) {
          std::string message = "[explore] fixed track '";
          message.append(st.track)
              .append("' of pathway '")
              .append(spec.fixed_from)
              .append("' holds full-time intervention '");
          message.append(st.intervention)
              .append("'; only part-time tracks can stay fixed beside the blocks on \"main\"");
          fail_message(list != nullptr ? *list : static_cast<const toml::node&>(e), message);
        }
      }
  }

  void read_subgroups(const toml::node& node, ExploreSpec& spec) const {
    const toml::array* array = node.as_array();
    if (array == nullptr)
      fail_value(node, "[explore] subgroups", "a list such as [\"sex\", \"match_group\"]");
    Names dimensions;
    for (int d = 0; d < k_dimension_count; ++d) dimensions.emplace_back(name_of(static_cast<Dimension>(d)));
    spec.subgroups.clear();
    for (const toml::node& element : *array) {
      const std::string name = require_string(element, "[explore] subgroups element");
      const auto dim = dimension_from_name(name);
      if (!dim)
        fail_value(element, "[explore] subgroups element",
                   one_of(dimensions) + did_you_mean(name, dimensions));
      if (std::find(spec.subgroups.begin(), spec.subgroups.end(), *dim) != spec.subgroups.end())
        fail_value(element, "[explore] subgroups element", "listed once");
      spec.subgroups.push_back(*dim);
    }
  }

  void read_blocks(const toml::table& root, ExploreSpec& spec) const {
    const toml::node* node = root.get("block");
    if (node == nullptr) fail_message(root, "the file has no [[block]] table: nothing to explore");
    const toml::array* array = node->as_array();
    if (array == nullptr || array->empty()) fail_value(*node, "block", "a list of tables written [[block]]");
    int number = 0;
    for (const toml::node& element : *array) {
      ++number;
      std::string label = "block ";
      label.append(std::to_string(number));
      if (!element.is_table()) fail_value(element, label, "a table written [[block]]");
      const toml::table& t = *element.as_table();
      known_keys(t, label, k_block_keys);
      ExploreBlock b;
      b.where = at(t);
      const toml::node& iv = require_present(t, label, "intervention");
      b.intervention = require_string(iv, label + " intervention");
      const InterventionType* type = catalogue_.find_intervention(b.intervention);
      if (type == nullptr) {
        Names ids;
        for (const InterventionType& it : catalogue_.interventions) ids.push_back(it.id);
        std::string rule = "an intervention id of the catalogue";
        rule.append(did_you_mean(b.intervention, ids));
        fail_value(iv, label + " intervention", rule);
      }
      b.label = b.intervention;
      if (const toml::node* n = t.get("label")) {
        b.label = require_string(*n, label + " label");
        if (!is_plain_name(b.label)) fail_value(*n, label + " label", plain_name_rule());
      }
      for (const ExploreBlock& earlier : spec.blocks)
        if (earlier.label == b.label) {
          std::string rule =
              "unique among the blocks (give each block of the same intervention its own label)";
          fail_value(t.get("label") != nullptr ? *t.get("label") : iv, label + " label", rule);
        }
      label = "block '";
      label.append(b.label).append("'");
      if (const toml::node* n = t.get("durations")) {
        for (const toml::node* d :
             require_list(*n, label + " durations", "a non-empty list of integers, e.g. [4, 6]")) {
          const int months =
              static_cast<int>(require_integer(*d, label + " durations element", 1, k_max_horizon_months));
          if (std::find(b.durations.begin(), b.durations.end(), months) != b.durations.end())
            fail_value(*d, label + " durations element", "listed once");
          b.durations.push_back(months);
        }
      } else {
        b.durations.push_back(
            std::clamp(static_cast<int>(std::lround(type->default_duration.value)), 1, k_max_horizon_months));
      }
      if (const toml::node* n = t.get("gap_months"))
        b.gap_months = static_cast<int>(require_integer(*n, label + " gap_months", 0, k_max_horizon_months));
      if (const toml::node* n = t.get("coverage"))
        b.coverage = require_number(*n, label + " coverage", 0.0, 1.0);
      if (const toml::node* n = t.get("min_danish_level"))
        b.min_danish_level = require_number(*n, label + " min_danish_level", 0.0, 3.0);
      if (const toml::node* n = t.get("eligible")) {
        const std::string text = require_string(*n, label + " eligible");
        std::string reason;
        const auto selector = parse_selector(text, reason);
        if (!selector) {
          std::string rule = "a subgroup selector such as \"all\" or \"male & job_ready\": ";
          rule.append(reason);
          fail_value(*n, label + " eligible", rule);
        }
        b.eligible = *selector;
      }
      spec.blocks.push_back(std::move(b));
    }
  }

  std::string base_dir_;
  const Catalogue& catalogue_;
};

}  // namespace

LoadedExploreSpec parse_explore_spec(std::string_view text, const std::string& display_name,
                                     const std::string& base_dir, const Catalogue& catalogue) {
  const toml::table root = parse_guarded(text, display_name);
  LoadedExploreSpec out = Reader(display_name, base_dir, catalogue).read(root);
  // The spec itself first, then the files it names.
  std::vector<FileHash> inputs;
  inputs.reserve(out.inputs.size() + 1);
  inputs.push_back(FileHash{display_name, sha256_hex(text)});
  std::move(out.inputs.begin(), out.inputs.end(), std::back_inserter(inputs));
  out.inputs = std::move(inputs);
  return out;
}

LoadedExploreSpec read_explore_spec(const std::string& path, const Catalogue& catalogue) {
  const std::string text = read_text_file(path);
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parse_explore_spec(text, path, parent.empty() ? std::string(1, '.') : parent.string(), catalogue);
}

}  // namespace integrasim

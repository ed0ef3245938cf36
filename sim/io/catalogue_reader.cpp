// Reads the evidence catalogue (scenarios/evidence/*.csv) into a Catalogue.
//
// Every file is read in two steps: io/csv_rows turns the text into rows of strings
// (checking the header and the number of fields), then small per-file functions turn the
// strings into typed rows with the shared CsvRow checks, so that every bad value is
// reported as "file:line: column 'x' is 'value', but must be <rule>" (docs/developing.md
// principle 6). Checks that need several rows (duplicate
// ids, piecewise hazards that must tile [0, infinity), unknown interventions) run once a
// file or the whole catalogue is read.
#include "io/catalogue_reader.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include "core/diagnostics.h"
#include "io/csv_rows.h"
#include "io/embedded_inputs.h"
#include "io/text_file.h"

namespace integrasim {
namespace {

using csv::CsvRecord;
using csv::CsvTable;
using csv::CsvText;
using csv::read_csv_table;
using csv::trim;
using Row = csv::CsvRow;

// "to_month" of an open-ended piece; months at or beyond it are unreachable in any run.
constexpr int k_open_ended_month = 1'000'000;

// The catalogue files, in reading order: interventions come before the effects and
// interactions that refer to them.
constexpr std::array<std::string_view, 7> k_catalogue_files = {
    "baseline_hazards.csv", "return_hazards.csv", "covariates.csv", "interventions.csv",
    "effects.csv",          "interactions.csv",   "rules.csv"};

// Columns every value row ends with (interventions.csv shares only the provenance ones).
constexpr std::array<std::string_view, 4> k_value_columns = {"value", "ci_low", "ci_high", "distribution"};
constexpr std::array<std::string_view, 3> k_provenance_columns = {"source", "status", "note"};

constexpr std::string_view k_placeholder = "placeholder";

// The full column list of a file: its own leading columns, then the shared trailing ones.
std::vector<std::string> columns_of(std::initializer_list<std::string_view> leading,
                                    bool with_value_columns = true) {
  std::vector<std::string> out(leading.begin(), leading.end());
  if (with_value_columns) out.insert(out.end(), k_value_columns.begin(), k_value_columns.end());
  out.insert(out.end(), k_provenance_columns.begin(), k_provenance_columns.end());
  return out;
}

// ---------------------------------------------------------------------------------------
// Catalogue columns: months and subgroup selectors
// ---------------------------------------------------------------------------------------

// A month column: 0 up to (not including) the open-ended month; nothing if empty.
std::optional<int> optional_month(const Row& row, std::string_view column) {
  return row.optional_integer(column, 0, k_open_ended_month - 1,
                              "a whole number of months from 0 to " + std::to_string(k_open_ended_month - 1));
}

int month(const Row& row, std::string_view column) {
  const auto m = optional_month(row, column);
  if (!m) row.fail(column, "", "a whole number of months (the column is required)");
  return *m;
}

Selector selector(const Row& row, std::string_view column) {
  const std::string value = row.text(column);
  std::string error;
  const auto parsed = parse_selector(value, error);
  if (!parsed) row.fail(column, value, "a subgroup such as 'all' or 'male & job_ready' (" + error + ")");
  return *parsed;
}

// Parses an enum column by the enum's own names (name_of).
template <typename Enum, std::size_t N>
Enum parse_enum(const Row& row, std::string_view column, const std::array<Enum, N>& values) {
  const std::string value = row.text(column);
  std::vector<std::string> names;
  for (const Enum e : values) {
    if (name_of(e) == value) return e;
    names.emplace_back(name_of(e));
  }
  row.fail_choice(column, value, names);
}

constexpr std::array<Destination, 4> k_destinations = {Destination::employed, Destination::education,
                                                       Destination::exit, Destination::off_benefit};
constexpr std::array<ReturnHazard, 3> k_return_kinds = {
    ReturnHazard::job_loss, ReturnHazard::education_dropout, ReturnHazard::off_benefit_return};
constexpr std::array<Phase, 3> k_phases = {Phase::anticipation, Phase::lock_in, Phase::post};
constexpr std::array<Intensity, 2> k_intensities = {Intensity::full_time, Intensity::part_time};
constexpr std::array<InterventionKind, 7> k_kinds = {InterventionKind::language,  InterventionKind::meetings,
                                                     InterventionKind::company,   InterventionKind::guidance,
                                                     InterventionKind::education, InterventionKind::health,
                                                     InterventionKind::other};
constexpr std::array<Distribution, 5> k_distributions = {Distribution::fixed, Distribution::lognormal,
                                                         Distribution::beta, Distribution::gamma,
                                                         Distribution::normal};
constexpr std::array<EvidenceStatus, 4> k_statuses = {EvidenceStatus::estimate, EvidenceStatus::derived,
                                                      EvidenceStatus::calibrated,
                                                      EvidenceStatus::placeholder};

// `x` (read from `column`) must be > bound (strict) or >= bound.
void require_above(const Row& row, std::string_view column, double x, double bound, bool strict,
                   std::string_view meaning) {
  if (strict ? x > bound : x >= bound) return;
  row.fail(column, format_value(x),
           std::string(strict ? "> " : ">= ") + format_value(bound) + " (" + std::string(meaning) + ")");
}

// source, status and note: where a value comes from and how sure we are of it.
void read_provenance(const Row& row, CatalogueValue& v) {
  v.source = row.text("source");
  v.status = parse_enum(row, "status", k_statuses);
  v.note = std::string(row.raw("note"));
  v.file = row.file();
  v.line = row.line();

  // A source is "placeholder" alone or evidence ids separated by ';'.
  std::vector<std::string_view> parts;
  for (std::string_view rest = v.source;;) {
    const std::size_t semicolon = rest.find(';');
    parts.push_back(trim(rest.substr(0, semicolon)));
    if (semicolon == std::string_view::npos) break;
    rest.remove_prefix(semicolon + 1);
  }
  for (const auto part : parts) {
    if (part.empty()) row.fail("source", v.source, "evidence ids separated by ';' (one of them is empty)");
    if (part == k_placeholder && parts.size() > 1)
      row.fail("source", v.source, "either 'placeholder' alone or evidence ids, not both");
  }

  // A guess must say so in both places, so that no filter on either column hides it.
  const bool placeholder_source = v.source == k_placeholder;
  if (v.status == EvidenceStatus::placeholder && !placeholder_source)
    row.fail("source", v.source, "'placeholder' when status is placeholder");
  if (v.status != EvidenceStatus::placeholder && placeholder_source)
    row.fail("status", name_of(v.status), "placeholder when source is 'placeholder'");
}

// The uncertainty interval must surround the value, and a probabilistic sensitivity
// analysis needs an interval inside the distribution's support to fit the distribution.
void check_interval(const Row& row, const CatalogueValue& v) {
  if (v.has_interval) {
    if (v.ci_low > v.value)
      row.fail("ci_low", format_value(v.ci_low), "<= value (" + format_value(v.value) + ")");
    if (v.ci_high < v.value)
      row.fail("ci_high", format_value(v.ci_high), ">= value (" + format_value(v.value) + ")");
  }
  if (v.distribution == Distribution::fixed) return;
  if (!v.has_interval)
    row.fail("distribution", name_of(v.distribution), "fixed when no interval (ci_low, ci_high) is given");
  if (v.distribution == Distribution::lognormal || v.distribution == Distribution::gamma)
    require_above(row, "ci_low", v.ci_low, 0.0, true,
                  std::string(name_of(v.distribution)) + " values are positive");
  if (v.distribution == Distribution::beta) {
    require_above(row, "ci_low", v.ci_low, 0.0, false, "beta values are shares in [0, 1]");
    if (v.ci_high > 1.0)
      row.fail("ci_high", format_value(v.ci_high), "<= 1 (beta values are shares in [0, 1])");
  }
}

// value, ci_low, ci_high, distribution, source, status, note.
CatalogueValue read_value(const Row& row, std::string id) {
  CatalogueValue v;
  v.id = std::move(id);
  v.value = row.number("value");
  const auto low = row.optional_number("ci_low");
  const auto high = row.optional_number("ci_high");
  if (low.has_value() != high.has_value()) {
    const std::string_view missing = low ? "ci_high" : "ci_low";
    row.fail(
        missing, "",
        "given when " + std::string(low ? "ci_low" : "ci_high") + " is given (an interval needs both ends)");
  }
  v.has_interval = low.has_value();
  v.ci_low = low.value_or(v.value);
  v.ci_high = high.value_or(v.value);
  v.distribution = parse_enum(row, "distribution", k_distributions);
  check_interval(row, v);
  read_provenance(row, v);
  return v;
}

// A hazard per month: value and interval must be >= 0.
void check_hazard(const Row& row, const CatalogueValue& v) {
  require_above(row, "value", v.value, 0.0, false, "a hazard per month");
  require_above(row, "ci_low", v.ci_low, 0.0, false, "a hazard per month");
}

// A hazard ratio: value and interval must be > 0.
void check_hazard_ratio(const Row& row, const CatalogueValue& v) {
  require_above(row, "value", v.value, 0.0, true, "a hazard ratio");
  require_above(row, "ci_low", v.ci_low, 0.0, true, "a hazard ratio");
}

// ---------------------------------------------------------------------------------------
// Checks across rows
// ---------------------------------------------------------------------------------------

// Row ids are unique across all files: scenarios override values by id.
class IdRegistry {
 public:
  void add(const Row& row, const std::string& id) {
    const auto [it, inserted] = seen_.emplace(id, row.where());
    if (!inserted)
      row.fail("id", id,
               "unique across the catalogue (already used at " + it->second.file + ":" +
                   std::to_string(it->second.line) + ")");
  }

 private:
  std::map<std::string, SourcePosition> seen_;
};

// A key such as (intervention, phase, destination, who) may appear only once per file.
class KeyRegistry {
 public:
  explicit KeyRegistry(std::string description) : description_(std::move(description)) {}

  void add(const Row& row, std::string_view column, std::string_view value, const std::string& key) {
    const auto [it, inserted] = seen_.emplace(key, row.line());
    if (!inserted)
      row.fail(column, value,
               "unique per " + description_ + " (the same combination is on line " +
                   std::to_string(it->second) + ")");
  }

 private:
  std::string description_;
  std::map<std::string, int> seen_;
};

// One piece of a piecewise-constant hazard and the row it came from.
struct PieceRef {
  int from_month = 0;
  int to_month = 0;
  const CsvRecord* row = nullptr;
};

// For each (destination or kind, who) the pieces must tile [0, infinity): start at 0,
// follow each other without gap or overlap, and end with an open-ended piece. Otherwise
// some durations would have no hazard or two.
void check_tiling(const CsvTable& table, std::map<std::string, std::vector<PieceRef>> sets,
                  InputErrors& errors) {
  for (auto& [key, pieces] : sets)
    errors.check([&, &pieces = pieces, &key = key] {
      std::stable_sort(pieces.begin(), pieces.end(),
                       [](const PieceRef& a, const PieceRef& b) { return a.from_month < b.from_month; });
      const std::string what = "pieces for " + key;
      int expected_from = 0;
      int previous_line = 0;
      for (const auto& piece : pieces) {
        const Row row(table, *piece.row);
        if (expected_from == k_open_ended_month)
          row.fail("from_month", std::to_string(piece.from_month),
                   "absent: the " + what + " already end with the open-ended piece on line " +
                       std::to_string(previous_line));
        if (piece.from_month != expected_from) {
          const std::string reason = previous_line == 0
                                         ? "the first of the " + what + " must start at month 0"
                                         : std::string(piece.from_month < expected_from ? "overlap" : "gap") +
                                               ": the previous of the " + what + " (line " +
                                               std::to_string(previous_line) + ") ends there";
          row.fail("from_month", std::to_string(piece.from_month),
                   std::to_string(expected_from) + " (" + reason + ")");
        }
        expected_from = piece.to_month;
        previous_line = piece.row->line;
      }
      if (expected_from != k_open_ended_month) {
        const Row last(table, *pieces.back().row);
        last.fail("to_month", std::to_string(expected_from),
                  "empty (the last of the " + what + " must be open-ended)");
      }
    });
}

// from_month and to_month of a piece; an empty to_month means "and after".
std::pair<int, int> read_piece(const Row& row) {
  const int from = month(row, "from_month");
  const int to = optional_month(row, "to_month").value_or(k_open_ended_month);
  if (to <= from)
    row.fail("to_month", std::to_string(to),
             "> from_month (" + std::to_string(from) + ") or empty for an open-ended piece");
  return {from, to};
}

// ---------------------------------------------------------------------------------------
// The files
// ---------------------------------------------------------------------------------------

void read_baselines(const CsvTable& table, IdRegistry& ids, Catalogue& out, InputErrors& errors) {
  const std::size_t before = errors.size();
  std::map<std::string, std::vector<PieceRef>> sets;
  for (const auto& csv_row : table.rows) {
    errors.check([&] {
      const Row row(table, csv_row);
      BaselineRow b;
      const std::string id = row.text("id");
      ids.add(row, id);
      b.destination = parse_enum(row, "destination", k_destinations);
      b.who = selector(row, "who");
      std::tie(b.from_month, b.to_month) = read_piece(row);
      b.hazard = read_value(row, id);
      check_hazard(row, b.hazard);
      sets["destination " + std::string(name_of(b.destination)) + " and who '" + b.who.to_string() + "'"]
          .push_back({b.from_month, b.to_month, &csv_row});
      out.baselines.push_back(std::move(b));
    });
  }
  // Pieces of a file with bad rows are incomplete: their gaps would be reported twice.
  if (errors.size() != before) return;
  check_tiling(table, std::move(sets), errors);
}

void read_return_hazards(const CsvTable& table, IdRegistry& ids, Catalogue& out, InputErrors& errors) {
  const std::size_t before = errors.size();
  std::map<std::string, std::vector<PieceRef>> sets;
  for (const auto& csv_row : table.rows) {
    errors.check([&] {
      const Row row(table, csv_row);
      ReturnHazardRow r;
      const std::string id = row.text("id");
      ids.add(row, id);
      r.kind = parse_enum(row, "kind", k_return_kinds);
      r.who = selector(row, "who");
      std::tie(r.from_month, r.to_month) = read_piece(row);
      r.hazard = read_value(row, id);
      check_hazard(row, r.hazard);
      sets["kind " + std::string(name_of(r.kind)) + " and who '" + r.who.to_string() + "'"].push_back(
          {r.from_month, r.to_month, &csv_row});
      out.return_hazards.push_back(std::move(r));
    });
  }
  // Pieces of a file with bad rows are incomplete: their gaps would be reported twice.
  if (errors.size() != before) return;
  check_tiling(table, std::move(sets), errors);
}

// Sex, group and match group are part of the baseline's subgroups, so covariates cover
// the remaining dimensions plus the (continuous) Danish level.
constexpr std::array<Dimension, 4> k_covariate_dimensions = {Dimension::age_band, Dimension::education,
                                                             Dimension::health, Dimension::children};
constexpr std::string_view k_danish_dimension = "danish_level";
constexpr std::string_view k_per_level = "per_level";

// Sets dimension/level (or per_danish_level) of `c` from the dimension and level columns.
void read_covariate_level(const Row& row, CovariateRow& c) {
  const std::string dimension = row.text("dimension");
  const std::string level = row.text("level");
  if (dimension == k_danish_dimension) {
    if (level != k_per_level) row.fail_choice("level", level, {std::string(k_per_level)});
    c.per_danish_level = true;
    return;
  }
  std::vector<std::string> dimension_names;
  for (const Dimension d : k_covariate_dimensions) dimension_names.emplace_back(name_of(d));
  dimension_names.emplace_back(k_danish_dimension);
  const auto found = dimension_from_name(dimension);
  if (!found || std::find(k_covariate_dimensions.begin(), k_covariate_dimensions.end(), *found) ==
                    k_covariate_dimensions.end())
    row.fail_choice("dimension", dimension, dimension_names);
  c.dimension = *found;
  std::vector<std::string> level_names;
  for (int l = 0; l < k_dimension_levels[static_cast<std::size_t>(c.dimension)]; ++l) {
    if (level_name(c.dimension, l) == level) {
      c.level = l;
      return;
    }
    level_names.emplace_back(level_name(c.dimension, l));
  }
  row.fail_choice("level", level, level_names);
}

void read_covariates(const CsvTable& table, IdRegistry& ids, Catalogue& out, InputErrors& errors) {
  KeyRegistry keys("destination, dimension and level");
  for (const auto& csv_row : table.rows) {
    errors.check([&] {
      const Row row(table, csv_row);
      CovariateRow c;
      const std::string id = row.text("id");
      ids.add(row, id);
      c.destination = parse_enum(row, "destination", k_destinations);
      read_covariate_level(row, c);
      c.hazard_ratio = read_value(row, id);
      check_hazard_ratio(row, c.hazard_ratio);
      // Ratios are relative to the first level, so a reference row can only say 1.
      if (!c.per_danish_level && c.level == 0 && c.hazard_ratio.value != 1.0)
        row.fail("value", format_value(c.hazard_ratio.value),
                 "1 for the reference level " + std::string(level_name(c.dimension, 0)) +
                     " (ratios are relative to it)");
      keys.add(row, "level", row.raw("level"),
               std::string(row.raw("destination")) + "|" + std::string(row.raw("dimension")) + "|" +
                   std::string(row.raw("level")));
      out.covariates.push_back(std::move(c));
    });
  }
}

// What each numeric column of interventions.csv must satisfy.
struct InterventionNumberRule {
  std::string_view column;
  bool strict;  // > 0 rather than >= 0
  std::string_view meaning;
};
constexpr std::array<InterventionNumberRule, 7> k_intervention_rules = {{
    {"default_duration_months", true, "months"},
    {"anticipation_months", false, "months before the start"},
    {"full_dose_months", true, "months for the full post effect"},
    {"post_half_life_months", false, "months; 0 = no decay"},
    {"cost_per_month_dkk", false, "DKK per participant-month"},
    {"danish_gain_per_month", false, "Danish levels per month"},
    {"effect_until_spell_month", false, "months of the benefit spell; 0 = always"},
}};

void read_interventions(const CsvTable& table, IdRegistry& ids, Catalogue& out, InputErrors& errors) {
  for (const auto& csv_row : table.rows) {
    InterventionType t;
    const bool good = errors.check([&] {
      const Row row(table, csv_row);
      t.id = row.text("id");
      ids.add(row, t.id);
      t.label = row.text("label");
      t.intensity = parse_enum(row, "intensity", k_intensities);
      t.kind = parse_enum(row, "kind", k_kinds);
      // The numbers share the row's provenance; each is a value of its own so that a
      // scenario can override, and an analysis vary, any one of them.
      std::array<CatalogueValue*, k_intervention_rules.size()> targets = {
          &t.default_duration, &t.anticipation_months,   &t.full_dose_months,        &t.post_half_life,
          &t.cost_per_month,   &t.danish_gain_per_month, &t.effect_until_spell_month};
      for (std::size_t i = 0; i < k_intervention_rules.size(); ++i) {
        const auto& rule = k_intervention_rules[i];
        CatalogueValue& v = *targets[i];
        v.id = t.id + "." + std::string(rule.column);
        ids.add(row, v.id);
        v.value = row.number(rule.column);
        require_above(row, rule.column, v.value, 0.0, rule.strict, rule.meaning);
        v.ci_low = v.ci_high = v.value;
        read_provenance(row, v);
      }
    });
    // A bad row still names its intervention, so that effects of it are not reported too.
    if (good || !t.id.empty()) out.interventions.push_back(std::move(t));
  }
}

// An intervention column (effects.intervention, interactions.first/then) must name a
// row of interventions.csv.
std::string read_intervention_ref(const Row& row, std::string_view column, const Catalogue& c) {
  const std::string id = row.text(column);
  if (c.find_intervention(id) != nullptr) return id;
  std::vector<std::string> known;
  for (const auto& t : c.interventions) known.push_back(t.id);
  row.fail(column, id, "an id from interventions.csv" + did_you_mean(id, known));
}

void read_effects(const CsvTable& table, IdRegistry& ids, Catalogue& out, InputErrors& errors) {
  KeyRegistry keys("intervention, phase, destination and who");
  for (const auto& csv_row : table.rows) {
    errors.check([&] {
      const Row row(table, csv_row);
      EffectRow e;
      const std::string id = row.text("id");
      ids.add(row, id);
      e.intervention = read_intervention_ref(row, "intervention", out);
      e.phase = parse_enum(row, "phase", k_phases);
      e.destination = parse_enum(row, "destination", k_destinations);
      e.who = selector(row, "who");
      e.hazard_ratio = read_value(row, id);
      check_hazard_ratio(row, e.hazard_ratio);
      keys.add(row, "who", row.raw("who"),
               e.intervention + "|" + std::string(name_of(e.phase)) + "|" +
                   std::string(name_of(e.destination)) + "|" + e.who.to_string());
      out.effects.push_back(std::move(e));
    });
  }
}

void read_interactions(const CsvTable& table, IdRegistry& ids, Catalogue& out, InputErrors& errors) {
  KeyRegistry keys("first, then, destination and who");
  for (const auto& csv_row : table.rows) {
    errors.check([&] {
      const Row row(table, csv_row);
      InteractionRow x;
      const std::string id = row.text("id");
      ids.add(row, id);
      x.first = read_intervention_ref(row, "first", out);
      x.then = read_intervention_ref(row, "then", out);
      x.destination = parse_enum(row, "destination", k_destinations);
      x.who = selector(row, "who");
      x.hazard_ratio = read_value(row, id);
      check_hazard_ratio(row, x.hazard_ratio);
      keys.add(row, "who", row.raw("who"),
               x.first + "|" + x.then + "|" + std::string(name_of(x.destination)) + "|" + x.who.to_string());
      out.interactions.push_back(std::move(x));
    });
  }
}

void read_rules(const CsvTable& table, IdRegistry& ids, Catalogue& out, InputErrors& errors) {
  for (const auto& csv_row : table.rows) {
    errors.check([&] {
      const Row row(table, csv_row);
      RuleRow r;
      const std::string id = row.text("id");
      ids.add(row, id);
      r.unit = row.text("unit");
      r.value = read_value(row, id);
      out.rules.push_back(std::move(r));
    });
  }
}

// ---------------------------------------------------------------------------------------
// Putting it together
// ---------------------------------------------------------------------------------------

// `texts` are the seven files in the order of k_catalogue_files.
Catalogue read_catalogue(const std::array<CsvText, k_catalogue_files.size()>& texts) {
  Catalogue c;
  IdRegistry ids;
  // Every file's errors are reported together; a file whose header is wrong is skipped.
  InputErrors errors;
  const auto file = [&](const CsvText& text, std::vector<std::string> columns, std::size_t expected,
                        void (*read)(const CsvTable&, IdRegistry&, Catalogue&, InputErrors&)) {
    return errors.check([&] {
      if (columns.size() != expected) fail_internal("column count of " + text.name);
      const CsvTable table = read_csv_table(text, std::move(columns));
      read(table, ids, c, errors);
    });
  };
  file(texts[0], columns_of({"id", "destination", "who", "from_month", "to_month"}), 12, read_baselines);
  file(texts[1], columns_of({"id", "kind", "who", "from_month", "to_month"}), 12, read_return_hazards);
  file(texts[2], columns_of({"id", "destination", "dimension", "level"}), 11, read_covariates);
  const bool interventions =
      file(texts[3],
           columns_of({"id", "label", "intensity", "kind", "default_duration_months", "anticipation_months",
                       "full_dose_months", "post_half_life_months", "cost_per_month_dkk",
                       "danish_gain_per_month", "effect_until_spell_month"},
                      false),
           14, read_interventions);
  // Effects and interactions name interventions: without the file, each row would be an error.
  if (interventions) {
    file(texts[4], columns_of({"id", "intervention", "phase", "destination", "who"}), 12, read_effects);
    file(texts[5], columns_of({"id", "first", "then", "destination", "who"}), 12, read_interactions);
  }
  file(texts[6], columns_of({"id", "unit"}), 9, read_rules);
  errors.throw_if_any();
  return c;
}

}  // namespace

Catalogue read_catalogue_dir(const std::string& dir) {
  std::array<std::string, k_catalogue_files.size()> storage;
  std::array<CsvText, k_catalogue_files.size()> texts;
  for (std::size_t i = 0; i < k_catalogue_files.size(); ++i) {
    const std::string path = dir + "/" + std::string(k_catalogue_files[i]);
    storage[i] = read_text_file(path);
    texts[i] = CsvText{path, storage[i]};
  }
  return read_catalogue(texts);
}

Catalogue read_embedded_catalogue() {
  std::array<CsvText, k_catalogue_files.size()> texts;
  for (std::size_t i = 0; i < k_catalogue_files.size(); ++i) {
    const std::string path = "evidence/" + std::string(k_catalogue_files[i]);
    const auto& files = embedded_inputs();
    const auto it =
        std::find_if(files.begin(), files.end(), [&](const EmbeddedFile& f) { return f.path == path; });
    if (it == files.end()) fail_internal(path + " is not compiled into the binary");
    texts[i] = CsvText{"<built-in " + path + ">", it->content};
  }
  return read_catalogue(texts);
}

std::string_view embedded_default_scenario() {
  for (const auto& f : embedded_inputs())
    if (f.path == "default.toml") return f.content;
  fail_internal("default.toml is not compiled into the binary");
}

}  // namespace integrasim

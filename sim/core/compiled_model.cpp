#include "core/compiled_model.h"

#include "core/mechanisms/rule_lookup.h"
#include "core/metrics.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <sstream>

namespace integrasim {
namespace {

constexpr int k_open_end = 1 << 30;  // to_month of an open-ended piece

std::string where_of(const CatalogueValue& v) {
  return v.file + ":" + std::to_string(v.line) + ": ";
}

// Effects and baselines are resolved per effect cell, so their selectors may only use
// the dimensions that define a cell.
void require_cell_dimensions(const Selector& who, const CatalogueValue& v) {
  for (const Dimension d : {Dimension::age_band, Dimension::education, Dimension::children}) {
    if (who.required_level[static_cast<std::size_t>(d)] >= 0)
      throw InputError(where_of(v) + "row '" + v.id + "': who is '" + who.to_string() +
                       "', but must only use sex, group, match_group and health levels");
  }
}

// The catalogue value a row carries, for messages.
const CatalogueValue& value_of(const BaselineRow& r) {
  return r.hazard;
}
const CatalogueValue& value_of(const ReturnHazardRow& r) {
  return r.hazard;
}
const CatalogueValue& value_of(const EffectRow& r) {
  return r.hazard_ratio;
}
const CatalogueValue& value_of(const InteractionRow& r) {
  return r.hazard_ratio;
}

// Among the rows that `matches` and whose selector matches `attrs`, the most specific
// one; null if none. Two matching rows of the highest specificity are ambiguous (a more
// specific row, wherever it stands, resolves an overlap of less specific ones).
template <typename Row, typename Matches>
const Row* most_specific(const std::vector<const Row*>& rows, const PersonAttributes& attrs,
                         Matches matches) {
  const Row* best = nullptr;
  const Row* tied = nullptr;  // another matching row as specific as `best`, if any
  int best_specificity = -1;
  for (const Row* row : rows) {
    if (!matches(*row) || !row->who.matches(attrs)) continue;
    const int s = row->who.specificity();
    if (s > best_specificity) {
      best = row;
      best_specificity = s;
      tied = nullptr;
    } else if (s == best_specificity) {
      tied = row;
    }
  }
  if (tied != nullptr) {
    const CatalogueValue& a = value_of(*best);
    const CatalogueValue& b = value_of(*tied);
    throw InputError(
        where_of(b) + "row '" + b.id + "' and row '" + a.id + "' (" + a.file + ":" + std::to_string(a.line) +
        ") both apply to the same persons with equal specificity; add a more specific row or narrow one");
  }
  return best;
}

double positive_hazard_ratio(const CatalogueValue& v) {
  if (!(v.value > 0.0) || !std::isfinite(v.value))
    fail_input({v.file, v.line, 0}, "hazard ratio '" + v.id + "'", format_value(v.value),
               "a finite number > 0");
  return v.value;
}

double non_negative(const CatalogueValue& v) {
  if (!(v.value >= 0.0) || !std::isfinite(v.value))
    fail_input({v.file, v.line, 0}, "'" + v.id + "'", format_value(v.value), "a finite number >= 0");
  return v.value;
}

// How messages name catalogue file `name`: as the file of any catalogue row is named, with
// its file name replaced (a table may have no row at all; the built-in catalogue's files
// are named "<built-in evidence/rules.csv>"); `name` alone when no row names a .csv file.
std::string catalogue_file(const Catalogue& cat, const std::string& name) {
  const auto values = cat.all_values();
  if (values.empty()) return name;
  std::string file = values.front()->file;
  const std::size_t end = file.rfind(".csv");
  if (end == std::string::npos) return name;
  const std::size_t slash = file.find_last_of('/', end);
  const std::size_t start = slash == std::string::npos ? 0 : slash + 1;
  return file.replace(start, end + 4 - start, name);
}

std::string cell_description(int cell, bool with_health) {
  const PersonAttributes a = attributes_of_effect_cell(cell);
  std::string text = std::string(level_name(Dimension::sex, static_cast<int>(a.sex)))
                         .append(" ")
                         .append(level_name(Dimension::group, static_cast<int>(a.group)))
                         .append(" ")
                         .append(level_name(Dimension::match_group, static_cast<int>(a.match_group)));
  if (with_health) text.append(" ").append(level_name(Dimension::health, static_cast<int>(a.health)));
  return text;
}

// A missing baseline would silently be hazard 0 (nobody ever finds work), so every month
// of every effect cell must resolve to a row for the employed destination, and for every
// other destination the catalogue gives rows for at all. A destination without any row is
// not modelled (docs/model.md §3): off_benefit is reached only through sanctions, and a
// catalogue may leave out education or exit on purpose.
void require_complete_baselines(const Catalogue& cat, const std::vector<std::vector<bool>>& covered, int dest,
                                int horizon_months) {
  const bool has_rows = std::any_of(cat.baselines.begin(), cat.baselines.end(), [&](const BaselineRow& r) {
    return static_cast<int>(r.destination) == dest;
  });
  if (!has_rows && dest != static_cast<int>(Destination::employed)) return;
  for (int cell = 0; cell < k_effect_cell_count; ++cell) {
    const auto& months = covered[static_cast<std::size_t>(cell)];
    const auto gap = std::find(months.begin(), months.end(), false);
    if (gap == months.end()) continue;
    const int from = static_cast<int>(gap - months.begin());
    const int to = static_cast<int>(std::find(gap, months.end(), true) - months.begin()) - 1;
    // Cells are ordered with health last: name the health level only if the other health
    // level of the same persons is covered.
    const int sibling = cell ^ 1;
    const bool with_health = covered[static_cast<std::size_t>(sibling)] != months;
    const std::string file = catalogue_file(cat, "baseline_hazards.csv");
    const std::string span = to >= horizon_months && from == 0 ? "any month"
                             : to >= horizon_months
                                 ? "months " + std::to_string(from) + " and after"
                                 : "months " + std::to_string(from) + "-" + std::to_string(to);
    throw InputError(file + ": no row gives the hazard to " +
                     std::string(name_of(static_cast<Destination>(dest))) + " for " +
                     cell_description(cell, with_health) + " persons in " + span);
  }
}

void compile_baselines(const Catalogue& cat, CompiledModel& m) {
  std::vector<const BaselineRow*> rows;
  for (const auto& row : cat.baselines) {
    require_cell_dimensions(row.who, row.hazard);
    non_negative(row.hazard);
    rows.push_back(&row);
  }
  const auto months = static_cast<std::size_t>(m.clock_months) + 1;
  for (int dest = 0; dest < k_destination_count; ++dest) {
    std::vector<std::vector<bool>> covered(k_effect_cell_count, std::vector<bool>(months, false));
    for (int cell = 0; cell < k_effect_cell_count; ++cell) {
      const PersonAttributes attrs = attributes_of_effect_cell(cell);
      auto& table = m.baseline[static_cast<std::size_t>(dest)][static_cast<std::size_t>(cell)];
      table.assign(months, 0.0);
      for (int d = 0; d <= m.clock_months; ++d) {
        const BaselineRow* row = most_specific(rows, attrs, [&](const BaselineRow& r) {
          return static_cast<int>(r.destination) == dest && r.from_month <= d && d < r.to_month;
        });
        table[static_cast<std::size_t>(d)] = row == nullptr ? 0.0 : row->hazard.value;
        covered[static_cast<std::size_t>(cell)][static_cast<std::size_t>(d)] = row != nullptr;
      }
    }
    require_complete_baselines(cat, covered, dest, m.clock_months);
  }
  const std::size_t h = static_cast<std::size_t>(m.clock_months);
  for (std::size_t cell = 0; cell < k_effect_cell_count; ++cell) {
    auto& next = m.baseline_next_change[cell];
    next.assign(h + 1, m.clock_months);
    for (std::size_t d = h; d-- > 0;) {
      bool changes = false;
      for (const auto& dest : m.baseline) changes = changes || dest[cell][d + 1] != dest[cell][d];
      next[d] = changes ? static_cast<int>(d + 1) : next[d + 1];
    }
  }
}

void compile_return_hazards(const Catalogue& cat, CompiledModel& m) {
  std::vector<const ReturnHazardRow*> rows;
  std::vector<int> boundaries = {0};
  for (const auto& row : cat.return_hazards) {
    require_cell_dimensions(row.who, row.hazard);
    non_negative(row.hazard);
    rows.push_back(&row);
    boundaries.push_back(row.from_month);
    if (row.to_month < k_open_end) boundaries.push_back(row.to_month);
  }
  std::sort(boundaries.begin(), boundaries.end());
  boundaries.erase(std::unique(boundaries.begin(), boundaries.end()), boundaries.end());
  for (int kind = 0; kind < k_return_hazard_count; ++kind) {
    for (int cell = 0; cell < k_effect_cell_count; ++cell) {
      const PersonAttributes attrs = attributes_of_effect_cell(cell);
      auto& pieces = m.return_hazard[static_cast<std::size_t>(kind)][static_cast<std::size_t>(cell)];
      for (std::size_t b = 0; b < boundaries.size(); ++b) {
        const int from = boundaries[b];
        const int to = b + 1 < boundaries.size() ? boundaries[b + 1] : k_open_end;
        const ReturnHazardRow* row = most_specific(rows, attrs, [&](const ReturnHazardRow& r) {
          return static_cast<int>(r.kind) == kind && r.from_month <= from && from < r.to_month;
        });
        const double h = row == nullptr ? 0.0 : row->hazard.value;
        if (!pieces.empty() && pieces.back().hazard == h) {
          pieces.back().to_month = to;  // merge equal neighbours: fewer pieces to walk
        } else {
          pieces.push_back({from, to, h});
        }
      }
    }
  }
}

void compile_covariates(const Catalogue& cat, CompiledModel& m) {
  for (auto& dest : m.covariate_hr)
    for (auto& dim : dest) dim.fill(1.0);
  for (const auto& row : cat.covariates) {
    const double hr = positive_hazard_ratio(row.hazard_ratio);
    const auto dest = static_cast<std::size_t>(row.destination);
    if (row.per_danish_level) {
      m.log_hr_per_danish_level[dest] = std::log(hr);
    } else {
      m.covariate_hr[dest][static_cast<std::size_t>(row.dimension)][static_cast<std::size_t>(row.level)] = hr;
    }
  }
}

int round_months(const CatalogueValue& v) {
  return static_cast<int>(std::lround(non_negative(v)));
}

CompiledIntervention compile_intervention(const InterventionType& type, const Catalogue& cat) {
  CompiledIntervention ci;
  ci.id = type.id;
  ci.kind = type.kind;
  ci.effect_until_spell_month = round_months(type.effect_until_spell_month);
  ci.anticipation_months = round_months(type.anticipation_months);
  ci.full_dose_months = std::max(non_negative(type.full_dose_months), 1e-9);
  const double half_life = non_negative(type.post_half_life);
  ci.half_life_months = half_life >= 1e9 ? 0.0 : half_life;
  ci.cost_per_month = non_negative(type.cost_per_month);
  ci.danish_gain_per_month = non_negative(type.danish_gain_per_month);

  std::vector<const EffectRow*> rows;  // checked by check_all_effects
  for (const auto& row : cat.effects)
    if (row.intervention == type.id) rows.push_back(&row);
  for (int phase = 0; phase < k_phase_count; ++phase)
    for (int dest = 0; dest < k_destination_count; ++dest)
      for (int cell = 0; cell < k_effect_cell_count; ++cell) {
        const EffectRow* row = most_specific(rows, attributes_of_effect_cell(cell), [&](const EffectRow& r) {
          return static_cast<int>(r.phase) == phase && static_cast<int>(r.destination) == dest;
        });
        const double b = row == nullptr ? 0.0 : std::log(row->hazard_ratio.value);
        ci.log_hr[static_cast<std::size_t>(phase)][static_cast<std::size_t>(dest)]
                 [static_cast<std::size_t>(cell)] = b;
      }
  return ci;
}

int find_index(const std::vector<CompiledIntervention>& list, const std::string& id) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].id == id) return static_cast<int>(i);
  return -1;
}

// Effect rows of interventions the scenario does not use are checked too, so a bad row
// is reported whichever scenario meets it first.
void check_all_effects(const Catalogue& cat) {
  for (const auto& row : cat.effects) {
    require_cell_dimensions(row.who, row.hazard_ratio);
    positive_hazard_ratio(row.hazard_ratio);
  }
}

void compile_interactions(const Catalogue& cat, CompiledModel& m) {
  // Group rows by (first, then) so that each pair resolves its own selectors.
  std::map<std::pair<int, int>, std::vector<const InteractionRow*>> by_pair;
  for (const auto& row : cat.interactions) {
    const int a = find_index(m.interventions, row.first);
    const int b = find_index(m.interventions, row.then);
    require_cell_dimensions(row.who, row.hazard_ratio);
    positive_hazard_ratio(row.hazard_ratio);
    if (a < 0 || b < 0) continue;  // an interaction of interventions the scenario never uses
    by_pair[{a, b}].push_back(&row);
  }
  for (const auto& [pair, rows] : by_pair) {
    CompiledInteraction ci;
    ci.first = pair.first;
    ci.then = pair.second;
    bool any = false;
    for (int dest = 0; dest < k_destination_count; ++dest)
      for (int cell = 0; cell < k_effect_cell_count; ++cell) {
        const InteractionRow* row =
            most_specific(rows, attributes_of_effect_cell(cell),
                          [&](const InteractionRow& r) { return static_cast<int>(r.destination) == dest; });
        const double b = row == nullptr ? 0.0 : std::log(row->hazard_ratio.value);
        ci.log_hr[static_cast<std::size_t>(dest)][static_cast<std::size_t>(cell)] = b;
        any = any || b != 0.0;
      }
    if (any) m.interactions.push_back(ci);
  }
}

int intervention_index(CompiledModel& m, const Catalogue& cat, const PathwayStep& step) {
  const int existing = find_index(m.interventions, step.intervention);
  if (existing >= 0) return existing;
  const InterventionType* type = cat.find_intervention(step.intervention);
  if (type == nullptr)
    fail_input(step.where, "intervention", "'" + step.intervention + "'",
               "an intervention id of the catalogue");
  m.interventions.push_back(compile_intervention(*type, cat));
  return static_cast<int>(m.interventions.size()) - 1;
}

// The municipal multipliers scale the log hazard ratios of a kind of intervention
// (docs/model.md §5: explicit multipliers, default 1).
double municipal_factor(InterventionKind kind, const MunicipalitySpec& mu) {
  switch (kind) {
    case InterventionKind::company:
      return mu.company_collaboration;
    case InterventionKind::meetings:
      return mu.specialised_caseworkers / mu.caseload;
    case InterventionKind::guidance:
      return mu.specialised_caseworkers;
    default:
      return 1.0;
  }
}

void apply_municipality(const MunicipalitySpec& mu, CompiledModel& m) {
  for (CompiledIntervention& iv : m.interventions) {
    const double f = municipal_factor(iv.kind, mu);
    if (f == 1.0) continue;
    for (auto& phase : iv.log_hr)
      for (auto& dest : phase)
        for (double& b : dest) b *= f;
  }
}

void compile_pathways(const Scenario& s, const Catalogue& cat, CompiledModel& m) {
  for (const auto& p : s.pathways) {
    CompiledPathway cp;
    cp.name = p.name;
    std::vector<std::string> track_names;
    int key = 0;
    for (const auto& step : p.steps) {
      CompiledStep cs;
      cs.intervention = intervention_index(m, cat, step);
      cs.relative_to_previous = step.relative_to_previous;
      cs.start_month = step.start_month;
      cs.duration_months = step.duration_months;
      cs.coverage = step.coverage;
      cs.eligible = step.eligible;
      cs.min_danish_level = step.min_danish_level;
      cs.dose = step.dose;
      cs.key = key++;
      auto it = std::find(track_names.begin(), track_names.end(), step.track);
      if (it == track_names.end()) {
        track_names.push_back(step.track);
        cp.tracks.emplace_back();
        it = track_names.end() - 1;
      }
      cp.tracks[static_cast<std::size_t>(it - track_names.begin())].push_back(cs);
    }
    m.pathways.push_back(std::move(cp));
  }
}

// The programme each caseload person is in today, as a one-step track: it goes on for
// the catalogue's duration less the months already spent (at least one more month).
void compile_caseload_programmes(const Scenario& s, const Catalogue& cat, CompiledModel& m) {
  m.caseload_programmes.assign(s.caseload.persons.size(), {});
  for (std::size_t r = 0; r < s.caseload.persons.size(); ++r) {
    const CaseloadPerson& p = s.caseload.persons[r];
    if (p.current_programme.empty()) continue;
    PathwayStep step;
    step.intervention = p.current_programme;
    step.where = SourcePosition{s.caseload.file, p.line, 0};
    CompiledStep cs;
    cs.intervention = intervention_index(m, cat, step);
    const double duration = cat.find_intervention(p.current_programme)->default_duration.value;
    cs.duration_months = std::max(1, static_cast<int>(std::lround(duration)) - p.months_in_programme);
    cs.start_month = -p.months_in_programme;  // started before the plan
    cs.key = k_max_pathway_steps - 1;         // a step key no pathway step uses
    m.caseload_programmes[r].push_back(cs);
  }
}

int pathway_index(const CompiledModel& m, const std::string& name) {
  if (name.empty()) return -1;
  for (std::size_t i = 0; i < m.pathways.size(); ++i)
    if (m.pathways[i].name == name) return static_cast<int>(i);
  throw InputError("pathway '" + name + "' is used by an arm but not defined");
}

// An arm's limited places, in place units of the calendar (core/capacity.h).
void compile_capacity(const Arm& arm, const CompiledModel& m, ArmVariant& v) {
  for (const CapacitySpec& c : arm.capacity) {
    CompiledCapacity cc;
    cc.intervention = -1;
    for (std::size_t i = 0; i < m.interventions.size(); ++i)
      if (m.interventions[i].id == c.intervention) cc.intervention = static_cast<int>(i);
    // A programme no pathway uses has no index; its places are never asked for.
    if (cc.intervention < 0) continue;
    cc.places = c.places;
    cc.units = m.calendar.capacity_units(c.places);
    cc.max_wait_months = c.max_wait_months;
    if (v.capacity_of.empty()) v.capacity_of.assign(m.interventions.size(), -1);
    v.capacity_of[static_cast<std::size_t>(cc.intervention)] = static_cast<int>(v.capacity.size());
    v.capacity.push_back(cc);
  }
}

void compile_arms(const Scenario& s, CompiledModel& m) {
  const int arm_count = static_cast<int>(s.arms.size());
  for (const auto& arm : s.arms) {
    m.arm_names.push_back(arm.name);
    m.arm_roles.emplace_back(role_name(arm.role));
  }
  m.arm_names.emplace_back("no_intervention");
  m.arm_roles.emplace_back("no_intervention");
  m.comparator_arm = 0;
  for (int a = 0; a < arm_count; ++a)
    if (s.arms[static_cast<std::size_t>(a)].role == ArmRole::comparator) m.comparator_arm = a;

  // Variant 0 is the no-intervention arm N, shared by every decomposition.
  ArmVariant none;
  none.arm = arm_count;
  none.rules.kind = VariantKind::no_intervention;
  m.variants.push_back(none);
  m.arm_full_variant.assign(static_cast<std::size_t>(arm_count) + 1, 0);
  m.decomposition_pairs.assign(static_cast<std::size_t>(arm_count), {-1, -1, -1, -1, -1, -1});

  const auto add_pair = [&](int first, int second) {
    m.pairs.push_back({first, second});
    return static_cast<int>(m.pairs.size()) - 1;
  };
  for (int a = 0; a < arm_count; ++a) {
    const Arm& arm = s.arms[static_cast<std::size_t>(a)];
    ArmVariant v;
    v.arm = a;
    for (const auto& rule : arm.assignments)
      v.assignments.emplace_back(rule.who, pathway_index(m, rule.pathway));
    v.reentry_pathway = pathway_index(m, arm.reentry_pathway);
    v.rules.benefit = arm.rules;
    compile_capacity(arm, m, v);
    int a0 = 0;  // without benefit rules the arm's rules-only variant is N itself
    int a1 = -1;
    int a2 = -1;
    if (s.output.decomposition) {
      if (!arm.rules.standard()) {
        ArmVariant v0 = v;
        v0.rules.kind = VariantKind::rules_only;
        v0.assignments.clear();
        v0.reentry_pathway = -1;
        v0.capacity.clear();  // no programmes, no places
        v0.capacity_of.clear();
        m.variants.push_back(v0);
        a0 = static_cast<int>(m.variants.size()) - 1;
      }
      ArmVariant v1 = v;
      v1.rules.kind = VariantKind::anticipation;
      v1.rules.lock_in_on = false;
      v1.rules.post_on = false;
      m.variants.push_back(v1);
      a1 = static_cast<int>(m.variants.size()) - 1;
      ArmVariant v2 = v;
      v2.rules.kind = VariantKind::lock_in;
      v2.rules.post_on = false;
      m.variants.push_back(v2);
      a2 = static_cast<int>(m.variants.size()) - 1;
    }
    m.variants.push_back(v);
    const int a3 = static_cast<int>(m.variants.size()) - 1;
    for (std::size_t k = 0; k + 1 < m.variants.size(); ++k)
      if (m.variants[k].arm == a) m.variants[k].keeps_accounts = false;  // decomposition only
    m.arm_full_variant[static_cast<std::size_t>(a)] = a3;
    if (s.output.decomposition) {
      m.decomposition_pairs[static_cast<std::size_t>(a)] = {add_pair(a0, 0),  add_pair(a1, a0),
                                                            add_pair(a2, a1), add_pair(a3, a2),
                                                            add_pair(a3, a1), add_pair(a3, 0)};
    }
  }
  const int comparator_variant = m.arm_full_variant[static_cast<std::size_t>(m.comparator_arm)];
  m.vs_comparator_pair.assign(static_cast<std::size_t>(arm_count) + 1, -1);
  for (int a = 0; a <= arm_count; ++a) {
    if (a == m.comparator_arm) continue;
    m.vs_comparator_pair[static_cast<std::size_t>(a)] =
        add_pair(m.arm_full_variant[static_cast<std::size_t>(a)], comparator_variant);
  }
}

// Report cells are numbered in mixed radix over the reported dimensions (first
// dimension most significant).
int level_digit(const CompiledModel& m, int cell, std::size_t position) {
  for (std::size_t i = m.report_dimensions.size(); i-- > position + 1;)
    cell /= k_dimension_levels[static_cast<std::size_t>(m.report_dimensions[i])];
  return cell % k_dimension_levels[static_cast<std::size_t>(m.report_dimensions[position])];
}

void compile_groups(const Scenario& s, CompiledModel& m) {
  m.report_dimensions = s.output.subgroup_dimensions;
  m.report_cell_count = 1;
  for (const Dimension d : m.report_dimensions)
    m.report_cell_count *= k_dimension_levels[static_cast<std::size_t>(d)];
  ReportGroup all{"all", "all", -1, 0, {}};
  for (int c = 0; c < m.report_cell_count; ++c) all.cells.push_back(c);
  m.groups.push_back(all);
  for (std::size_t position = 0; position < m.report_dimensions.size(); ++position) {
    const Dimension d = m.report_dimensions[position];
    for (int l = 0; l < k_dimension_levels[static_cast<std::size_t>(d)]; ++l) {
      ReportGroup g{std::string(level_name(d, l)), std::string(name_of(d)), static_cast<int>(d), l, {}};
      for (int c = 0; c < m.report_cell_count; ++c)
        if (level_digit(m, c, position) == l) g.cells.push_back(c);
      m.groups.push_back(g);
    }
  }
}

}  // namespace

Parameters resolve_parameters(const Catalogue& catalogue, const Scenario& scenario) {
  Parameters p;
  p.values = catalogue;
  auto values = p.values.all_values_mutable();
  for (const auto& o : scenario.overrides) {
    auto it =
        std::find_if(values.begin(), values.end(), [&](const CatalogueValue* v) { return v->id == o.id; });
    if (it == values.end())
      fail_input_message(o.where, "override '" + o.id + "' does not name a catalogue value");
    if (!model_reads_rule(o.id) && std::any_of(catalogue.rules.begin(), catalogue.rules.end(),
                                               [&](const RuleRow& r) { return r.value.id == o.id; }))
      fail_input_message(o.where, "override '" + o.id +
                                      "' changes nothing: the model does not use this catalogue value yet (" +
                                      (*it)->file + ":" + std::to_string((*it)->line) + ")");
    (*it)->value = o.value;
    (*it)->source = "scenario override (" + o.where.file + ":" + std::to_string(o.where.line) + ")";
    p.overridden.push_back(o.id);
  }
  return p;
}

int CompiledModel::report_cell_of(const PersonAttributes& attrs) const {
  int cell = 0;
  for (const Dimension d : report_dimensions)
    cell = cell * k_dimension_levels[static_cast<std::size_t>(d)] + level_of(attrs, d);
  return cell;
}

CompiledModel compile_model(const Scenario& s, const Parameters& parameters) {
  const Catalogue& cat = parameters.values;
  CompiledModel m;
  m.horizon_months = s.horizon_months;
  m.calendar = layout_calendar(s);
  m.persons = m.calendar.persons;
  m.clock_months = m.calendar.clock_months;
  m.duration_clock = s.duration_clock;
  m.combination_rule = s.combination_rule;
  m.combination_alpha = s.combination_alpha;
  m.population = s.population;
  m.frailty = s.frailty;
  m.employment_rate_months = s.output.employment_rate_months;
  // The engine's state records stop at the first month past an interval (record_state_).
  if (std::adjacent_find(m.employment_rate_months.begin(), m.employment_rate_months.end(),
                         std::greater_equal<>()) != m.employment_rate_months.end())
    fail_internal("employment_rate_months must be strictly ascending (the scenario reader checks it)");
  m.overrides = s.overrides;
  m.budget_column_base = tally_column_count(m.employment_rate_months);
  m.budget_years = m.calendar.planner ? (m.horizon_months + 11) / 12 : 0;
  // One block per calendar year, then one for the whole plan.
  m.tally_columns =
      m.budget_column_base + (m.budget_years > 0 ? (m.budget_years + 1) * k_budget_measure_count : 0);
  compile_baselines(cat, m);
  compile_return_hazards(cat, m);
  compile_covariates(cat, m);
  check_all_effects(cat);
  compile_pathways(s, cat, m);
  compile_caseload_programmes(s, cat, m);
  apply_municipality(s.municipality, m);
  compile_interactions(cat, m);
  compile_arms(s, m);
  for (std::size_t j = 0; j < k_destination_count; ++j) {
    bool any = m.log_hr_per_danish_level[j] != 0.0;
    for (const auto& iv : m.interventions)
      for (const auto& phase : iv.log_hr)
        for (const double b : phase[j]) any = any || b != 0.0;
    for (const auto& ia : m.interactions)
      for (const double b : ia.log_hr[j]) any = any || b != 0.0;
    m.destination_has_effects[j] = any;
  }
  compile_groups(s, m);
  m.benefit_per_month = rule_value(s, cat, "benefit.single_provider.dkk_per_month", true,
                                   "every run counts benefit costs", 0.0);
  compile_mechanisms(s, cat, m);
  for (std::size_t j = 0; j < k_destination_count; ++j)
    for (const auto& table : m.baseline[j])
      m.destination_reachable[j] = m.destination_reachable[j] ||
                                   std::any_of(table.begin(), table.end(), [](double h) { return h > 0.0; });
  return m;
}

}  // namespace integrasim

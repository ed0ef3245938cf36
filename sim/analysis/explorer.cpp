#include "analysis/explorer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <queue>
#include <stdexcept>

#include "analysis/explore_batches.h"
#include "analysis/summarise.h"
#include "core/diagnostics.h"
#include "core/engine.h"
#include "core/limits.h"
#include "core/tallies.h"

namespace integrasim {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr double k_saturate = 1e18;
constexpr const char* k_prefix = "explore:";  // ':' never occurs in scenario names
constexpr int k_max_batch = 32;
// Floating per-chunk sums the engine may hold for one batch (it keeps every chunk's sums
// until it merges them in chunk order).
constexpr double k_batch_memory_bytes = 192.0 * 1024 * 1024;

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The (block, duration index) options, in block order.
struct Option {
  int block = 0;
  int duration = 0;  // months
};

std::vector<Option> options_of(const ExploreSpec& spec) {
  std::vector<Option> out;
  for (std::size_t b = 0; b < spec.blocks.size(); ++b)
    for (const int d : spec.blocks[b].durations) out.push_back({static_cast<int>(b), d});
  return out;
}

// Visits every sequence in enumeration order: length, then first start month, then the
// options position by position (lexicographic in option order).
template <typename Visit>
void walk(const ExploreSpec& spec, Visit visit) {
  const std::vector<Option> options = options_of(spec);
  std::vector<int> chosen;  // option indices
  std::vector<int> used(spec.blocks.size(), 0);
  for (int length = spec.min_length; length <= spec.max_length; ++length) {
    for (const int start : spec.first_start_months) {
      // Depth-first over positions.
      const auto recurse = [&](auto&& self, int position) -> void {
        if (position == length) {
          visit(start, chosen);
          return;
        }
        for (std::size_t o = 0; o < options.size(); ++o) {
          const Option& op = options[o];
          const int b = op.block;
          if (!chosen.empty()) {
            const Option& prev = options[static_cast<std::size_t>(chosen.back())];
            if (!spec.order_matters && spec.repeats && static_cast<int>(o) < chosen.back()) continue;
            if (!spec.order_matters && !spec.repeats && b <= prev.block) continue;
          }
          if (spec.order_matters && !spec.repeats && used[static_cast<std::size_t>(b)] > 0) continue;
          chosen.push_back(static_cast<int>(o));
          ++used[static_cast<std::size_t>(b)];
          self(self, position + 1);
          --used[static_cast<std::size_t>(b)];
          chosen.pop_back();
        }
      };
      recurse(recurse, 0);
    }
  }
}

std::string sequence_text(const ExploreSpec& spec, int start,
                          const std::vector<std::pair<int, int>>& blocks) {
  std::string out = "from m";
  out.append(std::to_string(start)).append(": ");
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const ExploreBlock& b = spec.blocks[static_cast<std::size_t>(blocks[i].first)];
    if (i > 0) {
      out.append(" > ");
      if (b.gap_months > 0) out.append("(+").append(std::to_string(b.gap_months)).append("m) ");
    }
    out.append(b.label).append(" ").append(std::to_string(blocks[i].second)).append("m");
  }
  return out;
}

const Pathway* find_pathway(const Scenario& s, const std::string& name) {
  for (const Pathway& p : s.pathways)
    if (p.name == name) return &p;
  return nullptr;
}

const Arm& comparator_of(const ExploreSpec& spec) {
  for (const Arm& a : spec.base.arms)
    if (a.name == spec.comparator_arm) return a;
  std::string message = "explorer: comparator arm '";
  message.append(spec.comparator_arm).append("' is not in the scenario");
  throw InternalError(message);
}

ExploreCandidate make_candidate(const ExploreSpec& spec, std::int64_t number, int start,
                                const std::vector<int>& chosen, const std::vector<Option>& options) {
  std::vector<std::pair<int, int>> blocks;
  for (const int o : chosen)
    blocks.emplace_back(options[static_cast<std::size_t>(o)].block,
                        options[static_cast<std::size_t>(o)].duration);
  return make_explore_candidate(spec, numbered_id('p', number), start, blocks);
}

// Everything one evaluation (one parameter set, one combination rule) yields; arm 0 is
// the comparator, arm i + 1 candidate i.
struct Evaluation {
  std::vector<SubgroupInfo> subgroups;
  std::vector<std::int64_t> persons;  // per subgroup
  std::string unit;
  std::vector<std::vector<Estimate>> value;                    // [arm][subgroup]
  std::vector<std::vector<Estimate>> diff;                     // [arm][subgroup]
  std::vector<MetricInfo> metrics;                             // every summary metric
  std::vector<std::vector<std::vector<Estimate>>> all_values;  // [arm][subgroup][metric]
  std::vector<std::vector<std::vector<Estimate>>>
      all_diffs;  // [arm][subgroup][metric]; empty for the comparator
  bool has_decomposition = false;
  std::vector<std::vector<std::array<Estimate, k_explore_components>>> decomposition;
};

Scenario batch_scenario(const ExploreSpec& spec, const std::vector<BatchArm>& arms, CombinationRule rule,
                        double alpha, bool decomposition) {
  Scenario s = spec.base;
  s.combination_rule = rule;
  s.combination_alpha = rule == CombinationRule::diminishing ? alpha : spec.base.combination_alpha;
  s.output.decomposition = decomposition;
  s.output.subgroup_dimensions = spec.subgroups;
  Arm comparator = comparator_of(spec);
  comparator.role = ArmRole::comparator;
  s.arms = {comparator};
  for (const BatchArm& b : arms) {
    const ExploreCandidate& c = *b.pathway;
    s.pathways.push_back(c.pathway);
    Arm arm = comparator;  // the comparator's benefit rules, sanctions and re-entry pathway
    arm.name = c.pathway.name;
    // Helpers are not compared with anything (no paired sums to keep).
    arm.role = b.candidate >= 0 ? ArmRole::policy : ArmRole::other;
    arm.assignments = {{Selector{}, c.pathway.name}};
    s.arms.push_back(std::move(arm));
  }
  return s;
}

int component_index(const std::string& name) {
  for (int i = 0; i < k_explore_components; ++i)
    if (name == k_explore_component_names[i]) return i;
  return -1;
}

class Evaluator {
 public:
  Evaluator(const ExploreSpec& spec, const std::vector<ExploreCandidate>& candidates,
            const ExploreOptions& options, const std::vector<std::vector<BatchArm>>& batches,
            std::function<void()> batch_done)
      : spec_(spec),
        candidates_(candidates),
        options_(options),
        batches_plan_(batches),
        batch_done_(std::move(batch_done)) {}

  Evaluation run(const Parameters& parameters, CombinationRule rule, double alpha, std::uint32_t draw,
                 bool decomposition) {
    Evaluation e;
    const std::size_t n = candidates_.size();
    e.value.assign(n + 1, {});
    e.diff.assign(n + 1, {});
    e.decomposition.assign(n + 1, {});
    e.all_values.assign(n + 1, {});
    e.all_diffs.assign(n + 1, {});
    e.has_decomposition = false;
    for (std::size_t b = 0; b < batches_plan_.size(); ++b) {
      const std::vector<BatchArm>& arms = batches_plan_[b];
      const Scenario s = batch_scenario(spec_, arms, rule, alpha, decomposition);
      const CompiledModel model = compile_model(s, parameters);
      SimulationOptions sim;
      sim.seed = spec_.base.seed;
      sim.draw = draw;
      sim.threads = options_.threads;
      sim.memory_limit = options_.memory_limit;
      sim.reuse_prefixes = options_.reuse_prefixes;
      const Results r = summarise(model, simulate(model, sim));
      ++batches_;
      for (const BatchArm& a : arms) (a.candidate >= 0 ? pathway_simulations_ : helper_simulations_) += 1;
      take(r, arms, b == 0, e);
      if (batch_done_) batch_done_();
    }
    return e;
  }

  int batches() const { return batches_; }
  std::int64_t pathway_simulations() const { return pathway_simulations_; }
  std::int64_t helper_simulations() const { return helper_simulations_; }

 private:
  // Takes the comparator (from the first batch only: it is the same in every batch) and
  // the batch's candidates; helpers are dropped.
  void take(const Results& r, const std::vector<BatchArm>& arms, bool first_batch, Evaluation& e) const {
    std::size_t k = r.metrics.size();
    for (std::size_t i = 0; i < r.metrics.size(); ++i)
      if (r.metrics[i].name == spec_.metric) k = i;
    if (k == r.metrics.size()) {
      std::string message = "explorer: no metric '";
      message.append(spec_.metric).append("'");
      throw InternalError(message);
    }
    const std::size_t groups = r.subgroups.size();
    if (e.subgroups.empty()) {
      e.subgroups = r.subgroups;
      e.unit = r.metrics[k].unit;
      e.persons.assign(groups, 0);
      e.metrics = r.metrics;
    }
    // Arm a of this batch is arm 0 (the comparator, slot 0) or arms[a - 1] (candidate c,
    // slot c + 1); -1 = not taken.
    const auto slot = [&](int arm) -> int {
      if (arm == 0) return first_batch ? 0 : -1;
      if (arm > static_cast<int>(arms.size())) return -1;  // no_intervention
      const int c = arms[static_cast<std::size_t>(arm - 1)].candidate;
      return c >= 0 ? c + 1 : -1;
    };
    for (const SummaryRow& row : r.summary) {
      if (slot(row.arm) < 0) continue;
      const std::size_t a = static_cast<std::size_t>(slot(row.arm));
      auto& v = e.value[a];
      auto& d = e.diff[a];
      v.resize(groups);
      d.resize(groups, Estimate{k_nan, k_nan});
      v[static_cast<std::size_t>(row.subgroup)] = row.metrics[k];
      if (!row.vs_comparator.empty()) d[static_cast<std::size_t>(row.subgroup)] = row.vs_comparator[k];
      auto& all_v = e.all_values[a];
      auto& all_d = e.all_diffs[a];
      all_v.resize(groups);
      all_d.resize(groups);
      all_v[static_cast<std::size_t>(row.subgroup)] = row.metrics;
      all_d[static_cast<std::size_t>(row.subgroup)] = row.vs_comparator;
      e.persons[static_cast<std::size_t>(row.subgroup)] = row.persons;
    }
    for (const EffectRowOut& row : r.effects) {
      if (slot(row.arm) < 0 || row.outcome != spec_.metric) continue;
      const int c = component_index(row.component);
      if (c < 0) continue;
      // effects.csv shows the metric times its shown_scale (employment rates in percentage
      // points); the explorer ranks in the metric's own unit.
      const double scale = 1.0 / metric_spec(r.metrics[k].metric).shown_scale;
      auto& dec = e.decomposition[static_cast<std::size_t>(slot(row.arm))];
      dec.resize(groups, {});
      dec[static_cast<std::size_t>(row.subgroup)][static_cast<std::size_t>(c)] = {row.effect.value * scale,
                                                                                  row.effect.se * scale};
      e.has_decomposition = true;
    }
  }

  const ExploreSpec& spec_;
  const std::vector<ExploreCandidate>& candidates_;
  const ExploreOptions& options_;
  const std::vector<std::vector<BatchArm>>& batches_plan_;
  std::function<void()> batch_done_;
  int batches_ = 0;
  std::int64_t pathway_simulations_ = 0;
  std::int64_t helper_simulations_ = 0;
};

// Ranks of the candidates (arms 1..n of `e`) in subgroup g: 1 = best; NaN values last;
// ties go to the earlier candidate.
std::vector<int> ranks(const ExploreSpec& spec, const Evaluation& e, std::size_t g) {
  const std::size_t n = e.value.size() - 1;
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  const auto value = [&](std::size_t i) { return e.value[i + 1][g].value; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double x = value(a);
    const double y = value(b);
    if (std::isnan(x) || std::isnan(y)) return !std::isnan(x) && std::isnan(y);
    return spec.direction == RankDirection::higher ? x > y : x < y;
  });
  std::vector<int> rank(n, 0);  // 0 = no value (an empty subgroup): not ranked
  for (std::size_t r = 0; r < n; ++r)
    if (!std::isnan(value(order[r]))) rank[order[r]] = static_cast<int>(r) + 1;
  return rank;
}

}  // namespace

ExploreCandidate make_explore_candidate(const ExploreSpec& spec, const std::string& id, int start_month,
                                        const std::vector<std::pair<int, int>>& blocks) {
  ExploreCandidate c;
  c.id = id;
  c.start_month = start_month;
  c.blocks = blocks;
  c.sequence = sequence_text(spec, start_month, c.blocks);
  c.pathway.name = std::string(k_prefix).append(c.id);
  c.pathway.where = spec.where;
  if (const Pathway* fixed = spec.fixed_from.empty() ? nullptr : find_pathway(spec.base, spec.fixed_from)) {
    for (const PathwayStep& st : fixed->steps)
      if (std::find(spec.fixed_tracks.begin(), spec.fixed_tracks.end(), st.track) != spec.fixed_tracks.end())
        c.pathway.steps.push_back(st);
  }
  for (std::size_t i = 0; i < c.blocks.size(); ++i) {
    const ExploreBlock& b = spec.blocks[static_cast<std::size_t>(c.blocks[i].first)];
    PathwayStep st;
    st.intervention = b.intervention;
    st.track = "main";
    st.relative_to_previous = i > 0;
    st.start_month = i == 0 ? start_month : b.gap_months;
    st.duration_months = c.blocks[i].second;
    st.coverage = b.coverage;
    st.eligible = b.eligible;
    st.min_danish_level = b.min_danish_level;
    st.where = b.where;
    c.pathway.steps.push_back(st);
  }
  return c;
}

double count_pathways(const ExploreSpec& spec) {
  const int max_k = std::max(0, spec.max_length);
  std::vector<double> per_block;
  double options = 0;
  for (const ExploreBlock& b : spec.blocks) {
    per_block.push_back(static_cast<double>(b.durations.size()));
    options += static_cast<double>(b.durations.size());
  }
  // e[k]: elementary symmetric polynomials of the duration counts (k distinct blocks in
  // block order); h[k]: k options in non-decreasing option order (multisets).
  std::vector<double> e(static_cast<std::size_t>(max_k) + 1, 0.0);
  std::vector<double> h(static_cast<std::size_t>(max_k) + 1, 0.0);
  e[0] = 1.0;
  for (const double nb : per_block)
    for (int k = max_k; k >= 1; --k)
      e[static_cast<std::size_t>(k)] =
          std::min(k_saturate, e[static_cast<std::size_t>(k)] + e[static_cast<std::size_t>(k - 1)] * nb);
  h[0] = 1.0;
  for (int k = 1; k <= max_k; ++k) {  // C(options + k - 1, k)
    h[static_cast<std::size_t>(k)] =
        std::min(k_saturate, h[static_cast<std::size_t>(k - 1)] * (options + k - 1) / k);
  }
  double total = 0;
  for (int k = std::max(1, spec.min_length); k <= max_k; ++k) {
    double n = 0;
    if (spec.order_matters && spec.repeats) {
      n = std::pow(options, k);
    } else if (spec.order_matters) {
      double factorial = 1;
      for (int i = 2; i <= k; ++i) factorial *= i;
      n = e[static_cast<std::size_t>(k)] * factorial;
    } else if (spec.repeats) {
      n = h[static_cast<std::size_t>(k)];
    } else {
      n = e[static_cast<std::size_t>(k)];
    }
    total = std::min(k_saturate, total + n * static_cast<double>(spec.first_start_months.size()));
  }
  return std::round(total);
}

std::vector<ExploreCandidate> enumerate_candidates(const ExploreSpec& spec, std::int64_t& enumerated) {
  const double total = count_pathways(spec);
  if (total > k_max_explore_enumeration) {
    std::string message = "explorer: the enumeration is too large (";
    message.append(std::to_string(total)).append(" sequences)");
    throw InternalError(message);
  }
  const std::vector<Option> options = options_of(spec);
  std::vector<ExploreCandidate> out;
  enumerated = 0;
  const bool fractional = static_cast<double>(spec.max_pathways) < total;
  std::vector<std::int64_t> selected;  // enumeration indices kept, ascending
  if (fractional) {
    std::priority_queue<std::pair<std::uint64_t, std::int64_t>> heap;  // largest key on top
    const std::size_t keep = static_cast<std::size_t>(spec.max_pathways);
    std::int64_t index = 0;
    walk(spec, [&](int, const std::vector<int>&) {
      const std::uint64_t key = splitmix64(spec.base.seed ^ splitmix64(static_cast<std::uint64_t>(index)));
      if (heap.size() < keep) {
        heap.emplace(key, index);
      } else if (keep > 0 && std::make_pair(key, index) < heap.top()) {
        heap.pop();
        heap.emplace(key, index);
      }
      ++index;
    });
    while (!heap.empty()) {
      selected.push_back(heap.top().second);
      heap.pop();
    }
    std::sort(selected.begin(), selected.end());
  }
  std::int64_t index = 0;
  std::size_t next = 0;
  walk(spec, [&](int start, const std::vector<int>& chosen) {
    if (!fractional || (next < selected.size() && selected[next] == index)) {
      out.push_back(make_candidate(spec, index + 1, start, chosen, options));
      ++next;
    }
    ++index;
  });
  enumerated = index;
  return out;
}

std::vector<std::string> explorable_metrics(const Scenario& base) {
  std::vector<std::string> out;
  for (MetricColumn& c : metric_columns(base.output.employment_rate_months)) out.push_back(std::move(c.name));
  return out;
}

int explore_batch_size(const ExploreSpec& spec) {
  double cells = 1;
  for (const Dimension d : spec.subgroups) cells *= k_dimension_levels[static_cast<std::size_t>(d)];
  const double metrics = tally_column_count(spec.base.output.employment_rate_months);
  double variants = 1;
  double pairs = 1;
  if (spec.decomposition) {
    variants = 3;
    pairs = 7;
    for (const Arm& a : spec.base.arms)
      if (a.name == spec.comparator_arm && !a.rules.standard()) variants = 4;
  }
  const double chunk = static_cast<double>(chunk_size_for(spec.base.persons));
  const double chunks = std::ceil(static_cast<double>(spec.base.persons) / chunk);
  const double per_arm = chunks * cells * metrics * (variants * 5 + pairs * 4) * sizeof(double);
  const double k = std::floor(k_batch_memory_bytes / per_arm);
  return static_cast<int>(std::clamp(k, 1.0, static_cast<double>(k_max_batch)));
}

ExploreResult explore(const ExploreSpec& spec, const Catalogue& catalogue, const ExploreOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (options.draws > 0 && !options.sample) fail_internal("explorer: draws > 0 needs a parameter sampler");
  ExploreResult out;
  out.candidates = enumerate_candidates(spec, out.enumerated);
  out.fractional = static_cast<std::int64_t>(out.candidates.size()) < out.enumerated;
  out.comparator = spec.comparator_arm;
  out.metric = spec.metric;
  out.batch_size = options.batch_size > 0 ? options.batch_size : explore_batch_size(spec);
  out.draws = options.draws;

  // The three rules; the base scenario's own rule is evaluated with the decomposition.
  struct RuleRun {
    CombinationRule rule;
    double alpha;
  };
  const std::array<RuleRun, 3> rules = {RuleRun{CombinationRule::multiplicative, 1.0},
                                        RuleRun{CombinationRule::strongest, 1.0},
                                        RuleRun{CombinationRule::diminishing, spec.diminishing_alpha}};
  const auto is_base = [&](const RuleRun& r) {
    return r.rule == spec.base.combination_rule &&
           (r.rule != CombinationRule::diminishing || r.alpha == spec.base.combination_alpha);
  };
  int extra_rules = 0;
  if (spec.robustness)
    for (const RuleRun& r : rules) extra_rules += is_base(r) ? 0 : 1;
  const std::size_t n = out.candidates.size();
  const ExploreBatchPlan plan =
      plan_explore_batches(spec, out.candidates, out.batch_size, options.reuse_prefixes);
  out.prefix_reuse = options.reuse_prefixes;
  const double total_batches = static_cast<double>(plan.batches.size()) * (1 + extra_rules + options.draws);
  int done = 0;
  Evaluator evaluator(spec, out.candidates, options, plan.batches, [&] {
    ++done;
    if (options.progress) options.progress(std::min(1.0, done / total_batches));
  });

  const Parameters base_parameters = resolve_parameters(catalogue, spec.base);
  const Evaluation base = evaluator.run(base_parameters, spec.base.combination_rule,
                                        spec.base.combination_alpha, 0, spec.decomposition);
  out.unit = base.unit;
  out.subgroups = base.subgroups;
  const std::size_t groups = base.subgroups.size();

  // rank_by_rule[r][g][c]
  std::array<std::vector<std::vector<int>>, 3> rule_ranks;
  std::vector<std::vector<int>> base_ranks(groups);
  for (std::size_t g = 0; g < groups; ++g) base_ranks[g] = ranks(spec, base, g);
  if (spec.robustness) {
    for (std::size_t r = 0; r < rules.size(); ++r) {
      rule_ranks[r].resize(groups);
      if (is_base(rules[r])) {
        rule_ranks[r] = base_ranks;
        continue;
      }
      const Evaluation e = evaluator.run(base_parameters, rules[r].rule, rules[r].alpha, 0, false);
      for (std::size_t g = 0; g < groups; ++g) rule_ranks[r][g] = ranks(spec, e, g);
    }
  }
  // Probability of being best over parameter draws (base rule, no decomposition).
  std::vector<std::vector<int>> best_count(groups, std::vector<int>(n, 0));
  for (int d = 1; d <= options.draws; ++d) {
    const Parameters p = options.sample(base_parameters, static_cast<std::uint32_t>(d));
    const Evaluation e = evaluator.run(p, spec.base.combination_rule, spec.base.combination_alpha,
                                       static_cast<std::uint32_t>(d), false);
    for (std::size_t g = 0; g < groups; ++g) {
      const std::vector<int> rk = ranks(spec, e, g);
      for (std::size_t c = 0; c < n; ++c)
        if (rk[c] == 1) ++best_count[g][c];
    }
  }

  for (std::size_t g = 0; g < groups; ++g) {
    const auto row_of = [&](std::size_t arm) {
      ExploreRow row;
      row.candidate = static_cast<int>(arm) - 1;
      row.subgroup = static_cast<int>(g);
      row.persons = base.persons[g];
      row.value = base.value[arm][g];
      row.diff = base.diff[arm][g];
      row.metrics = base.all_values[arm][g];
      row.metric_diffs = base.all_diffs[arm][g];
      if (base.has_decomposition && g < base.decomposition[arm].size()) {
        row.has_decomposition = true;
        row.decomposition = base.decomposition[arm][g];
      }
      if (arm > 0) {
        const std::size_t c = arm - 1;
        row.rank = base_ranks[g][c];
        if (spec.robustness)
          for (std::size_t r = 0; r < rules.size(); ++r) row.rank_by_rule[r] = rule_ranks[r][g][c];
        if (options.draws > 0) row.prob_best = static_cast<double>(best_count[g][c]) / options.draws;
      }
      return row;
    };
    out.rows.push_back(row_of(0));
    std::vector<std::size_t> order(n);
    for (std::size_t c = 0; c < n; ++c) order[c] = c;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const int x = base_ranks[g][a] == 0 ? std::numeric_limits<int>::max() : base_ranks[g][a];
      const int y = base_ranks[g][b] == 0 ? std::numeric_limits<int>::max() : base_ranks[g][b];
      return x != y ? x < y : a < b;
    });
    for (const std::size_t c : order) out.rows.push_back(row_of(c + 1));
  }
  out.metrics = base.metrics;
  out.batches = evaluator.batches();
  out.pathway_simulations = evaluator.pathway_simulations();
  out.helper_simulations = evaluator.helper_simulations();
  out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace integrasim

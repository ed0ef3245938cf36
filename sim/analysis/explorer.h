// The pathway explorer (docs/explorer.md): enumerate sequences of building blocks,
// simulate each as an arm beside one comparator with common random numbers, and rank
// them per subgroup by a summary metric, under the three combination rules of docs/model.md §4
// and, when asked, across parameter draws (probability of being best).
//
// Candidates are evaluated in batches: each batch is ONE compiled scenario with the
// comparator arm and up to K candidate arms, so every candidate shares the persons, the
// latent draws and the engine's threading. A person's draws are computed once per batch
// and reused by all its arms, and a candidate that extends a shorter sequence of its
// batch continues from that sequence's saved runs (analysis/explore_batches.h).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/catalogue.h"
#include "core/compiled_model.h"
#include "core/memory_estimate.h"
#include "core/results.h"
#include "core/scenario.h"

namespace integrasim {

// One building block: an intervention that may be placed on the main track.
struct ExploreBlock {
  std::string label;           // shown in sequences (default: the intervention id)
  std::string intervention;    // catalogue intervention id
  std::vector<int> durations;  // allowed planned durations, months (each >= 1)
  int gap_months = 0;          // months after the previous block ends (not for the first)
  double coverage = 1.0;       // share offered the step
  Selector eligible;           // who may take part
  double min_danish_level = 0.0;
  SourcePosition where;
};

enum class RankDirection : std::uint8_t { higher = 0, lower = 1 };

struct ExploreSpec {
  std::string name;
  std::string description;
  SourcePosition where;
  Scenario base;                          // population, horizon, persons, seed, arms
  std::string comparator_arm;             // arm of `base` every candidate is compared with
  std::string fixed_from;                 // pathway whose fixed tracks are copied; "" = none
  std::vector<std::string> fixed_tracks;  // tracks of `fixed_from` copied into every candidate
  std::vector<ExploreBlock> blocks;
  int min_length = 1;
  int max_length = 2;
  bool order_matters = true;
  bool repeats = false;
  std::vector<int> first_start_months = {0};  // allowed start months of the first block
  std::string metric = "months_employed";     // a summary.csv metric
  RankDirection direction = RankDirection::higher;
  std::vector<Dimension> subgroups;  // ranked within each level (and "all")
  std::int64_t max_pathways = 5000;  // larger enumerations use the fractional design
  bool decomposition = false;        // anticipation / lock-in / post columns
  bool robustness = true;            // ranks under all three combination rules
  double diminishing_alpha = 0.5;    // alpha of the diminishing rule for robustness
};

// A candidate pathway: `blocks` (index into spec.blocks, duration) after `start_month`.
struct ExploreCandidate {
  std::string id;        // "p00001", in enumeration order
  std::string sequence;  // readable text
  int start_month = 0;
  std::vector<std::pair<int, int>> blocks;
  Pathway pathway;  // fixed tracks + the blocks on "main"
};

// The size of the full enumeration (saturates at 1e18).
double count_pathways(const ExploreSpec& spec);

// The candidates: all of them, or when there are more than spec.max_pathways a keyed
// random subset of exactly max_pathways (the fractional design: each sequence gets the
// key splitmix64(seed, enumeration index), the smallest keys are kept, in enumeration
// order). `enumerated` receives the size of the full enumeration.
std::vector<ExploreCandidate> enumerate_candidates(const ExploreSpec& spec, std::int64_t& enumerated);

// Metric names a spec may rank by, for a scenario's employment-rate months.
std::vector<std::string> explorable_metrics(const Scenario& base);

inline constexpr int k_explore_components = 5;  // anticipation, lock_in, post_programme, net, total
inline constexpr const char* k_explore_component_names[k_explore_components] = {
    "anticipation", "lock_in", "post_programme", "net", "total"};

struct ExploreRow {
  int candidate = -1;  // index into candidates; -1 = the comparator
  int subgroup = 0;    // index into ExploreResult::subgroups
  std::int64_t persons = 0;
  Estimate value;  // the metric under the base scenario's rule
  Estimate diff;   // minus the comparator (paired SE); NaN for the comparator
  bool has_decomposition = false;
  std::array<Estimate, k_explore_components> decomposition{};
  int rank = 0;                        // 1 = best; 0 for the comparator
  std::array<int, 3> rank_by_rule{};   // multiplicative, strongest, diminishing; 0 = not run
  double prob_best = -1.0;             // share of draws in which best; < 0 = no draws
  std::vector<Estimate> metrics;       // every summary metric (ExploreResult::metrics)
  std::vector<Estimate> metric_diffs;  // each minus the comparator (paired SE); empty for it
};

struct ExploreOptions {
  int threads = 1;
  MemoryLimit memory_limit;  // each batch is refused beyond it (core/memory_estimate.h)
  int draws = 0;             // parameter draws for the probability of being best (0 = none)
  // Samples the parameters of draw d (>= 1); required when draws > 0.
  std::function<Parameters(const Parameters& base, std::uint32_t draw)> sample;
  // Candidate arms per compiled scenario; 0 = explore_batch_size(spec). Changes only
  // speed and memory, never the results.
  int batch_size = 0;
  // Shared sequence prefixes are simulated once per batch and continued (docs/explorer.md).
  // Changes only the speed, never the results.
  bool reuse_prefixes = true;
  // Called with the share of simulation work done (0-1).
  std::function<void(double)> progress;
};

struct ExploreResult {
  std::vector<ExploreCandidate> candidates;
  std::int64_t enumerated = 0;  // size of the full enumeration
  bool fractional = false;      // candidates are a keyed subset
  std::string comparator;       // comparator arm name
  std::string metric;
  std::string unit;
  std::vector<SubgroupInfo> subgroups;   // "all" first
  std::vector<MetricInfo> metrics;       // every metric of summary.csv, in its order
  std::vector<ExploreRow> rows;          // subgroup-major; comparator first, then by rank
  int batch_size = 0;                    // candidate arms per compiled scenario
  int batches = 0;                       // compiled scenarios simulated
  std::int64_t pathway_simulations = 0;  // candidate arms simulated (all rules and draws)
  std::int64_t helper_simulations = 0;   // helper arms: shared prefixes simulated to be continued
  bool prefix_reuse = true;              // candidates continued from shared prefixes
  double wall_seconds = 0.0;
  int draws = 0;
};

// Candidate arms per batch for this spec: bounded so that the engine's per-chunk sums
// stay within a fixed memory budget; depends on the spec only, never on threads.
int explore_batch_size(const ExploreSpec& spec);

// Runs the exploration. Pure apart from the progress callback: the result depends on
// the spec, catalogue and draws, never on the thread count.
ExploreResult explore(const ExploreSpec& spec, const Catalogue& catalogue, const ExploreOptions& options);

}  // namespace integrasim

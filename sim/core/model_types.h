// The vocabulary of the model: states, destinations, person attributes and the
// "effect cell" a person's intervention effects are resolved for (docs/model.md §2, §3, §7).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace integrasim {

// Labour-market states (docs/model.md §2). `exit` is absorbing. `off_benefit` is leaving
// benefit without a job or education (e.g. after a sanction, docs/model.md §5); many return.
enum class State : std::uint8_t { benefit = 0, employed = 1, education = 2, exit = 3, off_benefit = 4 };
inline constexpr int k_state_count = 5;

// The monthly table's series (TallyLayout::series): the states, then per intervention i
// "in it that month", then per intervention "has begun it by that month".
constexpr int programme_series(int i) {
  return k_state_count + i;
}
constexpr int began_series(int interventions, int i) {
  return k_state_count + interventions + i;
}

// Destinations out of `benefit`; each has its own latent threshold (docs/model.md §9).
enum class Destination : std::uint8_t { employed = 0, education = 1, exit = 2, off_benefit = 3 };
inline constexpr int k_destination_count = 4;

// Transitions back to benefit (job loss, education drop-out, return from off benefit)
// are hazards of their own.
enum class ReturnHazard : std::uint8_t { job_loss = 0, education_dropout = 1, off_benefit_return = 2 };
inline constexpr int k_return_hazard_count = 3;

// --- person attributes (docs/model.md §7). Level names are unique across all dimensions so that
// a subgroup selector such as "male & job_ready" is unambiguous. ---
enum class Sex : std::uint8_t { male = 0, female = 1 };
enum class Group : std::uint8_t { refugee = 0, family_reunified = 1, other_immigrant = 2 };
enum class MatchGroup : std::uint8_t { job_ready = 0, activity_ready = 1 };
enum class AgeBand : std::uint8_t { age_18_29 = 0, age_30_39 = 1, age_40_49 = 2, age_50_64 = 3 };
enum class EducationLevel : std::uint8_t { basic = 0, upper_secondary = 1, tertiary = 2 };
enum class Health : std::uint8_t { healthy = 0, health_problems = 1 };
enum class Children : std::uint8_t { no_small_children = 0, small_children = 1 };

// The attribute dimensions, in the order used by selectors, reports and the catalogue.
enum class Dimension : std::uint8_t {
  sex = 0,
  group = 1,
  match_group = 2,
  age_band = 3,
  education = 4,
  health = 5,
  children = 6
};
inline constexpr int k_dimension_count = 7;
// Number of levels of each dimension, indexed by Dimension.
inline constexpr std::array<int, k_dimension_count> k_dimension_levels = {2, 3, 2, 4, 3, 2, 2};
// Largest number of levels of any dimension.
inline constexpr int k_max_levels = 4;

// The attributes of one person. Danish level is continuous: 0 = none, 1, 2, 3 = the
// completed Danish education (danskuddannelse) 1, 2 and 3; fractions are progress.
struct PersonAttributes {
  Sex sex = Sex::male;
  Group group = Group::refugee;
  MatchGroup match_group = MatchGroup::job_ready;
  AgeBand age_band = AgeBand::age_18_29;
  EducationLevel education = EducationLevel::basic;
  Health health = Health::healthy;
  Children children = Children::no_small_children;
  double danish_level_at_entry = 0.0;  // level (0-3) at entry
};

// Level index of `attrs` in dimension `dim`.
int level_of(const PersonAttributes& attrs, Dimension dim);

// Intervention effects are resolved per effect cell: sex x group x match group x health.
// These are the dimensions along which the evidence distinguishes effects.
inline constexpr int k_effect_cell_count = 2 * 3 * 2 * 2;
int effect_cell_of(const PersonAttributes& attrs);
// The attributes that define effect cell `cell` (other dimensions at their first level).
PersonAttributes attributes_of_effect_cell(int cell);

// Names used in files and reports.
std::string_view name_of(State s);
std::string_view name_of(Destination d);
std::string_view name_of(ReturnHazard r);
std::string_view name_of(Dimension d);
std::string_view level_name(Dimension d, int level);
std::optional<Dimension> dimension_from_name(std::string_view name);
std::optional<Destination> destination_from_name(std::string_view name);
std::optional<ReturnHazard> return_hazard_from_name(std::string_view name);

// A subgroup selector: a conjunction of attribute levels ("all" is the empty conjunction).
// Written "all" or "male & job_ready" (level names, joined by '&').
struct Selector {
  // required_level[d] = level index the dimension must have, or -1 for "any".
  std::array<std::int8_t, k_dimension_count> required_level{-1, -1, -1, -1, -1, -1, -1};

  bool matches(const PersonAttributes& attrs) const;
  int specificity() const;  // number of constrained dimensions
  bool is_all() const { return specificity() == 0; }
  std::string to_string() const;
  bool operator==(const Selector&) const = default;
};

// Parses a selector; on failure returns nullopt and sets `error` to a human-readable
// reason (e.g. "unknown level 'mael' (did you mean 'male'?)").
std::optional<Selector> parse_selector(std::string_view text, std::string& error);

// Finds the dimension and level index of a level name such as "job_ready".
std::optional<std::pair<Dimension, int>> find_level(std::string_view level_name);

}  // namespace integrasim

#include "core/model_types.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/diagnostics.h"

namespace integrasim {
namespace {

// Level names per dimension; unique across dimensions (selectors rely on it).
constexpr std::array<std::array<std::string_view, k_max_levels>, k_dimension_count> k_level_names = {{
    {"male", "female", "", ""},
    {"refugee", "family_reunified", "other_immigrant", ""},
    {"job_ready", "activity_ready", "", ""},
    {"age_18_29", "age_30_39", "age_40_49", "age_50_64"},
    {"basic", "upper_secondary", "tertiary", ""},
    {"healthy", "health_problems", "", ""},
    {"no_small_children", "small_children", "", ""},
}};

constexpr std::array<std::string_view, k_dimension_count> k_dimension_names = {
    "sex", "group", "match_group", "age_band", "education", "health", "children"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

int level_of(const PersonAttributes& attrs, Dimension dim) {
  switch (dim) {
    case Dimension::sex:
      return static_cast<int>(attrs.sex);
    case Dimension::group:
      return static_cast<int>(attrs.group);
    case Dimension::match_group:
      return static_cast<int>(attrs.match_group);
    case Dimension::age_band:
      return static_cast<int>(attrs.age_band);
    case Dimension::education:
      return static_cast<int>(attrs.education);
    case Dimension::health:
      return static_cast<int>(attrs.health);
    case Dimension::children:
      return static_cast<int>(attrs.children);
  }
  return 0;
}

int effect_cell_of(const PersonAttributes& attrs) {
  return ((static_cast<int>(attrs.sex) * 3 + static_cast<int>(attrs.group)) * 2 +
          static_cast<int>(attrs.match_group)) *
             2 +
         static_cast<int>(attrs.health);
}

PersonAttributes attributes_of_effect_cell(int cell) {
  PersonAttributes a;
  a.health = static_cast<Health>(cell % 2);
  cell /= 2;
  a.match_group = static_cast<MatchGroup>(cell % 2);
  cell /= 2;
  a.group = static_cast<Group>(cell % 3);
  cell /= 3;
  a.sex = static_cast<Sex>(cell);
  return a;
}

std::string_view name_of(State s) {
  switch (s) {
    case State::benefit:
      return "benefit";
    case State::employed:
      return "employed";
    case State::education:
      return "education";
    case State::exit:
      return "exit";
    case State::off_benefit:
      return "off_benefit";
  }
  return "?";
}

std::string_view name_of(Destination d) {
  switch (d) {
    case Destination::employed:
      return "employed";
    case Destination::education:
      return "education";
    case Destination::exit:
      return "exit";
    case Destination::off_benefit:
      return "off_benefit";
  }
  return "?";
}

std::string_view name_of(ReturnHazard r) {
  switch (r) {
    case ReturnHazard::job_loss:
      return "job_loss";
    case ReturnHazard::education_dropout:
      return "education_dropout";
    case ReturnHazard::off_benefit_return:
      return "off_benefit_return";
  }
  return "?";
}

std::string_view name_of(Dimension d) {
  return k_dimension_names[static_cast<std::size_t>(d)];
}

std::string_view level_name(Dimension d, int level) {
  return k_level_names[static_cast<std::size_t>(d)][static_cast<std::size_t>(level)];
}

std::optional<Dimension> dimension_from_name(std::string_view name) {
  for (int d = 0; d < k_dimension_count; ++d)
    if (k_dimension_names[static_cast<std::size_t>(d)] == name) return static_cast<Dimension>(d);
  return std::nullopt;
}

std::optional<Destination> destination_from_name(std::string_view name) {
  for (int d = 0; d < k_destination_count; ++d)
    if (name_of(static_cast<Destination>(d)) == name) return static_cast<Destination>(d);
  return std::nullopt;
}

std::optional<ReturnHazard> return_hazard_from_name(std::string_view name) {
  for (int r = 0; r < k_return_hazard_count; ++r)
    if (name_of(static_cast<ReturnHazard>(r)) == name) return static_cast<ReturnHazard>(r);
  return std::nullopt;
}

std::optional<std::pair<Dimension, int>> find_level(std::string_view name) {
  for (int d = 0; d < k_dimension_count; ++d)
    for (int l = 0; l < k_dimension_levels[static_cast<std::size_t>(d)]; ++l)
      if (k_level_names[static_cast<std::size_t>(d)][static_cast<std::size_t>(l)] == name)
        return std::pair{static_cast<Dimension>(d), l};
  return std::nullopt;
}

bool Selector::matches(const PersonAttributes& attrs) const {
  for (int d = 0; d < k_dimension_count; ++d) {
    const int want = required_level[static_cast<std::size_t>(d)];
    if (want >= 0 && level_of(attrs, static_cast<Dimension>(d)) != want) return false;
  }
  return true;
}

int Selector::specificity() const {
  return static_cast<int>(
      std::count_if(required_level.begin(), required_level.end(), [](std::int8_t l) { return l >= 0; }));
}

std::string Selector::to_string() const {
  std::string out;
  for (int d = 0; d < k_dimension_count; ++d) {
    const int want = required_level[static_cast<std::size_t>(d)];
    if (want < 0) continue;
    if (!out.empty()) out += " & ";
    out += level_name(static_cast<Dimension>(d), want);
  }
  return out.empty() ? "all" : out;
}

std::optional<Selector> parse_selector(std::string_view text, std::string& error) {
  Selector sel;
  text = trim(text);
  if (text == "all") return sel;
  if (text.empty()) {
    error = "empty selector (write \"all\" or levels joined by '&', e.g. \"male & job_ready\")";
    return std::nullopt;
  }
  while (true) {
    const std::size_t amp = text.find('&');
    const std::string_view part = trim(text.substr(0, amp));
    const auto found = find_level(part);
    if (!found) {
      std::vector<std::string> names;
      for (int d = 0; d < k_dimension_count; ++d)
        for (int l = 0; l < k_dimension_levels[static_cast<std::size_t>(d)]; ++l)
          names.emplace_back(level_name(static_cast<Dimension>(d), l));
      error = "unknown level '" + std::string(part) + "'" + did_you_mean(part, names);
      return std::nullopt;
    }
    auto& slot = sel.required_level[static_cast<std::size_t>(found->first)];
    if (slot >= 0) {
      error = "two levels of " + std::string(name_of(found->first)) + " in one selector";
      return std::nullopt;
    }
    slot = static_cast<std::int8_t>(found->second);
    if (amp == std::string_view::npos) break;
    text = text.substr(amp + 1);
  }
  return sel;
}

}  // namespace integrasim

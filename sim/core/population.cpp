#include "core/population.h"

#include <boost/random/gamma_distribution.hpp>

namespace integrasim {

int pick_level(const std::vector<double>& shares, double u) {
  double cumulative = 0.0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    cumulative += shares[i];
    if (u < cumulative) return static_cast<int>(i);
  }
  // Rounding can leave the cumulative sum a hair below 1: take the last level with a
  // positive share.
  for (std::size_t i = shares.size(); i-- > 0;)
    if (shares[i] > 0.0) return static_cast<int>(i);
  return 0;
}

PersonStatic draw_person(const CompiledModel& model, const StreamKey& key, std::uint64_t person) {
  PersonStatic p;
  p.window = model.calendar.window_of(static_cast<std::int64_t>(person));
  // Two Philox blocks give eight 32-bit uniforms: the seven attributes and the Danish
  // level at entry (32 bits resolve shares far below any that matter).
  const auto first = random_block(key, person, Purpose::attribute, 0);
  const auto second = random_block(key, person, Purpose::attribute, 1);
  const std::array<std::uint32_t, 8> words = {first[0],  first[1],  first[2],  first[3],
                                              second[0], second[1], second[2], second[3]};
  std::array<int, k_dimension_count> level{};
  for (std::size_t d = 0; d < k_dimension_count; ++d)
    level[d] = pick_level(model.population.shares[d].share, r123::u01fixedpt<double>(words[d]));
  p.attrs.sex = static_cast<Sex>(level[0]);
  p.attrs.group = static_cast<Group>(level[1]);
  p.attrs.match_group = static_cast<MatchGroup>(level[2]);
  p.attrs.age_band = static_cast<AgeBand>(level[3]);
  p.attrs.education = static_cast<EducationLevel>(level[4]);
  p.attrs.health = static_cast<Health>(level[5]);
  p.attrs.children = static_cast<Children>(level[6]);
  if (model.population.danish_level_values.size() > 1) {
    const double u = r123::u01fixedpt<double>(words[7]);
    p.attrs.danish_level_at_entry = model.population.danish_level_values[static_cast<std::size_t>(
        pick_level(model.population.danish_level_shares, u))];
  } else if (!model.population.danish_level_values.empty()) {
    p.attrs.danish_level_at_entry = model.population.danish_level_values.front();
  }
  if (p.window.caseload_row >= 0) {
    // A caseload person is who the file says; the draws above are made all the same so
    // that every person uses the same random numbers for the same purpose.
    p.attrs = model.calendar.caseload[static_cast<std::size_t>(p.window.caseload_row)].attrs;
    for (int d = 0; d < k_dimension_count; ++d)
      level[static_cast<std::size_t>(d)] = level_of(p.attrs, static_cast<Dimension>(d));
  }
  p.cell = effect_cell_of(p.attrs);

  const double variance = model.frailty.variance;
  if (variance > 0.0) {
    // Gamma with mean 1 and variance sigma^2: shape 1/sigma^2, scale sigma^2.
    KeyedEngine engine(key, person, Purpose::frailty);
    boost::random::gamma_distribution<double> gamma(1.0 / variance, variance);
    p.frailty = gamma(engine);
  }
  for (int j = 0; j < k_destination_count; ++j) {
    double f = 1.0;
    // Covariates other than the Danish level (which changes over time, see engine).
    for (int d = 0; d < k_dimension_count; ++d)
      f *= model.covariate_hr[static_cast<std::size_t>(j)][static_cast<std::size_t>(d)]
                             [static_cast<std::size_t>(level[static_cast<std::size_t>(d)])];
    if (model.frailty.applies_to[static_cast<std::size_t>(j)]) f *= p.frailty;
    p.factor[static_cast<std::size_t>(j)] = f;
  }
  return p;
}

}  // namespace integrasim

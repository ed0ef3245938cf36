// Compiling scenario + catalogue into flat tables (docs/model.md §3, §4, §8): selector
// resolution, overrides, baselines, report groups and the variants/pairs of the
// decomposition. Unit tier: exact, no simulation.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/compiled_model.h"
#include "core/mechanisms/rule_lookup.h"
#include "core_test_helpers.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

CompiledModel compile(const Scenario& s, const Catalogue& c) {
  return compile_model(s, resolve_parameters(c, s));
}

// The message of the InputError that compiling throws ("" if none).
std::string compile_error(const Scenario& s, const Catalogue& c) {
  try {
    compile(s, c);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

EffectRow effect_row(const std::string& id, const std::string& intervention, Phase phase,
                     const std::string& who, double hr, int line) {
  EffectRow e;
  e.intervention = intervention;
  e.phase = phase;
  e.destination = Destination::employed;
  e.who = sel(who);
  e.hazard_ratio = test_value(id, hr);
  e.hazard_ratio.line = line;
  return e;
}

// A scenario whose policy arm uses "course", so the course's effect rows are compiled.
Scenario with_course() {
  Scenario s = bare_scenario(24, 10);
  give_pathway(s, "policy", "p", {step("course", 0, 6)});
  return s;
}

// Catalogue whose "course" post effect comes only from the given rows.
Catalogue course_post_rows(const std::vector<EffectRow>& rows) {
  Catalogue c = tiny_catalogue();
  std::erase_if(c.effects,
                [](const EffectRow& e) { return e.intervention == "course" && e.phase == Phase::post; });
  for (const auto& r : rows) c.effects.push_back(r);
  return c;
}

double post_log_hr(const CompiledModel& m, const std::string& intervention, int cell) {
  for (const auto& iv : m.interventions)
    if (iv.id == intervention)
      return iv.log_hr[static_cast<std::size_t>(Phase::post)][static_cast<std::size_t>(Destination::employed)]
                      [static_cast<std::size_t>(cell)];
  throw std::runtime_error("no intervention " + intervention);
}

TEST(CompiledModel, MostSpecificSelectorWins) {
  const Catalogue c = course_post_rows({effect_row("post.all", "course", Phase::post, "all", 1.5, 10),
                                        effect_row("post.female", "course", Phase::post, "female", 2.0, 11)});
  const CompiledModel m = compile(with_course(), c);
  for (int cell = 0; cell < k_effect_cell_count; ++cell) {
    const bool female = attributes_of_effect_cell(cell).sex == Sex::female;
    EXPECT_DOUBLE_EQ(post_log_hr(m, "course", cell), std::log(female ? 2.0 : 1.5)) << cell;
  }
}

TEST(CompiledModel, MostSpecificSelectorWinsWhateverTheRowOrder) {
  // The more specific row first: same result.
  const Catalogue c =
      course_post_rows({effect_row("post.female", "course", Phase::post, "female", 2.0, 11),
                        effect_row("post.all", "course", Phase::post, "all", 1.5, 10),
                        effect_row("post.fjr", "course", Phase::post, "female & job_ready", 3.0, 12)});
  const CompiledModel m = compile(with_course(), c);
  for (int cell = 0; cell < k_effect_cell_count; ++cell) {
    const PersonAttributes a = attributes_of_effect_cell(cell);
    const double expected = a.sex == Sex::female ? (a.match_group == MatchGroup::job_ready ? 3.0 : 2.0) : 1.5;
    EXPECT_DOUBLE_EQ(post_log_hr(m, "course", cell), std::log(expected)) << cell;
  }
}

TEST(CompiledModel, NoMatchingRowMeansNoEffect) {
  const Catalogue c =
      course_post_rows({effect_row("post.refugee", "course", Phase::post, "refugee", 2.0, 10)});
  const CompiledModel m = compile(with_course(), c);
  for (int cell = 0; cell < k_effect_cell_count; ++cell) {
    const bool refugee = attributes_of_effect_cell(cell).group == Group::refugee;
    EXPECT_EQ(post_log_hr(m, "course", cell), refugee ? std::log(2.0) : 0.0) << cell;
  }
}

TEST(CompiledModel, EquallySpecificOverlappingRowsAreAnError) {
  const Catalogue c =
      course_post_rows({effect_row("post.female", "course", Phase::post, "female", 2.0, 11),
                        effect_row("post.refugee", "course", Phase::post, "refugee", 1.2, 12)});
  const std::string error = compile_error(with_course(), c);
  EXPECT_NE(error.find("'post.female'"), std::string::npos) << error;
  EXPECT_NE(error.find("'post.refugee'"), std::string::npos) << error;
  EXPECT_NE(error.find("equal specificity"), std::string::npos) << error;
  EXPECT_NE(error.find("<test>:12"), std::string::npos) << error;
}

TEST(CompiledModel, AMoreSpecificRowResolvesAnOverlapWhateverItsPosition) {
  // "female" and "refugee" overlap on female refugees; a "female & refugee" row says what
  // applies there. Specificity, not row order, decides (docs/model.md §3: most specific wins).
  const Catalogue c =
      course_post_rows({effect_row("post.female", "course", Phase::post, "female", 2.0, 11),
                        effect_row("post.refugee", "course", Phase::post, "refugee", 1.2, 12),
                        effect_row("post.both", "course", Phase::post, "female & refugee", 3.0, 13)});
  // The same rows with the most specific one first compile today.
  const Catalogue reordered =
      course_post_rows({effect_row("post.both", "course", Phase::post, "female & refugee", 3.0, 13),
                        effect_row("post.female", "course", Phase::post, "female", 2.0, 11),
                        effect_row("post.refugee", "course", Phase::post, "refugee", 1.2, 12)});
  EXPECT_EQ(compile_error(with_course(), reordered), "");
  EXPECT_EQ(compile_error(with_course(), c), "");
  const CompiledModel m = compile(with_course(), c);
  for (int cell = 0; cell < k_effect_cell_count; ++cell) {
    const PersonAttributes a = attributes_of_effect_cell(cell);
    const bool female = a.sex == Sex::female;
    const bool refugee = a.group == Group::refugee;
    const double expected = female && refugee ? 3.0 : female ? 2.0 : refugee ? 1.2 : 1.0;
    EXPECT_DOUBLE_EQ(post_log_hr(m, "course", cell), std::log(expected)) << cell;
  }
}

TEST(CompiledModel, EffectSelectorsMayOnlyUseCellDimensions) {
  for (const char* who : {"age_30_39", "female & tertiary", "small_children"}) {
    const Catalogue c = course_post_rows({effect_row("post.bad", "course", Phase::post, who, 2.0, 5)});
    const std::string error = compile_error(with_course(), c);
    EXPECT_NE(error.find("row 'post.bad'"), std::string::npos) << who << ": " << error;
    EXPECT_NE(error.find("must only use sex, group, match_group and health"), std::string::npos) << error;
  }
  // Baselines too.
  Catalogue c = tiny_catalogue();
  c.baselines[0].who = sel("age_18_29");
  EXPECT_NE(compile_error(bare_scenario(12, 10), c).find("baseline.employed"), std::string::npos);
}

TEST(ResolveParameters, OverridesReplaceValuesAndRecordTheirSource) {
  Scenario s = bare_scenario(12, 10);
  ParameterOverride o;
  o.id = "effect.course.post";
  o.value = 1.8;
  o.where = {"scenario.toml", 14, 3};
  s.overrides.push_back(o);
  const Catalogue c = tiny_catalogue();
  const Parameters p = resolve_parameters(c, s);
  ASSERT_EQ(p.overridden.size(), 1U);
  EXPECT_EQ(p.overridden[0], "effect.course.post");
  bool found = false;
  for (const CatalogueValue* v : p.values.all_values()) {
    if (v->id != "effect.course.post") continue;
    found = true;
    EXPECT_EQ(v->value, 1.8);
    EXPECT_EQ(v->source.rfind("scenario override", 0), 0U) << v->source;
    EXPECT_NE(v->source.find("scenario.toml:14"), std::string::npos) << v->source;
  }
  EXPECT_TRUE(found);
  // The input catalogue is untouched, and other values keep their source.
  for (const CatalogueValue* v : c.all_values()) {
    EXPECT_EQ(v->source, "placeholder") << v->id;
    if (v->id == "effect.course.post") {
      EXPECT_EQ(v->value, 1.5);
    }
  }
}

TEST(ResolveParameters, OverriddenValueReachesTheCompiledModel) {
  Scenario s = with_course();
  ParameterOverride o;
  o.id = "effect.course.post";
  o.value = 2.5;
  s.overrides.push_back(o);
  const CompiledModel m = compile(s, tiny_catalogue());
  EXPECT_DOUBLE_EQ(post_log_hr(m, "course", 0), std::log(2.5));
}

TEST(ResolveParameters, UnknownOverrideIdIsAnError) {
  Scenario s = bare_scenario(12, 10);
  ParameterOverride o;
  o.id = "effect.curse.post";
  o.value = 1.0;
  o.where = {"scenario.toml", 20, 1};
  s.overrides.push_back(o);
  try {
    resolve_parameters(tiny_catalogue(), s);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("scenario.toml:20:1"), std::string::npos) << what;
    EXPECT_NE(what.find("'effect.curse.post'"), std::string::npos) << what;
    EXPECT_NE(what.find("does not name a catalogue value"), std::string::npos) << what;
  }
}

TEST(ResolveParameters, NonPositiveHazardRatioViaOverrideIsAnError) {
  for (const double bad : {0.0, -1.0, std::nan(""), HUGE_VAL}) {
    Scenario s = with_course();
    ParameterOverride o;
    o.id = "effect.course.lock_in";
    o.value = bad;
    s.overrides.push_back(o);
    const std::string error = compile_error(s, tiny_catalogue());
    EXPECT_NE(error.find("hazard ratio 'effect.course.lock_in'"), std::string::npos) << bad << ": " << error;
    EXPECT_NE(error.find("must be a finite number > 0"), std::string::npos) << error;
    // The value in its shortest form ("-1", not "-1.000000").
    EXPECT_NE(error.find("' is " + format_value(bad) + ", but must be"), std::string::npos) << error;
  }
  // Covariates are checked whether or not anything uses them.
  Catalogue c = tiny_catalogue();
  CovariateRow row;
  row.dimension = Dimension::sex;
  row.level = 1;
  row.hazard_ratio = test_value("cov.female", 1.0);
  c.covariates.push_back(row);
  Scenario s = bare_scenario(12, 10);
  ParameterOverride o;
  o.id = "cov.female";
  o.value = 0.0;
  s.overrides.push_back(o);
  EXPECT_NE(compile_error(s, c).find("'cov.female'"), std::string::npos);
  // A negative baseline hazard.
  Scenario s2 = bare_scenario(12, 10);
  o.id = "baseline.exit";
  o.value = -0.1;
  s2.overrides.push_back(o);
  EXPECT_NE(
      compile_error(s2, tiny_catalogue()).find("'baseline.exit' is -0.1, but must be a finite number >= 0"),
      std::string::npos)
      << compile_error(s2, tiny_catalogue());
}

TEST(CompiledModel, UnknownInterventionInAPathwayIsAnError) {
  Scenario s = bare_scenario(12, 10);
  give_pathway(s, "policy", "p", {step("curse", 0, 3)});
  EXPECT_NE(compile_error(s, tiny_catalogue()).find("intervention is 'curse'"), std::string::npos);
}

Catalogue piecewise_baseline() {
  Catalogue c = tiny_catalogue();
  c.baselines.erase(c.baselines.begin());  // the constant employed row
  const auto piece = [&](int from, int to, double h) {
    BaselineRow row;
    row.destination = Destination::employed;
    row.from_month = from;
    row.to_month = to;
    row.hazard = test_value("baseline.employed." + std::to_string(from), h);
    c.baselines.push_back(row);
  };
  piece(0, 12, 0.01);
  piece(12, 24, 0.02);
  piece(24, 1000000, 0.03);
  return c;
}

TEST(CompiledModel, PiecewiseBaselineTablesAndNextChange) {
  const int horizon = 36;
  const CompiledModel m = compile(bare_scenario(horizon, 10), piecewise_baseline());
  for (int cell = 0; cell < k_effect_cell_count; ++cell) {
    const auto c = static_cast<std::size_t>(cell);
    ASSERT_EQ(m.baseline[0][c].size(), static_cast<std::size_t>(horizon) + 1);
    ASSERT_EQ(m.baseline_next_change[c].size(), static_cast<std::size_t>(horizon) + 1);
    for (int d = 0; d <= horizon; ++d) {
      const auto ds = static_cast<std::size_t>(d);
      EXPECT_EQ(m.baseline[0][c][ds], d < 12 ? 0.01 : d < 24 ? 0.02 : 0.03) << d;
      EXPECT_EQ(m.baseline[1][c][ds], 0.005) << d;
      EXPECT_EQ(m.baseline[2][c][ds], 0.002) << d;
      EXPECT_EQ(m.baseline_next_change[c][ds], d < 12 ? 12 : d < 24 ? 24 : horizon) << d;
    }
  }
}

TEST(CompiledModel, BaselineNextChangeSeesEveryDestination) {
  Catalogue c = tiny_catalogue();
  // Exit changes at 5 only, employed at 12 only.
  c.baselines[2].to_month = 5;
  BaselineRow late = c.baselines[2];
  late.from_month = 5;
  late.to_month = 1000000;
  late.hazard = test_value("baseline.exit.late", 0.004);
  c.baselines.push_back(late);
  c.baselines[0].to_month = 12;
  BaselineRow employed_late = c.baselines[0];
  employed_late.from_month = 12;
  employed_late.to_month = 1000000;
  employed_late.hazard = test_value("baseline.employed.late", 0.01);
  c.baselines.push_back(employed_late);
  const CompiledModel m = compile(bare_scenario(20, 10), c);
  const auto& next = m.baseline_next_change[0];
  EXPECT_EQ(next[0], 5);
  EXPECT_EQ(next[4], 5);
  EXPECT_EQ(next[5], 12);
  EXPECT_EQ(next[11], 12);
  EXPECT_EQ(next[12], 20);
  EXPECT_EQ(next[20], 20);
}

TEST(CompiledModel, SubgroupBaselinesResolvePerCell) {
  Catalogue c = tiny_catalogue();
  BaselineRow women = c.baselines[0];
  women.who = sel("female & activity_ready");
  women.hazard = test_value("baseline.employed.female_ar", 0.007);
  c.baselines.push_back(women);
  const CompiledModel m = compile(bare_scenario(6, 10), c);
  for (int cell = 0; cell < k_effect_cell_count; ++cell) {
    const PersonAttributes a = attributes_of_effect_cell(cell);
    const double expected =
        a.sex == Sex::female && a.match_group == MatchGroup::activity_ready ? 0.007 : 0.02;
    EXPECT_EQ(m.baseline[0][static_cast<std::size_t>(cell)][3], expected) << cell;
  }
}

TEST(CompiledModel, ReturnHazardPiecesTileTenure) {
  Catalogue c = tiny_catalogue();
  c.return_hazards[0].to_month = 6;
  ReturnHazardRow later = c.return_hazards[0];
  later.from_month = 6;
  later.to_month = 1000000;
  later.hazard = test_value("return.job_loss.late", 0.004);
  c.return_hazards.push_back(later);
  const CompiledModel m = compile(bare_scenario(12, 10), c);
  // Rows end at 1e6 months ("and after" in tiny_catalogue); beyond that no row applies.
  const auto& pieces = m.return_hazard[0][0];
  ASSERT_EQ(pieces.size(), 3U);
  EXPECT_EQ(pieces[0].from_month, 0);
  EXPECT_EQ(pieces[0].to_month, 6);
  EXPECT_EQ(pieces[0].hazard, 0.01);
  EXPECT_EQ(pieces[1].from_month, 6);
  EXPECT_EQ(pieces[1].to_month, 1000000);
  EXPECT_EQ(pieces[1].hazard, 0.004);
  EXPECT_EQ(pieces[2].from_month, 1000000);
  EXPECT_EQ(pieces[2].hazard, 0.0);
  // Drop-out is constant up to 1e6: the pieces split at 6 by the job-loss rows are merged.
  const auto& dropout = m.return_hazard[1][0];
  ASSERT_EQ(dropout.size(), 2U);
  EXPECT_EQ(dropout[0].from_month, 0);
  EXPECT_EQ(dropout[0].to_month, 1000000);
  EXPECT_EQ(dropout[0].hazard, 0.01);
}

TEST(CompiledModel, ReportCellsAndGroups) {
  Scenario s = bare_scenario(12, 10);
  s.output.subgroup_dimensions = {Dimension::sex, Dimension::group};
  const CompiledModel m = compile(s, tiny_catalogue());
  EXPECT_EQ(m.report_cell_count, 6);
  ASSERT_EQ(m.groups.size(), 1U + 2U + 3U);
  EXPECT_EQ(m.groups[0].name, "all");
  EXPECT_EQ(m.groups[0].dimension_index, -1);
  EXPECT_EQ(m.groups[0].cells, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  const struct {
    const char* name;
    const char* dimension;
    std::vector<int> cells;
  } expected[] = {{"male", "sex", {0, 1, 2}},
                  {"female", "sex", {3, 4, 5}},
                  {"refugee", "group", {0, 3}},
                  {"family_reunified", "group", {1, 4}},
                  {"other_immigrant", "group", {2, 5}}};
  for (std::size_t i = 0; i < 5; ++i) {
    const ReportGroup& g = m.groups[i + 1];
    EXPECT_EQ(g.name, expected[i].name);
    EXPECT_EQ(g.dimension, expected[i].dimension);
    EXPECT_EQ(g.cells, expected[i].cells) << g.name;
  }
  // report_cell_of agrees with the groups' cells for every combination.
  for (int sex = 0; sex < 2; ++sex)
    for (int group = 0; group < 3; ++group) {
      PersonAttributes a;
      a.sex = static_cast<Sex>(sex);
      a.group = static_cast<Group>(group);
      a.age_band = AgeBand::age_40_49;  // not reported: does not matter
      const int cell = m.report_cell_of(a);
      EXPECT_EQ(cell, sex * 3 + group);
      for (const ReportGroup& g : m.groups) {
        const bool member = std::find(g.cells.begin(), g.cells.end(), cell) != g.cells.end();
        const bool should =
            g.dimension_index < 0 || level_of(a, static_cast<Dimension>(g.dimension_index)) == g.level;
        EXPECT_EQ(member, should) << g.name << " cell " << cell;
      }
    }
}

TEST(CompiledModel, NoReportedDimensionsMeansOneCell) {
  Scenario s = bare_scenario(12, 10);
  s.output.subgroup_dimensions.clear();
  const CompiledModel m = compile(s, tiny_catalogue());
  EXPECT_EQ(m.report_cell_count, 1);
  ASSERT_EQ(m.groups.size(), 1U);
  EXPECT_EQ(m.groups[0].cells, std::vector<int>{0});
  PersonAttributes a;
  a.sex = Sex::female;
  EXPECT_EQ(m.report_cell_of(a), 0);
}

TEST(CompiledModel, VariantsAndPairsWithoutDecomposition) {
  Scenario s = bare_scenario(12, 10);
  give_pathway(s, "policy", "p", {step("course", 0, 3)});
  const CompiledModel m = compile(s, tiny_catalogue());
  EXPECT_EQ(m.arm_names, (std::vector<std::string>{"comparator", "policy", "no_intervention"}));
  EXPECT_EQ(m.arm_roles, (std::vector<std::string>{"comparator", "policy", "no_intervention"}));
  EXPECT_EQ(m.comparator_arm, 0);
  ASSERT_EQ(m.variants.size(), 3U);
  EXPECT_EQ(m.variants[0].rules.kind, VariantKind::no_intervention);
  EXPECT_EQ(m.variants[0].arm, 2);
  EXPECT_EQ(m.variants[1].arm, 0);
  EXPECT_EQ(m.variants[2].arm, 1);
  for (std::size_t v = 1; v < 3; ++v) {
    EXPECT_EQ(m.variants[v].rules.kind, VariantKind::full);
    EXPECT_TRUE(m.variants[v].rules.anticipation_on && m.variants[v].rules.lock_in_on &&
                m.variants[v].rules.post_on);
  }
  ASSERT_EQ(m.variants[2].assignments.size(), 1U);
  EXPECT_EQ(m.variants[2].assignments[0].second, 0);   // pathway "p"
  EXPECT_EQ(m.variants[1].assignments[0].second, -1);  // comparator: no programme
  EXPECT_EQ(m.arm_full_variant, (std::vector<int>{1, 2, 0}));
  // Pairs: policy - comparator, no_intervention - comparator.
  ASSERT_EQ(m.pairs.size(), 2U);
  EXPECT_EQ(m.vs_comparator_pair, (std::vector<int>{-1, 0, 1}));
  EXPECT_EQ(m.pairs[0].first, 2);
  EXPECT_EQ(m.pairs[0].second, 1);
  EXPECT_EQ(m.pairs[1].first, 0);
  EXPECT_EQ(m.pairs[1].second, 1);
  for (const auto& d : m.decomposition_pairs) EXPECT_EQ(d, (std::array<int, 6>{-1, -1, -1, -1, -1, -1}));
}

TEST(CompiledModel, VariantsAndPairsWithDecomposition) {
  Scenario s = bare_scenario(12, 10);
  s.output.decomposition = true;
  give_pathway(s, "policy", "p", {step("course", 0, 3)});
  const CompiledModel m = compile(s, tiny_catalogue());
  // N, then A1, A2, A3 per scenario arm.
  ASSERT_EQ(m.variants.size(), 7U);
  const VariantKind kinds[] = {
      VariantKind::no_intervention, VariantKind::anticipation, VariantKind::lock_in, VariantKind::full,
      VariantKind::anticipation,    VariantKind::lock_in,      VariantKind::full};
  const int arms[] = {2, 0, 0, 0, 1, 1, 1};
  for (std::size_t v = 0; v < 7; ++v) {
    EXPECT_EQ(m.variants[v].rules.kind, kinds[v]) << v;
    EXPECT_EQ(m.variants[v].arm, arms[v]) << v;
    const VariantKind k = m.variants[v].rules.kind;
    if (k == VariantKind::no_intervention) continue;
    EXPECT_TRUE(m.variants[v].rules.anticipation_on) << v;
    EXPECT_EQ(m.variants[v].rules.lock_in_on, k != VariantKind::anticipation) << v;
    EXPECT_EQ(m.variants[v].rules.post_on, k == VariantKind::full) << v;
  }
  EXPECT_EQ(m.arm_full_variant, (std::vector<int>{3, 6, 0}));
  // Six decomposition pairs per scenario arm plus two against the comparator. Without
  // a benefit cut the rules-only variant is N itself (pair N - N).
  ASSERT_EQ(m.pairs.size(), 14U);
  ASSERT_EQ(m.decomposition_pairs.size(), 2U);
  for (std::size_t a = 0; a < 2; ++a) {
    const int a1 = static_cast<int>(1 + 3 * a);
    const int a2 = a1 + 1;
    const int a3 = a1 + 2;
    const std::pair<int, int> expected[6] = {{0, 0}, {a1, 0}, {a2, a1}, {a3, a2}, {a3, a1}, {a3, 0}};
    for (std::size_t c = 0; c < 6; ++c) {
      const VariantPair& p = m.pairs[static_cast<std::size_t>(m.decomposition_pairs[a][c])];
      EXPECT_EQ(p.first, expected[c].first) << "arm " << a << " component " << c;
      EXPECT_EQ(p.second, expected[c].second) << "arm " << a << " component " << c;
    }
  }
  EXPECT_EQ(m.vs_comparator_pair[0], -1);
  const VariantPair& policy = m.pairs[static_cast<std::size_t>(m.vs_comparator_pair[1])];
  EXPECT_EQ(policy.first, 6);
  EXPECT_EQ(policy.second, 3);
  const VariantPair& none = m.pairs[static_cast<std::size_t>(m.vs_comparator_pair[2])];
  EXPECT_EQ(none.first, 0);
  EXPECT_EQ(none.second, 3);
}

TEST(CompiledModel, ComparatorNeedNotBeTheFirstArm) {
  Scenario s = bare_scenario(12, 10);
  std::swap(s.arms[0], s.arms[1]);  // policy, comparator
  Arm other = s.arms[0];
  other.name = "other";
  other.role = ArmRole::other;
  s.arms.push_back(other);
  const CompiledModel m = compile(s, tiny_catalogue());
  EXPECT_EQ(m.arm_names, (std::vector<std::string>{"policy", "comparator", "other", "no_intervention"}));
  EXPECT_EQ(m.arm_roles, (std::vector<std::string>{"policy", "comparator", "other", "no_intervention"}));
  EXPECT_EQ(m.comparator_arm, 1);
  ASSERT_EQ(m.vs_comparator_pair.size(), 4U);
  EXPECT_EQ(m.vs_comparator_pair[1], -1);
  for (const int a : {0, 2, 3}) {
    ASSERT_GE(m.vs_comparator_pair[static_cast<std::size_t>(a)], 0) << a;
    const VariantPair& p =
        m.pairs[static_cast<std::size_t>(m.vs_comparator_pair[static_cast<std::size_t>(a)])];
    EXPECT_EQ(p.first, m.arm_full_variant[static_cast<std::size_t>(a)]);
    EXPECT_EQ(p.second, m.arm_full_variant[1]);
  }
}

TEST(CompiledModel, UndefinedPathwayInAnArmIsAnError) {
  Scenario s = bare_scenario(12, 10);
  s.arms[1].assignments = {{Selector{}, "missing"}};
  EXPECT_NE(compile_error(s, tiny_catalogue()).find("pathway 'missing'"), std::string::npos);
  Scenario r = bare_scenario(12, 10);
  r.arms[1].reentry_pathway = "also_missing";
  EXPECT_NE(compile_error(r, tiny_catalogue()).find("pathway 'also_missing'"), std::string::npos);
}

TEST(CompiledModel, PathwaysBecomeTracksWithStableStepKeys) {
  Scenario s = bare_scenario(12, 10);
  PathwayStep relative = step("course", 1, 2);
  relative.relative_to_previous = true;
  relative.coverage = 0.4;
  relative.min_danish_level = 1.5;
  relative.eligible = sel("female");
  give_pathway(s, "policy", "p", {step("course", 0, 3), step("language", 0, 24, "language"), relative});
  const CompiledModel m = compile(s, tiny_catalogue());
  ASSERT_EQ(m.pathways.size(), 1U);
  ASSERT_EQ(m.pathways[0].tracks.size(), 2U);
  ASSERT_EQ(m.pathways[0].tracks[0].size(), 2U);
  ASSERT_EQ(m.pathways[0].tracks[1].size(), 1U);
  ASSERT_EQ(m.interventions.size(), 2U);  // course compiled once
  EXPECT_EQ(m.interventions[0].id, "course");
  EXPECT_EQ(m.interventions[1].id, "language");
  const CompiledStep& second = m.pathways[0].tracks[0][1];
  EXPECT_EQ(second.key, 2);
  EXPECT_EQ(second.intervention, 0);
  EXPECT_TRUE(second.relative_to_previous);
  EXPECT_EQ(second.coverage, 0.4);
  EXPECT_EQ(second.min_danish_level, 1.5);
  EXPECT_EQ(second.eligible, sel("female"));
  EXPECT_EQ(m.pathways[0].tracks[1][0].key, 1);
  // Intervention constants.
  EXPECT_EQ(m.interventions[0].anticipation_months, 2);
  EXPECT_EQ(m.interventions[0].full_dose_months, 6.0);
  EXPECT_EQ(m.interventions[0].half_life_months, 0.0);
  EXPECT_EQ(m.interventions[1].danish_gain_per_month, 0.1);
}

TEST(CompiledModel, InteractionsCompileOnlyForUsedInterventions) {
  Catalogue c = tiny_catalogue();
  InteractionRow row;
  row.first = "language";
  row.then = "course";
  row.hazard_ratio = test_value("interaction.language.course", 2.0);
  c.interactions.push_back(row);
  InteractionRow unused = row;
  unused.first = "course";
  unused.then = "nowhere";
  unused.hazard_ratio = test_value("interaction.unused", 2.0);
  c.interactions.push_back(unused);

  Scenario s = bare_scenario(12, 10);
  give_pathway(s, "policy", "p", {step("language", 0, 6), step("course", 6, 3)});
  const CompiledModel m = compile(s, c);
  ASSERT_EQ(m.interactions.size(), 1U);
  // Interventions are numbered in order of first use: language 0, course 1.
  EXPECT_EQ(m.interactions[0].first, 0);
  EXPECT_EQ(m.interactions[0].then, 1);
  EXPECT_DOUBLE_EQ(m.interactions[0].log_hr[0][0], std::log(2.0));
  EXPECT_EQ(m.interactions[0].log_hr[1][0], 0.0);  // education: no row
}

}  // namespace
}  // namespace integrasim::testing

namespace integrasim::testing {
namespace {

// A baseline gap would be hazard 0 for the persons in it; the message names the months
// (the catalogue reader refuses such gaps in files, so only a catalogue built in code has them).
TEST(CompiledModel, BaselineMonthsWithoutARowAreRefused) {
  const Scenario s = bare_scenario(24, 10, 1);
  Catalogue late = tiny_catalogue();
  late.baselines[0].from_month = 12;
  EXPECT_EQ(compile_error(s, late),
            "baseline_hazards.csv: no row gives the hazard to employed for male refugee job_ready persons in "
            "months "
            "0-11");
  Catalogue early = tiny_catalogue();
  early.baselines[0].to_month = 12;
  EXPECT_EQ(compile_error(s, early),
            "baseline_hazards.csv: no row gives the hazard to employed for male refugee job_ready persons in "
            "months "
            "12 and after");
  Catalogue sick_only = tiny_catalogue();
  sick_only.baselines[0].who = sel("health_problems");
  EXPECT_EQ(
      compile_error(s, sick_only),
      "baseline_hazards.csv: no row gives the hazard to employed for male refugee job_ready healthy persons "
      "in any month");
}

// off_benefit is reached only through sanctions: a catalogue without its rows still runs.
TEST(CompiledModel, ADestinationWithoutRowsIsNotModelled) {
  const Scenario s = bare_scenario(24, 10, 1);
  EXPECT_EQ(compile_error(s, tiny_catalogue()), "");
}

// The list of rules the model reads is what refuses overrides that change nothing, so a
// lookup of a rule missing from it must fail loudly rather than let the list fall behind.
TEST(CompiledModel, ReadingARuleMissingFromTheListIsAnInternalError) {
  const Catalogue c = tiny_catalogue();
  EXPECT_NE(find_rule(c, "benefit.single_provider.dkk_per_month"), nullptr);
  EXPECT_TRUE(model_reads_rule("sanction.months"));
  EXPECT_TRUE(model_reads_rule("reimbursement.share.weeks_01_04"));
  EXPECT_FALSE(model_reads_rule("danish_bonus.dkk_per_month"));
  EXPECT_THROW(find_rule(c, "danish_bonus.dkk_per_month"), InternalError);
}

// The engine's state records stop searching at the first employment-rate month past an
// interval, so months out of order would drop rates silently: compiling refuses them.
TEST(CompiledModel, EmploymentRateMonthsOutOfOrderAreAnInternalError) {
  const Catalogue c = tiny_catalogue();
  Scenario s = bare_scenario(24, 10);
  s.output.employment_rate_months = {12, 24};
  EXPECT_NO_THROW(compile(s, c));
  s.output.employment_rate_months = {24, 12};
  EXPECT_THROW(compile(s, c), InternalError);
  s.output.employment_rate_months = {12, 12};
  EXPECT_THROW(compile(s, c), InternalError);
}

}  // namespace
}  // namespace integrasim::testing

// The mechanisms of docs/model.md §5 against hand-derivable cases (issue: evidence-grounded
// defaults and the seed's mechanisms). Tolerances are 4 standard errors computed from
// the closed form.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "core/compiled_model.h"
#include "piecewise_exponential.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

constexpr std::int64_t k_persons = 200000;

void add_rule(Catalogue& c, const std::string& id, double value) {
  RuleRow r;
  r.unit = "test";
  r.value = test_value(id, value);
  c.rules.push_back(r);
}

Catalogue benefit_cut_catalogue(double h, double male_response, double female_response) {
  Catalogue c = constant_hazard_catalogue(h, 0, 0, 0, 0);
  add_rule(c, "benefit_cut.log_hr_per_full_cut.male", male_response);
  add_rule(c, "benefit_cut.log_hr_per_full_cut.female", female_response);
  add_rule(c, "benefit_cut.full_response_months", 3);
  add_rule(c, "benefit_cut.fade_half_life_months", 6);
  add_rule(c, "benefit_cut.floor_share", 0.25);
  return c;
}

TEST(BenefitCut, JobHazardFollowsTheResponseProfileMonthByMonth) {
  const double h = 0.02;
  const double beta = 2.0;
  const double cut = 0.4;
  const int horizon = 36;
  Scenario s = bare_scenario(horizon, k_persons, 31);
  s.output.decomposition = true;
  s.arms[1].rules.benefit_cut = cut;
  const Results r = run_in_memory(s, benefit_cut_catalogue(h, beta, 0.0));

  // Full response for 3 months, then 0.25 + 0.75 * 2^(-(s-3)/6), on the monthly grid.
  std::vector<double> breaks = {0};
  std::vector<double> hazard;
  for (int m = 0; m < horizon; ++m) {
    const double profile = m < 3 ? 1.0 : 0.25 + 0.75 * std::exp2(-(m - 3) / 6.0);
    breaks.push_back(m + 1);
    hazard.push_back(h * std::exp(beta * cut * profile));
  }
  const PiecewiseExponential curve{breaks, hazard};
  const auto [m1, m2] = curve.moments();
  const Estimate b = metric(r, "policy", "all", "months_on_benefit");
  EXPECT_NEAR(b.value, m1, 4 * std::sqrt((m2 - m1 * m1) / k_persons));
  for (const int month : {3, 12, 36}) {
    const double p = 1 - curve.survival(month);
    EXPECT_NEAR(monthly_share(r, "policy", "all", "employed", month).value, p,
                4 * std::sqrt(p * (1 - p) / k_persons))
        << "month " << month;
  }
  // Without programmes, the whole effect is the benefit rules' component.
  std::map<std::string, Estimate> parts;
  for (const auto& e : r.effects)
    if (r.arms[static_cast<std::size_t>(e.arm)].name == "policy" && e.subgroup == 0 &&
        e.outcome == "months_on_benefit")
      parts[e.component] = e.effect;
  EXPECT_LT(parts["benefit_rules"].value, -10 * parts["benefit_rules"].se);
  EXPECT_EQ(parts["anticipation"].value, 0.0);
  EXPECT_EQ(parts["lock_in"].value, 0.0);
  EXPECT_EQ(parts["post_programme"].value, 0.0);
  EXPECT_EQ(parts["total"].value, parts["benefit_rules"].value);
}

TEST(BenefitCut, WomenWithoutResponseAreUntouchedBitForBit) {
  Scenario s = bare_scenario(36, 20000, 32);
  s.population.shares[static_cast<std::size_t>(Dimension::sex)].share = {0.5, 0.5};
  s.arms[1].rules.benefit_cut = 0.5;
  const Results r = run_in_memory(s, benefit_cut_catalogue(0.02, 2.0, 0.0));
  for (const char* name : {"months_on_benefit", "months_employed", "employment_rate_m36"}) {
    EXPECT_EQ(metric(r, "policy", "female", name).value, metric(r, "comparator", "female", name).value)
        << name;
    EXPECT_NE(difference(r, "policy", "male", name).value, 0.0) << name;
  }
}

TEST(BenefitCut, AScenarioWithACutNeedsTheResponseRules) {
  Scenario s = bare_scenario(12, 10, 33);
  s.arms[1].rules.benefit_cut = 0.3;
  EXPECT_THROW(run_in_memory(s, constant_hazard_catalogue(0.02, 0, 0, 0, 0)), InputError);
}

}  // namespace
}  // namespace integrasim::testing

namespace integrasim::testing {
namespace {

// A part-time intervention `id` of `kind` with lock-in HR `lock_in` on employment.
void add_kind_intervention(Catalogue& c, const std::string& id, InterventionKind kind, double lock_in,
                           int effect_until_spell_month) {
  InterventionType t = c.interventions[0];
  t.id = id;
  t.kind = kind;
  t.intensity = Intensity::part_time;
  t.anticipation_months = test_value(id + ".anticipation_months", 0);
  t.effect_until_spell_month = test_value(id + ".effect_until_spell_month", effect_until_spell_month);
  for (CatalogueValue* v : {&t.default_duration, &t.full_dose_months, &t.post_half_life, &t.cost_per_month,
                            &t.danish_gain_per_month})
    v->id = id + "." + v->id.substr(v->id.find('.') + 1);
  c.interventions.push_back(t);
  set_effect(c, id, Phase::lock_in, lock_in);
}

double months_on_benefit_se(const PiecewiseExponential& curve, double n) {
  return curve.se(n);
}

TEST(Meetings, MotivationStopsWhenTheSpellIsNoLongerNew) {
  const double h = 0.03;
  Scenario s = bare_scenario(36, k_persons, 41);
  give_pathway(s, "policy", "talks", {step("talks", 0, 10)});
  Catalogue c = constant_hazard_catalogue(h, 0, 0, 0, 0);
  add_kind_intervention(c, "talks", InterventionKind::meetings, 1.5, 4);
  const Results r = run_in_memory(s, c);
  const PiecewiseExponential curve{{0, 4, 36}, {1.5 * h, h}};
  EXPECT_NEAR(metric(r, "policy", "all", "months_on_benefit").value, curve.mean(),
              4 * months_on_benefit_se(curve, k_persons));
}

TEST(Municipality, CaseloadAndSpecialisedCaseworkersScaleMeetingEffects) {
  // Twice the reference caseload halves the log HR; specialised caseworkers 1.5 scale it
  // up again: log HR = log(1.5) * 1.5 / 2.
  const double h = 0.03;
  Scenario s = bare_scenario(36, k_persons, 42);
  s.municipality.caseload = 2.0;
  s.municipality.specialised_caseworkers = 1.5;
  give_pathway(s, "policy", "talks", {step("talks", 0, 6)});
  Catalogue c = constant_hazard_catalogue(h, 0, 0, 0, 0);
  add_kind_intervention(c, "talks", InterventionKind::meetings, 1.5, 0);
  const Results r = run_in_memory(s, c);
  const double hr = std::exp(std::log(1.5) * 1.5 / 2.0);
  const PiecewiseExponential curve{{0, 6, 36}, {hr * h, h}};
  EXPECT_NEAR(metric(r, "policy", "all", "months_on_benefit").value, curve.mean(), 4 * curve.se(k_persons));
}

TEST(Municipality, CompanyCollaborationScalesCompanyDirectedEffectsOnly) {
  Scenario s = bare_scenario(12, 10, 43);
  s.municipality.company_collaboration = 0.5;
  give_pathway(s, "policy", "both", {step("placement", 0, 6), step("talks", 0, 6, "talk_track")});
  Catalogue c = constant_hazard_catalogue(0.03, 0, 0, 0, 0);
  add_kind_intervention(c, "placement", InterventionKind::company, 2.0, 0);
  add_kind_intervention(c, "talks", InterventionKind::meetings, 2.0, 0);
  const CompiledModel m = compile_model(s, resolve_parameters(c, s));
  for (const auto& iv : m.interventions) {
    const double b = iv.log_hr[static_cast<std::size_t>(Phase::lock_in)][0][0];
    EXPECT_DOUBLE_EQ(b, std::log(2.0) * (iv.id == "placement" ? 0.5 : 1.0)) << iv.id;
  }
}

Catalogue labour_market_catalogue(double h, double per_point) {
  Catalogue c = constant_hazard_catalogue(h, 0, 0, 0, 0);
  add_rule(c, "labour_market.log_hr_per_point.male", per_point);
  add_rule(c, "labour_market.log_hr_per_point.female", per_point);
  add_rule(c, "labour_market.education_activation_gain_per_point", 0.1);
  return c;
}

TEST(LabourMarket, LocalEmploymentRateShiftsTheJobHazardByCalendarMonth) {
  // The rate rises by 2 points after month 12: the job hazard is multiplied by
  // exp(0.05 * 2) from then on.
  const double h = 0.02;
  Scenario s = bare_scenario(36, k_persons, 44);
  s.labour_market.reference_rate = 0.70;
  s.labour_market.employment_rate.assign(12, 0.70);
  s.labour_market.employment_rate.push_back(0.72);
  const Results r = run_in_memory(s, labour_market_catalogue(h, 0.05));
  const PiecewiseExponential curve{{0, 12, 36}, {h, h * std::exp(0.1)}};
  EXPECT_NEAR(metric(r, "comparator", "all", "months_on_benefit").value, curve.mean(),
              4 * curve.se(k_persons));
  const double p = 1 - curve.survival(36);
  EXPECT_NEAR(metric(r, "comparator", "all", "employment_rate_m36").value, p,
              4 * std::sqrt(p * (1 - p) / k_persons));
}

TEST(LabourMarket, AtItsReferenceRateNothingChangesByteForByte) {
  Scenario s = bare_scenario(36, 20000, 45);
  s.frailty.variance = 0.5;
  give_pathway(s, "policy", "course", {step("course", 3, 6)});
  const Catalogue c = labour_market_catalogue(0.03, 0.05);
  const Results plain = run_in_memory(s, c);
  s.labour_market.reference_rate = 0.7;
  s.labour_market.employment_rate = {0.7, 0.7, 0.7};
  const Results flat = run_in_memory(s, c);
  for (const char* name :
       {"months_on_benefit", "months_employed", "employment_rate_m36", "time_to_first_job"})
    for (const char* arm : {"comparator", "policy"}) {
      EXPECT_EQ(metric(plain, arm, "all", name).value, metric(flat, arm, "all", name).value)
          << arm << " " << name;
      EXPECT_EQ(metric(plain, arm, "all", name).se, metric(flat, arm, "all", name).se) << arm << " " << name;
    }
}

TEST(LabourMarket, EducationActivationGainsWhenEmploymentIsLow) {
  Scenario s = bare_scenario(24, 10, 46);
  s.labour_market.reference_rate = 0.70;
  s.labour_market.employment_rate = {0.67};
  const CompiledModel m = compile_model(s, resolve_parameters(labour_market_catalogue(0.02, 0.05), s));
  ASSERT_TRUE(m.mechanisms.labour_market.active);
  EXPECT_NEAR(m.mechanisms.labour_market.education_activation_gain[5], 1.0 + 0.1 * 3.0,
              1e-12);  // 3 points below
  EXPECT_NEAR(m.mechanisms.labour_market.log_hr[0][5], -0.05 * 3.0, 1e-12);
}

TEST(Placement, CompanyPlacementsSucceedWithTheirProbability) {
  // p = 0.4 + 0.0 x level: 40 % of those still on benefit at month 6 start the placement.
  const double h = 0.02;
  Scenario s = bare_scenario(24, k_persons, 47);
  give_pathway(s, "policy", "placement", {step("placement", 6, 6)});
  Catalogue c = constant_hazard_catalogue(h, 0, 0, 0, 0);
  add_kind_intervention(c, "placement", InterventionKind::company, 1.0, 0);
  add_rule(c, "placement.success_at_level_0", 0.4);
  add_rule(c, "placement.success_per_level", 0.0);
  const Results r = run_in_memory(s, c);
  const double p = 0.4 * std::exp(-h * 6);
  EXPECT_NEAR(monthly_share(r, "policy", "all", "placement", 7).value, p,
              4 * std::sqrt(p * (1 - p) / k_persons));
}

}  // namespace
}  // namespace integrasim::testing

namespace integrasim::testing {
namespace {

Catalogue sanction_catalogue(double h, double probability, double threat_hr, double off_benefit_hazard) {
  Catalogue c = constant_hazard_catalogue(h, 0, 0, 0, 0);
  for (const char* match : {"job_ready", "activity_ready"}) {
    const std::string m = match;
    add_rule(c, "sanction.violation_probability_per_month." + m, probability);
    add_rule(c, "sanction.threat_hr.employed." + m, threat_hr);
    add_rule(c, "sanction.after_hr.employed." + m, 1.0);
    add_rule(c, "sanction.after_off_benefit_hazard." + m, off_benefit_hazard);
  }
  add_rule(c, "sanction.months", 1);
  add_rule(c, "sanction.benefit_cut_share", 0.25);
  add_rule(c, "sanction.fade_months", 3);
  add_rule(c, "benefit.single_provider.dkk_per_month", 10000);
  ReturnHazardRow back;
  back.kind = ReturnHazard::off_benefit_return;
  back.from_month = 0;
  back.to_month = 1000000;
  back.hazard = test_value("return.off_benefit_return", 0.05);
  c.return_hazards.push_back(back);
  return c;
}

TEST(Sanctions, ARegimeWithoutBreachesOrThreatChangesNothingByteForByte) {
  Scenario s = bare_scenario(48, 20000, 51);
  s.frailty.variance = 0.5;
  s.output.decomposition = true;
  give_pathway(s, "policy", "course", {step("course", 3, 6)});
  const Catalogue c = sanction_catalogue(0.03, 0.0, 1.0, 0.05);
  const Results plain = run_in_memory(s, c);
  s.arms[1].rules.sanctions = true;
  const Results regime = run_in_memory(s, c);
  for (const char* name : {"months_on_benefit", "months_employed", "months_off_benefit",
                           "employment_rate_m48", "time_to_first_job", "cost_benefit_dkk"}) {
    EXPECT_EQ(metric(plain, "policy", "all", name).value, metric(regime, "policy", "all", name).value)
        << name;
    EXPECT_EQ(metric(plain, "policy", "all", name).se, metric(regime, "policy", "all", name).se) << name;
  }
  EXPECT_EQ(metric(regime, "policy", "all", "sanctions").value, 0.0);
}

TEST(Sanctions, ARuleOutsideItsRangeIsAnInputErrorNamingRuleAndValue) {
  Scenario s = bare_scenario(12, 100, 54);
  s.arms[1].rules.sanctions = true;
  Catalogue c = sanction_catalogue(0.02, 0.05, 1.0, 0.2);
  for (RuleRow& rule : c.rules)
    if (rule.value.id == "sanction.benefit_cut_share") rule.value.value = 1.5;
  try {
    (void)run_in_memory(s, c);
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("sanction.benefit_cut_share is 1.5, but must be in [0, 1]"),
              std::string::npos)
        << e.what();
  }
}

TEST(Sanctions, BreachesArriveAtTheMonthlyRate) {
  // Nobody leaves benefit (all hazards 0), so each person is sanctioned once per breach
  // before month H - 1 (a sanction starts at the whole month after its breach): a
  // Poisson count with mean lambda (H - 1), lambda = -ln(1 - p).
  const int horizon = 24;
  const double p = 0.05;
  Scenario s = bare_scenario(horizon, k_persons, 52);
  s.arms[1].rules.sanctions = true;
  const Results r = run_in_memory(s, sanction_catalogue(0.0, p, 1.0, 0.0));
  const double mean = -std::log1p(-p) * (horizon - 1);
  EXPECT_NEAR(metric(r, "policy", "all", "sanctions").value, mean, 4 * std::sqrt(mean / k_persons));
  EXPECT_EQ(metric(r, "comparator", "all", "sanctions").value, 0.0);
  // Benefit is withheld for one month per sanction (a quarter of it), unless the
  // horizon cuts the last sanction short.
  const double paid = metric(r, "policy", "all", "cost_benefit_dkk").value;
  EXPECT_LT(paid, metric(r, "comparator", "all", "cost_benefit_dkk").value);
}

TEST(Sanctions, ExitsOffBenefitWithoutAJobHappenOnlyAfterSanctions) {
  Scenario s = bare_scenario(36, 50000, 53);
  s.arms[1].rules.sanctions = true;
  const Results r = run_in_memory(s, sanction_catalogue(0.02, 0.05, 1.0, 0.2));
  EXPECT_EQ(metric(r, "comparator", "all", "months_off_benefit").value, 0.0);
  const Estimate off = metric(r, "policy", "all", "months_off_benefit");
  EXPECT_GT(off.value, 10 * off.se);
  EXPECT_GT(monthly_share(r, "policy", "all", "off_benefit", 36).value, 0.0);
}

}  // namespace
}  // namespace integrasim::testing

namespace integrasim::testing {
namespace {

TEST(LabourMarket, SkilledJobsRaiseTheJobHazardOfTheSubgroupsTheyHelp) {
  Scenario s = bare_scenario(12, 10, 61);
  s.labour_market.skilled_job_share = 0.40;
  s.labour_market.reference_skilled_job_share = 0.35;
  Catalogue c = constant_hazard_catalogue(0.02, 0, 0, 0, 0);
  for (const char* sex : {"male", "female"})
    for (const char* group : {"refugee", "family_reunified", "other_immigrant"}) {
      const bool helped = std::string(sex) == "female" || std::string(group) != "other_immigrant";
      add_rule(c, std::string("labour_market.log_hr_per_skilled_point.") + sex + "." + group,
               helped ? 0.01 : 0.0);
    }
  const CompiledModel m = compile_model(s, resolve_parameters(c, s));
  for (int cell = 0; cell < k_effect_cell_count; ++cell) {
    const PersonAttributes a = attributes_of_effect_cell(cell);
    const bool helped = a.sex == Sex::female || a.group != Group::other_immigrant;
    EXPECT_NEAR(m.baseline[0][static_cast<std::size_t>(cell)][3],
                0.02 * (helped ? std::exp(0.01 * 5.0) : 1.0), 1e-15)
        << cell;
  }
  s.labour_market.skilled_job_share = 0.35;  // at the reference: no rules needed, no change
  const CompiledModel same =
      compile_model(s, resolve_parameters(constant_hazard_catalogue(0.02, 0, 0, 0, 0), s));
  EXPECT_EQ(same.baseline[0][0][3], 0.02);
}

}  // namespace
}  // namespace integrasim::testing

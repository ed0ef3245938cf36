// The mechanism modules' hooks (core/mechanisms/) on their own: the change points and
// hazard terms the person simulator combines.
#include <gtest/gtest.h>

#include <cmath>

#include "core/mechanisms/benefit_cut.h"
#include "core/mechanisms/danish_progression.h"
#include "core/mechanisms/labour_market.h"
#include "core/mechanisms/motivation_window.h"
#include "core/mechanisms/sanctions.h"

namespace integrasim::testing {
namespace {

TEST(MechanismModules, SanctionEffectFadesLinearlyAndEndsSegmentsMonthlyMeanwhile) {
  SanctionRegime regime;
  regime.fade_months = 4.0;
  regime.after_log_hr = {0.8, 0.4};
  regime.threat_log_hr = {0.1, 0.2};
  regime.after_off_benefit = {0.05, 0.0};
  Sanctions sanctions(regime);
  Latent latent(StreamKey{}, 7);
  sanctions.bind(true, MatchGroup::job_ready, latent, 60);
  SanctionState s;
  s.last_sanction_month = 10;
  s.sanction_month = 30;
  EXPECT_DOUBLE_EQ(sanctions.log_hr(Destination::employed, s, 10), 0.1 + 0.8);
  EXPECT_DOUBLE_EQ(sanctions.log_hr(Destination::employed, s, 12), 0.1 + 0.8 * 0.5);
  EXPECT_DOUBLE_EQ(sanctions.log_hr(Destination::employed, s, 14), 0.1);
  EXPECT_DOUBLE_EQ(sanctions.log_hr(Destination::education, s, 10), 0.0);
  EXPECT_DOUBLE_EQ(sanctions.extra_hazard(Destination::off_benefit, s, 11), 0.05 * 0.75);
  EXPECT_DOUBLE_EQ(sanctions.extra_hazard(Destination::employed, s, 11), 0.0);
  EXPECT_TRUE(sanctions.reevaluate(s, 13));
  EXPECT_EQ(sanctions.next_change(s, 13), 14);
  EXPECT_FALSE(sanctions.reevaluate(s, 14));
  EXPECT_EQ(sanctions.next_change(s, 14), 30);  // the next sanction
  // Outside a regime nothing acts.
  sanctions.bind(false, MatchGroup::job_ready, latent, 60);
  EXPECT_DOUBLE_EQ(sanctions.log_hr(Destination::employed, s, 10), 0.0);
  EXPECT_DOUBLE_EQ(sanctions.extra_hazard(Destination::off_benefit, s, 10), 0.0);
}

TEST(MechanismModules, SanctionedTimeIsTheOverlapWithTheSanctionPeriod) {
  SanctionState s;
  s.sanctioned_from = 5.0;
  s.sanctioned_until = 6.5;
  Sanctions::on_benefit(s, 4.0, 5.5);
  Sanctions::on_benefit(s, 6.0, 9.0);
  Sanctions::on_benefit(s, 7.0, 9.0);
  EXPECT_DOUBLE_EQ(s.sanctioned_months, 1.0);
}

TEST(MechanismModules, BenefitCutActsOnlyOnRespondersAndFades) {
  BenefitCutResponse r;
  r.log_hr_per_full_cut = {0.6, 0.0};
  r.full_response_months = 3.0;
  r.fade_half_life_months = 2.0;
  r.floor_share = 0.5;
  BenefitCut cut(r);
  cut.bind(0.5, Sex::male);
  EXPECT_TRUE(cut.reevaluate());
  EXPECT_EQ(cut.next_change(7), 8);
  EXPECT_DOUBLE_EQ(cut.log_hr(Destination::employed, 2), 0.6 * 0.5);
  EXPECT_DOUBLE_EQ(cut.log_hr(Destination::employed, 5), 0.6 * 0.5 * (0.5 + 0.5 * 0.5));
  EXPECT_DOUBLE_EQ(cut.log_hr(Destination::education, 2), 0.0);
  cut.bind(0.5, Sex::female);  // no response: standard rules exactly
  EXPECT_FALSE(cut.reevaluate());
  EXPECT_EQ(cut.next_change(7), k_no_change);
  EXPECT_DOUBLE_EQ(cut.log_hr(Destination::employed, 2), 0.0);
}

TEST(MechanismModules, LabourMarketInactiveChangesNothing) {
  LabourMarketSeries series;
  LabourMarket lm(series);
  lm.bind(Sex::female, 0);
  EXPECT_FALSE(lm.reevaluate());
  EXPECT_EQ(lm.next_change(3), k_no_change);
  EXPECT_DOUBLE_EQ(lm.log_hr(Destination::employed, 3), 0.0);
  EXPECT_DOUBLE_EQ(lm.education_gain(3.5), 1.0);
  series.active = true;
  series.log_hr = {std::vector<double>{0.0, 0.1, 0.1}, std::vector<double>{0.0, -0.2, -0.2}};
  series.next_change = {1, 2, 2};
  series.education_activation_gain = {1.0, 1.5, 1.5};
  EXPECT_TRUE(lm.reevaluate());
  EXPECT_EQ(lm.next_change(0), 1);
  EXPECT_DOUBLE_EQ(lm.log_hr(Destination::employed, 1), -0.2);
  EXPECT_DOUBLE_EQ(lm.education_gain(9.0), 1.5);  // the last month carries on
}

TEST(MechanismModules, DanishCountsCompletedModulesOnly) {
  EXPECT_DOUBLE_EQ(module_level(0.49), 0.0);
  EXPECT_DOUBLE_EQ(module_level(6 * (1.0 / 12)), 0.5);  // rounding absorbed
  double level = 0.4;
  EXPECT_FALSE(DanishProgression::gain(level, 0.05, 1.0));
  EXPECT_TRUE(DanishProgression::gain(level, 0.05, 1.0));
  EXPECT_EQ(DanishProgression::next_module_month(0.0, 2.0, 0.125), 6);
  EXPECT_DOUBLE_EQ(DanishProgression::rate(0.2, 3.0), 0.0);
  EXPECT_FALSE(DanishProgression::admits(1.0, 0.99));
  EXPECT_TRUE(DanishProgression::admits(1.0, 1.0));
}

TEST(MechanismModules, MotivationWindowClosesAtItsSpellMonth) {
  EXPECT_EQ(MotivationWindow::end_month(6, 10), 16);
  EXPECT_EQ(MotivationWindow::end_month(0, 10), -1);
  EXPECT_TRUE(MotivationWindow::open(6, 15, 10));
  EXPECT_FALSE(MotivationWindow::open(6, 16, 10));
  EXPECT_TRUE(MotivationWindow::open(0, 99, 10));
}

}  // namespace
}  // namespace integrasim::testing

#include "io/result_writers.h"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>
#include <string>

namespace integrasim {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
const std::string bom = "\xEF\xBB\xBF";

// Two arms (the policy's name needs quoting in excel-da only), two subgroups, two
// metrics, one of them not reached (NaN) for women.
Results small_results() {
  Results r;
  r.arms = {{"mentor; 6 mo", "policy"}, {"business as usual", "comparator"}};
  r.comparator_arm = 1;
  r.subgroups = {{"all", "all"}, {"female", "sex"}};
  r.metrics = {{"months_on_benefit", "months per person"}, {"median_time_to_first_job", "months"}};
  r.summary = {
      {0, 0, 1000, {{30.5, 0.25}, {14.0, 0.5}}, {{-2.5, 0.125}, {-1.0, 0.75}}, {{-5.0, 0.25}}},
      {0, 1, 480, {{31.25, 0.375}, {nan, nan}}, {{-3.75, 0.1875}, {nan, nan}}, {{nan, nan}}},
      {1, 0, 1000, {{33.0, 0.25}, {15.0, 0.5}}, {}, {}},
      {1, 1, 480, {{35.0, 0.375}, {nan, nan}}, {}, {}},
  };
  r.monthly = {
      {0, 0, 1, "state", "on_benefit", {0.95, 0.005}},
      {0, 1, 1, "programme", "mentor", {0.1, 0.01}},
      {1, 0, 12, "state", "employed", {0.2, 0.0125}},
  };
  r.effects = {
      {0, 0, "months_on_benefit", "months per person", "lock_in", {1.5, 0.25}},
      {0, 1, "employment_rate_m12", "percentage points", "net", {-0.03, 1.5e-05}},
  };
  r.persons = 1000;
  r.horizon_months = 12;
  return r;
}

TEST(ResultWriters, SummaryStandard) {
  const std::string expected =
      "arm,role,subgroup,dimension,persons,"
      "months_on_benefit,months_on_benefit_se,"
      "median_time_to_first_job,median_time_to_first_job_se,"
      "diff_months_on_benefit,diff_months_on_benefit_se,"
      "diff_median_time_to_first_job,diff_median_time_to_first_job_se,diff_months_on_benefit_per_participant,"
      "diff_months_on_benefit_per_participant_se\r\n"
      "mentor; 6 mo,policy,all,all,1000,30.5,0.25,14,0.5,-2.5,0.125,-1,0.75,-5,0.25\r\n"
      "mentor; 6 mo,policy,female,sex,480,31.25,0.375,,,-3.75,0.1875,,,,\r\n"
      "business as usual,comparator,all,all,1000,33,0.25,15,0.5,,,,,,\r\n"
      "business as usual,comparator,female,sex,480,35,0.375,,,,,,,,\r\n";
  EXPECT_EQ(summary_csv(small_results(), CsvDialect::standard), expected);
}

TEST(ResultWriters, SummaryExcelDa) {
  const std::string expected =
      bom +
      "arm;role;subgroup;dimension;persons;"
      "months_on_benefit;months_on_benefit_se;"
      "median_time_to_first_job;median_time_to_first_job_se;"
      "diff_months_on_benefit;diff_months_on_benefit_se;"
      "diff_median_time_to_first_job;diff_median_time_to_first_job_se;diff_months_on_benefit_per_"
      "participant;diff_months_on_benefit_per_participant_se\r\n"
      "\"mentor; 6 mo\";policy;all;all;1000;30,5;0,25;14;0,5;-2,5;0,125;-1;0,75;-5;0,25\r\n"
      "\"mentor; 6 mo\";policy;female;sex;480;31,25;0,375;;;-3,75;0,1875;;;;\r\n"
      "business as usual;comparator;all;all;1000;33;0,25;15;0,5;;;;;;\r\n"
      "business as usual;comparator;female;sex;480;35;0,375;;;;;;;;\r\n";
  EXPECT_EQ(summary_csv(small_results(), CsvDialect::excel_da), expected);
}

TEST(ResultWriters, MonthlyStandard) {
  const std::string expected =
      "arm,subgroup,month,kind,name,share,se\r\n"
      "mentor; 6 mo,all,1,state,on_benefit,0.95,0.005\r\n"
      "mentor; 6 mo,female,1,programme,mentor,0.1,0.01\r\n"
      "business as usual,all,12,state,employed,0.2,0.0125\r\n";
  EXPECT_EQ(monthly_csv(small_results(), CsvDialect::standard), expected);
}

TEST(ResultWriters, MonthlyExcelDa) {
  const std::string expected = bom +
                               "arm;subgroup;month;kind;name;share;se\r\n"
                               "\"mentor; 6 mo\";all;1;state;on_benefit;0,95;0,005\r\n"
                               "\"mentor; 6 mo\";female;1;programme;mentor;0,1;0,01\r\n"
                               "business as usual;all;12;state;employed;0,2;0,0125\r\n";
  EXPECT_EQ(monthly_csv(small_results(), CsvDialect::excel_da), expected);
}

TEST(ResultWriters, EffectsStandard) {
  const std::string expected =
      "arm,subgroup,outcome,unit,component,effect,se\r\n"
      "mentor; 6 mo,all,months_on_benefit,months per person,lock_in,1.5,0.25\r\n"
      "mentor; 6 mo,female,employment_rate_m12,percentage points,net,-0.03,1.5e-05\r\n";
  EXPECT_EQ(effects_csv(small_results(), CsvDialect::standard), expected);
}

TEST(ResultWriters, EffectsExcelDa) {
  const std::string expected =
      bom +
      "arm;subgroup;outcome;unit;component;effect;se\r\n"
      "\"mentor; 6 mo\";all;months_on_benefit;months per person;lock_in;1,5;0,25\r\n"
      "\"mentor; 6 mo\";female;employment_rate_m12;percentage points;net;-0,03;1,5e-05\r\n";
  EXPECT_EQ(effects_csv(small_results(), CsvDialect::excel_da), expected);
}

TEST(ResultWriters, EmptyResultsGiveHeadersOnly) {
  Results r;
  EXPECT_EQ(summary_csv(r, CsvDialect::standard), "arm,role,subgroup,dimension,persons\r\n");
  EXPECT_EQ(monthly_csv(r, CsvDialect::standard), "arm,subgroup,month,kind,name,share,se\r\n");
  EXPECT_EQ(effects_csv(r, CsvDialect::excel_da), bom + "arm;subgroup;outcome;unit;component;effect;se\r\n");
}

// The no-intervention arm is compared with the comparator like any other arm.
TEST(ResultWriters, NoInterventionArmGetsDifferences) {
  Results r = small_results();
  r.arms.push_back({"no_intervention", "no_intervention"});
  r.summary.push_back({2, 0, 1000, {{36.0, 0.25}, {16.0, 0.5}}, {{3.0, 0.1}, {1.0, 0.2}}, {{4.5, 0.3}}});
  const std::string csv = summary_csv(r, CsvDialect::standard);
  EXPECT_NE(csv.find("\r\nno_intervention,no_intervention,all,all,1000,36,0.25,16,0.5,3,0.1,1,"
                     "0.2,4.5,0.3\r\n"),
            std::string::npos)
      << csv;
}

TEST(ResultWriters, MisalignedResultsAreInternalErrors) {
  Results missing_difference = small_results();
  missing_difference.summary[0].vs_comparator.pop_back();
  EXPECT_THROW(summary_csv(missing_difference, CsvDialect::standard), std::logic_error);

  Results missing_metric = small_results();
  missing_metric.summary[3].metrics.pop_back();
  EXPECT_THROW(summary_csv(missing_metric, CsvDialect::standard), std::logic_error);

  Results bad_arm = small_results();
  bad_arm.monthly[0].arm = 2;
  EXPECT_THROW(monthly_csv(bad_arm, CsvDialect::standard), std::logic_error);

  Results bad_subgroup = small_results();
  bad_subgroup.effects[1].subgroup = -1;
  try {
    effects_csv(bad_subgroup, CsvDialect::standard);
    FAIL() << "expected std::logic_error";
  } catch (const std::logic_error& error) {
    EXPECT_EQ(std::string(error.what()), "internal error: subgroup index -1 out of range");
  }
}

}  // namespace
}  // namespace integrasim

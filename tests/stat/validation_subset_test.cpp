// A fast subset of `integrasim validate`: the registry's cohort ramp-up scenario runs with
// a modest cohort and every target that names it evaluates to a finite value with a
// positive, finite Monte Carlo SE. Whether the targets are met is not claimed: the
// catalogue is not calibrated yet (that is what `integrasim validate` reports).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "analysis/validation.h"
#include "io/catalogue_reader.h"
#include "io/validation_registry.h"
#include "test_support.h"

namespace integrasim::testing {
namespace {

const std::string k_ramp_up = "cohort_ramp_up.toml";

TEST(ValidationSubset, EveryCohortRampUpTargetEvaluates) {
  const std::string registry = source_path("scenarios/validation");
  const Catalogue catalogue = read_catalogue_dir(source_path("scenarios/evidence"));
  std::vector<Target> targets;
  for (auto& t : read_registry(registry))
    if (t.scenario == k_ramp_up) targets.push_back(std::move(t));
  ASSERT_GE(targets.size(), 8U) << "the ramp-up scenario carries UIM16-REF, UIM16-FRR and LAS19 targets";

  ValidationOptions options;
  options.persons = 4000;
  options.threads = 2;
  const ValidationReport report =
      run_validation(std::move(targets), catalogue, registry_scenario_loader(registry, catalogue), options);
  ASSERT_EQ(report.runs.size(), 1U);
  EXPECT_EQ(report.runs[0].persons, 4000);
  ASSERT_EQ(report.results.size(), report.targets.size());
  for (std::size_t i = 0; i < report.targets.size(); ++i) {
    const Target& t = report.targets[i];
    const TargetResult& r = report.results[i];
    EXPECT_EQ(r.target, &t);
    EXPECT_TRUE(std::isfinite(r.simulated.value)) << t.id;
    EXPECT_TRUE(std::isfinite(r.simulated.se) && r.simulated.se > 0.0) << t.id;
    EXPECT_DOUBLE_EQ(r.residual, r.simulated.value - t.published) << t.id;
    // Employment rates scaled to percent lie in [0, 100].
    EXPECT_GE(r.simulated.value, 0.0) << t.id;
    EXPECT_LE(r.simulated.value, 100.0) << t.id;
  }
}

TEST(ValidationSubset, TheSampleFilterKeepsOnlyTheChosenTargets) {
  const std::string registry = source_path("scenarios/validation");
  const Catalogue catalogue = read_catalogue_dir(source_path("scenarios/evidence"));
  std::vector<Target> targets;
  for (auto& t : read_registry(registry))
    if (t.scenario == k_ramp_up) targets.push_back(std::move(t));
  ValidationOptions options;
  options.persons = 500;
  options.only = SampleFilter::out_of_sample;
  const ValidationReport report =
      run_validation(std::move(targets), catalogue, registry_scenario_loader(registry, catalogue), options);
  ASSERT_FALSE(report.targets.empty());
  for (const auto& t : report.targets) EXPECT_FALSE(t.in_sample) << t.id;
}

}  // namespace
}  // namespace integrasim::testing

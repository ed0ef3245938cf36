#include "test_support.h"

#include <atomic>
#include <filesystem>
#include <unistd.h>

namespace integrasim::testing {

std::string source_path(const std::string& relative) {
  return std::string(INTEGRASIM_SOURCE_DIR) + "/" + relative;
}

std::string integrasim_binary() { return INTEGRASIM_BINARY; }

std::string make_temp_dir(const std::string& tag) {
  static std::atomic<int> counter{0};
  const auto dir = std::filesystem::temp_directory_path() /
                   ("integrasim-test-" + tag + "-" + std::to_string(::getpid()) + "-" +
                    std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

CatalogueValue test_value(const std::string& id, double value) {
  CatalogueValue v;
  v.id = id;
  v.value = value;
  v.ci_low = value;
  v.ci_high = value;
  v.source = "placeholder";
  v.status = EvidenceStatus::placeholder;
  v.file = "<test>";
  return v;
}

Catalogue tiny_catalogue() {
  Catalogue c;
  const auto base = [&](Destination d, const std::string& id, double h) {
    BaselineRow row;
    row.destination = d;
    row.from_month = 0;
    row.to_month = 1000000;
    row.hazard = test_value(id, h);
    c.baselines.push_back(row);
  };
  base(Destination::employed, "baseline.employed", 0.02);
  base(Destination::education, "baseline.education", 0.005);
  base(Destination::exit, "baseline.exit", 0.002);
  const auto back = [&](ReturnHazard k, const std::string& id, double h) {
    ReturnHazardRow row;
    row.kind = k;
    row.from_month = 0;
    row.to_month = 1000000;
    row.hazard = test_value(id, h);
    c.return_hazards.push_back(row);
  };
  back(ReturnHazard::job_loss, "return.job_loss", 0.01);
  back(ReturnHazard::education_dropout, "return.education_dropout", 0.01);

  const auto intervention = [&](const std::string& id, Intensity intensity, double duration,
                                double anticipation, double gain) {
    InterventionType t;
    t.id = id;
    t.label = id;
    t.intensity = intensity;
    t.default_duration = test_value(id + ".default_duration_months", duration);
    t.anticipation_months = test_value(id + ".anticipation_months", anticipation);
    t.full_dose_months = test_value(id + ".full_dose_months", duration);
    t.post_half_life = test_value(id + ".post_half_life_months", 0.0);
    t.cost_per_month = test_value(id + ".cost_per_month_dkk", 1000.0);
    t.danish_gain_per_month = test_value(id + ".danish_gain_per_month", gain);
    c.interventions.push_back(t);
  };
  intervention("course", Intensity::full_time, 6, 2, 0.0);
  intervention("language", Intensity::part_time, 24, 0, 0.1);
  const auto effect = [&](const std::string& iv, Phase p, double hr) {
    EffectRow e;
    e.intervention = iv;
    e.phase = p;
    e.destination = Destination::employed;
    e.hazard_ratio = test_value("effect." + iv + "." + std::string(name_of(p)), hr);
    c.effects.push_back(e);
  };
  effect("course", Phase::anticipation, 1.2);
  effect("course", Phase::lock_in, 0.5);
  effect("course", Phase::post, 1.5);
  effect("language", Phase::lock_in, 0.9);
  return c;
}

}  // namespace integrasim::testing

// libFuzzer target: arbitrary bytes through the TOML guard and the scenario reader.
// An InputError is the expected answer to bad input; any other exception, an abort (a
// toml++ assertion in Debug builds) or a sanitizer report is a bug. scripts/fuzz.sh
// builds and runs it; crashes go to tests/fixtures/toml_crashes/ and become unit tests.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/catalogue.h"
#include "core/diagnostics.h"
#include "io/scenario_reader.h"
#include "io/toml_guard.h"

namespace {

using integrasim::Catalogue;
using integrasim::CatalogueValue;
using integrasim::InterventionType;

CatalogueValue value(const std::string& id, double v) {
  CatalogueValue c;
  c.id = id;
  c.value = v;
  c.ci_low = v;
  c.ci_high = v;
  return c;
}

// Self-contained so the fuzzer does not depend on the evidence files: the two
// interventions the example scenarios use (one full-time, one part-time, so the
// one-full-time-track rule is reachable) and a few override ids.
Catalogue fuzz_catalogue() {
  Catalogue c;
  const auto add = [&](const std::string& id, integrasim::Intensity intensity, double months) {
    InterventionType t;
    t.id = id;
    t.label = id;
    t.intensity = intensity;
    t.default_duration = value(id + ".default_duration_months", months);
    t.anticipation_months = value(id + ".anticipation_months", 1.0);
    t.full_dose_months = value(id + ".full_dose_months", months);
    t.post_half_life = value(id + ".post_half_life_months", 0.0);
    t.cost_per_month = value(id + ".cost_per_month_dkk", 1000.0);
    t.danish_gain_per_month = value(id + ".danish_gain_per_month", 0.0);
    c.interventions.push_back(t);
  };
  add("danish_education", integrasim::Intensity::part_time, 18.0);
  add("internship_private", integrasim::Intensity::full_time, 4.4);
  integrasim::EffectRow effect;
  effect.intervention = "internship_private";
  effect.hazard_ratio = value("effect.internship_private.post.employed.male", 1.5);
  c.effects.push_back(effect);
  integrasim::RuleRow rule;
  rule.unit = "DKK per month";
  rule.value = value("benefit.integration.single", 12000.0);
  c.rules.push_back(rule);
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Catalogue catalogue = fuzz_catalogue();
  static const std::string name = "fuzz.toml";
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    integrasim::guard_toml_text(text, name);
    integrasim::parse_scenario(text, name, catalogue);
  } catch (const integrasim::InputError&) {
    // Bad input reported properly: exactly what we want.
  }
  return 0;
}

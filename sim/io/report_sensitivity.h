// report.html of `integrasim sensitivity`: the tornado (which assumptions move the
// effect most) and the value of information, on the same kind of page as a run's
// (report_page.h), with the same languages.
#pragma once

#include <string>

#include "analysis/sensitivity.h"
#include "io/manifest.h"
#include "io/report_text.h"

namespace integrasim {

struct SensitivityReportInputs {
  const SensitivityResult* result = nullptr;
  const DecisionMetric* metric = nullptr;
  const Manifest* manifest = nullptr;  // scenario, seed, persons, draws, version
  ReportLanguage language = ReportLanguage::da;
};

// Parameters shown per arm in the tornado, and VOI parameters besides EVPI and the groups.
inline constexpr int k_report_tornado_rows = 15;
inline constexpr int k_report_voi_parameters = 10;

std::string sensitivity_report_html(const SensitivityReportInputs& inputs);

}  // namespace integrasim

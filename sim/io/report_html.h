// report.html: one self-contained page with a run's results for a committee — what was
// simulated, the headline numbers with their standard errors, the effect against the
// comparator and charts drawn by Chart.js. Everything is inline (Chart.js, our styles
// and our script), so the page works from any folder with no network, and it prints
// on A4. Every headline number carries its exact value in a data-value attribute.
#pragma once

#include <string>

#include "analysis/uncertainty.h"
#include "core/results.h"
#include "io/manifest.h"
#include "io/report_page.h"
#include "io/report_text.h"

namespace integrasim {

struct ReportInputs {
  const Results* results = nullptr;    // the run (point values)
  const Manifest* manifest = nullptr;  // scenario name, description, seed, version, ...
  ReportLanguage language = ReportLanguage::da;
  // With --draws: the draws and their summary; both null without.
  const DrawSet* draws = nullptr;
  const UncertaintySummary* uncertainty = nullptr;
};

// The whole page.
std::string report_html(const ReportInputs& inputs);

// The JSON the page's script draws its charts from (report_data.cpp), as text that is
// safe inside a <script> element.
std::string report_data_json(const ReportInputs& inputs);

}  // namespace integrasim

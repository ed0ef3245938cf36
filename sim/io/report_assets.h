// Our own style sheet and scripts of report.html (report_assets.cpp), inlined into the
// page like Chart.js so that it needs no other file.
#pragma once

#include <string_view>

namespace integrasim {

// The page's CSS: screen and A4 print.
std::string_view report_css();
// Runs first, in <head>: records every script error and console.error of the page in
// the attribute data-report-errors of <html>, which the browser test reads.
std::string_view report_error_catcher_js();
// Runs last: draws the charts from the JSON data block, then writes into each canvas
// the count of coloured pixels in its plot area (data-painted) and sets
// data-report-state="drawn" on <html>.
std::string_view report_charts_js();

}  // namespace integrasim

// Chart.js (Debian libjs-chart.js, UMD build), compiled in by cmake/embed_chartjs.cmake
// so that report.html needs no file beside it and no network.
#pragma once

#include <string_view>

namespace integrasim {

// The library's JavaScript source, as shipped by Debian.
std::string_view chartjs_source();

}  // namespace integrasim

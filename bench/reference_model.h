// The compiled reference benchmark scenario of `integrasim bench`, built once and shared
// by the micro-benchmarks so that they measure the same model the throughput figures in
// README.md do.
#pragma once

#include "core/compiled_model.h"

namespace integrasim::bench {

const CompiledModel& reference_model();

}  // namespace integrasim::bench

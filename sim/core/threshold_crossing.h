// When a benefit spell's run of constant hazards crosses a destination's threshold
// (docs/model.md §9): the run has had hazard `h` (per month) since `run_from` (months since
// entry) with `remaining` of the threshold left then, so it crosses after remaining / h
// months. The person simulator asks this of each segment the run is cut into.
#pragma once

namespace integrasim {

// Whether the crossing falls within a segment ending at `end` (months since entry); if so,
// `dt` is the months from run_from to it, and run_from + dt <= end. The product test is a
// cheap filter (no division for a segment that nothing crosses). The crossing time itself
// then decides, because the product can round up to accept a crossing whose time, as
// computed, lies an ulp past the end: a segment ending there must not take it (it would
// have to be clamped to the end, and the event time would depend on where the run was
// cut). The next segment of the run takes it, at the same time.
inline bool crosses_within(double run_from, double h, double remaining, double end, double& dt) {
  if (!(h * (end - run_from) >= remaining)) return false;
  dt = remaining / h;
  return run_from + dt <= end;
}

}  // namespace integrasim

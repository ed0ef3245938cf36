// The shape of a mechanism module (docs/model.md §5). Each mechanism that changes a
// person's hazards or pay while on benefit lives in one file pair here, and holds:
//
//   Params          its compiled parameters, a member of CompiledModel;
//   compile_...()   its compile step: scenario + catalogue -> Params (InputError if bad);
//   State           its per-run and per-spell state, a member of RunState, so that a run
//                   saved for prefix reuse carries it (core/prefix_reuse.h);
//   the module      a small class bound to its Params, which the person simulator holds as
//                   a plain member and calls, in a fixed order, through these hooks (each
//                   module has only the hooks it needs; all are inline, none virtual):
//     bind(variant, person, ...)     at the start of a run: constants of this arm and person
//     begin_run(state) / begin_spell(state, t, spell, ...)
//     apply(state, month, tally)     handles its events due at `month`, counting them in
//                                    the metric slot it is given; true if hazards change
//     reevaluate(state, month)       true if hazards must be recomputed now without an event
//     next_change(state, month)      first month after `month` at which it changes hazards
//                                    (k_no_change = never); segments end there
//     log_hr(destination, state, month)       added to the destination's log hazard ratio
//     extra_hazard(destination, state, month) added to the hazard, per month
//     admits(step, ...)              whether a pathway step due to start can start
//     on_benefit(state, from, to)    time on benefit passes (for what it tallies or costs)
//     costs: what it changes in the benefit paid (e.g. months_withheld(state))
//
// The order of the log_hr additions is part of the results (floating-point sums): a new
// mechanism adds its term after the existing ones (core/person_simulator.cpp,
// compute_scale_).
//
// Adding a mechanism touches: its own mechanisms/<name>.{h,cpp}; mechanisms.{h,cpp}
// (its Params and State members, its compile call); core/person_simulator.cpp (the
// module member, its bind and hook calls); for an arm-level rule, ArmRules in
// core/scenario.h and io/scenario_reader.cpp (prefix reuse and the decomposition follow
// from the value); for its own random numbers, a Purpose in core/random_streams.h and an
// accessor in core/latent_draws.h; for a parameter group, analysis/sensitivity.cpp.
#pragma once

#include <limits>

namespace integrasim {

// next_change() of a mechanism that does not change hazards by itself.
inline constexpr int k_no_change = std::numeric_limits<int>::max();

}  // namespace integrasim

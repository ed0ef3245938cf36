// The limits integrasim puts on its inputs, each defined once with the reason for its
// value. Readers and command-line checks compare against these constants and print them
// in their messages, so a limit and what the user is told about it cannot drift apart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>

namespace integrasim {

// --- messages ------------------------------------------------------------------------------

// Errors of one input file reported at once (core/diagnostics.h InputErrors), as compilers
// do: enough to fix a file in one pass, few enough that the first ones stay on the screen.
inline constexpr std::size_t k_max_reported_errors = 20;

// --- size of a run -----------------------------------------------------------------------

// Persons simulated per run. The random stream counter holds a person's index in 32 bits
// (core/random_streams.h), so indices beyond 2^32 would share draws; 10^8 stays far below
// that and is already hours of work, while Monte Carlo errors shrink only as 1/sqrt(n).
inline constexpr std::int64_t k_max_persons = 100'000'000;

// `integrasim bench --persons`: below this a run times mostly its setup, not the engine.
inline constexpr std::int64_t k_min_bench_persons = 1000;

// `integrasim bench --repeats`: the median of more runs would not change, only take longer.
inline constexpr int k_max_bench_repeats = 100;

// Months simulated per person: 50 years, a working life after arrival. Tallies and the
// labour-market series hold one entry per month, so the horizon also bounds memory.
inline constexpr int k_max_horizon_months = 600;

// Seeds: TOML integers are signed 64-bit, so a scenario file cannot hold more; the
// command line takes the same range so that every seed can be written back into a file.
inline constexpr std::int64_t k_max_seed = std::numeric_limits<std::int64_t>::max();

// Worker threads. Results do not depend on it; the bound only catches typos (a thread
// per person would exhaust the machine) and exceeds the cores of any machine we target.
inline constexpr int k_max_threads = 256;

// --- uncertainty, sensitivity, exploration ---------------------------------------------

// Parameter draws (`run --draws`, `--draw D`, `sensitivity --draws`): each draw is a whole
// simulation, and at 10^5 the Monte Carlo error of a quantile or of EVPPI is negligible.
inline constexpr int k_max_parameter_draws = 100'000;

// `explore --draws`: draws per candidate pathway, so the work is candidates times this;
// 10^4 already resolves a probability of being best to about +-0.005.
inline constexpr int k_max_explore_draws = 10'000;

// `sensitivity --cohort`, the number of persons per-person values are scaled to: more
// than any country's arrivals, and far from where doubles lose whole persons.
inline constexpr std::int64_t k_max_cohort = 1'000'000'000;

// [explore] max_pathways, the candidates simulated: each is a whole arm simulation and a
// row of explore.csv, and a million bounds both.
inline constexpr std::int64_t k_max_explore_pathways = 1'000'000;

// [explore] min_length and max_length, steps per candidate pathway: the enumeration grows
// as a power of the length, and 12 programmes in a row is already more than a benefit
// spell holds.
inline constexpr int k_max_explore_length = 12;

// The largest enumeration the explorer walks (the fractional design still visits every
// sequence once to draw its key); a double because counts saturate (explorer.h).
inline constexpr double k_max_explore_enumeration = 2e7;

// [calibration] max_iterations: Levenberg-Marquardt converges in tens of iterations when
// the problem is identified; a thousand means it is not, and each costs a simulation per
// parameter.
inline constexpr std::int64_t k_max_calibration_iterations = 1000;

// --- pathways ----------------------------------------------------------------------------

// The random index of a per-step draw is spell * k_spell_index_stride + step key (and of
// a breach of obligations, spell * stride + breach number; core/latent_draws.h), so step
// keys must stay below the stride or two spells would share draws.
inline constexpr std::uint64_t k_spell_index_stride = 4096;

// Steps of one [[pathway]]: far more than any programme offers, and below the stride.
inline constexpr int k_max_pathway_steps = 256;
static_assert(k_max_pathway_steps < static_cast<int>(k_spell_index_stride));

// --- the municipality's caseload (io/caseload_reader) -----------------------------------

// Persons (rows) of one caseload file: Denmark's largest municipality has some tens of
// thousands on integration benefit, and each row is simulated several times over
// (CaseloadSpec::simulated_per_person), so 10^6 rows leaves room for any real caseload
// while a run at 20 replicas (2*10^7 persons) stays far below k_max_persons.
inline constexpr std::size_t k_max_caseload_persons = 1'000'000;

// Months since arrival, on benefit and in the current programme: 50 years, as the horizon
// (k_max_horizon_months); a longer history is a typo (days or years in the wrong column).
inline constexpr int k_max_months_since_arrival = 600;

// --- names and messages ------------------------------------------------------------------

// Names of scenarios, arms, pathways, explorer blocks and calibration problems become
// folder names and CSV column headers; 64 characters keeps paths and columns readable.
inline constexpr std::size_t k_max_name_length = 64;

// Track names of pathway steps are short labels ("main", "language") shown beside each
// step in `check` and in messages.
inline constexpr std::size_t k_max_track_name_length = 32;

// Text quoted back in an error message is cut after this many characters so that the
// message stays on a screen.
inline constexpr std::size_t k_max_quoted_length = 60;

// --- model parameters given in a scenario --------------------------------------------------

// [frailty] variance of the gamma frailty (mean 1): at 10 most persons already have almost
// no hazard of leaving at all, so larger values describe no plausible cohort.
inline constexpr double k_max_frailty_variance = 10.0;

// A pathway step's dose (multiplier of the intervention's log hazard ratio): 10 is far
// beyond any intensity a programme could be scaled to.
inline constexpr double k_max_dose = 10.0;

// [municipality] multipliers of log hazard ratios (company collaboration, specialised
// caseworkers, caseload): 0 switches an effect off, 10 is far beyond any organisation.
inline constexpr double k_max_organisation_multiplier = 10.0;

// [uncertainty] widen factor of a catalogue interval: 100 times the published width
// already makes almost any value possible.
inline constexpr double k_max_widen_factor = 100.0;

// --- the plan's calendar ------------------------------------------------------------------

// Real arrivals in one calendar month: Denmark as a whole received about 20,000 refugees
// and family members in its peak year (2015), so a million a month in one municipality is
// certainly a typing error.
inline constexpr std::int64_t k_max_arrivals_per_month = 1'000'000;

// Simulated persons per real person (arrivals, caseload rows): Monte Carlo error falls as
// 1/sqrt(replicas), so beyond 10,000 a run only gets slower; persons stay below k_max_persons.
inline constexpr std::int64_t k_max_replicas = 10'000;

// Places in one programme: more than any municipality's whole caseload.
inline constexpr double k_max_places = 1e7;

// Real persons a synthetic cohort may stand for: Denmark's population, twice over.
inline constexpr double k_max_represented = 1e7;

}  // namespace integrasim

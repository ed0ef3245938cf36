// Limited places (docs/model.md §6): an arm may limit the places of a programme, so the
// persons of that arm interact. This is the one place where they do.
//
// The runs of an arm variant with limited places are simulated together on the plan's
// calendar. Each person runs on their own until a step with limited places falls due;
// the run then pauses (core/person_simulator.h). Month by month, the places free that
// month go to the persons asking for them, first come (the month the step first fell
// due), first served, ties broken by a fixed random order of persons. A person refused a
// place stays on benefit, keeps the anticipation effect and asks again next month, until
// they leave benefit or wait longer than the arm's max_wait_months. Nothing else is
// shared: a person's latent draws are the same in every arm, so common random numbers
// hold, and the allocation is one sequential pass, the same for any number of threads.
#pragma once

#include <cstdint>
#include <vector>

#include "core/compiled_model.h"
#include "core/queue_report.h"
#include "core/random_streams.h"
#include "core/tallies.h"

namespace integrasim {

// The outcome of every person of one arm variant with limited places.
struct CapacityWorld {
  int variant = 0;
  std::vector<double> x, w;         // per person, the metric numerators and denominators
  std::vector<double> first_job;    // per person, months since entry (infinity: none)
  Tallies counts;                   // the monthly table, if the variant records it
  std::vector<QueueReport> queues;  // per limited programme
};

// Simulates every person of `variant` (which has limited places).
CapacityWorld simulate_capacity_world(const CompiledModel& m, const TallyLayout& layout, const StreamKey& key,
                                      int variant);

}  // namespace integrasim

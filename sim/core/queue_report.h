// What the queue of a programme with limited places did (core/capacity.h), as the
// tallies carry it to the outputs.
#pragma once

#include <cstdint>
#include <vector>

namespace integrasim {

// The queue of one programme with limited places in one arm, by calendar month
// c = 0..H-1, in real persons.
struct QueueReport {
  int arm = 0;
  int intervention = 0;              // index into CompiledModel::interventions
  double places = 0.0;               // real persons at the same time
  std::vector<double> queued;        // asked for a place in month c and did not get one
  std::vector<double> starts;        // got a place in month c
  std::vector<double> in_places;     // held a place in month c
  std::vector<double> places_free;   // places left over in month c
  double due = 0.0;                  // persons whose step fell due (counted once per step)
  double started = 0.0;              // of them, persons who got a place
  double wait_months = 0.0;          // months waited, summed over those who got a place
  std::int64_t most_units_held = 0;  // the most place units held in any month (check)
  std::int64_t capacity_units = 0;
};

}  // namespace integrasim

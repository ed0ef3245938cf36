// A programme a person has completed (or left early), as the post-programme effects and
// the first-spell timelines (core/spell_timelines.h) keep it.
#pragma once

namespace integrasim {

// A completed (or interrupted) programme, for post-programme effects.
struct Completion {
  int intervention = 0;
  double end_time = 0.0;  // months since entry
  double scale = 1.0;     // dose share completed x step dose, multiplies the log HR
};

}  // namespace integrasim

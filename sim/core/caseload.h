// The municipality's own caseload (docs/model.md §7): persons already on benefit when the
// plan starts (calendar month 0), each with their own history. io/caseload_reader turns
// the caseload CSV file into this value; core/ never sees the file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/model_types.h"

namespace integrasim {

// One row of the caseload file: a real person on benefit today.
struct CaseloadPerson {
  std::string person_id;          // the municipality's own (anonymised) id, unique in the file
  PersonAttributes attrs;         // danish_level_at_entry holds the Danish level today (0-3)
  int months_since_arrival = 0;   // months since entry to Denmark (the since-entry clock), >= 0
  int months_on_benefit = 0;      // months of the current benefit spell, <= months_since_arrival
  std::string current_programme;  // catalogue intervention id the person is in today; "" = none
  int months_in_programme = 0;    // months already spent in it, <= months_on_benefit
  int line = 0;                   // line in the file (the header is line 1), for messages
};

// The caseload as a scenario holds it.
struct CaseloadSpec {
  std::string file;                        // path as the scenario names it (for messages)
  std::string sha256;                      // hash of the file's bytes (the manifest's inputs)
  std::int64_t simulated_per_person = 20;  // simulated replicas of each row, >= 1
  std::vector<CaseloadPerson> persons;
  SourcePosition where;  // the [caseload] table in the scenario file
  bool active() const { return !persons.empty(); }
};

}  // namespace integrasim

// `integrasim evidence`: the evidence catalogue as a readable table (id, value, interval,
// distribution, status, source, shortened note), optionally filtered.
#pragma once

#include <optional>
#include <string>

#include "core/catalogue.h"

namespace integrasim {

struct EvidenceFilter {
  // Rows of this intervention: its interventions.csv values, its effects and the
  // interactions it takes part in. Empty = every row.
  std::string intervention;
  // Rows that can apply to someone in this subgroup: rows whose subgroup does not
  // contradict it ("all" rows always; a "male" row not for "female"). Rows without a
  // subgroup (interventions, rules) apply to everyone.
  std::optional<Selector> subgroup;
  std::optional<EvidenceStatus> status;
};

// Builds a filter from command-line text (empty text = no filter on that field);
// InputError naming `--intervention`, `--subgroup` or `--status` with a did-you-mean hint.
EvidenceFilter parse_evidence_filter(const Catalogue& catalogue, const std::string& intervention,
                                     const std::string& subgroup, const std::string& status);

// The table, a blank line and "N of M catalogue values shown".
std::string evidence_table(const Catalogue& catalogue, const EvidenceFilter& filter);

}  // namespace integrasim

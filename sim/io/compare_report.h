// Two result folders side by side (`integrasim compare`, docs/compare.md): each metric of
// each arm x subgroup both hold, A, B, B - A and the SE sqrt(se_A^2 + se_B^2), and what
// differs between their manifests. Whether the runs are coupled by common random numbers
// decides what that SE means: the SE of the difference for independent runs, an upper
// bound (usually) for coupled ones.
#pragma once

#include <string>
#include <vector>

#include "io/result_folder.h"
#include "io/table.h"

namespace integrasim {

// One line of the manifests' differences.
struct ManifestDifference {
  std::string what;  // "seed", "input scenarios/x.toml", ...
  std::string a;     // A's value ("" = absent)
  std::string b;
  bool relevant = true;  // false: cannot change results (threads, start time, dialect)
};

struct Comparison {
  // Same seed, persons, version and git revision: the two runs drew every person's random
  // numbers alike, so they are positively correlated wherever they agree.
  bool coupled = false;
  std::vector<ManifestDifference> differences;
  std::vector<std::string> common_arms;
  Table table;  // compare.csv
};

// InputError (at the command line) when the folders have no arm in common.
Comparison compare_folders(const ResultFolder& a, const ResultFolder& b);

// The console text: headers, the manifests' differences, one block per arm x subgroup and
// the footnote on the SE.
std::string comparison_text(const Comparison& c, const ResultFolder& a, const ResultFolder& b);

}  // namespace integrasim

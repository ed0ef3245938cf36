#include "io/evidence_table.h"

#include <algorithm>
#include <array>
#include <vector>

#include "core/diagnostics.h"

namespace integrasim {
namespace {

constexpr std::size_t k_note_characters = 60;

// One catalogue value with what the filters look at.
struct Entry {
  const CatalogueValue* value = nullptr;
  Selector who;                            // "all" for rows without a subgroup
  std::vector<std::string> interventions;  // interventions the row belongs to
};

std::vector<Entry> entries_of(const Catalogue& c) {
  std::vector<Entry> out;
  for (const auto& b : c.baselines) out.push_back({&b.hazard, b.who, {}});
  for (const auto& r : c.return_hazards) out.push_back({&r.hazard, r.who, {}});
  for (const auto& v : c.covariates) {
    Selector who;
    if (!v.per_danish_level)
      who.required_level[static_cast<std::size_t>(v.dimension)] = static_cast<std::int8_t>(v.level);
    out.push_back({&v.hazard_ratio, who, {}});
  }
  for (const auto& t : c.interventions)
    for (const CatalogueValue* v : intervention_values(t)) out.push_back({v, Selector{}, {t.id}});
  for (const auto& e : c.effects) out.push_back({&e.hazard_ratio, e.who, {e.intervention}});
  for (const auto& x : c.interactions) out.push_back({&x.hazard_ratio, x.who, {x.first, x.then}});
  for (const auto& r : c.rules) out.push_back({&r.value, Selector{}, {}});
  return out;
}

// No dimension on which both constrain to different levels.
bool overlaps(const Selector& a, const Selector& b) {
  for (std::size_t d = 0; d < a.required_level.size(); ++d)
    if (a.required_level[d] >= 0 && b.required_level[d] >= 0 && a.required_level[d] != b.required_level[d])
      return false;
  return true;
}

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

std::size_t characters(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return !is_continuation(c); }));
}

// At most `limit` characters, cut at a character (not byte) boundary, with "..." if cut.
std::string shorten(const std::string& text, std::size_t limit) {
  if (characters(text) <= limit) return text;
  std::size_t kept = 0;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    if (!is_continuation(text[i])) {
      if (kept == limit - 3) break;
      ++kept;
    }
  }
  std::string out = text.substr(0, i);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out.append("...");
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out.append(", ");
    out.append(p);
  }
  return out;
}

}  // namespace

EvidenceFilter parse_evidence_filter(const Catalogue& catalogue, const std::string& intervention,
                                     const std::string& subgroup, const std::string& status) {
  const SourcePosition cli{"command line", 0, 0};
  EvidenceFilter f;
  if (!intervention.empty()) {
    if (catalogue.find_intervention(intervention) == nullptr) {
      std::vector<std::string> ids;
      for (const auto& t : catalogue.interventions) ids.push_back(t.id);
      std::string rule = std::string("an intervention id of the catalogue: ").append(join(ids));
      rule.append(did_you_mean(intervention, ids));
      fail_input(cli, "--intervention", intervention, rule);
    }
    f.intervention = intervention;
  }
  if (!subgroup.empty()) {
    std::string error;
    const auto parsed = parse_selector(subgroup, error);
    if (!parsed)
      fail_input(cli, "--subgroup", subgroup,
                 std::string("a subgroup such as 'all' or 'female & refugee' (").append(error).append(")"));
    f.subgroup = *parsed;
  }
  if (!status.empty()) {
    constexpr std::array<EvidenceStatus, 4> k_statuses = {EvidenceStatus::estimate, EvidenceStatus::derived,
                                                          EvidenceStatus::calibrated,
                                                          EvidenceStatus::placeholder};
    std::vector<std::string> names;
    for (const EvidenceStatus s : k_statuses) {
      if (name_of(s) == status) f.status = s;
      names.emplace_back(name_of(s));
    }
    if (!f.status) {
      std::string rule = std::string("one of ").append(join(names));
      rule.append(did_you_mean(status, names));
      fail_input(cli, "--status", status, rule);
    }
  }
  return f;
}

std::string evidence_table(const Catalogue& catalogue, const EvidenceFilter& filter) {
  const std::vector<Entry> entries = entries_of(catalogue);
  const std::vector<std::string> header = {"id",     "value",  "interval", "distribution",
                                           "status", "source", "note"};
  std::vector<std::vector<std::string>> rows;
  for (const Entry& e : entries) {
    const CatalogueValue& v = *e.value;
    if (!filter.intervention.empty() && std::find(e.interventions.begin(), e.interventions.end(),
                                                  filter.intervention) == e.interventions.end())
      continue;
    if (filter.subgroup && !overlaps(*filter.subgroup, e.who)) continue;
    if (filter.status && v.status != *filter.status) continue;
    std::string interval = "-";
    if (v.has_interval)
      interval = std::string("[")
                     .append(format_value(v.ci_low))
                     .append(", ")
                     .append(format_value(v.ci_high))
                     .append("]");
    rows.push_back({v.id, format_value(v.value), interval, std::string(name_of(v.distribution)),
                    std::string(name_of(v.status)), v.source, shorten(v.note, k_note_characters)});
  }

  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = characters(header[c]);
    for (const auto& row : rows) width[c] = std::max(width[c], characters(row[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out.append("  ");
      out.append(cells[c]);
      if (c + 1 < cells.size()) out.append(width[c] - characters(cells[c]), ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out.append("\n");
  };

  std::string out;
  if (!rows.empty()) {
    out.append(line(header));
    for (const auto& row : rows) out.append(line(row));
    out.append("\n");
  }
  out.append(std::to_string(rows.size()))
      .append(" of ")
      .append(std::to_string(entries.size()))
      .append(" catalogue values shown");
  if (rows.empty()) out.append(" (no value matches the filters)");
  out.append(". Full notes: `integrasim check SCENARIO` or scenarios/evidence/*.csv.\n");
  return out;
}

}  // namespace integrasim

#include "io/table.h"

#include <cmath>
#include <utility>

#include "core/diagnostics.h"

namespace integrasim {

namespace {
constexpr std::uint32_t k_no_text = 0xFFFFFFFFu;
}  // namespace

Table::Table(std::vector<TableColumn> columns)
    : columns_(std::move(columns)), recent_(columns_.size(), k_no_text) {
  if (columns_.empty()) fail_internal("a table without columns");
}

void Table::add_text(std::string_view text) {
  if (in_row_ >= columns_.size()) fail_internal("table row has more cells than columns");
  // Texts repeat down a column (arm, subgroup, kind), so the text last used in this
  // column is tried before the index of all distinct texts.
  std::uint32_t& recent = recent_[in_row_];
  if (recent == k_no_text || texts_[recent] != text) {
    const auto [it, added] = index_.try_emplace(std::string(text), static_cast<std::uint32_t>(texts_.size()));
    if (added) {
      if (texts_.size() >= k_no_text) fail_internal("table has too many distinct texts");
      texts_.emplace_back(text);
    }
    recent = it->second;
  }
  cells_.emplace_back(TextCell{recent});
  ++in_row_;
}

void Table::add_number(double value) {
  if (in_row_ >= columns_.size()) fail_internal("table row has more cells than columns");
  if (std::isnan(value)) {
    cells_.emplace_back(EmptyCell{});
  } else {
    cells_.emplace_back(value);
  }
  ++in_row_;
}

void Table::add_integer(std::int64_t value) {
  if (in_row_ >= columns_.size()) fail_internal("table row has more cells than columns");
  cells_.emplace_back(value);
  ++in_row_;
}

void Table::add_empty() {
  if (in_row_ >= columns_.size()) fail_internal("table row has more cells than columns");
  cells_.emplace_back(EmptyCell{});
  ++in_row_;
}

void Table::end_row() {
  if (in_row_ != columns_.size())
    fail_internal("table row has " + std::to_string(in_row_) + " cells for " +
                  std::to_string(columns_.size()) + " columns");
  in_row_ = 0;
}

}  // namespace integrasim

#include "io/json_text.h"

#include <nlohmann/json.hpp>

namespace integrasim {

std::string json_document(const nlohmann::ordered_json& value) {
  constexpr int k_indent = 2;
  constexpr bool k_ascii_only = false;  // UTF-8 names stay readable
  return value.dump(k_indent, ' ', k_ascii_only, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace integrasim

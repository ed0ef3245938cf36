// scenario_key_positions (io/scenario_check.h): a walk over the parsed TOML tree, kept
// apart from the printing so that only this file compiles toml++.
#include <string>

#include "io/scenario_check.h"
#include "io/toml_support.h"

namespace integrasim {
namespace {

SourcePosition position_of(const toml::source_region& region, const std::string& file) {
  return SourcePosition{file, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

void walk(const toml::table& table, const std::string& prefix, const std::string& file,
          ScenarioKeyPositions& out) {
  for (auto&& [key, node] : table) {
    const std::string path = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    out[path] = position_of(key.source(), file);
    if (const toml::table* nested = node.as_table()) {
      walk(*nested, path, file, out);
    } else if (const toml::array* array = node.as_array()) {
      std::size_t n = 0;
      for (const toml::node& element : *array) {
        ++n;
        const toml::table* t = element.as_table();
        if (t == nullptr) continue;  // an array of values: the key's position covers it
        const std::string numbered = path + "." + std::to_string(n);
        out[numbered] = position_of(t->source(), file);
        walk(*t, numbered, file, out);
      }
    }
  }
}

}  // namespace

ScenarioKeyPositions scenario_key_positions(std::string_view text, const std::string& display_name) {
  ScenarioKeyPositions out;
  walk(toml_support::parse_guarded(text, display_name), "", display_name, out);
  return out;
}

}  // namespace integrasim

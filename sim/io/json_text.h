// The one way integrasim writes JSON (manifest.json, calibration.json): nlohmann::json
// values in insertion order, printed the same way everywhere.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace integrasim {

// `value` as a JSON document: 2-space indentation, one member per line, members in the
// order they were added (so files diff cleanly), and a final newline. Numbers are
// written to round-trip exactly, NaN and infinity as null (JSON has neither), and bytes
// that are not UTF-8 (a Latin-1 path on Linux, say) as U+FFFD so the text always parses.
std::string json_document(const nlohmann::ordered_json& value);

}  // namespace integrasim

// The frame every report.html shares (a run's, a sensitivity analysis's): head with our
// styles and the error catcher, title and description, the caller's sections, footer,
// Chart.js, the JSON data block and the chart script; and the small pieces the sections
// are built from. All text from inputs goes through html_escape.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "io/manifest.h"
#include "io/report_text.h"

namespace integrasim {

// The whole page around `body` (sections of HTML); `data_json` is the text of the
// JSON block the chart script reads, already safe inside <script>.
std::string report_page(ReportLanguage language, const Manifest& manifest, const std::string& body,
                        const std::string& data_json);

// `text` with &, <, >, " and ' replaced by character references.
std::string html_escape(const std::string& text);

// `value` with `decimals` decimals, thousands grouped, in the language's convention
// (da: 1.234,5; en: 1,234.5), and a minus sign (U+2212) for negative numbers.
std::string format_number(double value, int decimals, ReportLanguage language);

// The exact value as in the CSV files (shortest round-trip form; "" for NaN).
std::string exact_number(double value);

// JSON text made safe inside a <script> element: <, > and & can only occur inside JSON
// strings, where \u escapes mean the same, so no input text can close the element or
// read as markup.
std::string script_safe_json(const std::string& json);

// <section id=...><h2>title</h2>; the caller closes the section.
void heading(std::string& page, const std::string& id, std::string_view title);
// A paragraph of explanation under a table or chart.
void note(std::string& page, std::string_view text);
// A chart's canvas in a sized box, with an optional (escaped) title above it.
void canvas(std::string& page, const std::string& id, const std::string& title = "");
// Opens a table of numbers with its header row. The labels are HTML already (escape
// input text first); the first `text_columns` are text columns, the rest numbers
// (right-aligned). The caller adds the rows and closes the table.
void numbers_table(std::string& page, const std::vector<std::string>& labels, std::size_t text_columns = 1);
// A row of a facts table; the value is HTML already.
void fact(std::string& page, std::string_view label, const std::string& escaped_value);

}  // namespace integrasim

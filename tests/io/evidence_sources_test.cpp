// Every source id the catalogue and the validation targets cite resolves to a row of the
// repository's own table of sources, scenarios/evidence/sources.csv, and every row of that
// table says who wrote what, when, where to find it and what was read, and is cited
// somewhere. Runs on a fresh clone: nothing outside the repository is read.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "io/catalogue_reader.h"
#include "io/targets_reader.h"
#include "test_support.h"

namespace integrasim {
namespace {

using integrasim::testing::source_path;

const std::vector<std::string> k_columns = {"source_id",    "authors", "year",          "title",
                                            "published_in", "url",     "what_was_read", "confidence"};

// The id the catalogue writes for a value that rests on no source (status placeholder).
const std::string k_placeholder = "placeholder";

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// RFC 4180 records, quoted fields may hold separators, doubled quotes and line breaks.
// Each record keeps the line it starts on, for messages.
struct Record {
  int line = 0;
  std::vector<std::string> fields;
};

std::vector<Record> parse_rfc4180(const std::string& text) {
  std::vector<Record> records;
  Record current{1, {""}};
  int line = 1;
  bool quoted = false;
  bool any = false;  // the current record has at least one character
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        current.fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        current.fields.back() += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      current.fields.emplace_back();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any) records.push_back(current);
      ++line;
      current = Record{line, {""}};
      any = false;
    } else {
      current.fields.back() += c;
      any = true;
    }
  }
  if (any) records.push_back(current);
  return records;
}

// The table of sources: id -> its record.
struct SourcesTable {
  std::string path;
  std::vector<std::string> header;
  std::vector<Record> rows;
};

SourcesTable read_sources() {
  SourcesTable t;
  t.path = source_path("scenarios/evidence/sources.csv");
  const auto records = parse_rfc4180(read_text(t.path));
  if (!records.empty()) {
    t.header = records.front().fields;
    t.rows.assign(records.begin() + 1, records.end());
  }
  return t;
}

std::set<std::string> known_ids(const SourcesTable& t) {
  std::set<std::string> ids;
  for (const Record& r : t.rows)
    if (!r.fields.empty()) ids.insert(r.fields[0]);
  return ids;
}

std::vector<std::string> split_ids(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, ';');) {
    const auto b = part.find_first_not_of(' ');
    const auto e = part.find_last_not_of(' ');
    out.push_back(b == std::string::npos ? "" : part.substr(b, e - b + 1));
  }
  return out;
}

// A citation and where it stands, for messages.
struct Citation {
  std::string id;
  std::string where;  // file:line and which field
};

// The ids a catalogue value cites: its source column, and its note's [ID] or [ID1;ID2].
void add_value_citations(const CatalogueValue& v, std::vector<Citation>& out) {
  const std::string where = v.file + ":" + std::to_string(v.line);
  for (const auto& id : split_ids(v.source)) out.push_back({id, where + " source"});
  for (std::size_t open = v.note.find('['); open != std::string::npos; open = v.note.find('[', open + 1)) {
    const std::size_t close = v.note.find(']', open);
    if (close == std::string::npos) {
      out.push_back({v.note.substr(open), where + " note (no closing bracket)"});
      return;
    }
    for (const auto& id : split_ids(v.note.substr(open + 1, close - open - 1)))
      out.push_back({id, where + " note"});
  }
}

std::vector<Citation> catalogue_citations() {
  std::vector<Citation> out;
  const Catalogue c = read_catalogue_dir(source_path("scenarios/evidence"));
  for (const CatalogueValue* v : c.all_values()) add_value_citations(*v, out);
  return out;
}

std::vector<Citation> target_citations() {
  std::vector<Citation> out;
  for (const Target& t : read_targets(source_path("scenarios/validation/targets.csv")))
    for (const auto& id : split_ids(t.source))
      out.push_back({id, t.file + ":" + std::to_string(t.line) + " source"});
  return out;
}

// Citations whose id is not in `known`: "where: 'id'" each.
std::vector<std::string> unresolved(const std::vector<Citation>& citations,
                                    const std::set<std::string>& known) {
  std::vector<std::string> out;
  for (const Citation& c : citations)
    if (known.count(c.id) == 0) out.push_back(c.where + ": '" + c.id + "'");
  return out;
}

bool is_id_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Whether `text` names `id` as a whole token: not inside a longer id such as BM16-10
// for BM16-1, or XBM16-1.
bool names_id(const std::string& text, const std::string& id) {
  for (std::size_t at = text.find(id); at != std::string::npos; at = text.find(id, at + 1)) {
    const bool clean_before = at == 0 || !(is_id_char(text[at - 1]) || text[at - 1] == '-');
    const std::size_t end = at + id.size();
    const bool clean_after = end == text.size() || !is_id_char(text[end]);
    if (clean_before && clean_after) return true;
  }
  return false;
}

// Every text file under scenarios/ except the table of sources itself: catalogue,
// targets, reference designs and example scenarios, whose comments also cite ids.
std::string scenario_texts() {
  std::string all;
  const std::filesystem::path sources = source_path("scenarios/evidence/sources.csv");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(source_path("scenarios"))) {
    if (!entry.is_regular_file() || std::filesystem::equivalent(entry.path(), sources)) continue;
    const auto ext = entry.path().extension();
    if (ext == ".csv" || ext == ".toml") all += read_text(entry.path().string()) + "\n";
  }
  return all;
}

// Rows no citation and no scenario text names.
std::vector<std::string> orphans(const SourcesTable& t, const std::vector<Citation>& citations,
                                 const std::string& texts) {
  std::set<std::string> cited;
  for (const Citation& c : citations) cited.insert(c.id);
  std::vector<std::string> out;
  for (const Record& r : t.rows) {
    const std::string& id = r.fields[0];
    if (cited.count(id) == 0 && !names_id(texts, id))
      out.push_back(t.path + ":" + std::to_string(r.line) + ": '" + id + "'");
  }
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "\n  " + l;
  return out;
}

TEST(EvidenceSources, TableHasTheDocumentedColumnsAndCompleteRows) {
  const SourcesTable t = read_sources();
  ASSERT_EQ(t.header, k_columns) << t.path;
  ASSERT_FALSE(t.rows.empty()) << t.path;
  std::map<std::string, int> first_line;
  for (const Record& r : t.rows) {
    const std::string where = t.path + ":" + std::to_string(r.line) + ": ";
    ASSERT_EQ(r.fields.size(), k_columns.size()) << where << "fields";
    const std::string& id = r.fields[0];
    EXPECT_FALSE(id.empty()) << where << "source_id";
    const auto [it, fresh] = first_line.emplace(id, r.line);
    EXPECT_TRUE(fresh) << where << "source_id '" << id << "' also on line " << it->second;
    // authors, year, title, published_in, url (a link, or why there is none), what_was_read
    for (std::size_t k = 1; k + 1 < k_columns.size(); ++k)
      EXPECT_FALSE(r.fields[k].empty()) << where << k_columns[k] << " of '" << id << "' is empty";
    const std::string& confidence = r.fields[7];
    if (id == k_placeholder) {
      EXPECT_EQ(confidence, "none") << where << "the placeholder row rests on nothing";
    } else {
      EXPECT_TRUE(confidence == "read" || confidence == "secondary" || confidence == "recalled")
          << where << "confidence of '" << id << "' is '" << confidence
          << "', but must be read, secondary or recalled";
    }
  }
  EXPECT_EQ(first_line.count(k_placeholder), 1U) << "the catalogue's placeholder id must resolve";
}

TEST(EvidenceSources, EveryCatalogueCitationResolves) {
  const auto missing = unresolved(catalogue_citations(), known_ids(read_sources()));
  EXPECT_TRUE(missing.empty()) << "not in scenarios/evidence/sources.csv:" << joined(missing);
}

TEST(EvidenceSources, EveryTargetCitationResolves) {
  const auto citations = target_citations();
  ASSERT_FALSE(citations.empty());
  const auto missing = unresolved(citations, known_ids(read_sources()));
  EXPECT_TRUE(missing.empty()) << "not in scenarios/evidence/sources.csv:" << joined(missing);
}

TEST(EvidenceSources, EveryRowIsCited) {
  std::vector<Citation> citations = catalogue_citations();
  const auto targets = target_citations();
  citations.insert(citations.end(), targets.begin(), targets.end());
  const auto unused = orphans(read_sources(), citations, scenario_texts());
  EXPECT_TRUE(unused.empty()) << "rows nothing cites:" << joined(unused);
}

// The checks above can fail: a misspelt citation and an uncited row are caught.
TEST(EvidenceSources, ChecksCatchAWrongIdAndAnOrphanRow) {
  const SourcesTable t = read_sources();
  std::vector<Citation> citations = catalogue_citations();
  citations.push_back({"BM16-01", "planted"});
  EXPECT_EQ(unresolved(citations, known_ids(t)), std::vector<std::string>{"planted: 'BM16-01'"});

  SourcesTable planted = t;
  planted.rows.push_back({9999, {"NOBODY-1", "a", "2000", "t", "p", "u", "w", "read"}});
  const auto unused = orphans(planted, citations, scenario_texts());
  ASSERT_EQ(unused.size(), 1U);
  EXPECT_NE(unused.front().find("'NOBODY-1'"), std::string::npos);
}

TEST(EvidenceSources, NamesIdMatchesWholeIdsOnly) {
  EXPECT_TRUE(names_id("see [BM16-1;BM16-2]", "BM16-1"));
  EXPECT_TRUE(names_id("(HHR-T1-3a).", "HHR-T1-3a"));
  EXPECT_FALSE(names_id("BM16-10", "BM16-1"));
  EXPECT_FALSE(names_id("XBM16-1", "BM16-1"));
  EXPECT_FALSE(names_id("HHR-T1-11a", "HHR-T1-1"));
}

TEST(EvidenceSources, Rfc4180QuotingIsRead) {
  const auto r = parse_rfc4180("a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\r\nlast,row");
  ASSERT_EQ(r.size(), 3U);
  EXPECT_EQ(r[1].fields, (std::vector<std::string>{"x, \"y\"", "two\nlines"}));
  EXPECT_EQ(r[1].line, 2);
  EXPECT_EQ(r[2].line, 4);
}

}  // namespace
}  // namespace integrasim

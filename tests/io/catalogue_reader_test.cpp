// The shipped evidence catalogue loads (evidence_sources_test.cpp checks its source ids),
// and every validation of io/catalogue_reader fires with file, line and column
// (docs/developing.md principle 7): each case copies the shipped files and breaks one field.
#include "io/catalogue_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "core/diagnostics.h"
#include "core/mechanisms/danish_progression.h"
#include "test_support.h"

namespace integrasim {
namespace {

using integrasim::testing::make_temp_dir;
using integrasim::testing::source_path;

const std::vector<std::string> k_files = {
    "baseline_hazards.csv", "return_hazards.csv", "covariates.csv", "interventions.csv",
    "effects.csv",          "interactions.csv",   "rules.csv"};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A CSV file as rows of fields; row 0 is the header, so row i is on line i + 1.
// The catalogue files have no line breaks inside fields, which keeps this small.
using CsvDoc = std::vector<std::vector<std::string>>;

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

CsvDoc parse_csv(const std::string& text) {
  CsvDoc doc;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) doc.push_back(split_csv_line(line));
  }
  return doc;
}

std::string write_csv(const CsvDoc& doc) {
  std::string out;
  for (const auto& row : doc) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += ',';
      const std::string& f = row[i];
      if (f.find_first_of(",\"") == std::string::npos) {
        out += f;
        continue;
      }
      out += '"';
      for (const char c : f) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
      out += '"';
    }
    out += '\n';
  }
  return out;
}

// The shipped catalogue, editable in memory and written to a fresh directory.
class Fixture {
 public:
  Fixture() {
    for (const auto& f : k_files) docs_[f] = parse_csv(read_text(source_path("scenarios/evidence/" + f)));
  }

  // Sets `column` of the row whose id is `id`; returns that row's line.
  int set(const std::string& file, const std::string& id, const std::string& column,
          const std::string& value) {
    CsvDoc& doc = docs_.at(file);
    const std::size_t col = column_index(doc, column);
    for (std::size_t r = 1; r < doc.size(); ++r) {
      if (doc[r][0] != id) continue;
      doc[r][col] = value;
      return static_cast<int>(r) + 1;
    }
    ADD_FAILURE() << "no row '" << id << "' in " << file;
    return 0;
  }

  // Removes `column` from the header and every row.
  void drop_column(const std::string& file, const std::string& column) {
    CsvDoc& doc = docs_.at(file);
    const std::size_t col = column_index(doc, column);
    for (auto& row : doc) row.erase(row.begin() + static_cast<std::ptrdiff_t>(col));
  }

  CsvDoc& doc(const std::string& file) { return docs_.at(file); }
  void set_raw(const std::string& file, const std::string& text) { raw_[file] = text; }
  void remove(const std::string& file) { removed_.insert(file); }

  std::string write() const {
    const std::string dir = make_temp_dir("catalogue");
    for (const auto& [file, doc] : docs_) {
      if (removed_.count(file) > 0) continue;
      const auto raw = raw_.find(file);
      std::ofstream(dir + "/" + file, std::ios::binary) << (raw != raw_.end() ? raw->second : write_csv(doc));
    }
    return dir;
  }

 private:
  static std::size_t column_index(const CsvDoc& doc, const std::string& column) {
    for (std::size_t c = 0; c < doc[0].size(); ++c)
      if (doc[0][c] == column) return c;
    ADD_FAILURE() << "no column '" << column << "'";
    return 0;
  }

  std::map<std::string, CsvDoc> docs_;
  std::map<std::string, std::string> raw_;
  std::set<std::string> removed_;
};

// ---------------------------------------------------------------------------------------
// The shipped catalogue
// ---------------------------------------------------------------------------------------

TEST(CatalogueReader, ShippedCatalogueLoads) {
  const Catalogue c = read_catalogue_dir(source_path("scenarios/evidence"));
  EXPECT_FALSE(c.baselines.empty());
  EXPECT_FALSE(c.return_hazards.empty());
  EXPECT_FALSE(c.covariates.empty());
  EXPECT_FALSE(c.interventions.empty());
  EXPECT_FALSE(c.effects.empty());
  EXPECT_FALSE(c.interactions.empty());
  EXPECT_FALSE(c.rules.empty());
  for (const CatalogueValue* v : c.all_values()) {
    EXPECT_FALSE(v->id.empty());
    EXPECT_NE(v->file.find(".csv"), std::string::npos) << v->id;
    EXPECT_GT(v->line, 1) << v->id;
    EXPECT_LE(v->ci_low, v->value) << v->id;
    EXPECT_GE(v->ci_high, v->value) << v->id;
  }
}

TEST(CatalogueReader, ValuesKeepFileLineAndProvenance) {
  const Catalogue c = read_catalogue_dir(source_path("scenarios/evidence"));
  const auto& b = c.baselines.front();
  EXPECT_EQ(b.hazard.id, "baseline.employed.male.refugee.job_ready.m00_12");
  EXPECT_EQ(b.hazard.line, 2);
  EXPECT_EQ(b.from_month, 0);
  EXPECT_EQ(b.to_month, 12);
  EXPECT_EQ(b.who.to_string(), "male & refugee & job_ready");
  EXPECT_EQ(b.hazard.status, EvidenceStatus::calibrated);  // scenarios/calibration/baselines.toml

  const InterventionType* igu = c.find_intervention("igu");
  ASSERT_NE(igu, nullptr);
  EXPECT_EQ(igu->default_duration.id, "igu.default_duration_months");
  EXPECT_EQ(igu->default_duration.value, 24.0);
  EXPECT_EQ(igu->cost_per_month.id, "igu.cost_per_month_dkk");
  EXPECT_EQ(igu->default_duration.source, igu->cost_per_month.source);
  EXPECT_EQ(c.find_intervention("no_such_thing"), nullptr);

  for (const auto& e : c.effects) {
    if (e.hazard_ratio.id != "effect.meetings.lock_in.employed.job_ready") continue;
    EXPECT_TRUE(e.hazard_ratio.has_interval);
    EXPECT_EQ(e.hazard_ratio.distribution, Distribution::lognormal);
    EXPECT_EQ(e.hazard_ratio.ci_low, 1.094);  // the calibration's interval (programme_effects.toml)
    EXPECT_EQ(e.hazard_ratio.ci_high, 1.845);
  }
}

TEST(CatalogueReader, AllValuesListsEveryRowAndSevenPerIntervention) {
  Catalogue c = read_catalogue_dir(source_path("scenarios/evidence"));
  const std::size_t rows = c.baselines.size() + c.return_hazards.size() + c.covariates.size() +
                           c.effects.size() + c.interactions.size() + c.rules.size();
  const auto values = c.all_values();
  EXPECT_EQ(values.size(), rows + 7 * c.interventions.size());
  std::set<std::string> ids;
  for (const auto* v : values) ids.insert(v->id);
  EXPECT_EQ(ids.size(), values.size()) << "ids are unique";

  const auto mutable_values = c.all_values_mutable();
  ASSERT_EQ(mutable_values.size(), values.size());
  mutable_values.front()->value = 0.5;
  EXPECT_EQ(c.baselines.front().hazard.value, 0.5);
}

TEST(CatalogueReader, EmbeddedCatalogueEqualsTheFiles) {
  const Catalogue files = read_catalogue_dir(source_path("scenarios/evidence"));
  const Catalogue embedded = read_embedded_catalogue();
  const auto a = files.all_values();
  const auto b = embedded.all_values();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i]->id, b[i]->id);
    EXPECT_EQ(a[i]->value, b[i]->value);
  }
  EXPECT_NE(b.front()->file.find("<built-in evidence/baseline_hazards.csv>"), std::string::npos);
}

TEST(CatalogueReader, EveryRequiredInterventionTypeExists) {
  const Catalogue c = read_catalogue_dir(source_path("scenarios/evidence"));
  for (const char* id : {"danish_education", "meetings", "internship_private", "internship_public",
                         "wage_subsidy_private", "wage_subsidy_public", "guidance", "upskilling",
                         "sector_upskilling", "education_activation", "health_clarification", "igu"})
    EXPECT_NE(c.find_intervention(id), nullptr) << id;
}

TEST(CatalogueReader, GuessesAreMarkedAsPlaceholders) {
  const Catalogue c = read_catalogue_dir(source_path("scenarios/evidence"));
  for (const CatalogueValue* v : c.all_values())
    EXPECT_EQ(v->status == EvidenceStatus::placeholder, v->source == "placeholder") << v->id;
}

TEST(CatalogueReader, EnumNames) {
  EXPECT_EQ(name_of(Phase::anticipation), "anticipation");
  EXPECT_EQ(name_of(Phase::lock_in), "lock_in");
  EXPECT_EQ(name_of(Phase::post), "post");
  EXPECT_EQ(name_of(Intensity::full_time), "full_time");
  EXPECT_EQ(name_of(Intensity::part_time), "part_time");
  EXPECT_EQ(name_of(Distribution::fixed), "fixed");
  EXPECT_EQ(name_of(Distribution::lognormal), "lognormal");
  EXPECT_EQ(name_of(Distribution::beta), "beta");
  EXPECT_EQ(name_of(Distribution::gamma), "gamma");
  EXPECT_EQ(name_of(Distribution::normal), "normal");
  EXPECT_EQ(name_of(EvidenceStatus::estimate), "estimate");
  EXPECT_EQ(name_of(EvidenceStatus::derived), "derived");
  EXPECT_EQ(name_of(EvidenceStatus::calibrated), "calibrated");
  EXPECT_EQ(name_of(EvidenceStatus::placeholder), "placeholder");
}

TEST(CatalogueReader, DefaultScenarioIsEmbedded) {
  EXPECT_FALSE(embedded_default_scenario().empty());
}

// ---------------------------------------------------------------------------------------
// Every validation: break one field, expect file, line, column and rule in the message
// ---------------------------------------------------------------------------------------

struct BrokenCase {
  std::string name;                     // test name
  std::string file;                     // file the error is reported in
  std::function<int(Fixture&)> mutate;  // breaks the fixture; returns the expected line
  std::string column;                   // column named in the message ("" = none)
  std::string rule;                     // a fragment of the message
};

// How gtest shows a case in test listings (instead of its raw bytes).
void PrintTo(const BrokenCase& c, std::ostream* os) {
  *os << c.name;
}

// Shorthand for the common case: one field of one row.
BrokenCase field(std::string name, std::string file, std::string id, std::string column, std::string value,
                 std::string rule) {
  auto mutate = [file, id, column, value](Fixture& f) { return f.set(file, id, column, value); };
  return {std::move(name), file, mutate, column, std::move(rule)};
}

// As field(), when the error is reported in another column than the one broken.
BrokenCase field_reported_at(std::string name, std::string file, std::string id, std::string column,
                             std::string value, std::string reported_column, std::string rule) {
  BrokenCase c = field(std::move(name), std::move(file), std::move(id), std::move(column), std::move(value),
                       std::move(rule));
  c.column = std::move(reported_column);
  return c;
}

const std::string k_b0 = "baseline.employed.male.refugee.job_ready.m00_12";
const std::string k_b1 = "baseline.employed.male.refugee.job_ready.m12_24";
const std::string k_b2 = "baseline.employed.male.refugee.job_ready.m24_36";
const std::string k_b3 = "baseline.employed.male.refugee.job_ready.m36_up";
// A placeholder row with a lognormal interval (value 2, 1.84-2.5).
const std::string k_ranged = "effect.wage_subsidy_private.post.employed.all";
const std::string k_post = "effect.internship_private.post.employed.male";
const std::string k_rule = "benefit.single_provider.dkk_per_month";
const std::string k_share = "reimbursement.share.weeks_01_04";
const std::string k_x1 = "interaction.danish_education.internship_private.employed.all";
const std::string k_x2 = "interaction.internship_private.wage_subsidy_private.employed.all";
const std::string k_age40 = "covariate.employed.age_band.age_40_49";

std::vector<BrokenCase> broken_cases() {
  std::vector<BrokenCase> cases = {
      // --- structure, reported by the CSV library and translated ---
      {"MissingColumn", "rules.csv",
       [](Fixture& f) {
         f.drop_column("rules.csv", "note");
         return 1;
       },
       "note", "missing from the header"},
      {"ExtraColumn", "rules.csv",
       [](Fixture& f) {
         for (auto& row : f.doc("rules.csv")) row.push_back("x");
         f.doc("rules.csv")[0].back() = "notes";
         return 1;
       },
       "notes", "not a column of this file (did you mean 'note'?)"},
      {"DuplicatedColumn", "rules.csv",
       [](Fixture& f) {
         f.doc("rules.csv")[0][8] = "source";
         return 1;
       },
       "source", "appears twice"},
      {"TooManyFields", "rules.csv",
       [](Fixture& f) {
         f.doc("rules.csv")[2].push_back("x");
         return 3;
       },
       "", "more fields than the header"},
      {"TooFewFields", "rules.csv",
       [](Fixture& f) {
         f.doc("rules.csv")[2].pop_back();
         return 3;
       },
       "", "fewer fields than the header"},
      {"UnclosedQuote", "rules.csv",
       [](Fixture& f) {
         f.set_raw("rules.csv",
                   "id,unit,value,ci_low,ci_high,distribution,source,status,note\n"
                   "a,DKK,1,,,fixed,placeholder,placeholder,\"unclosed\n");
         return 2;
       },
       "", "quoted field is not closed"},
      // Any other library error keeps the library's text but gains our file:line prefix.
      {"LineTooLong", "rules.csv",
       [](Fixture& f) {
         f.set("rules.csv", k_rule, "note", std::string((std::size_t{1} << 24) + 1, 'x'));
         return 2;
       },
       "", "exceeds the maximum length"},
      {"HeaderMissing", "interactions.csv",
       [](Fixture& f) {
         f.set_raw("interactions.csv", "");
         return 1;
       },
       "", "header line is missing"},
      {"FileMissing", "rules.csv",
       [](Fixture& f) {
         f.remove("rules.csv");
         return 0;
       },
       "", "cannot read file (No such file or directory)"},

      // --- numbers and required fields ---
      field("NotANumber", "rules.csv", k_rule, "value", "12437 DKK", "a number such as"),
      field("NotANumberNaN", "rules.csv", k_rule, "value", "nan", "a finite number"),
      field("NotANumberInf", "rules.csv", k_rule, "value", "inf", "a finite number"),
      field("EmptyValue", "rules.csv", k_rule, "value", "", "a number (the column is required)"),
      field("EmptyId", "baseline_hazards.csv", k_b0, "id", "", "the column is required"),
      field("EmptyLabel", "interventions.csv", "igu", "label", "", "the column is required"),
      field("EmptyUnit", "rules.csv", k_rule, "unit", "", "the column is required"),
      field("EmptySource", "rules.csv", k_rule, "source", "", "the column is required"),
      field("MonthNotWhole", "baseline_hazards.csv", k_b1, "from_month", "12.5", "a whole number of months"),
      field("MonthNegative", "baseline_hazards.csv", k_b0, "from_month", "-1", "a whole number of months"),
      field("MonthEmpty", "baseline_hazards.csv", k_b0, "from_month", "",
            "a whole number of months (the column is required)"),
      field("InterventionNumberNotANumber", "interventions.csv", "igu", "cost_per_month_dkk", "many",
            "a number such as"),

      // --- names ---
      field("UnknownDestination", "baseline_hazards.csv", k_b0, "destination", "employd",
            "did you mean 'employed'?"),
      field("UnknownReturnKind", "return_hazards.csv", "return.job_loss.all.m00_06", "kind", "job_los",
            "did you mean 'job_loss'?"),
      field("UnknownPhase", "effects.csv", k_post, "phase", "lockin", "did you mean 'lock_in'?"),
      field("UnknownIntensity", "interventions.csv", "igu", "intensity", "fulltime",
            "did you mean 'full_time'?"),
      field("UnknownKind", "interventions.csv", "igu", "kind", "compnay", "did you mean 'company'?"),
      field("UnknownDistribution", "rules.csv", k_rule, "distribution", "lognorml",
            "did you mean 'lognormal'?"),
      field("UnknownStatus", "rules.csv", k_rule, "status", "estimated", "did you mean 'estimate'?"),
      field("UnknownDimension", "covariates.csv", k_age40, "dimension", "sex",
            "one of age_band, education, health, children, danish_level"),
      field("UnknownLevel", "covariates.csv", k_age40, "level", "age_40_50", "did you mean 'age_40_49'?"),
      field("DanishLevelNotPerLevel", "covariates.csv", "covariate.employed.danish_level.per_level", "level",
            "level_1", "one of per_level"),
      field("BadSelector", "effects.csv", k_post, "who", "mael", "did you mean 'male'?"),
      field("UnknownIntervention", "effects.csv", k_post, "intervention", "internship_privat",
            "did you mean 'internship_private'?"),
      field("UnknownInteractionFirst", "interactions.csv", k_x1, "first", "danish",
            "an id from interventions.csv"),
      field("UnknownInteractionThen", "interactions.csv", k_x1, "then", "internship",
            "an id from interventions.csv"),

      // --- ids and keys ---
      field("DuplicateIdAcrossFiles", "rules.csv", k_rule, "id", "baseline.exit.all",
            "unique across the catalogue (already used at"),
      field("DuplicateInterventionValueId", "rules.csv", k_rule, "id", "igu.default_duration_months",
            "unique across the catalogue"),
      field("DuplicateEffect", "effects.csv", "effect.meetings.lock_in.employed.activity_ready", "who",
            "job_ready", "unique per intervention, phase, destination and who"),
      field("DuplicateCovariate", "covariates.csv", k_age40, "level", "age_30_39",
            "unique per destination, dimension and level"),
      {"DuplicateInteraction", "interactions.csv",
       [](Fixture& f) {
         f.set("interactions.csv", k_x2, "first", "danish_education");
         return f.set("interactions.csv", k_x2, "then", "internship_private");
       },
       "who", "unique per first, then, destination and who"},

      // --- intervals and distributions ---
      field("CiLowAboveValue", "effects.csv", k_ranged, "ci_low", "2.05", "<= value (2)"),
      field("CiHighBelowValue", "effects.csv", k_ranged, "ci_high", "1.95", ">= value (2)"),
      field("OnlyCiLow", "effects.csv", k_ranged, "ci_high", "", "an interval needs both ends"),
      field("OnlyCiHigh", "effects.csv", k_ranged, "ci_low", "", "an interval needs both ends"),
      field("DistributionWithoutInterval", "rules.csv", k_rule, "distribution", "gamma",
            "fixed when no interval"),
      field("LognormalNotPositive", "effects.csv", k_ranged, "ci_low", "0", "lognormal values are positive"),
      {"BetaBelowZero", "rules.csv",
       [](Fixture& f) {
         f.set("rules.csv", k_share, "ci_low", "-0.1");
         f.set("rules.csv", k_share, "ci_high", "0.9");
         return f.set("rules.csv", k_share, "distribution", "beta");
       },
       "ci_low", "beta values are shares in [0, 1]"},
      {"BetaAboveOne", "rules.csv",
       [](Fixture& f) {
         f.set("rules.csv", k_share, "ci_low", "0.7");
         f.set("rules.csv", k_share, "ci_high", "1.1");
         return f.set("rules.csv", k_share, "distribution", "beta");
       },
       "ci_high", "<= 1 (beta values are shares in [0, 1])"},

      // --- provenance ---
      field("SourceEmptyPart", "effects.csv", k_post, "source", "BM16-1;", "one of them is empty"),
      field("SourcePlaceholderMixed", "effects.csv", k_ranged, "source", "placeholder;MRS12-1",
            "either 'placeholder' alone or evidence ids"),
      field_reported_at("PlaceholderStatusWithSource", "effects.csv", k_post, "status", "placeholder",
                        "source", "'placeholder' when status is placeholder"),
      field("PlaceholderSourceWithStatus", "effects.csv", k_ranged, "status", "estimate",
            "placeholder when source is 'placeholder'"),

      // --- value ranges ---
      field("NegativeHazard", "baseline_hazards.csv", "baseline.exit.all", "value", "-0.01",
            ">= 0 (a hazard per month)"),
      {"NegativeHazardInterval", "return_hazards.csv",
       [](Fixture& f) {
         const std::string id = "return.job_loss.all.m00_06";
         f.set("return_hazards.csv", id, "ci_low", "-0.01");
         f.set("return_hazards.csv", id, "ci_high", "0.05");
         return f.set("return_hazards.csv", id, "distribution", "normal");
       },
       "ci_low", ">= 0 (a hazard per month)"},
      field("EffectRatioZero", "effects.csv", "effect.internship_public.post.employed.all", "value", "0",
            "> 0 (a hazard ratio)"),
      field("CovariateRatioNegative", "covariates.csv", k_age40, "value", "-1", "> 0 (a hazard ratio)"),
      field("InteractionRatioZero", "interactions.csv", k_x1, "value", "0", "> 0 (a hazard ratio)"),
      field_reported_at("ReferenceLevelNotOne", "covariates.csv", k_age40, "level", "age_18_29", "value",
                        "1 for the reference level age_18_29"),
      field("DurationZero", "interventions.csv", "igu", "default_duration_months", "0", "> 0"),
      field("AnticipationNegative", "interventions.csv", "igu", "anticipation_months", "-1", ">= 0"),
      field("FullDoseZero", "interventions.csv", "igu", "full_dose_months", "0", "> 0"),
      field("HalfLifeNegative", "interventions.csv", "igu", "post_half_life_months", "-2",
            ">= 0 (months; 0 = no decay)"),
      field("CostNegative", "interventions.csv", "igu", "cost_per_month_dkk", "-1", ">= 0"),
      field("DanishGainNegative", "interventions.csv", "igu", "danish_gain_per_month", "-0.1", ">= 0"),
      field("EffectLimitNegative", "interventions.csv", "meetings", "effect_until_spell_month", "-1",
            ">= 0 (months of the benefit spell; 0 = always)"),

      // --- pieces of piecewise-constant hazards ---
      field("PieceEndsBeforeStart", "baseline_hazards.csv", k_b1, "to_month", "12", "> from_month (12)"),
      field("PiecesGap", "baseline_hazards.csv", k_b1, "from_month", "13", "gap"),
      field("PiecesOverlap", "baseline_hazards.csv", k_b1, "from_month", "11", "overlap"),
      field("PiecesNotFromZero", "baseline_hazards.csv", k_b0, "from_month", "1", "must start at month 0"),
      field("PiecesNotOpenEnded", "baseline_hazards.csv", k_b3, "to_month", "48", "must be open-ended"),
      {"PieceAfterOpenEnded", "baseline_hazards.csv",
       [](Fixture& f) {
         f.set("baseline_hazards.csv", k_b2, "to_month", "");
         return f.set("baseline_hazards.csv", k_b3, "id", k_b3);  // reported at the next piece
       },
       "from_month", "already end with the open-ended piece"},
      field("ReturnPiecesGap", "return_hazards.csv", "return.job_loss.all.m06_12", "from_month", "7", "gap"),
  };
  return cases;
}

class CatalogueBroken : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(CatalogueBroken, ReportsFileLineAndColumn) {
  const BrokenCase& c = GetParam();
  Fixture fixture;
  const int line = c.mutate(fixture);
  const std::string dir = fixture.write();
  try {
    (void)read_catalogue_dir(dir);
    FAIL() << "no InputError for " << c.name;
  } catch (const InputError& e) {
    const std::string message = e.what();
    const std::string position = dir + "/" + c.file + (line > 0 ? ":" + std::to_string(line) + ": " : ": ");
    EXPECT_EQ(message.rfind(position, 0), 0U) << message << "\nexpected to start with " << position;
    if (!c.column.empty()) {
      EXPECT_NE(message.find("column '" + c.column + "'"), std::string::npos) << message;
    }
    EXPECT_NE(message.find(c.rule), std::string::npos) << message << "\nexpected: " << c.rule;
  }
}

INSTANTIATE_TEST_SUITE_P(CatalogueChecks, CatalogueBroken, ::testing::ValuesIn(broken_cases()),
                         [](const ::testing::TestParamInfo<BrokenCase>& param) { return param.param.name; });

TEST(CatalogueReader, AcceptsReorderedColumnsAndBlankLines) {
  Fixture fixture;
  // Swap two columns of rules.csv in every row and add a blank line at the end.
  for (auto& row : fixture.doc("rules.csv")) std::swap(row[0], row[8]);
  fixture.set_raw("rules.csv", write_csv(fixture.doc("rules.csv")) + "\n\n");
  const Catalogue c = read_catalogue_dir(fixture.write());
  EXPECT_EQ(c.rules.front().value.id, k_rule);
  EXPECT_EQ(c.rules.front().value.value, 12437.0);
}

TEST(CatalogueReader, ErrorsInTheEmbeddedCatalogueNameTheBuiltInFile) {
  // The embedded files are valid; the name format is checked through a value's file.
  const Catalogue c = read_embedded_catalogue();
  EXPECT_EQ(c.rules.front().value.file, "<built-in evidence/rules.csv>");
}

// The whole message read_catalogue_dir gives for the catalogue in `dir`.
std::string catalogue_error(const std::string& dir) {
  try {
    (void)read_catalogue_dir(dir);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

// issue 12 item 13: a bad field names the file, the line, the column and the value.
TEST(CatalogueReader, ABadNumberNamesFileLineColumnAndValue) {
  Fixture fixture;
  const int line = fixture.set("baseline_hazards.csv", k_b1, "value", "abc");
  const std::string dir = fixture.write();
  EXPECT_EQ(catalogue_error(dir),
            dir + "/baseline_hazards.csv:" + std::to_string(line) +
                ": column 'value' is 'abc', but must be a number such as 0.25, -4.6 or 1e-3");
}

TEST(CatalogueReader, AnEscapeSequenceInAFieldIsShownEscaped) {
  Fixture fixture;
  const int line = fixture.set("effects.csv", k_post, "status", "est\x1b[2Jimate");
  const std::string dir = fixture.write();
  EXPECT_EQ(catalogue_error(dir), dir + "/effects.csv:" + std::to_string(line) +
                                      ": column 'status' is 'est\\x1b[2Jimate', but must be one of estimate, "
                                      "derived, calibrated, placeholder");
}

}  // namespace
}  // namespace integrasim

namespace integrasim {
namespace {

// issue 12 item 14: every bad row of every file is reported, one per line, in file order;
// the first line is the message the first error gives alone.
TEST(CatalogueReaderAllErrors, EveryBadRowOfEveryFileIsReported) {
  Fixture fixture;
  const int first = fixture.set("baseline_hazards.csv", k_b1, "value", "abc");
  const int second = fixture.set("effects.csv", k_post, "status", "guess");
  const int third = fixture.set("rules.csv", "benefit.single_provider.dkk_per_month", "value", "-");
  const std::string dir = fixture.write();
  EXPECT_EQ(
      catalogue_error(dir),
      dir + "/baseline_hazards.csv:" + std::to_string(first) +
          ": column 'value' is 'abc', but must be a number such as 0.25, -4.6 or 1e-3\n" + dir +
          "/effects.csv:" + std::to_string(second) +
          ": column 'status' is 'guess', but must be one of estimate, derived, calibrated, placeholder\n" +
          dir + "/rules.csv:" + std::to_string(third) +
          ": column 'value' is '-', but must be a number such as 0.25, -4.6 or 1e-3");
}

TEST(CatalogueReaderAllErrors, AfterTwentyErrorsTheRestAreCounted) {
  Fixture fixture;
  CsvDoc& rules = fixture.doc("rules.csv");
  ASSERT_GT(rules.size(), 1U);
  const std::vector<std::string> row = rules[1];
  for (int i = 0; i < 25; ++i) {
    std::vector<std::string> bad = row;
    bad[0] = "broken.rule." + std::to_string(i);
    bad[2] = "x";  // value
    rules.push_back(bad);
  }
  const std::string message = catalogue_error(fixture.write());
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 20) << message;
  EXPECT_NE(message.find("rules.csv"), std::string::npos) << message;
  EXPECT_TRUE(message.size() > 20 && message.substr(message.rfind('\n') + 1) == "and 5 more errors")
      << message;
}

// A bad row of interventions.csv does not make every effect of that intervention an
// error too: its id still counts as known.
TEST(CatalogueReaderAllErrors, ABadInterventionRowIsReportedOnce) {
  Fixture fixture;
  const int line = fixture.set("interventions.csv", "internship_private", "cost_per_month_dkk", "lots");
  const std::string dir = fixture.write();
  EXPECT_EQ(catalogue_error(dir), dir + "/interventions.csv:" + std::to_string(line) +
                                      ": column 'cost_per_month_dkk' is 'lots', but must be a number such as "
                                      "0.25, -4.6 or 1e-3");
}

}  // namespace
}  // namespace integrasim

namespace integrasim {
namespace {

// The optional return_hazards.csv (docs/catalogue_reference.md): a header alone means no
// returns to benefit are modelled; its rows are checked like the baseline's.
TEST(CatalogueReturnHazards, AHeaderAloneReadsAsNoReturns) {
  Fixture fixture;
  fixture.set_raw("return_hazards.csv",
                  "id,kind,who,from_month,to_month,value,ci_low,ci_high,distribution,source,"
                  "status,note\n");
  const Catalogue c = read_catalogue_dir(fixture.write());
  EXPECT_TRUE(c.return_hazards.empty());
  EXPECT_FALSE(c.baselines.empty());
}

TEST(CatalogueReturnHazards, ANegativeHazardNamesFileLineAndColumn) {
  Fixture fixture;
  const int line = fixture.set("return_hazards.csv", "return.job_loss.all.m00_06", "value", "-0.04");
  const std::string dir = fixture.write();
  const std::string message = catalogue_error(dir);
  EXPECT_EQ(
      message.rfind(dir + "/return_hazards.csv:" + std::to_string(line) + ": column 'value' is '-0.04'", 0),
      0U)
      << message;
}

TEST(CatalogueReturnHazards, AnUnknownWhoIsRefused) {
  Fixture fixture;
  const int line = fixture.set("return_hazards.csv", "return.job_loss.all.m00_06", "who", "martians");
  const std::string dir = fixture.write();
  const std::string message = catalogue_error(dir);
  EXPECT_EQ(
      message.rfind(dir + "/return_hazards.csv:" + std::to_string(line) + ": column 'who' is 'martians'", 0),
      0U)
      << message;
}

TEST(CatalogueReturnHazards, AMissingFileStopsAtOnce) {
  Fixture fixture;
  fixture.remove("return_hazards.csv");
  fixture.set("rules.csv", "benefit.single_provider.dkk_per_month", "value", "x");  // not reached
  const std::string dir = fixture.write();
  const std::string message = catalogue_error(dir);
  EXPECT_NE(message.find(dir + "/return_hazards.csv"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

}  // namespace

// Issue: a gain of 0.0833 a month completed every module a month late and never reached
// level 3 in the 36 months of Danish education. The shipped rate must complete module m
// (half a level) in month 6m exactly, and level 3 at the end of the 36 months.
TEST(CatalogueReader, DanishEducationCompletesAModuleEverySixMonths) {
  const Catalogue c = read_catalogue_dir(source_path("scenarios/evidence"));
  const InterventionType* danish = c.find_intervention("danish_education");
  ASSERT_NE(danish, nullptr);
  const double rate = danish->danish_gain_per_month.value;
  EXPECT_EQ(DanishProgression::next_module_month(0.0, 0.0, rate), 6);
  double level = 0.0;
  for (int month = 1; month <= static_cast<int>(danish->default_duration.value); ++month) {
    const bool completed = DanishProgression::gain(level, rate, 1.0);
    EXPECT_EQ(completed, month % 6 == 0) << "month " << month;
    EXPECT_DOUBLE_EQ(module_level(level), 0.5 * (month / 6)) << "month " << month;
  }
  EXPECT_DOUBLE_EQ(module_level(level), k_max_danish_level);
}

}  // namespace integrasim

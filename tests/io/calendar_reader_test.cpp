// The scenario reader's checks of the plan's calendar ([inflow], [caseload],
// [[arm.capacity]], represents) and the calendar's own limit on simulated persons
// (core/calendar.cpp): every check fires with its exact message and position.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/diagnostics.h"
#include "io/scenario_reader.h"
#include "test_support.h"

namespace integrasim {
namespace {

// Lines 1-11; the table under test starts at line 13.
constexpr const char* k_base = R"([scenario]
name = "plan"
horizon_months = 24

[[arm]]
name = "bau"
role = "comparator"

[[arm]]
name = "more"
role = "policy"
)";

// The InputError of reading `text` (as plan.toml) and laying out its calendar, or "".
std::string error_of(const std::string& text) {
  try {
    const Scenario s = parse_scenario(text, "plan.toml", testing::tiny_catalogue());
    layout_calendar(s);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

struct Case {
  const char* check;
  const char* text;  // appended to k_base after an empty line (line 13 on)
  const char* message;
};

const std::vector<Case> k_inflow_cases = {
    {"arrivals required", "[inflow]\nsimulated_per_arrival = 3\n",
     "plan.toml:13:1: [inflow] is missing the required key 'arrivals_per_month'"},
    {"arrivals a list", "[inflow]\narrivals_per_month = 3\n",
     "plan.toml:14:22: [inflow] arrivals_per_month is 3, but must be a list of whole numbers of real "
     "arrivals, "
     "e.g. [25, 25, 30]"},
    {"arrivals not empty", "[inflow]\narrivals_per_month = []\n",
     "plan.toml:14:22: [inflow] arrivals_per_month is [], but must be a list with at least one month"},
    {"some arrival", "[inflow]\narrivals_per_month = [0, 0]\n",
     "plan.toml:14:22: [inflow] arrivals_per_month: the total of arrivals is 0, but must be at least 1"},
    {"whole arrivals", "[inflow]\narrivals_per_month = [1, 2.5]\n",
     "plan.toml:14:26: [inflow] arrivals_per_month element 2 is 2.5, but must be an integer between 0 and "
     "1000000"},
    {"arrivals not negative", "[inflow]\narrivals_per_month = [1, -1]\n",
     "plan.toml:14:26: [inflow] arrivals_per_month element 2 is -1, but must be an integer between 0 and "
     "1000000"},
    {"arrivals at most a million", "[inflow]\narrivals_per_month = [1, 1000001]\n",
     "plan.toml:14:26: [inflow] arrivals_per_month element 2 is 1000001, but must be an integer between 0 "
     "and "
     "1000000"},
    {"arrivals within the horizon",
     "[inflow]\narrivals_per_month = [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]\n",
     "plan.toml:14:22: [inflow] arrivals_per_month: the number of months is 25, but must be at most "
     "horizon_months (24): arrivals from month 24 on would not be followed"},
    {"replicas at least 1", "[inflow]\narrivals_per_month = [1]\nsimulated_per_arrival = 0\n",
     "plan.toml:15:25: [inflow] simulated_per_arrival is 0, but must be an integer between 1 and 10000"},
    {"replicas at most 10000", "[inflow]\narrivals_per_month = [1]\nsimulated_per_arrival = 10001\n",
     "plan.toml:15:25: [inflow] simulated_per_arrival is 10001, but must be an integer between 1 and 10000"},
    {"unknown key in [inflow]", "[inflow]\narrivals_per_month = [1]\nsimulated_per_arival = 3\n",
     "plan.toml:15:1: unknown key 'simulated_per_arival' in [inflow] (did you mean "
     "'simulated_per_arrival'?)"},
    {"at most k_max_persons",
     "[inflow]\narrivals_per_month = [1000000, 1000000]\nsimulated_per_arrival = 51\n",
     "plan.toml:13:1: simulated persons is 102000000, but must be at most 100000000 (caseload rows x "
     "simulated_per_person + arrivals x simulated_per_arrival; docs/model.md §7)"},
    {"represents not with inflow", "[inflow]\narrivals_per_month = [1]\n\n[population]\nrepresents = 100\n",
     "plan.toml:17:14: [population] represents is for a synthetic cohort; with [inflow] or [caseload] the "
     "arrivals and the caseload's rows are the real persons, so leave it out"},
    {"represents above 0", "[population]\nrepresents = 0\n",
     "plan.toml:14:14: [population] represents is 0, but must be a number of real persons above 0 and at "
     "most "
     "1e+07"},
    {"represents at most 1e7", "[population]\nrepresents = 20000000\n",
     "plan.toml:14:14: [population] represents is 20000000, but must be a number between 0 and 1e+07"},
};

const std::vector<Case> k_caseload_cases = {
    {"file required", "[caseload]\nsimulated_per_person = 3\n",
     "plan.toml:13:1: [caseload] is missing the required key 'file'"},
    {"file a string", "[caseload]\nfile = 3\n",
     "plan.toml:14:8: [caseload] file is 3, but must be a string in double quotes"},
    {"file not empty", "[caseload]\nfile = \"\"\n",
     "plan.toml:14:8: [caseload] file is \"\", but must be the path of a caseload CSV file"},
    {"replicas at least 1", "[caseload]\nfile = \"x.csv\"\nsimulated_per_person = 0\n",
     "plan.toml:15:24: [caseload] simulated_per_person is 0, but must be an integer between 1 and 10000"},
    {"unknown key in [caseload]", "[caseload]\nfile = \"x.csv\"\nfiles = 1\n",
     "plan.toml:15:1: unknown key 'files' in [caseload] (did you mean 'file'?)"},
};

// Appended to k_base, whose last table is the policy arm: line 13 is [[arm.capacity]].
const std::vector<Case> k_capacity_cases = {
    {"intervention required", "[[arm.capacity]]\nplaces = 3\n",
     "plan.toml:13:1: arm 'more' capacity 1 is missing the required key 'intervention'"},
    {"places required", "[[arm.capacity]]\nintervention = \"course\"\n",
     "plan.toml:13:1: arm 'more' capacity 1 is missing the required key 'places'"},
    {"known intervention", "[[arm.capacity]]\nintervention = \"cours\"\nplaces = 3\n",
     "plan.toml:14:16: arm 'more' capacity 1: intervention is \"cours\", but must be a catalogue "
     "intervention id "
     "(did you mean 'course'?)"},
    {"intervention a string", "[[arm.capacity]]\nintervention = 3\nplaces = 3\n",
     "plan.toml:14:16: arm 'more' capacity 1: intervention is 3, but must be a string in double quotes"},
    {"places not negative", "[[arm.capacity]]\nintervention = \"course\"\nplaces = -1\n",
     "plan.toml:15:10: arm 'more' capacity 1: places is -1, but must be a number between 0 and 1e+07"},
    {"places at most 1e7", "[[arm.capacity]]\nintervention = \"course\"\nplaces = 20000000\n",
     "plan.toml:15:10: arm 'more' capacity 1: places is 20000000, but must be a number between 0 and 1e+07"},
    {"places a number", "[[arm.capacity]]\nintervention = \"course\"\nplaces = \"x\"\n",
     "plan.toml:15:10: arm 'more' capacity 1: places is \"x\", but must be a number between 0 and 1e+07"},
    {"max wait not negative",
     "[[arm.capacity]]\nintervention = \"course\"\nplaces = 3\nmax_wait_months = -1\n",
     "plan.toml:16:19: arm 'more' capacity 1: max_wait_months is -1, but must be an integer between 0 and "
     "600"},
    {"max wait whole", "[[arm.capacity]]\nintervention = \"course\"\nplaces = 3\nmax_wait_months = 2.5\n",
     "plan.toml:16:19: arm 'more' capacity 1: max_wait_months is 2.5, but must be an integer between 0 and "
     "600"},
    {"unknown key in capacity",
     "[[arm.capacity]]\nintervention = \"course\"\nplaces = 3\nmax_wait_month = 2\n",
     "plan.toml:16:1: unknown key 'max_wait_month' in arm 'more' capacity 1 (did you mean "
     "'max_wait_months'?)"},
    {"programme once per arm",
     "[[arm.capacity]]\nintervention = \"course\"\nplaces = 3\n\n[[arm.capacity]]\nintervention = "
     "\"course\"\n"
     "places = 4\n",
     "plan.toml:18:16: arm 'more' capacity 2: intervention is \"course\", but must be named once per arm "
     "(places "
     "of one programme are one number)"},
};

void expect_messages(const std::vector<Case>& cases, bool after_empty_line) {
  for (const Case& c : cases) {
    const std::string text = std::string(k_base) + (after_empty_line ? "\n" : "") + c.text;
    EXPECT_EQ(error_of(text), c.message) << c.check;
  }
}

TEST(CalendarReader, EveryInflowAndRepresentsCheckFires) {
  expect_messages(k_inflow_cases, true);
}

TEST(CalendarReader, EveryCaseloadTableCheckFires) {
  expect_messages(k_caseload_cases, true);
}

TEST(CalendarReader, EveryCapacityCheckFires) {
  // Line 12 is empty, so [[arm.capacity]] is line 13 as in the other tables.
  expect_messages(k_capacity_cases, true);
  EXPECT_EQ(
      error_of(std::string(k_base) + "capacity = 3\n"),
      "plan.toml:12:12: arm 'more': capacity is 3, but must be a list of tables written [[arm.capacity]]");
}

TEST(CalendarReader, TopLevelKeysMustBeTables) {
  EXPECT_EQ(error_of("inflow = 3\n" + std::string(k_base)),
            "plan.toml:1:10: inflow is 3, but must be a table written [inflow]");
  EXPECT_EQ(error_of("caseload = \"x.csv\"\n" + std::string(k_base)),
            "plan.toml:1:12: caseload is \"x.csv\", but must be a table written [caseload]");
}

// The caseload file is read relative to the scenario file; a caseload with represents,
// or too many simulated persons, is refused; a missing file says where it was looked for.
TEST(CalendarReader, CaseloadFileNextToTheScenario) {
  const std::string dir = testing::make_temp_dir("calendar-reader");
  {
    std::ofstream csv(dir + "/persons.csv");
    csv << "person_id,sex,group,match_group,age_band,education,health,children,danish_level,"
           "months_since_arrival,months_on_benefit\n"
           "P1,male,refugee,job_ready,age_30_39,basic,healthy,no_small_children,0,20,8\n"
           "P2,female,refugee,job_ready,age_30_39,basic,healthy,no_small_children,1,30,2\n";
  }
  const auto read = [&](const std::string& extra) {
    std::ofstream(dir + "/plan.toml") << k_base << "\n" << extra;
    try {
      const Scenario s = read_scenario_file(dir + "/plan.toml", testing::tiny_catalogue());
      const CalendarLayout c = layout_calendar(s);
      EXPECT_EQ(c.caseload_persons, 2 * s.caseload.simulated_per_person);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(read("[caseload]\nfile = \"persons.csv\"\nsimulated_per_person = 7\n"), "");
  EXPECT_EQ(read("[caseload]\nfile = \"persons.csv\"\n\n[population]\nrepresents = 10\n"),
            dir +
                "/plan.toml:17:14: [population] represents is for a synthetic cohort; with [inflow] or "
                "[caseload] the arrivals and the caseload's rows are the real persons, so leave it out");
  EXPECT_EQ(
      read("[caseload]\nfile = \"persons.csv\"\nsimulated_per_person = 10000\n\n[inflow]\n"
           "arrivals_per_month = [1000000, 999999]\nsimulated_per_arrival = 50\n"),
      dir +
          "/plan.toml:17:1: simulated persons is 100019950, but must be at most 100000000 (caseload rows x "
          "simulated_per_person + arrivals x simulated_per_arrival; docs/model.md §7)");
  // Caseload only: the message points at [caseload].
  std::string many =
      "person_id,sex,group,match_group,age_band,education,health,children,danish_level,"
      "months_since_arrival,months_on_benefit\n";
  for (int i = 0; i < 10001; ++i)
    many.append("Q")
        .append(std::to_string(i))
        .append(",male,refugee,job_ready,age_30_39,basic,healthy,no_small_children,0,5,5\n");
  std::ofstream(dir + "/many.csv") << many;
  EXPECT_EQ(
      read("[caseload]\nfile = \"many.csv\"\nsimulated_per_person = 10000\n"),
      dir +
          "/plan.toml:13:1: simulated persons is 100010000, but must be at most 100000000 (caseload rows x "
          "simulated_per_person + arrivals x simulated_per_arrival; docs/model.md §7)");
  EXPECT_EQ(read("[caseload]\nfile = \"nowhere.csv\"\n"),
            "nowhere.csv: cannot read file (No such file or directory; looked for " + dir + "/nowhere.csv)");
}

}  // namespace
}  // namespace integrasim

// The neutral result table (io/table.h) and its CSV rendering: the same bytes as writing
// the cells to a CsvWriter directly, in both dialects; a row of the wrong width is an
// internal error.
#include "io/table.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "core/diagnostics.h"
#include "io/csv_writer.h"
#include "io/table_csv.h"

namespace integrasim {
namespace {

TEST(Table, RendersAsTheCsvWriterWouldWriteTheCells) {
  for (const CsvDialect dialect : {CsvDialect::standard, CsvDialect::excel_da}) {
    Table table({{"arm"}, {"persons", ColumnUnit::count}, {"share", ColumnUnit::share}, {"note"}});
    CsvWriter direct(dialect);
    direct.header({"arm", "persons", "share", "note"});
    table.add_text("mentor; 6 mo");
    direct.add_text("mentor; 6 mo");
    table.add_integer(1200);
    direct.add_integer(1200);
    table.add_number(0.30000000000000004);
    direct.add_number(0.30000000000000004);
    table.add_text("say \"hi\"");
    direct.add_text("say \"hi\"");
    table.end_row();
    direct.end_row();
    table.add_text("mentor; 6 mo");  // a repeated text is stored once and written the same
    direct.add_text("mentor; 6 mo");
    table.add_integer(-1);
    direct.add_integer(-1);
    table.add_number(std::numeric_limits<double>::quiet_NaN());
    direct.add_number(std::numeric_limits<double>::quiet_NaN());
    table.add_empty();
    direct.add_text("");
    table.end_row();
    direct.end_row();
    EXPECT_EQ(csv_of(table, dialect), direct.text());
    EXPECT_EQ(table.rows(), 2u);
    EXPECT_TRUE(std::holds_alternative<EmptyCell>(table.cell(1, 2)));  // NaN is an empty cell
    EXPECT_EQ(std::get<TextCell>(table.cell(0, 0)).index, std::get<TextCell>(table.cell(1, 0)).index);
  }
}

TEST(Table, ARowOfTheWrongWidthIsAnInternalError) {
  Table table({{"a"}, {"b"}});
  table.add_integer(1);
  EXPECT_THROW(table.end_row(), InternalError);
  Table full({{"a"}});
  full.add_integer(1);
  EXPECT_THROW(full.add_text("x"), InternalError);
  EXPECT_THROW(full.add_number(1.0), InternalError);
  EXPECT_THROW(full.add_integer(2), InternalError);
  EXPECT_THROW(full.add_empty(), InternalError);
  EXPECT_THROW(Table({}), InternalError);
  try {
    table.end_row();
  } catch (const InternalError& e) {
    EXPECT_NE(std::string(e.what()).find("table row has 1 cells for 2 columns"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace integrasim

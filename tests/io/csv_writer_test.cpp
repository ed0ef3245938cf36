#include "io/csv_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace integrasim {
namespace {

const std::string bom = "\xEF\xBB\xBF";

std::string one_number(double value, CsvDialect dialect = CsvDialect::standard) {
  CsvWriter csv(dialect);
  csv.add_number(value);
  csv.end_row();
  std::string text = csv.text();
  if (dialect == CsvDialect::excel_da) text.erase(0, bom.size());
  return text.substr(0, text.size() - 2);  // without CRLF
}

std::string one_text(const std::string& value, CsvDialect dialect = CsvDialect::standard) {
  CsvWriter csv(dialect);
  csv.add_text(value);
  csv.add_integer(1);
  csv.end_row();
  std::string text = csv.text();
  if (dialect == CsvDialect::excel_da) text.erase(0, bom.size());
  return text;
}

TEST(CsvWriter, StandardRowsUseCommasAndCrlf) {
  CsvWriter csv(CsvDialect::standard);
  csv.header({"arm", "value", "count"});
  csv.add_text("policy");
  csv.add_number(1.5);
  csv.add_integer(-42);
  csv.end_row();
  EXPECT_EQ(csv.text(), "arm,value,count\r\npolicy,1.5,-42\r\n");
}

TEST(CsvWriter, ExcelDaUsesBomSemicolonAndDecimalComma) {
  CsvWriter csv(CsvDialect::excel_da);
  csv.header({"arm", "value", "count"});
  csv.add_text("policy");
  csv.add_number(1.5);
  csv.add_integer(1234567);
  csv.end_row();
  EXPECT_EQ(csv.text(), bom + "arm;value;count\r\npolicy;1,5;1234567\r\n");
}

TEST(CsvWriter, BomOnlyOnceAtTheStart) {
  CsvWriter csv(CsvDialect::excel_da);
  EXPECT_EQ(csv.text(), bom);
  csv.add_integer(1);
  csv.end_row();
  csv.add_integer(2);
  csv.end_row();
  EXPECT_EQ(csv.text(), bom + "1\r\n2\r\n");
}

TEST(CsvWriter, StandardHasNoBom) {
  CsvWriter csv(CsvDialect::standard);
  EXPECT_EQ(csv.text(), "");
}

TEST(CsvWriter, PlainTextIsNotQuoted) {
  EXPECT_EQ(one_text("business as usual"), "business as usual,1\r\n");
  EXPECT_EQ(one_text("kvinder æøå"), "kvinder æøå,1\r\n");
  EXPECT_EQ(one_text(""), ",1\r\n");
}

TEST(CsvWriter, QuotesFieldsWithSeparatorQuoteOrLineBreak) {
  EXPECT_EQ(one_text("a,b"), "\"a,b\",1\r\n");
  EXPECT_EQ(one_text("say \"hi\""), "\"say \"\"hi\"\"\",1\r\n");
  EXPECT_EQ(one_text("line\nbreak"), "\"line\nbreak\",1\r\n");
  EXPECT_EQ(one_text("carriage\rreturn"), "\"carriage\rreturn\",1\r\n");
  EXPECT_EQ(one_text("\""), "\"\"\"\",1\r\n");
}

TEST(CsvWriter, ExcelDaQuotesSemicolonsButNotCommas) {
  EXPECT_EQ(one_text("a;b", CsvDialect::excel_da), "\"a;b\";1\r\n");
  EXPECT_EQ(one_text("a,b", CsvDialect::excel_da), "a,b;1\r\n");
  EXPECT_EQ(one_text("say \"hi\"", CsvDialect::excel_da), "\"say \"\"hi\"\"\";1\r\n");
}

TEST(CsvWriter, StandardLeavesSemicolonsUnquoted) {
  EXPECT_EQ(one_text("a;b"), "a;b,1\r\n");
}

TEST(CsvWriter, NumbersUseShortestRoundTripForm) {
  EXPECT_EQ(one_number(0.1), "0.1");
  EXPECT_EQ(one_number(0.5), "0.5");
  EXPECT_EQ(one_number(2.0), "2");
  EXPECT_EQ(one_number(-3.25), "-3.25");
  EXPECT_EQ(one_number(123456789.125), "123456789.125");
  EXPECT_EQ(one_number(1e-300), "1e-300");
  EXPECT_EQ(one_number(1.5e-05), "1.5e-05");
  EXPECT_EQ(one_number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(one_number(1e22), "1e+22");
}

TEST(CsvWriter, NumbersReadBackExactly) {
  const double values[] = {0.1,
                           1.0 / 3.0,
                           2.0 / 3.0,
                           1e-300,
                           123456789.125,
                           6.02e23,
                           -7.5e-10,
                           0.12345678901234567,
                           std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::denorm_min()};
  for (const double value : values) {
    // strtod, not stod: stod throws on the (valid) subnormal denorm_min.
    EXPECT_EQ(std::strtod(one_number(value).c_str(), nullptr), value) << one_number(value);
  }
}

TEST(CsvWriter, NegativeZeroIsWrittenAsZero) {
  EXPECT_EQ(one_number(-0.0), "0");
  EXPECT_EQ(one_number(0.0), "0");
}

TEST(CsvWriter, NanIsAnEmptyField) {
  CsvWriter csv(CsvDialect::standard);
  csv.add_integer(1);
  csv.add_number(std::numeric_limits<double>::quiet_NaN());
  csv.add_number(2.5);
  csv.add_number(std::nan(""));
  csv.end_row();
  EXPECT_EQ(csv.text(), "1,,2.5,\r\n");
}

TEST(CsvWriter, InfinityIsWrittenAsInf) {
  EXPECT_EQ(one_number(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(one_number(-std::numeric_limits<double>::infinity()), "-inf");
}

TEST(CsvWriter, ExcelDaNumbersUseDecimalComma) {
  EXPECT_EQ(one_number(0.1, CsvDialect::excel_da), "0,1");
  EXPECT_EQ(one_number(123456789.125, CsvDialect::excel_da), "123456789,125");
  EXPECT_EQ(one_number(1.5e-05, CsvDialect::excel_da), "1,5e-05");
  EXPECT_EQ(one_number(-2.0, CsvDialect::excel_da), "-2");
}

TEST(CsvWriter, ExcelDaNanIsEmpty) {
  CsvWriter csv(CsvDialect::excel_da);
  csv.add_number(std::nan(""));
  csv.add_number(0.25);
  csv.end_row();
  EXPECT_EQ(csv.text(), bom + ";0,25\r\n");
}

TEST(CsvWriter, IntegersArePlainDigits) {
  CsvWriter csv(CsvDialect::excel_da);
  csv.add_integer(std::numeric_limits<long long>::max());
  csv.add_integer(std::numeric_limits<long long>::min());
  csv.add_integer(0);
  csv.end_row();
  EXPECT_EQ(csv.text(), bom + "9223372036854775807;-9223372036854775808;0\r\n");
}

TEST(CsvWriter, HeaderQuotesLikeData) {
  CsvWriter csv(CsvDialect::standard);
  csv.header({"a", "b,c"});
  EXPECT_EQ(csv.text(), "a,\"b,c\"\r\n");
}

}  // namespace
}  // namespace integrasim

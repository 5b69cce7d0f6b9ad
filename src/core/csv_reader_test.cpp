#include "core/csv_reader.hpp"

#include "core/bounds.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace outbreak {
namespace {

using Fields = std::vector<std::string_view>;

// A record as owned strings, so it can be compared after the next call to Next().
std::vector<std::string> Owned(const Fields& fields) {
  return std::vector<std::string>(fields.begin(), fields.end());
}

struct Record {
  int line = 0;
  std::vector<std::string> fields;
};

// Reads every record up to the end or the first error.
std::vector<Record> ReadAll(CsvReader& reader) {
  std::vector<Record> out;
  Fields fields;
  while (reader.Next(fields)) out.push_back({reader.line(), Owned(fields)});
  return out;
}

using Strings = std::vector<std::string>;

TEST(CsvReader, ReadsPlainRecordsWithTheLineEachStartsOn) {
  CsvReader reader("code,name\nKP,Korea\nKP-01,Pyongyang\n");
  const std::vector<Record> records = ReadAll(reader);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].fields, (Strings{"code", "name"}));
  EXPECT_EQ(records[0].line, 1);
  EXPECT_EQ(records[1].fields, (Strings{"KP", "Korea"}));
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[2].fields, (Strings{"KP-01", "Pyongyang"}));
  EXPECT_EQ(records[2].line, 3);
  EXPECT_EQ(reader.error(), "");
}

TEST(CsvReader, ReadsTheLastRecordWithoutATrailingNewline) {
  CsvReader reader("a,b\n1,2");
  const std::vector<Record> records = ReadAll(reader);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields, (Strings{"1", "2"}));
  EXPECT_EQ(reader.error(), "");
  EXPECT_EQ(reader.offset(), std::string_view("a,b\n1,2").size());
}

TEST(CsvReader, KeepsEmptyFieldsIncludingATrailingOne) {
  CsvReader reader("a,,c,\n,\n");
  const std::vector<Record> records = ReadAll(reader);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Strings{"a", "", "c", ""}));
  EXPECT_EQ(records[1].fields, (Strings{"", ""}));
}

TEST(CsvReader, KeepsCommasInsideQuotedFields) {
  CsvReader reader("\"Kaesong, city\",\"\",x\n");
  Fields fields;
  ASSERT_TRUE(reader.Next(fields));
  EXPECT_EQ(Owned(fields), (Strings{"Kaesong, city", "", "x"}));
}

TEST(CsvReader, TurnsDoubledQuotesIntoOne) {
  CsvReader reader("\"say \"\"hi\"\"\",\"\"\"\",\"a\"\"\"\"b\"\n");
  Fields fields;
  ASSERT_TRUE(reader.Next(fields));
  EXPECT_EQ(Owned(fields), (Strings{"say \"hi\"", "\"", "a\"\"b"}));
}

TEST(CsvReader, KeepsEveryUnescapedFieldOfARecordValid) {
  // Several fields with doubled quotes in one record each get their own scratch string.
  CsvReader reader("\"a\"\"1\",\"b\"\"2\",\"c\"\"3\",\"d\"\"4\",\"e\"\"5\"\n");
  Fields fields;
  ASSERT_TRUE(reader.Next(fields));
  EXPECT_EQ(Owned(fields), (Strings{"a\"1", "b\"2", "c\"3", "d\"4", "e\"5"}));
}

TEST(CsvReader, KeepsNewlinesInsideQuotesAndNumbersTheNextRecordRight) {
  CsvReader reader("note,n\n\"line one\nline two\nline three\",1\nafter,2\n");
  const std::vector<Record> records = ReadAll(reader);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[1].fields, (Strings{"line one\nline two\nline three", "1"}));
  EXPECT_EQ(records[2].line, 5);
  EXPECT_EQ(records[2].fields, (Strings{"after", "2"}));
}

TEST(CsvReader, CountsNewlinesOnBothSidesOfDoubledQuotes) {
  CsvReader reader("\"a\"\"\nb\"\"\nc\",x\nnext\n");
  const std::vector<Record> records = ReadAll(reader);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Strings{"a\"\nb\"\nc", "x"}));
  EXPECT_EQ(records[1].line, 4);
  EXPECT_EQ(records[1].fields, (Strings{"next"}));
}

TEST(CsvReader, AcceptsCrlfLineEnds) {
  CsvReader reader("a,b\r\n\"1\",2\r\n3,\"4\"\r\n");
  const std::vector<Record> records = ReadAll(reader);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].fields, (Strings{"a", "b"}));
  EXPECT_EQ(records[1].fields, (Strings{"1", "2"}));
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[2].fields, (Strings{"3", "4"}));
  EXPECT_EQ(records[2].line, 3);
  EXPECT_EQ(reader.error(), "");
}

TEST(CsvReader, KeepsCrlfInsideQuotesAndCountsTheLine) {
  CsvReader reader("\"x\r\ny\",1\r\nz,2\r\n");
  const std::vector<Record> records = ReadAll(reader);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Strings{"x\r\ny", "1"}));
  EXPECT_EQ(records[1].line, 3);
}

TEST(CsvReader, SkipsAByteOrderMarkAtTheStart) {
  CsvReader reader(
      "\xEF\xBB\xBF"
      "code,name\nKP,Korea\n");
  const std::vector<Record> records = ReadAll(reader);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Strings{"code", "name"}));
  EXPECT_EQ(records[0].line, 1);
  EXPECT_EQ(records[1].line, 2);
}

TEST(CsvReader, SkipsBlankLinesAndStillCountsThem) {
  CsvReader reader("\na\n\n\nb\r\n\r\nc\n\n");
  const std::vector<Record> records = ReadAll(reader);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].fields, (Strings{"a"}));
  EXPECT_EQ(records[0].line, 2);
  EXPECT_EQ(records[1].fields, (Strings{"b"}));
  EXPECT_EQ(records[1].line, 5);
  EXPECT_EQ(records[2].fields, (Strings{"c"}));
  EXPECT_EQ(records[2].line, 7);
  EXPECT_EQ(reader.error(), "");
}

TEST(CsvReader, EndsCleanlyOnEmptyOrBlankText) {
  for (std::string_view text : {"", "\n\n", "\r\n", "\xEF\xBB\xBF"}) {
    CsvReader reader(text);
    Fields fields;
    EXPECT_FALSE(reader.Next(fields)) << text;
    EXPECT_EQ(reader.error(), "") << text;
    EXPECT_TRUE(fields.empty()) << text;
  }
}

TEST(CsvReader, ReportsAnUnterminatedQuoteWithTheLineItStartsOn) {
  CsvReader reader("h,n\nok,1\n\"open,2\nmore,3\n");
  const std::vector<Record> records = ReadAll(reader);
  EXPECT_EQ(records.size(), 2u);
  EXPECT_EQ(reader.error(), "3: unterminated quoted field");
}

TEST(CsvReader, ReportsAnUnterminatedQuoteAfterAMultiLineRecord) {
  CsvReader reader("\"a\nb\",1\nok,2\nx,\"never closed\n");
  const std::vector<Record> records = ReadAll(reader);
  EXPECT_EQ(records.size(), 2u);
  EXPECT_EQ(reader.error(), "4: unterminated quoted field");
}

TEST(CsvReader, RejectsTextAfterAClosingQuote) {
  CsvReader reader("h,n\n\"ab\"c,d\n");
  const std::vector<Record> records = ReadAll(reader);
  EXPECT_EQ(records.size(), 1u);
  EXPECT_EQ(reader.error(), "2: text after a closing quote");
}

TEST(CsvReader, RejectsASpaceAfterAClosingQuote) {
  CsvReader reader("\"ab\" ,d\n");
  Fields fields;
  EXPECT_FALSE(reader.Next(fields));
  EXPECT_EQ(reader.error(), "1: text after a closing quote");
}

TEST(CsvReader, RejectsAQuoteInsideAnUnquotedField) {
  CsvReader reader("h,n\nok,1\nab\"c,d\n");
  const std::vector<Record> records = ReadAll(reader);
  EXPECT_EQ(records.size(), 2u);
  EXPECT_EQ(reader.error(), "3: quote inside an unquoted field");
}

TEST(CsvReader, RejectsAQuoteInsideALaterUnquotedField) {
  CsvReader reader("a,b 12\"\n");
  Fields fields;
  EXPECT_FALSE(reader.Next(fields));
  EXPECT_EQ(reader.error(), "1: quote inside an unquoted field");
}

TEST(CsvHeader, MapsColumnsInAnyOrderAndMarksAbsentOptionalsMinusOne) {
  const Fields header = {"date", "tested", "region"};
  Result<CsvHeader> matched =
      CsvHeader::Match(header, {"region", "date"}, {"tested", "positive"}, "reports.csv");
  ASSERT_TRUE(matched.ok()) << matched.status().ToString();
  EXPECT_EQ(matched->index("region"), 2);
  EXPECT_EQ(matched->index("date"), 0);
  EXPECT_EQ(matched->index("tested"), 1);
  EXPECT_EQ(matched->index("positive"), -1);
  EXPECT_EQ(matched->index("no_such_column"), -1);
  EXPECT_EQ(matched->width(), 3u);
}

TEST(CsvHeader, RejectsAMissingRequiredColumn) {
  const Fields header = {"region", "new_fever"};
  Result<CsvHeader> matched =
      CsvHeader::Match(header, {"region", "date", "new_fever"}, {}, "reports.csv");
  ASSERT_FALSE(matched.ok());
  EXPECT_EQ(matched.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(matched.status().message(), "reports.csv: bad header");
  EXPECT_EQ(matched.status().details(),
            (Strings{"reports.csv:1: date: required column is missing"}));
}

TEST(CsvHeader, RejectsAnUnknownColumn) {
  const Fields header = {"region", "date", "new_fevr"};
  Result<CsvHeader> matched =
      CsvHeader::Match(header, {"region", "date"}, {"new_fever"}, "reports.csv");
  ASSERT_FALSE(matched.ok());
  EXPECT_EQ(matched.status().details(),
            (Strings{"reports.csv:1: new_fevr: \"new_fevr\" is not a known column"}));
}

TEST(CsvHeader, RejectsARepeatedColumn) {
  const Fields header = {"region", "date", "region"};
  Result<CsvHeader> matched = CsvHeader::Match(header, {"region", "date"}, {}, "reports.csv");
  ASSERT_FALSE(matched.ok());
  EXPECT_EQ(matched.status().details(),
            (Strings{"reports.csv:1: region: \"region\" appears twice"}));
}

TEST(CsvHeader, RejectsARepeatedOptionalColumn) {
  const Fields header = {"region", "tested", "tested"};
  Result<CsvHeader> matched = CsvHeader::Match(header, {"region"}, {"tested"}, "reports.csv");
  ASSERT_FALSE(matched.ok());
  EXPECT_EQ(matched.status().details(),
            (Strings{"reports.csv:1: tested: \"tested\" appears twice"}));
}

TEST(CsvHeader, ReportsEveryHeaderErrorAtOnce) {
  const Fields header = {"region", "region", "colour"};
  Result<CsvHeader> matched =
      CsvHeader::Match(header, {"region", "date", "new_fever"}, {}, "reports.csv");
  ASSERT_FALSE(matched.ok());
  EXPECT_EQ(matched.status().details(),
            (Strings{"reports.csv:1: region: \"region\" appears twice",
                     "reports.csv:1: colour: \"colour\" is not a known column",
                     "reports.csv:1: date: required column is missing",
                     "reports.csv:1: new_fever: required column is missing"}));
}

TEST(InputError, NamesFileLineFieldValueAndReason) {
  EXPECT_EQ(InputError("reports.csv", 118, "new_deaths", "-3", "is negative"),
            "reports.csv:118: new_deaths: \"-3\" is negative");
}

TEST(ParseCount, AcceptsWholeNonNegativeNumbers) {
  std::string reason;
  EXPECT_EQ(ParseCount("0", reason), 0);
  EXPECT_EQ(ParseCount("7", reason), 7);
  EXPECT_EQ(ParseCount("219030", reason), 219030);
  EXPECT_EQ(ParseCount("007", reason), 7);
  EXPECT_EQ(ParseCount("1000000000000", reason), kMaxCount);
  EXPECT_EQ(reason, "");
}

TEST(ParseCount, RejectsANumberBeyondTheBoundOfEveryCount) {
  std::string reason;
  EXPECT_EQ(ParseCount("1000000000001", reason), std::nullopt);
  EXPECT_EQ(reason, "is more than 1000000000000");
  EXPECT_EQ(ParseCount("9223372036854775807", reason), std::nullopt);
  EXPECT_EQ(reason, "is more than 1000000000000");
}

TEST(ParseCount, RejectsAnEmptyField) {
  std::string reason;
  EXPECT_EQ(ParseCount("", reason), std::nullopt);
  EXPECT_EQ(reason, "is empty");
}

TEST(ParseCount, RejectsANegativeNumber) {
  std::string reason;
  EXPECT_EQ(ParseCount("-3", reason), std::nullopt);
  EXPECT_EQ(reason, "is negative");
}

TEST(ParseCount, RejectsWhatIsNotAWholeNumber) {
  for (std::string_view text : {"1.5", "12abc", "abc", " 3", "3 ", "+3", "1e3", "1,000", "-"}) {
    std::string reason;
    EXPECT_EQ(ParseCount(text, reason), std::nullopt) << text;
    EXPECT_EQ(reason, "is not a whole number") << text;
  }
}

TEST(ParseCount, RejectsANumberTooLargeToHold) {
  std::string reason;
  EXPECT_EQ(ParseCount("9223372036854775808", reason), std::nullopt);
  EXPECT_EQ(reason, "is too large");
  reason.clear();
  EXPECT_EQ(ParseCount("123456789012345678901234567890", reason), std::nullopt);
  EXPECT_EQ(reason, "is too large");
}

}  // namespace
}  // namespace outbreak

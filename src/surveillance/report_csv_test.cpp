#include "surveillance/report_csv.hpp"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace outbreak::surveillance {
namespace {

using Strings = std::vector<std::string>;

constexpr char kHeader[] = "region,date,new_fever,new_recovered,new_deaths,under_treatment\n";
constexpr char kHeaderWithTests[] =
    "region,date,new_fever,new_recovered,new_deaths,under_treatment,tested,positive\n";

Region MakeRegion(std::string code, std::string parent) {
  Region region;
  region.code = code;
  region.name = code;
  region.parent = std::move(parent);
  return region;
}

// KP: the province KP-01 (units KP-01-001 and KP-01-002) and the unit KP-02.
RegionTree SmallTree() {
  Result<RegionTree> tree = RegionTree::Build(
      {MakeRegion("KP", ""), MakeRegion("KP-01", "KP"), MakeRegion("KP-01-001", "KP-01"),
       MakeRegion("KP-01-002", "KP-01"), MakeRegion("KP-02", "KP")});
  EXPECT_TRUE(tree.ok()) << tree.status().ToString();
  return std::move(tree).value();
}

RegionIdx Idx(const RegionTree& tree, std::string_view code) { return tree.Find(code).value(); }

Date Day(std::string_view text) { return Date::Parse(text).value(); }

// The details of a rejected file; a failure when the file was accepted.
Strings Rejections(const std::string& text) {
  const RegionTree tree = SmallTree();
  Result<ParsedReports> parsed = ParseReportsCsv(text, "reports.csv", tree);
  EXPECT_FALSE(parsed.ok());
  if (parsed.ok()) return {};
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  return parsed.status().details();
}

TEST(ParseReportsCsv, ReadsReportsWithTheLineOfEach) {
  const RegionTree tree = SmallTree();
  const std::string text = std::string(kHeader) +
                           "KP-01-001,2022-05-13,120,30,1,500\n"
                           "\n"
                           "KP-02,2022-05-14,7,0,0,7\n";
  Result<ParsedReports> parsed = ParseReportsCsv(text, "reports.csv", tree);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->reports.size(), 2u);
  EXPECT_EQ(parsed->lines, (std::vector<int>{2, 4}));
  const DailyReport& first = parsed->reports[0];
  EXPECT_EQ(first.region, Idx(tree, "KP-01-001"));
  EXPECT_EQ(first.date, Day("2022-05-13"));
  EXPECT_EQ(first.counts.new_fever, 120);
  EXPECT_EQ(first.counts.new_recovered, 30);
  EXPECT_EQ(first.counts.new_deaths, 1);
  EXPECT_EQ(first.counts.under_treatment, 500);
  EXPECT_EQ(first.counts.tested, std::nullopt);
  EXPECT_EQ(first.counts.positive, std::nullopt);
  EXPECT_EQ(parsed->reports[1].region, Idx(tree, "KP-02"));
  EXPECT_EQ(parsed->reports[1].date, Day("2022-05-14"));
}

TEST(ParseReportsCsv, ReadsTheOptionalTestedAndPositiveColumns) {
  const RegionTree tree = SmallTree();
  const std::string text = std::string(kHeaderWithTests) +
                           "KP-01-001,2022-05-13,1,0,0,1,40,3\n"
                           "KP-01-002,2022-05-13,1,0,0,1,,\n"
                           "KP-02,2022-05-13,1,0,0,1,12,\n";
  Result<ParsedReports> parsed = ParseReportsCsv(text, "reports.csv", tree);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->reports.size(), 3u);
  EXPECT_EQ(parsed->reports[0].counts.tested, 40);
  EXPECT_EQ(parsed->reports[0].counts.positive, 3);
  EXPECT_EQ(parsed->reports[1].counts.tested, std::nullopt);
  EXPECT_EQ(parsed->reports[1].counts.positive, std::nullopt);
  EXPECT_EQ(parsed->reports[2].counts.tested, 12);
  EXPECT_EQ(parsed->reports[2].counts.positive, std::nullopt);
}

TEST(ParseReportsCsv, AcceptsColumnsInAnyOrderWithAByteOrderMarkAndCrlf) {
  const RegionTree tree = SmallTree();
  const std::string text =
      "\xEF\xBB\xBF"
      "date,under_treatment,new_deaths,region,positive,new_recovered,new_fever\r\n"
      "2022-05-13,9,1,KP-02,2,3,13\r\n";
  Result<ParsedReports> parsed = ParseReportsCsv(text, "reports.csv", tree);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->reports.size(), 1u);
  const ReportCounts& counts = parsed->reports[0].counts;
  EXPECT_EQ(counts.new_fever, 13);
  EXPECT_EQ(counts.new_recovered, 3);
  EXPECT_EQ(counts.new_deaths, 1);
  EXPECT_EQ(counts.under_treatment, 9);
  EXPECT_EQ(counts.tested, std::nullopt);
  EXPECT_EQ(counts.positive, 2);
}

TEST(ParseReportsCsv, AcceptsAHeaderOnlyFile) {
  const RegionTree tree = SmallTree();
  Result<ParsedReports> parsed = ParseReportsCsv(kHeader, "reports.csv", tree);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE(parsed->reports.empty());
  EXPECT_TRUE(parsed->lines.empty());
}

TEST(ParseReportsCsv, RejectsAnEmptyFile) {
  const RegionTree tree = SmallTree();
  for (const char* text : {"", "\r\n"}) {
    Result<ParsedReports> parsed = ParseReportsCsv(text, "reports.csv", tree);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(parsed.status().message(), "reports.csv: is empty (expected a header line)");
  }
}

TEST(ParseReportsCsv, RejectsAHeaderWithoutARequiredColumn) {
  EXPECT_EQ(Rejections("region,date,new_fever,new_recovered,new_deaths\n"),
            (Strings{"reports.csv:1: under_treatment: required column is missing"}));
}

TEST(ParseReportsCsv, RejectsNegativeCounts) {
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP-02,2022-05-13,5,0,-3,2\n"),
            (Strings{"reports.csv:2: new_deaths: \"-3\" is negative"}));
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP-02,2022-05-13,-1,-2,0,-4\n"),
            (Strings{"reports.csv:2: new_fever: \"-1\" is negative",
                     "reports.csv:2: new_recovered: \"-2\" is negative",
                     "reports.csv:2: under_treatment: \"-4\" is negative"}));
}

TEST(ParseReportsCsv, RejectsCountsThatAreEmptyOrNotWholeNumbers) {
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP-02,2022-05-13,,1.5,3x,1e2\n"),
            (Strings{"reports.csv:2: new_fever: \"\" is empty",
                     "reports.csv:2: new_recovered: \"1.5\" is not a whole number",
                     "reports.csv:2: new_deaths: \"3x\" is not a whole number",
                     "reports.csv:2: under_treatment: \"1e2\" is not a whole number"}));
}

TEST(ParseReportsCsv, RejectsBadOptionalCounts) {
  EXPECT_EQ(Rejections(std::string(kHeaderWithTests) + "KP-02,2022-05-13,1,0,0,1,-40,x\n"),
            (Strings{"reports.csv:2: tested: \"-40\" is negative",
                     "reports.csv:2: positive: \"x\" is not a whole number"}));
}

TEST(ParseReportsCsv, RejectsAnUnknownRegion) {
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP-99,2022-05-13,1,0,0,1\n"),
            (Strings{"reports.csv:2: region: \"KP-99\" is not a known region"}));
}

TEST(ParseReportsCsv, RejectsARegionThatIsNotAReportingUnit) {
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP-01,2022-05-13,1,0,0,1\n"),
            (Strings{"reports.csv:2: region: \"KP-01\" is not a reporting unit (it has "
                     "sub-regions)"}));
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP,2022-05-13,1,0,0,1\n"),
            (Strings{"reports.csv:2: region: \"KP\" is not a reporting unit (it has "
                     "sub-regions)"}));
}

TEST(ParseReportsCsv, RejectsABadDate) {
  for (const std::string date : {"2022-02-29", "2022-5-13", "13/05/2022", "2022-05-13T09:00", ""}) {
    EXPECT_EQ(
        Rejections(std::string(kHeader) + "KP-02," + date + ",1,0,0,1\n"),
        (Strings{"reports.csv:2: date: \"" + date + "\" is not a date (expected YYYY-MM-DD)"}));
  }
}

TEST(ParseReportsCsv, RejectsARowWithTheWrongNumberOfFields) {
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP-02,2022-05-13,1,0,0,1\nKP-02,2022-05-14,1,0,0\n"
                                              "KP-02,2022-05-15,1,0,0,1,9\n"),
            (Strings{"reports.csv:3: has 5 fields, the header has 6",
                     "reports.csv:4: has 7 fields, the header has 6"}));
}

TEST(ParseReportsCsv, RejectsTheSameRegionAndDateTwiceNamingBothLines) {
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP-01-001,2022-05-13,1,0,0,1\n"
                                              "KP-01-001,2022-05-14,1,0,0,2\n"
                                              "KP-01-002,2022-05-13,1,0,0,1\n"
                                              "KP-01-001,2022-05-13,2,0,0,2\n"),
            (Strings{"reports.csv:5: date: \"2022-05-13\" for region \"KP-01-001\" repeats line "
                     "2"}));
}

TEST(ParseReportsCsv, NamesEveryRepeatOfARegionAndDate) {
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP-02,2022-05-13,1,0,0,1\n"
                                              "KP-02,2022-05-13,1,0,0,1\n"
                                              "KP-02,2022-05-13,1,0,0,1\n"),
            (Strings{"reports.csv:3: date: \"2022-05-13\" for region \"KP-02\" repeats line 2",
                     "reports.csv:4: date: \"2022-05-13\" for region \"KP-02\" repeats line 3"}));
}

TEST(ParseReportsCsv, RejectsMalformedCsvWithItsLine) {
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP-02,2022-05-13,1,0,0,1\n\"KP-02,2022-05-14,1\n"),
            (Strings{"reports.csv:3: unterminated quoted field"}));
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP-02,\"2022-05-13\"x,1,0,0,1\n"),
            (Strings{"reports.csv:2: text after a closing quote"}));
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP-02,2022-05-13,1\"0\",0,0,1\n"),
            (Strings{"reports.csv:2: quote inside an unquoted field"}));
}

TEST(ParseReportsCsv, ImportsNothingWhenOneRowOfManyIsBad) {
  const RegionTree tree = SmallTree();
  Result<ParsedReports> parsed = ParseReportsCsv(std::string(kHeader) +
                                                     "KP-01-001,2022-05-13,1,0,0,1\n"
                                                     "KP-01-002,2022-05-13,x,0,0,1\n"
                                                     "KP-02,2022-05-13,1,0,0,1\n",
                                                 "reports.csv", tree);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "reports.csv: 1 error(s); nothing was imported");
  EXPECT_EQ(parsed.status().details(),
            (Strings{"reports.csv:3: new_fever: \"x\" is not a whole number"}));
}

TEST(ParseReportsCsv, CapsTheErrorsAtAHundredAndSaysSo) {
  std::string text = kHeader;
  for (int row = 0; row < 250; ++row) text += "KP-02,2022-05-13,-1,0,0,1\n";
  const RegionTree tree = SmallTree();
  Result<ParsedReports> parsed = ParseReportsCsv(text, "reports.csv", tree);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "reports.csv: 100 or more error(s); nothing was imported");
  ASSERT_EQ(parsed.status().details().size(), 100u);
  EXPECT_EQ(parsed.status().details().back(), "reports.csv:101: new_fever: \"-1\" is negative");
}

TEST(ParseReportsCsv, CapsTheErrorsWhenRowsHaveSeveral) {
  std::string text = kHeader;
  // Three errors a row: 34 rows would give 102.
  for (int row = 0; row < 250; ++row) text += "KP-99,2022-05-13,-1,0,x,1\n";
  EXPECT_EQ(Rejections(text).size(), 100u);
}

TEST(ParseReportsCsv, CountsFewerErrorsExactly) {
  std::string text = kHeader;
  for (int row = 0; row < 5; ++row) text += "KP-02,2022-05-13,-1,0,0,1\n";
  const RegionTree tree = SmallTree();
  Result<ParsedReports> parsed = ParseReportsCsv(text, "reports.csv", tree);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "reports.csv: 5 error(s); nothing was imported");
}

}  // namespace
}  // namespace outbreak::surveillance

#include "analytics/incidence.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace outbreak::analytics {
namespace {

using Counts = std::vector<int64_t>;

bool HasDetail(const Status& status, const std::string& detail) {
  for (const std::string& line : status.details()) {
    if (line == detail) return true;
  }
  return false;
}

TEST(ParseIncidenceCsv, CountsTheFirstDaysCasesAsImported) {
  Result<IncidenceSeries> series =
      ParseIncidenceCsv("date,cases\n2022-05-12,5\n2022-05-13,7\n2022-05-14,0\n", "in.csv");
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  EXPECT_EQ(series->first_day, Date::FromCivil(2022, 5, 12));
  EXPECT_EQ(series->local, (Counts{0, 7, 0}));
  EXPECT_EQ(series->imported, (Counts{5, 0, 0}));
  EXPECT_EQ(series->last_day(), Date::FromCivil(2022, 5, 14));
}

TEST(ParseIncidenceCsv, ReadsLocalAndImportedColumnsInAnyOrder) {
  Result<IncidenceSeries> series =
      ParseIncidenceCsv("imported,date,local\n3,2022-05-12,1\n2,2022-05-13,4\n", "in.csv");
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  // The first day's local case is moved to imported, as EpiEstim does.
  EXPECT_EQ(series->local, (Counts{0, 4}));
  EXPECT_EQ(series->imported, (Counts{4, 2}));
}

TEST(ParseIncidenceCsv, NamesGapsNegativeAndNonNumericCounts) {
  Result<IncidenceSeries> series = ParseIncidenceCsv(
      "date,cases\n2022-05-12,5\n2022-05-13,-2\n2022-05-16,x\n2022-05-17,1.5\n2022-05-17,3\n",
      "in.csv");
  ASSERT_FALSE(series.ok());
  const Status& status = series.status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(HasDetail(status, "in.csv:3: cases: \"-2\" is negative"));
  EXPECT_TRUE(
      HasDetail(status,
                "in.csv:4: date: \"2022-05-16\" leaves out 2022-05-14 … 2022-05-15 (one row per "
                "day, no gaps)"));
  EXPECT_TRUE(HasDetail(status, "in.csv:4: cases: \"x\" is not a whole number"));
  EXPECT_TRUE(HasDetail(status, "in.csv:5: cases: \"1.5\" is not a whole number"));
  EXPECT_TRUE(HasDetail(
      status, "in.csv:6: date: \"2022-05-17\" is not after the previous row's 2022-05-17"));
  EXPECT_EQ(status.details().size(), 5u);
}

TEST(ParseIncidenceCsv, NamesASingleMissingDayAndABadDateOnce) {
  Result<IncidenceSeries> series = ParseIncidenceCsv(
      "date,cases\n2022-05-12,5\n2022-05-14,1\n2022-13-01,1\n2022-05-16,1\n", "in.csv");
  ASSERT_FALSE(series.ok());
  EXPECT_TRUE(HasDetail(series.status(),
                        "in.csv:3: date: \"2022-05-14\" leaves out 2022-05-13 (one row per day, "
                        "no gaps)"));
  EXPECT_TRUE(
      HasDetail(series.status(), "in.csv:4: date: \"2022-13-01\" is not a date (YYYY-MM-DD)"));
  EXPECT_EQ(series.status().details().size(), 2u);
}

TEST(ParseIncidenceCsv, RejectsBadHeadersEmptyFilesAndShortRows) {
  EXPECT_FALSE(ParseIncidenceCsv("", "in.csv").ok());
  EXPECT_FALSE(ParseIncidenceCsv("date,cases\n", "in.csv").ok());
  Result<IncidenceSeries> series = ParseIncidenceCsv("date,local\n2022-05-12,1\n", "in.csv");
  ASSERT_FALSE(series.ok());
  EXPECT_TRUE(HasDetail(series.status(), "in.csv:1: imported: required column is missing"));
  series = ParseIncidenceCsv("date,cases,deaths\n2022-05-12,1,0\n", "in.csv");
  ASSERT_FALSE(series.ok());
  EXPECT_TRUE(HasDetail(series.status(), "in.csv:1: deaths: \"deaths\" is not a known column"));
  series = ParseIncidenceCsv("date,cases\n2022-05-12\n", "in.csv");
  ASSERT_FALSE(series.ok());
  EXPECT_TRUE(HasDetail(series.status(), "in.csv:2: has 1 fields, the header has 2"));
}

TEST(ValidateIncidence, RejectsEmptyMismatchedAndNegativeSeries) {
  EXPECT_FALSE(ValidateIncidence(IncidenceSeries{}).ok());
  IncidenceSeries series = IncidenceFromCases(Date::FromCivil(2022, 5, 12), Counts{1, 2, 3});
  EXPECT_TRUE(ValidateIncidence(series).ok());
  series.imported.pop_back();
  EXPECT_FALSE(ValidateIncidence(series).ok());
  series.imported.push_back(-4);
  const Status status = ValidateIncidence(series);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(HasDetail(status, "2022-05-14: imported: \"-4\" is negative"));
}

}  // namespace
}  // namespace outbreak::analytics

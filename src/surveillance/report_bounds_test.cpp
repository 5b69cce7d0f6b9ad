#include "surveillance/report_bounds.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/bounds.hpp"
#include "record/record_json.hpp"
#include "surveillance/report_csv.hpp"
#include "surveillance/report_record.hpp"

namespace outbreak::surveillance {
namespace {

Region MakeRegion(std::string code, std::string parent, int64_t population) {
  Region region;
  region.code = code;
  region.name = code;
  region.parent = std::move(parent);
  region.population = population;
  return region;
}

// KP with KP-01 (150,000 persons) and KP-02 (population not known).
RegionTree Tree() {
  Result<RegionTree> tree =
      RegionTree::Build({MakeRegion("KP", "", 150'000), MakeRegion("KP-01", "KP", 150'000),
                         MakeRegion("KP-02", "KP", 0)});
  EXPECT_TRUE(tree.ok()) << tree.status().ToString();
  return std::move(tree).value();
}

DailyReport Report(const RegionTree& tree, const char* code, int64_t fever) {
  DailyReport report;
  report.region = *tree.Find(code);
  report.date = Date::FromCivil(2022, 5, 20);
  report.counts.new_fever = fever;
  report.counts.under_treatment = fever;
  return report;
}

TEST(ReportBounds, AcceptsCountsUpToThePopulation) {
  const RegionTree tree = Tree();
  const std::vector<DailyReport> reports = {
      Report(tree, "KP-01", 150'000), Report(tree, "KP-02", kMaxReportCountWithoutPopulation)};
  EXPECT_TRUE(CheckReportBounds(tree, reports).empty());
}

TEST(ReportBounds, RefusesACountJustAboveThePopulationNamingTheField) {
  const RegionTree tree = Tree();
  const std::vector<DailyReport> reports = {Report(tree, "KP-01", 150'001)};
  const std::vector<std::string> errors = CheckReportBounds(tree, reports);
  ASSERT_EQ(errors.size(), 2u);  // new_fever and under_treatment
  EXPECT_EQ(errors[0],
            "KP-01 2022-05-20: new_fever: 150001 is more than the population of KP-01 (150000)");
}

TEST(ReportBounds, RefusesTheLargestInt64EvenWithoutAPopulation) {
  const RegionTree tree = Tree();
  DailyReport report = Report(tree, "KP-02", 1);
  report.counts.tested = std::numeric_limits<int64_t>::max();
  const std::vector<std::string> errors = CheckReportBounds(tree, std::vector{report});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("tested: 9223372036854775807 is more than 10000000"), std::string::npos)
      << errors[0];
}

// The report's declaration and the bulk CSV reader accept and refuse the same values: a report is
// refused or written alike whether it comes in a file or in a request body.

// Whether a report of `region` with `text` as its `field` (every other count 0) is accepted
// through the CSV reader and then the bounds.
bool AcceptedFromCsv(const RegionTree& tree, const std::string& region, const std::string& field,
                     const std::string& text) {
  const std::vector<std::string> fields = {"new_fever",       "new_recovered", "new_deaths",
                                           "under_treatment", "tested",        "positive"};
  std::string header = "region,date";
  std::string row = region + ",2022-05-20";
  for (const std::string& name : fields) {
    header += "," + name;
    row += "," + (name == field ? text : std::string("0"));
  }
  Result<ParsedReports> parsed = ParseReportsCsv(header + "\n" + row + "\n", "r.csv", tree);
  return parsed.ok() && CheckReportBounds(tree, parsed->reports).empty();
}

// The same through the declaration's JSON reader and then the bounds.
bool AcceptedFromJson(const RegionTree& tree, const std::string& region, const std::string& field,
                      const std::string& json_value) {
  std::string body = fmt::format(
      R"({{"region":"{}","date":"2022-05-20","new_fever":0,"new_recovered":0,"new_deaths":0,)"
      R"("under_treatment":0,"tested":0,"positive":0}})",
      region);
  const std::string from = fmt::format(R"("{}":0)", field);
  body.replace(body.find(from), from.size(), fmt::format(R"("{}":{})", field, json_value));
  auto read = record::ReadBody(ReportRecord(), body);
  if (!read.ok()) return false;
  std::vector<DailyReport> reports;
  for (const ReportLine& line : read->items) {
    reports.push_back({*tree.Find(line.region), line.date, line.counts});
  }
  return CheckReportBounds(tree, reports).empty();
}

TEST(ReportRecord, AFileAndABodyAcceptAndRefuseTheSameCounts) {
  const RegionTree tree = Tree();
  // Each count at 0, inside, at its bound (the population, or 10 million when it is not known),
  // one above, at 2^63-1, beyond int64, negative, a fraction and text.
  const std::vector<std::string> values = {"0",
                                           "7",
                                           "150000",
                                           "150001",
                                           "10000000",
                                           "10000001",
                                           "9223372036854775807",
                                           "99999999999999999999",
                                           "-1",
                                           "1.5",
                                           "x"};
  for (const char* region : {"KP-01", "KP-02"}) {
    for (const char* field :
         {"new_fever", "new_recovered", "new_deaths", "under_treatment", "tested", "positive"}) {
      for (const std::string& value : values) {
        const std::string json_value = value == "x" ? "\"x\"" : value;
        EXPECT_EQ(AcceptedFromCsv(tree, region, field, value),
                  AcceptedFromJson(tree, region, field, json_value))
            << region << " " << field << " = " << value;
      }
    }
  }
  // The bounds are where they were meant to be.
  EXPECT_TRUE(AcceptedFromJson(tree, "KP-01", "new_fever", "150000"));
  EXPECT_FALSE(AcceptedFromJson(tree, "KP-01", "new_fever", "150001"));
  EXPECT_TRUE(AcceptedFromJson(tree, "KP-02", "new_fever", "10000000"));
  EXPECT_FALSE(AcceptedFromJson(tree, "KP-02", "new_fever", "10000001"));
}

TEST(ReportRecord, ABodyNamesEveryMistakeAndTheSameDayTwice) {
  auto read = record::ReadBody(
      ReportRecord(),
      R"({"reports":[{"region":"KP-01","date":"2022-05-20","new_fever":-1,"new_recovered":0,)"
      R"("new_deaths":0,"under_treatment":0,"colour":"red"},)"
      R"({"region":"KP-01","date":"2022-05-20","new_fever":1,"new_recovered":0,"new_deaths":0,)"
      R"("under_treatment":1}]})");
  ASSERT_FALSE(read.ok());
  const std::vector<std::string>& details = read.status().details();
  auto has = [&](const std::string& text) {
    for (const std::string& d : details) {
      if (d.find(text) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("reports[0].new_fever: -1 is negative")) << read.status().ToString();
  EXPECT_TRUE(has("reports[0].colour: is not a known field")) << read.status().ToString();
  EXPECT_TRUE(has("reports[1].date: appears twice for region KP-01")) << read.status().ToString();
}

}  // namespace
}  // namespace outbreak::surveillance

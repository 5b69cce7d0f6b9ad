#include "surveillance/report_bounds.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/bounds.hpp"

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

}  // namespace
}  // namespace outbreak::surveillance

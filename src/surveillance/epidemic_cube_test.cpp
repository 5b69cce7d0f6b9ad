#include "surveillance/epidemic_cube.hpp"

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace outbreak::surveillance {
namespace {

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

const Date kMay13 = Date::FromCivil(2022, 5, 13);

ReportCounts Counts(int64_t fever, int64_t recovered, int64_t deaths, int64_t under_treatment,
                    std::optional<int64_t> tested = std::nullopt,
                    std::optional<int64_t> positive = std::nullopt) {
  ReportCounts counts;
  counts.new_fever = fever;
  counts.new_recovered = recovered;
  counts.new_deaths = deaths;
  counts.under_treatment = under_treatment;
  counts.tested = tested;
  counts.positive = positive;
  return counts;
}

void Report(EpidemicCube& cube, RegionIdx leaf, Date date, const ReportCounts& counts) {
  const DailyReport report{leaf, date, counts};
  cube.Apply(std::span<const DailyReport>(&report, 1));
}

OpeningBalance Opening(RegionIdx leaf, Date as_of, int64_t fever, int64_t recovered,
                       int64_t deaths) {
  OpeningBalance opening;
  opening.region = leaf;
  opening.as_of = as_of;
  opening.fever = fever;
  opening.recovered = recovered;
  opening.deaths = deaths;
  opening.note = "since late April";
  return opening;
}

void SetOpening(EpidemicCube& cube, const OpeningBalance& opening) {
  cube.SetOpenings(std::span<const OpeningBalance>(&opening, 1));
}

TEST(EpidemicCube, StartsEmptyWithZeros) {
  const RegionTree tree = SmallTree();
  const EpidemicCube cube(tree);
  EXPECT_TRUE(cube.empty());
  const DayValues values = cube.At(tree.root(), kMay13);
  EXPECT_EQ(values.new_fever, 0);
  EXPECT_EQ(values.under_treatment, 0);
  EXPECT_EQ(values.reporters, 0);
  EXPECT_EQ(cube.CumulativeAt(tree.root(), kMay13).fever, 0);
  EXPECT_FALSE(cube.HasReport(Idx(tree, "KP-02"), kMay13));
  EXPECT_EQ(cube.ReportOf(Idx(tree, "KP-02"), kMay13), std::nullopt);
  EXPECT_EQ(cube.OpeningOf(Idx(tree, "KP-02")), nullptr);
}

TEST(EpidemicCube, RollsAReportUpToEveryAncestor) {
  const RegionTree tree = SmallTree();
  EpidemicCube cube(tree);
  const RegionIdx unit = Idx(tree, "KP-01-001");
  Report(cube, unit, kMay13, Counts(10, 2, 1, 7, 50, 5));
  EXPECT_FALSE(cube.empty());
  EXPECT_EQ(cube.first_day(), kMay13);
  EXPECT_EQ(cube.last_day(), kMay13);
  for (RegionIdx region : {unit, Idx(tree, "KP-01"), tree.root()}) {
    const DayValues values = cube.At(region, kMay13);
    EXPECT_EQ(values.new_fever, 10) << tree.region(region).code;
    EXPECT_EQ(values.new_recovered, 2);
    EXPECT_EQ(values.new_deaths, 1);
    EXPECT_EQ(values.under_treatment, 7);
    EXPECT_EQ(values.tested, 50);
    EXPECT_EQ(values.positive, 5);
    EXPECT_EQ(values.reporters, 1);
  }
  for (RegionIdx region : {Idx(tree, "KP-01-002"), Idx(tree, "KP-02")}) {
    const DayValues values = cube.At(region, kMay13);
    EXPECT_EQ(values.new_fever, 0) << tree.region(region).code;
    EXPECT_EQ(values.under_treatment, 0);
    EXPECT_EQ(values.reporters, 0);
  }
}

TEST(EpidemicCube, SumsTheUnitsOfARegion) {
  const RegionTree tree = SmallTree();
  EpidemicCube cube(tree);
  const std::vector<DailyReport> reports = {
      {Idx(tree, "KP-01-001"), kMay13, Counts(10, 2, 1, 7)},
      {Idx(tree, "KP-01-002"), kMay13, Counts(20, 3, 0, 17, 30, 4)},
      {Idx(tree, "KP-02"), kMay13, Counts(5, 0, 0, 5)},
  };
  cube.Apply(reports);
  const DayValues province = cube.At(Idx(tree, "KP-01"), kMay13);
  EXPECT_EQ(province.new_fever, 30);
  EXPECT_EQ(province.new_recovered, 5);
  EXPECT_EQ(province.new_deaths, 1);
  EXPECT_EQ(province.under_treatment, 24);
  EXPECT_EQ(province.tested, 30);  // a unit without tests adds nothing
  EXPECT_EQ(province.positive, 4);
  EXPECT_EQ(province.reporters, 2);
  const DayValues nation = cube.At(tree.root(), kMay13);
  EXPECT_EQ(nation.new_fever, 35);
  EXPECT_EQ(nation.under_treatment, 29);
  EXPECT_EQ(nation.reporters, 3);
}

TEST(EpidemicCube, ACorrectionReplacesTheReportInsteadOfAdding) {
  const RegionTree tree = SmallTree();
  EpidemicCube cube(tree);
  const RegionIdx unit = Idx(tree, "KP-01-001");
  Report(cube, unit, kMay13, Counts(10, 2, 1, 7, 50, 5));
  Report(cube, unit, kMay13, Counts(4, 1, 0, 3));
  for (RegionIdx region : {unit, Idx(tree, "KP-01"), tree.root()}) {
    const DayValues values = cube.At(region, kMay13);
    EXPECT_EQ(values.new_fever, 4) << tree.region(region).code;
    EXPECT_EQ(values.new_recovered, 1);
    EXPECT_EQ(values.new_deaths, 0);
    EXPECT_EQ(values.under_treatment, 3);
    EXPECT_EQ(values.tested, 0);
    EXPECT_EQ(values.positive, 0);
    EXPECT_EQ(values.reporters, 1);
    EXPECT_EQ(cube.CumulativeAt(region, kMay13).fever, 4);
  }
  EXPECT_EQ(cube.ReportOf(unit, kMay13), Counts(4, 1, 0, 3));
}

TEST(EpidemicCube, ACorrectionOfAnEarlierDayMovesLaterCumulativeTotals) {
  const RegionTree tree = SmallTree();
  EpidemicCube cube(tree);
  const RegionIdx unit = Idx(tree, "KP-02");
  Report(cube, unit, kMay13, Counts(10, 0, 0, 10));
  Report(cube, unit, kMay13 + 1, Counts(5, 0, 0, 15));
  Report(cube, unit, kMay13, Counts(12, 0, 0, 12));
  EXPECT_EQ(cube.CumulativeAt(tree.root(), kMay13).fever, 12);
  EXPECT_EQ(cube.CumulativeAt(tree.root(), kMay13 + 1).fever, 17);
  EXPECT_EQ(cube.At(tree.root(), kMay13 + 1).under_treatment, 15);
}

TEST(EpidemicCube, CumulativeTotalsIncludeOpeningBalances) {
  const RegionTree tree = SmallTree();
  EpidemicCube cube(tree);
  const RegionIdx unit = Idx(tree, "KP-01-001");
  SetOpening(cube, Opening(unit, kMay13 - 1, 100, 20, 5));
  Report(cube, unit, kMay13, Counts(10, 4, 1, 80, 40, 2));
  Report(cube, unit, kMay13 + 1, Counts(5, 3, 0, 82, 10, 1));
  for (RegionIdx region : {unit, Idx(tree, "KP-01"), tree.root()}) {
    const CumulativeValues before = cube.CumulativeAt(region, kMay13 - 3);
    EXPECT_EQ(before.fever, 100) << tree.region(region).code;
    EXPECT_EQ(before.recovered, 20);
    EXPECT_EQ(before.deaths, 5);
    const CumulativeValues first = cube.CumulativeAt(region, kMay13);
    EXPECT_EQ(first.fever, 110);
    EXPECT_EQ(first.recovered, 24);
    EXPECT_EQ(first.deaths, 6);
    EXPECT_EQ(first.tested, 40);
    EXPECT_EQ(first.positive, 2);
    const CumulativeValues second = cube.CumulativeAt(region, kMay13 + 1);
    EXPECT_EQ(second.fever, 115);
    EXPECT_EQ(second.recovered, 27);
    EXPECT_EQ(second.deaths, 6);
    EXPECT_EQ(second.tested, 50);
    EXPECT_EQ(second.positive, 3);
    const CumulativeValues after = cube.CumulativeAt(region, kMay13 + 30);
    EXPECT_EQ(after.fever, 115);
    EXPECT_EQ(after.recovered, 27);
  }
  // The opening balance is never a day's new cases.
  EXPECT_EQ(cube.At(tree.root(), kMay13).new_fever, 10);
  EXPECT_EQ(cube.At(tree.root(), kMay13 - 1).new_fever, 0);
  EXPECT_EQ(cube.CumulativeAt(Idx(tree, "KP-02"), kMay13).fever, 0);
}

TEST(EpidemicCube, CarriesUnderTreatmentForwardForAUnitThatDidNotReport) {
  const RegionTree tree = SmallTree();
  EpidemicCube cube(tree);
  const RegionIdx reporting = Idx(tree, "KP-01-001");
  const RegionIdx silent = Idx(tree, "KP-01-002");
  Report(cube, reporting, kMay13, Counts(50, 0, 0, 50));
  Report(cube, silent, kMay13, Counts(30, 0, 0, 30));
  Report(cube, reporting, kMay13 + 1, Counts(10, 0, 0, 60));
  const DayValues silent_values = cube.At(silent, kMay13 + 1);
  EXPECT_EQ(silent_values.under_treatment, 30);
  EXPECT_EQ(silent_values.new_fever, 0);
  EXPECT_EQ(silent_values.reporters, 0);
  EXPECT_FALSE(cube.HasReport(silent, kMay13 + 1));
  // The province keeps the silent unit's 30, so its figure does not drop to 60.
  const DayValues province = cube.At(Idx(tree, "KP-01"), kMay13 + 1);
  EXPECT_EQ(province.under_treatment, 90);
  EXPECT_EQ(province.reporters, 1);
  EXPECT_EQ(cube.At(tree.root(), kMay13 + 1).under_treatment, 90);
  // After the last day the stock stands still.
  EXPECT_EQ(cube.At(tree.root(), kMay13 + 10).under_treatment, 90);
  EXPECT_EQ(cube.At(tree.root(), kMay13 + 10).new_fever, 0);
  EXPECT_EQ(cube.At(tree.root(), kMay13 + 10).reporters, 0);
}

TEST(EpidemicCube, CarriesTheOpeningBalanceUntilAUnitFirstReports) {
  const RegionTree tree = SmallTree();
  EpidemicCube cube(tree);
  const RegionIdx opened = Idx(tree, "KP-02");
  SetOpening(cube, Opening(opened, kMay13 - 1, 40, 10, 0));  // 30 under treatment
  Report(cube, Idx(tree, "KP-01-001"), kMay13, Counts(5, 0, 0, 5));
  Report(cube, opened, kMay13 + 2, Counts(2, 0, 0, 32));
  EXPECT_EQ(cube.At(tree.root(), kMay13 - 5).under_treatment, 30);
  EXPECT_EQ(cube.At(tree.root(), kMay13).under_treatment, 35);
  EXPECT_EQ(cube.At(tree.root(), kMay13 + 1).under_treatment, 35);
  EXPECT_EQ(cube.At(tree.root(), kMay13 + 2).under_treatment, 37);
  EXPECT_EQ(cube.At(opened, kMay13 + 1).under_treatment, 30);
}

TEST(EpidemicCube, CarriesALateEarlierReportForwardToTheNextReport) {
  const RegionTree tree = SmallTree();
  EpidemicCube cube(tree);
  const RegionIdx unit = Idx(tree, "KP-02");
  Report(cube, unit, kMay13 + 5, Counts(1, 0, 0, 50));
  Report(cube, unit, kMay13, Counts(20, 0, 0, 20));
  EXPECT_EQ(cube.first_day(), kMay13);
  EXPECT_EQ(cube.last_day(), kMay13 + 5);
  for (int day = 0; day < 5; ++day) {
    EXPECT_EQ(cube.At(tree.root(), kMay13 + day).under_treatment, 20) << day;
  }
  EXPECT_EQ(cube.At(tree.root(), kMay13 + 5).under_treatment, 50);
}

TEST(EpidemicCube, KeepsValuesWhenTheRangeGrowsEarlier) {
  const RegionTree tree = SmallTree();
  EpidemicCube cube(tree);
  const RegionIdx unit = Idx(tree, "KP-01-001");
  const RegionIdx other = Idx(tree, "KP-02");
  Report(cube, unit, kMay13, Counts(10, 1, 0, 9, 20, 2));
  Report(cube, unit, kMay13 + 1, Counts(7, 2, 1, 13));
  Report(cube, other, kMay13 - 3, Counts(4, 0, 0, 4));
  EXPECT_EQ(cube.first_day(), kMay13 - 3);
  EXPECT_EQ(cube.last_day(), kMay13 + 1);
  EXPECT_EQ(cube.ReportOf(unit, kMay13), Counts(10, 1, 0, 9, 20, 2));
  EXPECT_EQ(cube.ReportOf(unit, kMay13 + 1), Counts(7, 2, 1, 13));
  EXPECT_EQ(cube.At(unit, kMay13 - 1).under_treatment, 0);
  const DayValues nation = cube.At(tree.root(), kMay13);
  EXPECT_EQ(nation.new_fever, 10);
  EXPECT_EQ(nation.under_treatment, 13);  // 9 + the other unit's 4 carried forward
  EXPECT_EQ(nation.reporters, 1);
  EXPECT_EQ(cube.CumulativeAt(tree.root(), kMay13 - 3).fever, 4);
  EXPECT_EQ(cube.CumulativeAt(tree.root(), kMay13).fever, 14);
  EXPECT_EQ(cube.CumulativeAt(tree.root(), kMay13 + 1).fever, 21);
  EXPECT_EQ(cube.CumulativeAt(tree.root(), kMay13 + 1).tested, 20);
}

TEST(EpidemicCube, KeepsValuesWhenTheRangeGrowsLater) {
  const RegionTree tree = SmallTree();
  EpidemicCube cube(tree);
  const RegionIdx unit = Idx(tree, "KP-01-001");
  const RegionIdx other = Idx(tree, "KP-02");
  Report(cube, unit, kMay13, Counts(10, 1, 0, 9));
  Report(cube, other, kMay13, Counts(3, 0, 0, 3));
  Report(cube, unit, kMay13 + 4, Counts(2, 0, 0, 11));
  EXPECT_EQ(cube.first_day(), kMay13);
  EXPECT_EQ(cube.last_day(), kMay13 + 4);
  EXPECT_EQ(cube.ReportOf(unit, kMay13), Counts(10, 1, 0, 9));
  EXPECT_EQ(cube.ReportOf(other, kMay13), Counts(3, 0, 0, 3));
  for (int day = 1; day < 4; ++day) {
    const DayValues nation = cube.At(tree.root(), kMay13 + day);
    EXPECT_EQ(nation.under_treatment, 12) << day;
    EXPECT_EQ(nation.new_fever, 0) << day;
    EXPECT_EQ(cube.CumulativeAt(tree.root(), kMay13 + day).fever, 13) << day;
  }
  EXPECT_EQ(cube.At(tree.root(), kMay13 + 4).under_treatment, 14);
  EXPECT_EQ(cube.CumulativeAt(tree.root(), kMay13 + 4).fever, 15);
}

TEST(EpidemicCube, SetsOpeningsAfterReports) {
  const RegionTree tree = SmallTree();
  EpidemicCube cube(tree);
  const RegionIdx unit = Idx(tree, "KP-01-002");
  const RegionIdx other = Idx(tree, "KP-02");
  Report(cube, other, kMay13, Counts(1, 0, 0, 1));
  Report(cube, unit, kMay13 + 2, Counts(10, 5, 0, 55));
  SetOpening(cube, Opening(unit, kMay13 - 1, 70, 20, 0));  // 50 under treatment
  EXPECT_EQ(cube.At(tree.root(), kMay13 - 1).under_treatment, 50);
  EXPECT_EQ(cube.At(tree.root(), kMay13).under_treatment, 51);
  EXPECT_EQ(cube.At(tree.root(), kMay13 + 1).under_treatment, 51);
  EXPECT_EQ(cube.At(tree.root(), kMay13 + 2).under_treatment, 56);
  EXPECT_EQ(cube.CumulativeAt(tree.root(), kMay13).fever, 71);
  EXPECT_EQ(cube.CumulativeAt(tree.root(), kMay13 + 2).fever, 81);
  EXPECT_EQ(cube.CumulativeAt(Idx(tree, "KP-01"), kMay13 + 2).recovered, 25);
  ASSERT_NE(cube.OpeningOf(unit), nullptr);
  EXPECT_EQ(cube.OpeningOf(unit)->fever, 70);
  EXPECT_EQ(cube.OpeningOf(unit)->note, "since late April");
}

TEST(EpidemicCube, ANewOpeningOfAUnitReplacesTheOldOne) {
  const RegionTree tree = SmallTree();
  EpidemicCube cube(tree);
  const RegionIdx unit = Idx(tree, "KP-01-002");
  SetOpening(cube, Opening(unit, kMay13 - 1, 70, 20, 0));
  Report(cube, Idx(tree, "KP-02"), kMay13, Counts(1, 0, 0, 1));
  SetOpening(cube, Opening(unit, kMay13 - 1, 40, 10, 1));  // 29 under treatment
  EXPECT_EQ(cube.CumulativeAt(tree.root(), kMay13).fever, 41);
  EXPECT_EQ(cube.CumulativeAt(tree.root(), kMay13).recovered, 10);
  EXPECT_EQ(cube.CumulativeAt(tree.root(), kMay13).deaths, 1);
  EXPECT_EQ(cube.At(tree.root(), kMay13).under_treatment, 30);
  EXPECT_EQ(cube.At(tree.root(), kMay13 - 9).under_treatment, 29);
  EXPECT_EQ(cube.OpeningOf(unit)->fever, 40);
}

TEST(EpidemicCube, IgnoresOpeningsAndReportsOfRegionsThatAreNotUnits) {
  const RegionTree tree = SmallTree();
  EpidemicCube cube(tree);
  const RegionIdx province = Idx(tree, "KP-01");
  SetOpening(cube, Opening(province, kMay13 - 1, 70, 20, 0));
  Report(cube, province, kMay13, Counts(10, 0, 0, 10));
  EXPECT_EQ(cube.At(tree.root(), kMay13).new_fever, 0);
  EXPECT_EQ(cube.At(tree.root(), kMay13).under_treatment, 0);
  EXPECT_EQ(cube.CumulativeAt(tree.root(), kMay13).fever, 0);
  EXPECT_FALSE(cube.HasReport(province, kMay13));
  EXPECT_EQ(cube.OpeningOf(province), nullptr);
}

TEST(EpidemicCube, GivesBackTheReportOfAUnitAsFiled) {
  const RegionTree tree = SmallTree();
  EpidemicCube cube(tree);
  const RegionIdx unit = Idx(tree, "KP-01-001");
  Report(cube, unit, kMay13, Counts(10, 2, 1, 7, 50, 5));
  Report(cube, unit, kMay13 + 2, Counts(3, 0, 0, 10, std::nullopt, 0));
  Report(cube, unit, kMay13 + 3, Counts(0, 0, 0, 10));
  Report(cube, unit, kMay13 + 6, Counts(0, 0, 0, 10, 12, std::nullopt));
  EXPECT_TRUE(cube.HasReport(unit, kMay13));
  EXPECT_EQ(cube.ReportOf(unit, kMay13), Counts(10, 2, 1, 7, 50, 5));
  // A positive count without a tested count stays without one.
  EXPECT_EQ(cube.ReportOf(unit, kMay13 + 2), Counts(3, 0, 0, 10, std::nullopt, 0));
  // A report of zeros is a report.
  EXPECT_TRUE(cube.HasReport(unit, kMay13 + 3));
  EXPECT_EQ(cube.ReportOf(unit, kMay13 + 3), Counts(0, 0, 0, 10));
  EXPECT_EQ(cube.ReportOf(unit, kMay13 + 6), Counts(0, 0, 0, 10, 12, std::nullopt));
  EXPECT_FALSE(cube.HasReport(unit, kMay13 + 1));
  EXPECT_EQ(cube.ReportOf(unit, kMay13 + 1), std::nullopt);
  EXPECT_FALSE(cube.HasReport(unit, kMay13 - 1));
  EXPECT_FALSE(cube.HasReport(unit, kMay13 + 4));
  EXPECT_FALSE(cube.HasReport(unit, kMay13 + 7));
  EXPECT_FALSE(cube.HasReport(Idx(tree, "KP-01-002"), kMay13));
  EXPECT_FALSE(cube.HasReport(Idx(tree, "KP-01"), kMay13));
  EXPECT_EQ(cube.ReportOf(Idx(tree, "KP-01"), kMay13), std::nullopt);
}

// The property: after any sequence of openings, reports and corrections, every figure of every
// region on every day equals a naive recomputation from the list of reports in force.
class NaiveCube {
 public:
  explicit NaiveCube(const RegionTree& tree) : tree_(tree) {}

  void Apply(const DailyReport& report) { reports_[{report.region, report.date}] = report.counts; }
  void SetOpening(const OpeningBalance& opening) { openings_[opening.region] = opening; }

  DayValues At(RegionIdx region, Date date) const {
    DayValues out;
    for (RegionIdx leaf : tree_.LeavesUnder(region)) {
      const auto today = reports_.find({leaf, date});
      if (today != reports_.end()) {
        const ReportCounts& counts = today->second;
        out.new_fever += counts.new_fever;
        out.new_recovered += counts.new_recovered;
        out.new_deaths += counts.new_deaths;
        out.tested += counts.tested.value_or(0);
        out.positive += counts.positive.value_or(0);
        out.under_treatment += counts.under_treatment;
        out.reporters += 1;
        continue;
      }
      out.under_treatment += LastUnderTreatmentBefore(leaf, date);
    }
    return out;
  }

  CumulativeValues CumulativeAt(RegionIdx region, Date date) const {
    CumulativeValues out;
    for (RegionIdx leaf : tree_.LeavesUnder(region)) {
      if (auto opening = openings_.find(leaf); opening != openings_.end()) {
        out.fever += opening->second.fever;
        out.recovered += opening->second.recovered;
        out.deaths += opening->second.deaths;
      }
      for (auto it = reports_.lower_bound({leaf, Date(std::numeric_limits<int32_t>::min())});
           it != reports_.end() && it->first.first == leaf && it->first.second <= date; ++it) {
        out.fever += it->second.new_fever;
        out.recovered += it->second.new_recovered;
        out.deaths += it->second.new_deaths;
        out.tested += it->second.tested.value_or(0);
        out.positive += it->second.positive.value_or(0);
      }
    }
    return out;
  }

  std::optional<ReportCounts> ReportOf(RegionIdx leaf, Date date) const {
    const auto it = reports_.find({leaf, date});
    if (it == reports_.end()) return std::nullopt;
    return it->second;
  }

 private:
  int64_t LastUnderTreatmentBefore(RegionIdx leaf, Date date) const {
    auto it = reports_.lower_bound({leaf, date});
    if (it != reports_.begin()) {
      --it;
      if (it->first.first == leaf) return it->second.under_treatment;
    }
    const auto opening = openings_.find(leaf);
    return opening == openings_.end() ? 0 : opening->second.under_treatment();
  }

  const RegionTree& tree_;
  std::map<std::pair<RegionIdx, Date>, ReportCounts> reports_;
  std::map<RegionIdx, OpeningBalance> openings_;
};

// R: provinces P1 (units U11, U12, U13), P2 (U21, U22) and P3 (U31), and the unit U0 directly
// under the nation, so units sit at depths 1 and 2.
RegionTree PropertyTree() {
  Result<RegionTree> tree =
      RegionTree::Build({MakeRegion("R", ""), MakeRegion("P1", "R"), MakeRegion("P2", "R"),
                         MakeRegion("P3", "R"), MakeRegion("U0", "R"), MakeRegion("U11", "P1"),
                         MakeRegion("U12", "P1"), MakeRegion("U13", "P1"), MakeRegion("U21", "P2"),
                         MakeRegion("U22", "P2"), MakeRegion("U31", "P3")});
  EXPECT_TRUE(tree.ok()) << tree.status().ToString();
  return std::move(tree).value();
}

void ExpectSameAsNaive(const EpidemicCube& cube, const NaiveCube& naive, const RegionTree& tree,
                       int step) {
  ASSERT_FALSE(cube.empty());
  for (RegionIdx region = 0; region < tree.size(); ++region) {
    for (Date date = cube.first_day() - 2; date <= cube.last_day() + 2; date = date + 1) {
      const DayValues got = cube.At(region, date);
      const DayValues want = naive.At(region, date);
      const std::string where =
          "step " + std::to_string(step) + " " + tree.region(region).code + " " + date.ToString();
      ASSERT_EQ(got.new_fever, want.new_fever) << where;
      ASSERT_EQ(got.new_recovered, want.new_recovered) << where;
      ASSERT_EQ(got.new_deaths, want.new_deaths) << where;
      ASSERT_EQ(got.tested, want.tested) << where;
      ASSERT_EQ(got.positive, want.positive) << where;
      ASSERT_EQ(got.under_treatment, want.under_treatment) << where;
      ASSERT_EQ(got.reporters, want.reporters) << where;
      const CumulativeValues got_total = cube.CumulativeAt(region, date);
      const CumulativeValues want_total = naive.CumulativeAt(region, date);
      ASSERT_EQ(got_total.fever, want_total.fever) << where;
      ASSERT_EQ(got_total.recovered, want_total.recovered) << where;
      ASSERT_EQ(got_total.deaths, want_total.deaths) << where;
      ASSERT_EQ(got_total.tested, want_total.tested) << where;
      ASSERT_EQ(got_total.positive, want_total.positive) << where;
      if (tree.IsLeaf(region)) {
        ASSERT_EQ(cube.ReportOf(region, date), naive.ReportOf(region, date)) << where;
        ASSERT_EQ(cube.HasReport(region, date), naive.ReportOf(region, date).has_value()) << where;
      }
    }
  }
}

TEST(EpidemicCube, AgreesWithANaiveRecomputationAfterRandomOperations) {
  constexpr uint64_t kSeed = 20220512;
  constexpr int kOperations = 400;
  constexpr int kDaySpan = 40;
  const RegionTree tree = PropertyTree();
  const std::vector<RegionIdx>& units = tree.leaves();
  EpidemicCube cube(tree);
  NaiveCube naive(tree);
  std::mt19937_64 rng(kSeed);
  auto uniform = [&](int64_t low, int64_t high) {
    return std::uniform_int_distribution<int64_t>(low, high)(rng);
  };
  // Days start in the middle of the span so the range grows both ways.
  const Date base = kMay13 - kDaySpan / 2;
  auto random_unit = [&] { return units[uniform(0, static_cast<int64_t>(units.size()) - 1)]; };
  auto random_count = [&] { return uniform(0, 3) == 0 ? 0 : uniform(0, 500); };
  auto maybe_count = [&]() -> std::optional<int64_t> {
    if (uniform(0, 2) == 0) return std::nullopt;
    return random_count();
  };

  std::vector<DailyReport> batch;
  for (int step = 0; step < kOperations; ++step) {
    if (uniform(0, 9) == 0) {
      // Openings are dated before the span, as the contract asks.
      // One draw a statement: the order of evaluation of arguments is unspecified.
      const RegionIdx unit = random_unit();
      const int64_t fever = uniform(0, 5000);
      const int64_t recovered = uniform(0, 2000);
      const int64_t deaths = uniform(0, 100);
      const OpeningBalance opening = Opening(unit, base - 1, fever, recovered, deaths);
      SetOpening(cube, opening);
      naive.SetOpening(opening);
    } else {
      // A batch, sometimes with the same unit and day twice (the later one wins) and sometimes
      // correcting what is already held.
      batch.clear();
      const int64_t size = uniform(1, 5);
      const Date first = step == 0 ? kMay13 : base + static_cast<int32_t>(uniform(0, kDaySpan));
      for (int64_t report_idx = 0; report_idx < size; ++report_idx) {
        DailyReport report;
        report.region = random_unit();
        report.date = first + static_cast<int32_t>(uniform(-2, 2));
        report.counts.new_fever = random_count();
        report.counts.new_recovered = random_count();
        report.counts.new_deaths = uniform(0, 5);
        report.counts.under_treatment = random_count();
        report.counts.tested = maybe_count();
        report.counts.positive = maybe_count();
        batch.push_back(report);
      }
      if (size > 1 && uniform(0, 3) == 0) {
        DailyReport again = batch.front();
        again.counts.new_fever += 1;
        batch.push_back(again);
      }
      cube.Apply(batch);
      for (const DailyReport& report : batch) naive.Apply(report);
    }
    if (!cube.empty()) ExpectSameAsNaive(cube, naive, tree, step);
    if (::testing::Test::HasFatalFailure()) return;
  }
  EXPECT_LT(cube.first_day(), kMay13 - 5);
  EXPECT_GT(cube.last_day(), kMay13 + 5);
}

}  // namespace
}  // namespace outbreak::surveillance

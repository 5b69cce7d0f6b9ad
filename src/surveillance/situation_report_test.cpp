#include "surveillance/situation_report.hpp"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

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

// KP (1,000,000): the province P1 (600,000) with the units U11 and U12, and the unit P2
// (400,000).
RegionTree SmallTree() {
  Result<RegionTree> tree =
      RegionTree::Build({MakeRegion("KP", "", 1'000'000), MakeRegion("P1", "KP", 600'000),
                         MakeRegion("P2", "KP", 400'000), MakeRegion("U11", "P1", 250'000),
                         MakeRegion("U12", "P1", 350'000)});
  EXPECT_TRUE(tree.ok()) << tree.status().ToString();
  return std::move(tree).value();
}

const Date kDay0 = Date::FromCivil(2022, 5, 12);

ReportCounts Counts(int64_t fever, int64_t recovered, int64_t deaths, int64_t under_treatment) {
  ReportCounts counts;
  counts.new_fever = fever;
  counts.new_recovered = recovered;
  counts.new_deaths = deaths;
  counts.under_treatment = under_treatment;
  return counts;
}

// Eight days, kDay0 to kDay0 + 7:
// - U11 opens with 100 cases, 30 recovered and 2 deaths (68 under treatment) before kDay0, then
//   reports 10 + day new cases and 2 recoveries every day;
// - U12 reports 5 new cases and 1 recovery a day on the first seven days and nothing on the
//   eighth, so its 28 under treatment carry forward;
// - P2 reports only on the first day (3 cases) and the eighth (20 cases, 1 recovered, 1 death).
class SituationFixture {
 public:
  SituationFixture() : tree_(SmallTree()), cube_(tree_) {
    OpeningBalance opening;
    opening.region = Idx("U11");
    opening.as_of = kDay0 - 1;
    opening.fever = 100;
    opening.recovered = 30;
    opening.deaths = 2;
    cube_.SetOpenings(std::span<const OpeningBalance>(&opening, 1));
    std::vector<DailyReport> reports;
    int64_t u11_under_treatment = opening.under_treatment();
    int64_t u12_under_treatment = 0;
    for (int day_idx = 0; day_idx < 8; ++day_idx) {
      const int64_t fever = 10 + day_idx;
      u11_under_treatment += fever - 2;
      reports.push_back({Idx("U11"), kDay0 + day_idx, Counts(fever, 2, 0, u11_under_treatment)});
      if (day_idx < 7) {
        u12_under_treatment += 5 - 1;
        reports.push_back({Idx("U12"), kDay0 + day_idx, Counts(5, 1, 0, u12_under_treatment)});
      }
    }
    reports.push_back({Idx("P2"), kDay0, Counts(3, 0, 0, 3)});
    reports.push_back({Idx("P2"), kDay0 + 7, Counts(20, 1, 1, 21)});
    cube_.Apply(reports);
  }

  RegionIdx Idx(std::string_view code) const { return tree_.Find(code).value(); }
  const RegionTree& tree() const { return tree_; }
  const EpidemicCube& cube() const { return cube_; }

 private:
  RegionTree tree_;
  EpidemicCube cube_;
};

TEST(SituationReport, GivesTheDaysNewCasesCumulativeTotalsAndUnderTreatment) {
  const SituationFixture fixture;
  const RegionSituation s = BuildRegionSituation(fixture.cube(), fixture.tree().root(), kDay0 + 7);
  EXPECT_EQ(s.region, fixture.tree().root());
  // U11 17 + U12 nothing + P2 20.
  EXPECT_EQ(s.new_cases.fever, 37);
  EXPECT_EQ(s.new_cases.recovered, 3);
  EXPECT_EQ(s.new_cases.deaths, 1);
  // Opening 100 + U11 10..17 (108) + U12 7 x 5 + P2 3 + 20.
  EXPECT_EQ(s.cumulative.fever, 266);
  EXPECT_EQ(s.cumulative.recovered, 30 + 16 + 7 + 1);
  EXPECT_EQ(s.cumulative.deaths, 2 + 1);
  // U11 68 + 108 - 16, U12 carried 28, P2 21.
  EXPECT_EQ(s.under_treatment, 160 + 28 + 21);
}

TEST(SituationReport, ChangesCompareWithTheDayBeforeAndTheWeekBefore) {
  const SituationFixture fixture;
  const RegionSituation s = BuildRegionSituation(fixture.cube(), fixture.tree().root(), kDay0 + 7);
  ASSERT_TRUE(s.change_1d.has_value());
  ASSERT_TRUE(s.change_7d.has_value());
  // The day before: 16 + 5 + 0 new, 2 + 1 recovered, no deaths; 145 + 28 + 3 under treatment.
  EXPECT_EQ(s.change_1d->fever, 37 - 21);
  EXPECT_EQ(s.change_1d->recovered, 0);
  EXPECT_EQ(s.change_1d->deaths, 1);
  EXPECT_EQ(s.change_1d->under_treatment, 209 - 176);
  // A week before (kDay0): 10 + 5 + 3 new, 2 + 1 recovered; 76 + 4 + 3 under treatment.
  EXPECT_EQ(s.change_7d->fever, 37 - 18);
  EXPECT_EQ(s.change_7d->recovered, 0);
  EXPECT_EQ(s.change_7d->deaths, 1);
  EXPECT_EQ(s.change_7d->under_treatment, 209 - 83);
}

TEST(SituationReport, AveragesTheSevenDaysEndingOnTheDay) {
  const SituationFixture fixture;
  const RegionSituation s = BuildRegionSituation(fixture.cube(), fixture.tree().root(), kDay0 + 7);
  // kDay0 + 1 .. kDay0 + 7: U11 11..17 (98), U12 6 x 5, P2 20.
  EXPECT_EQ(s.avg_days, 7);
  EXPECT_DOUBLE_EQ(s.avg_7d.fever, 148.0 / 7);
  EXPECT_DOUBLE_EQ(s.avg_7d.recovered, (7 * 2 + 6 * 1 + 1) / 7.0);
  EXPECT_DOUBLE_EQ(s.avg_7d.deaths, 1.0 / 7);
}

TEST(SituationReport, InTheFirstWeekAveragesTheDaysWithReportsAndComparesWithNoneBefore) {
  const SituationFixture fixture;
  // The week ending kDay0 + 3 reaches back before the first day, where only the opening stands.
  const RegionSituation s = BuildRegionSituation(fixture.cube(), fixture.tree().root(), kDay0 + 3);
  // Four days with reports: U11 10..13 (46), U12 4 x 5, P2 3; not the 100 of the opening
  // balance, and not divided by seven.
  EXPECT_EQ(s.avg_days, 4);
  EXPECT_DOUBLE_EQ(s.avg_7d.fever, 69.0 / 4);
  EXPECT_DOUBLE_EQ(s.avg_7d.recovered, (4 * 2 + 4 * 1) / 4.0);
  EXPECT_DOUBLE_EQ(s.avg_7d.deaths, 0.0);
  EXPECT_EQ(s.cumulative.fever, 169);
  // A week before there was no report: no change to give, rather than a change from zero.
  EXPECT_FALSE(s.change_7d.has_value());
  EXPECT_TRUE(s.change_1d.has_value());
}

TEST(SituationReport, ADayWithoutAReportHasNoDataNotZeros) {
  const SituationFixture fixture;
  const RegionIdx p2 = fixture.tree().Find("P2").value();
  // P2 reports on kDay0 and kDay0 + 7 only.
  const RegionSituation quiet = BuildRegionSituation(fixture.cube(), p2, kDay0 + 3);
  EXPECT_FALSE(quiet.HasData());
  EXPECT_FALSE(quiet.change_1d.has_value());
  EXPECT_FALSE(quiet.change_7d.has_value());
  const RegionSituation back = BuildRegionSituation(fixture.cube(), p2, kDay0 + 7);
  EXPECT_TRUE(back.HasData());
  EXPECT_TRUE(back.Complete());
  EXPECT_FALSE(back.change_1d.has_value()) << "the day before has no report";
  EXPECT_TRUE(back.change_7d.has_value());
  EXPECT_EQ(back.avg_days, 1);
  EXPECT_DOUBLE_EQ(back.avg_7d.fever, 20.0);
  // Before the first report and after the last: no data anywhere.
  for (const Date day : {kDay0 - 30, kDay0 + 30}) {
    const RegionSituation none = BuildRegionSituation(fixture.cube(), fixture.tree().root(), day);
    EXPECT_FALSE(none.HasData()) << day.ToString();
    EXPECT_EQ(none.avg_days, 0);
  }
}

TEST(SituationReport, TheDefaultDayIsTheLastCompleteOne) {
  const SituationFixture fixture;
  // Only kDay0 has every unit's report (P2 skips the days between); the eighth day lacks U12.
  EXPECT_EQ(DefaultReportDay(fixture.cube(), kDay0 + 7), kDay0);
  // Beyond the look-back, the latest day stands, partial as it is.
  EXPECT_EQ(DefaultReportDay(fixture.cube(), kDay0 + 7 + kCompleteDayLookback),
            kDay0 + 7 + kCompleteDayLookback);
}

TEST(SituationReport, MeasuresCompletenessAgainstTheUnitsOfTheRegion) {
  const SituationFixture fixture;
  const SituationReport report =
      BuildSituationReport(fixture.cube(), fixture.tree().root(), kDay0 + 7);
  EXPECT_EQ(report.region.completeness.reported, 2);
  EXPECT_EQ(report.region.completeness.expected, 3);
  EXPECT_DOUBLE_EQ(report.region.completeness.ratio(), 2.0 / 3);
  const RegionSituation province =
      BuildRegionSituation(fixture.cube(), fixture.Idx("P1"), kDay0 + 7);
  EXPECT_EQ(province.completeness.reported, 1);
  EXPECT_EQ(province.completeness.expected, 2);
  const RegionSituation silent =
      BuildRegionSituation(fixture.cube(), fixture.Idx("U12"), kDay0 + 7);
  EXPECT_EQ(silent.completeness.reported, 0);
  EXPECT_EQ(silent.completeness.expected, 1);
  EXPECT_DOUBLE_EQ(silent.completeness.ratio(), 0.0);
  EXPECT_EQ(silent.under_treatment, 28);
  EXPECT_EQ(silent.new_cases.fever, 0);
  EXPECT_DOUBLE_EQ(Completeness{}.ratio(), 0.0);
}

TEST(SituationReport, GivesNewCasesPer100kPopulation) {
  const SituationFixture fixture;
  const SituationReport report =
      BuildSituationReport(fixture.cube(), fixture.tree().root(), kDay0 + 7);
  EXPECT_DOUBLE_EQ(report.region.new_per_100k, 37 * 1e5 / 1'000'000);
  ASSERT_EQ(report.children.size(), 2u);
  EXPECT_DOUBLE_EQ(report.children[0].new_per_100k, 20 * 1e5 / 400'000);
  EXPECT_DOUBLE_EQ(report.children[1].new_per_100k, 17 * 1e5 / 600'000);
}

TEST(SituationReport, GivesZeroPer100kForARegionWithoutPopulation) {
  Result<RegionTree> tree = RegionTree::Build({MakeRegion("KP", "", 0)});
  ASSERT_TRUE(tree.ok());
  EpidemicCube cube(*tree);
  const DailyReport report{tree->root(), kDay0, Counts(5, 0, 0, 5)};
  cube.Apply(std::span<const DailyReport>(&report, 1));
  const RegionSituation s = BuildRegionSituation(cube, tree->root(), kDay0);
  EXPECT_EQ(s.new_cases.fever, 5);
  EXPECT_DOUBLE_EQ(s.new_per_100k, 0.0);
}

TEST(SituationReport, RanksChildrenByTheDaysNewFeverCases) {
  const SituationFixture fixture;
  // P2's 20 outrank P1's 17 although P1 comes first in the tree.
  const SituationReport report =
      BuildSituationReport(fixture.cube(), fixture.tree().root(), kDay0 + 7);
  EXPECT_EQ(report.as_of, kDay0 + 7);
  EXPECT_EQ(report.region.new_cases.fever, 37);
  ASSERT_EQ(report.children.size(), 2u);
  EXPECT_EQ(report.children[0].region, fixture.Idx("P2"));
  EXPECT_EQ(report.children[0].new_cases.fever, 20);
  EXPECT_EQ(report.children[1].region, fixture.Idx("P1"));
  EXPECT_EQ(report.children[1].new_cases.fever, 17);
  EXPECT_EQ(report.children[1].under_treatment, 160 + 28);
  // The day before, P1 leads.
  const SituationReport before =
      BuildSituationReport(fixture.cube(), fixture.tree().root(), kDay0 + 6);
  ASSERT_EQ(before.children.size(), 2u);
  EXPECT_EQ(before.children[0].region, fixture.Idx("P1"));
}

TEST(SituationReport, KeepsTreeOrderBetweenChildrenWithEqualNewCases) {
  const SituationFixture fixture;
  // After the last day nobody reports anything new.
  const SituationReport report =
      BuildSituationReport(fixture.cube(), fixture.tree().root(), kDay0 + 30);
  ASSERT_EQ(report.children.size(), 2u);
  EXPECT_EQ(report.children[0].region, fixture.Idx("P1"));
  EXPECT_EQ(report.children[1].region, fixture.Idx("P2"));
  EXPECT_EQ(report.region.new_cases.fever, 0);
  EXPECT_EQ(report.region.cumulative.fever, 266);
  EXPECT_EQ(report.region.under_treatment, 209);
}

TEST(SituationReport, HasNoChildrenForAReportingUnit) {
  const SituationFixture fixture;
  const SituationReport report =
      BuildSituationReport(fixture.cube(), fixture.Idx("U11"), kDay0 + 7);
  EXPECT_TRUE(report.children.empty());
  EXPECT_EQ(report.region.new_cases.fever, 17);
  EXPECT_EQ(report.region.cumulative.fever, 208);
  EXPECT_EQ(report.region.under_treatment, 160);
  EXPECT_EQ(report.region.completeness.reported, 1);
}

}  // namespace
}  // namespace outbreak::surveillance

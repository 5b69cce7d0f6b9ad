#include "surveillance/report_validator.hpp"

#include <optional>
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

// KP with the two reporting units KP-01 and KP-02.
RegionTree SmallTree() {
  Result<RegionTree> tree = RegionTree::Build(
      {MakeRegion("KP", ""), MakeRegion("KP-01", "KP"), MakeRegion("KP-02", "KP")});
  EXPECT_TRUE(tree.ok()) << tree.status().ToString();
  return std::move(tree).value();
}

const Date kMay13 = Date::FromCivil(2022, 5, 13);
// Far enough ahead that no report here is in the future unless a test says so.
const Date kToday = Date::FromCivil(2022, 8, 1);

ReportCounts Counts(int64_t fever, int64_t recovered, int64_t deaths, int64_t under_treatment) {
  ReportCounts counts;
  counts.new_fever = fever;
  counts.new_recovered = recovered;
  counts.new_deaths = deaths;
  counts.under_treatment = under_treatment;
  return counts;
}

// A cube over the small tree that the test fills, then validates.
class Fixture {
 public:
  Fixture() : tree_(SmallTree()), cube_(tree_), unit_(tree_.Find("KP-01").value()) {}

  RegionIdx unit() const { return unit_; }
  const EpidemicCube& cube() const { return cube_; }

  DailyReport Add(Date date, const ReportCounts& counts, RegionIdx region = kNoRegion) {
    const DailyReport report{region == kNoRegion ? unit_ : region, date, counts};
    cube_.Apply(std::span<const DailyReport>(&report, 1));
    return report;
  }

  void SetOpening(Date as_of, int64_t fever, int64_t recovered, int64_t deaths) {
    OpeningBalance opening;
    opening.region = unit_;
    opening.as_of = as_of;
    opening.fever = fever;
    opening.recovered = recovered;
    opening.deaths = deaths;
    cube_.SetOpenings(std::span<const OpeningBalance>(&opening, 1));
  }

  std::vector<Finding> Validate(const DailyReport& report, Date today = kToday,
                                const ValidationOptions& options = {}) const {
    return ValidateReports(cube_, std::span<const DailyReport>(&report, 1), today, options);
  }

 private:
  RegionTree tree_;
  EpidemicCube cube_;
  RegionIdx unit_;
};

std::vector<Finding> OfKind(const std::vector<Finding>& findings, FindingKind kind) {
  std::vector<Finding> out;
  for (const Finding& finding : findings) {
    if (finding.kind == kind) out.push_back(finding);
  }
  return out;
}

// Fourteen days of new fever around 100, each consistent with the day before, starting on kMay13.
// Median 100, MAD 1: the robust scale is the Poisson floor sqrt(100) = 10.
void AddSteadySeries(Fixture& fixture) {
  const int64_t fever[] = {98, 101, 100, 102, 99, 100, 103, 97, 100, 101, 99, 100, 102, 98};
  int64_t under_treatment = 0;
  for (int day_idx = 0; day_idx < 14; ++day_idx) {
    under_treatment += fever[day_idx] - 90;
    fixture.Add(kMay13 + day_idx, Counts(fever[day_idx], 90, 0, under_treatment));
  }
}

TEST(ValidateReports, FindsNothingInAConsistentReport) {
  Fixture fixture;
  fixture.Add(kMay13, Counts(10, 0, 0, 10));
  const DailyReport next = fixture.Add(kMay13 + 1, Counts(5, 3, 1, 11));
  EXPECT_TRUE(fixture.Validate(next).empty());
}

TEST(ValidateReports, FindsAnUnderTreatmentIdentityMismatchWithTheExpectedValue) {
  Fixture fixture;
  fixture.Add(kMay13, Counts(10, 0, 0, 100));
  // 100 + 10 - 5 - 1 = 104, not 110.
  const DailyReport next = fixture.Add(kMay13 + 1, Counts(10, 5, 1, 110));
  const std::vector<Finding> findings = fixture.Validate(next);
  ASSERT_EQ(findings.size(), 1u);
  const Finding& finding = findings[0];
  EXPECT_EQ(finding.kind, FindingKind::kUnderTreatmentIdentity);
  EXPECT_EQ(finding.region, fixture.unit());
  EXPECT_EQ(finding.date, kMay13 + 1);
  EXPECT_EQ(finding.field, "under_treatment");
  EXPECT_EQ(finding.actual, 110);
  EXPECT_EQ(finding.expected, 104);
  EXPECT_EQ(finding.message,
            "KP-01 2022-05-14: under_treatment is 110 but the day before's 100 + 10 new - 5 "
            "recovered - 1 deaths = 104 (off by 6)");
}

TEST(ValidateReports, FlagsAnIdentityOffByOneEitherWay) {
  for (const int64_t off : {-1, 1}) {
    Fixture fixture;
    fixture.Add(kMay13, Counts(10, 0, 0, 100));
    const DailyReport next = fixture.Add(kMay13 + 1, Counts(10, 5, 1, 104 + off));
    const std::vector<Finding> findings =
        OfKind(fixture.Validate(next), FindingKind::kUnderTreatmentIdentity);
    ASSERT_EQ(findings.size(), 1u) << "off by " << off;
    EXPECT_EQ(findings[0].actual, 104 + off);
    EXPECT_EQ(findings[0].expected, 104);
  }
}

TEST(ValidateReports, ComparesTheFirstReportWithTheOpeningBalance) {
  Fixture fixture;
  fixture.SetOpening(kMay13 - 1, 50, 10, 0);  // 40 under treatment
  const DailyReport first = fixture.Add(kMay13, Counts(5, 0, 0, 50));
  const std::vector<Finding> findings =
      OfKind(fixture.Validate(first), FindingKind::kUnderTreatmentIdentity);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].actual, 50);
  EXPECT_EQ(findings[0].expected, 45);
}

TEST(ValidateReports, AcceptsAFirstReportThatFollowsItsOpeningBalance) {
  Fixture fixture;
  fixture.SetOpening(kMay13 - 1, 50, 10, 0);
  const DailyReport first = fixture.Add(kMay13, Counts(5, 2, 1, 42));
  EXPECT_TRUE(fixture.Validate(first).empty());
}

TEST(ValidateReports, DoesNotCheckTheFirstReportWithoutAnOpeningBalance) {
  Fixture fixture;
  const DailyReport first = fixture.Add(kMay13, Counts(5, 0, 0, 500));
  EXPECT_TRUE(fixture.Validate(first).empty());
}

TEST(ValidateReports, DoesNotUseAnOpeningBalanceDatedOnOrAfterTheReport) {
  Fixture fixture;
  fixture.SetOpening(kMay13, 50, 10, 0);
  const DailyReport first = fixture.Add(kMay13, Counts(5, 0, 0, 500));
  EXPECT_TRUE(fixture.Validate(first).empty());
}

TEST(ValidateReports, DoesNotCheckAReportAfterAGap) {
  Fixture fixture;
  fixture.SetOpening(kMay13 - 1, 50, 10, 0);
  fixture.Add(kMay13, Counts(5, 0, 0, 45));
  // Nothing on 14 May: the day before is unknown, and the opening balance is long past.
  const DailyReport after_gap = fixture.Add(kMay13 + 2, Counts(5, 0, 0, 999));
  EXPECT_TRUE(fixture.Validate(after_gap).empty());
}

TEST(ValidateReports, DoesNotCheckAReportAfterAGapWithoutAnOpeningBalance) {
  Fixture fixture;
  fixture.Add(kMay13, Counts(5, 0, 0, 5));
  const DailyReport after_gap = fixture.Add(kMay13 + 2, Counts(5, 0, 0, 999));
  EXPECT_TRUE(fixture.Validate(after_gap).empty());
}

TEST(ValidateReports, ChecksAgainstTheDayBeforeOfTheSameUnitOnly) {
  Fixture fixture;
  const RegionIdx other = fixture.cube().tree().Find("KP-02").value();
  fixture.Add(kMay13, Counts(0, 0, 0, 1000), other);
  const DailyReport first = fixture.Add(kMay13 + 1, Counts(5, 0, 0, 5));
  EXPECT_TRUE(fixture.Validate(first).empty());
}

TEST(ValidateReports, FlagsAnOutlierByTheHampelRule) {
  Fixture fixture;
  AddSteadySeries(fixture);
  const DailyReport spike = fixture.Add(kMay13 + 14, Counts(200, 90, 0, 0));
  const std::vector<Finding> outliers = OfKind(fixture.Validate(spike), FindingKind::kOutlier);
  ASSERT_EQ(outliers.size(), 1u);
  EXPECT_EQ(outliers[0].field, "new_fever");
  EXPECT_EQ(outliers[0].actual, 200);
  EXPECT_EQ(outliers[0].expected, 100);
  EXPECT_EQ(outliers[0].date, kMay13 + 14);
  EXPECT_NE(outliers[0].message.find("new_fever is 200"), std::string::npos) << outliers[0].message;
}

TEST(ValidateReports, FlagsAFallAsWellAsARise) {
  Fixture fixture;
  AddSteadySeries(fixture);
  const DailyReport fall = fixture.Add(kMay13 + 14, Counts(0, 90, 0, 0));
  const std::vector<Finding> outliers = OfKind(fixture.Validate(fall), FindingKind::kOutlier);
  ASSERT_EQ(outliers.size(), 1u);
  EXPECT_EQ(outliers[0].actual, 0);
  EXPECT_EQ(outliers[0].expected, 100);
}

TEST(ValidateReports, DoesNotFlagAWobbleWithinTheRobustRange) {
  // Threshold 6 times the scale of 10: departures up to 60 pass, 61 does not.
  for (const int64_t fever : {100, 115, 130, 160, 40}) {
    Fixture fixture;
    AddSteadySeries(fixture);
    const DailyReport report = fixture.Add(kMay13 + 14, Counts(fever, 90, 0, 0));
    EXPECT_TRUE(OfKind(fixture.Validate(report), FindingKind::kOutlier).empty()) << fever;
  }
  Fixture fixture;
  AddSteadySeries(fixture);
  const DailyReport report = fixture.Add(kMay13 + 14, Counts(161, 90, 0, 0));
  EXPECT_EQ(OfKind(fixture.Validate(report), FindingKind::kOutlier).size(), 1u);
}

TEST(ValidateReports, NeedsTheMinimumNumberOfEarlierReports) {
  ValidationOptions options;
  options.outlier_min_points = 7;
  {
    Fixture fixture;
    for (int day_idx = 0; day_idx < 6; ++day_idx)
      fixture.Add(kMay13 + day_idx, Counts(100, 0, 0, 0));
    const DailyReport spike = fixture.Add(kMay13 + 6, Counts(5000, 0, 0, 0));
    EXPECT_TRUE(OfKind(fixture.Validate(spike, kToday, options), FindingKind::kOutlier).empty());
  }
  {
    Fixture fixture;
    for (int day_idx = 0; day_idx < 7; ++day_idx)
      fixture.Add(kMay13 + day_idx, Counts(100, 0, 0, 0));
    const DailyReport spike = fixture.Add(kMay13 + 7, Counts(5000, 0, 0, 0));
    EXPECT_EQ(OfKind(fixture.Validate(spike, kToday, options), FindingKind::kOutlier).size(), 1u);
  }
}

TEST(ValidateReports, LooksBackOnlyOverTheWindow) {
  ValidationOptions options;
  options.outlier_window_days = 14;
  Fixture fixture;
  // Ten reports, then a fortnight's silence: none of them is in the window of the last report.
  for (int day_idx = 0; day_idx < 10; ++day_idx)
    fixture.Add(kMay13 + day_idx, Counts(100, 0, 0, 0));
  const DailyReport late = fixture.Add(kMay13 + 24, Counts(5000, 0, 0, 0));
  EXPECT_TRUE(OfKind(fixture.Validate(late, kToday, options), FindingKind::kOutlier).empty());
}

TEST(ValidateReports, NeverFlagsDeparturesBelowTheMinimumExcess) {
  // A flat series of zeros has scale 1 (the Poisson floor), so 9 is beyond 6 times the scale but
  // below the minimum excess of 10 persons.
  for (const auto& [deaths, flagged] : {std::pair<int64_t, bool>{9, false}, {10, true}}) {
    Fixture fixture;
    for (int day_idx = 0; day_idx < 14; ++day_idx)
      fixture.Add(kMay13 + day_idx, Counts(0, 0, 0, 0));
    const DailyReport report = fixture.Add(kMay13 + 14, Counts(0, 0, deaths, 0));
    const std::vector<Finding> outliers = OfKind(fixture.Validate(report), FindingKind::kOutlier);
    ASSERT_EQ(outliers.size(), flagged ? 1u : 0u) << deaths;
    if (flagged) {
      EXPECT_EQ(outliers[0].field, "new_deaths");
      EXPECT_EQ(outliers[0].expected, 0);
    }
  }
}

TEST(ValidateReports, FlagsAReportDatedAfterTheCurrentReportingDay) {
  Fixture fixture;
  const Date today = kMay13;
  const DailyReport tomorrow = fixture.Add(today + 1, Counts(1, 0, 0, 1));
  const std::vector<Finding> findings = fixture.Validate(tomorrow, today);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::kFutureDate);
  EXPECT_EQ(findings[0].field, "date");
  EXPECT_EQ(findings[0].date, today + 1);
  EXPECT_EQ(findings[0].message,
            "KP-01 2022-05-14: the report is dated after the current reporting day 2022-05-13");
}

TEST(ValidateReports, AcceptsAReportForTheCurrentReportingDay) {
  Fixture fixture;
  const DailyReport report = fixture.Add(kMay13, Counts(1, 0, 0, 1));
  EXPECT_TRUE(fixture.Validate(report, kMay13).empty());
}

TEST(ValidateReports, FlagsMorePositiveThanTested) {
  Fixture fixture;
  ReportCounts counts = Counts(1, 0, 0, 1);
  counts.tested = 10;
  counts.positive = 11;
  const DailyReport report = fixture.Add(kMay13, counts);
  const std::vector<Finding> findings = fixture.Validate(report);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::kPositiveExceedsTested);
  EXPECT_EQ(findings[0].field, "positive");
  EXPECT_EQ(findings[0].actual, 11);
  EXPECT_EQ(findings[0].expected, 10);
  EXPECT_EQ(findings[0].message, "KP-01 2022-05-13: positive (11) exceeds tested (10)");
}

TEST(ValidateReports, AcceptsAsManyPositiveAsTestedOrOneCountAlone) {
  for (const auto& [tested, positive] :
       {std::pair<std::optional<int64_t>, std::optional<int64_t>>{10, 10},
        {std::nullopt, 5},
        {5, std::nullopt}}) {
    Fixture fixture;
    ReportCounts counts = Counts(1, 0, 0, 1);
    counts.tested = tested;
    counts.positive = positive;
    const DailyReport report = fixture.Add(kMay13, counts);
    EXPECT_TRUE(fixture.Validate(report).empty());
    EXPECT_TRUE(ValidateStored(fixture.cube(), fixture.cube().tree().root(), kToday).empty());
  }
}

TEST(ValidateStored, ChecksEveryStoredReportInRegionThenDateOrder) {
  Fixture fixture;
  const RegionTree& tree = fixture.cube().tree();
  const RegionIdx other = tree.Find("KP-02").value();
  fixture.Add(kMay13, Counts(1, 0, 0, 1), other);
  fixture.Add(kMay13 + 1, Counts(1, 0, 0, 7), other);  // identity: 2
  fixture.Add(kMay13, Counts(1, 0, 0, 1));
  fixture.Add(kMay13 + 1, Counts(1, 0, 0, 9));  // identity: 2
  fixture.Add(kMay13 + 2, Counts(1, 0, 0, 3));  // identity: 10
  const std::vector<Finding> all = ValidateStored(fixture.cube(), tree.root(), kToday);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].region, fixture.unit());
  EXPECT_EQ(all[0].date, kMay13 + 1);
  EXPECT_EQ(all[1].region, fixture.unit());
  EXPECT_EQ(all[1].date, kMay13 + 2);
  EXPECT_EQ(all[1].expected, 10);
  EXPECT_EQ(all[2].region, other);
  const std::vector<Finding> one = ValidateStored(fixture.cube(), other, kToday);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].region, other);
  EXPECT_EQ(one[0].actual, 7);
  EXPECT_EQ(one[0].expected, 2);
}

TEST(ValidateStored, FindsNothingInAnEmptyCube) {
  const RegionTree tree = SmallTree();
  const EpidemicCube cube(tree);
  EXPECT_TRUE(ValidateStored(cube, tree.root(), kToday).empty());
}

TEST(FindingKindName, NamesEveryKind) {
  EXPECT_STREQ(FindingKindName(FindingKind::kUnderTreatmentIdentity), "under_treatment_identity");
  EXPECT_STREQ(FindingKindName(FindingKind::kOutlier), "outlier");
  EXPECT_STREQ(FindingKindName(FindingKind::kFutureDate), "future_date");
  EXPECT_STREQ(FindingKindName(FindingKind::kPositiveExceedsTested), "positive_exceeds_tested");
}

}  // namespace
}  // namespace outbreak::surveillance

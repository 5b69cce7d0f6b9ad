#include "care/care_findings.hpp"

#include <gtest/gtest.h>

namespace outbreak::care {
namespace {

const Date kDay = *Date::Parse("2022-05-20");

TEST(CensusFindings, MoreOccupiedThanBedsIsAFindingNotAnError) {
  const std::vector<TreatmentCentre> centres = {
      {"A", "Alpha", "KP-01", CentreKind::kHospital, CentreStatus::kOpen, 10, 2, 0, 5}};
  const std::vector<CensusDay> days = {{"A", kDay, 15, 15, 0, 0, 0}};
  auto findings = CheckCensusDays(centres, days, {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, CareFindingKind::kOverCapacity);
  EXPECT_NE(findings[0].message.find("15 patients in 12 beds (3 over)"), std::string::npos);
}

TEST(CensusFindings, TheIdentityIsCheckedAgainstTheDayBefore) {
  const std::vector<TreatmentCentre> centres = {
      {"A", "Alpha", "KP-01", CentreKind::kHospital, CentreStatus::kOpen, 100, 0, 0, 5}};
  const std::vector<CensusDay> earlier = {{"A", kDay - 1, 50, 0, 0, 0, 0}};
  EXPECT_TRUE(CheckCensusDays(centres, std::vector<CensusDay>{{"A", kDay, 52, 5, 2, 1, 0}}, earlier)
                  .empty());
  auto findings =
      CheckCensusDays(centres, std::vector<CensusDay>{{"A", kDay, 60, 5, 2, 1, 0}}, earlier);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, CareFindingKind::kCensusIdentity);
  // Without the day before there is nothing to check.
  EXPECT_TRUE(
      CheckCensusDays(centres, std::vector<CensusDay>{{"A", kDay, 60, 5, 2, 1, 0}}, {}).empty());
}

TEST(WorkforceFindings, RestRuleAndIllness) {
  const std::vector<WorkforceCount> counts = {
      {"KP-01", WorkerCategory::kNurse, kDay, 80, 15, 5, 0, 21},
      {"KP-02", WorkerCategory::kDoctor, kDay, 95, 2, 3, 0, 7}};
  auto findings = CheckWorkforce(counts, ProtectionRules{});
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].kind, CareFindingKind::kRestRule);
  EXPECT_EQ(findings[1].kind, CareFindingKind::kWorkerIllness);
  EXPECT_NE(findings[1].message.find("20 of 100"), std::string::npos);
}

TEST(DaysUntilFull, FollowsTheForecastScaledToTheCentre) {
  const std::vector<double> expected = {110, 130, 160, 200};
  // 60 of 100 beds at 100 patients: 78 on day 2, 96 on day 3, 120 on day 4.
  EXPECT_EQ(DaysUntilFull(100, 60, 100, expected), std::optional<int>(4));
  EXPECT_EQ(DaysUntilFull(100, 100, 100, expected), std::optional<int>(0));
  EXPECT_EQ(DaysUntilFull(100, 10, 100, expected), std::nullopt);
  EXPECT_EQ(DaysUntilFull(0, 10, 100, expected), std::nullopt);
}

TEST(Retention, ADeploymentThatLeavesTooFewAtHomeIsNamed) {
  const std::vector<RetentionCase> cases = {
      {"KP-01", WorkerCategory::kNurse, kDay, 100, 20, 10},
      {"KP-02", WorkerCategory::kNurse, kDay, 100, 20, 11},
      {"KP-03", WorkerCategory::kNurse, kDay, 100, 40, 0}};  // below already, but nobody leaves
  const std::vector<std::string> violations = RetentionViolations(cases, 70);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_NE(violations[0].find("KP-02 nurses on 2022-05-20: 69 of 100 own would remain"),
            std::string::npos)
      << violations[0];
}

}  // namespace
}  // namespace outbreak::care

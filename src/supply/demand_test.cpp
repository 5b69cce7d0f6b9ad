#include "supply/demand.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace outbreak::supply {
namespace {

TEST(Demand, NeedCountsThePatientsStillOnTheirCourse) {
  // Every case takes 3 tablets a day for 5 days; a fifth also take 2 capsules for 3 days.
  const std::vector<TreatmentProtocol> paracetamol = {{"fever", "PARA", 1.0, 3, 5}};
  const std::vector<double> cases = {10, 0, 0, 0, 0, 0, 20};
  const std::vector<double> need = DailyNeed(paracetamol, cases, 0);
  ASSERT_EQ(need.size(), 7u);
  EXPECT_DOUBLE_EQ(need[0], 30);
  EXPECT_DOUBLE_EQ(need[4], 30);  // day 5 of the first patients' course
  EXPECT_DOUBLE_EQ(need[5], 0);   // their course is over
  EXPECT_DOUBLE_EQ(need[6], 60);
  const std::vector<TreatmentProtocol> severe = {{"severe", "AMOX", 0.2, 2, 3}};
  EXPECT_DOUBLE_EQ(DailyNeed(severe, cases, 2)[0], 0.2 * 2 * 10);  // warm-up days skipped
}

TEST(Demand, ConstantIncidenceGivesAConstantNeed) {
  const std::vector<TreatmentProtocol> protocols = {{"fever", "PARA", 1.0, 3, 5},
                                                    {"fever", "KORYO", 0.5, 2, 7}};
  const std::vector<double> cases(30, 100);
  const std::vector<double> need = DailyNeed(protocols, cases, LongestCourseDays(protocols));
  for (double value : need) EXPECT_DOUBLE_EQ(value, 100 * 3 * 5 + 100 * 0.5 * 2 * 7);
}

TEST(Demand, CoverIsStockOverNeed) {
  EXPECT_DOUBLE_EQ(CoverDays(140, 10), 14);
  EXPECT_TRUE(std::isinf(CoverDays(5, 0)));
  CoverPolicy policy;
  EXPECT_LT(MinCoverDays(policy, NodeKind::kCountyBase),
            MinCoverDays(policy, NodeKind::kProvincialCentre));
}

}  // namespace
}  // namespace outbreak::supply

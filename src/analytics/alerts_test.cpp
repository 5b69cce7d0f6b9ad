#include "analytics/alerts.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace outbreak::analytics {
namespace {

const Date kDay = Date::FromCivil(2022, 7, 1);

// A posterior with mean `mean` and shape `shape` (so sd = mean / √shape).
RtPosterior Posterior(double mean, double shape) { return {{1, 7}, shape, mean / shape}; }

GrowthEstimate Growth(double rate, double half_width) {
  GrowthEstimate out;
  out.rate_per_day = rate;
  out.lower_per_day = rate - half_width;
  out.upper_per_day = rate + half_width;
  out.trend = out.lower_per_day > 0   ? Trend::kRising
              : out.upper_per_day < 0 ? Trend::kDeclining
                                      : Trend::kStable;
  return out;
}

TEST(RtCrossingAlert, FiresWhenTheUpperBoundReachesOneFromBelow) {
  const RtPosterior before = Posterior(0.8, 400);  // 97.5% bound ≈ 0.88
  const RtPosterior after = Posterior(0.95, 400);  // 97.5% bound ≈ 1.04
  ASSERT_LT(before.Quantile(0.975), 1);
  ASSERT_GE(after.Quantile(0.975), 1);
  std::optional<Alert> alert = RtCrossingAlert("KP-13", "Rason", kDay, before, after);
  ASSERT_TRUE(alert.has_value());
  EXPECT_EQ(alert->region, "KP-13");
  EXPECT_EQ(alert->kind, AlertKind::kRtUpperBoundCrossedOne);
  EXPECT_EQ(alert->date, kDay);
  EXPECT_DOUBLE_EQ(alert->value, after.Quantile(0.975));
  EXPECT_NE(alert->message.find("Rason: R_t may now be above 1"), std::string::npos);
  EXPECT_STREQ(AlertKindName(alert->kind), "rt_upper_bound_crossed_one");
}

TEST(RtCrossingAlert, StaysQuietWhenTheBoundWasAlreadyAboveOneOrStaysBelow) {
  EXPECT_FALSE(RtCrossingAlert("A", "A", kDay, Posterior(1.1, 400), Posterior(1.2, 400)));
  EXPECT_FALSE(RtCrossingAlert("A", "A", kDay, Posterior(0.7, 400), Posterior(0.8, 400)));
  EXPECT_FALSE(RtCrossingAlert("A", "A", kDay, Posterior(0.95, 400), Posterior(0.8, 400)));
}

TEST(GrowthTurnAlert, FiresWhenTheRateTurnsPositive) {
  std::optional<Alert> alert =
      GrowthTurnAlert("KP-13", "Rason", kDay, Growth(-0.01, 0.02), Growth(0.03, 0.02));
  ASSERT_TRUE(alert.has_value());
  EXPECT_EQ(alert->kind, AlertKind::kGrowthTurnedPositive);
  EXPECT_DOUBLE_EQ(alert->value, 0.03);
  EXPECT_NE(alert->message.find("+3.0% a day"), std::string::npos);
  EXPECT_NE(alert->message.find("clearly above 0"), std::string::npos);
  EXPECT_FALSE(GrowthTurnAlert("A", "A", kDay, Growth(0.01, 0.02), Growth(0.03, 0.02)));
  EXPECT_FALSE(GrowthTurnAlert("A", "A", kDay, Growth(-0.01, 0.02), Growth(-0.005, 0.02)));
  GrowthEstimate none;
  none.trend = Trend::kNoCases;
  EXPECT_FALSE(GrowthTurnAlert("A", "A", kDay, none, Growth(0.03, 0.02)));
}

TEST(FindAlerts, FlagsTheRegionThatTurnsAndNotTheOneStillFalling) {
  // Both regions fall at 5% a day for 50 days; one of them then grows at 10% a day for 4 days.
  std::vector<int64_t> falling;
  for (int day_idx = 0; day_idx < 54; ++day_idx) {
    falling.push_back(std::llround(5000 * std::exp(-0.05 * day_idx)));
  }
  std::vector<int64_t> turning(falling.begin(), falling.begin() + 50);
  for (int day_idx = 1; day_idx <= 4; ++day_idx) {
    turning.push_back(std::llround(static_cast<double>(turning[49]) * std::exp(0.1 * day_idx)));
  }
  const Date first_day = Date::FromCivil(2022, 5, 12);
  const std::vector<RegionIncidence> regions = {
      {"KP-01", "Pyongyang", IncidenceFromCases(first_day, falling)},
      {"KP-13", "Rason", IncidenceFromCases(first_day, turning)},
      {"KP-02", "Short", IncidenceFromCases(first_day, std::vector<int64_t>{1, 2, 3})},
  };
  AlertOptions options;
  options.growth.window_days = 7;
  Result<std::vector<Alert>> alerts = FindAlerts(regions, OmicronBa2SerialInterval(), options);
  ASSERT_TRUE(alerts.ok()) << alerts.status().ToString();
  ASSERT_FALSE(alerts->empty());
  for (const Alert& alert : *alerts) {
    EXPECT_EQ(alert.region, "KP-13");
    EXPECT_EQ(alert.date, first_day + 53);
  }
}

TEST(FindAlerts, RaisesNoAlertOnDaysWhoseWindowHoldsNoCase) {
  // Pyongyang in August 2022: the epidemic falls away, then ten days without a single case. An
  // empty window leaves R_t at its prior, whose upper bound is far above 1: that is no signal.
  std::vector<int64_t> cases;
  for (int day_idx = 0; day_idx < 40; ++day_idx) {
    cases.push_back(std::llround(3000 * std::exp(-0.2 * day_idx)));
  }
  const Date first_day = Date::FromCivil(2022, 7, 1);
  for (int quiet_days = 1; quiet_days <= 10; ++quiet_days) {
    cases.push_back(0);
    const std::vector<RegionIncidence> regions = {
        {"KP-01", "Pyongyang", IncidenceFromCases(first_day, cases)}};
    Result<std::vector<Alert>> alerts = FindAlerts(regions, OmicronBa2SerialInterval());
    ASSERT_TRUE(alerts.ok()) << alerts.status().ToString();
    EXPECT_TRUE(alerts->empty()) << quiet_days << " quiet days: " << alerts->front().message;
  }
}

TEST(FindAlerts, RejectsAnInvalidSerialInterval) {
  const SerialInterval bad{{0.5, 0.5}, "mass at zero"};
  EXPECT_FALSE(FindAlerts(std::vector<RegionIncidence>{}, bad).ok());
}

}  // namespace
}  // namespace outbreak::analytics

#include "analytics/baselines.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace outbreak::analytics {
namespace {

constexpr double kArithmeticTolerance = 1e-9;
// The median comes back through exp(log(point + 1)) − 1.
constexpr double kRoundTripTolerance = 1e-6;

std::vector<int64_t> Exponential(double start, double rate, int days) {
  std::vector<int64_t> out;
  for (int day_idx = 0; day_idx < days; ++day_idx) {
    out.push_back(std::llround(start * std::exp(rate * day_idx)));
  }
  return out;
}

TEST(BaselinePoint, CarriesTheLastValueForward) {
  const std::vector<int64_t> cases = {5, 9, 4};
  EXPECT_DOUBLE_EQ(BaselinePoint(Baseline::kLastValue, cases, 7), 4);
}

TEST(BaselinePoint, ContinuesLastWeeksGrowthFromTheWeeksMiddle) {
  // Last week 7 × 20 = 140, the week before 7 × 10 = 70: r = ln(141/71) / 7, carried on from the
  // week's mean of 20 for h + 3 days.
  std::vector<int64_t> cases(7, 10);
  cases.insert(cases.end(), 7, 20);
  const double rate = std::log(141.0 / 71.0) / 7;
  EXPECT_NEAR(BaselinePoint(Baseline::kLastWeekGrowth, cases, 7), 20 * std::exp(rate * 10),
              kArithmeticTolerance);
}

TEST(BaselineForecast, CentresOnThePointAndSpreadsByPastErrors) {
  const std::vector<int64_t> cases = Exponential(100, 0.03, 60);
  for (Baseline baseline : {Baseline::kLastValue, Baseline::kLastWeekGrowth}) {
    Result<PredictiveQuantiles> forecast = BaselineForecast(baseline, cases, 7);
    ASSERT_TRUE(forecast.ok()) << forecast.status().ToString();
    EXPECT_NEAR(forecast->median, BaselinePoint(baseline, cases, 7), kRoundTripTolerance);
    EXPECT_LT(forecast->q025, forecast->q25);
    EXPECT_LT(forecast->q75, forecast->q975);
  }
  // Growth continued is nearly exact on an exponential series; the last value misses by ~23%
  // every time, so its interval is wide.
  Result<PredictiveQuantiles> value = BaselineForecast(Baseline::kLastValue, cases, 7);
  Result<PredictiveQuantiles> growth = BaselineForecast(Baseline::kLastWeekGrowth, cases, 7);
  EXPECT_GT(value->q975 / value->median, 1.2);
  EXPECT_LT(growth->q975 / growth->median, 1.02);
}

TEST(BaselineForecast, FallsBackToPoissonWithLittleHistory) {
  const std::vector<int64_t> cases(10, 100);
  Result<PredictiveQuantiles> forecast = BaselineForecast(Baseline::kLastValue, cases, 7);
  ASSERT_TRUE(forecast.ok());
  // Poisson(100): median 100, 95% interval 81 … 120.
  EXPECT_EQ(forecast->median, 100);
  EXPECT_EQ(forecast->q025, 81);
  EXPECT_EQ(forecast->q975, 120);
}

TEST(BaselineForecast, RejectsTooShortAHistoryAndAZeroHorizon) {
  const std::vector<int64_t> cases(13, 100);
  EXPECT_FALSE(BaselineForecast(Baseline::kLastWeekGrowth, cases, 7).ok());
  EXPECT_TRUE(BaselineForecast(Baseline::kLastValue, cases, 7).ok());
  EXPECT_FALSE(BaselineForecast(Baseline::kLastValue, cases, 0).ok());
  EXPECT_FALSE(BaselineForecast(Baseline::kLastValue, std::vector<int64_t>{}, 1).ok());
}

}  // namespace
}  // namespace outbreak::analytics

#include "analytics/interval_score.hpp"

#include <vector>

#include <gtest/gtest.h>

#include "analytics/predictive_quantiles.hpp"

namespace outbreak::analytics {
namespace {

constexpr double kArithmeticTolerance = 1e-12;

// Median 10; 50% 6–14, 80% 4–16, 95% 2–20.
PredictiveQuantiles Example() { return {2, 4, 6, 10, 14, 16, 20}; }

TEST(WeightedIntervalScore, MatchesAHandComputedExampleAboveEveryInterval) {
  // y = 25: ½|25 − 10| = 7.5; IS_0.05 = 18 + 40·5 = 218, × 0.025 = 5.45;
  // IS_0.2 = 12 + 10·9 = 102, × 0.1 = 10.2; IS_0.5 = 8 + 4·11 = 52, × 0.25 = 13.
  // (7.5 + 5.45 + 10.2 + 13) / 3.5 = 36.15 / 3.5.
  EXPECT_NEAR(WeightedIntervalScore(Example(), 25), 36.15 / 3.5, kArithmeticTolerance);
}

TEST(WeightedIntervalScore, MatchesHandComputedExamplesInsideAndBelow) {
  // y = 8, inside every interval: (1 + 0.45 + 1.2 + 2) / 3.5.
  EXPECT_NEAR(WeightedIntervalScore(Example(), 8), 4.65 / 3.5, kArithmeticTolerance);
  // y = 3, below the 50% and 80% intervals: ½·7 = 3.5; IS_0.05 = 18 → 0.45;
  // IS_0.2 = 12 + 10·1 = 22 → 2.2; IS_0.5 = 8 + 4·3 = 20 → 5.
  EXPECT_NEAR(WeightedIntervalScore(Example(), 3), 11.15 / 3.5, kArithmeticTolerance);
}

TEST(WeightedIntervalScore, IsTheAbsoluteErrorForAPointForecast) {
  const PredictiveQuantiles point = {7, 7, 7, 7, 7, 7, 7};
  EXPECT_NEAR(WeightedIntervalScore(point, 12), 5, kArithmeticTolerance);
  EXPECT_NEAR(WeightedIntervalScore(point, 7), 0, kArithmeticTolerance);
}

TEST(IntervalScore, PenalisesMissesByTwoOverAlpha) {
  EXPECT_DOUBLE_EQ(IntervalScore(2, 4, 0.5, 3), 2);
  EXPECT_DOUBLE_EQ(IntervalScore(2, 4, 0.5, 5), 2 + 4 * 1);
  EXPECT_DOUBLE_EQ(IntervalScore(2, 4, 0.2, 0), 2 + 10 * 2);
}

TEST(Coverage, IncludesTheEndsOfTheInterval) {
  EXPECT_TRUE(Covers50(Example(), 6));
  EXPECT_TRUE(Covers50(Example(), 14));
  EXPECT_FALSE(Covers50(Example(), 15));
  EXPECT_TRUE(Covers95(Example(), 20));
  EXPECT_FALSE(Covers95(Example(), 1));
}

TEST(QuantilesOfSample, InterpolatesBetweenOrderStatisticsAsRDoes) {
  std::vector<double> sample;
  for (int value = 100; value >= 0; --value) sample.push_back(value);  // 0 … 100, unsorted
  const PredictiveQuantiles q = QuantilesOfSample(sample);
  EXPECT_DOUBLE_EQ(q.q025, 2.5);
  EXPECT_DOUBLE_EQ(q.q10, 10);
  EXPECT_DOUBLE_EQ(q.median, 50);
  EXPECT_DOUBLE_EQ(q.q975, 97.5);
  std::vector<double> two = {1, 3};
  EXPECT_DOUBLE_EQ(QuantilesOfSample(two).q25, 1.5);
  std::vector<double> empty;
  EXPECT_DOUBLE_EQ(QuantilesOfSample(empty).median, 0);
}

}  // namespace
}  // namespace outbreak::analytics

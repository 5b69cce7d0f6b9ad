#include "surveillance/apportion.hpp"

#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

namespace outbreak::surveillance {
namespace {

using Parts = std::vector<int64_t>;

int64_t Sum(const Parts& parts) { return std::accumulate(parts.begin(), parts.end(), int64_t{0}); }

TEST(Apportion, GivesLeftoversToTheLargestRemainders) {
  // Quotas 3.5, 2.1, 1.4: floors 3, 2, 1 and the one left over goes to the 0.5.
  const std::vector<double> weights = {0.5, 0.3, 0.2};
  EXPECT_EQ(Apportion(7, weights), (Parts{4, 2, 1}));
}

TEST(Apportion, BreaksTiesByLowerIndex) {
  const std::vector<double> weights = {1, 1, 1};
  EXPECT_EQ(Apportion(10, weights), (Parts{4, 3, 3}));
  EXPECT_EQ(Apportion(11, weights), (Parts{4, 4, 3}));
}

TEST(Apportion, SharesEquallyWhenAllWeightsAreZero) {
  const std::vector<double> weights = {0, 0};
  EXPECT_EQ(Apportion(5, weights), (Parts{3, 2}));
}

TEST(Apportion, GivesNothingToAZeroWeight) {
  const std::vector<double> weights = {0, 3, 1};
  EXPECT_EQ(Apportion(5, weights), (Parts{0, 4, 1}));
}

TEST(Apportion, ZeroTotalGivesZeros) {
  const std::vector<double> weights = {2, 5};
  EXPECT_EQ(Apportion(0, weights), (Parts{0, 0}));
  EXPECT_TRUE(Apportion(0, std::vector<double>{}).empty());
}

TEST(Apportion, LargeTotalsSumExactlyAndStayWithinOneOfTheQuota) {
  const std::vector<double> weights = {2999466, 3068036, 2728662, 1544107, 2310485,
                                       1113246, 1876984, 2327362, 719269,  766613};
  const double weight_sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  for (int64_t total : {int64_t{1}, int64_t{9}, int64_t{4772813}, int64_t{123456789012}}) {
    const Parts parts = Apportion(total, weights);
    EXPECT_EQ(Sum(parts), total);
    for (size_t item_idx = 0; item_idx < weights.size(); ++item_idx) {
      const double quota = static_cast<double>(total) * weights[item_idx] / weight_sum;
      EXPECT_LT(std::abs(static_cast<double>(parts[item_idx]) - quota), 1.0) << total;
    }
  }
}

TEST(Apportion, RejectsBrokenPreconditions) {
  const std::vector<double> fine = {1, 2};
  EXPECT_THROW((void)Apportion(-1, fine), std::invalid_argument);
  EXPECT_THROW((void)Apportion(3, std::vector<double>{1, -2}), std::invalid_argument);
  EXPECT_THROW((void)Apportion(3, std::vector<double>{1, std::nan("")}), std::invalid_argument);
  EXPECT_THROW((void)Apportion(3, std::vector<double>{std::numeric_limits<double>::infinity()}),
               std::invalid_argument);
  EXPECT_THROW((void)Apportion(3, std::vector<double>{}), std::invalid_argument);
}

TEST(ApportionCapped, MatchesApportionWhenNoCapBinds) {
  const std::vector<double> weights = {0.5, 0.3, 0.2};
  const std::vector<int64_t> caps = {10, 10, 10};
  Result<Parts> parts = ApportionCapped(7, weights, caps);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  EXPECT_EQ(*parts, Apportion(7, weights));
}

TEST(ApportionCapped, HoldsItemsAtTheirCapsAndSplitsTheRest) {
  const std::vector<double> weights = {1, 1, 2};
  const std::vector<int64_t> caps = {1, 10, 10};
  // Uncapped: 3, 2, 5 (ties to the lower index); item 0 is held at 1 and the remaining 9 are split
  // 1:2 between the others.
  Result<Parts> parts = ApportionCapped(10, weights, caps);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  EXPECT_EQ(*parts, (Parts{1, 3, 6}));
}

TEST(ApportionCapped, SharesEquallyAmongItemsWithRoomWhenTheirWeightsAreZero) {
  const std::vector<double> weights = {1, 0, 0};
  const std::vector<int64_t> caps = {2, 5, 0};
  Result<Parts> parts = ApportionCapped(5, weights, caps);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  EXPECT_EQ(*parts, (Parts{2, 3, 0}));
}

TEST(ApportionCapped, FillsEveryCapWhenTheTotalEqualsTheirSum) {
  const std::vector<double> weights = {5, 1, 0};
  const std::vector<int64_t> caps = {1, 4, 2};
  Result<Parts> parts = ApportionCapped(7, weights, caps);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  EXPECT_EQ(*parts, (Parts{1, 4, 2}));
}

TEST(ApportionCapped, ProportionalToCapsNeverExceedsThem) {
  // The recovery split: weights equal to the caps (persons available).
  for (int64_t total = 0; total <= 40; ++total) {
    const std::vector<int64_t> caps = {0, 1, 2, 3, 7, 11, 17};
    const std::vector<double> weights(caps.begin(), caps.end());
    Result<Parts> parts = ApportionCapped(total, weights, caps);
    ASSERT_TRUE(parts.ok()) << parts.status().ToString();
    EXPECT_EQ(Sum(*parts), total);
    for (size_t item_idx = 0; item_idx < caps.size(); ++item_idx) {
      EXPECT_GE((*parts)[item_idx], 0);
      EXPECT_LE((*parts)[item_idx], caps[item_idx]) << "total " << total;
    }
  }
}

TEST(ApportionCapped, RejectsATotalThatDoesNotFit) {
  const std::vector<double> weights = {1, 1};
  const std::vector<int64_t> caps = {2, 3};
  Result<Parts> parts = ApportionCapped(6, weights, caps);
  ASSERT_FALSE(parts.ok());
  EXPECT_EQ(parts.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(parts.status().message().find("sum to 5"), std::string::npos)
      << parts.status().message();
}

TEST(ApportionCapped, RejectsNegativeOrMismatchedCaps) {
  const std::vector<double> weights = {1, 1};
  EXPECT_FALSE(ApportionCapped(1, weights, std::vector<int64_t>{2, -1}).ok());
  EXPECT_FALSE(ApportionCapped(1, weights, std::vector<int64_t>{2}).ok());
}

}  // namespace
}  // namespace outbreak::surveillance

#include "supply/short_dated.hpp"

#include <gtest/gtest.h>

namespace outbreak::supply {
namespace {

int64_t NeedOn(const std::vector<DemandEntry>& demand, int node, int day) {
  int64_t total = 0;
  for (const DemandEntry& entry : demand) {
    if (entry.node == node && entry.day == day) total += entry.quantity;
  }
  return total;
}

TEST(ShortDated, MeetsItsOwnNodesNeedOnlyOnTheDaysItIsUsableFirstExpiryFirst) {
  // Node 0 needs 10 a day over days 0-4; node 1 needs nothing.
  std::vector<DemandEntry> demand;
  for (int day = 0; day < 5; ++day) demand.push_back({0, 0, day, 10});
  const std::vector<ShortDatedStock> stock = {
      {0, 0, 0, 2, 25},  // usable on days 0-2: 15 used after the lot below, 10 left
      {0, 0, 0, 1, 15},  // expires first: used first, on days 0-1
      {0, 0, 3, 4, 50},  // arrives on day 3: days 3-4, 20 used, 30 left
      {1, 0, 0, 3, 40},  // at a node without need: left to expire
  };
  const std::vector<ShortDatedUse> use = UseShortDatedLocally(stock, demand, 1);
  ASSERT_EQ(use.size(), 1u);
  // 15 on days 0-1, then 15 over the rest of days 1-2, then 20 on days 3-4.
  EXPECT_EQ(use[0].used, 15 + 15 + 20);
  EXPECT_EQ(use[0].left_to_expire, 10 + 30 + 40);
  EXPECT_EQ(NeedOn(demand, 0, 0), 0);
  EXPECT_EQ(NeedOn(demand, 0, 1), 0);
  EXPECT_EQ(NeedOn(demand, 0, 2), 0);
  EXPECT_EQ(NeedOn(demand, 0, 3), 0);
  EXPECT_EQ(NeedOn(demand, 0, 4), 0);
  EXPECT_TRUE(demand.empty());  // entries met in full are removed
}

TEST(ShortDated, StockThatExpiresBeforeTheNeedIsLeftToExpireAndTheNeedStays) {
  std::vector<DemandEntry> demand = {{0, 0, 5, 10}, {0, 1, 0, 7}};
  const std::vector<ShortDatedStock> stock = {{0, 0, 0, 4, 100}};
  const std::vector<ShortDatedUse> use = UseShortDatedLocally(stock, demand, 2);
  EXPECT_EQ(use[0].used, 0);
  EXPECT_EQ(use[0].left_to_expire, 100);
  EXPECT_EQ(use[1].used, 0);
  EXPECT_EQ(NeedOn(demand, 0, 5), 10);
  EXPECT_EQ(demand.size(), 2u);  // another medicine's need is untouched
}

TEST(ShortDated, OrdersAlreadyMadeTakeTheLongestLivedShortDatedStockFirst) {
  std::vector<ShortDatedStock> stock = {
      {0, 0, 0, 2, 30}, {0, 0, 0, 5, 20}, {0, 0, 3, 6, 99}, {1, 0, 0, 5, 40}};
  EXPECT_EQ(TakeCommitted(stock, 0, 0, 25), 0);
  // 20 of the lot of day 5, then 5 of the lot of day 2; what arrives later and what another
  // node holds stay.
  ASSERT_EQ(stock.size(), 3u);
  EXPECT_EQ(stock[0].quantity, 25);
  EXPECT_EQ(stock[1].quantity, 99);
  EXPECT_EQ(stock[2].quantity, 40);
  EXPECT_EQ(TakeCommitted(stock, 0, 0, 100), 75);
  EXPECT_EQ(stock.size(), 2u);
}

}  // namespace
}  // namespace outbreak::supply

#include "levels/level_engine.hpp"

#include <gtest/gtest.h>

namespace outbreak::levels {
namespace {

constexpr char kRules[] = R"(version = test
raise_after_days = 3
lower_after_days = 2
min_days_at_level = 10
[level normal]
name = Normal
[level heightened]
name = Heightened
raise = incidence_7d_per_100k >= 50
lower = incidence_7d_per_100k < 20
[level maximum_emergency]
name = Maximum emergency
raise = incidence_7d_per_100k >= 500
raise = rt_upper >= 1.5
lower = incidence_7d_per_100k < 200
lower = rt_upper < 1.0
)";

const Date kDay0 = Date::FromCivil(2022, 5, 1);

LevelRules Rules() {
  Result<LevelRules> rules = ParseLevelRules(kRules, "test.txt");
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  return *rules;
}

// A region whose incidence is `incidence[d]` on day d (and no other indicator).
RegionIndicators Series(const std::vector<double>& incidence) {
  RegionIndicators out{"KP-01", kDay0, {}};
  for (double value : incidence) {
    IndicatorValues day;
    day[Indicator::kIncidence7dPer100k] = value;
    out.days.push_back(day);
  }
  return out;
}

TEST(LevelEngine, SurgeRaisesAfterTheConfiguredDaysAndNotBefore) {
  const LevelRules rules = Rules();
  const RegionIndicators region = Series({10, 10, 600, 600, 600, 600});
  EXPECT_FALSE(Evaluate(rules, region, {}, kDay0 + 2));
  EXPECT_FALSE(Evaluate(rules, region, {}, kDay0 + 3));
  std::optional<LevelChange> change = Evaluate(rules, region, {}, kDay0 + 4);
  ASSERT_TRUE(change);
  EXPECT_EQ(change->from_idx, 0);
  EXPECT_EQ(change->to_idx, 2);  // straight to maximum emergency
  EXPECT_TRUE(change->raise());
  ASSERT_EQ(change->triggers.size(), 1u);
  EXPECT_EQ(change->triggers[0].condition.indicator, Indicator::kIncidence7dPer100k);
  EXPECT_EQ(change->triggers[0].value, 600);
}

TEST(LevelEngine, ASurgeShorterThanTheConfiguredDaysRaisesNothing) {
  const LevelRules rules = Rules();
  const RegionIndicators region = Series({600, 600, 10, 600, 600, 10, 600, 600});
  EXPECT_TRUE(Replay(rules, {{"KP-01", region}}, kDay0, kDay0 + 7).empty());
}

TEST(LevelEngine, RaisesToTheHighestLevelWhoseConditionHeldEveryDay) {
  const LevelRules rules = Rules();
  // Heightened held three days, maximum only two.
  const RegionIndicators region = Series({60, 600, 600});
  std::optional<LevelChange> change = Evaluate(rules, region, {}, kDay0 + 2);
  ASSERT_TRUE(change);
  EXPECT_EQ(change->to_idx, 1);
}

TEST(LevelEngine, DeclineLowersOnlyAfterTheMinimumTimeAtTheLevel) {
  const LevelRules rules = Rules();
  const RegionIndicators region = Series(std::vector<double>(30, 100));  // below 200 throughout
  const LevelState state{2, kDay0};
  for (int day = 0; day < 10; ++day) {
    EXPECT_FALSE(Evaluate(rules, region, state, kDay0 + day)) << "day " << day;
  }
  std::optional<LevelChange> change = Evaluate(rules, region, state, kDay0 + 10);
  ASSERT_TRUE(change);
  EXPECT_EQ(change->from_idx, 2);
  EXPECT_EQ(change->to_idx, 1);
  EXPECT_FALSE(change->raise());
}

TEST(LevelEngine, LowersOneLevelAtATimeEachAfterItsOwnMinimumTime) {
  const LevelRules rules = Rules();
  const RegionIndicators region = Series(std::vector<double>(40, 0));
  const std::vector<LevelChange> changes =
      Replay(rules, {{"KP-01", region}}, kDay0, kDay0 + 39, {2, kDay0});
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].day, kDay0 + 10);
  EXPECT_EQ(changes[0].to_idx, 1);
  EXPECT_EQ(changes[1].day, kDay0 + 20);
  EXPECT_EQ(changes[1].to_idx, 0);
}

TEST(LevelEngine, LoweringNeedsTheConfiguredDaysOfDecline) {
  const LevelRules rules = Rules();
  // Below 200 on day 11 only, then from day 13 on.
  std::vector<double> incidence(20, 300);
  incidence[11] = 100;
  for (size_t day = 13; day < incidence.size(); ++day) incidence[day] = 100;
  const std::vector<LevelChange> changes =
      Replay(rules, {{"KP-01", Series(incidence)}}, kDay0, kDay0 + 19, {2, kDay0});
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].day, kDay0 + 14);
}

TEST(LevelEngine, HysteresisPreventsFlappingAroundTheRaiseThreshold) {
  const LevelRules rules = Rules();
  std::vector<double> incidence = {55, 55, 55};
  for (int day = 0; day < 120; ++day) incidence.push_back(day % 2 == 0 ? 45 : 58);
  const std::vector<LevelChange> changes =
      Replay(rules, {{"KP-01", Series(incidence)}}, kDay0, kDay0 + 122);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].day, kDay0 + 2);
  EXPECT_EQ(changes[0].to_idx, 1);
}

TEST(LevelEngine, AMissingIndicatorNeitherRaisesNorHoldsBackALowering) {
  const LevelRules rules = Rules();
  // rt_upper missing throughout: the incidence condition alone decides the lowering.
  RegionIndicators region = Series(std::vector<double>(15, 100));
  EXPECT_TRUE(Evaluate(rules, region, {2, kDay0}, kDay0 + 12));
  // rt_upper above its raise threshold but no incidence: raise on rt_upper alone.
  RegionIndicators rt_only{"KP-02", kDay0, std::vector<IndicatorValues>(5)};
  for (IndicatorValues& day : rt_only.days) day[Indicator::kRtUpper] = 1.8;
  std::optional<LevelChange> change = Evaluate(rules, rt_only, {}, kDay0 + 4);
  ASSERT_TRUE(change);
  EXPECT_EQ(change->to_idx, 2);
  // Nothing known: neither raise nor lower.
  RegionIndicators nothing{"KP-03", kDay0, std::vector<IndicatorValues>(30)};
  EXPECT_FALSE(Evaluate(rules, nothing, {}, kDay0 + 20));
  EXPECT_FALSE(Evaluate(rules, nothing, {2, kDay0}, kDay0 + 20));
}

TEST(LevelEngine, DaysOutsideTheSeriesDoNotCount) {
  const LevelRules rules = Rules();
  const RegionIndicators region = Series({600, 600});
  EXPECT_FALSE(Evaluate(rules, region, {}, kDay0 + 1));
  EXPECT_FALSE(Evaluate(rules, region, {}, kDay0 + 5));
}

TEST(LevelEngine, ReplayIsDeterministicAndOrderedByDayThenRegion) {
  const LevelRules rules = Rules();
  IndicatorTable table;
  RegionIndicators b = Series({600, 600, 600, 600});
  b.region = "KP-02";
  RegionIndicators a = Series({10, 600, 600, 600});
  table["KP-02"] = b;
  table["KP-01"] = a;
  const std::vector<LevelChange> first = Replay(rules, table, kDay0, kDay0 + 3);
  const std::vector<LevelChange> second = Replay(rules, table, kDay0, kDay0 + 3);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].region, "KP-02");
  EXPECT_EQ(first[0].day, kDay0 + 2);
  EXPECT_EQ(first[1].region, "KP-01");
  EXPECT_EQ(first[1].day, kDay0 + 3);
  ASSERT_EQ(second.size(), first.size());
  for (size_t idx = 0; idx < first.size(); ++idx) {
    EXPECT_EQ(second[idx].region, first[idx].region);
    EXPECT_EQ(second[idx].day, first[idx].day);
    EXPECT_EQ(second[idx].to_idx, first[idx].to_idx);
  }
  EXPECT_EQ(DescribeTriggers(first[0].triggers), "incidence_7d_per_100k 600 >= 500");
}

}  // namespace
}  // namespace outbreak::levels

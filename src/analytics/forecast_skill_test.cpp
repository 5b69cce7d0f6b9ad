#include "analytics/forecast_skill.hpp"

#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "analytics/backtest.hpp"
#include "analytics/forecast.hpp"

namespace outbreak::analytics {
namespace {

// The skill is the backtest's own arithmetic over the same origins.
constexpr double kArithmeticTolerance = 1e-12;

// A renewal-process epidemic with R falling from 1.3 to 0.8 over `days` days, or, when
// `plateau_from` > 0, cut to a tenth from that day on and held there (the model reads the fall
// as R far below 1 for a week and forecasts the cases away; the last value holds).
IncidenceSeries Simulated(uint64_t seed, int days, int plateau_from = 0) {
  const SerialInterval si = OmicronBa2SerialInterval();
  std::mt19937_64 rng(seed);
  std::vector<int64_t> cases = {200};
  for (int day_idx = 1; day_idx < days; ++day_idx) {
    double mean = 0;
    if (plateau_from > 0 && day_idx >= plateau_from) {
      mean = 0.1 * static_cast<double>(cases[static_cast<size_t>(plateau_from) - 1]);
    } else {
      for (int lag = 1; lag <= day_idx && lag < static_cast<int>(si.pmf.size()); ++lag) {
        mean += si.pmf[lag] * static_cast<double>(cases[day_idx - lag]);
      }
      mean *= 1.3 - 0.5 * day_idx / 100.0;
    }
    cases.push_back(std::poisson_distribution<int64_t>(mean + 1e-9)(rng));
  }
  return IncidenceFromCases(Date::FromCivil(2022, 1, 1), cases);
}

TEST(ForecastSkill, ReadsSevenDaysAndFourteenWhenTheForecastReachesThem) {
  EXPECT_EQ(SkillHorizons(3), (std::vector<int>{3}));
  EXPECT_EQ(SkillHorizons(10), (std::vector<int>{7}));
  EXPECT_EQ(SkillHorizons(14), (std::vector<int>{7, 14}));
  EXPECT_EQ(SkillHorizons(28), (std::vector<int>{7, 14}));
}

TEST(ForecastSkill, IsTheBacktestOfTheLastOriginsAndReliableOnTheModelsOwnData) {
  const IncidenceSeries series = Simulated(3, 70);
  ForecastOptions forecast;
  SkillOptions options;
  Result<ForecastSkill> skill =
      AssessForecastSkill(series, OmicronBa2SerialInterval(), forecast, 28, options);
  ASSERT_TRUE(skill.ok()) << skill.status().ToString();
  EXPECT_EQ(skill->state, SkillState::kReliable) << skill->reason;
  EXPECT_TRUE(skill->reason.empty());
  ASSERT_EQ(skill->horizons.size(), 2u);

  // The 7-day skill is the backtest over the 14 origins whose seventh day has come.
  std::vector<Date> origins;
  for (int back = 13; back >= 0; --back) origins.push_back(series.last_day() - 7 - back);
  BacktestOptions backtest;
  backtest.horizons_days = {7};
  backtest.forecast.simulations = options.simulations;
  backtest.seed = options.seed;
  Result<BacktestResult> expected = Backtest(series, OmicronBa2SerialInterval(), origins, backtest);
  ASSERT_TRUE(expected.ok());
  const HorizonScores& scores = expected->horizons.front();
  const HorizonSkill& week = skill->horizons[0];
  EXPECT_EQ(week.horizon_days, 7);
  EXPECT_EQ(week.origins, 14);
  EXPECT_TRUE(week.enough);
  EXPECT_NEAR(week.relative_wis,
              std::max(RelativeWis(scores.last_value), RelativeWis(scores.last_week_growth)),
              kArithmeticTolerance);
  EXPECT_LT(week.relative_wis, 1);
  EXPECT_NEAR(week.coverage_80, scores.model.coverage_80, kArithmeticTolerance);
  EXPECT_EQ(skill->horizons[1].horizon_days, 14);
  EXPECT_EQ(skill->horizons[1].origins, 14);
  EXPECT_NE(skill->Summary().find("7 d: WIS"), std::string::npos) << skill->Summary();
}

TEST(ForecastSkill, FlagsAMethodThatDidWorseThanANaiveRule) {
  // Cases fall to a tenth on day 45 and stay there: for a week the model forecasts them away.
  const IncidenceSeries series = Simulated(5, 60, 45);
  Result<ForecastSkill> skill =
      AssessForecastSkill(series, OmicronBa2SerialInterval(), ForecastOptions{}, 7);
  ASSERT_TRUE(skill.ok()) << skill.status().ToString();
  EXPECT_EQ(skill->state, SkillState::kUnreliable) << skill->Summary();
  EXPECT_GT(skill->horizons[0].relative_wis, 1);
  EXPECT_EQ(skill->reason.rfind("unreliable: 7-day WIS", 0), 0u) << skill->reason;
}

TEST(ForecastSkill, FlagsIntervalsThatMissAndSaysWhy) {
  const IncidenceSeries series = Simulated(3, 70);
  SkillOptions options;
  options.min_coverage_80 = 1.01;  // no coverage can reach it
  Result<ForecastSkill> skill =
      AssessForecastSkill(series, OmicronBa2SerialInterval(), ForecastOptions{}, 7, options);
  ASSERT_TRUE(skill.ok());
  EXPECT_EQ(skill->state, SkillState::kUnreliable);
  EXPECT_NE(skill->reason.find("80% intervals held the truth on"), std::string::npos)
      << skill->reason;
}

TEST(ForecastSkill, SaysTooLittleDataWhenTooFewOriginsCanBeScored) {
  // 15 days: origins up to day 8 have a seventh day, and the model forecasts from day 5 on: 4.
  const IncidenceSeries series = Simulated(3, 15);
  Result<ForecastSkill> skill =
      AssessForecastSkill(series, OmicronBa2SerialInterval(), ForecastOptions{}, 28);
  ASSERT_TRUE(skill.ok());
  EXPECT_EQ(skill->state, SkillState::kTooLittleData);
  EXPECT_EQ(skill->horizons[0].origins, 4);
  EXPECT_FALSE(skill->horizons[0].enough);
  EXPECT_EQ(skill->horizons[1].origins, 0);
  EXPECT_EQ(skill->reason.rfind("too little data", 0), 0u);
  EXPECT_NE(skill->Summary().find("too few to judge"), std::string::npos);
}

TEST(ForecastSkill, RejectsABadHorizon) {
  const IncidenceSeries series = Simulated(3, 30);
  EXPECT_FALSE(AssessForecastSkill(series, OmicronBa2SerialInterval(), ForecastOptions{}, 0).ok());
  EXPECT_FALSE(AssessForecastSkill(series, OmicronBa2SerialInterval(), ForecastOptions{},
                                   kMaxForecastHorizonDays + 1)
                   .ok());
}

}  // namespace
}  // namespace outbreak::analytics

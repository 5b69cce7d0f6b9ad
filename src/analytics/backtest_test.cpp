#include "analytics/backtest.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/csv_reader.hpp"

namespace outbreak::analytics {
namespace {

// Means of a few WIS values, recombined.
constexpr double kArithmeticTolerance = 1e-9;

std::string ReadDataFile(const std::string& relative) {
  std::ifstream in(std::string(OUTBREAK_TEST_DATA_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The published national new fever cases of 2022 (data/dprk2022/national.csv).
IncidenceSeries National2022() {
  const std::string text = ReadDataFile("dprk2022/national.csv");
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  std::string as_cases = "date,cases\n";
  reader.Next(fields);
  while (reader.Next(fields)) {
    as_cases += std::string(fields[0]) + "," + std::string(fields[1]) + "\n";
  }
  Result<IncidenceSeries> series = ParseIncidenceCsv(as_cases, "national.csv");
  EXPECT_TRUE(series.ok()) << series.status().ToString();
  return std::move(series).value();
}

std::vector<Date> EveryDay(Date from, Date to) {
  std::vector<Date> out;
  for (Date day = from; day <= to; day = day + 1) out.push_back(day);
  return out;
}

// A renewal-process epidemic with R falling from 1.3 to 0.8 over 100 days.
IncidenceSeries Simulated(uint64_t seed) {
  const SerialInterval si = OmicronBa2SerialInterval();
  std::mt19937_64 rng(seed);
  std::vector<int64_t> cases = {200};
  for (int day_idx = 1; day_idx < 100; ++day_idx) {
    double infectiousness = 0;
    for (int lag = 1; lag <= day_idx && lag < static_cast<int>(si.pmf.size()); ++lag) {
      infectiousness += si.pmf[lag] * static_cast<double>(cases[day_idx - lag]);
    }
    const double r = 1.3 - 0.5 * day_idx / 100.0;
    cases.push_back(std::poisson_distribution<int64_t>(r * infectiousness + 1e-9)(rng));
  }
  return IncidenceFromCases(Date::FromCivil(2022, 1, 1), cases);
}

TEST(Backtest, ScoresTheModelAndBothBaselinesOnTheSameOrigins) {
  const IncidenceSeries series = Simulated(3);
  const std::vector<Date> origins = EveryDay(series.first_day + 20, series.first_day + 90);
  BacktestOptions options;
  options.forecast.simulations = 300;
  Result<BacktestResult> result = Backtest(series, OmicronBa2SerialInterval(), origins, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->horizons.size(), 2u);
  EXPECT_EQ(result->origins_skipped, 0);
  const HorizonScores& week = result->horizons[0];
  EXPECT_EQ(week.horizon_days, 7);
  // Origins up to day 92 have a day-7 target inside the 100 days: all 71 of them.
  EXPECT_EQ(week.model.forecasts, 71);
  EXPECT_EQ(week.last_value.baseline.forecasts, 71);
  EXPECT_EQ(week.last_week_growth.baseline.forecasts, 71);
  EXPECT_EQ(week.last_week_growth.model.mean_wis, week.model.mean_wis);
  EXPECT_EQ(result->horizons[1].model.forecasts, 99 - 20 - 14 + 1);
  // On data from the model itself, the model beats the naive forecasts.
  EXPECT_LT(RelativeWis(week.last_value), 1);
  EXPECT_LT(RelativeWis(week.last_week_growth), 1);
  for (const ScoreSummary* summary :
       {&week.model, &week.last_value.baseline, &week.last_week_growth.baseline}) {
    EXPECT_GE(summary->coverage_50, 0);
    EXPECT_LE(summary->coverage_50, summary->coverage_80);
    EXPECT_LE(summary->coverage_80, summary->coverage_95);
    EXPECT_LE(summary->coverage_95, 1);
    EXPECT_GE(summary->mean_bias, -1);
    EXPECT_LE(summary->mean_bias, 1);
  }
}

TEST(Backtest, GivesTheSameScoresWhateverOtherOriginsAreAsked) {
  const IncidenceSeries series = Simulated(5);
  BacktestOptions options;
  options.forecast.simulations = 100;
  options.horizons_days = {7};
  const std::vector<Date> one = {series.first_day + 40};
  const std::vector<Date> two = {series.first_day + 30, series.first_day + 40};
  Result<BacktestResult> alone = Backtest(series, OmicronBa2SerialInterval(), one, options);
  Result<BacktestResult> with_other = Backtest(series, OmicronBa2SerialInterval(), two, options);
  ASSERT_TRUE(alone.ok() && with_other.ok());
  // The mean over two origins, less the other's share, is this origin's score.
  const std::vector<Date> other = {series.first_day + 30};
  Result<BacktestResult> other_alone = Backtest(series, OmicronBa2SerialInterval(), other, options);
  ASSERT_TRUE(other_alone.ok());
  EXPECT_NEAR(2 * with_other->horizons[0].model.mean_wis - other_alone->horizons[0].model.mean_wis,
              alone->horizons[0].model.mean_wis, kArithmeticTolerance);
}

TEST(Backtest, ScoresEveryOriginFromTheFifthDayAndEachBaselineWhereItCan) {
  const IncidenceSeries series = Simulated(7);
  BacktestOptions options;
  options.forecast.simulations = 50;
  const std::vector<Date> origins = EveryDay(series.first_day, series.first_day + 20);
  Result<BacktestResult> result = Backtest(series, OmicronBa2SerialInterval(), origins, options);
  ASSERT_TRUE(result.ok());
  // The model forecasts from the fifth day on (the serial interval is covered there).
  EXPECT_EQ(result->origins_skipped, 4);
  const HorizonScores& week = result->horizons[0];
  EXPECT_EQ(week.model.forecasts, 17);
  EXPECT_EQ(week.last_value.baseline.forecasts, 17);
  // Last week's growth needs 14 days: it and the model beside it are scored on 8 origins.
  EXPECT_EQ(week.last_week_growth.baseline.forecasts, 8);
  EXPECT_EQ(week.last_week_growth.model.forecasts, 8);
}

TEST(Backtest, BiasIsZeroOnTheMedianAndOneBeyondTheIntervals) {
  PredictiveQuantiles q{10, 20, 30, 40, 50, 60, 70};
  EXPECT_DOUBLE_EQ(QuantileBias(q, 40), 0);
  EXPECT_DOUBLE_EQ(QuantileBias(q, 5), 1);      // every quantile above the truth: too high
  EXPECT_DOUBLE_EQ(QuantileBias(q, 75), -1);    // too low
  EXPECT_DOUBLE_EQ(QuantileBias(q, 35), 0.5);   // above q25 only: 1 − 2 × 0.25
  EXPECT_DOUBLE_EQ(QuantileBias(q, 55), -0.8);  // below q90: 1 − 2 × 0.9
}

TEST(Backtest, RejectsOriginsOutsideTheSeriesAndBadHorizons) {
  const IncidenceSeries series = Simulated(9);
  const SerialInterval si = OmicronBa2SerialInterval();
  const std::vector<Date> outside = {series.first_day - 1, series.last_day() + 1};
  Result<BacktestResult> result = Backtest(series, si, outside);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().details().size(), 2u);
  BacktestOptions options;
  options.horizons_days = {0, 29};
  const std::vector<Date> inside = {series.first_day + 30};
  result = Backtest(series, si, inside, options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().details().size(), 2u);
  EXPECT_FALSE(Backtest(series, si, std::vector<Date>{}).ok());
}

// The demo's backtest: the 2022 national series, every origin from the fifth day to a week
// before the end, none skipped. The figures are printed for the record; the check is that the
// model beats both baselines on weighted interval score at 7 and 14 days, by each method.
TEST(Backtest, BeatsBothBaselinesOnThe2022NationalSeries) {
  const IncidenceSeries series = National2022();
  const std::vector<Date> origins = EveryDay(series.first_day + 4, series.last_day() - 7);
  for (RtMethod method : {RtMethod::kWindow, RtMethod::kFiltered}) {
    BacktestOptions options;
    options.forecast.rt_method = method;
    Result<BacktestResult> result = Backtest(series, OmicronBa2SerialInterval(), origins, options);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->origins_skipped, 0);
    for (const HorizonScores& horizon : result->horizons) {
      std::printf(
          "%s, %2d days ahead, %d origins: model WIS %.0f, coverage 50%% %.2f 80%% %.2f 95%% "
          "%.2f, bias %.2f; last value WIS %.0f; last week's growth WIS %.0f (%d origins); "
          "relative WIS %.2f and %.2f\n",
          RtMethodName(method), horizon.horizon_days, horizon.model.forecasts,
          horizon.model.mean_wis, horizon.model.coverage_50, horizon.model.coverage_80,
          horizon.model.coverage_95, horizon.model.mean_bias, horizon.last_value.baseline.mean_wis,
          horizon.last_week_growth.baseline.mean_wis, horizon.last_week_growth.baseline.forecasts,
          RelativeWis(horizon.last_value), RelativeWis(horizon.last_week_growth));
      EXPECT_EQ(horizon.model.forecasts,
                static_cast<int>(origins.size()) + 7 - horizon.horizon_days);
      EXPECT_LT(RelativeWis(horizon.last_value), 1);
      EXPECT_LT(RelativeWis(horizon.last_week_growth), 1);
    }
  }
}

}  // namespace
}  // namespace outbreak::analytics

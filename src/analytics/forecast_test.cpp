#include "analytics/forecast.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace outbreak::analytics {
namespace {

constexpr uint64_t kSeed = 20220512;
// Medians of 2,000 simulated paths of about 10,000 cases a day: Monte Carlo and Poisson noise
// are well under 1%.
constexpr double kMedianRelativeTolerance = 0.02;
// The exponential check compounds the posterior's prior pull over 14 days.
constexpr double kGrowthRelativeTolerance = 0.03;
// Medians of ~1,000 cases a day (Poisson sd 3%) and of the outflows that follow them.
constexpr double kSteadyStateRelativeTolerance = 0.05;
// The fitted shares of a noiseless model series.
constexpr double kFractionTolerance = 0.005;
// The fitted mean delay of a model series whose cases stop (the grid steps by 0.1 day).
constexpr double kDelayMeanToleranceDays = 0.5;
// Shares of the stock that leave by recovery and by death over four weeks.
constexpr double kStockShareTolerance = 0.01;

IncidenceSeries Constant(int64_t level, int days) {
  return IncidenceFromCases(Date::FromCivil(2022, 5, 12), std::vector<int64_t>(days, level));
}

// The reference method: R of the last week, constant, Poisson counts.
ForecastOptions PoissonConstantR(int horizon_days) {
  ForecastOptions options;
  options.rt_method = RtMethod::kWindow;
  options.horizon_days = horizon_days;
  options.simulations = 2000;
  options.rt_path = RtPath::kConstant;
  options.nb_size = INFINITY;
  return options;
}

TEST(ForecastCases, KeepsConstantIncidenceLevel) {
  const SerialInterval si = OmicronBa2SerialInterval();
  Rng rng(kSeed);
  Result<std::vector<PredictiveQuantiles>> forecast =
      ForecastCases(Constant(10'000, 120), si, PoissonConstantR(28), rng);
  ASSERT_TRUE(forecast.ok()) << forecast.status().ToString();
  ASSERT_EQ(forecast->size(), 28u);
  for (const PredictiveQuantiles& day : *forecast) {
    EXPECT_NEAR(day.median / 10'000, 1.0, kMedianRelativeTolerance);
    EXPECT_LE(day.q025, day.q10);
    EXPECT_LE(day.q10, day.q25);
    EXPECT_LE(day.q25, day.median);
    EXPECT_LE(day.median, day.q75);
    EXPECT_LE(day.q75, day.q90);
    EXPECT_LE(day.q90, day.q975);
  }
}

TEST(ForecastCases, TheDailyFilterKeepsConstantIncidenceLevel) {
  const SerialInterval si = OmicronBa2SerialInterval();
  ForecastOptions options;
  options.rt_method = RtMethod::kFiltered;
  options.horizon_days = 28;
  options.simulations = 2000;
  Rng rng(kSeed);
  Result<CasePaths> paths = SimulateCases(Constant(10'000, 120), si, options, rng);
  ASSERT_TRUE(paths.ok()) << paths.status().ToString();
  EXPECT_EQ(paths->method, RtMethod::kFiltered);
  EXPECT_NEAR(paths->rt.median, 1.0, kMedianRelativeTolerance);
  // A level that never moves chooses the smallest step of R on offer.
  EXPECT_DOUBLE_EQ(paths->log_rt_step_sd, 0.05);
  std::vector<double> last_day;
  for (int sim = 0; sim < paths->simulations; ++sim) last_day.push_back(paths->At(sim, 27));
  const PredictiveQuantiles day28 = QuantilesOfSample(last_day);
  EXPECT_NEAR(day28.median / 10'000, 1.0, 2 * kMedianRelativeTolerance);
  EXPECT_LT(day28.q025, 10'000);
  EXPECT_GT(day28.q975, 10'000);
}

TEST(ForecastCases, ContinuesExponentialGrowthAtItsRate) {
  const SerialInterval si = OmicronBa2SerialInterval();
  const double rate = 0.05;
  std::vector<int64_t> cases;
  for (int day_idx = 0; day_idx < 120; ++day_idx) {
    cases.push_back(std::llround(100 * std::exp(rate * day_idx)));
  }
  Rng rng(kSeed);
  Result<std::vector<PredictiveQuantiles>> forecast = ForecastCases(
      IncidenceFromCases(Date::FromCivil(2022, 1, 1), cases), si, PoissonConstantR(14), rng);
  ASSERT_TRUE(forecast.ok());
  const double expected = static_cast<double>(cases.back()) * std::exp(rate * 14);
  EXPECT_NEAR(forecast->back().median / expected, 1.0, kGrowthRelativeTolerance);
  // The daily filter carries the same growth on (its random walk has no drift).
  ForecastOptions filtered;
  filtered.rt_method = RtMethod::kFiltered;
  filtered.horizon_days = 14;
  filtered.simulations = 2000;
  filtered.rt_path = RtPath::kConstant;
  Rng again(kSeed);
  Result<std::vector<PredictiveQuantiles>> from_filter =
      ForecastCases(IncidenceFromCases(Date::FromCivil(2022, 1, 1), cases), si, filtered, again);
  ASSERT_TRUE(from_filter.ok()) << from_filter.status().ToString();
  EXPECT_NEAR(from_filter->back().median / expected, 1.0, kGrowthRelativeTolerance);
}

TEST(ForecastCases, IsDeterministicForASeed) {
  const SerialInterval si = OmicronBa2SerialInterval();
  ForecastOptions options;
  options.horizon_days = 10;
  options.simulations = 200;
  Rng first(kSeed), second(kSeed), other(kSeed + 1);
  Result<CasePaths> a = SimulateCases(Constant(50, 40), si, options, first);
  Result<CasePaths> b = SimulateCases(Constant(50, 40), si, options, second);
  Result<CasePaths> c = SimulateCases(Constant(50, 40), si, options, other);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->cases, b->cases);
  EXPECT_NE(a->cases, c->cases);
}

TEST(ForecastCases, ADayIsForecastTheSameWhateverTheHorizonAsked) {
  // The day-1 median once moved with --horizon (313,981 / 303,323 / 293,650 for 3 / 14 / 28).
  const SerialInterval si = OmicronBa2SerialInterval();
  ForecastOptions options;
  options.simulations = 300;
  std::vector<std::vector<PredictiveQuantiles>> by_horizon;
  for (int horizon : {3, 14, 28}) {
    options.horizon_days = horizon;
    Rng rng(kSeed);
    Result<std::vector<PredictiveQuantiles>> forecast =
        ForecastCases(Constant(5000, 40), si, options, rng);
    ASSERT_TRUE(forecast.ok()) << forecast.status().ToString();
    ASSERT_EQ(forecast->size(), static_cast<size_t>(horizon));
    by_horizon.push_back(std::move(*forecast));
  }
  for (size_t day_idx = 0; day_idx < 3; ++day_idx) {
    for (size_t other = 1; other < by_horizon.size(); ++other) {
      EXPECT_EQ(by_horizon[0][day_idx].median, by_horizon[other][day_idx].median) << day_idx;
      EXPECT_EQ(by_horizon[0][day_idx].q025, by_horizon[other][day_idx].q025) << day_idx;
      EXPECT_EQ(by_horizon[0][day_idx].q975, by_horizon[other][day_idx].q975) << day_idx;
    }
  }
  EXPECT_EQ(by_horizon[1][13].median, by_horizon[2][13].median);
}

TEST(ForecastCases, WidensWithOverdispersionAndAWanderingR) {
  const SerialInterval si = OmicronBa2SerialInterval();
  auto width = [&](const ForecastOptions& options) {
    Rng rng(kSeed);
    Result<std::vector<PredictiveQuantiles>> forecast =
        ForecastCases(Constant(1000, 60), si, options, rng);
    EXPECT_TRUE(forecast.ok());
    return forecast->back().q975 - forecast->back().q025;
  };
  ForecastOptions poisson = PoissonConstantR(21);
  ForecastOptions negative_binomial = poisson;
  negative_binomial.nb_size = 10;
  ForecastOptions walk = poisson;
  walk.rt_path = RtPath::kLogRandomWalk;
  walk.log_rt_step_sd = 0.05;
  EXPECT_GT(width(negative_binomial), 2 * width(poisson));
  EXPECT_GT(width(walk), 2 * width(poisson));
}

TEST(ForecastCases, EstimatesOverdispersionFromTheHistory) {
  const SerialInterval si = OmicronBa2SerialInterval();
  std::vector<int64_t> swinging;
  for (int day_idx = 0; day_idx < 80; ++day_idx) swinging.push_back(day_idx % 2 ? 700 : 1300);
  ForecastOptions options;
  options.rt_method = RtMethod::kWindow;
  options.horizon_days = 7;
  options.simulations = 50;
  Rng rng(kSeed);
  Result<CasePaths> noisy =
      SimulateCases(IncidenceFromCases(Date::FromCivil(2022, 1, 1), swinging), si, options, rng);
  Result<CasePaths> calm = SimulateCases(Constant(1000, 80), si, options, rng);
  ASSERT_TRUE(noisy.ok() && calm.ok());
  EXPECT_LT(noisy->nb_size, 20);
  EXPECT_TRUE(std::isinf(calm->nb_size));
  // The daily filter chooses k among its candidates by the same history.
  options.rt_method = RtMethod::kFiltered;
  noisy =
      SimulateCases(IncidenceFromCases(Date::FromCivil(2022, 1, 1), swinging), si, options, rng);
  calm = SimulateCases(Constant(1000, 80), si, options, rng);
  ASSERT_TRUE(noisy.ok() && calm.ok());
  EXPECT_LE(noisy->nb_size, 10);
  EXPECT_DOUBLE_EQ(calm->nb_size, 50);
}

TEST(ForecastCases, StopsAtThePopulationWhenDepletionIsOn) {
  const SerialInterval si = OmicronBa2SerialInterval();
  std::vector<int64_t> cases;
  for (int day_idx = 0; day_idx < 40; ++day_idx) {
    cases.push_back(std::llround(10 * std::exp(0.2 * day_idx)));
  }
  ForecastOptions options = PoissonConstantR(28);
  options.population = 50'000'000;
  Rng rng(kSeed);
  Result<CasePaths> paths =
      SimulateCases(IncidenceFromCases(Date::FromCivil(2022, 1, 1), cases), si, options, rng);
  ASSERT_TRUE(paths.ok());
  double history = 0;
  for (int64_t value : cases) history += static_cast<double>(value);
  for (int sim = 0; sim < paths->simulations; ++sim) {
    double total = history;
    for (int day_idx = 0; day_idx < paths->horizon_days; ++day_idx)
      total += paths->At(sim, day_idx);
    EXPECT_LE(total, 1.01 * options.population);
  }
}

TEST(ForecastCases, RejectsBadOptionsAndTooShortAHistory) {
  const SerialInterval si = OmicronBa2SerialInterval();
  Rng rng(kSeed);
  ForecastOptions options;
  options.horizon_days = 29;
  EXPECT_FALSE(ForecastCases(Constant(10, 30), si, options, rng).ok());
  options.horizon_days = 0;
  EXPECT_FALSE(ForecastCases(Constant(10, 30), si, options, rng).ok());
  options.horizon_days = 7;
  options.simulations = 0;
  options.log_rt_step_sd = -1;
  Result<std::vector<PredictiveQuantiles>> forecast =
      ForecastCases(Constant(10, 30), si, options, rng);
  ASSERT_FALSE(forecast.ok());
  EXPECT_EQ(forecast.status().details().size(), 2u);
  // Both methods need a day whose past covers most of the serial interval: the fifth.
  for (RtMethod method : {RtMethod::kWindow, RtMethod::kFiltered}) {
    options = {};
    options.rt_method = method;
    EXPECT_FALSE(ForecastCases(Constant(10, 4), si, options, rng).ok());
    EXPECT_TRUE(ForecastCases(Constant(10, 5), si, options, rng).ok());
  }
}

// A region whose outcomes follow the model: 99% of cases recover and 1% die, after a delay of
// mean 3 days unless said otherwise.
OutcomeSeries ModelSeries(const std::vector<int64_t>& cases, double delay_mean_days = 3,
                          double delay_sd_days = 1.5) {
  const DelayDistribution delay = DiscretisedGammaDelay(delay_mean_days, delay_sd_days, 60);
  OutcomeSeries series;
  series.first_day = Date::FromCivil(2022, 5, 12);
  series.new_cases = cases;
  double stock = 0;
  for (size_t day_idx = 0; day_idx < cases.size(); ++day_idx) {
    double exits = 0;
    for (size_t lag = 0; lag <= day_idx && lag < delay.pmf.size(); ++lag) {
      exits += delay.pmf[lag] * static_cast<double>(cases[day_idx - lag]);
    }
    series.new_recovered.push_back(std::llround(0.99 * exits));
    series.new_deaths.push_back(std::llround(0.01 * exits));
    stock += static_cast<double>(cases[day_idx] - series.new_recovered.back() -
                                 series.new_deaths.back());
    series.under_treatment.push_back(std::llround(stock));
  }
  return series;
}

// A steady state: 1,000 new cases a day.
OutcomeSeries SteadyState(int days) { return ModelSeries(std::vector<int64_t>(days, 1000)); }

TEST(ForecastOutcomes, CarriesASteadyStateForward) {
  const OutcomeSeries series = SteadyState(90);
  Result<OutcomeDelays> delays = FitOutcomeDelays(series);
  ASSERT_TRUE(delays.ok()) << delays.status().ToString();
  EXPECT_NEAR(delays->recovery.fraction, 0.99, kFractionTolerance);
  EXPECT_NEAR(delays->death.fraction, 0.01, kFractionTolerance);
  const SerialInterval si = OmicronBa2SerialInterval();
  Rng rng(kSeed);
  Result<OutcomeForecast> forecast =
      ForecastOutcomes(series, si, *delays, PoissonConstantR(14), rng);
  ASSERT_TRUE(forecast.ok()) << forecast.status().ToString();
  ASSERT_EQ(forecast->days.size(), 14u);
  EXPECT_EQ(forecast->days.front().date, Date::FromCivil(2022, 8, 10));
  const double stock = static_cast<double>(series.under_treatment.back());
  for (const DayForecast& day : forecast->days) {
    // Poisson noise on ~1,000 cases is ±6%; the medians stay at the steady state.
    EXPECT_NEAR(day.new_cases.median / 1000, 1.0, kSteadyStateRelativeTolerance);
    EXPECT_NEAR(day.new_recovered.median / 990, 1.0, kSteadyStateRelativeTolerance);
    EXPECT_NEAR(day.new_deaths.median / 10, 1.0, kSteadyStateRelativeTolerance);
    EXPECT_NEAR(day.under_treatment.median / stock, 1.0, kSteadyStateRelativeTolerance);
    // About ten deaths a day are counts: their 80% interval is at least Poisson(10)'s, 6 to 14
    // (it was 10 to 10 when only the expectation was given).
    EXPECT_LE(day.new_deaths.q10, 6);
    EXPECT_GE(day.new_deaths.q90, 14);
  }
  EXPECT_EQ(delays->death.events, 28 * 10);  // the deaths of the 28 days fitted
}

TEST(ForecastOutcomes, DrainsTheStockWhenCasesStop) {
  // 1,000 cases a day, then none for the last ten days (longer than the R_t window): R's
  // posterior is near 0, and the persons still under treatment (a delay of mean 8 days) leave
  // within the four weeks ahead, 99% of them recovered.
  std::vector<int64_t> cases(60, 1000);
  cases.insert(cases.end(), 10, 0);
  const OutcomeSeries series = ModelSeries(cases, 8, 4);
  const double stock = static_cast<double>(series.under_treatment.back());
  ASSERT_GT(stock, 100);
  Result<OutcomeDelays> delays = FitOutcomeDelays(series);
  ASSERT_TRUE(delays.ok());
  EXPECT_NEAR(delays->recovery.delay.mean_days, 8, kDelayMeanToleranceDays);
  Rng rng(kSeed);
  Result<OutcomeForecast> forecast =
      ForecastOutcomes(series, OmicronBa2SerialInterval(), *delays, PoissonConstantR(28), rng);
  ASSERT_TRUE(forecast.ok()) << forecast.status().ToString();
  EXPECT_LT(forecast->rt.mean, 0.01);
  EXPECT_EQ(forecast->days.back().new_cases.q975, 0);
  EXPECT_LT(forecast->days.back().under_treatment.q975, 0.01 * stock);
  double recovered = 0, deaths = 0;
  for (const DayForecast& day : forecast->days) {
    recovered += day.new_recovered.median;
    deaths += day.new_deaths.median;
  }
  EXPECT_NEAR(recovered / stock, 0.99, kStockShareTolerance);
  EXPECT_NEAR(deaths / stock, 0.01, kStockShareTolerance);
}

TEST(ForecastOutcomes, RejectsUnfittedDelaysAndBadSeries) {
  const OutcomeSeries series = SteadyState(30);
  Rng rng(kSeed);
  EXPECT_FALSE(ForecastOutcomes(series, OmicronBa2SerialInterval(), OutcomeDelays{}, {}, rng).ok());
  OutcomeSeries broken = series;
  broken.new_deaths.pop_back();
  Result<OutcomeDelays> delays = FitOutcomeDelays(series);
  ASSERT_TRUE(delays.ok());
  EXPECT_FALSE(ForecastOutcomes(broken, OmicronBa2SerialInterval(), *delays, {}, rng).ok());
}

}  // namespace
}  // namespace outbreak::analytics

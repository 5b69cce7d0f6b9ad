#include "analytics/delay_fit.hpp"

#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace outbreak::analytics {
namespace {

// The grid's fine step is 0.1 day for the mean; rounding outcomes to whole persons moves the
// optimum by less than that.
constexpr double kMeanToleranceDays = 0.15;
constexpr double kFractionTolerance = 0.005;
constexpr double kPmfSumTolerance = 1e-12;
// Rounding the gamma to whole days moves its mean by a few hundredths of a day.
constexpr double kDiscretisedMeanToleranceDays = 0.01;
// The residual distribution is built by subtraction down from 1.
constexpr double kResidualSumTolerance = 1e-9;
// The grid's steps (0.1 day for the mean, 0.01 for the coefficient of variation) leave daily
// residuals of a few persons at flows of ~3,000 a day.
constexpr double kGridRmse = 5.0;

// A series made by the model itself: cases, and outcomes ρ Σ p_k c_{t−k} + ρ S_0 e_t rounded.
struct Synthetic {
  std::vector<int64_t> cases;
  std::vector<int64_t> outcome;
};

Synthetic Make(const DelayDistribution& delay, double fraction, int64_t opening, int days,
               uint64_t seed) {
  std::mt19937_64 rng(seed);
  Synthetic out;
  for (int day_idx = 0; day_idx < days; ++day_idx) {
    const double level = 2000 + 1500 * std::sin(day_idx / 9.0);
    out.cases.push_back(std::poisson_distribution<int64_t>(level)(rng));
  }
  const std::vector<double> residual = delay.ResidualPmf();
  for (int day_idx = 0; day_idx < days; ++day_idx) {
    double expected = day_idx < static_cast<int>(residual.size())
                          ? static_cast<double>(opening) * residual[day_idx]
                          : 0.0;
    for (int lag = 0; lag <= day_idx && lag < static_cast<int>(delay.pmf.size()); ++lag) {
      expected += delay.pmf[lag] * static_cast<double>(out.cases[day_idx - lag]);
    }
    out.outcome.push_back(std::llround(fraction * expected));
  }
  return out;
}

TEST(DiscretisedGammaDelay, SumsToOneAndKeepsTheMean) {
  const DelayDistribution delay = DiscretisedGammaDelay(5, 2, 60);
  ASSERT_EQ(delay.pmf.size(), 61u);
  EXPECT_NEAR(std::accumulate(delay.pmf.begin(), delay.pmf.end(), 0.0), 1, kPmfSumTolerance);
  double mean = 0;
  for (size_t k = 0; k < delay.pmf.size(); ++k) mean += static_cast<double>(k) * delay.pmf[k];
  EXPECT_NEAR(mean, 5, kDiscretisedMeanToleranceDays);
  const std::vector<double> residual = delay.ResidualPmf();
  EXPECT_NEAR(std::accumulate(residual.begin(), residual.end(), 0.0), 1, kResidualSumTolerance);
}

TEST(FitOutcomeDelay, RecoversTheDelayAndShareOfAModelSeries) {
  const DelayDistribution truth = DiscretisedGammaDelay(6.5, 2.5, 60);
  const Synthetic series = Make(truth, 0.97, 30'000, 120, 11);
  Result<OutcomeFit> fit = FitOutcomeDelay(series.cases, series.outcome, {}, 30'000);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_NEAR(fit->delay.mean_days, 6.5, kMeanToleranceDays);
  EXPECT_NEAR(fit->fraction, 0.97, kFractionTolerance);
  EXPECT_EQ(fit->days_used, 28);
  EXPECT_LT(fit->rmse, kGridRmse);
}

TEST(FitOutcomeDelay, UsesTheOpeningStockOnEveryDayWhenFittingTheWholeSeries) {
  const DelayDistribution truth = DiscretisedGammaDelay(3, 2, 60);
  const Synthetic series = Make(truth, 1.0, 200'000, 40, 5);
  DelayFitOptions options;
  options.fit_days = 0;
  Result<OutcomeFit> fit = FitOutcomeDelay(series.cases, series.outcome, {}, 200'000, options);
  ASSERT_TRUE(fit.ok());
  EXPECT_EQ(fit->days_used, 39);
  EXPECT_NEAR(fit->delay.mean_days, 3, kMeanToleranceDays);
  EXPECT_NEAR(fit->fraction, 1.0, kFractionTolerance);
}

TEST(FitOutcomeDelays, BorrowsTheRecoveryDelayWhenThereAreFewDeaths) {
  const DelayDistribution recovery = DiscretisedGammaDelay(4, 1.5, 60);
  const Synthetic recovered = Make(recovery, 0.999, 0, 60, 3);
  OutcomeSeries series;
  series.first_day = Date::FromCivil(2022, 5, 12);
  series.new_cases = recovered.cases;
  series.new_recovered = recovered.outcome;
  series.new_deaths.assign(60, 0);
  series.new_deaths[30] = 2;
  series.new_deaths[40] = 3;
  int64_t stock = 0;
  for (int day_idx = 0; day_idx < 60; ++day_idx) {
    stock += series.new_cases[day_idx] - series.new_recovered[day_idx] - series.new_deaths[day_idx];
    series.under_treatment.push_back(stock);
  }
  Result<OutcomeDelays> delays = FitOutcomeDelays(series);
  ASSERT_TRUE(delays.ok()) << delays.status().ToString();
  EXPECT_NEAR(delays->recovery.delay.mean_days, 4, kMeanToleranceDays);
  EXPECT_EQ(delays->death.delay.pmf, delays->recovery.delay.pmf);
  EXPECT_GT(delays->death.fraction, 0);
  EXPECT_LT(delays->death.fraction, 1e-3);
  EXPECT_LE(delays->recovery.fraction + delays->death.fraction, 1.0);
}

TEST(FitOutcomeDelays, TellsTheDelayOfALevelSeriesFromTheStock) {
  // 1,000 cases a day for 90 days: the last four weeks' daily recoveries are 1,000 whatever the
  // delay, but 3,000 under treatment say the stay is 3 days.
  const DelayDistribution truth = DiscretisedGammaDelay(3, 1.5, 60);
  OutcomeSeries series;
  series.new_cases.assign(90, 1000);
  int64_t stock = 0;
  for (int day_idx = 0; day_idx < 90; ++day_idx) {
    double exits = 0;
    for (int lag = 0; lag <= day_idx && lag < 61; ++lag) exits += truth.pmf[lag] * 1000;
    series.new_recovered.push_back(std::llround(exits));
    series.new_deaths.push_back(0);
    stock += 1000 - series.new_recovered.back();
    series.under_treatment.push_back(stock);
  }
  Result<OutcomeDelays> delays = FitOutcomeDelays(series);
  ASSERT_TRUE(delays.ok());
  EXPECT_NEAR(delays->recovery.delay.mean_days, 3, kMeanToleranceDays);
  EXPECT_NEAR(delays->recovery.fraction, 1, kFractionTolerance);
  EXPECT_EQ(delays->death.fraction, 0);
}

TEST(FitOutcomeDelay, RejectsMismatchedShortOrNegativeSeries) {
  EXPECT_FALSE(FitOutcomeDelay({1, 2, 3}, {1, 2}, {}, 0).ok());
  EXPECT_FALSE(FitOutcomeDelay({1, 2}, {1, 2}, {}, 0).ok());
  EXPECT_FALSE(FitOutcomeDelay({1, -2, 3}, {1, 2, 3}, {}, 0).ok());
  EXPECT_FALSE(FitOutcomeDelay({1, 2, 3}, {1, 2, 3}, {}, -5).ok());
  const std::vector<int64_t> short_stock = {1, 2};
  EXPECT_FALSE(FitOutcomeDelay({1, 2, 3}, {1, 2, 3}, short_stock, 0).ok());
  OutcomeSeries series;
  EXPECT_FALSE(FitOutcomeDelays(series).ok());
}

TEST(OutcomeSeries, OpensWithTheStockBeforeTheFirstDay) {
  // The 2022 national series: 187,800 under treatment on 12 May, 18,000 of them new that day.
  OutcomeSeries series;
  series.new_cases = {18'000, 174'440};
  series.new_recovered = {0, 81'430};
  series.new_deaths = {0, 21};
  series.under_treatment = {187'800, 280'810};
  EXPECT_EQ(series.OpeningUnderTreatment(), 169'800);
  EXPECT_EQ(series.Prefix(1).days(), 1u);
  EXPECT_TRUE(ValidateOutcomeSeries(series).ok());
  series.new_deaths[1] = -1;
  const Status status = ValidateOutcomeSeries(series);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.details().at(0), "1970-01-02: new_deaths: \"-1\" is negative");
}

}  // namespace
}  // namespace outbreak::analytics

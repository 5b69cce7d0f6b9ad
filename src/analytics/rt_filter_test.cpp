#include "analytics/rt_filter.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>
#include <boost/math/distributions/gamma.hpp>

namespace outbreak::analytics {
namespace {

// A grid of 800 points over log R spaced 0.0076 apart: quantiles within half a cell.
constexpr double kGridRelativeTolerance = 5e-3;
// R recovered from a noiseless renewal series: only the prior and the grid move it.
constexpr double kNoiselessRelativeTolerance = 0.02;

// Expected cases of a renewal process with R given per day, from `seed_cases` on day 0.
IncidenceSeries Renewal(const SerialInterval& si, const std::vector<double>& r, double seed_cases) {
  std::vector<double> cases = {seed_cases};
  for (size_t day = 1; day < r.size(); ++day) {
    double infectiousness = 0;
    for (size_t lag = 1; lag <= day && lag < si.pmf.size(); ++lag) {
      infectiousness += si.pmf[lag] * cases[day - lag];
    }
    cases.push_back(r[day] * infectiousness);
  }
  std::vector<int64_t> rounded;
  for (double value : cases) rounded.push_back(std::llround(value));
  return IncidenceFromCases(Date::FromCivil(2022, 5, 1), rounded);
}

TEST(RtFilter, MatchesTheConjugatePosteriorWhenRCannotChange) {
  // With one day of serial interval (Λ_t = I_{t−1}), Poisson counts, a random walk too small to
  // move and a prior flat in log R, the posterior of a constant R is Gamma(Σ I_t, 1 / Σ I_{t−1})
  // over the observed days: an analytic reference independent of the grid.
  SerialInterval si;
  si.pmf = {0.0, 1.0};
  const std::vector<int64_t> cases = {50, 60, 55, 70, 64, 80, 77, 90};
  const IncidenceSeries series = IncidenceFromCases(Date::FromCivil(2022, 5, 1), cases);
  RtFilterOptions options;
  options.step_sds = {1e-6};
  options.nb_sizes = {std::numeric_limits<double>::infinity()};
  options.prior_log_sd = 100;
  options.covered_mass = 1;
  options.grid_points = 800;
  options.r_min = 0.2;
  options.r_max = 5;
  Result<RtFilterResult> fit = FilterRt(series, si, options);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_EQ(fit->start_day_idx, 1);
  double shape = 0, rate = 0;
  for (size_t day = 1; day < cases.size(); ++day) {
    shape += static_cast<double>(cases[day]);
    rate += static_cast<double>(cases[day - 1]);
  }
  const boost::math::gamma_distribution<double> reference(shape, 1 / rate);
  const RtDayPosterior& last = fit->filtered.back();
  EXPECT_NEAR(last.mean, boost::math::mean(reference), kGridRelativeTolerance * last.mean);
  EXPECT_NEAR(last.q025, boost::math::quantile(reference, 0.025),
              kGridRelativeTolerance * last.q025);
  EXPECT_NEAR(last.median, boost::math::quantile(reference, 0.5),
              kGridRelativeTolerance * last.median);
  EXPECT_NEAR(last.q975, boost::math::quantile(reference, 0.975),
              kGridRelativeTolerance * last.q975);
  EXPECT_NEAR(fit->LastQuantile(0.5), last.median, 1e-12);
  // Smoothing a constant R changes nothing on the last day.
  EXPECT_NEAR(fit->smoothed.back().median, last.median, 1e-9);
}

TEST(RtFilter, FollowsATurnAndTheSmootherPlacesIt) {
  const SerialInterval si = OmicronBa2SerialInterval();
  std::vector<double> r(60, 1.4);
  for (size_t day = 30; day < r.size(); ++day) r[day] = 0.7;
  const IncidenceSeries series = Renewal(si, r, 1000);
  Result<RtFilterResult> fit = FilterRt(series, si);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  auto at = [&](const std::vector<RtDayPosterior>& days, int day_idx) {
    return days[day_idx - fit->start_day_idx];
  };
  EXPECT_NEAR(at(fit->filtered, 25).median, 1.4, kNoiselessRelativeTolerance * 1.4);
  // A week after the turn, the filter knows it.
  EXPECT_NEAR(at(fit->filtered, 37).median, 0.7, kNoiselessRelativeTolerance * 0.7);
  EXPECT_NEAR(fit->filtered.back().median, 0.7, kNoiselessRelativeTolerance * 0.7);
  // The smoother, which reads the days after, already has it on the turn's second day, and still
  // has 1.4 two days before it.
  EXPECT_LT(at(fit->smoothed, 31).median, 0.85);
  EXPECT_GT(at(fit->smoothed, 27).median, 1.25);
  // A step this sharp chooses more than the walk's smallest step.
  EXPECT_GT(fit->step_sd, 0.05);
}

TEST(RtFilter, ChoosesASmallStepWhenRHolds) {
  const SerialInterval si = OmicronBa2SerialInterval();
  const IncidenceSeries series = Renewal(si, std::vector<double>(50, 1.1), 500);
  Result<RtFilterResult> fit = FilterRt(series, si);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_DOUBLE_EQ(fit->step_sd, 0.05);
  EXPECT_NEAR(fit->filtered.back().median, 1.1, kNoiselessRelativeTolerance * 1.1);
  // Counts with no swing choose the least overdispersed observation model on offer.
  EXPECT_DOUBLE_EQ(fit->nb_size, 50);
}

TEST(RtFilter, StartsWhereTheSerialIntervalIsCovered) {
  const SerialInterval si = OmicronBa2SerialInterval();
  // BA.2: w_1 … w_4 hold 77% of the interval.
  EXPECT_EQ(CoveredStartDay(si, 0.75), 4);
  EXPECT_EQ(CoveredStartDay(si, 0.9), 7);
  const std::vector<int64_t> four = {10, 20, 30, 40};
  Result<RtFilterResult> too_short =
      FilterRt(IncidenceFromCases(Date::FromCivil(2022, 5, 1), four), si);
  ASSERT_FALSE(too_short.ok());
  EXPECT_NE(too_short.status().message().find("starts on day 5"), std::string::npos)
      << too_short.status().ToString();
  const std::vector<int64_t> five = {10, 20, 30, 40, 50};
  Result<RtFilterResult> fit = FilterRt(IncidenceFromCases(Date::FromCivil(2022, 5, 1), five), si);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_EQ(fit->filtered.size(), 1U);
  EXPECT_EQ(fit->filtered.front().day_idx, 4);
}

TEST(RtFilter, RefusesBadOptions) {
  const SerialInterval si = OmicronBa2SerialInterval();
  const IncidenceSeries series = Renewal(si, std::vector<double>(20, 1.0), 100);
  RtFilterOptions options;
  options.step_sds = {0.1, -1};
  options.nb_sizes = {};
  options.grid_points = 3;
  Result<RtFilterResult> fit = FilterRt(series, si, options);
  ASSERT_FALSE(fit.ok());
  EXPECT_EQ(fit.status().details().size(), 3U) << fit.status().ToString();
}

}  // namespace
}  // namespace outbreak::analytics

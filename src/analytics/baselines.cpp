#include "analytics/baselines.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>
#include <boost/math/distributions/poisson.hpp>

namespace outbreak::analytics {

namespace {

constexpr int kWeekDays = 7;

PredictiveQuantiles PoissonQuantiles(double mean) {
  PredictiveQuantiles out;
  if (!(mean > 0)) return out;
  // The smallest count whose CDF reaches p, as R's qpois.
  using Policy = boost::math::policies::policy<
      boost::math::policies::discrete_quantile<boost::math::policies::integer_round_up>>;
  const boost::math::poisson_distribution<double, Policy> poisson(mean);
  auto quantile = [&](double p) { return boost::math::quantile(poisson, p); };
  out.q025 = quantile(0.025);
  out.q10 = quantile(0.1);
  out.q25 = quantile(0.25);
  out.median = quantile(0.5);
  out.q75 = quantile(0.75);
  out.q90 = quantile(0.9);
  out.q975 = quantile(0.975);
  return out;
}

}  // namespace

const char* BaselineName(Baseline baseline) {
  return baseline == Baseline::kLastValue ? "last value" : "last week's growth";
}

int BaselineMinDays(Baseline baseline) {
  return baseline == Baseline::kLastValue ? 1 : 2 * kWeekDays;
}

double BaselinePoint(Baseline baseline, std::span<const int64_t> cases, int horizon_days) {
  const size_t days = cases.size();
  if (baseline == Baseline::kLastValue) return static_cast<double>(cases.back());
  double this_week = 0, last_week = 0;
  for (size_t day_idx = days - kWeekDays; day_idx < days; ++day_idx) {
    this_week += static_cast<double>(cases[day_idx]);
    last_week += static_cast<double>(cases[day_idx - kWeekDays]);
  }
  const double rate = std::log((this_week + 1) / (last_week + 1)) / kWeekDays;
  // The week's mean sits at its middle day, three days before the origin.
  return this_week / kWeekDays * std::exp(rate * (horizon_days + (kWeekDays - 1) / 2.0));
}

Result<PredictiveQuantiles> BaselineForecast(Baseline baseline, std::span<const int64_t> cases,
                                             int horizon_days, const BaselineOptions& options) {
  const int min_days = BaselineMinDays(baseline);
  if (static_cast<int>(cases.size()) < min_days || horizon_days < 1) {
    return Status::InvalidArgument(fmt::format(
        "baseline {}: needs at least {} days and a horizon of at least 1 day; got {} days, "
        "horizon {}",
        BaselineName(baseline), min_days, cases.size(), horizon_days));
  }
  const double point = BaselinePoint(baseline, cases, horizon_days);
  // Past errors of the same baseline at the same horizon, most recent origins first.
  std::vector<double> errors;
  const int64_t last = static_cast<int64_t>(cases.size()) - 1;
  for (int64_t origin = last - horizon_days;
       origin >= min_days - 1 && static_cast<int>(errors.size()) < 2 * options.spread_origins;
       --origin) {
    const double past_point = BaselinePoint(baseline, cases.first(origin + 1), horizon_days);
    const double error =
        std::log(static_cast<double>(cases[origin + horizon_days]) + 1) - std::log(past_point + 1);
    errors.push_back(error);
    errors.push_back(-error);
  }
  if (static_cast<int>(errors.size()) < 2 * options.min_spread_errors) {
    return PoissonQuantiles(point);
  }
  const PredictiveQuantiles log_quantiles = QuantilesOfSample(errors);
  auto back = [&](double q) { return std::max(0.0, (point + 1) * std::exp(q) - 1); };
  PredictiveQuantiles out;
  out.q025 = back(log_quantiles.q025);
  out.q10 = back(log_quantiles.q10);
  out.q25 = back(log_quantiles.q25);
  out.median = back(log_quantiles.median);
  out.q75 = back(log_quantiles.q75);
  out.q90 = back(log_quantiles.q90);
  out.q975 = back(log_quantiles.q975);
  return out;
}

}  // namespace outbreak::analytics

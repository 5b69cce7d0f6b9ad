#include "analytics/growth.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <fmt/format.h>
#include <boost/math/distributions/students_t.hpp>

namespace outbreak::analytics {

namespace {

constexpr int kMaxIterations = 100;
constexpr double kConvergence = 1e-12;
// Groups of at most this many regions are named in a trend statement; larger ones counted.
constexpr size_t kMaxNamedRegions = 4;

struct LineFit {
  double intercept = 0;
  double slope = 0;
  double slope_variance = 0;  // before any dispersion
};

// Ordinary least squares of v on x (x centred by the caller).
LineFit LeastSquares(std::span<const double> x, std::span<const double> v) {
  const double n = static_cast<double>(x.size());
  double sum_v = 0, sum_xv = 0, sum_xx = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sum_v += v[i];
    sum_xv += x[i] * v[i];
    sum_xx += x[i] * x[i];
  }
  LineFit fit;
  fit.intercept = sum_v / n;
  fit.slope = sum_xv / sum_xx;
  double rss = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    const double residual = v[i] - fit.intercept - fit.slope * x[i];
    rss += residual * residual;
  }
  fit.slope_variance = rss / (n - 2) / sum_xx;
  return fit;
}

double StudentQuantile(double degrees_of_freedom, double p) {
  return boost::math::quantile(boost::math::students_t(degrees_of_freedom), p);
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

const char* TrendName(Trend trend) {
  switch (trend) {
    case Trend::kRising:
      return "rising";
    case Trend::kStable:
      return "stable";
    case Trend::kDeclining:
      return "declining";
    case Trend::kNoCases:
      return "no cases";
    case Trend::kTooFewCases:
      return "too few cases";
  }
  return "stable";
}

double DailyChange(double rate_per_day) { return std::expm1(rate_per_day); }

std::optional<DoublingTime> GrowthEstimate::Doubling() const {
  if (!Measured() || rate_per_day == 0) return std::nullopt;
  const double ln2 = std::log(2.0);
  const double infinity = std::numeric_limits<double>::infinity();
  DoublingTime out;
  if (rate_per_day > 0) {
    out.days = ln2 / rate_per_day;
    out.lower_days = ln2 / upper_per_day;
    out.upper_days = lower_per_day > 0 ? ln2 / lower_per_day : infinity;
  } else {
    out.halving = true;
    out.days = ln2 / -rate_per_day;
    out.lower_days = ln2 / -lower_per_day;
    out.upper_days = upper_per_day < 0 ? ln2 / -upper_per_day : infinity;
  }
  return out;
}

Result<GrowthEstimate> EstimateGrowth(std::span<const int64_t> daily_cases, int32_t end_day_idx,
                                      const GrowthOptions& options) {
  std::vector<std::string> errors;
  if (!(options.confidence > 0 && options.confidence < 1)) {
    errors.push_back(fmt::format("confidence: \"{}\" must be between 0 and 1", options.confidence));
  }
  if (end_day_idx < 0 || static_cast<size_t>(end_day_idx) >= daily_cases.size()) {
    errors.push_back(fmt::format("end day: \"{}\" is outside the series of {} days", end_day_idx,
                                 daily_cases.size()));
  } else if (options.window_days < 3 || options.window_days > end_day_idx + 1) {
    errors.push_back(fmt::format(
        "window: \"{}\" days must be at least 3 and at most the {} days up to the end day",
        options.window_days, end_day_idx + 1));
  }
  if (!errors.empty()) {
    return Status::InvalidArgument("growth: bad options", std::move(errors));
  }
  const int32_t start_day_idx = end_day_idx - options.window_days + 1;
  const std::span<const int64_t> window =
      daily_cases.subspan(start_day_idx, static_cast<size_t>(options.window_days));
  const size_t n = window.size();
  std::vector<double> x(n), y(n);
  double total = 0, weighted_time = 0;
  for (size_t i = 0; i < n; ++i) {
    if (window[i] < 0) {
      return Status::InvalidArgument(fmt::format("growth: day {}: \"{}\" cases is negative",
                                                 start_day_idx + static_cast<int32_t>(i),
                                                 window[i]));
    }
    x[i] = static_cast<double>(i) - static_cast<double>(n - 1) / 2;
    y[i] = static_cast<double>(window[i]);
    total += y[i];
    weighted_time += y[i] * static_cast<double>(i);
  }

  GrowthEstimate out;
  out.start_day_idx = start_day_idx;
  out.end_day_idx = end_day_idx;
  if (total == 0) {
    out.trend = Trend::kNoCases;
    out.method = GrowthMethod::kNone;
    return out;
  }
  const double t_quantile =
      StudentQuantile(static_cast<double>(n - 2), 0.5 + options.confidence / 2);
  std::vector<double> log_y(n);
  for (size_t i = 0; i < n; ++i) log_y[i] = std::log(y[i] + 0.5);
  LineFit start = LeastSquares(x, log_y);

  // The Poisson likelihood has a finite maximum unless all cases fall on one end of the window.
  const double mean_time = weighted_time / total;
  const bool finite = mean_time > 0 && mean_time < static_cast<double>(n - 1);
  double slope = start.slope;
  double standard_error = std::sqrt(start.slope_variance);
  out.method = GrowthMethod::kLogLinearLeastSquares;
  out.dispersion = 1;
  if (finite) {
    double intercept = std::log(total / static_cast<double>(n));
    double beta = start.slope;
    double s0 = 0, s1 = 0, s2 = 0;
    bool converged = false;
    for (int iteration = 0; iteration < kMaxIterations && !converged; ++iteration) {
      double t0 = 0, t1 = 0;
      s0 = s1 = s2 = 0;
      for (size_t i = 0; i < n; ++i) {
        const double eta = intercept + beta * x[i];
        const double mu = std::exp(eta);
        const double z = eta + (y[i] - mu) / mu;
        s0 += mu;
        s1 += mu * x[i];
        s2 += mu * x[i] * x[i];
        t0 += mu * z;
        t1 += mu * x[i] * z;
      }
      const double det = s0 * s2 - s1 * s1;
      const double next_beta = (s0 * t1 - s1 * t0) / det;
      const double next_intercept = (t0 - s1 * next_beta) / s0;
      converged = std::fabs(next_beta - beta) < kConvergence * (1 + std::fabs(beta)) &&
                  std::fabs(next_intercept - intercept) < kConvergence * (1 + std::fabs(intercept));
      beta = next_beta;
      intercept = next_intercept;
    }
    if (converged && std::isfinite(beta)) {
      double pearson = 0;
      s0 = s1 = s2 = 0;
      for (size_t i = 0; i < n; ++i) {
        const double mu = std::exp(intercept + beta * x[i]);
        pearson += (y[i] - mu) * (y[i] - mu) / mu;
        s0 += mu;
        s1 += mu * x[i];
        s2 += mu * x[i] * x[i];
      }
      out.dispersion = pearson / static_cast<double>(n - 2);
      out.method = GrowthMethod::kQuasiPoisson;
      slope = beta;
      standard_error = std::sqrt(out.dispersion * s0 / (s0 * s2 - s1 * s1));
    }
  }
  out.rate_per_day = slope;
  out.lower_per_day = slope - t_quantile * standard_error;
  out.upper_per_day = slope + t_quantile * standard_error;
  out.trend = total < static_cast<double>(kMinCasesForRate) ? Trend::kTooFewCases
              : out.lower_per_day > 0                       ? Trend::kRising
              : out.upper_per_day < 0                       ? Trend::kDeclining
                                                            : Trend::kStable;
  return out;
}

Result<GrowthEstimate> EstimateGrowth(std::span<const int64_t> daily_cases,
                                      const GrowthOptions& options) {
  return EstimateGrowth(daily_cases, static_cast<int32_t>(daily_cases.size()) - 1, options);
}

std::string TrendStatement(std::span<const RegionTrend> regions, std::string_view unit_plural) {
  if (regions.empty()) return "";
  const size_t total = regions.size();
  // "in all 13 provinces", "in 11 of 13 provinces", "in Rason", "in Rason and Kaesong".
  auto where = [&](Trend trend) -> std::string {
    std::vector<std::string> names;
    for (const RegionTrend& region : regions) {
      if (region.trend == trend) names.push_back(region.name);
    }
    if (names.empty()) return "";
    if (names.size() == total && total > 1) return fmt::format("in all {} {}", total, unit_plural);
    if (names.size() <= kMaxNamedRegions) return "in " + JoinNames(names);
    return fmt::format("in {} of {} {}", names.size(), total, unit_plural);
  };
  std::vector<std::string> parts;
  // Abating regions are counted, as the headquarters reads them, unless there are only a few.
  if (std::string abating = where(Trend::kDeclining); !abating.empty()) {
    const size_t declining = static_cast<size_t>(
        std::count_if(regions.begin(), regions.end(),
                      [](const RegionTrend& region) { return region.trend == Trend::kDeclining; }));
    if (declining < total && declining > 1) {
      abating = fmt::format("in {} of {} {}", declining, total, unit_plural);
    }
    parts.push_back("being controlled and abating " + abating);
  }
  if (std::string stable = where(Trend::kStable); !stable.empty()) {
    parts.push_back("stable " + stable);
  }
  if (std::string rising = where(Trend::kRising); !rising.empty()) {
    parts.push_back("rising " + rising);
  }
  if (std::string few = where(Trend::kTooFewCases); !few.empty()) {
    parts.push_back("too few cases to tell " + few);
  }
  if (std::string none = where(Trend::kNoCases); !none.empty()) {
    parts.push_back("no new cases " + none);
  }
  std::string out = "the spread is " + parts[0];
  if (parts[0].starts_with("no new cases") || parts[0].starts_with("too few cases")) {
    out = "there are " + parts[0];
  }
  for (size_t i = 1; i < parts.size(); ++i) out += "; " + parts[i];
  return out;
}

}  // namespace outbreak::analytics

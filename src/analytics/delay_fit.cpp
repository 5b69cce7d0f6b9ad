#include "analytics/delay_fit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <fmt/format.h>
#include <boost/math/special_functions/gamma.hpp>

namespace outbreak::analytics {

namespace {

// The grid of the delay's mean and coefficient of variation.
constexpr double kMinMeanDays = 0.3;
constexpr double kMaxMeanDays = 40;
constexpr double kMinCv = 0.05;
constexpr double kMaxCv = 1.5;

struct Candidate {
  double mean_days = 0;
  double cv = 0;
  double fraction = 0;
  double daily_sse = 0;                                  // of the daily outcomes
  double sse = std::numeric_limits<double>::infinity();  // daily and stock
};

class Fitter {
 public:
  Fitter(const std::vector<int64_t>& cases, const std::vector<int64_t>& outcome,
         std::span<const int64_t> under_treatment, int64_t opening_stock,
         const DelayFitOptions& options)
      : cases_(cases.begin(), cases.end()),
        outcome_(outcome.begin(), outcome.end()),
        under_treatment_(under_treatment.begin(), under_treatment.end()),
        opening_stock_(static_cast<double>(opening_stock)),
        max_delay_days_(options.max_delay_days) {
    const size_t days = cases.size();
    first_fit_day_ = 1;
    if (options.fit_days > 0 && static_cast<size_t>(options.fit_days) < days - 1) {
      first_fit_day_ = days - static_cast<size_t>(options.fit_days);
    }
    predicted_.resize(days);
  }

  int days_used() const { return static_cast<int>(cases_.size() - first_fit_day_); }

  // Least-squares ρ from the daily outcomes, and the squared residuals of the daily outcomes and
  // of the stock still waiting for this delay.
  Candidate Evaluate(const DelayDistribution& delay) {
    const std::vector<double> residual = delay.ResidualPmf();
    std::vector<double> survival(delay.pmf.size());           // P(D > k)
    std::vector<double> residual_survival(delay.pmf.size());  // Σ_{j>t} e_j
    double below = 0, residual_below = 0;
    for (size_t k = 0; k < delay.pmf.size(); ++k) {
      below += delay.pmf[k];
      residual_below += residual[k];
      survival[k] = std::max(0.0, 1 - below);
      residual_survival[k] = std::max(0.0, 1 - residual_below);
    }
    double numerator = 0, denominator = 0, stock_sse = 0;
    for (size_t t = first_fit_day_; t < cases_.size(); ++t) {
      double g = t < residual.size() ? opening_stock_ * residual[t] : 0.0;
      double waiting = t < residual.size() ? opening_stock_ * residual_survival[t] : 0.0;
      const size_t lags = std::min(t, delay.pmf.size() - 1);
      for (size_t k = 0; k <= lags; ++k) {
        g += delay.pmf[k] * cases_[t - k];
        waiting += survival[k] * cases_[t - k];
      }
      predicted_[t] = g;
      numerator += g * outcome_[t];
      denominator += g * g;
      if (!under_treatment_.empty()) {
        const double stock_error = under_treatment_[t] - waiting;
        stock_sse += stock_error * stock_error;
      }
    }
    Candidate out;
    out.fraction = denominator > 0 ? std::clamp(numerator / denominator, 0.0, 1.0) : 0.0;
    out.daily_sse = 0;
    for (size_t t = first_fit_day_; t < cases_.size(); ++t) {
      const double daily = outcome_[t] - out.fraction * predicted_[t];
      out.daily_sse += daily * daily;
    }
    out.sse = out.daily_sse + stock_sse;
    return out;
  }

  Candidate Search() {
    Candidate best;
    auto consider = [&](double mean_days, double cv) {
      if (mean_days < kMinMeanDays || cv < kMinCv) return;
      Candidate candidate =
          Evaluate(DiscretisedGammaDelay(mean_days, mean_days * cv, max_delay_days_));
      candidate.mean_days = mean_days;
      candidate.cv = cv;
      if (candidate.sse < best.sse) best = candidate;
    };
    const double max_mean = std::min(kMaxMeanDays, 0.8 * max_delay_days_);
    for (double mean_days = 1; mean_days <= max_mean; mean_days += 1) {
      for (double cv = 0.1; cv <= kMaxCv + 1e-9; cv += 0.1) consider(mean_days, cv);
    }
    const Candidate coarse = best;
    for (int mean_step = -10; mean_step <= 10; ++mean_step) {
      for (int cv_step = -10; cv_step <= 10; ++cv_step) {
        consider(coarse.mean_days + 0.1 * mean_step, coarse.cv + 0.01 * cv_step);
      }
    }
    return best;
  }

 private:
  std::vector<double> cases_;
  std::vector<double> outcome_;
  std::vector<double> under_treatment_;  // empty: no stock term
  double opening_stock_;
  int max_delay_days_;
  size_t first_fit_day_ = 1;
  std::vector<double> predicted_;  // g_t
};

}  // namespace

std::vector<double> DelayDistribution::ResidualPmf() const {
  double mean = 0;
  for (size_t k = 0; k < pmf.size(); ++k) mean += static_cast<double>(k) * pmf[k];
  std::vector<double> out(pmf.size(), 0.0);
  if (pmf.empty()) return out;
  if (mean <= 0) {
    out[0] = 1;
    return out;
  }
  double survival = 1;  // P(D > t), built down from P(D ≥ 0) = 1
  for (size_t t = 0; t < pmf.size(); ++t) {
    survival -= pmf[t];
    out[t] = std::max(0.0, survival) / mean;
  }
  return out;
}

DelayDistribution DiscretisedGammaDelay(double mean_days, double sd_days, int max_delay_days) {
  DelayDistribution out;
  out.mean_days = mean_days;
  out.sd_days = sd_days;
  const double shape = (mean_days / sd_days) * (mean_days / sd_days);
  const double scale = sd_days * sd_days / mean_days;
  out.pmf.resize(static_cast<size_t>(std::max(0, max_delay_days)) + 1);
  // In double precision (Boost promotes to long double by default, several times slower, for
  // digits the least squares cannot see); the tail past F = 1 is zero and not computed.
  using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
  double below = 0;
  for (size_t k = 0; k < out.pmf.size() && below < 1; ++k) {
    const double upper =
        boost::math::gamma_p(shape, (static_cast<double>(k) + 0.5) / scale, DoublePolicy());
    out.pmf[k] = upper - below;
    below = upper;
  }
  const double total = std::accumulate(out.pmf.begin(), out.pmf.end(), 0.0);
  if (total > 0) {
    for (double& p : out.pmf) p /= total;
  }
  return out;
}

Result<OutcomeFit> FitOutcomeDelay(const std::vector<int64_t>& cases,
                                   const std::vector<int64_t>& outcome,
                                   std::span<const int64_t> under_treatment, int64_t opening_stock,
                                   const DelayFitOptions& options,
                                   const DelayDistribution* fixed_delay) {
  if (cases.size() != outcome.size() || cases.size() < 3 ||
      (!under_treatment.empty() && under_treatment.size() != cases.size())) {
    return Status::InvalidArgument(fmt::format(
        "delay fit: needs series of the same length, at least 3 days; got {} days of cases, {} "
        "of outcomes and {} under treatment",
        cases.size(), outcome.size(), under_treatment.size()));
  }
  if (options.max_delay_days < 1) {
    return Status::InvalidArgument(
        fmt::format("delay fit: max delay \"{}\" must be at least 1 day", options.max_delay_days));
  }
  const auto negative = [](int64_t value) { return value < 0; };
  if (opening_stock < 0 || std::any_of(cases.begin(), cases.end(), negative) ||
      std::any_of(outcome.begin(), outcome.end(), negative) ||
      std::any_of(under_treatment.begin(), under_treatment.end(), negative)) {
    return Status::InvalidArgument("delay fit: counts must not be negative");
  }
  Fitter fitter(cases, outcome, under_treatment, opening_stock, options);
  OutcomeFit out;
  out.days_used = fitter.days_used();
  for (size_t day_idx = outcome.size() - static_cast<size_t>(out.days_used);
       day_idx < outcome.size(); ++day_idx) {
    out.events += outcome[day_idx];
  }
  Candidate best;
  if (fixed_delay != nullptr) {
    out.delay = *fixed_delay;
    best = fitter.Evaluate(out.delay);
  } else {
    best = fitter.Search();
    out.delay =
        DiscretisedGammaDelay(best.mean_days, best.mean_days * best.cv, options.max_delay_days);
  }
  out.fraction = best.fraction;
  out.rmse = std::sqrt(best.daily_sse / std::max(1, out.days_used));
  return out;
}

Result<OutcomeDelays> FitOutcomeDelays(const OutcomeSeries& series,
                                       const DelayFitOptions& options) {
  Status status = ValidateOutcomeSeries(series);
  if (!status.ok()) return status;
  const int64_t opening = series.OpeningUnderTreatment();
  Result<OutcomeFit> recovery = FitOutcomeDelay(series.new_cases, series.new_recovered,
                                                series.under_treatment, opening, options);
  if (!recovery.ok()) return recovery.status();
  // Deaths after the first day, as the fit counts them.
  const int64_t deaths =
      std::accumulate(series.new_deaths.begin() + 1, series.new_deaths.end(), int64_t{0});
  const bool own_delay = deaths >= options.min_deaths_for_own_delay;
  Result<OutcomeFit> death = FitOutcomeDelay(series.new_cases, series.new_deaths, {}, opening,
                                             options, own_delay ? nullptr : &recovery->delay);
  if (!death.ok()) return death.status();
  OutcomeDelays out{std::move(recovery).value(), std::move(death).value()};
  // Every case ends at most once: if the two shares add up to more than 1, scale them down.
  const double total = out.recovery.fraction + out.death.fraction;
  if (total > 1) {
    out.recovery.fraction /= total;
    out.death.fraction /= total;
  }
  return out;
}

}  // namespace outbreak::analytics

#include "analytics/rt_estimator.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <boost/math/special_functions/gamma.hpp>

namespace outbreak::analytics {

namespace {

Status CheckOptions(const RtOptions& options, size_t days) {
  std::vector<std::string> errors;
  if (!(options.prior_mean > 0) || !std::isfinite(options.prior_mean)) {
    errors.push_back(fmt::format("prior mean: \"{}\" must be more than 0", options.prior_mean));
  }
  if (!(options.prior_sd > 0) || !std::isfinite(options.prior_sd)) {
    errors.push_back(fmt::format("prior sd: \"{}\" must be more than 0", options.prior_sd));
  }
  if (options.windows.empty()) {
    if (options.window_days < 1) {
      errors.push_back(fmt::format("window: \"{}\" days must be at least 1", options.window_days));
    } else if (static_cast<size_t>(options.window_days) + 1 > days) {
      // Windows start on the second day at the earliest.
      errors.push_back(fmt::format(
          "window: \"{}\" days is longer than the series allows: a window starts on the second "
          "day at the earliest, so it needs at least {} days and the series has {}",
          options.window_days, options.window_days + 1, days));
    }
  }
  for (size_t window_idx = 0; window_idx < options.windows.size(); ++window_idx) {
    const RtWindow& window = options.windows[window_idx];
    if (window.start_day_idx < 1 || window.end_day_idx < window.start_day_idx ||
        static_cast<size_t>(window.end_day_idx) >= days) {
      errors.push_back(fmt::format(
          "window {}: days {}…{} (from 0) must start on day 1 or later, end on or after its "
          "start and end by day {}, the last of the series",
          window_idx + 1, window.start_day_idx, window.end_day_idx, days - 1));
    }
    if (errors.size() >= 100) break;
  }
  if (errors.empty()) return Status::Ok();
  return Status::InvalidArgument("R_t: bad options", std::move(errors));
}

}  // namespace

double RtPosterior::Sd() const { return std::sqrt(shape) * scale; }

double RtPosterior::Quantile(double p) const { return boost::math::gamma_p_inv(shape, p) * scale; }

std::vector<double> TotalInfectiousness(std::span<const double> total_incidence,
                                        std::span<const double> serial_interval_pmf) {
  const size_t days = total_incidence.size();
  std::vector<double> lambda(days, 0.0);
  const size_t lags = std::min(serial_interval_pmf.size(), days);
  // Lag by lag, so that the inner loop runs over contiguous days; unrolled by four so that the
  // compiler's basic-block vectoriser packs it at -O2 too (the loop vectoriser needs -O3).
  const double* __restrict source = total_incidence.data();
  for (size_t lag = 1; lag < lags; ++lag) {
    const double w = serial_interval_pmf[lag];
    if (w == 0) continue;
    double* __restrict target = lambda.data() + lag;
    const size_t count = days - lag;
    size_t day_idx = 0;
    for (; day_idx + 4 <= count; day_idx += 4) {
      target[day_idx] += w * source[day_idx];
      target[day_idx + 1] += w * source[day_idx + 1];
      target[day_idx + 2] += w * source[day_idx + 2];
      target[day_idx + 3] += w * source[day_idx + 3];
    }
    for (; day_idx < count; ++day_idx) target[day_idx] += w * source[day_idx];
  }
  return lambda;
}

RtPosterior WindowPosterior(RtWindow window, double local_cases, double infectiousness,
                            double prior_mean, double prior_sd) {
  const double prior_shape = (prior_mean / prior_sd) * (prior_mean / prior_sd);
  const double prior_scale = prior_sd * prior_sd / prior_mean;
  return {window, prior_shape + local_cases, 1 / (1 / prior_scale + infectiousness)};
}

Result<std::vector<RtPosterior>> EstimateRt(const IncidenceSeries& incidence,
                                            const SerialInterval& serial_interval,
                                            const RtOptions& options) {
  Status status = ValidateIncidence(incidence);
  if (!status.ok()) return status;
  status = ValidateSerialIntervalPmf(serial_interval.pmf);
  if (!status.ok()) return status;
  const size_t days = incidence.days();
  status = CheckOptions(options, days);
  if (!status.ok()) return status;

  // EpiEstim: every case of the first day is imported.
  std::vector<double> total(days);
  std::vector<double> local_prefix(days + 1, 0.0);  // local_prefix[t] = Σ_{u<t} local_u
  for (size_t day_idx = 0; day_idx < days; ++day_idx) {
    total[day_idx] = static_cast<double>(incidence.Total(day_idx));
    const double local = day_idx == 0 ? 0.0 : static_cast<double>(incidence.local[day_idx]);
    local_prefix[day_idx + 1] = local_prefix[day_idx] + local;
  }
  const std::vector<double> lambda = TotalInfectiousness(total, serial_interval.pmf);
  std::vector<double> lambda_prefix(days + 1, 0.0);
  for (size_t day_idx = 0; day_idx < days; ++day_idx) {
    lambda_prefix[day_idx + 1] = lambda_prefix[day_idx] + lambda[day_idx];
  }

  const double mean_si_days = serial_interval.MeanDays();

  std::vector<RtPosterior> out;
  auto estimate = [&](RtWindow window) {
    // EpiEstim's t_end > mean SI, with t_end counted from 1.
    if (static_cast<double>(window.end_day_idx + 1) <= mean_si_days) return;
    const double local_cases =
        local_prefix[window.end_day_idx + 1] - local_prefix[window.start_day_idx];
    const double infectiousness =
        lambda_prefix[window.end_day_idx + 1] - lambda_prefix[window.start_day_idx];
    out.push_back(
        WindowPosterior(window, local_cases, infectiousness, options.prior_mean, options.prior_sd));
  };
  if (options.windows.empty()) {
    const int32_t length = options.window_days;
    out.reserve(days - length);
    for (int32_t start = 1; start + length - 1 < static_cast<int32_t>(days); ++start) {
      estimate({start, start + length - 1});
    }
  } else {
    out.reserve(options.windows.size());
    for (const RtWindow& window : options.windows) estimate(window);
  }
  return out;
}

RtSummary Summarise(const RtPosterior& posterior) {
  RtSummary out;
  out.window = posterior.window;
  out.mean = posterior.Mean();
  out.sd = posterior.Sd();
  out.q025 = posterior.Quantile(0.025);
  out.q05 = posterior.Quantile(0.05);
  out.q25 = posterior.Quantile(0.25);
  out.median = posterior.Quantile(0.5);
  out.q75 = posterior.Quantile(0.75);
  out.q95 = posterior.Quantile(0.95);
  out.q975 = posterior.Quantile(0.975);
  return out;
}

}  // namespace outbreak::analytics

#include "analytics/forecast.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace outbreak::analytics {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

Status CheckOptions(const ForecastOptions& options) {
  std::vector<std::string> errors;
  if (options.horizon_days < 1 || options.horizon_days > kMaxForecastHorizonDays) {
    errors.push_back(fmt::format("horizon: \"{}\" days must be 1 to {}", options.horizon_days,
                                 kMaxForecastHorizonDays));
  }
  if (options.simulations < 1) {
    errors.push_back(fmt::format("simulations: \"{}\" must be at least 1", options.simulations));
  }
  if (options.rt_window_days < 1) {
    errors.push_back(
        fmt::format("R_t window: \"{}\" days must be at least 1", options.rt_window_days));
  }
  if (!(options.log_rt_step_sd >= 0) || !std::isfinite(options.log_rt_step_sd)) {
    errors.push_back(
        fmt::format("log R step sd: \"{}\" must be 0 or more", options.log_rt_step_sd));
  }
  if (options.nb_size && !(*options.nb_size > 0)) {
    errors.push_back(
        fmt::format("negative binomial size: \"{}\" must be more than 0", *options.nb_size));
  }
  if (options.calibration_days < 0) {
    errors.push_back(
        fmt::format("calibration: \"{}\" days must be 0 or more", options.calibration_days));
  }
  if (options.population < 0) {
    errors.push_back(fmt::format("population: \"{}\" must be 0 or more", options.population));
  }
  if (errors.empty()) return Status::Ok();
  return Status::InvalidArgument("forecast: bad options", std::move(errors));
}

// The negative binomial size k from the one-day-ahead errors of the history (forecast.hpp);
// +infinity (Poisson) when there is no excess variance or too little history.
double EstimateNbSize(const IncidenceSeries& history, const std::vector<double>& total,
                      const std::vector<double>& lambda, const SerialInterval& si,
                      const ForecastOptions& options) {
  RtOptions rt_options;
  rt_options.window_days = options.rt_window_days;
  rt_options.prior_mean = options.prior_mean;
  rt_options.prior_sd = options.prior_sd;
  if (history.days() < static_cast<size_t>(options.rt_window_days) + 2) return kInfinity;
  Result<std::vector<RtPosterior>> windows = EstimateRt(history, si, rt_options);
  if (!windows.ok() || windows->empty()) return kInfinity;
  // Posterior mean of the window ending on each day (NaN where none).
  std::vector<double> mean_by_end(history.days(), std::nan(""));
  for (const RtPosterior& posterior : *windows) {
    mean_by_end[posterior.window.end_day_idx] = posterior.Mean();
  }
  const int64_t days = static_cast<int64_t>(history.days());
  const int64_t first = std::max<int64_t>(1, days - options.calibration_days);
  double excess = 0, mean_squares = 0;
  for (int64_t day_idx = first; day_idx < days; ++day_idx) {
    // One day ahead: R of the window that ended the day before, times today's infectiousness.
    const double r_before = mean_by_end[day_idx - 1];
    if (r_before > 0) {
      const double mu = r_before * lambda[day_idx];
      excess += (total[day_idx] - mu) * (total[day_idx] - mu) - mu;
      mean_squares += mu * mu;
    }
  }
  if (excess > 0 && mean_squares > 0) return mean_squares / excess;
  return kInfinity;
}

std::vector<PredictiveQuantiles> QuantilesByDay(const std::vector<double>& values, int simulations,
                                                int horizon_days) {
  std::vector<PredictiveQuantiles> out(horizon_days);
  std::vector<double> sample(simulations);
  for (int day_idx = 0; day_idx < horizon_days; ++day_idx) {
    for (int sim = 0; sim < simulations; ++sim) {
      sample[sim] = values[static_cast<size_t>(sim) * horizon_days + day_idx];
    }
    out[day_idx] = QuantilesOfSample(sample);
  }
  return out;
}

// Exits (recoveries or deaths) on each day ahead of the cases already observed and of the stock
// before the first day, before scaling to the reported stock: ρ (Σ_{k>d} p_k c_{T+d−k} + S_0
// e_{T+d}).
std::vector<double> PastExits(const OutcomeSeries& series, const OutcomeFit& fit,
                              size_t days_ahead) {
  const std::vector<double>& pmf = fit.delay.pmf;
  const std::vector<double> residual = fit.delay.ResidualPmf();
  const int64_t days = static_cast<int64_t>(series.days());
  const double opening = static_cast<double>(series.OpeningUnderTreatment());
  std::vector<double> out(days_ahead, 0.0);
  for (size_t ahead_idx = 0; ahead_idx < days_ahead; ++ahead_idx) {
    const int64_t day_idx = days + static_cast<int64_t>(ahead_idx);
    double exits =
        day_idx < static_cast<int64_t>(residual.size()) ? opening * residual[day_idx] : 0;
    for (int64_t lag = static_cast<int64_t>(ahead_idx) + 1; lag < static_cast<int64_t>(pmf.size());
         ++lag) {
      if (day_idx - lag < 0) break;
      exits += pmf[lag] * static_cast<double>(series.new_cases[day_idx - lag]);
    }
    out[ahead_idx] = fit.fraction * exits;
  }
  return out;
}

}  // namespace

Status CheckForecastable(size_t days, const SerialInterval& si, const ForecastOptions& options) {
  const int32_t start = CoveredStartDay(si, options.filter.covered_mass);
  if (static_cast<int64_t>(days) > start) return Status::Ok();
  return Status::InvalidArgument(fmt::format(
      "too little data: {} day(s) of reports; a forecast needs {} (R_t is estimated from day {} "
      "on, where the reported past covers {:.0f}% of the serial interval)",
      days, start + 1, start + 1, 100 * options.filter.covered_mass));
}

const char* RtMethodName(RtMethod method) {
  return method == RtMethod::kFiltered ? "daily filter" : "last window";
}

Result<CasePaths> SimulateCases(const IncidenceSeries& history, const SerialInterval& si,
                                const ForecastOptions& options, Rng& rng) {
  Status status = CheckOptions(options);
  if (!status.ok()) return status;
  status = ValidateIncidence(history);
  if (!status.ok()) return status;
  status = CheckForecastable(history.days(), si, options);
  if (!status.ok()) return status;
  const size_t days = history.days();
  std::vector<double> total(days);
  double cumulative_cases = 0;
  for (size_t day_idx = 0; day_idx < days; ++day_idx) {
    total[day_idx] = static_cast<double>(history.Total(day_idx));
    cumulative_cases += total[day_idx];
  }

  CasePaths out;
  out.method = options.rt_method;
  out.horizon_days = options.horizon_days;
  out.simulations = options.simulations;
  const bool walk = options.rt_path == RtPath::kLogRandomWalk;
  // R of the origin day, one draw per simulation: from the filter's posterior by its quantile
  // of a uniform draw, or from the window's Gamma posterior.
  std::optional<RtFilterResult> fit;
  std::gamma_distribution<double> draw_gamma(1.0, 1.0);
  if (options.rt_method == RtMethod::kFiltered) {
    Result<RtFilterResult> filtered = FilterRt(history, si, options.filter);
    if (!filtered.ok()) return filtered.status();
    fit = std::move(filtered).value();
    out.rt = fit->filtered.back();
    out.log_rt_step_sd = walk ? std::min(fit->step_sd, options.max_log_rt_step_sd) : 0.0;
    out.nb_size = options.nb_size ? *options.nb_size : fit->nb_size;
  } else {
    // The last window, from the first day the serial interval is covered on (rt_filter.hpp), over
    // the infectiousness scaled up where it is partly covered: EpiEstim's posterior otherwise.
    const int32_t start = CoveredStartDay(si, options.filter.covered_mass);
    const int32_t window_end = static_cast<int32_t>(days) - 1;
    const int32_t window_start = std::max(start, window_end - options.rt_window_days + 1);
    const std::vector<double> covered = CoveredInfectiousness(total, si);
    double window_cases = 0, window_lambda = 0;
    for (int32_t day = window_start; day <= window_end; ++day) {
      window_cases += static_cast<double>(history.local[day]);
      window_lambda += covered[day];
    }
    const RtPosterior posterior =
        WindowPosterior({window_start, window_end}, window_cases, window_lambda, options.prior_mean,
                        options.prior_sd);
    out.rt = {posterior.window.end_day_idx, posterior.Mean(),        posterior.Quantile(0.025),
              posterior.Quantile(0.25),     posterior.Quantile(0.5), posterior.Quantile(0.75),
              posterior.Quantile(0.975)};
    out.log_rt_step_sd = walk ? options.log_rt_step_sd : 0.0;
    const std::vector<double> lambda = TotalInfectiousness(total, si.pmf);
    out.nb_size =
        options.nb_size ? *options.nb_size : EstimateNbSize(history, total, lambda, si, options);
    draw_gamma = std::gamma_distribution<double>(posterior.shape, posterior.scale);
  }
  auto draw_origin = [&]() {
    if (!fit) return draw_gamma(rng);
    return fit->LastQuantile(std::uniform_real_distribution<double>(0.0, 1.0)(rng));
  };

  const int horizon = options.horizon_days;
  // Every path is drawn over the longest horizon whatever is asked, and cut: the draws of a day
  // then do not depend on how far ahead the forecast goes, so the forecast of a day is the same
  // for a horizon of 3, 14 or 28 days.
  const int simulated = std::max(horizon, kMaxForecastHorizonDays);

  // Infectiousness of the observed cases on each day ahead.
  std::vector<double> past_lambda(simulated, 0.0);
  for (int ahead_idx = 0; ahead_idx < simulated; ++ahead_idx) {
    const int64_t day_idx = static_cast<int64_t>(days) + ahead_idx;
    for (int64_t lag = ahead_idx + 1; lag < static_cast<int64_t>(si.pmf.size()); ++lag) {
      if (day_idx - lag < 0) break;
      past_lambda[ahead_idx] += si.pmf[lag] * total[day_idx - lag];
    }
  }

  out.cases.assign(static_cast<size_t>(options.simulations) * horizon, 0.0);
  std::normal_distribution<double> step(0.0, 1.0);
  const double sigma = out.log_rt_step_sd;
  const bool poisson = !std::isfinite(out.nb_size);
  // kFiltered spreads the expected cases (the swing of a day's report stays that day's);
  // kWindow spreads the drawn ones.
  const bool expected_spreads = options.rt_method == RtMethod::kFiltered;
  std::vector<double> spread(simulated), drawn(simulated);
  for (int sim = 0; sim < options.simulations; ++sim) {
    double r = draw_origin();
    double simulated_total = 0;
    for (int ahead_idx = 0; ahead_idx < simulated; ++ahead_idx) {
      if (ahead_idx > 0 && sigma > 0) r *= std::exp(sigma * step(rng));
      double infectiousness = past_lambda[ahead_idx];
      for (int lag = 1; lag <= ahead_idx && lag < static_cast<int>(si.pmf.size()); ++lag) {
        infectiousness += si.pmf[lag] * spread[ahead_idx - lag];
      }
      double mean = r * infectiousness;
      if (options.population > 0) {
        const double population = static_cast<double>(options.population);
        mean *= std::max(0.0, 1 - (cumulative_cases + simulated_total) / population);
      }
      mean = std::min(mean, kMaxDailyCases);
      double cases = 0;
      double draw_mean = mean;
      if (draw_mean > 0 && !poisson) {
        draw_mean = std::gamma_distribution<double>(out.nb_size, draw_mean / out.nb_size)(rng);
      }
      if (draw_mean > 0) {
        cases = static_cast<double>(std::poisson_distribution<int64_t>(draw_mean)(rng));
      }
      drawn[ahead_idx] = std::min(cases, kMaxDailyCases);
      spread[ahead_idx] = expected_spreads ? mean : drawn[ahead_idx];
      simulated_total += spread[ahead_idx];
    }
    std::copy(drawn.begin(), drawn.begin() + horizon,
              out.cases.begin() + static_cast<ptrdiff_t>(sim) * horizon);
  }
  return out;
}

Result<std::vector<PredictiveQuantiles>> ForecastCases(const IncidenceSeries& history,
                                                       const SerialInterval& si,
                                                       const ForecastOptions& options, Rng& rng) {
  Result<CasePaths> paths = SimulateCases(history, si, options, rng);
  if (!paths.ok()) return paths.status();
  return QuantilesByDay(paths->cases, paths->simulations, paths->horizon_days);
}

Result<OutcomeForecast> ForecastOutcomes(const OutcomeSeries& series, const SerialInterval& si,
                                         const OutcomeDelays& delays,
                                         const ForecastOptions& options, Rng& rng) {
  Status status = ValidateOutcomeSeries(series);
  if (!status.ok()) return status;
  if (delays.recovery.delay.pmf.empty() || delays.death.delay.pmf.empty()) {
    return Status::InvalidArgument("forecast: the recovery and death delays must be fitted");
  }
  Result<CasePaths> paths =
      SimulateCases(IncidenceFromCases(series.first_day, series.new_cases), si, options, rng);
  if (!paths.ok()) return paths.status();
  const int horizon = paths->horizon_days;
  const int simulations = paths->simulations;

  // The exits of everyone counted before the forecast, scaled so that exactly the reported stock
  // leaves in the end.
  const size_t pending_days = std::max<size_t>(
      horizon,
      std::max(delays.recovery.delay.pmf.size(), delays.death.delay.pmf.size()) + series.days());
  std::vector<double> past_recovered = PastExits(series, delays.recovery, pending_days);
  std::vector<double> past_deaths = PastExits(series, delays.death, pending_days);
  double pending = 0;
  for (size_t ahead_idx = 0; ahead_idx < pending_days; ++ahead_idx) {
    pending += past_recovered[ahead_idx] + past_deaths[ahead_idx];
  }
  const double stock = static_cast<double>(series.under_treatment.back());
  if (pending > 0) {
    for (double& exits : past_recovered) exits *= stock / pending;
    for (double& exits : past_deaths) exits *= stock / pending;
  } else {
    const double fractions = delays.recovery.fraction + delays.death.fraction;
    const double recovered_share = fractions > 0 ? delays.recovery.fraction / fractions : 1.0;
    const std::vector<double> recovery_residual = delays.recovery.delay.ResidualPmf();
    const std::vector<double> death_residual = delays.death.delay.ResidualPmf();
    for (size_t ahead_idx = 0; ahead_idx < pending_days; ++ahead_idx) {
      past_recovered[ahead_idx] = ahead_idx < recovery_residual.size()
                                      ? stock * recovered_share * recovery_residual[ahead_idx]
                                      : 0;
      past_deaths[ahead_idx] = ahead_idx < death_residual.size()
                                   ? stock * (1 - recovered_share) * death_residual[ahead_idx]
                                   : 0;
    }
  }

  const size_t cells = static_cast<size_t>(simulations) * horizon;
  std::vector<double> recovered(cells), deaths(cells), under_treatment(cells);
  auto new_exits = [&](const double* path, int ahead_idx, const OutcomeFit& fit) {
    double exits = 0;
    for (int lag = 0; lag <= ahead_idx && lag < static_cast<int>(fit.delay.pmf.size()); ++lag) {
      exits += fit.delay.pmf[lag] * path[ahead_idx - lag];
    }
    return fit.fraction * exits;
  };
  // Observed exits are counts around their expectation (Poisson), and the death ratio ρ is known
  // only as well as the deaths it was fitted on: each path draws its own ρ / ρ̂ ~ Gamma(D, D), D
  // the deaths of the fit (mean 1, relative sd 1/√D).
  const double death_events = static_cast<double>(std::max<int64_t>(1, delays.death.events));
  std::gamma_distribution<double> death_ratio(death_events, 1 / death_events);
  auto count = [&rng](double mean) {
    return mean > 0 ? static_cast<double>(std::poisson_distribution<int64_t>(mean)(rng)) : 0.0;
  };
  for (int sim = 0; sim < simulations; ++sim) {
    const size_t row = static_cast<size_t>(sim) * horizon;
    const double* path = paths->cases.data() + row;
    const double death_scale = death_ratio(rng);
    double current = stock;
    for (int ahead_idx = 0; ahead_idx < horizon; ++ahead_idx) {
      const double recovered_today =
          past_recovered[ahead_idx] + new_exits(path, ahead_idx, delays.recovery);
      const double deaths_today = past_deaths[ahead_idx] + new_exits(path, ahead_idx, delays.death);
      // The stock loses its expected exits: each person leaves once, so drawn daily counts would
      // add up to a random walk of the stock that no one's stay has.
      current += path[ahead_idx] - recovered_today - deaths_today;
      recovered[row + ahead_idx] = count(recovered_today);
      deaths[row + ahead_idx] = count(death_scale * deaths_today);
      under_treatment[row + ahead_idx] = std::max(0.0, current);
    }
  }

  OutcomeForecast out;
  out.history_days = static_cast<int>(series.days());
  if (out.history_days < kMinForecastHistoryDays) {
    out.warning = fmt::format(
        "too little data: {} days of reports; a forecast is backtested, and used for plans, from "
        "{} days of data on",
        out.history_days, kMinForecastHistoryDays);
  }
  out.method = paths->method;
  out.rt = paths->rt;
  out.log_rt_step_sd = paths->log_rt_step_sd;
  out.nb_size = paths->nb_size;
  out.delays = delays;
  const std::vector<PredictiveQuantiles> case_quantiles =
      QuantilesByDay(paths->cases, simulations, horizon);
  const std::vector<PredictiveQuantiles> recovered_quantiles =
      QuantilesByDay(recovered, simulations, horizon);
  const std::vector<PredictiveQuantiles> death_quantiles =
      QuantilesByDay(deaths, simulations, horizon);
  const std::vector<PredictiveQuantiles> treatment_quantiles =
      QuantilesByDay(under_treatment, simulations, horizon);
  for (int ahead_idx = 0; ahead_idx < horizon; ++ahead_idx) {
    out.days.push_back({series.first_day + static_cast<int32_t>(series.days()) + ahead_idx,
                        case_quantiles[ahead_idx], recovered_quantiles[ahead_idx],
                        death_quantiles[ahead_idx], treatment_quantiles[ahead_idx]});
  }
  return out;
}

}  // namespace outbreak::analytics

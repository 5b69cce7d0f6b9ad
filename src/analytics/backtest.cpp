#include "analytics/backtest.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <random>

#include <fmt/format.h>

#include "analytics/interval_score.hpp"

namespace outbreak::analytics {

namespace {

struct Accumulator {
  double wis = 0;
  int covered_50 = 0;
  int covered_95 = 0;
  int count = 0;

  void Add(const PredictiveQuantiles& forecast, double observed) {
    wis += WeightedIntervalScore(forecast, observed);
    covered_50 += Covers50(forecast, observed) ? 1 : 0;
    covered_95 += Covers95(forecast, observed) ? 1 : 0;
    ++count;
  }
  ScoreSummary Summary() const {
    ScoreSummary out;
    out.forecasts = count;
    if (count == 0) return out;
    out.mean_wis = wis / count;
    out.coverage_50 = static_cast<double>(covered_50) / count;
    out.coverage_95 = static_cast<double>(covered_95) / count;
    return out;
  }
};

IncidenceSeries Prefix(const IncidenceSeries& series, size_t days) {
  IncidenceSeries out;
  out.first_day = series.first_day;
  out.local.assign(series.local.begin(), series.local.begin() + static_cast<ptrdiff_t>(days));
  out.imported.assign(series.imported.begin(),
                      series.imported.begin() + static_cast<ptrdiff_t>(days));
  return out;
}

}  // namespace

double RelativeWis(const ScoreSummary& model, const ScoreSummary& baseline) {
  if (baseline.mean_wis <= 0) return std::numeric_limits<double>::quiet_NaN();
  return model.mean_wis / baseline.mean_wis;
}

Result<BacktestResult> Backtest(const IncidenceSeries& series, const SerialInterval& si,
                                std::span<const Date> origins, const BacktestOptions& options) {
  Status status = ValidateIncidence(series);
  if (!status.ok()) return status;
  std::vector<std::string> errors;
  if (origins.empty()) errors.push_back("origins: none given");
  if (options.horizons_days.empty()) errors.push_back("horizons: none given");
  for (int horizon : options.horizons_days) {
    if (horizon < 1 || horizon > kMaxForecastHorizonDays) {
      errors.push_back(
          fmt::format("horizon: \"{}\" days must be 1 to {}", horizon, kMaxForecastHorizonDays));
    }
  }
  for (Date origin : origins) {
    if (origin < series.first_day || origin > series.last_day()) {
      errors.push_back(fmt::format("origin: \"{}\" is outside the series ({} … {})",
                                   origin.ToString(), series.first_day.ToString(),
                                   series.last_day().ToString()));
    }
  }
  if (!errors.empty()) return Status::InvalidArgument("backtest: bad input", std::move(errors));

  const int max_horizon =
      *std::max_element(options.horizons_days.begin(), options.horizons_days.end());
  ForecastOptions forecast_options = options.forecast;
  forecast_options.horizon_days = max_horizon;
  std::vector<int64_t> totals(series.days());
  for (size_t day_idx = 0; day_idx < series.days(); ++day_idx)
    totals[day_idx] = series.Total(day_idx);

  const size_t horizon_count = options.horizons_days.size();
  std::vector<Accumulator> model(horizon_count), last_value(horizon_count),
      last_week_growth(horizon_count);
  BacktestResult out;
  for (Date origin : origins) {
    const size_t known_days = static_cast<size_t>(origin - series.first_day) + 1;
    // Only horizons whose target is inside the series are scored.
    bool any_target = false;
    for (int horizon : options.horizons_days) {
      any_target = any_target || known_days - 1 + horizon < series.days();
    }
    if (!any_target) continue;
    const std::span<const int64_t> known(totals.data(), known_days);
    if (static_cast<int>(known_days) < BaselineMinDays(Baseline::kLastWeekGrowth)) {
      ++out.origins_skipped;
      continue;
    }
    std::seed_seq seed{static_cast<uint32_t>(options.seed),
                       static_cast<uint32_t>(options.seed >> 32),
                       static_cast<uint32_t>(origin.days_since_epoch())};
    Rng rng(seed);
    Result<std::vector<PredictiveQuantiles>> forecast =
        ForecastCases(Prefix(series, known_days), si, forecast_options, rng);
    if (!forecast.ok()) {
      ++out.origins_skipped;
      continue;
    }
    for (size_t horizon_idx = 0; horizon_idx < horizon_count; ++horizon_idx) {
      const int horizon = options.horizons_days[horizon_idx];
      const size_t target = known_days - 1 + horizon;
      if (target >= series.days()) continue;
      const double observed = static_cast<double>(totals[target]);
      Result<PredictiveQuantiles> value =
          BaselineForecast(Baseline::kLastValue, known, horizon, options.baselines);
      Result<PredictiveQuantiles> growth =
          BaselineForecast(Baseline::kLastWeekGrowth, known, horizon, options.baselines);
      if (!value.ok() || !growth.ok()) continue;  // cannot happen past the length check
      model[horizon_idx].Add((*forecast)[horizon - 1], observed);
      last_value[horizon_idx].Add(*value, observed);
      last_week_growth[horizon_idx].Add(*growth, observed);
    }
  }
  for (size_t horizon_idx = 0; horizon_idx < horizon_count; ++horizon_idx) {
    out.horizons.push_back({options.horizons_days[horizon_idx], model[horizon_idx].Summary(),
                            last_value[horizon_idx].Summary(),
                            last_week_growth[horizon_idx].Summary()});
  }
  return out;
}

}  // namespace outbreak::analytics

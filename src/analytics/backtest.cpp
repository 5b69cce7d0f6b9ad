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
  double bias = 0;
  int covered_50 = 0;
  int covered_80 = 0;
  int covered_95 = 0;
  int count = 0;

  void Add(const PredictiveQuantiles& forecast, double observed) {
    wis += WeightedIntervalScore(forecast, observed);
    bias += QuantileBias(forecast, observed);
    covered_50 += Covers50(forecast, observed) ? 1 : 0;
    covered_80 += Covers80(forecast, observed) ? 1 : 0;
    covered_95 += Covers95(forecast, observed) ? 1 : 0;
    ++count;
  }
  ScoreSummary Summary() const {
    ScoreSummary out;
    out.forecasts = count;
    if (count == 0) return out;
    out.mean_wis = wis / count;
    out.mean_bias = bias / count;
    out.coverage_50 = static_cast<double>(covered_50) / count;
    out.coverage_80 = static_cast<double>(covered_80) / count;
    out.coverage_95 = static_cast<double>(covered_95) / count;
    return out;
  }
};

// A baseline and the model over the origins the baseline could forecast from.
struct PairAccumulator {
  Accumulator baseline;
  Accumulator model;
  BaselineScores Scores() const { return {baseline.Summary(), model.Summary()}; }
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

double RelativeWis(const BaselineScores& scores) {
  return RelativeWis(scores.model, scores.baseline);
}

double QuantileBias(const PredictiveQuantiles& forecast, double observed) {
  if (observed == forecast.median) return 0;
  if (observed < forecast.median) {
    double level = 0;  // the highest level whose quantile is at or below the truth
    for (size_t idx = 0; idx < kQuantileLevels.size(); ++idx) {
      if (forecast.At(idx) <= observed) level = kQuantileLevels[idx];
    }
    return 1 - 2 * level;
  }
  double level = 1;  // the lowest level whose quantile is at or above the truth
  for (size_t idx = kQuantileLevels.size(); idx-- > 0;) {
    if (forecast.At(idx) >= observed) level = kQuantileLevels[idx];
  }
  return 1 - 2 * level;
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
  std::vector<Accumulator> model(horizon_count);
  std::vector<PairAccumulator> last_value(horizon_count), last_week_growth(horizon_count);
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
      const PredictiveQuantiles& own = (*forecast)[horizon - 1];
      model[horizon_idx].Add(own, observed);
      const std::pair<Baseline, PairAccumulator*> baselines[] = {
          {Baseline::kLastValue, &last_value[horizon_idx]},
          {Baseline::kLastWeekGrowth, &last_week_growth[horizon_idx]}};
      for (const auto& [baseline, pair] : baselines) {
        Result<PredictiveQuantiles> other =
            BaselineForecast(baseline, known, horizon, options.baselines);
        if (!other.ok()) continue;  // too little history for this baseline
        pair->baseline.Add(*other, observed);
        pair->model.Add(own, observed);
      }
    }
  }
  for (size_t horizon_idx = 0; horizon_idx < horizon_count; ++horizon_idx) {
    out.horizons.push_back({options.horizons_days[horizon_idx], model[horizon_idx].Summary(),
                            last_value[horizon_idx].Scores(),
                            last_week_growth[horizon_idx].Scores()});
  }
  return out;
}

}  // namespace outbreak::analytics

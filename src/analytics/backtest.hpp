#pragma once
// Backtest: the case forecast rerun as if on each past origin day, with only the days up to and
// including the origin, scored against the cases that came, beside the two naive baselines
// (baselines.hpp) scored the same way on the same origins.
//
// For every horizon h and origin T with T + h inside the series: the model (ForecastCases on the
// first T + 1 days) and both baselines forecast the cases of day T + h; each forecast gets its
// weighted interval score, whether the 50%, 80% and 95% intervals hold the observed count
// (interval_score.hpp) and its bias (from −1: every quantile below the truth, to 1: every one
// above). Every origin the model can forecast from is scored (the fifth day of data on, with
// the default options); an origin it cannot forecast from counts as skipped. Each baseline is
// scored where it can forecast (last week's growth needs 14 days), and is compared with the
// model over those same origins only. The model's random draws for an origin come from an Rng
// seeded with (seed, origin date), so a result does not depend on which other origins are asked
// for.
// Pure; thread-safe.

#include <cstdint>
#include <span>
#include <vector>

#include "analytics/baselines.hpp"
#include "analytics/forecast.hpp"
#include "analytics/incidence.hpp"
#include "analytics/serial_interval.hpp"
#include "core/date.hpp"
#include "core/status.hpp"

namespace outbreak::analytics {

struct BacktestOptions {
  std::vector<int> horizons_days = {7, 14};  // each 1 … kMaxForecastHorizonDays
  ForecastOptions forecast;                  // horizon_days is set to the largest horizon
  BaselineOptions baselines;
  uint64_t seed = 1;
};

struct ScoreSummary {
  int forecasts = 0;       // origins scored
  double mean_wis = 0;     // mean weighted interval score, persons
  double coverage_50 = 0;  // share of observations inside the 50% interval
  double coverage_80 = 0;  // share inside the 80% interval
  double coverage_95 = 0;  // share inside the 95% interval
  double mean_bias = 0;    // mean quantile bias, −1 … 1: above 0, forecasts too high
};

// A baseline's scores, and the model's over the same origins.
struct BaselineScores {
  ScoreSummary baseline;
  ScoreSummary model;
};

struct HorizonScores {
  int horizon_days = 0;
  ScoreSummary model;  // every origin scored
  BaselineScores last_value;
  BaselineScores last_week_growth;
};

struct BacktestResult {
  std::vector<HorizonScores> horizons;  // in the order asked for
  int origins_skipped = 0;              // origins the model could not forecast from
};

// Errors: an invalid series, no origin, an origin outside the series, a horizon out of range.
Result<BacktestResult> Backtest(const IncidenceSeries& series, const SerialInterval& si,
                                std::span<const Date> origins, const BacktestOptions& options = {});

// The model's mean WIS over a baseline's: below 1 when the model does better.
double RelativeWis(const ScoreSummary& model, const ScoreSummary& baseline);
double RelativeWis(const BaselineScores& scores);

// The bias of a quantile forecast of `observed` (Funk et al. 2019, as scoringutils computes it
// from quantiles): 0 when the truth is the median, 1 − 2τ from the quantile levels τ on the
// side of the truth, ±1 beyond the 95% interval's end.
double QuantileBias(const PredictiveQuantiles& forecast, double observed);

}  // namespace outbreak::analytics

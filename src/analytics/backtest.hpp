#pragma once
// Backtest: the case forecast rerun as if on each past origin day, with only the days up to and
// including the origin, scored against the cases that came, beside the two naive baselines
// (baselines.hpp) scored the same way on the same origins.
//
// For every horizon h and origin T with T + h inside the series: the model (ForecastCases on the
// first T + 1 days) and both baselines forecast the cases of day T + h; each forecast gets its
// weighted interval score and whether the 50% and 95% intervals hold the observed count
// (interval_score.hpp). An origin at which any of the three cannot forecast (too little history,
// a last window before the mean serial interval) is left out for all three, so the means compare
// like with like. The model's random draws for an origin come from an Rng seeded with
// (seed, origin date), so a result does not depend on which other origins are asked for.
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
  double coverage_95 = 0;  // share inside the 95% interval
};

struct HorizonScores {
  int horizon_days = 0;
  ScoreSummary model;
  ScoreSummary last_value;
  ScoreSummary last_week_growth;
};

struct BacktestResult {
  std::vector<HorizonScores> horizons;  // in the order asked for
  int origins_skipped = 0;              // origins at which some method could not forecast
};

// Errors: an invalid series, no origin, an origin outside the series, a horizon out of range.
Result<BacktestResult> Backtest(const IncidenceSeries& series, const SerialInterval& si,
                                std::span<const Date> origins, const BacktestOptions& options = {});

// The model's mean WIS over a baseline's: below 1 when the model does better.
double RelativeWis(const ScoreSummary& model, const ScoreSummary& baseline);

}  // namespace outbreak::analytics

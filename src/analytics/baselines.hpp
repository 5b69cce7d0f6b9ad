#pragma once
// Two naive forecasts of daily cases that the model must beat, in the same quantile form.
//
// Point forecasts h days after an origin day T, from the cases up to T only:
//  * kLastValue: y_T, the last value carried forward;
//  * kLastWeekGrowth: last week's growth continued. With W1 the cases of days T−6 … T and W0 those
//    of T−13 … T−7, r = ln((W1 + 1) / (W0 + 1)) / 7 and the forecast is (W1 / 7) · e^{r (h + 3)}:
//    the week's mean, centred on T − 3, carried on at its growth rate. Needs 14 days.
// Spread: the baseline's own past errors on the log scale, e = ln(y_{s+h} + 1) − ln(P_s + 1), for
// the last spread_origins origins s whose target s + h is known at T. They are symmetrised (e and
// −e), so the median stays the point forecast as in the COVID-19 Forecast Hub's baseline, and the
// forecast quantiles are (P + 1) e^{q} − 1 for the quantiles q of that sample, at least 0. With
// fewer than min_spread_errors past errors, the quantiles are a Poisson's with mean P instead.
// Pure; thread-safe.

#include <cstdint>
#include <span>

#include "analytics/predictive_quantiles.hpp"
#include "core/status.hpp"

namespace outbreak::analytics {

enum class Baseline { kLastValue, kLastWeekGrowth };

const char* BaselineName(Baseline baseline);  // "last value", "last week's growth"

struct BaselineOptions {
  int spread_origins = 28;    // past errors used for the spread
  int min_spread_errors = 7;  // fewer: Poisson spread
};

// The days of history a baseline needs before its first forecast (1 or 14).
int BaselineMinDays(Baseline baseline);

// The point forecast `horizon_days` after the last day of `cases` (cases up to and including
// the origin).
double BaselinePoint(Baseline baseline, std::span<const int64_t> cases, int horizon_days);

// The quantile forecast `horizon_days` after the last day of `cases`. Errors: fewer days than
// BaselineMinDays, a horizon below 1.
Result<PredictiveQuantiles> BaselineForecast(Baseline baseline, std::span<const int64_t> cases,
                                             int horizon_days, const BaselineOptions& options = {});

}  // namespace outbreak::analytics

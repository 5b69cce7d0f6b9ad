#pragma once
// The exponential growth rate of daily cases, its doubling or halving time, the trend it implies,
// and the plain-language statement the situation report reads ("the spread is being controlled
// and abating in 11 of 13 provinces; rising in Rason").
//
// Method: a log-linear quasi-Poisson regression of the last `window_days` daily counts on the day,
// E[y_t] = exp(α + r t), Var[y_t] = φ E[y_t], fitted by iteratively reweighted least squares
// (McCullagh & Nelder 1989, ch. 2 and 9). Counts are modelled as counts, so days with no cases
// need no fudge and large counts weigh as they should; φ is the Pearson statistic over n − 2
// (reported counts are usually far more variable than Poisson, φ ≫ 1). The interval for r is
// r ± t_{n−2, 0.975} · SE(r) · sqrt(φ), SE(r) from the Poisson information. Daily counts go in raw,
// not smoothed: a moving average makes the days dependent and the interval too narrow; a window of
// whole weeks (14 days by default) balances the days of the week instead. When the Poisson fit has
// no finite solution (every case of the window on its first day, or on its last), the rate comes
// from ordinary least squares on log(y + 0.5) instead, with its t-interval; `method` says which.
//
// Trend: rising when the whole interval is above 0, declining when it is below 0, stable
// otherwise; no cases when the window has none, and too few cases when it has fewer than
// kMinCasesForRate: a rate fitted to a handful of cases swings by more than 100% a day and says
// nothing a reader can use, so it is not to be shown as a number (Doubling() gives none). Rates
// are per day on the log scale; the daily change a reader sees is e^r − 1 (DailyChange), never
// below −100%. Pure; thread-safe.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace outbreak::analytics {

enum class Trend { kRising, kStable, kDeclining, kNoCases, kTooFewCases };

// Fewer cases than this in a window: no growth rate or R_t is given as a number, and no alert
// is raised on it.
inline constexpr int64_t kMinCasesForRate = 10;

// The daily change a rate r per day means: e^r − 1 (−0.05 is "−5% a day"), in (−1, ∞).
double DailyChange(double rate_per_day);
enum class GrowthMethod { kQuasiPoisson, kLogLinearLeastSquares, kNone };

// "rising", "stable", "declining", "no cases", "too few cases"
const char* TrendName(Trend trend);

struct GrowthOptions {
  int window_days = 14;      // the days the rate is fitted on, ending on the day asked for
  double confidence = 0.95;  // of the interval for the rate
};

// A doubling time (growth) or halving time (decline), in days, with its interval; the upper end
// is infinite when the rate's interval reaches 0.
struct DoublingTime {
  bool halving = false;
  double days = 0;
  double lower_days = 0;
  double upper_days = 0;
};

struct GrowthEstimate {
  int32_t start_day_idx = 0;  // the window, 0-based indices into the series, both included
  int32_t end_day_idx = 0;
  double rate_per_day = 0;  // r; cases are multiplied by e^r each day
  double lower_per_day = 0;
  double upper_per_day = 0;
  double dispersion = 1;  // φ (1 for least squares and for no cases)
  Trend trend = Trend::kStable;
  GrowthMethod method = GrowthMethod::kQuasiPoisson;

  // Whether the rate is worth a number (not kNoCases or kTooFewCases).
  bool Measured() const { return trend != Trend::kNoCases && trend != Trend::kTooFewCases; }
  // ln 2 / |r| with its interval; nullopt when r is 0 or not Measured().
  std::optional<DoublingTime> Doubling() const;
};

// The growth over the window that ends on `end_day_idx`. Errors: a window shorter than 3 days or
// longer than the days up to end_day_idx, an end outside the series, a negative count, a
// confidence outside (0, 1).
Result<GrowthEstimate> EstimateGrowth(std::span<const int64_t> daily_cases, int32_t end_day_idx,
                                      const GrowthOptions& options = {});
// The same, ending on the last day of the series.
Result<GrowthEstimate> EstimateGrowth(std::span<const int64_t> daily_cases,
                                      const GrowthOptions& options = {});

struct RegionTrend {
  std::string name;  // as it should read in the sentence, e.g. "Rason"
  Trend trend = Trend::kStable;
};

// One sentence over a set of regions, in the order abating, stable, rising, no new cases, e.g.
// "the spread is being controlled and abating in 11 of 13 provinces; stable in Kaesong; rising
// in Rason". Regions are named when there are at most four in a group, counted otherwise;
// `unit_plural` is the word for the regions ("provinces"). Empty input gives an empty string.
std::string TrendStatement(std::span<const RegionTrend> regions, std::string_view unit_plural);

}  // namespace outbreak::analytics

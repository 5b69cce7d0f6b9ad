#pragma once
// The recent skill of a forecast: the same method, rerun on the region's own recent origins with
// only the data known on each (backtest.hpp), scored against the cases that came and beside the
// naive baselines. It travels with every forecast, so that whoever reads the forecast, and every
// plan that rests on it, sees how far it may be trusted; a forecast whose method did worse than a
// naive rule lately is flagged "unreliable", and plans then fall back to the recent trend.
//
// The horizons read are min(H, 7) days and, when the forecast reaches 14 days, 14 days (H the
// forecast's horizon). For each, the origins are the last `origins` days whose horizon has come by
// the forecast's origin (T + h ≤ origin). A horizon with fewer than `min_origins` of them scored
// says nothing; the state is:
//   - too little data: no horizon has enough scored origins;
//   - unreliable: at a horizon that has them, the model's mean WIS is above `max_relative_wis`
//     (1.25) times that of a naive baseline on the same origins (it did worse than carrying the
//     last value, or last week's growth, forward), or its 80% intervals held the truth on fewer
//     than `min_coverage_80` (half) of the origins;
//   - reliable otherwise.
// Pure; thread-safe. Deterministic for a seed (the backtest seeds each origin by its date).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "analytics/incidence.hpp"
#include "analytics/serial_interval.hpp"
#include "core/status.hpp"

namespace outbreak::analytics {

struct ForecastOptions;  // forecast.hpp, which carries a ForecastSkill in every forecast

enum class SkillState { kTooLittleData, kUnreliable, kReliable };
const char* SkillStateName(SkillState state);  // "too little data", "unreliable", "reliable"

struct HorizonSkill {
  int horizon_days = 0;
  int origins = 0;            // recent origins scored
  double relative_wis = 0;    // the model's mean WIS over the baseline's, on its origins; NaN: none
  const char* baseline = "";  // the baseline the model did worst against
  double coverage_80 = 0;     // share of the truths inside the 80% interval
  double mean_bias = 0;       // −1 … 1: above 0, forecasts too high
  bool enough = false;        // origins >= min_origins
};

struct ForecastSkill {
  SkillState state = SkillState::kTooLittleData;
  std::vector<HorizonSkill> horizons;
  std::string reason;  // why it is not reliable; empty when it is

  // "7 d: WIS 0.52 of last week's growth, 80% interval held 12 of 14 recent origins; 14 d: ..."
  std::string Summary() const;
};

struct SkillOptions {
  int origins = 14;       // the most recent origins scored per horizon
  int min_origins = 5;    // fewer scored: the horizon says nothing
  int simulations = 200;  // paths per origin's forecast (the forecast's own are not needed
                          // to rank it against a baseline)
  // Above: unreliable. Fourteen origins give a noisy ratio (on data drawn from the model itself,
  // near R = 1, the 14-day ratio to the last value is about 1.05); a margin of a quarter keeps a
  // method from being flagged on that noise, and flags one that did clearly worse.
  double max_relative_wis = 1.25;
  double min_coverage_80 = 0.5;
  uint64_t seed = 1;
};

// The skill of the forecasts that drive a plan, one per region, in a line: each region's summary
// when there are at most three, else the range of their short-horizon WIS ratios. Empty for none.
std::string SkillOfRegions(const std::vector<std::pair<std::string, ForecastSkill>>& regions);

// The horizons read for a forecast of `horizon_days` (1 … kMaxForecastHorizonDays).
std::vector<int> SkillHorizons(int horizon_days);

// The skill of `forecast`'s method for a forecast made on the last day of `history`.
// Errors: an invalid series or options.
Result<ForecastSkill> AssessForecastSkill(const IncidenceSeries& history, const SerialInterval& si,
                                          const ForecastOptions& forecast, int horizon_days,
                                          const SkillOptions& options = {});

}  // namespace outbreak::analytics

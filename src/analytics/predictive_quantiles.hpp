#pragma once
// PredictiveQuantiles: a forecast of one number as the median and the 50%, 80% and 95% central
// prediction intervals, the form every forecast and baseline here takes and the weighted
// interval score reads (Bracher et al. 2021, with α = 0.5, 0.2, 0.05).

#include <array>
#include <span>

namespace outbreak::analytics {

// The quantile levels, lowest first: 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975.
inline constexpr std::array<double, 7> kQuantileLevels = {0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975};

struct PredictiveQuantiles {
  double q025 = 0;  // 95% interval: q025 … q975
  double q10 = 0;   // 80% interval: q10 … q90
  double q25 = 0;   // 50% interval: q25 … q75
  double median = 0;
  double q75 = 0;
  double q90 = 0;
  double q975 = 0;

  // The value at kQuantileLevels[level_idx].
  double At(size_t level_idx) const;
};

// The quantiles of a sample, each by linear interpolation between order statistics (R's default,
// type 7). Sorts `samples` in place; an empty sample gives zeros.
PredictiveQuantiles QuantilesOfSample(std::span<double> samples);

}  // namespace outbreak::analytics

#include "analytics/predictive_quantiles.hpp"

#include <algorithm>
#include <cmath>

namespace outbreak::analytics {

double PredictiveQuantiles::At(size_t level_idx) const {
  switch (level_idx) {
    case 0:
      return q025;
    case 1:
      return q10;
    case 2:
      return q25;
    case 3:
      return median;
    case 4:
      return q75;
    case 5:
      return q90;
    default:
      return q975;
  }
}

PredictiveQuantiles QuantilesOfSample(std::span<double> samples) {
  PredictiveQuantiles out;
  if (samples.empty()) return out;
  std::sort(samples.begin(), samples.end());
  auto quantile = [&](double p) {
    const double position = p * static_cast<double>(samples.size() - 1);
    const size_t below = static_cast<size_t>(std::floor(position));
    const size_t above = std::min(below + 1, samples.size() - 1);
    const double fraction = position - static_cast<double>(below);
    return samples[below] + fraction * (samples[above] - samples[below]);
  };
  out.q025 = quantile(0.025);
  out.q10 = quantile(0.1);
  out.q25 = quantile(0.25);
  out.median = quantile(0.5);
  out.q75 = quantile(0.75);
  out.q90 = quantile(0.9);
  out.q975 = quantile(0.975);
  return out;
}

}  // namespace outbreak::analytics

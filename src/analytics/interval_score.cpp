#include "analytics/interval_score.hpp"

#include <cmath>

namespace outbreak::analytics {

double IntervalScore(double lower, double upper, double alpha, double observed) {
  double score = upper - lower;
  if (observed < lower) score += 2 / alpha * (lower - observed);
  if (observed > upper) score += 2 / alpha * (observed - upper);
  return score;
}

double WeightedIntervalScore(const PredictiveQuantiles& forecast, double observed) {
  constexpr double kIntervals = 3;  // K
  double sum = 0.5 * std::fabs(observed - forecast.median);
  sum += 0.05 / 2 * IntervalScore(forecast.q025, forecast.q975, 0.05, observed);
  sum += 0.2 / 2 * IntervalScore(forecast.q10, forecast.q90, 0.2, observed);
  sum += 0.5 / 2 * IntervalScore(forecast.q25, forecast.q75, 0.5, observed);
  return sum / (kIntervals + 0.5);
}

bool Covers50(const PredictiveQuantiles& forecast, double observed) {
  return observed >= forecast.q25 && observed <= forecast.q75;
}

bool Covers80(const PredictiveQuantiles& forecast, double observed) {
  return observed >= forecast.q10 && observed <= forecast.q90;
}

bool Covers95(const PredictiveQuantiles& forecast, double observed) {
  return observed >= forecast.q025 && observed <= forecast.q975;
}

}  // namespace outbreak::analytics

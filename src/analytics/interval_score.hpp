#pragma once
// Scores of a quantile forecast against what happened: the interval score, the weighted interval
// score and interval coverage (Bracher, Ray, Gneiting & Reich 2021, "Evaluating epidemic
// forecasts in an interval format", PLoS Comput Biol 17:e1008618).
//
//   IS_α(l, u; y) = (u − l) + (2/α)(l − y)·[y < l] + (2/α)(y − u)·[y > u]
//   WIS(F; y)     = 1 / (K + ½) · ( ½ |y − m| + Σ_{k=1}^{K} (α_k / 2) · IS_{α_k}(l_k, u_k; y) )
// with the median m and K = 3 central intervals at α = 0.05, 0.2, 0.5 (95%, 80%, 50%). Lower is
// better; the score is in the units of y (persons). Pure functions.

#include "analytics/predictive_quantiles.hpp"

namespace outbreak::analytics {

double IntervalScore(double lower, double upper, double alpha, double observed);

// WIS over the median and the 50%, 80% and 95% intervals of `forecast`.
double WeightedIntervalScore(const PredictiveQuantiles& forecast, double observed);

// Whether `observed` lies in the central interval, ends included.
bool Covers50(const PredictiveQuantiles& forecast, double observed);
bool Covers80(const PredictiveQuantiles& forecast, double observed);
bool Covers95(const PredictiveQuantiles& forecast, double observed);

}  // namespace outbreak::analytics

#pragma once
// Delays from a case to its recovery and to its death, estimated from a region's own series.
//
// Model, for an outcome y (recoveries or deaths) and the day's new cases c:
//   y_t ≈ ρ · g_t,   g_t = Σ_{k=0}^{K} p_k c_{t−k}  +  S_0 · e_t
// p is a discretised gamma delay (p_k = F(k + ½) − F(k − ½), F(−½) = 0, cut at K =
// max_delay_days and renormalised), ρ the share of cases that end in this outcome (the
// recovered share, or the case-fatality ratio), and S_0 the persons already under treatment
// before the first day. Their ages are unknown, so they leave as a stock in steady state would:
// e_t = P(D > t) / E[D], the equilibrium residual-time distribution of the delay D.
// The delay is chosen by least squares on the daily outcomes and, for recoveries, on the persons
// under treatment: the stock still waiting, W_t = Σ_k c_{t−k} P(D > k) + S_0 Σ_{j>t} e_j, against
// the reported number under treatment. The daily figures alone cannot tell delays apart once
// cases are level (any delay turns a constant flow into the same constant flow); the stock can
// (Little's law: stock = inflow × mean delay). The stock is local in time, so reporting errors of
// the distant past do not weigh on it. The gamma's mean and coefficient of variation are chosen
// on a grid (coarse, then fine around the best point), with ρ in closed form from the daily
// outcomes (clamped to [0, 1]) at every grid point. Only the last fit_days days are scored (four
// weeks by default: in 2022 the mean stay fell from about 3 days at the peak to under 2 in June,
// and a whole-series fit is dominated by the peak); the first day is always left out: series
// often open with a partial day (the 2022 series has no recoveries or deaths on its first row).
// Deaths are fitted on their daily figures only (they are too few to show in the stock), and the
// recovery delay stands for everyone's stay when the stock is compared.
// Deaths: when there are fewer than min_deaths_for_own_delay of them, their delay is not
// identifiable; the recovery delay is used and only ρ is fitted (0 when there are none).
// Pure; thread-safe.

#include <span>
#include <vector>

#include "analytics/outcome_series.hpp"
#include "core/status.hpp"

namespace outbreak::analytics {

struct DelayDistribution {
  std::vector<double> pmf;  // pmf[k]: probability that the outcome comes k days after the case
  double mean_days = 0;     // of the gamma before discretisation
  double sd_days = 0;

  // e_t = P(D > t) / E[D] for t = 0 … K, the exits of a steady-state stock (sums to 1).
  std::vector<double> ResidualPmf() const;
};

// A gamma with this mean and sd discretised as above, on 0 … max_delay_days.
DelayDistribution DiscretisedGammaDelay(double mean_days, double sd_days, int max_delay_days);

struct OutcomeFit {
  DelayDistribution delay;
  double fraction = 0;  // ρ: the share of cases that end in this outcome
  double rmse = 0;      // root mean squared daily residual, persons per day
  int days_used = 0;    // days in the fit
  int64_t events = 0;   // outcomes reported on those days: how well ρ is known
};

struct OutcomeDelays {
  OutcomeFit recovery;
  OutcomeFit death;
};

struct DelayFitOptions {
  int max_delay_days = 60;                // K: the longest delay considered
  int fit_days = 28;                      // fit on the last fit_days days only (delays change as
                                          // treatment does); 0 = every day
  int64_t min_deaths_for_own_delay = 30;  // fewer deaths: the death delay is the recovery delay
};

// Fits y_t ≈ ρ (Σ p_k c_{t−k} + S_0 e_t) as above; `under_treatment`, when not empty, adds the
// stock term. `fixed_delay`, when given, is kept and only ρ is fitted. Errors: series of
// different lengths or shorter than 3 days, negative counts.
Result<OutcomeFit> FitOutcomeDelay(const std::vector<int64_t>& cases,
                                   const std::vector<int64_t>& outcome,
                                   std::span<const int64_t> under_treatment, int64_t opening_stock,
                                   const DelayFitOptions& options = {},
                                   const DelayDistribution* fixed_delay = nullptr);

// The recovery and death fits of a region's series.
Result<OutcomeDelays> FitOutcomeDelays(const OutcomeSeries& series,
                                       const DelayFitOptions& options = {});

}  // namespace outbreak::analytics

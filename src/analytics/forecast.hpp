#pragma once
// Forecasts of new cases, recoveries, deaths and persons under treatment, 1 to 28 days ahead, with
// 50%, 80% and 95% prediction intervals.
//
// Cases: a renewal-equation branching process driven by a posterior of R_t, as the R package
// `projections` (Jombart et al.) does. Two ways to get R_t (`rt_method`):
//   * kWindow (default): R of the last rt_window_days window, with EpiEstim's Gamma posterior
//     (Cori et al. 2013), the window starting no earlier than the first day whose past covers
//     most of the serial interval, over the infectiousness scaled up where it is partly covered
//     (rt_filter.hpp says why: a series' first cases have infectors outside it, and a window
//     over them made the forecast of 20 May 2022 put the 27 May cases at 391,617 against 88,520
//     reported). Each simulation
//     1. draws R from that posterior;
//     2. moves it day by day as the `rt_path` assumption says: kConstant (R stays at the drawn
//        value) or kLogRandomWalk (log R_{d+1} = log R_d + σ ε, ε ~ N(0, 1), σ =
//        log_rt_step_sd, by default 0.03 a day: a stated assumption; the backtest scores σ from
//        0 to 0.05 alike on the 2022 national series);
//     3. draws the day's cases I_d ~ Poisson(R_d Λ_d), Λ_d the total infectiousness of the
//        observed and simulated cases, or a negative binomial with that mean and size k: nb_size
//        when given, else estimated by moments from the one-day-ahead errors of the history over
//        the last calibration_days (Var = μ + μ²/k; Poisson when there is no excess; k ≈ 5 on the
//        2022 national series).
//   * kFiltered: R_t may change every day (rt_filter.hpp). Each simulation draws R of the origin
//     day from the filter's posterior on that day and moves log R on by the random walk the
//     filter chose (its σ, at most max_log_rt_step_sd). The expected cases follow the renewal
//     equation, m_d = R_d Σ_k w_k m_{d−k} over observed and expected cases, and the reported
//     count of a day is drawn around m_d from the negative binomial the filter chose: a day's
//     reporting swing does not spread to the days after.
//   Which is the default was decided by the backtest over every origin of the 2022 national and
//   provincial series (docs/analytics.md): the filter follows a turn sooner and scores better at
//   7 days nationally, but its 14-day fans, driven by the last days' swings, scored worse in most
//   provinces and far worse in some.
// Every future case is local (no importations are assumed), and there is no depletion of
// susceptibles unless `population` is given, in which case the mean is scaled by the share of it
// not yet counted as a case. A day's draw is capped at kMaxDailyCases.
//
// Recoveries, deaths and persons under treatment follow from each simulated case path through the
// delays fitted by delay_fit.hpp: a day's recoveries are ρ_r Σ_k p_k c_{d−k} over observed and
// simulated cases (deaths likewise with their own ρ_d and delay). The persons already under
// treatment at the last day leave on the days that the fitted model says the past cases will,
// scaled so that, over time, exactly the reported number leaves (or, when the model expects none,
// as a stock in steady state: delay_fit.hpp's residual distribution). Under treatment is the last
// reported figure plus simulated cases less their expected exits (each person leaves once).
// The recoveries and deaths of a day are drawn as counts (Poisson) around their expectation on
// the case path, and each path draws its own death ratio from how many deaths it was fitted on:
// their intervals carry the uncertainty of the cases, of the counts and of the death ratio, not
// of the delays' shapes.
//
// Deterministic for a given seed (and standard library): draws are made in a fixed order from
// the Rng passed in. Pure otherwise; thread-safe for distinct Rngs.

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "analytics/delay_fit.hpp"
#include "analytics/forecast_skill.hpp"
#include "analytics/incidence.hpp"
#include "analytics/outcome_series.hpp"
#include "analytics/predictive_quantiles.hpp"
#include "analytics/rt_estimator.hpp"
#include "analytics/rt_filter.hpp"
#include "analytics/serial_interval.hpp"
#include "core/date.hpp"
#include "core/status.hpp"

namespace outbreak::analytics {

using Rng = std::mt19937_64;

inline constexpr int kMaxForecastHorizonDays = 28;
// A forecast from fewer days of data than this rests on too few observed days of R_t to be
// trusted: it is flagged "too little data" so that plans do not rest on it.
inline constexpr int kMinForecastHistoryDays = 14;
inline constexpr double kMaxDailyCases = 1e12;

enum class RtPath { kConstant, kLogRandomWalk };
enum class RtMethod { kFiltered, kWindow };
const char* RtMethodName(RtMethod method);  // "daily filter", "last window"

struct ForecastOptions {
  int horizon_days = 28;   // days ahead, 1 … kMaxForecastHorizonDays
  int simulations = 1000;  // case paths drawn
  RtMethod rt_method = RtMethod::kWindow;
  RtFilterOptions filter;  // kFiltered; its covered_mass also bounds kWindow's window
  // kFiltered: the forecast's walk of log R takes the filter's σ, at most this.
  double max_log_rt_step_sd = 1;
  int rt_window_days = 7;  // kWindow: the last window, whose R_t posterior drives the paths
  double prior_mean = 5;   // prior of R (rt_estimator.hpp)
  double prior_sd = 5;
  RtPath rt_path = RtPath::kLogRandomWalk;  // kConstant: R stays at its origin's draw
  double log_rt_step_sd = 0.03;   // kWindow: σ, sd of the daily step of log R in kLogRandomWalk
  std::optional<double> nb_size;  // k of the negative binomial (> 0); estimated when absent;
                                  // +infinity for Poisson
  int calibration_days = 56;      // history used to estimate k
  int64_t population = 0;         // > 0: deplete susceptibles; 0: no depletion
};

// The simulated case paths and what drove them.
struct CasePaths {
  RtMethod method = RtMethod::kWindow;
  RtDayPosterior rt;          // the posterior of R on the origin day, R's draws came from
  double log_rt_step_sd = 0;  // σ used (0 for kConstant)
  double nb_size = 0;         // k used; +infinity for Poisson
  int horizon_days = 0;
  int simulations = 0;
  std::vector<double> cases;  // [simulation * horizon_days + day ahead − 1]

  double At(int simulation, int day_ahead_idx) const {
    return cases[static_cast<size_t>(simulation) * horizon_days + day_ahead_idx];
  }
};

// Ok when a series of `days` days can be forecast from: the serial interval must be covered on
// its last day (the fifth, by default); else kInvalidArgument saying so in words for a reader.
Status CheckForecastable(size_t days, const SerialInterval& si, const ForecastOptions& options);

// Case paths after the last day of `history`. Errors: bad options, invalid inputs, a history
// that ends before its first day covered by the serial interval (the fifth, by default).
Result<CasePaths> SimulateCases(const IncidenceSeries& history, const SerialInterval& si,
                                const ForecastOptions& options, Rng& rng);

// Quantiles of new cases for each day ahead (index 0 is the day after the history).
Result<std::vector<PredictiveQuantiles>> ForecastCases(const IncidenceSeries& history,
                                                       const SerialInterval& si,
                                                       const ForecastOptions& options, Rng& rng);

struct DayForecast {
  Date date;
  PredictiveQuantiles new_cases;
  PredictiveQuantiles new_recovered;
  PredictiveQuantiles new_deaths;
  PredictiveQuantiles under_treatment;
};

struct OutcomeForecast {
  RtMethod method = RtMethod::kWindow;
  RtDayPosterior rt;  // R on the origin day
  double log_rt_step_sd = 0;
  double nb_size = 0;
  OutcomeDelays delays;
  std::vector<DayForecast> days;  // one per day ahead
  int history_days = 0;           // days of data it was made from
  // Why plans should not rest on it ("too little data: ...", "unreliable: ..."); empty when they
  // may.
  std::string warning;
  // The method's recent backtested skill for this region (forecast_skill.hpp), when assessed.
  std::optional<ForecastSkill> skill;
};

// The four quantities for each day ahead of `series`, from its cases (the first day's as
// imported, EpiEstim's convention) and the given delays (FitOutcomeDelays on this region or on a
// larger one).
Result<OutcomeForecast> ForecastOutcomes(const OutcomeSeries& series, const SerialInterval& si,
                                         const OutcomeDelays& delays,
                                         const ForecastOptions& options, Rng& rng);

}  // namespace outbreak::analytics

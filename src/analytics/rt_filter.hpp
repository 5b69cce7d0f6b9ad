#pragma once
// A reproduction number that may change from one day to the next, estimated by filtering and
// smoothing: the estimator the forecasts use. EpiEstim's windows (rt_estimator.hpp) stay the
// reference estimator of `outbreak rt`; this one is an addition.
//
// The model, as in EpiFilter (Parag, PLOS Comput Biol 2021, doi:10.1371/journal.pcbi.1009347),
// on log R and with reports that swing more than Poisson:
//   log R_t = log R_{t−1} + σ ε_t,  ε_t ~ N(0, 1)                         (state)
//   I_t ~ NegBin(mean R_t Λ_t, size k)                                   (observation)
// Λ_t is the total infectiousness of the cases before day t (Cori et al. 2013, eq. 1). The
// posterior of R_t is computed exactly on a grid of R values, spaced evenly in log R: forward by
// Bayes' rule day after day (the filter: what was known on day t), then backward (the smoother:
// what every day of the series says about day t). The filter of a series' last day is the
// posterior a forecast starts from.
//
// σ and k are not assumed: each pair of the candidate lists is run, and the pair with the highest
// one-day-ahead predictive likelihood of the observed days, Π_t P(I_t | I_1 … I_{t−1}), is kept
// (EpiFilter's model selection by the same evidence).
//
// The first days: a series starts with cases whose infectors are not in it (the 2022 series opens
// with a total "since late April" that has no daily shape). Λ_t of the first days is then too low
// and R_t too high. The likelihood starts on the first day whose observed past holds at least
// `covered_mass` of the serial interval's mass F_t = Σ_{k ≤ t} w_k (the fifth day with the BA.2
// interval and 0.75), and on the days where F_t < 1 Λ_t is the observed part divided by F_t: the
// days before the series are taken to have been as infectious as the observed ones. Spreading the
// opening balance over days instead would need a shape nobody reported; starting only where the
// interval is fully covered (0.9: the eighth day) left the forecasts of the first week with no
// data at all.
// Pure; thread-safe.

#include <cstdint>
#include <limits>
#include <vector>

#include "analytics/incidence.hpp"
#include "analytics/serial_interval.hpp"
#include "core/status.hpp"

namespace outbreak::analytics {

struct RtFilterOptions {
  std::vector<double> step_sds = {0.05, 0.1, 0.2};    // candidates for σ, each > 0
  std::vector<double> nb_sizes = {2, 5, 10, 20, 50};  // candidates for k, each > 0 (+inf: Poisson)
  double prior_log_mean = 0;   // log R on the first day ~ N(mean, sd): R around 1, within
  double prior_log_sd = 1;     // ×/÷ 7.4 with 95%
  double covered_mass = 0.75;  // share of the serial interval the first observed day's past holds
  int grid_points = 160;       // R values, evenly spaced in log R from r_min to r_max
  double r_min = 0.05;
  double r_max = 10;
};

// The posterior of R_t on one day.
struct RtDayPosterior {
  int32_t day_idx = 0;
  double mean = 0;
  double q025 = 0;
  double q25 = 0;
  double median = 0;
  double q75 = 0;
  double q975 = 0;
};

struct RtFilterResult {
  int32_t start_day_idx = 0;  // the first day of the likelihood
  double step_sd = 0;         // σ chosen
  double nb_size = 0;         // k chosen (+inf: Poisson)
  double log_evidence = 0;    // Σ log P(I_t | before), over the observed days, for σ and k
  std::vector<double> grid;   // the R values
  // The posterior over the grid on the series' last day, as the filter knows it (sums to 1).
  std::vector<double> last;
  std::vector<RtDayPosterior> filtered;  // one per day from start_day_idx on
  std::vector<RtDayPosterior> smoothed;  // likewise

  // Quantile p of the last day's posterior (linear within the grid's cells in log R).
  double LastQuantile(double p) const;
};

// Errors: an invalid series or serial interval, bad options, a series that ends before its first
// observed day.
Result<RtFilterResult> FilterRt(const IncidenceSeries& series, const SerialInterval& si,
                                const RtFilterOptions& options = {});

// The first day index whose observed past holds `covered_mass` of the serial interval.
int32_t CoveredStartDay(const SerialInterval& si, double covered_mass);

// Λ_t of each day of `cases`, divided by the share of the serial interval the observed days
// before t cover (0 on day 0).
std::vector<double> CoveredInfectiousness(const std::vector<double>& cases,
                                          const SerialInterval& si);

}  // namespace outbreak::analytics

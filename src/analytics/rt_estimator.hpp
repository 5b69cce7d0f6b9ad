#pragma once
// The instantaneous reproduction number R_t over time windows, exactly as EpiEstim's
// estimate_R with a known serial interval (Cori et al. 2013, Am J Epidemiol 178:1505–1512).
//
// With I_t = local_t + imported_t and w the serial interval:
//   total infectiousness   Λ_t = Σ_{s=1}^{t-1} I_{t−s} w_s                      (eq. 1)
//   prior                  R ~ Gamma(shape a, scale b), mean 5 and sd 5 by default
//   posterior on [s, e]    Gamma(a + Σ_{t=s}^{e} local_t, 1 / (1/b + Σ_{t=s}^{e} Λ_t))  (eq. 2)
// Only local cases are counted in the numerator; imported cases infect but were not infected
// here. As EpiEstim, cases of the first day are imported (any local count there is moved to
// imported), windows start on the second day at the earliest, and a window is estimated only when
// its end (counted from 1) is after the mean of the serial interval; the others are left out of
// the result. (EpiEstim takes that mean after cutting a parametric serial interval at the length
// of the series; the two differ only by the tail beyond it.)
//
// Default windows are EpiEstim's weekly sliding ones: for a series of T days, t_start = 2 … T−6
// and t_end = t_start + 6 (1-based), i.e. one window ending on every day from the eighth on.
//
// Cost: Λ is one convolution (days × serial-interval length multiply-adds), window sums are
// prefix sums, and each window's posterior is two numbers; mean and sd are closed form. Quantiles
// need the inverse incomplete gamma function, the costly part, so they are computed only when
// asked for (RtPosterior::Quantile, Summarise). Pure: values in, values out; thread-safe.

#include <cstdint>
#include <span>
#include <vector>

#include "analytics/incidence.hpp"
#include "analytics/serial_interval.hpp"
#include "core/status.hpp"

namespace outbreak::analytics {

// One time window, as 0-based day indices into the series, both ends included.
struct RtWindow {
  int32_t start_day_idx = 0;
  int32_t end_day_idx = 0;
};

struct RtOptions {
  int window_days = 7;            // length of the default sliding windows
  std::vector<RtWindow> windows;  // when not empty, these windows instead of the sliding ones
  double prior_mean = 5;          // mean of the Gamma prior on R (EpiEstim's default)
  double prior_sd = 5;            // sd of the Gamma prior on R (EpiEstim's default)
};

// The Gamma posterior of R over one window.
struct RtPosterior {
  RtWindow window;
  double shape = 0;  // a + local cases in the window
  double scale = 0;  // 1 / (1/b + Σ Λ over the window)

  double Mean() const { return shape * scale; }
  double Sd() const;
  // The p-quantile of the posterior, 0 < p < 1.
  double Quantile(double p) const;
};

// The posterior of R over `window` from the Gamma prior of mean `prior_mean` and sd `prior_sd`,
// the window's local cases and its total infectiousness Σ Λ (Cori et al. 2013, eq. 3).
RtPosterior WindowPosterior(RtWindow window, double local_cases, double infectiousness,
                            double prior_mean, double prior_sd);

// The columns of EpiEstim's output for one window.
struct RtSummary {
  RtWindow window;
  double mean = 0;
  double sd = 0;
  double q025 = 0;
  double q05 = 0;
  double q25 = 0;
  double median = 0;
  double q75 = 0;
  double q95 = 0;
  double q975 = 0;
};

// Λ_t for every day (eq. 1); Λ_0 = 0 (EpiEstim leaves it undefined and never uses it).
std::vector<double> TotalInfectiousness(std::span<const double> total_incidence,
                                        std::span<const double> serial_interval_pmf);

// The posteriors of the estimated windows, in the order of the windows. Errors
// (InvalidArgument): an empty series or a negative count; a window longer than the series allows
// (a window cannot start before the second day); a custom window outside the series or ending
// before it starts; a prior whose mean or sd is not positive; a serial interval that is not a
// valid distribution.
Result<std::vector<RtPosterior>> EstimateRt(const IncidenceSeries& incidence,
                                            const SerialInterval& serial_interval,
                                            const RtOptions& options = {});

// Mean, sd and the quantiles 0.025, 0.05, 0.25, 0.5, 0.75, 0.95 and 0.975.
RtSummary Summarise(const RtPosterior& posterior);

}  // namespace outbreak::analytics

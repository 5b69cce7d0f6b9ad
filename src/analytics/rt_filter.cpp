#include "analytics/rt_filter.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "analytics/rt_estimator.hpp"

namespace outbreak::analytics {

namespace {

constexpr double kBandSds = 4;  // the random walk's kernel is cut 4 σ either side

Status CheckOptions(const RtFilterOptions& options) {
  std::vector<std::string> errors;
  if (options.step_sds.empty()) errors.push_back("step sd: no candidate");
  for (double sd : options.step_sds) {
    if (!(sd > 0) || !std::isfinite(sd)) {
      errors.push_back(fmt::format("step sd: \"{}\" must be more than 0", sd));
    }
  }
  if (options.nb_sizes.empty()) errors.push_back("negative binomial size: no candidate");
  for (double k : options.nb_sizes) {
    if (!(k > 0)) errors.push_back(fmt::format("negative binomial size: \"{}\" must be > 0", k));
  }
  if (!(options.prior_log_sd > 0) || !std::isfinite(options.prior_log_mean)) {
    errors.push_back("prior: the sd of log R must be more than 0 and its mean finite");
  }
  if (!(options.covered_mass > 0 && options.covered_mass <= 1)) {
    errors.push_back(fmt::format("covered mass: \"{}\" must be more than 0 and at most 1",
                                 options.covered_mass));
  }
  if (options.grid_points < 10) {
    errors.push_back(fmt::format("grid: \"{}\" points, at least 10", options.grid_points));
  }
  if (!(options.r_min > 0 && options.r_max > options.r_min) || !std::isfinite(options.r_max)) {
    errors.push_back(
        fmt::format("grid: R from {} to {}: need 0 < min < max", options.r_min, options.r_max));
  }
  if (errors.empty()) return Status::Ok();
  return Status::InvalidArgument("R_t filter: bad options", std::move(errors));
}

// The random walk's kernel from cell i: weights of cells i−band … i+band, normalised per row
// at the grid's edges (the walk does not leave the grid).
struct Kernel {
  int band = 0;
  std::vector<double> weights;     // 2 band + 1, by offset
  std::vector<double> row_totals;  // per cell: the weights that land on the grid

  Kernel(double sigma, double log_step, int cells) {
    band = std::max(1, static_cast<int>(std::ceil(kBandSds * sigma / log_step)));
    weights.resize(2 * band + 1);
    for (int offset = -band; offset <= band; ++offset) {
      const double z = offset * log_step / sigma;
      weights[offset + band] = std::exp(-0.5 * z * z);
    }
    row_totals.assign(cells, 0.0);
    for (int cell = 0; cell < cells; ++cell) {
      for (int offset = -band; offset <= band; ++offset) {
        if (cell + offset >= 0 && cell + offset < cells) row_totals[cell] += weights[offset + band];
      }
    }
  }

  // out = the distribution after one step from `in`.
  void Step(const std::vector<double>& in, std::vector<double>& out) const {
    const int cells = static_cast<int>(in.size());
    std::fill(out.begin(), out.end(), 0.0);
    for (int from = 0; from < cells; ++from) {
      if (in[from] == 0) continue;
      const double mass = in[from] / row_totals[from];
      const int lo = std::max(0, from - band), hi = std::min(cells - 1, from + band);
      for (int to = lo; to <= hi; ++to) out[to] += mass * weights[to - from + band];
    }
  }
};

// log P(y | mean mu) of a negative binomial of size k (Poisson when k is infinite), without the
// terms that do not depend on mu.
struct ObservationModel {
  double k;
  double LogLikelihood(double y, double mu) const {
    if (mu <= 0) return y == 0 ? 0.0 : -1e300;
    if (!std::isfinite(k)) return y * std::log(mu) - mu;
    return k * std::log(k / (k + mu)) + y * std::log(mu / (k + mu));
  }
  // The terms left out above.
  double Constant(double y) const {
    if (!std::isfinite(k)) return -std::lgamma(y + 1);
    return std::lgamma(y + k) - std::lgamma(k) - std::lgamma(y + 1);
  }
};

struct Inputs {
  std::vector<double> cases;   // total per day
  std::vector<double> lambda;  // Λ_t, scaled up where the serial interval is partly covered
  int32_t start = 0;
  std::vector<double> grid;  // R values, evenly spaced in log R
  std::vector<double> prior;
};

struct Pass {
  double log_evidence = 0;
  std::vector<std::vector<double>> filtered;   // per observed day
  std::vector<std::vector<double>> predicted;  // per observed day: before its observation
};

// One forward pass for σ and k; keeps the distributions only when `keep`.
Pass Forward(const Inputs& in, const Kernel& kernel, const ObservationModel& model, bool keep) {
  const size_t cells = in.grid.size();
  Pass pass;
  std::vector<double> posterior = in.prior, predicted(cells), log_lik(cells);
  for (size_t day = in.start; day < in.cases.size(); ++day) {
    if (day > static_cast<size_t>(in.start)) {
      kernel.Step(posterior, predicted);
    } else {
      predicted = posterior;
    }
    const double y = in.cases[day];
    double max_log = -1e308;
    for (size_t cell = 0; cell < cells; ++cell) {
      log_lik[cell] = model.LogLikelihood(y, in.grid[cell] * in.lambda[day]);
      max_log = std::max(max_log, log_lik[cell]);
    }
    double total = 0;
    for (size_t cell = 0; cell < cells; ++cell) {
      posterior[cell] = predicted[cell] * std::exp(log_lik[cell] - max_log);
      total += posterior[cell];
    }
    if (total > 0) {
      for (double& mass : posterior) mass /= total;
      pass.log_evidence += std::log(total) + max_log + model.Constant(y);
    } else {
      // Nothing on the grid explains the day (a count far beyond R_max Λ): keep what was known.
      posterior = predicted;
      pass.log_evidence += -1e6;
    }
    if (keep) {
      pass.predicted.push_back(predicted);
      pass.filtered.push_back(posterior);
    }
  }
  return pass;
}

// The p-quantile of `mass` over `grid` (R values evenly spaced in log R), each cell's mass spread
// evenly over its width in log R.
double QuantileOf(const std::vector<double>& mass, const std::vector<double>& grid, double p) {
  const double step = grid.size() > 1 ? std::log(grid[1] / grid[0]) : 0;
  double cumulative = 0;
  for (size_t cell = 0; cell < mass.size(); ++cell) {
    if (cumulative + mass[cell] >= p && mass[cell] > 0) {
      const double within = (p - cumulative) / mass[cell];
      return grid[cell] * std::exp((within - 0.5) * step);
    }
    cumulative += mass[cell];
  }
  return grid.back() * std::exp(0.5 * step);
}

RtDayPosterior Summarise(int32_t day_idx, const std::vector<double>& mass,
                         const std::vector<double>& grid) {
  RtDayPosterior out;
  out.day_idx = day_idx;
  for (size_t cell = 0; cell < mass.size(); ++cell) out.mean += mass[cell] * grid[cell];
  out.q025 = QuantileOf(mass, grid, 0.025);
  out.q25 = QuantileOf(mass, grid, 0.25);
  out.median = QuantileOf(mass, grid, 0.5);
  out.q75 = QuantileOf(mass, grid, 0.75);
  out.q975 = QuantileOf(mass, grid, 0.975);
  return out;
}

}  // namespace

int32_t CoveredStartDay(const SerialInterval& si, double covered_mass) {
  double covered = 0;
  for (size_t lag = 1; lag < si.pmf.size(); ++lag) {
    covered += si.pmf[lag];
    if (covered >= covered_mass - 1e-12) return static_cast<int32_t>(lag);
  }
  return static_cast<int32_t>(std::max<size_t>(1, si.pmf.size() - 1));
}

std::vector<double> CoveredInfectiousness(const std::vector<double>& cases,
                                          const SerialInterval& si) {
  std::vector<double> lambda = TotalInfectiousness(cases, si.pmf);
  double covered = 0;
  for (size_t day = 1; day < cases.size() && day < si.pmf.size(); ++day) {
    covered += si.pmf[day];
    if (covered > 0) lambda[day] /= covered;
  }
  return lambda;
}

double RtFilterResult::LastQuantile(double p) const { return QuantileOf(last, grid, p); }

Result<RtFilterResult> FilterRt(const IncidenceSeries& series, const SerialInterval& si,
                                const RtFilterOptions& options) {
  if (Status s = ValidateIncidence(series); !s.ok()) return s;
  if (Status s = ValidateSerialIntervalPmf(si.pmf); !s.ok()) return s;
  if (Status s = CheckOptions(options); !s.ok()) return s;

  Inputs in;
  in.start = CoveredStartDay(si, options.covered_mass);
  if (series.days() <= static_cast<size_t>(in.start)) {
    return Status::InvalidArgument(
        fmt::format("R_t filter: {} day(s) of data; the estimate starts on day {}, where the data "
                    "cover {:.0f}% "
                    "of the serial interval",
                    series.days(), in.start + 1, 100 * options.covered_mass));
  }
  in.cases.resize(series.days());
  for (size_t day = 0; day < series.days(); ++day) {
    in.cases[day] = static_cast<double>(series.Total(day));
  }
  in.lambda = CoveredInfectiousness(in.cases, si);

  const int cells = options.grid_points;
  const double log_min = std::log(options.r_min), log_max = std::log(options.r_max);
  const double log_step = (log_max - log_min) / (cells - 1);
  in.grid.resize(cells);
  in.prior.resize(cells);
  for (int cell = 0; cell < cells; ++cell) {
    const double log_r = log_min + log_step * cell;
    in.grid[cell] = std::exp(log_r);
    const double z = (log_r - options.prior_log_mean) / options.prior_log_sd;
    in.prior[cell] = std::exp(-0.5 * z * z);
  }
  const double prior_total = std::accumulate(in.prior.begin(), in.prior.end(), 0.0);
  for (double& mass : in.prior) mass /= prior_total;

  // Model selection: the candidate pair with the highest evidence (the first on ties).
  double best_evidence = -std::numeric_limits<double>::infinity();
  double best_sd = options.step_sds.front(), best_k = options.nb_sizes.front();
  for (double sd : options.step_sds) {
    const Kernel kernel(sd, log_step, cells);
    for (double k : options.nb_sizes) {
      const Pass pass = Forward(in, kernel, ObservationModel{k}, false);
      if (pass.log_evidence > best_evidence) {
        best_evidence = pass.log_evidence;
        best_sd = sd;
        best_k = k;
      }
    }
  }
  const Kernel kernel(best_sd, log_step, cells);
  Pass pass = Forward(in, kernel, ObservationModel{best_k}, true);

  RtFilterResult out;
  out.start_day_idx = in.start;
  out.step_sd = best_sd;
  out.nb_size = best_k;
  out.log_evidence = pass.log_evidence;
  out.grid = in.grid;
  out.last = pass.filtered.back();
  const size_t observed = pass.filtered.size();
  for (size_t idx = 0; idx < observed; ++idx) {
    out.filtered.push_back(
        Summarise(in.start + static_cast<int32_t>(idx), pass.filtered[idx], out.grid));
  }
  // Backward: s_t(i) = f_t(i) Σ_j K(i→j) s_{t+1}(j) / p_{t+1}(j).
  std::vector<std::vector<double>> smoothed(observed);
  smoothed[observed - 1] = pass.filtered[observed - 1];
  for (size_t idx = observed - 1; idx-- > 0;) {
    std::vector<double> ratio(cells, 0.0);
    for (int cell = 0; cell < cells; ++cell) {
      const double predicted = pass.predicted[idx + 1][cell];
      ratio[cell] = predicted > 0 ? smoothed[idx + 1][cell] / predicted : 0.0;
    }
    std::vector<double>& now = smoothed[idx];
    now.assign(cells, 0.0);
    double total = 0;
    for (int from = 0; from < cells; ++from) {
      const int lo = std::max(0, from - kernel.band), hi = std::min(cells - 1, from + kernel.band);
      double sum = 0;
      for (int to = lo; to <= hi; ++to) sum += kernel.weights[to - from + kernel.band] * ratio[to];
      now[from] = pass.filtered[idx][from] * sum / kernel.row_totals[from];
      total += now[from];
    }
    if (total > 0) {
      for (double& mass : now) mass /= total;
    }
  }
  for (size_t idx = 0; idx < observed; ++idx) {
    out.smoothed.push_back(
        Summarise(in.start + static_cast<int32_t>(idx), smoothed[idx], out.grid));
  }
  return out;
}

}  // namespace outbreak::analytics

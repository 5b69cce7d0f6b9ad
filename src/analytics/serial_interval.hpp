#pragma once
// SerialInterval: the discrete distribution of the serial interval, in days, that the
// reproduction number, the growth relations and the forecasts use.
//
// pmf[k] is the probability that the serial interval is k days, k = 0, 1, ...; pmf[0] is 0
// (a case cannot infect someone whose symptoms start the same day, EpiEstim's convention).
// Three ways to get one, each validated:
//  * DiscretiseSerialInterval(mean, sd): a gamma shifted by one day, discretised exactly as
//    EpiEstim's discr_si (Cori et al. 2013, Am J Epidemiol 178:1505–1512, web appendix 11);
//  * SerialIntervalFromPmf(pmf): a non-parametric distribution given as numbers;
//  * ParseSerialIntervalCsv(text): the same as a `k,w` CSV file.
// Values only: no I/O. Errors are InvalidArgument with one detail per problem.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace outbreak::analytics {

// How far from 1 the probabilities of a non-parametric distribution may sum.
inline constexpr double kPmfSumTolerance = 1e-6;
// DiscretiseSerialInterval stops once the probabilities sum to at least 1 - kTailMass.
inline constexpr double kSerialIntervalTailMass = 1e-12;
// No serial interval is longer than this (a distribution that needs more days is refused).
inline constexpr int kMaxSerialIntervalDays = 365;

struct SerialInterval {
  std::vector<double> pmf;  // pmf[k]: probability of a serial interval of k days; pmf[0] = 0
  std::string description;  // where it comes from, for reports ("Omicron BA.2: mean 3.39 d ...")

  double MeanDays() const;  // Σ k pmf[k]
  double SdDays() const;    // sqrt(Σ k² pmf[k] − mean²)
};

// EpiEstim's discr_si for k = 0, 1, ... K: the serial interval minus one day is gamma with
// shape (μ−1)²/σ² and scale σ²/(μ−1), and the onset of the infector is uniform within its day,
// which gives (F_a the gamma CDF with shape a, scale b)
//   w_k = k F_a(k) + (k−2) F_a(k−2) − 2(k−1) F_a(k−1)
//         + a b (2 F_{a+1}(k−1) − F_{a+1}(k−2) − F_{a+1}(k)),   then max(0, w_k).
// K is the first k at which the probabilities sum to at least 1 − kSerialIntervalTailMass, so
// the tail left out is below 1e-12. Like EpiEstim, the result is not renormalised.
// Errors: mean_days ≤ 1 (the shift leaves no room), sd_days ≤ 0, or a distribution that needs
// more than kMaxSerialIntervalDays days.
Result<SerialInterval> DiscretiseSerialInterval(double mean_days, double sd_days);

// Checks a non-parametric distribution: not empty, every value finite and ≥ 0, pmf[0] = 0 (no
// mass at 0 days), the values sum to 1 within kPmfSumTolerance, at most kMaxSerialIntervalDays
// + 1 values. Every problem is a detail of the one error.
Status ValidateSerialIntervalPmf(std::span<const double> pmf);

Result<SerialInterval> SerialIntervalFromPmf(std::vector<double> pmf, std::string description);

// Parses a `k,w` CSV (header required, k = 0, 1, 2, ... in order with no gaps, w a probability)
// and validates it as above. Errors name the line: `si.csv:3: k: "4" should be 2 (k counts up
// from 0 with no gaps)`; `source` is the file name used in them.
Result<SerialInterval> ParseSerialIntervalCsv(std::string_view text, std::string_view source);

// The demo's default: the serial interval of Omicron BA.2 in German households, mean 3.39 days
// (95% CI 3.30–3.49), from an der Heiden M, Buchholz U. "Serial interval in households infected
// with SARS-CoV-2 variant B.1.1.529 (Omicron) is even shorter compared to Delta". Epidemiol
// Infect 2022; doi:10.1017/S0950268822001248 (households of calendar weeks 11–16 of 2022, when
// BA.2 dominated in Germany). That letter gives the mean and its interval; the standard deviation
// used here, kOmicronBa2SerialIntervalSdDays, is an assumption of the order reported for Omicron
// household serial intervals, not a figure from the letter. Discretised as above.
inline constexpr double kOmicronBa2SerialIntervalMeanDays = 3.39;
inline constexpr double kOmicronBa2SerialIntervalSdDays = 2.4;
SerialInterval OmicronBa2SerialInterval();

// Wallinga & Lipsitch 2007 (Proc R Soc B 274:599–604): the reproduction number that an
// exponential growth rate r (per day) implies for this serial interval, 1 / M(−r) with
// M(−r) = Σ_k pmf[k] e^{−r k} the moment generating function of the serial interval.
double ReproductionNumberFromGrowthRate(const SerialInterval& si, double growth_rate_per_day);

}  // namespace outbreak::analytics

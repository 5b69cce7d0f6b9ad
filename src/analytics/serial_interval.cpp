#include "analytics/serial_interval.hpp"

#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>
#include <boost/math/special_functions/gamma.hpp>

#include "core/csv_reader.hpp"

namespace outbreak::analytics {

namespace {

constexpr size_t kMaxErrors = 100;

// The gamma CDF with shape `shape` and scale `scale` at x, 0 for x ≤ 0 (as R's pgamma).
double GammaCdf(double x, double shape, double scale) {
  if (x <= 0) return 0;
  return boost::math::gamma_p(shape, x / scale);
}

// The checks shared by ValidateSerialIntervalPmf and the CSV parser; `where(k)` names value k
// and `whole` names the distribution as a whole.
std::vector<std::string> CheckPmf(std::span<const double> pmf, const auto& where,
                                  std::string_view whole) {
  std::vector<std::string> errors;
  if (pmf.empty()) {
    errors.push_back(fmt::format("{}: has no values", whole));
    return errors;
  }
  if (pmf.size() > static_cast<size_t>(kMaxSerialIntervalDays) + 1) {
    errors.push_back(fmt::format("{}: has {} values; a serial interval is at most {} days", whole,
                                 pmf.size(), kMaxSerialIntervalDays));
  }
  double sum = 0;
  for (size_t k = 0; k < pmf.size() && errors.size() < kMaxErrors; ++k) {
    const double w = pmf[k];
    if (!std::isfinite(w)) {
      errors.push_back(fmt::format("{} \"{}\" is not a finite number", where(k), w));
    } else if (w < 0) {
      errors.push_back(fmt::format("{} \"{}\" is negative", where(k), w));
    } else {
      sum += w;
    }
  }
  if (std::isfinite(pmf[0]) && pmf[0] > 0) {
    errors.push_back(
        fmt::format("{} \"{}\" is the probability of a serial interval of 0 days, which must be 0",
                    where(0), pmf[0]));
  }
  if (errors.empty() && std::fabs(sum - 1) > kPmfSumTolerance) {
    errors.push_back(fmt::format("{}: the probabilities sum to {}, not 1 (within {})", whole, sum,
                                 kPmfSumTolerance));
  }
  return errors;
}

std::optional<double> ParseProbability(std::string_view text, std::string& reason) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    reason = "is not a number";
    return std::nullopt;
  }
  if (value < 0) {
    reason = "is negative";
    return std::nullopt;
  }
  if (value > 1) {
    reason = "is more than 1";
    return std::nullopt;
  }
  return value;
}

}  // namespace

double SerialInterval::MeanDays() const {
  double mean = 0;
  for (size_t k = 0; k < pmf.size(); ++k) mean += static_cast<double>(k) * pmf[k];
  return mean;
}

double SerialInterval::SdDays() const {
  const double mean = MeanDays();
  double second = 0;
  for (size_t k = 0; k < pmf.size(); ++k) second += static_cast<double>(k * k) * pmf[k];
  return std::sqrt(std::max(0.0, second - mean * mean));
}

Result<SerialInterval> DiscretiseSerialInterval(double mean_days, double sd_days) {
  std::vector<std::string> errors;
  if (!std::isfinite(mean_days) || mean_days <= 1) {
    errors.push_back(fmt::format(
        "mean: \"{}\" must be more than 1 day (the gamma is shifted by one day)", mean_days));
  }
  if (!std::isfinite(sd_days) || sd_days <= 0) {
    errors.push_back(fmt::format("sd: \"{}\" must be more than 0 days", sd_days));
  }
  if (!errors.empty()) {
    return Status::InvalidArgument("serial interval: bad parameters", std::move(errors));
  }
  // discr_si: the serial interval minus one day is gamma with shape a and scale b.
  const double shape = (mean_days - 1) * (mean_days - 1) / (sd_days * sd_days);
  const double scale = sd_days * sd_days / (mean_days - 1);
  SerialInterval out;
  out.description = fmt::format(
      "gamma with mean {} d and sd {} d, shifted by one day and discretised as EpiEstim's "
      "discr_si",
      mean_days, sd_days);
  double cumulative = 0;
  for (int k = 0; k <= kMaxSerialIntervalDays; ++k) {
    const double kd = k;
    double w = kd * GammaCdf(kd, shape, scale) + (kd - 2) * GammaCdf(kd - 2, shape, scale) -
               2 * (kd - 1) * GammaCdf(kd - 1, shape, scale);
    w += shape * scale *
         (2 * GammaCdf(kd - 1, shape + 1, scale) - GammaCdf(kd - 2, shape + 1, scale) -
          GammaCdf(kd, shape + 1, scale));
    w = std::max(0.0, w);
    out.pmf.push_back(w);
    cumulative += w;
    if (k >= 1 && cumulative >= 1 - kSerialIntervalTailMass) return out;
  }
  return Status::InvalidArgument(fmt::format(
      "serial interval: mean {} d and sd {} d leave {} of the probability beyond {} days",
      mean_days, sd_days, 1 - cumulative, kMaxSerialIntervalDays));
}

Status ValidateSerialIntervalPmf(std::span<const double> pmf) {
  std::vector<std::string> errors = CheckPmf(
      pmf, [](size_t k) { return fmt::format("w[{}]:", k); }, "serial interval");
  if (errors.empty()) return Status::Ok();
  return Status::InvalidArgument("serial interval: not a valid distribution", std::move(errors));
}

Result<SerialInterval> SerialIntervalFromPmf(std::vector<double> pmf, std::string description) {
  Status status = ValidateSerialIntervalPmf(pmf);
  if (!status.ok()) return status;
  return SerialInterval{std::move(pmf), std::move(description)};
}

Result<SerialInterval> ParseSerialIntervalCsv(std::string_view text, std::string_view source) {
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  if (!reader.Next(fields)) {
    if (!reader.error().empty()) {
      return Status::InvalidArgument(fmt::format("{}:{}", source, reader.error()));
    }
    return Status::InvalidArgument(
        fmt::format("{}: is empty (expected a header line k,w)", source));
  }
  Result<CsvHeader> header = CsvHeader::Match(fields, {"k", "w"}, {}, source);
  if (!header.ok()) return header.status();
  const int k_col = header->index("k");
  const int w_col = header->index("w");

  std::vector<double> pmf;
  std::vector<int> lines;  // the line of each value, for the distribution's own checks
  std::vector<std::string> errors;
  std::string reason;
  while (errors.size() < kMaxErrors && reader.Next(fields)) {
    const int line = reader.line();
    if (fields.size() != header->width()) {
      errors.push_back(fmt::format("{}:{}: has {} fields, the header has {}", source, line,
                                   fields.size(), header->width()));
      continue;
    }
    const int64_t expected_k = static_cast<int64_t>(pmf.size());
    if (auto k = ParseCount(fields[k_col], reason)) {
      if (*k != expected_k) {
        errors.push_back(
            InputError(source, line, "k", fields[k_col],
                       fmt::format("should be {} (k counts up from 0 with no gaps)", expected_k)));
      }
    } else {
      errors.push_back(InputError(source, line, "k", fields[k_col], reason));
    }
    if (auto w = ParseProbability(fields[w_col], reason)) {
      pmf.push_back(*w);
    } else {
      errors.push_back(InputError(source, line, "w", fields[w_col], reason));
      pmf.push_back(0);
    }
    lines.push_back(line);
  }
  if (!reader.error().empty()) {
    errors.push_back(fmt::format("{}:{}", source, reader.error()));
  }
  if (errors.empty()) {
    errors = CheckPmf(
        pmf, [&](size_t k) { return fmt::format("{}:{}: w:", source, lines[k]); }, source);
  }
  if (!errors.empty()) {
    return Status::InvalidArgument(fmt::format("{}: not a valid serial interval", source),
                                   std::move(errors));
  }
  return SerialInterval{std::move(pmf), fmt::format("non-parametric, from {}", source)};
}

SerialInterval OmicronBa2SerialInterval() {
  Result<SerialInterval> si =
      DiscretiseSerialInterval(kOmicronBa2SerialIntervalMeanDays, kOmicronBa2SerialIntervalSdDays);
  // The constants are valid, so this cannot fail.
  SerialInterval out = std::move(si).value();
  out.description = fmt::format(
      "Omicron BA.2: mean {} d (an der Heiden & Buchholz, Epidemiol Infect 2022, "
      "doi:10.1017/S0950268822001248, German households), sd {} d assumed; gamma shifted by one "
      "day, discretised as EpiEstim's discr_si",
      kOmicronBa2SerialIntervalMeanDays, kOmicronBa2SerialIntervalSdDays);
  return out;
}

double ReproductionNumberFromGrowthRate(const SerialInterval& si, double growth_rate_per_day) {
  double mgf = 0;
  for (size_t k = 0; k < si.pmf.size(); ++k) {
    mgf += si.pmf[k] * std::exp(-growth_rate_per_day * static_cast<double>(k));
  }
  return 1 / mgf;
}

}  // namespace outbreak::analytics

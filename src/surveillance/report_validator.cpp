#include "surveillance/report_validator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include <fmt/format.h>

namespace outbreak::surveillance {

namespace {

double Median(std::vector<double>& values) {
  const size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + middle, values.end());
  const double upper = values[middle];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + middle);
  return (lower + upper) / 2;
}

// The unit's figure under treatment at the close of the day before, when it is known.
std::optional<int64_t> UnderTreatmentBefore(const EpidemicCube& cube, RegionIdx leaf, Date date) {
  if (auto previous = cube.ReportOf(leaf, date - 1)) return previous->under_treatment;
  const OpeningBalance* opening = cube.OpeningOf(leaf);
  if (opening == nullptr || opening->as_of >= date) return std::nullopt;
  // The opening balance stands in only for a unit's first report.
  if (!cube.empty()) {
    for (Date day = std::max(cube.first_day(), opening->as_of + 1); day < date; day = day + 1) {
      if (cube.HasReport(leaf, day)) return std::nullopt;
    }
  }
  return opening->under_treatment();
}

void CheckOne(const EpidemicCube& cube, RegionIdx leaf, Date date, const ReportCounts& counts,
              Date today, const ValidationOptions& options, std::vector<Finding>& out) {
  const std::string& code = cube.tree().region(leaf).code;
  if (date > today) {
    out.push_back({FindingKind::kFutureDate, leaf, date, "date", 0, 0,
                   fmt::format("{} {}: the report is dated after the current reporting day {}",
                               code, date.ToString(), today.ToString())});
  }
  if (auto before = UnderTreatmentBefore(cube, leaf, date)) {
    const int64_t expected = *before + counts.new_fever - counts.new_recovered - counts.new_deaths;
    if (expected != counts.under_treatment) {
      out.push_back({FindingKind::kUnderTreatmentIdentity, leaf, date, "under_treatment",
                     counts.under_treatment, expected,
                     fmt::format("{} {}: under_treatment is {} but the day before's {} + {} new - "
                                 "{} recovered - {} deaths = {} (off by {})",
                                 code, date.ToString(), counts.under_treatment, *before,
                                 counts.new_fever, counts.new_recovered, counts.new_deaths,
                                 expected, counts.under_treatment - expected)});
    }
  }
  if (counts.tested && counts.positive && *counts.positive > *counts.tested) {
    out.push_back({FindingKind::kPositiveExceedsTested, leaf, date, "positive", *counts.positive,
                   *counts.tested,
                   fmt::format("{} {}: positive ({}) exceeds tested ({})", code, date.ToString(),
                               *counts.positive, *counts.tested)});
  }

  struct Field {
    const char* name;
    int64_t ReportCounts::*report;
    int64_t DayValues::*day;
  };
  static constexpr Field kFields[] = {
      {"new_fever", &ReportCounts::new_fever, &DayValues::new_fever},
      {"new_recovered", &ReportCounts::new_recovered, &DayValues::new_recovered},
      {"new_deaths", &ReportCounts::new_deaths, &DayValues::new_deaths}};
  const DayValues* recent[64];
  int recent_count = 0;
  for (int back = 1; back <= options.outlier_window_days && recent_count < 64; ++back) {
    if (const DayValues* earlier = cube.ReportedDay(leaf, date - back)) {
      recent[recent_count++] = earlier;
    }
  }
  if (recent_count < options.outlier_min_points) return;
  std::vector<double> values;
  for (const Field& field : kFields) {
    const int64_t actual = counts.*field.report;
    // The median lies between the window's least and greatest values and the scale is at least
    // the Poisson floor of the median: when no median in that range could flag the value, the
    // medians need not be computed.
    int64_t least = recent[0]->*field.day;
    int64_t greatest = least;
    for (int idx = 1; idx < recent_count; ++idx) {
      least = std::min(least, recent[idx]->*field.day);
      greatest = std::max(greatest, recent[idx]->*field.day);
    }
    const double widest =
        static_cast<double>(std::max(std::llabs(actual - least), std::llabs(actual - greatest)));
    if (widest < static_cast<double>(options.outlier_min_excess) ||
        widest <=
            options.outlier_threshold * std::sqrt(std::max(static_cast<double>(least), 1.0))) {
      continue;
    }
    values.clear();
    for (int idx = 0; idx < recent_count; ++idx) {
      values.push_back(static_cast<double>(recent[idx]->*field.day));
    }
    const double median = Median(values);
    const double excess = std::fabs(static_cast<double>(actual) - median);
    const double floor = std::sqrt(std::max(median, 1.0));
    if (excess <= options.outlier_threshold * floor ||
        excess < static_cast<double>(options.outlier_min_excess)) {
      continue;
    }
    for (double& value : values) value = std::fabs(value - median);
    const double mad = Median(values);
    const double scale = std::max(1.4826 * mad, floor);
    if (excess > options.outlier_threshold * scale &&
        excess >= static_cast<double>(options.outlier_min_excess)) {
      out.push_back({FindingKind::kOutlier, leaf, date, field.name, actual, std::llround(median),
                     fmt::format("{} {}: {} is {}, far outside the recent range (median {} of "
                                 "the previous {} days, robust scale {:.1f})",
                                 code, date.ToString(), field.name, actual, median,
                                 options.outlier_window_days, scale)});
    }
  }
}

}  // namespace

const char* FindingKindName(FindingKind kind) {
  switch (kind) {
    case FindingKind::kUnderTreatmentIdentity:
      return "under_treatment_identity";
    case FindingKind::kOutlier:
      return "outlier";
    case FindingKind::kFutureDate:
      return "future_date";
    case FindingKind::kPositiveExceedsTested:
      return "positive_exceeds_tested";
  }
  return "unknown";
}

std::vector<Finding> ValidateReports(const EpidemicCube& cube, std::span<const DailyReport> reports,
                                     Date today, const ValidationOptions& options) {
  std::vector<Finding> out;
  for (const DailyReport& report : reports) {
    CheckOne(cube, report.region, report.date, report.counts, today, options, out);
  }
  return out;
}

std::vector<Finding> ValidateStored(const EpidemicCube& cube, RegionIdx region, Date today,
                                    const ValidationOptions& options) {
  std::vector<Finding> out;
  if (cube.empty()) return out;
  for (RegionIdx leaf : cube.tree().LeavesUnder(region)) {
    for (Date date = cube.first_day(); date <= cube.last_day(); date = date + 1) {
      if (auto counts = cube.ReportOf(leaf, date)) {
        CheckOne(cube, leaf, date, *counts, today, options, out);
      }
    }
  }
  return out;
}

}  // namespace outbreak::surveillance

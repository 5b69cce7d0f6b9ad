#include "surveillance/report_bounds.hpp"

#include <fmt/format.h>

#include "core/bounds.hpp"

namespace outbreak::surveillance {

std::vector<std::string> CheckReportBounds(const RegionTree& tree,
                                           std::span<const DailyReport> reports) {
  std::vector<std::string> errors;
  for (const DailyReport& report : reports) {
    const Region& region = tree.region(report.region);
    const bool known = region.population > 0;
    const int64_t bound = known ? region.population : kMaxReportCountWithoutPopulation;
    auto check = [&](const char* field, int64_t value) {
      if (value <= bound) return;
      errors.push_back(
          known
              ? fmt::format("{} {}: {}: {} is more than the population of {} ({})", region.code,
                            report.date.ToString(), field, value, region.code, bound)
              : fmt::format("{} {}: {}: {} is more than {} (the population of {} is not known)",
                            region.code, report.date.ToString(), field, value, bound, region.code));
    };
    const ReportCounts& counts = report.counts;
    check("new_fever", counts.new_fever);
    check("new_recovered", counts.new_recovered);
    check("new_deaths", counts.new_deaths);
    check("under_treatment", counts.under_treatment);
    if (counts.tested) check("tested", *counts.tested);
    if (counts.positive) check("positive", *counts.positive);
  }
  return errors;
}

}  // namespace outbreak::surveillance

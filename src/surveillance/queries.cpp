#include "surveillance/queries.hpp"

#include <algorithm>

namespace outbreak::surveillance {

std::vector<SeriesPoint> BuildSeries(const EpidemicCube& cube, RegionIdx region, Date from,
                                     Date to) {
  std::vector<SeriesPoint> out;
  if (to < from) return out;
  out.reserve(static_cast<size_t>(to - from) + 1);
  for (Date day = from; day <= to; day = day + 1) {
    out.push_back({day, cube.At(region, day), cube.CumulativeAt(region, day)});
  }
  return out;
}

CompletenessReport BuildCompleteness(const EpidemicCube& cube, RegionIdx region, Date date) {
  CompletenessReport report;
  report.date = date;
  report.region = region;
  for (RegionIdx leaf : cube.tree().LeavesUnder(region)) {
    ++report.expected;
    if (cube.HasReport(leaf, date)) {
      ++report.reported;
    } else {
      report.missing.push_back(leaf);
    }
  }
  return report;
}

ReportPage ListReports(const EpidemicCube& cube, RegionIdx region, Date from, Date to,
                       int64_t limit, int64_t offset) {
  ReportPage page;
  if (cube.empty()) return page;
  from = std::max(from, cube.first_day());
  to = std::min(to, cube.last_day());
  const std::vector<RegionIdx> leaves = cube.tree().LeavesUnder(region);
  for (Date day = from; day <= to; day = day + 1) {
    for (RegionIdx leaf : leaves) {
      if (!cube.HasReport(leaf, day)) continue;
      if (page.total >= offset && static_cast<int64_t>(page.items.size()) < limit) {
        page.items.push_back({leaf, day, *cube.ReportOf(leaf, day)});
      }
      ++page.total;
    }
  }
  return page;
}

}  // namespace outbreak::surveillance

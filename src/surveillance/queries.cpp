#include "surveillance/queries.hpp"

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

}  // namespace outbreak::surveillance

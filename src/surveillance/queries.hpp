#pragma once
// Read queries over the cube besides the situation report: a region's daily series and the
// completeness of a day's reporting.

#include <vector>

#include "core/date.hpp"
#include "core/region_tree.hpp"
#include "surveillance/daily_report.hpp"
#include "surveillance/epidemic_cube.hpp"

namespace outbreak::surveillance {

struct SeriesPoint {
  Date date;
  DayValues day;
  CumulativeValues cumulative;
};

// One point per day from `from` to `to`, both included.
std::vector<SeriesPoint> BuildSeries(const EpidemicCube& cube, RegionIdx region, Date from,
                                     Date to);

struct CompletenessReport {
  Date date;
  RegionIdx region = kNoRegion;
  int reported = 0;                // reporting units that reported that day
  int expected = 0;                // reporting units in the region
  std::vector<RegionIdx> missing;  // those that did not, in tree order
};

CompletenessReport BuildCompleteness(const EpidemicCube& cube, RegionIdx region, Date date);

struct StoredReport {
  RegionIdx region = kNoRegion;
  Date date;
  ReportCounts counts;
  int version = 1;  // the store's: 1 for a first report, one more with every correction
};

struct ReportPage {
  int64_t total = 0;  // reports matching, over all pages
  std::vector<StoredReport> items;
};

// The reports of the reporting units under `region` from `from` to `to`, by date then unit,
// skipping `offset` and returning at most `limit`.
ReportPage ListReports(const EpidemicCube& cube, RegionIdx region, Date from, Date to,
                       int64_t limit, int64_t offset);

}  // namespace outbreak::surveillance

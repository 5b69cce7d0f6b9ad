#pragma once
// The situation report "as of DATE" for a region: the headquarters' morning reading.
//
// Built from the cube alone. The day's new fever cases, recoveries and deaths; cumulative totals
// (opening balances included); people under treatment; the change from the day before and from
// a week before; 7-day averages; completeness (reporting units that reported that day out of
// those in the region); and the child regions ranked by the day's new fever cases.

#include <cstdint>
#include <vector>

#include "core/date.hpp"
#include "core/region_tree.hpp"
#include "surveillance/epidemic_cube.hpp"

namespace outbreak::surveillance {

struct FlowFigures {
  int64_t fever = 0;
  int64_t recovered = 0;
  int64_t deaths = 0;
};

struct ChangeFigures {
  int64_t fever = 0;
  int64_t recovered = 0;
  int64_t deaths = 0;
  int64_t under_treatment = 0;
};

struct AverageFigures {
  double fever = 0;
  double recovered = 0;
  double deaths = 0;
};

struct Completeness {
  int reported = 0;  // reporting units that reported on the day
  int expected = 0;  // reporting units in the region
  double ratio() const { return expected == 0 ? 0.0 : static_cast<double>(reported) / expected; }
};

// The figures of one region on the report's day.
struct RegionSituation {
  RegionIdx region = kNoRegion;
  FlowFigures new_cases;        // the day's flows
  FlowFigures cumulative;       // totals up to and including the day
  int64_t under_treatment = 0;  // at the close of the day
  int64_t tested = 0;           // the day's tests, where reported
  int64_t positive = 0;
  ChangeFigures change_1d;  // this day minus the day before
  ChangeFigures change_7d;  // this day minus the same day a week before
  AverageFigures avg_7d;    // mean of the 7 days ending on this day
  double new_per_100k = 0;  // the day's new fever cases per 100,000 population
  Completeness completeness;
};

struct SituationReport {
  Date as_of;
  RegionSituation region;
  std::vector<RegionSituation> children;  // ranked by the day's new fever cases, largest first
};

RegionSituation BuildRegionSituation(const EpidemicCube& cube, RegionIdx region, Date as_of);
SituationReport BuildSituationReport(const EpidemicCube& cube, RegionIdx region, Date as_of);

}  // namespace outbreak::surveillance

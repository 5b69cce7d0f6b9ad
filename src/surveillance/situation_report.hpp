#pragma once
// The situation report "as of DATE" for a region: the headquarters' morning reading.
//
// Built from the cube alone. The day's new fever cases, recoveries and deaths; cumulative totals
// (opening balances included); people under treatment; the change from the day before and from
// a week before; 7-day averages; completeness (reporting units that reported that day out of
// those in the region); and the child regions ranked by the day's new fever cases.
//
// Missing is not zero: a day on which no reporting unit of a region reported has no data (its
// flows read 0 but HasData() is false, and renderers say "no report"); a change is given only
// when both days compared have reports; the 7-day average is over the days of the seven that
// have reports, and says how many.

#include <cstdint>
#include <optional>
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
  std::optional<ChangeFigures> change_1d;  // this day minus the day before, when both have reports
  std::optional<ChangeFigures> change_7d;  // minus the same day a week before, likewise
  AverageFigures avg_7d;    // mean over the days, of the 7 ending on this day, that have reports
  int avg_days = 0;         // how many of the 7 days have reports (0: no average)
  double new_per_100k = 0;  // the day's new fever cases per 100,000 population
  Completeness completeness;

  bool HasData() const { return completeness.reported > 0; }
  bool Complete() const {
    return completeness.expected > 0 && completeness.reported >= completeness.expected;
  }
};

struct SituationReport {
  Date as_of;
  RegionSituation region;
  std::vector<RegionSituation> children;  // ranked by the day's new fever cases, largest first
  // A later day whose reports are not all in yet, shown beside the complete day the report is of.
  std::optional<RegionSituation> provisional;
  std::optional<Date> provisional_day;
};

// How far back from the latest day with data the default day of a report looks for a day on
// which every reporting unit reported.
inline constexpr int kCompleteDayLookback = 7;

// The day a report shows when none is asked for: the latest day, up to `latest` (the latest day
// with data), on which every reporting unit of the tree reported, looking back at most
// kCompleteDayLookback days; `latest` itself when none of them is complete.
Date DefaultReportDay(const EpidemicCube& cube, Date latest);

RegionSituation BuildRegionSituation(const EpidemicCube& cube, RegionIdx region, Date as_of);
SituationReport BuildSituationReport(const EpidemicCube& cube, RegionIdx region, Date as_of);

}  // namespace outbreak::surveillance

#pragma once
// Validation findings over daily reports: warnings for a person to look at, never rejections.
//
// - under-treatment identity (DESIGN.md): under_treatment(d) = under_treatment(d-1) + new_fever(d)
//   - new_recovered(d) - new_deaths(d), where d-1 is the unit's report of the day before or, for a
//   unit's first report, its opening balance; a day after a gap is not checked.
// - outliers: a Hampel filter on new_fever, new_recovered and new_deaths. Over the unit's reports
//   of the previous `outlier_window_days` days (at least `outlier_min_points` of them), a value is
//   flagged when |x - median| > outlier_threshold * scale and |x - median| >= outlier_min_excess,
//   where scale = max(1.4826 * MAD, sqrt(max(median, 1))): the MAD with a Poisson floor, so a
//   flat series of small counts does not flag every wobble.
// - future dates: a report for a day after the current reporting day.
// - positive > tested, when both are reported.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/region_tree.hpp"
#include "surveillance/daily_report.hpp"
#include "surveillance/epidemic_cube.hpp"

namespace outbreak::surveillance {

enum class FindingKind { kUnderTreatmentIdentity, kOutlier, kFutureDate, kPositiveExceedsTested };

const char* FindingKindName(FindingKind kind);

struct Finding {
  FindingKind kind = FindingKind::kOutlier;
  RegionIdx region = kNoRegion;
  Date date;
  std::string field;     // the measure concerned
  int64_t actual = 0;    // the value reported
  int64_t expected = 0;  // what the rule expected (identity value, recent median, tested)
  std::string message;   // one line for a person
};

struct ValidationOptions {
  int outlier_window_days = 14;     // days looked back for the recent range
  int outlier_min_points = 7;       // fewer earlier reports than this: no outlier check
  double outlier_threshold = 6.0;   // robust z beyond which a value is flagged
  int64_t outlier_min_excess = 10;  // persons; smaller departures are never flagged
};

// Findings for the given reports, which the cube already holds. `today` is the current
// reporting day (a report dated after it is in the future).
std::vector<Finding> ValidateReports(const EpidemicCube& cube, std::span<const DailyReport> reports,
                                     Date today, const ValidationOptions& options = {});

// Findings over every stored report of the reporting units under `region`, ordered by region
// then date.
std::vector<Finding> ValidateStored(const EpidemicCube& cube, RegionIdx region, Date today,
                                    const ValidationOptions& options = {});

}  // namespace outbreak::surveillance

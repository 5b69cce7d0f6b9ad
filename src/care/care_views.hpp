#pragma once
// What the care reads answer: occupancy of the centres under a region and the workforce of its
// regions on a day. Plain values, filled by the app and rendered by report/care_render.

#include <optional>
#include <string>
#include <vector>

#include "care/care_findings.hpp"
#include "care/centre.hpp"
#include "care/workforce.hpp"
#include "core/region_tree.hpp"

namespace outbreak::care {

// A centre with its latest census on or before a day and how soon it fills.
struct CentreOccupancy {
  TreatmentCentre centre;
  std::optional<CensusDay> census;     // the latest on or before the day
  std::optional<int> days_until_full;  // from the forecast of its province; 0: full now
};

struct OccupancyReport {
  RegionIdx region = kNoRegion;
  Date as_of;
  int horizon_days = 0;
  int64_t beds = 0;      // of the centres that are not closed
  int64_t occupied = 0;  // by their latest census
  std::vector<CentreOccupancy> centres;
  std::vector<CareFinding> findings;  // over capacity on the centres' latest census
};

// One region's workers of one category as available on a day.
struct WorkforceLine {
  WorkforceCount count;  // the latest count on or before the day
  int64_t away = 0;      // deployed elsewhere by adopted plans on the day
  int64_t incoming = 0;  // deployed here by adopted plans on the day
  int64_t Available() const { return count.on_duty - away + incoming; }
};

struct WorkforceReport {
  RegionIdx region = kNoRegion;
  Date as_of;
  std::vector<WorkforceLine> lines;  // by region code, then category
  std::vector<CareFinding> findings;
};

}  // namespace outbreak::care

#pragma once
// The bounds of a daily report's counts: each count is at most the reporting unit's population
// (or kMaxReportCountWithoutPopulation when the population is not known), so that no total over
// regions and days can overflow and one mistyped number cannot poison the nation's figures.

#include <span>
#include <string>
#include <vector>

#include "core/region_tree.hpp"
#include "surveillance/daily_report.hpp"

namespace outbreak::surveillance {

// One message per count beyond its bound: `KP-04-003 2022-05-20: new_fever: 9000000 is more than
// the population of KP-04-003 (150000)`. Empty when every count is within bounds.
std::vector<std::string> CheckReportBounds(const RegionTree& tree,
                                           std::span<const DailyReport> reports);

}  // namespace outbreak::surveillance

#pragma once
// Parsers of the care files, all-or-nothing: any bad row fails the whole file, with every error
// (up to a hundred) as `file:line: field: "value" reason`.
//
//   centres:   code,name,region,kind[,status,beds_general,beds_intensive,beds_isolation,staff]
//   census:    centre,date,occupied,admitted,discharged,died[,transferred]
//   workforce: region,category,date,on_duty[,ill,quarantined,resting,longest_duty_run_days]
//
// Optional columns default to 0 ("open" for status). Counts are non-negative whole numbers.

#include <functional>
#include <string_view>
#include <vector>

#include "care/centre.hpp"
#include "care/workforce.hpp"
#include "core/region_tree.hpp"
#include "core/status.hpp"

namespace outbreak::care {

// Rejects: unknown regions, unknown kinds and statuses, empty names, bad codes, a code twice.
Result<std::vector<TreatmentCentre>> ParseCentresCsv(std::string_view text, std::string_view source,
                                                     const RegionTree& tree);

// Rejects: centres for which `known_centre` is false, bad dates and counts, a (centre, date)
// twice.
Result<std::vector<CensusDay>> ParseCensusCsv(
    std::string_view text, std::string_view source,
    const std::function<bool(std::string_view)>& known_centre);

// Rejects: unknown regions and categories, bad dates and counts, a (region, category, date)
// twice.
Result<std::vector<WorkforceCount>> ParseWorkforceCsv(std::string_view text,
                                                      std::string_view source,
                                                      const RegionTree& tree);

}  // namespace outbreak::care

#pragma once
// Parses the daily reports CSV:
//   region,date,new_fever,new_recovered,new_deaths,under_treatment[,tested,positive]
// against a region tree. All-or-nothing: any bad row fails the whole file, with every error
// (up to a hundred) named by file, line, field and reason.

#include <string_view>
#include <vector>

#include "core/progress.hpp"
#include "core/region_tree.hpp"
#include "core/status.hpp"
#include "surveillance/daily_report.hpp"

namespace outbreak::surveillance {

struct ParsedReports {
  std::vector<DailyReport> reports;
  std::vector<int> lines;  // the CSV line of each report
};

// Rejects: unknown regions, regions that are not reporting units (leaves), malformed dates,
// counts that are empty, negative or not whole numbers, the same (region, date) twice in the file.
Result<ParsedReports> ParseReportsCsv(std::string_view text, std::string_view source,
                                      const RegionTree& tree, const ProgressFn& progress = {});

}  // namespace outbreak::surveillance

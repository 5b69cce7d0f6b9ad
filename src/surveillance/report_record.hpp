#pragma once
// A daily report as it comes from outside (a request body), declared once (record/record.hpp):
// its fields, their bounds, the region that owns it and the right that writes it. The JSON body
// reader, the rendering and the API schema of a report are derived from it. The bulk CSV reader
// (report_csv.hpp) is a reader of its own, built for files of millions of rows; it accepts and
// refuses the same values (report_bounds_test.cpp holds both to that).

#include <optional>
#include <string>

#include "core/date.hpp"
#include "record/record.hpp"
#include "surveillance/daily_report.hpp"

namespace outbreak::surveillance {

// A report addressed by its region's code, and for a correction the version it corrects.
struct ReportLine {
  std::string region;
  Date date;
  ReportCounts counts;
  std::optional<int> expected_version;
};

// Each count is at most kMaxPopulation here; the reporting unit's own population is the tighter
// bound, checked where the region tree is known (report_bounds.hpp).
const record::Record<ReportLine>& ReportRecord();

}  // namespace outbreak::surveillance

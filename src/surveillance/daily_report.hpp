#pragma once
// The daily report of one reporting unit, and the opening balance that precedes a series.
//
// A report is keyed by (region, date); `date` is the reference day, the 24 hours that close at
// the reporting hour of `date`. Counts are non-negative whole numbers of persons.

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/region_tree.hpp"

namespace outbreak::surveillance {

struct ReportCounts {
  int64_t new_fever = 0;            // new fever cases in the day
  int64_t new_recovered = 0;        // persons who recovered in the day
  int64_t new_deaths = 0;           // deaths in the day
  int64_t under_treatment = 0;      // persons under treatment at the close of the day
  std::optional<int64_t> tested;    // persons tested in the day, when reported
  std::optional<int64_t> positive;  // of whom positive, when reported

  bool operator==(const ReportCounts&) const = default;
};

// A report addressed by region index, as the engines use it.
struct DailyReport {
  RegionIdx region = kNoRegion;
  Date date;
  ReportCounts counts;
};

// Totals that precede the first daily report of a reporting unit (for example the 2022 series'
// "since late April" figures): cases, recoveries and deaths up to and including `as_of`. They
// count in cumulative totals and in the number under treatment, never as any day's new cases.
struct OpeningBalance {
  RegionIdx region = kNoRegion;
  Date as_of;
  int64_t fever = 0;
  int64_t recovered = 0;
  int64_t deaths = 0;
  std::string note;  // where the figures come from, e.g. "since late April"

  int64_t under_treatment() const { return fever - recovered - deaths; }
};

// One version of a report, for its history: who wrote it, when and why.
struct ReportVersion {
  int version = 0;  // 1 for the first report, then one more for each correction
  ReportCounts counts;
  std::string recorded_by;
  std::string recorded_at;  // ISO 8601 UTC
  std::string reason;
  std::string source;
  bool current = false;  // the value in force; the others were superseded
};

}  // namespace outbreak::surveillance

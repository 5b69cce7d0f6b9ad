#pragma once
// IncidenceSeries: new cases per day, split into local and imported as EpiEstim does, and its
// parser for the analysts' CSV files.
//
// Cases on the first day are always counted as imported (EpiEstim's convention: nothing before
// the series could have infected them). Values only: no I/O.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/status.hpp"

namespace outbreak::analytics {

struct IncidenceSeries {
  Date first_day;                 // the date of local[0] and imported[0]
  std::vector<int64_t> local;     // cases infected locally, per day
  std::vector<int64_t> imported;  // imported cases, per day; same length as local

  size_t days() const { return local.size(); }
  Date last_day() const { return first_day + static_cast<int32_t>(days()) - 1; }
  int64_t Total(size_t day_idx) const { return local[day_idx] + imported[day_idx]; }
};

// A series from total cases per day: the first day's cases become imported, the rest local.
IncidenceSeries IncidenceFromCases(Date first_day, std::span<const int64_t> cases);

// Checks a series: not empty, local and imported of the same length, no negative count.
Status ValidateIncidence(const IncidenceSeries& series);

// Parses `date,cases` (EpiEstim's convention: the first day's cases count as imported) or
// `date,local,imported`. Dates are YYYY-MM-DD, one row per day with no gap and in order; counts
// are non-negative whole numbers. Every bad row is a detail of the error, named
// `file:line: field: "value" reason`; `source` is the file name used in them.
Result<IncidenceSeries> ParseIncidenceCsv(std::string_view text, std::string_view source);

}  // namespace outbreak::analytics

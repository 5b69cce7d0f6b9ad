#pragma once
// OutcomeSeries: one region's daily flows and its stock of persons under treatment, the input
// of the delay fits and the forecasts. The caller builds it from the epidemic cube (a region's
// new_fever, new_recovered, new_deaths and under_treatment per day); values only.

#include <cstdint>
#include <vector>

#include "core/date.hpp"
#include "core/status.hpp"

namespace outbreak::analytics {

struct OutcomeSeries {
  Date first_day;                        // the date of index 0 of every vector
  std::vector<int64_t> new_cases;        // new (fever) cases in the day
  std::vector<int64_t> new_recovered;    // recoveries in the day
  std::vector<int64_t> new_deaths;       // deaths in the day
  std::vector<int64_t> under_treatment;  // persons under treatment at the close of the day

  size_t days() const { return new_cases.size(); }
  // Persons under treatment at the close of the day before the first: the first day's figure
  // less its new cases plus its recoveries and deaths, never below 0 (the 2022 series opens with
  // the cases "since late April" still under treatment).
  int64_t OpeningUnderTreatment() const;
  // The first `days` days (all when there are fewer), as known at the close of the last of them.
  OutcomeSeries Prefix(size_t days) const;
};

// Not empty, the four vectors of one length, no negative count.
Status ValidateOutcomeSeries(const OutcomeSeries& series);

}  // namespace outbreak::analytics

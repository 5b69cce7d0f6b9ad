#pragma once
// The indicators the prevention-level rules read, per region and day, as plain values.
//
// Every value is optional: an indicator that could not be computed on a day (no R_t before the
// first estimated window, no beds, no medicine supply data) is missing, and a rule condition on a
// missing value does not fire (level_engine.hpp says exactly what that means for raising and
// lowering). Filled by the app (app/indicator_source.hpp); read by the engine.

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace outbreak::levels {

enum class Indicator {
  kIncidence7dPer100k,     // new fever cases of the last 7 days per 100,000 people
  kRtMean,                 // R_t posterior mean of the weekly window ending on the day
  kRtUpper,                // its 97.5% quantile
  kGrowthRate,             // per day, log-linear over the last 14 days (7 when fewer)
  kBedOccupancy,           // occupied / beds of the region's open or standby centres, 0..1+
  kMedicineDaysOfCover,    // days the region's medicine stock lasts at current use
  kPatientsPerDoctor,      // people under treatment per available doctor on duty
  kReportingCompleteness,  // reporting units that reported / expected, 0..1
};
inline constexpr size_t kIndicatorCount = 8;

// "incidence_7d_per_100k", "rt_mean", "rt_upper", "growth_rate", "bed_occupancy",
// "medicine_days_of_cover", "patients_per_doctor", "reporting_completeness"
std::string_view IndicatorName(Indicator indicator);
std::optional<Indicator> ParseIndicator(std::string_view name);
const std::array<Indicator, kIndicatorCount>& AllIndicators();
// "incidence_7d_per_100k, rt_mean, ..." for messages.
std::string IndicatorList();

// One region's indicators on one day.
struct IndicatorValues {
  std::array<std::optional<double>, kIndicatorCount> values;

  const std::optional<double>& operator[](Indicator indicator) const {
    return values[static_cast<size_t>(indicator)];
  }
  std::optional<double>& operator[](Indicator indicator) {
    return values[static_cast<size_t>(indicator)];
  }
};

// One region's indicators over consecutive days from `first_day`.
struct RegionIndicators {
  std::string region;
  Date first_day;
  std::vector<IndicatorValues> days;

  // The values of `day`; nullptr when the day is outside the series.
  const IndicatorValues* At(Date day) const {
    const int32_t idx = day - first_day;
    if (idx < 0 || idx >= static_cast<int32_t>(days.size())) return nullptr;
    return &days[static_cast<size_t>(idx)];
  }
  Date last_day() const { return first_day + static_cast<int32_t>(days.size()) - 1; }
};

// Regions by code.
using IndicatorTable = std::map<std::string, RegionIndicators>;

}  // namespace outbreak::levels

#pragma once
// Alerts: regions whose epidemic has just turned, for the situation report and the prevention
// levels.
//
// Two signals, each comparing the latest day with the day before:
//  * kRtUpperBoundCrossedOne: the 97.5% credible bound of R_t (the weekly window ending that day,
//    rt_estimator.hpp) was below 1 and is now 1 or more: growth can no longer be ruled out;
//  * kGrowthTurnedPositive: the growth rate of daily cases (growth.hpp, window ending that day)
//    was 0 or less and is now above 0; the message says whether its interval excludes 0.
// A region whose series is too short, too sparse or invalid for an estimate raises no alert.
// Pure.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/growth.hpp"
#include "analytics/incidence.hpp"
#include "analytics/rt_estimator.hpp"
#include "analytics/serial_interval.hpp"
#include "core/date.hpp"
#include "core/status.hpp"

namespace outbreak::analytics {

enum class AlertKind { kRtUpperBoundCrossedOne, kGrowthTurnedPositive };

const char* AlertKindName(AlertKind kind);  // "rt_upper_bound_crossed_one", ...

struct Alert {
  std::string region;  // the region's code
  AlertKind kind = AlertKind::kRtUpperBoundCrossedOne;
  Date date;                  // the latest day, on which the signal turned
  double value = 0;           // R_t's 97.5% bound, or the growth rate per day
  double previous_value = 0;  // the same the day before
  std::string message;        // one line for people, e.g. "Rason: R_t could be above 1 ..."
};

// The alert when R_t's 97.5% bound goes from below 1 to 1 or more between the two windows.
std::optional<Alert> RtCrossingAlert(std::string_view code, std::string_view name, Date date,
                                     const RtPosterior& previous, const RtPosterior& latest);

// The alert when the growth rate goes from 0 or less to above 0.
std::optional<Alert> GrowthTurnAlert(std::string_view code, std::string_view name, Date date,
                                     const GrowthEstimate& previous, const GrowthEstimate& latest);

struct RegionIncidence {
  std::string code;
  std::string name;
  IncidenceSeries incidence;
};

struct AlertOptions {
  int rt_window_days = 7;  // as RtOptions::window_days
  double prior_mean = 5;
  double prior_sd = 5;
  GrowthOptions growth;
};

// The alerts of every region on the last day of its series, region by region, R_t first.
// Errors: an invalid serial interval.
Result<std::vector<Alert>> FindAlerts(std::span<const RegionIncidence> regions,
                                      const SerialInterval& si, const AlertOptions& options = {});

}  // namespace outbreak::analytics

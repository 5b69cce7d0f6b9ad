#pragma once
// Demand: how much of each medicine a region's patients need each day, and how many days the
// stock at a node covers.
//
// A protocol says that `share` of the new fever cases take `units_per_day` of a medicine for the
// first `days` days of their illness. So the need on day d is
//   need(d) = sum over protocols of share × units_per_day × (new cases on days d-days+1 .. d),
// from the reported new cases for past days and the forecast (median) for the days ahead.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "supply/medicine.hpp"
#include "supply/supply_network.hpp"

namespace outbreak::supply {

// Minimum and maximum days of cover each kind of node should hold (factories hold none).
struct CoverPolicy {
  double central_min_days = 60;  // the central base, the national reserve apart
  double central_max_days = 120;
  double provincial_min_days = 30;
  double provincial_max_days = 60;
  double county_min_days = 14;
  double county_max_days = 30;
  double pharmacy_min_days = 7;
  double pharmacy_max_days = 14;
};

double MinCoverDays(const CoverPolicy& policy, NodeKind kind);
double MaxCoverDays(const CoverPolicy& policy, NodeKind kind);

// The need of one medicine on each day of `cases` (new cases per day, oldest first; the first
// `warmup` days only feed the later ones and get no output). Returns cases.size() - warmup values,
// units per day.
std::vector<double> DailyNeed(std::span<const TreatmentProtocol> protocols,
                              std::span<const double> cases, size_t warmup);

// The longest course among the protocols, days (how many past days of cases the need looks at).
int32_t LongestCourseDays(std::span<const TreatmentProtocol> protocols);

// Days the stock covers at `need_per_day`; infinite when nothing is needed.
double CoverDays(int64_t on_hand_units, double need_per_day);

}  // namespace outbreak::supply

#include "supply/demand.hpp"

#include "supply/supply_views.hpp"

#include <algorithm>
#include <limits>

namespace outbreak::supply {

double MinCoverDays(const CoverPolicy& policy, NodeKind kind) {
  switch (kind) {
    case NodeKind::kFactory:
      return 0;
    case NodeKind::kCentralBase:
      return policy.central_min_days;
    case NodeKind::kProvincialCentre:
      return policy.provincial_min_days;
    case NodeKind::kCountyBase:
      return policy.county_min_days;
    case NodeKind::kPharmacy:
      return policy.pharmacy_min_days;
  }
  return 0;
}

double MaxCoverDays(const CoverPolicy& policy, NodeKind kind) {
  switch (kind) {
    case NodeKind::kFactory:
      return 0;
    case NodeKind::kCentralBase:
      return policy.central_max_days;
    case NodeKind::kProvincialCentre:
      return policy.provincial_max_days;
    case NodeKind::kCountyBase:
      return policy.county_max_days;
    case NodeKind::kPharmacy:
      return policy.pharmacy_max_days;
  }
  return 0;
}

std::vector<double> DailyNeed(std::span<const TreatmentProtocol> protocols,
                              std::span<const double> cases, size_t warmup) {
  std::vector<double> out;
  if (cases.size() <= warmup) return out;
  // Prefix sums make each course's window one subtraction.
  std::vector<double> prefix(cases.size() + 1, 0);
  for (size_t day_idx = 0; day_idx < cases.size(); ++day_idx) {
    prefix[day_idx + 1] = prefix[day_idx] + std::max(0.0, cases[day_idx]);
  }
  out.reserve(cases.size() - warmup);
  for (size_t day_idx = warmup; day_idx < cases.size(); ++day_idx) {
    double need = 0;
    for (const TreatmentProtocol& protocol : protocols) {
      const size_t days = static_cast<size_t>(std::max(0, protocol.days));
      const size_t first = day_idx + 1 >= days ? day_idx + 1 - days : 0;
      need += protocol.share * protocol.units_per_day * (prefix[day_idx + 1] - prefix[first]);
    }
    out.push_back(need);
  }
  return out;
}

int32_t LongestCourseDays(std::span<const TreatmentProtocol> protocols) {
  int32_t longest = 0;
  for (const TreatmentProtocol& protocol : protocols) longest = std::max(longest, protocol.days);
  return longest;
}

std::string_view CoverStatusName(CoverStatus status) {
  switch (status) {
    case CoverStatus::kNoNeed:
      return "no_need";
    case CoverStatus::kBelowMinimum:
      return "below_minimum";
    case CoverStatus::kWithin:
      return "within";
    case CoverStatus::kAboveMaximum:
      return "above_maximum";
  }
  return "no_need";
}

double CoverDays(int64_t on_hand_units, double need_per_day) {
  if (need_per_day <= 0) return std::numeric_limits<double>::infinity();
  return static_cast<double>(on_hand_units) / need_per_day;
}

}  // namespace outbreak::supply

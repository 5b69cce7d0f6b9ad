#include "care/care_findings.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

namespace outbreak::care {

std::string_view CareFindingKindName(CareFindingKind kind) {
  switch (kind) {
    case CareFindingKind::kOverCapacity:
      return "over_capacity";
    case CareFindingKind::kCensusIdentity:
      return "census_identity";
    case CareFindingKind::kRestRule:
      return "rest_rule";
    case CareFindingKind::kWorkerIllness:
      return "worker_illness";
  }
  return "unknown";
}

std::vector<CareFinding> CheckCensusDays(std::span<const TreatmentCentre> centres,
                                         std::span<const CensusDay> days,
                                         std::span<const CensusDay> earlier) {
  std::unordered_map<std::string, const TreatmentCentre*> by_code;
  for (const TreatmentCentre& centre : centres) by_code[centre.code] = &centre;
  std::map<std::pair<std::string, int32_t>, const CensusDay*> known;
  for (const CensusDay& day : earlier) known[{day.centre, day.date.days_since_epoch()}] = &day;
  for (const CensusDay& day : days) known[{day.centre, day.date.days_since_epoch()}] = &day;
  std::vector<CareFinding> out;
  for (const CensusDay& day : days) {
    auto centre = by_code.find(day.centre);
    if (centre == by_code.end()) continue;
    const int64_t beds = centre->second->TotalBeds();
    if (day.occupied > beds) {
      out.push_back({CareFindingKind::kOverCapacity, day.centre, day.date,
                     fmt::format("{} on {}: {} patients in {} beds ({} over)", day.centre,
                                 day.date.ToString(), day.occupied, beds, day.occupied - beds)});
    }
    auto before = known.find({day.centre, day.date.days_since_epoch() - 1});
    if (before == known.end()) continue;
    const int64_t expected =
        before->second->occupied + day.admitted - day.discharged - day.died - day.transferred;
    if (expected != day.occupied) {
      out.push_back(
          {CareFindingKind::kCensusIdentity, day.centre, day.date,
           fmt::format("{} on {}: {} occupied, but {} the day before + {} admitted - {} "
                       "discharged - {} died - {} transferred = {}",
                       day.centre, day.date.ToString(), day.occupied, before->second->occupied,
                       day.admitted, day.discharged, day.died, day.transferred, expected)});
    }
  }
  return out;
}

std::vector<CareFinding> CheckWorkforce(std::span<const WorkforceCount> counts,
                                        const ProtectionRules& rules) {
  std::vector<CareFinding> out;
  for (const WorkforceCount& count : counts) {
    const std::string_view category = CategoryName(count.category);
    if (count.longest_duty_run_days > rules.max_consecutive_duty_days) {
      out.push_back({CareFindingKind::kRestRule, count.region, count.date,
                     fmt::format("{} {}s on {}: on duty for up to {} days in a row (the rest "
                                 "rule allows {}): give them rest",
                                 count.region, category, count.date.ToString(),
                                 count.longest_duty_run_days, rules.max_consecutive_duty_days)});
    }
    const int64_t unwell = count.ill + count.quarantined;
    if (count.Total() > 0 &&
        static_cast<double>(unwell) > rules.max_unwell_share * static_cast<double>(count.Total())) {
      out.push_back(
          {CareFindingKind::kWorkerIllness, count.region, count.date,
           fmt::format("{} {}s on {}: {} of {} ill or quarantined ({:.0f}%, above {:.0f}%)",
                       count.region, category, count.date.ToString(), unwell, count.Total(),
                       100.0 * unwell / count.Total(), 100 * rules.max_unwell_share)});
    }
  }
  return out;
}

std::optional<int> DaysUntilFull(int64_t beds, int64_t occupied, double patients_now,
                                 std::span<const double> expected_patients) {
  if (beds <= 0) return std::nullopt;
  if (occupied >= beds) return 0;
  if (occupied <= 0 || patients_now <= 0) return std::nullopt;
  for (size_t day_idx = 0; day_idx < expected_patients.size(); ++day_idx) {
    const double projected = occupied * expected_patients[day_idx] / patients_now;
    if (projected >= static_cast<double>(beds)) return static_cast<int>(day_idx) + 1;
  }
  return std::nullopt;
}

}  // namespace outbreak::care

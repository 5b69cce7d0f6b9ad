#pragma once
// Findings over care data: what is recorded but needs attention. None of them stops a write: a
// centre with more patients than beds had them, and the census must say so.
//
//   over_capacity      occupied beds above the centre's beds
//   census_identity    occupied(d) differs from occupied(d-1) + admitted - discharged - died -
//                      transferred (only when the day before is recorded)
//   rest_rule          workers on duty for more consecutive days than the rest rule allows
//   worker_illness     ill and quarantined workers above the share the rules allow

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "care/centre.hpp"
#include "care/workforce.hpp"

namespace outbreak::care {

enum class CareFindingKind { kOverCapacity, kCensusIdentity, kRestRule, kWorkerIllness };

// "over_capacity", "census_identity", "rest_rule", "worker_illness"
std::string_view CareFindingKindName(CareFindingKind kind);

struct CareFinding {
  CareFindingKind kind = CareFindingKind::kOverCapacity;
  std::string subject;  // a centre code, or a region code for workforce findings
  Date date;
  std::string message;  // one line for a person
};

// Findings of `days` (any order) against the centres and the census rows stored before them
// (`earlier`, which may hold the same days: `days` win). Centres unknown to `centres` are skipped.
std::vector<CareFinding> CheckCensusDays(std::span<const TreatmentCentre> centres,
                                         std::span<const CensusDay> days,
                                         std::span<const CensusDay> earlier);

// Findings of workforce counts against the protection rules.
std::vector<CareFinding> CheckWorkforce(std::span<const WorkforceCount> counts,
                                        const ProtectionRules& rules);

// Days from the census day until a centre is full if its patients follow `expected_patients`
// (one value per day ahead, day 1 first) scaled from `patients_now`: 0 when it is full already,
// nullopt when it does not fill within the days given or has no beds.
std::optional<int> DaysUntilFull(int64_t beds, int64_t occupied, double patients_now,
                                 std::span<const double> expected_patients);

}  // namespace outbreak::care

#pragma once
// Treatment centres and their daily census: plain values, validated by care_csv and
// care_findings.
//
// A centre belongs to one region (a county's district treatment centre, a province's hospital)
// and has beds by type. Its census is one row per (centre, day): patients in beds at the close of
// the reporting day and the day's movements. A census whose occupied beds exceed the centre's beds
// is a finding, not an error: it is what happened and must be recorded.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace outbreak::care {

enum class CentreKind { kDistrictTreatmentCentre, kHospital, kIsolationWard, kMobileUnit };
enum class CentreStatus { kOpen, kStandby, kClosed };

// "district_treatment_centre", "hospital", "isolation_ward", "mobile_unit"
std::string_view CentreKindName(CentreKind kind);
std::optional<CentreKind> ParseCentreKind(std::string_view name);
// "open", "standby", "closed"
std::string_view CentreStatusName(CentreStatus status);
std::optional<CentreStatus> ParseCentreStatus(std::string_view name);

struct TreatmentCentre {
  std::string code;    // stable identifier, e.g. "KP-04-003-DTC"
  std::string name;    // for people
  std::string region;  // the region it serves (code)
  CentreKind kind = CentreKind::kDistrictTreatmentCentre;
  CentreStatus status = CentreStatus::kOpen;
  int64_t beds_general = 0;    // ordinary beds
  int64_t beds_intensive = 0;  // intensive-care beds
  int64_t beds_isolation = 0;  // isolation beds
  int64_t staff = 0;           // medical workers attached to the centre

  int64_t TotalBeds() const { return beds_general + beds_intensive + beds_isolation; }
  bool operator==(const TreatmentCentre&) const = default;
};

// One centre's census for one reporting day. The identity
//   occupied(d) = occupied(d-1) + admitted(d) - discharged(d) - died(d) - transferred(d)
// is checked against the day before and a mismatch is a finding.
struct CensusDay {
  std::string centre;
  Date date;
  int64_t occupied = 0;     // patients in beds at the close of the day
  int64_t admitted = 0;     // admitted during the day
  int64_t discharged = 0;   // discharged recovered
  int64_t died = 0;         // died in the centre
  int64_t transferred = 0;  // transferred to another centre

  bool operator==(const CensusDay&) const = default;
};

// Checks the counts of a centre or census row given by a program (the API) rather than a file:
// every count non-negative, names and codes not empty. Returns one message per problem, each
// starting with `where`.
std::vector<std::string> CheckCentre(const TreatmentCentre& centre, std::string_view where);
std::vector<std::string> CheckCensus(const CensusDay& census, std::string_view where);

}  // namespace outbreak::care

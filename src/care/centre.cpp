#include "care/centre.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

namespace outbreak::care {

namespace {

constexpr std::array<std::pair<CentreKind, std::string_view>, 4> kKinds = {{
    {CentreKind::kDistrictTreatmentCentre, "district_treatment_centre"},
    {CentreKind::kHospital, "hospital"},
    {CentreKind::kIsolationWard, "isolation_ward"},
    {CentreKind::kMobileUnit, "mobile_unit"},
}};

constexpr std::array<std::pair<CentreStatus, std::string_view>, 3> kStatuses = {{
    {CentreStatus::kOpen, "open"},
    {CentreStatus::kStandby, "standby"},
    {CentreStatus::kClosed, "closed"},
}};

void CheckCount(int64_t value, std::string_view where, std::string_view field,
                std::vector<std::string>& errors) {
  if (value < 0) errors.push_back(fmt::format("{}.{}: {} is negative", where, field, value));
}

}  // namespace

std::string_view CentreKindName(CentreKind kind) {
  for (const auto& [candidate, name] : kKinds) {
    if (candidate == kind) return name;
  }
  return "hospital";
}

std::optional<CentreKind> ParseCentreKind(std::string_view name) {
  for (const auto& [kind, candidate] : kKinds) {
    if (candidate == name) return kind;
  }
  return std::nullopt;
}

std::string_view CentreStatusName(CentreStatus status) {
  for (const auto& [candidate, name] : kStatuses) {
    if (candidate == status) return name;
  }
  return "open";
}

std::optional<CentreStatus> ParseCentreStatus(std::string_view name) {
  for (const auto& [status, candidate] : kStatuses) {
    if (candidate == name) return status;
  }
  return std::nullopt;
}

std::vector<std::string> CheckCentre(const TreatmentCentre& centre, std::string_view where) {
  std::vector<std::string> errors;
  if (centre.code.empty()) errors.push_back(fmt::format("{}.code: is empty", where));
  if (centre.code.find_first_of(" \t/\\?#%") != std::string::npos) {
    errors.push_back(
        fmt::format("{}.code: \"{}\" contains a space or one of / \\ ? # %", where, centre.code));
  }
  if (centre.name.empty()) errors.push_back(fmt::format("{}.name: is empty", where));
  if (centre.region.empty()) errors.push_back(fmt::format("{}.region: is empty", where));
  CheckCount(centre.beds_general, where, "beds_general", errors);
  CheckCount(centre.beds_intensive, where, "beds_intensive", errors);
  CheckCount(centre.beds_isolation, where, "beds_isolation", errors);
  CheckCount(centre.staff, where, "staff", errors);
  return errors;
}

std::vector<std::string> CheckCensus(const CensusDay& census, std::string_view where) {
  std::vector<std::string> errors;
  if (census.centre.empty()) errors.push_back(fmt::format("{}.centre: is empty", where));
  CheckCount(census.occupied, where, "occupied", errors);
  CheckCount(census.admitted, where, "admitted", errors);
  CheckCount(census.discharged, where, "discharged", errors);
  CheckCount(census.died, where, "died", errors);
  CheckCount(census.transferred, where, "transferred", errors);
  return errors;
}

}  // namespace outbreak::care

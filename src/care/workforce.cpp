#include "care/workforce.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

namespace outbreak::care {

namespace {

constexpr std::array<std::pair<WorkerCategory, std::string_view>, 8> kCategories = {{
    {WorkerCategory::kDoctor, "doctor"},
    {WorkerCategory::kSectionDoctor, "section_doctor"},
    {WorkerCategory::kNurse, "nurse"},
    {WorkerCategory::kPharmacist, "pharmacist"},
    {WorkerCategory::kTraditionalDoctor, "traditional_doctor"},
    {WorkerCategory::kMedicalStudent, "medical_student"},
    {WorkerCategory::kMilitaryMedic, "military_medic"},
    {WorkerCategory::kLabTechnician, "lab_technician"},
}};

}  // namespace

std::string_view CategoryName(WorkerCategory category) {
  for (const auto& [candidate, name] : kCategories) {
    if (candidate == category) return name;
  }
  return "doctor";
}

std::optional<WorkerCategory> ParseCategory(std::string_view name) {
  for (const auto& [category, candidate] : kCategories) {
    if (candidate == name) return category;
  }
  return std::nullopt;
}

const std::vector<WorkerCategory>& AllCategories() {
  static const std::vector<WorkerCategory> categories = [] {
    std::vector<WorkerCategory> out;
    for (const auto& [category, name] : kCategories) out.push_back(category);
    return out;
  }();
  return categories;
}

std::string CategoryList() {
  std::string out;
  for (const auto& [category, name] : kCategories) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::vector<std::string> CheckWorkforceCount(const WorkforceCount& count, std::string_view where) {
  std::vector<std::string> errors;
  if (count.region.empty()) errors.push_back(fmt::format("{}.region: is empty", where));
  const std::pair<const char*, int64_t> fields[] = {
      {"on_duty", count.on_duty},
      {"ill", count.ill},
      {"quarantined", count.quarantined},
      {"resting", count.resting},
      {"longest_duty_run_days", count.longest_duty_run_days}};
  for (const auto& [field, value] : fields) {
    if (value < 0) errors.push_back(fmt::format("{}.{}: {} is negative", where, field, value));
  }
  return errors;
}

int64_t RetentionFloor(int64_t own_workers, int min_retention_percent) {
  if (own_workers <= 0) return 0;
  return (own_workers * min_retention_percent + 99) / 100;
}

std::vector<std::string> RetentionViolations(const std::vector<RetentionCase>& cases,
                                             int min_retention_percent) {
  std::vector<std::string> out;
  for (const RetentionCase& c : cases) {
    if (c.leaving <= 0) continue;
    const int64_t keep = RetentionFloor(c.own, min_retention_percent);
    const int64_t home = c.own - c.away - c.leaving;
    if (home >= keep) continue;
    out.push_back(fmt::format(
        "{} {}s on {}: {} of {} own would remain ({} away already, {} leaving); the minimum is "
        "{} ({}%)",
        c.region, CategoryName(c.category), c.day.ToString(), home, c.own, c.away, c.leaving, keep,
        min_retention_percent));
  }
  return out;
}

}  // namespace outbreak::care

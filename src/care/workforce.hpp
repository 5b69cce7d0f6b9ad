#pragma once
// The medical workforce: how many workers of each category a region has, and in what state, as
// counted on a day. Categories are not interchangeable: a nurse does not replace a doctor, so
// everything here (availability, load, deployment) is per category.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace outbreak::care {

enum class WorkerCategory {
  kDoctor,
  kSectionDoctor,  // the household doctors of the section-doctor system
  kNurse,
  kPharmacist,
  kTraditionalDoctor,  // Koryo medicine
  kMedicalStudent,
  kMilitaryMedic,
  kLabTechnician,
};

// "doctor", "section_doctor", "nurse", "pharmacist", "traditional_doctor", "medical_student",
// "military_medic", "lab_technician"
std::string_view CategoryName(WorkerCategory category);
std::optional<WorkerCategory> ParseCategory(std::string_view name);
const std::vector<WorkerCategory>& AllCategories();
// "doctor, section_doctor, ..." for messages.
std::string CategoryList();

// One region's workers of one category as counted on `date`. The count holds until the next
// count of the same (region, category). Only workers on duty are available for patients.
struct WorkforceCount {
  std::string region;
  WorkerCategory category = WorkerCategory::kDoctor;
  Date date;
  int64_t on_duty = 0;
  int64_t ill = 0;
  int64_t quarantined = 0;
  int64_t resting = 0;
  int64_t longest_duty_run_days =
      0;  // the longest run of consecutive duty days among those on duty

  int64_t Total() const { return on_duty + ill + quarantined + resting; }
  bool operator==(const WorkforceCount&) const = default;
};

// Worker protection: the rules whose breach is raised as a finding.
struct ProtectionRules {
  int max_consecutive_duty_days = 14;  // a longer run of duty days needs rest
  double max_unwell_share = 0.10;      // ill + quarantined above this share of all workers
};

// Checks a count given by a program (the API): non-negative numbers, a region. One message per
// problem, each starting with `where`.
std::vector<std::string> CheckWorkforceCount(const WorkforceCount& count, std::string_view where);

// The number of its own workers a region keeps: ceil(own × percent / 100), exactly.
int64_t RetentionFloor(int64_t own_workers, int min_retention_percent);

// A region's own workers of a category on one day, and how many would be away from it.
struct RetentionCase {
  std::string region;
  WorkerCategory category = WorkerCategory::kDoctor;
  Date day;
  int64_t own = 0;      // own workers on duty
  int64_t away = 0;     // already deployed elsewhere
  int64_t leaving = 0;  // to be deployed elsewhere by what is being checked
};

// One message for each case where workers leave and the region keeps fewer than its floor.
std::vector<std::string> RetentionViolations(const std::vector<RetentionCase>& cases,
                                             int min_retention_percent);

}  // namespace outbreak::care

#pragma once
// The medicine catalogue and the treatment protocols that turn patients into daily need.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace outbreak::supply {

enum class MedicineCategory {
  kAntipyretic,
  kAntibiotic,
  kAntiviral,
  kTraditionalKoryo,  // traditional Koryo medicine
  kSupportive,        // oral rehydration, vitamins, ...
  kOther,
};

enum class StorageCondition {
  kAmbient,
  kCool,       // 8-15 °C
  kColdChain,  // 2-8 °C, temperature logged in transit
};

struct Medicine {
  std::string code;        // stable, e.g. "PARA-500"
  std::string name;        // e.g. "Paracetamol 500 mg tablet"
  std::string name_local;  // the name in Korean
  std::string form;        // tablet, capsule, syrup, injection, decoction, ...
  std::string unit;        // what one unit of stock is: "tablet", "vial", "pack"
  MedicineCategory category = MedicineCategory::kOther;
  bool essential = false;         // on the essential medicines list
  bool national_reserve = false;  // held in the national reserve
  StorageCondition storage = StorageCondition::kAmbient;
  int32_t shelf_life_days = 0;  // from production to expiry
};

// How much of one medicine a patient of one case type takes: `share` of the patients of that
// type take `units_per_day` for the first `days` days of their illness.
struct TreatmentProtocol {
  std::string case_type;  // "fever" (every person under treatment), "severe", ...
  std::string medicine;   // medicine code
  double share = 1;       // 0 < share <= 1
  double units_per_day = 0;
  int32_t days = 0;
};

std::string_view CategoryName(MedicineCategory category);
std::optional<MedicineCategory> ParseCategory(std::string_view name);
std::string_view StorageName(StorageCondition storage);
std::optional<StorageCondition> ParseStorage(std::string_view name);

// "antipyretic, antibiotic, ..." for error messages.
std::string CategoryNames();

}  // namespace outbreak::supply

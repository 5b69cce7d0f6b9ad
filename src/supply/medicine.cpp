#include "supply/medicine.hpp"

#include <array>
#include <utility>

namespace outbreak::supply {

namespace {

constexpr std::array<std::pair<MedicineCategory, std::string_view>, 6> kCategories = {{
    {MedicineCategory::kAntipyretic, "antipyretic"},
    {MedicineCategory::kAntibiotic, "antibiotic"},
    {MedicineCategory::kAntiviral, "antiviral"},
    {MedicineCategory::kTraditionalKoryo, "traditional_koryo"},
    {MedicineCategory::kSupportive, "supportive"},
    {MedicineCategory::kOther, "other"},
}};

constexpr std::array<std::pair<StorageCondition, std::string_view>, 3> kStorage = {{
    {StorageCondition::kAmbient, "ambient"},
    {StorageCondition::kCool, "cool"},
    {StorageCondition::kColdChain, "cold_chain"},
}};

template <typename Enum, size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return table.back().second;
}

template <typename Enum, size_t N>
std::optional<Enum> Parse(const std::array<std::pair<Enum, std::string_view>, N>& table,
                          std::string_view name) {
  for (const auto& [value, candidate] : table) {
    if (candidate == name) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view CategoryName(MedicineCategory category) { return NameOf(kCategories, category); }

std::optional<MedicineCategory> ParseCategory(std::string_view name) {
  return Parse(kCategories, name);
}

std::string_view StorageName(StorageCondition storage) { return NameOf(kStorage, storage); }

std::optional<StorageCondition> ParseStorage(std::string_view name) {
  return Parse(kStorage, name);
}

std::string CategoryNames() {
  std::string out;
  for (const auto& [value, name] : kCategories) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace outbreak::supply

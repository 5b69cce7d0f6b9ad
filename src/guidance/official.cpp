#include "guidance/official.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

namespace outbreak::guidance {

namespace {

constexpr std::array<std::pair<Position, std::string_view>, 9> kPositions = {{
    {Position::kPresidiumMember, "presidium_member"},
    {Position::kPolitburoMember, "politburo_member"},
    {Position::kPolitburoAlternate, "politburo_alternate"},
    {Position::kSecretary, "secretary"},
    {Position::kDepartmentOfficial, "department_official"},
    {Position::kCabinetOfficial, "cabinet_official"},
    {Position::kJudicialOfficial, "judicial_official"},
    {Position::kProsecutorialOfficial, "prosecutorial_official"},
    {Position::kPublicHealthOfficial, "public_health_official"},
}};

}  // namespace

std::string_view PositionName(Position position) {
  for (const auto& [candidate, name] : kPositions) {
    if (candidate == position) return name;
  }
  return "department_official";
}

std::optional<Position> ParsePosition(std::string_view name) {
  for (const auto& [position, candidate] : kPositions) {
    if (candidate == name) return position;
  }
  return std::nullopt;
}

std::string PositionList() {
  std::string out;
  for (const auto& [position, name] : kPositions) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

bool MayLead(Position position) {
  return position == Position::kPresidiumMember || position == Position::kSecretary;
}

const std::vector<std::string>& ExpertiseNames() {
  static const std::vector<std::string> names = {
      "agriculture",   "industry",        "livelihood", "medicine_supply",
      "public_health", "public_security", "law",        "prevention"};
  return names;
}

bool IsExpertise(std::string_view name) {
  const auto& names = ExpertiseNames();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string ExpertiseList() {
  std::string out;
  for (const std::string& name : ExpertiseNames()) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

bool Official::Has(std::string_view field) const {
  return std::find(expertise.begin(), expertise.end(), field) != expertise.end();
}

std::vector<std::string> SplitExpertise(std::string_view text, std::vector<std::string>& unknown) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of(";|", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) {
      if (IsExpertise(part)) {
        out.emplace_back(part);
      } else {
        unknown.emplace_back(part);
      }
    }
    start = end + 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace outbreak::guidance

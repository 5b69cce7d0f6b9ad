#include "guidance/roster_csv.hpp"

#include <set>

#include "core/csv_rows.hpp"

namespace outbreak::guidance {

Result<std::vector<Official>> ParseRosterCsv(
    std::string_view text, std::string_view source,
    const std::function<std::string(std::string_view)>& check_home) {
  CsvRows rows(text, source);
  if (Status s =
          rows.Header({"code", "name", "position", "home"}, {"expertise", "available", "user"});
      !s.ok()) {
    return s;
  }
  std::vector<Official> out;
  std::set<std::string> codes;
  std::set<std::string> users;
  while (rows.Next()) {
    Official official;
    official.code = std::string(rows.Field("code"));
    if (official.code.empty()) {
      rows.Error("code", "", "is empty");
    } else if (official.code.find_first_of(" \t/\\?#%=,") != std::string::npos) {
      rows.Error("code", official.code, "contains a space or one of / \\ ? # % = ,");
    } else if (!codes.insert(official.code).second) {
      rows.Error("code", official.code, "appears twice in the file");
    }
    official.name = std::string(rows.Field("name"));
    if (official.name.empty()) rows.Error("name", "", "is empty");
    if (auto position = ParsePosition(rows.Field("position"))) {
      official.position = *position;
    } else {
      rows.Error("position", rows.Field("position"), "is not one of " + PositionList());
    }
    official.home = std::string(rows.Field("home"));
    if (std::string reason = check_home(official.home); !reason.empty()) {
      rows.Error("home", official.home, reason);
    }
    std::vector<std::string> unknown;
    official.expertise = SplitExpertise(rows.Field("expertise"), unknown);
    for (const std::string& field : unknown) {
      rows.Error("expertise", field, "is not one of " + ExpertiseList());
    }
    const std::string_view available = rows.Field("available");
    if (available.empty() || available == "yes") {
      official.available = true;
    } else if (available == "no") {
      official.available = false;
    } else {
      rows.Error("available", available, "is not yes or no");
    }
    official.user = std::string(rows.Field("user"));
    if (!official.user.empty() && !users.insert(official.user).second) {
      rows.Error("user", official.user, "is linked to another official in the file");
    }
    out.push_back(std::move(official));
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  return out;
}

Result<std::map<std::string, std::vector<std::string>>> ParseNeedsCsv(
    std::string_view text, std::string_view source,
    const std::function<std::string(std::string_view)>& check_area) {
  CsvRows rows(text, source);
  if (Status s = rows.Header({"area", "needs"}, {}); !s.ok()) return s;
  std::map<std::string, std::vector<std::string>> out;
  while (rows.Next()) {
    const std::string area(rows.Field("area"));
    if (std::string reason = check_area(area); !reason.empty()) rows.Error("area", area, reason);
    std::vector<std::string> unknown;
    std::vector<std::string> needs = SplitExpertise(rows.Field("needs"), unknown);
    for (const std::string& field : unknown) {
      rows.Error("needs", field, "is not one of " + ExpertiseList());
    }
    if (!out.emplace(area, std::move(needs)).second) {
      rows.Error("area", area, "appears twice in the file");
    }
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  return out;
}

}  // namespace outbreak::guidance

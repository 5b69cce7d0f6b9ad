#include "guidance/roster_csv.hpp"

#include <set>

#include "core/csv_rows.hpp"
#include "guidance/guidance_records.hpp"
#include "record/record_csv.hpp"

namespace outbreak::guidance {

Result<std::vector<Official>> ParseRosterCsv(
    std::string_view text, std::string_view source,
    const std::function<std::string(std::string_view)>& check_home) {
  std::set<std::string> users;
  return record::ReadCsv<Official>(
      OfficialRecord(), text, source,
      [&](const Official& official, const record::Problem& problem) {
        if (std::string reason = check_home(official.home); !reason.empty()) {
          problem("home", reason);
        }
        if (!official.user.empty() && !users.insert(official.user).second) {
          problem("user", "is linked to another official in the file");
        }
      });
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

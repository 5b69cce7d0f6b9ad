#include "care/care_csv.hpp"

#include <set>
#include <tuple>

#include <fmt/format.h>

#include "core/csv_rows.hpp"

namespace outbreak::care {

Result<std::vector<TreatmentCentre>> ParseCentresCsv(std::string_view text, std::string_view source,
                                                     const RegionTree& tree) {
  CsvRows rows(text, source);
  if (Status s =
          rows.Header({"code", "name", "region", "kind"},
                      {"status", "beds_general", "beds_intensive", "beds_isolation", "staff"});
      !s.ok()) {
    return s;
  }
  std::vector<TreatmentCentre> out;
  std::set<std::string> codes;
  while (rows.Next()) {
    TreatmentCentre centre;
    centre.code = std::string(rows.Field("code"));
    centre.name = std::string(rows.Field("name"));
    centre.region = std::string(rows.Field("region"));
    if (centre.code.empty()) {
      rows.Error("code", "", "is empty");
    } else if (centre.code.find_first_of(" \t/\\?#%") != std::string::npos) {
      rows.Error("code", centre.code, "contains a space or one of / \\ ? # %");
    } else if (!codes.insert(centre.code).second) {
      rows.Error("code", centre.code, "appears twice in the file");
    }
    if (centre.name.empty()) rows.Error("name", "", "is empty");
    if (!tree.Find(centre.region)) rows.Error("region", centre.region, "is not a known region");
    if (auto kind = ParseCentreKind(rows.Field("kind"))) {
      centre.kind = *kind;
    } else {
      rows.Error("kind", rows.Field("kind"),
                 "is not district_treatment_centre, hospital, isolation_ward or mobile_unit");
    }
    if (!rows.Field("status").empty()) {
      if (auto status = ParseCentreStatus(rows.Field("status"))) {
        centre.status = *status;
      } else {
        rows.Error("status", rows.Field("status"), "is not open, standby or closed");
      }
    }
    centre.beds_general = rows.Count("beds_general", false);
    centre.beds_intensive = rows.Count("beds_intensive", false);
    centre.beds_isolation = rows.Count("beds_isolation", false);
    centre.staff = rows.Count("staff", false);
    out.push_back(std::move(centre));
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  return out;
}

Result<std::vector<CensusDay>> ParseCensusCsv(
    std::string_view text, std::string_view source,
    const std::function<bool(std::string_view)>& known_centre) {
  CsvRows rows(text, source);
  if (Status s = rows.Header({"centre", "date", "occupied", "admitted", "discharged", "died"},
                             {"transferred"});
      !s.ok()) {
    return s;
  }
  std::vector<CensusDay> out;
  std::set<std::pair<std::string, int32_t>> keys;
  while (rows.Next()) {
    CensusDay census;
    census.centre = std::string(rows.Field("centre"));
    if (!known_centre(census.centre)) {
      rows.Error("centre", census.centre, "is not a known treatment centre");
    }
    census.date = rows.DateField("date");
    census.occupied = rows.Count("occupied", true);
    census.admitted = rows.Count("admitted", true);
    census.discharged = rows.Count("discharged", true);
    census.died = rows.Count("died", true);
    census.transferred = rows.Count("transferred", false);
    if (!keys.insert({census.centre, census.date.days_since_epoch()}).second) {
      rows.Error("date", census.date.ToString(),
                 fmt::format("repeats the census of centre \"{}\"", census.centre));
    }
    out.push_back(std::move(census));
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  return out;
}

Result<std::vector<WorkforceCount>> ParseWorkforceCsv(std::string_view text,
                                                      std::string_view source,
                                                      const RegionTree& tree) {
  CsvRows rows(text, source);
  if (Status s = rows.Header({"region", "category", "date", "on_duty"},
                             {"ill", "quarantined", "resting", "longest_duty_run_days"});
      !s.ok()) {
    return s;
  }
  std::vector<WorkforceCount> out;
  std::set<std::tuple<std::string, int, int32_t>> keys;
  while (rows.Next()) {
    WorkforceCount count;
    count.region = std::string(rows.Field("region"));
    if (!tree.Find(count.region)) rows.Error("region", count.region, "is not a known region");
    if (auto category = ParseCategory(rows.Field("category"))) {
      count.category = *category;
    } else {
      rows.Error("category", rows.Field("category"), "is not one of " + CategoryList());
    }
    count.date = rows.DateField("date");
    count.on_duty = rows.Count("on_duty", true);
    count.ill = rows.Count("ill", false);
    count.quarantined = rows.Count("quarantined", false);
    count.resting = rows.Count("resting", false);
    count.longest_duty_run_days = rows.Count("longest_duty_run_days", false);
    if (!keys.insert(
                 {count.region, static_cast<int>(count.category), count.date.days_since_epoch()})
             .second) {
      rows.Error("date", count.date.ToString(),
                 fmt::format("repeats the count of {} in \"{}\"", CategoryName(count.category),
                             count.region));
    }
    out.push_back(std::move(count));
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  return out;
}

}  // namespace outbreak::care

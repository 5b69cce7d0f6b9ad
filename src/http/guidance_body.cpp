#include "http/guidance_body.hpp"

#include <cmath>
#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "http/body_fields.hpp"
#include "record/record_json.hpp"

namespace outbreak::http {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

using Fields = BodyFields;

Status Check(std::vector<std::string>& errors) { return record::BodyStatus(std::move(errors)); }

}  // namespace

Result<ChecklistBody> ParseChecklistBody(const std::string& body) {
  return record::ReadOne(guidance::ChecklistRecord(), body);
}

Result<app::TeamPlanRequest> ParsePlanRequestBody(const std::string& body,
                                                  const guidance::TeamRules& defaults) {
  auto root = ParseBodyObject(body);
  if (!root.ok()) return root.status();
  std::vector<std::string> errors;
  Fields top(*root, "", errors);
  top.OnlyKnown({"pins", "exclude", "needs", "default_needs", "groups", "min_size", "max_size",
                 "min_department_officials", "population_weight", "county_weight",
                 "open_finding_weight", "adopt"});
  app::TeamPlanRequest request;
  for (Fields& f : top.Objects("pins", false)) {
    f.OnlyKnown({"official", "area"});
    request.pins.push_back({f.String("official", true), f.String("area", true)});
  }
  request.excluded = top.Strings("exclude");
  request.default_needs = top.Strings("default_needs");
  if (const value* needs = top.Get("needs", false)) {
    if (!needs->is_object()) {
      errors.push_back("needs: is not an object of area -> [expertise]");
    } else {
      Fields f(needs->as_object(), "needs", errors);
      for (const auto& [area, list] : needs->as_object()) {
        request.needs[std::string(area)] = f.Strings(std::string(area).c_str());
      }
    }
  }
  for (Fields& f : top.Objects("groups", false)) {
    f.OnlyKnown({"code", "name", "provinces"});
    request.groups.push_back(
        {f.String("code", true), f.String("name", false), f.Strings("provinces")});
  }
  guidance::TeamRules rules = defaults;
  rules.min_size = static_cast<int>(top.Whole("min_size", false, 1, 50, rules.min_size));
  rules.max_size = static_cast<int>(top.Whole("max_size", false, 1, 50, rules.max_size));
  rules.min_department_officials = static_cast<int>(
      top.Whole("min_department_officials", false, 0, 50, rules.min_department_officials));
  rules.population_weight = top.Number("population_weight", rules.population_weight);
  rules.county_weight = top.Number("county_weight", rules.county_weight);
  rules.open_finding_weight = top.Number("open_finding_weight", rules.open_finding_weight);
  request.rules = rules;
  request.adopt = top.Flag("adopt", false);
  if (Status s = Check(errors); !s.ok()) return s;
  return request;
}

Result<guidance::VisitInput> ParseVisitBody(const std::string& body) {
  return record::ReadOne(guidance::VisitRecord(), body);
}

Result<std::string> ParseClosureBody(const std::string& body) {
  auto closure = record::ReadOne(guidance::ClosureRecord(), body);
  if (!closure.ok()) return closure.status();
  return closure->how;
}

}  // namespace outbreak::http

#include "http/guidance_body.hpp"

#include <cmath>
#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

namespace outbreak::http {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// The fields of one JSON object, read with their place named in every error.
class Fields {
 public:
  Fields(const object& fields, std::string where, std::vector<std::string>& errors)
      : fields_(fields), where_(std::move(where)), errors_(errors) {}

  std::string Place(const char* field) const {
    return where_.empty() ? field : where_ + "." + field;
  }
  const value* Get(const char* field, bool required) {
    const value* v = fields_.if_contains(field);
    if (v == nullptr || v->is_null()) {
      if (required) errors_.push_back(Place(field) + ": is missing");
      return nullptr;
    }
    return v;
  }
  std::string String(const char* field, bool required) {
    const value* v = Get(field, required);
    if (v == nullptr) return "";
    if (!v->is_string()) {
      errors_.push_back(fmt::format("{}: {} is not a string", Place(field), serialize(*v)));
      return "";
    }
    return std::string(v->as_string());
  }
  int64_t Integer(const char* field, bool required, int64_t min, int64_t max, int64_t fallback) {
    const value* v = Get(field, required);
    if (v == nullptr) return fallback;
    if (!v->is_int64() || v->as_int64() < min || v->as_int64() > max) {
      errors_.push_back(fmt::format("{}: {} is not a whole number from {} to {}", Place(field),
                                    serialize(*v), min, max));
      return fallback;
    }
    return v->as_int64();
  }
  double Number(const char* field, double fallback) {
    const value* v = Get(field, false);
    if (v == nullptr) return fallback;
    if (!v->is_number() || v->to_number<double>() < 0 || !std::isfinite(v->to_number<double>())) {
      errors_.push_back(
          fmt::format("{}: {} is not a non-negative number", Place(field), serialize(*v)));
      return fallback;
    }
    return v->to_number<double>();
  }
  bool Bool(const char* field, bool fallback) {
    const value* v = Get(field, false);
    if (v == nullptr) return fallback;
    if (!v->is_bool()) {
      errors_.push_back(fmt::format("{}: {} is not true or false", Place(field), serialize(*v)));
      return fallback;
    }
    return v->as_bool();
  }
  std::vector<std::string> Strings(const char* field) {
    std::vector<std::string> out;
    const array* list = Array(field, false);
    if (list == nullptr) return out;
    for (size_t idx = 0; idx < list->size(); ++idx) {
      if ((*list)[idx].is_string()) {
        out.emplace_back((*list)[idx].as_string());
      } else {
        errors_.push_back(
            fmt::format("{}[{}]: {} is not a string", Place(field), idx, serialize((*list)[idx])));
      }
    }
    return out;
  }
  const array* Array(const char* field, bool required) {
    const value* v = Get(field, required);
    if (v == nullptr) return nullptr;
    if (!v->is_array()) {
      errors_.push_back(Place(field) + ": is not an array");
      return nullptr;
    }
    return &v->as_array();
  }
  // The items of an array that are objects; the others are errors.
  std::vector<std::pair<std::string, const object*>> Objects(const char* field, bool required) {
    std::vector<std::pair<std::string, const object*>> out;
    const array* list = Array(field, required);
    if (list == nullptr) return out;
    for (size_t idx = 0; idx < list->size(); ++idx) {
      const std::string where = fmt::format("{}[{}]", Place(field), idx);
      if ((*list)[idx].is_object()) {
        out.emplace_back(where, &(*list)[idx].as_object());
      } else {
        errors_.push_back(where + ": is not an object");
      }
    }
    return out;
  }
  void OnlyKnown(const std::set<std::string>& known) {
    for (const auto& [key, v] : fields_) {
      if (!known.contains(std::string(key))) {
        errors_.push_back(Place(std::string(key).c_str()) + ": is not a known field");
      }
    }
  }

 private:
  const object& fields_;
  std::string where_;
  std::vector<std::string>& errors_;
};

Result<object> ParseObject(const std::string& body) {
  boost::system::error_code ec;
  value json = boost::json::parse(body.empty() ? std::string("{}") : body, ec);
  if (ec) return Status::InvalidArgument(fmt::format("malformed JSON: {}", ec.message()));
  if (!json.is_object()) return Status::InvalidArgument("the body must be a JSON object");
  return std::move(json.as_object());
}

Status Check(std::vector<std::string>& errors) {
  if (errors.empty()) return Status::Ok();
  std::string message = fmt::format("{} error(s) in the body; nothing was written", errors.size());
  return Status::InvalidArgument(std::move(message), std::move(errors));
}

guidance::Official ReadOfficial(Fields& f, std::vector<std::string>& errors) {
  f.OnlyKnown({"code", "name", "position", "home", "expertise", "available", "user"});
  guidance::Official o;
  o.code = f.String("code", true);
  o.name = f.String("name", true);
  const std::string position = f.String("position", true);
  if (auto parsed = guidance::ParsePosition(position)) {
    o.position = *parsed;
  } else if (!position.empty()) {
    errors.push_back(fmt::format("{}: \"{}\" is not one of {}", f.Place("position"), position,
                                 guidance::PositionList()));
  }
  o.home = f.String("home", true);
  for (const std::string& field : f.Strings("expertise")) {
    if (guidance::IsExpertise(field)) {
      o.expertise.push_back(field);
    } else {
      errors.push_back(fmt::format("{}: \"{}\" is not one of {}", f.Place("expertise"), field,
                                   guidance::ExpertiseList()));
    }
  }
  std::sort(o.expertise.begin(), o.expertise.end());
  o.expertise.erase(std::unique(o.expertise.begin(), o.expertise.end()), o.expertise.end());
  o.available = f.Bool("available", true);
  o.user = f.String("user", false);
  return o;
}

}  // namespace

Result<std::vector<guidance::Official>> ParseOfficialsBody(const std::string& body) {
  auto root = ParseObject(body);
  if (!root.ok()) return root.status();
  std::vector<std::string> errors;
  std::vector<guidance::Official> out;
  if (root->contains("officials")) {
    Fields top(*root, "", errors);
    top.OnlyKnown({"officials"});
    for (const auto& [where, item] : top.Objects("officials", true)) {
      Fields f(*item, where, errors);
      out.push_back(ReadOfficial(f, errors));
    }
  } else {
    Fields f(*root, "", errors);
    out.push_back(ReadOfficial(f, errors));
  }
  if (Status s = Check(errors); !s.ok()) return s;
  return out;
}

Result<ChecklistBody> ParseChecklistBody(const std::string& body) {
  auto root = ParseObject(body);
  if (!root.ok()) return root.status();
  std::vector<std::string> errors;
  Fields top(*root, "", errors);
  top.OnlyKnown({"title", "questions"});
  ChecklistBody out;
  out.title = top.String("title", true);
  for (const auto& [where, item] : top.Objects("questions", true)) {
    Fields f(*item, where, errors);
    f.OnlyKnown({"code", "topic", "text", "answer_type"});
    guidance::Question q;
    q.code = f.String("code", true);
    const std::string topic = f.String("topic", true);
    if (auto parsed = guidance::ParseTopic(topic)) {
      q.topic = *parsed;
    } else if (!topic.empty()) {
      errors.push_back(fmt::format("{}: \"{}\" is not one of {}", f.Place("topic"), topic,
                                   guidance::TopicList()));
    }
    q.text = f.String("text", true);
    const std::string type = f.String("answer_type", true);
    if (auto parsed = guidance::ParseAnswerType(type)) {
      q.type = *parsed;
    } else if (!type.empty()) {
      errors.push_back(fmt::format("{}: \"{}\" is not yes_no, number, rating or text",
                                   f.Place("answer_type"), type));
    }
    out.questions.push_back(std::move(q));
  }
  if (Status s = Check(errors); !s.ok()) return s;
  return out;
}

Result<app::TeamPlanRequest> ParsePlanRequestBody(const std::string& body,
                                                  const guidance::TeamRules& defaults) {
  auto root = ParseObject(body);
  if (!root.ok()) return root.status();
  std::vector<std::string> errors;
  Fields top(*root, "", errors);
  top.OnlyKnown({"pins", "exclude", "needs", "default_needs", "groups", "min_size", "max_size",
                 "min_department_officials", "population_weight", "county_weight",
                 "open_finding_weight", "adopt"});
  app::TeamPlanRequest request;
  for (const auto& [where, item] : top.Objects("pins", false)) {
    Fields f(*item, where, errors);
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
  for (const auto& [where, item] : top.Objects("groups", false)) {
    Fields f(*item, where, errors);
    f.OnlyKnown({"code", "name", "provinces"});
    request.groups.push_back(
        {f.String("code", true), f.String("name", false), f.Strings("provinces")});
  }
  guidance::TeamRules rules = defaults;
  rules.min_size = static_cast<int>(top.Integer("min_size", false, 1, 50, rules.min_size));
  rules.max_size = static_cast<int>(top.Integer("max_size", false, 1, 50, rules.max_size));
  rules.min_department_officials = static_cast<int>(
      top.Integer("min_department_officials", false, 0, 50, rules.min_department_officials));
  rules.population_weight = top.Number("population_weight", rules.population_weight);
  rules.county_weight = top.Number("county_weight", rules.county_weight);
  rules.open_finding_weight = top.Number("open_finding_weight", rules.open_finding_weight);
  request.rules = rules;
  request.adopt = top.Bool("adopt", false);
  if (Status s = Check(errors); !s.ok()) return s;
  return request;
}

Result<guidance::VisitInput> ParseVisitBody(const std::string& body) {
  auto root = ParseObject(body);
  if (!root.ok()) return root.status();
  std::vector<std::string> errors;
  Fields top(*root, "", errors);
  top.OnlyKnown({"team", "region", "date", "checklist_version", "answers", "findings", "note"});
  guidance::VisitInput visit;
  visit.team = top.Integer("team", false, 1, INT64_MAX, 0);
  visit.region = top.String("region", true);
  const std::string date = top.String("date", true);
  if (auto parsed = Date::Parse(date)) {
    visit.date = *parsed;
  } else if (!date.empty()) {
    errors.push_back(fmt::format("date: \"{}\" is not a date (expected YYYY-MM-DD)", date));
  }
  visit.checklist_version =
      static_cast<int>(top.Integer("checklist_version", true, 1, 1'000'000, 0));
  visit.note = top.String("note", false);
  for (const auto& [where, item] : top.Objects("answers", false)) {
    Fields f(*item, where, errors);
    f.OnlyKnown({"question", "value"});
    guidance::Answer answer;
    answer.question = f.String("question", true);
    if (const value* v = f.Get("value", true)) {
      if (v->is_string()) {
        answer.value = std::string(v->as_string());
      } else if (v->is_bool()) {
        answer.value = v->as_bool() ? "yes" : "no";
      } else if (v->is_number()) {
        answer.value = serialize(*v);
      } else {
        errors.push_back(fmt::format("{}: {} is not a string, number or boolean", f.Place("value"),
                                     serialize(*v)));
      }
    }
    visit.answers.push_back(std::move(answer));
  }
  for (const auto& [where, item] : top.Objects("findings", false)) {
    Fields f(*item, where, errors);
    f.OnlyKnown({"topic", "severity", "evidence", "measure", "owner"});
    guidance::FindingInput finding;
    const std::string topic = f.String("topic", true);
    if (auto parsed = guidance::ParseTopic(topic)) {
      finding.topic = *parsed;
    } else if (!topic.empty()) {
      errors.push_back(fmt::format("{}: \"{}\" is not one of {}", f.Place("topic"), topic,
                                   guidance::TopicList()));
    }
    const std::string severity = f.String("severity", true);
    if (auto parsed = guidance::ParseSeverity(severity)) {
      finding.severity = *parsed;
    } else if (!severity.empty()) {
      errors.push_back(fmt::format("{}: \"{}\" is not low, medium, high or critical",
                                   f.Place("severity"), severity));
    }
    finding.evidence = f.String("evidence", true);
    finding.measure = f.String("measure", true);
    finding.owner = f.String("owner", true);
    visit.findings.push_back(std::move(finding));
  }
  if (Status s = Check(errors); !s.ok()) return s;
  return visit;
}

Result<std::string> ParseClosureBody(const std::string& body) {
  auto root = ParseObject(body);
  if (!root.ok()) return root.status();
  std::vector<std::string> errors;
  Fields top(*root, "", errors);
  top.OnlyKnown({"how"});
  std::string how = top.String("how", true);
  if (Status s = Check(errors); !s.ok()) return s;
  if (how.empty()) return Status::InvalidArgument("how: is empty (say how it was dealt with)");
  return how;
}

}  // namespace outbreak::http

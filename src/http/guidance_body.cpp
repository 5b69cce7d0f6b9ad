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
  auto root = ParseBodyObject(body);
  if (!root.ok()) return root.status();
  std::vector<std::string> errors;
  Fields top(*root, "", errors);
  top.OnlyKnown({"title", "questions"});
  ChecklistBody out;
  out.title = top.String("title", true);
  for (Fields& f : top.Objects("questions", true)) {
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
  auto root = ParseBodyObject(body);
  if (!root.ok()) return root.status();
  std::vector<std::string> errors;
  Fields top(*root, "", errors);
  top.OnlyKnown({"team", "region", "date", "checklist_version", "answers", "findings", "note"});
  guidance::VisitInput visit;
  visit.team = top.Whole("team", false, 1, INT64_MAX, 0);
  visit.region = top.String("region", true);
  const std::string date = top.String("date", true);
  if (auto parsed = Date::Parse(date)) {
    visit.date = *parsed;
  } else if (!date.empty()) {
    errors.push_back(fmt::format("date: \"{}\" is not a date (expected YYYY-MM-DD)", date));
  }
  visit.checklist_version = static_cast<int>(top.Whole("checklist_version", true, 1, 1'000'000, 0));
  visit.note = top.String("note", false);
  for (Fields& f : top.Objects("answers", false)) {
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
  for (Fields& f : top.Objects("findings", false)) {
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
  auto root = ParseBodyObject(body);
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

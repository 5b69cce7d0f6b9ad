#include "http/body_fields.hpp"

#include <cmath>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "record/json_number.hpp"
#include "record/record_json.hpp"

namespace outbreak::http {

namespace json = boost::json;

std::string BodyFields::Place(std::string_view field) const {
  return where_.empty() ? std::string(field) : where_ + "." + std::string(field);
}

void BodyFields::Error(std::string_view field, const std::string& reason) {
  errors_->push_back(Place(field) + ": " + reason);
}

const json::value* BodyFields::Get(const char* field, bool required) {
  const json::value* v = object_.if_contains(field);
  if (v == nullptr || v->is_null()) {
    if (required) Error(field, "is missing");
    return nullptr;
  }
  return v;
}

std::string BodyFields::String(const char* field, bool required) {
  const json::value* v = Get(field, required);
  if (v == nullptr) return "";
  if (!v->is_string()) {
    Error(field, fmt::format("{} is not a string", json::serialize(*v)));
    return "";
  }
  return std::string(v->as_string());
}

int64_t BodyFields::Whole(const char* field, bool required, int64_t min, int64_t max,
                          int64_t fallback) {
  const json::value* v = Get(field, required);
  if (v == nullptr) return fallback;
  std::string reason;
  std::optional<int64_t> value = record::WholeNumber(*v, min, max, reason);
  if (!value) Error(field, reason);
  return value.value_or(fallback);
}

double BodyFields::Number(const char* field, bool required, double fallback, double min,
                          double max) {
  const json::value* v = Get(field, required);
  if (v == nullptr) return fallback;
  if (!v->is_number() || !std::isfinite(v->to_number<double>()) || v->to_number<double>() < min ||
      v->to_number<double>() > max) {
    Error(field, fmt::format("{} is not a number from {} to {}", json::serialize(*v), min, max));
    return fallback;
  }
  return v->to_number<double>();
}

double BodyFields::Number(const char* field, double fallback) {
  const json::value* v = Get(field, false);
  if (v == nullptr) return fallback;
  if (!v->is_number() || !std::isfinite(v->to_number<double>()) || v->to_number<double>() < 0) {
    Error(field, fmt::format("{} is not a non-negative number", json::serialize(*v)));
    return fallback;
  }
  return v->to_number<double>();
}

bool BodyFields::Flag(const char* field, bool fallback) {
  const json::value* v = Get(field, false);
  if (v == nullptr) return fallback;
  if (!v->is_bool()) {
    Error(field, fmt::format("{} is not true or false", json::serialize(*v)));
    return fallback;
  }
  return v->as_bool();
}

std::optional<Date> BodyFields::DateField(const char* field, bool required) {
  const json::value* v = Get(field, required);
  if (v == nullptr) return std::nullopt;
  std::optional<Date> date;
  if (v->is_string()) date = Date::Parse(v->as_string());
  if (!date) {
    Error(field, fmt::format("{} is not a date (expected \"YYYY-MM-DD\")", json::serialize(*v)));
  }
  return date;
}

const json::array* BodyFields::Array(const char* field, bool required) {
  const json::value* v = Get(field, required);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) {
    Error(field, "must be an array");
    return nullptr;
  }
  return &v->as_array();
}

std::vector<int64_t> BodyFields::Ids(const char* field) {
  std::vector<int64_t> out;
  const json::array* list = Array(field, false);
  if (list == nullptr) return out;
  for (size_t idx = 0; idx < list->size(); ++idx) {
    std::string reason;
    std::optional<int64_t> id = record::WholeNumber((*list)[idx], 1, kMaxCount, reason);
    if (!id) {
      Error(fmt::format("{}[{}]", field, idx), reason);
      continue;
    }
    out.push_back(*id);
  }
  return out;
}

std::vector<std::string> BodyFields::Strings(const char* field) {
  std::vector<std::string> out;
  const json::array* list = Array(field, false);
  if (list == nullptr) return out;
  for (size_t idx = 0; idx < list->size(); ++idx) {
    if ((*list)[idx].is_string()) {
      out.emplace_back((*list)[idx].as_string());
    } else {
      Error(fmt::format("{}[{}]", field, idx),
            fmt::format("{} is not a string", json::serialize((*list)[idx])));
    }
  }
  return out;
}

std::vector<BodyFields> BodyFields::Objects(const char* field, bool required) {
  std::vector<BodyFields> out;
  const json::array* list = Array(field, required);
  if (list == nullptr) return out;
  for (size_t idx = 0; idx < list->size(); ++idx) {
    const std::string where = fmt::format("{}[{}]", Place(field), idx);
    if (!(*list)[idx].is_object()) {
      errors_->push_back(where + ": must be an object");
      continue;
    }
    out.emplace_back((*list)[idx].as_object(), where, *errors_);
  }
  return out;
}

void BodyFields::OnlyKnown(std::initializer_list<std::string_view> known) {
  for (const auto& [key, v] : object_) {
    bool found = false;
    for (std::string_view each : known) found = found || each == std::string_view(key);
    if (!found) Error(std::string_view(key), "is not a known field");
  }
}

void BodyFields::OnlyKnown(const std::set<std::string>& known) {
  for (const auto& [key, v] : object_) {
    if (!known.contains(std::string(key))) Error(std::string_view(key), "is not a known field");
  }
}

Result<json::object> ParseBodyObject(std::string_view body) {
  Result<json::value> parsed = record::ParseJson(body.empty() ? std::string_view("{}") : body);
  if (!parsed.ok()) return parsed.status();
  if (!parsed->is_object()) return Status::InvalidArgument("the body must be a JSON object");
  return std::move(parsed->as_object());
}

}  // namespace outbreak::http

#include "record/record_json.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "record/json_number.hpp"

namespace outbreak::record {

namespace json = boost::json;

namespace {

// The number tokens of a JSON text in document order (strings skipped).
std::vector<std::string_view> NumberTokens(std::string_view text) {
  std::vector<std::string_view> out;
  bool in_string = false;
  for (size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (in_string) {
      if (c == '\\') {
        ++at;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      size_t end = at + 1;
      while (end < text.size() &&
             (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.' ||
              text[end] == 'e' || text[end] == 'E' || text[end] == '+' || text[end] == '-')) {
        ++end;
      }
      out.push_back(text.substr(at, end - at));
      at = end - 1;
    }
  }
  return out;
}

// The numbers of `value` in document order (an object keeps its keys in the order read).
void NumberLeaves(json::value& value, std::vector<json::value*>& out) {
  if (value.is_number()) {
    out.push_back(&value);
  } else if (value.is_array()) {
    for (json::value& item : value.as_array()) NumberLeaves(item, out);
  } else if (value.is_object()) {
    for (auto& [key, item] : value.as_object()) NumberLeaves(item, out);
  }
}

}  // namespace

Result<json::value> ParseJson(std::string_view text) {
  boost::system::error_code ec;
  json::value parsed = json::parse(text, ec);
  if (ec) return Status::InvalidArgument(fmt::format("malformed JSON: {}", ec.message()));
  std::vector<json::value*> leaves;
  NumberLeaves(parsed, leaves);
  const std::vector<std::string_view> tokens = NumberTokens(text);
  // A key given twice keeps one value, and the two lists no longer pair up: keep what was read.
  if (tokens.size() != leaves.size()) return parsed;
  for (size_t idx = 0; idx < leaves.size(); ++idx) {
    if (!leaves[idx]->is_double()) continue;
    double exact = 0;
    const std::string_view token = tokens[idx];
    auto [end, err] = std::from_chars(token.data(), token.data() + token.size(), exact);
    if (err == std::errc() && end == token.data() + token.size()) *leaves[idx] = exact;
  }
  return parsed;
}

Result<BodyItems> SplitBody(std::string_view body, std::string_view list,
                            const std::vector<std::string_view>& root_fields,
                            std::vector<std::string>& errors) {
  Result<json::value> parsed = ParseJson(body.empty() ? std::string_view("{}") : body);
  if (!parsed.ok()) return parsed.status();
  if (!parsed->is_object()) return Status::InvalidArgument("the body must be a JSON object");
  json::object& object = parsed->as_object();
  BodyItems out;
  for (std::string_view field : root_fields) {
    if (const json::value* v = object.if_contains(field)) out.root[field] = *v;
    object.erase(field);
  }
  const json::value* items = object.if_contains(list);
  if (items == nullptr) {
    if (object.empty()) return Status::InvalidArgument(fmt::format("{}: is missing", list));
    out.items.push_back(std::move(object));
    out.where.emplace_back(list);
    return out;
  }
  if (!items->is_array()) return Status::InvalidArgument(fmt::format("{}: must be an array", list));
  const json::array& array = items->as_array();
  if (array.empty()) return Status::InvalidArgument(fmt::format("{}: is empty", list));
  if (array.size() > kMaxBodyItems) {
    return Status::InvalidArgument(
        fmt::format("{}: more than {} in one request; split them", list, kMaxBodyItems));
  }
  for (const auto& [key, unused] : object) {
    if (std::string_view(key) != list) {
      errors.push_back(fmt::format("{}: is not a known field", std::string_view(key)));
    }
  }
  for (size_t idx = 0; idx < array.size(); ++idx) {
    const std::string where = fmt::format("{}[{}]", list, idx);
    if (!array[idx].is_object()) {
      errors.push_back(where + ": must be an object");
      continue;
    }
    out.items.push_back(array[idx].as_object());
    out.where.push_back(where);
  }
  return out;
}

std::optional<Value> FromJson(const FieldSpec& field, const json::value* value,
                              std::string& reason) {
  if (value == nullptr || value->is_null()) return Value();
  const std::string text = json::serialize(*value);
  switch (field.kind) {
    case Kind::kCode:
    case Kind::kText:
    case Kind::kChoice:
      if (!value->is_string()) {
        reason = text + " is not a string";
        return std::nullopt;
      }
      if (value->as_string().empty()) return Value();
      return Value(std::string(value->as_string()));
    case Kind::kScalar:
      if (value->is_string()) {
        if (value->as_string().empty()) return Value();
        return Value(std::string(value->as_string()));
      }
      if (value->is_bool()) return Value(std::string(value->as_bool() ? "yes" : "no"));
      if (value->is_number()) return Value(text);
      reason = text + " is not a string, number or boolean";
      return std::nullopt;
    case Kind::kWhole: {
      // The bounds are the field's; WholeNumber reads the number without any.
      std::optional<int64_t> number = WholeNumber(*value, INT64_MIN, INT64_MAX, reason);
      if (!number) {
        // Beyond int64 (a uint64, or a whole number written so large that it parsed as a double).
        const bool whole_double =
            value->is_double() && std::trunc(value->as_double()) == value->as_double();
        if (value->is_uint64() || (whole_double && value->as_double() > 0)) {
          reason = text + " is more than " + fmt::format("{}", field.max);
        } else if (whole_double) {
          reason =
              text + (field.min == 0 ? " is negative" : fmt::format(" is less than {}", field.min));
        }
        return std::nullopt;
      }
      return Value(*number);
    }
    case Kind::kNumber:
      if (!value->is_number() || !std::isfinite(value->to_number<double>())) {
        reason = text + " is not a number";
        return std::nullopt;
      }
      return Value(value->to_number<double>());
    case Kind::kFlag:
      if (!value->is_bool()) {
        reason = text + " is not true or false";
        return std::nullopt;
      }
      return Value(value->as_bool());
    case Kind::kChoices: {
      std::vector<std::string> names;
      const bool strings =
          value->is_array() && std::all_of(value->as_array().begin(), value->as_array().end(),
                                           [](const json::value& v) { return v.is_string(); });
      if (!strings) {
        reason = text + " is not an array of strings";
        return std::nullopt;
      }
      for (const json::value& name : value->as_array()) names.emplace_back(name.as_string());
      return Value(std::move(names));
    }
    case Kind::kDate:
      if (value->is_string()) {
        if (std::optional<Date> date = Date::Parse(value->as_string())) return Value(*date);
      }
      reason = text + " is not a date (expected \"YYYY-MM-DD\")";
      return std::nullopt;
    case Kind::kItems:  // read by the field's read_items
      return std::nullopt;
  }
  return std::nullopt;
}

json::value ToJson(const Value& value) {
  struct Visitor {
    json::value operator()(std::monostate) const { return nullptr; }
    json::value operator()(const std::string& text) const { return json::string(text); }
    json::value operator()(int64_t number) const { return number; }
    json::value operator()(double number) const { return number; }
    json::value operator()(bool flag) const { return flag; }
    json::value operator()(const Date& date) const { return json::string(date.ToString()); }
    json::value operator()(const std::vector<std::string>& names) const {
      json::array out;
      for (const std::string& name : names) out.emplace_back(name);
      return out;
    }
  };
  return std::visit(Visitor{}, value);
}

std::string Described(const Value& value, const std::string& refusal) {
  if (std::holds_alternative<std::monostate>(value)) return refusal;
  return json::serialize(ToJson(value)) + " " + refusal;
}

Status BodyStatus(std::vector<std::string> errors) {
  if (errors.empty()) return Status::Ok();
  std::string message = fmt::format("{} error(s) in the body; nothing was written", errors.size());
  return Status::InvalidArgument(std::move(message), std::move(errors));
}

json::object FieldSchema(const FieldSpec& field) {
  json::object out;
  switch (field.kind) {
    case Kind::kCode:
      out = {{"type", "string"},
             {"minLength", 1},
             {"maxLength", field.MaxLength()},
             {"pattern", "^[^ \\t\\r\\n/\\\\?#%=,;|]+$"}};
      break;
    case Kind::kText:
      out = {{"type", "string"}, {"maxLength", field.MaxLength()}};
      break;
    case Kind::kScalar:
      out = {
          {"oneOf", json::array{json::object{{"type", "string"}}, json::object{{"type", "number"}},
                                json::object{{"type", "boolean"}}}}};
      break;
    case Kind::kWhole:
      out = {{"type", "integer"},
             {"minimum", static_cast<int64_t>(field.min)},
             {"maximum", static_cast<int64_t>(field.max)}};
      break;
    case Kind::kNumber:
      out = {{"type", "number"}, {"maximum", field.max}};
      out[field.above_min ? "exclusiveMinimum" : "minimum"] = field.min;
      break;
    case Kind::kFlag:
      out = {{"type", "boolean"}};
      break;
    case Kind::kDate:
      out = {{"type", "string"}, {"format", "date"}};
      break;
    case Kind::kChoice: {
      json::array names;
      for (const std::string& choice : field.choices) names.emplace_back(choice);
      out = {{"type", "string"}, {"enum", std::move(names)}};
      break;
    }
    case Kind::kChoices: {
      json::array names;
      for (const std::string& choice : field.choices) names.emplace_back(choice);
      out = {{"type", "array"},
             {"items", json::object{{"type", "string"}, {"enum", std::move(names)}}}};
      break;
    }
    case Kind::kItems:
      out = {{"type", "array"},
             {"items", json::object{{"$ref", "#/components/schemas/" + field.items_schema}}}};
      if (field.required) out["minItems"] = 1;
      break;
  }
  std::string about = field.about;
  if (!field.unit.empty())
    about += (about.empty() ? "" : " ") + std::string("(") + field.unit + ")";
  if (!about.empty()) out["description"] = about;
  return out;
}

json::object RecordSchema(const std::vector<const FieldSpec*>& fields, std::string_view about) {
  json::object properties;
  json::array required;
  for (const FieldSpec* field : fields) {
    properties[field->name] = FieldSchema(*field);
    if (field->required) required.emplace_back(field->name);
  }
  json::object out{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) out["required"] = std::move(required);
  if (!about.empty()) out["description"] = about;
  return out;
}

}  // namespace outbreak::record

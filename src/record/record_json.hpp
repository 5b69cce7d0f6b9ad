#pragma once
// The JSON side of a declared record: the one reader of request bodies, the rendering of a record,
// and its schema in the API's OpenAPI description, all derived from the declaration
// (record.hpp).
//
// A body is {"<list>": [<item>...], "reason": "..."} or one item alone. Every mistake is named
// as "where.field: value reason" ("nodes[2].kind: "depot" is not factory, ... or pharmacy"), all
// at once; a body with any mistake yields nothing. A field not declared is a mistake too: a typo
// must not drop data silently.

#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/status.hpp"
#include "record/record.hpp"

namespace outbreak::record {

// The most items one body may carry.
inline constexpr size_t kMaxBodyItems = 10'000;

template <typename T>
struct Batch {
  std::vector<T> items;
  std::vector<std::string> where;  // each item's place in the body, for messages: "nodes[2]"
  std::string reason;              // why the caller writes them (the audit trail keeps it)
  boost::json::object root;        // the other fields given beside the list (ReadBody's `root`)
};

// A body split into its items: each item's object and where it is for messages ("nodes[2]", or
// "nodes" for a body that is one item), and the fields given at the root beside the list.
struct BodyItems {
  boost::json::object root;
  std::vector<boost::json::object> items;
  std::vector<std::string> where;
};

// `text` parsed as JSON with every decimal number read exactly (the double nearest to its text).
// Boost.JSON 1.81 reads decimals up to one unit in the last place off, so a number this server
// renders and is sent back would otherwise change; kInvalidArgument when malformed.
Result<boost::json::value> ParseJson(std::string_view text);

// Splits `body`; `root_fields` may be given beside the list (and are not fields of a single
// item). A malformed body, a list that is not an array, empty or longer than kMaxBodyItems is an
// error at once; an item that is not an object, or an unknown field at the root, is added to
// `errors`.
Result<BodyItems> SplitBody(std::string_view body, std::string_view list,
                            const std::vector<std::string_view>& root_fields,
                            std::vector<std::string>& errors);

// The field's value in `object` (monostate when absent or null), or nullopt with `reason` set
// when it is of another kind. `reason` then names the value ("1.5 is not a whole number").
std::optional<Value> FromJson(const FieldSpec& field, const boost::json::value* value,
                              std::string& reason);
boost::json::value ToJson(const Value& value);
// A refusal with the value in front, as JSON writes it: "\"depot\" is not ...", "-3 is negative";
// the refusal alone for a value not given.
std::string Described(const Value& value, const std::string& refusal);

// The errors as one kInvalidArgument ("N error(s) in the body; nothing was written"), or OK.
Status BodyStatus(std::vector<std::string> errors);

// The schema of one field and of the whole record, for components/schemas.
boost::json::object FieldSchema(const FieldSpec& field);
boost::json::object RecordSchema(const std::vector<const FieldSpec*>& fields,
                                 std::string_view about);

// Reads one item of `record` from `object`; mistakes go to `errors` as "where.field: ...".
template <typename T>
T ReadItem(const Record<T>& record, const boost::json::object& object, const std::string& where,
           std::vector<std::string>& errors, std::set<std::string>& refused) {
  T item{};
  const std::string prefix = where.empty() ? "" : where + ".";
  for (const auto& [key, unused] : object) {
    if (record.Find(std::string_view(key)) == nullptr) {
      errors.push_back(prefix + std::string(key) + ": is not a known field");
    }
  }
  for (const Field<T>& field : record.fields) {
    const boost::json::value* given = object.if_contains(field.name);
    if (field.kind == Kind::kItems) {
      const size_t before = errors.size();
      if (given == nullptr || given->is_null() ||
          (given->is_array() && given->as_array().empty())) {
        if (field.required) errors.push_back(prefix + field.name + ": is missing or empty");
      } else if (!given->is_array()) {
        errors.push_back(prefix + field.name + ": must be an array");
      } else {
        field.read_items(item, given->as_array(), prefix + field.name, errors);
      }
      if (errors.size() != before) refused.insert(field.name);
      continue;
    }
    std::string reason;
    std::optional<Value> value = FromJson(field, given, reason);
    if (value && std::holds_alternative<std::monostate>(*value) && field.required &&
        (given == nullptr || given->is_null())) {
      reason = "is missing";
    } else if (value) {
      if (std::optional<std::string> refusal = Refusal(field, *value)) {
        reason = Described(*value, *refusal);
      }
    }
    if (!reason.empty()) {
      errors.push_back(prefix + field.name + ": " + reason);
      refused.insert(field.name);
      continue;
    }
    if (!std::holds_alternative<std::monostate>(*value)) field.set(item, *value);
  }
  return item;
}

// Reads a body of records; `against` checks each against what is known outside the body or the
// items before it. `root` names fields the caller reads beside the list and "reason" (they are
// kept in Batch::root).
template <typename T>
Result<Batch<T>> ReadBody(const Record<T>& record, std::string_view body,
                          const std::function<void(const T&, const Problem&)>& against = {},
                          std::initializer_list<std::string_view> root = {}) {
  std::vector<std::string> errors;
  std::vector<std::string_view> root_fields{"reason"};
  root_fields.insert(root_fields.end(), root.begin(), root.end());
  Result<BodyItems> split = SplitBody(body, record.list, root_fields, errors);
  if (!split.ok()) return split.status();
  Batch<T> out;
  out.root = split->root;
  if (const boost::json::value* reason = split->root.if_contains("reason")) {
    if (reason->is_string()) {
      out.reason = std::string(reason->as_string());
    } else if (!reason->is_null()) {
      errors.push_back("reason: is not a string");
    }
  }
  std::set<std::string> keys;
  for (size_t idx = 0; idx < split->items.size(); ++idx) {
    const std::string& where = split->where[idx];
    std::set<std::string> refused;
    T item = ReadItem(record, split->items[idx], where, errors, refused);
    const Problem problem = [&](std::string_view field, const std::string& why) {
      if (refused.emplace(field).second) {
        errors.push_back(where + "." + std::string(field) + ": " + why);
      }
    };
    if (record.check) record.check(item, problem);
    if (against) against(item, problem);
    if (!record.key.empty() && KeyRead(record, refused) &&
        !keys.insert(KeyOf(record, item)).second) {
      problem(record.key.back(), RepeatReason(record, item, "the body"));
    }
    out.items.push_back(std::move(item));
    out.where.push_back(where);
  }
  if (Status s = BodyStatus(std::move(errors)); !s.ok()) return s;
  return out;
}

// Reads a body that is one record alone, never a list (a sign-in, a user to add); mistakes are
// named by field ("password: is missing"). `against` as ReadBody's.
template <typename T>
Result<T> ReadOne(const Record<T>& record, std::string_view body,
                  const std::function<void(const T&, const Problem&)>& against = {}) {
  Result<boost::json::value> parsed = ParseJson(body.empty() ? std::string_view("{}") : body);
  if (!parsed.ok()) return parsed.status();
  if (!parsed->is_object()) return Status::InvalidArgument("the body must be a JSON object");
  std::vector<std::string> errors;
  std::set<std::string> refused;
  T item = ReadItem(record, parsed->as_object(), "", errors, refused);
  const Problem problem = [&](std::string_view field, const std::string& why) {
    if (refused.emplace(field).second) errors.push_back(std::string(field) + ": " + why);
  };
  if (record.check) record.check(item, problem);
  if (against) against(item, problem);
  if (Status s = BodyStatus(std::move(errors)); !s.ok()) return s;
  return item;
}

template <typename T>
boost::json::object ToJson(const Record<T>& record, const T& item) {
  boost::json::object out;
  for (const Field<T>& field : record.fields) {
    out[field.name] =
        field.kind == Kind::kItems ? field.render_items(item) : ToJson(field.get(item));
  }
  return out;
}

// A list of records of another declaration kept in `member` (a shipment's lines): each item read
// by `sub` (its fields, its rule across fields, its key once in the list), named
// "lines[2].quantity". Required (at least one item) unless made Optional(). Its schema refers to
// `sub`'s, which the API registers beside the record's.
template <typename T, typename Sub>
Field<T> Items(std::string name, std::vector<Sub> T::*member, const Record<Sub>& sub) {
  Field<T> field;
  field.name = std::move(name);
  field.kind = Kind::kItems;
  field.items_schema = sub.schema;
  field.set = [](T&, const Value&) {};
  field.get = [](const T&) { return Value(); };
  field.read_items = [member, &sub](T& item, const boost::json::array& list,
                                    const std::string& where, std::vector<std::string>& errors) {
    if (list.size() > kMaxBodyItems) {
      errors.push_back(where + ": more than " + std::to_string(kMaxBodyItems) + " items");
      return;
    }
    std::set<std::string> keys;
    for (size_t idx = 0; idx < list.size(); ++idx) {
      const std::string at = where + "[" + std::to_string(idx) + "]";
      if (!list[idx].is_object()) {
        errors.push_back(at + ": must be an object");
        continue;
      }
      std::set<std::string> refused;
      Sub one = ReadItem(sub, list[idx].as_object(), at, errors, refused);
      const Problem problem = [&](std::string_view field_name, const std::string& why) {
        if (refused.emplace(field_name).second) {
          errors.push_back(at + "." + std::string(field_name) + ": " + why);
        }
      };
      if (sub.check) sub.check(one, problem);
      if (!sub.key.empty() && KeyRead(sub, refused) && !keys.insert(KeyOf(sub, one)).second) {
        problem(sub.key.back(), RepeatReason(sub, one, where));
      }
      (item.*member).push_back(std::move(one));
    }
  };
  field.render_items = [member, &sub](const T& item) {
    boost::json::array out;
    for (const Sub& one : item.*member) out.push_back(ToJson(sub, one));
    return boost::json::value(std::move(out));
  };
  return field;
}

// A function rendering one T, for lists: Renderer(NodeRecord()).
template <typename T>
auto Renderer(const Record<T>& record) {
  return [&record](const T& item) { return ToJson(record, item); };
}

template <typename T>
boost::json::object Schema(const Record<T>& record) {
  std::vector<const FieldSpec*> fields;
  for (const Field<T>& field : record.fields) fields.push_back(&field);
  return RecordSchema(fields, record.about);
}

}  // namespace outbreak::record

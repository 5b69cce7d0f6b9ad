#pragma once
// A record that comes from outside (a file, a request), declared once: its fields with their kind,
// unit, bounds and whether they are required; the fields that identify one record; the field that
// names the region owning it; the permission that writes it and whether only the nation may.
//
// Everything else is derived from the declaration: the CSV reader (record_csv.hpp), the JSON body
// reader, the JSON rendering and the OpenAPI schema (record_json.hpp), and the routes of a
// reference table (http/record_routes.hpp). A file and a request therefore accept and refuse the
// same values with the same words, and a new field is one line here.
//
// Declarations are immutable after construction and safe to share between threads.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <boost/json/fwd.hpp>

#include "access/role.hpp"
#include "core/bounds.hpp"
#include "core/date.hpp"
#include "core/status.hpp"

namespace outbreak::record {

enum class Kind {
  kCode,     // an identifier that goes into URLs and file names: no space, / \ ? # %
  kText,     // free text
  kWhole,    // a whole number within [min, max]
  kNumber,   // a finite decimal number within [min, max]
  kFlag,     // true or false
  kDate,     // YYYY-MM-DD
  kChoice,   // one of a list of names
  kChoices,  // a set of such names: a JSON array, or in a file separated by ';' (or '|')
  kItems,    // a list of records of another declaration (a shipment's lines); JSON only
  kScalar,   // text, a number or true/false, kept as text ("yes"/"no" for true/false)
};

// One field's value; monostate is "not given".
using Value = std::variant<std::monostate, std::string, int64_t, double, bool, Date,
                           std::vector<std::string>>;

// The longest code and the longest free text a field takes (characters of UTF-8, counted in bytes).
inline constexpr size_t kMaxCodeLength = 64;
inline constexpr size_t kMaxTextLength = 2000;

// What a field is, without how it is kept in a record: the part of a field the readers, the
// checks and the schema need.
struct FieldSpec {
  std::string name;
  Kind kind = Kind::kText;
  bool required = true;
  std::string unit;   // of a number: "units", "beds", "hours", "days", "persons"
  std::string about;  // for people: what it means
  double min = 0;     // bounds of a whole number or a number, inclusive
  double max = 0;
  bool above_min = false;  // a number must be more than `min`, not equal to it
  std::vector<std::string> choices;
  size_t longest = 0;        // of a text, in bytes; 0: kMaxTextLength (kMaxCodeLength for a code)
  std::string items_schema;  // of a list of records: the schema of one (record_json.hpp, Items)

  size_t MaxLength() const {
    if (longest != 0) return longest;
    return kind == Kind::kCode ? kMaxCodeLength : kMaxTextLength;
  }
};

// Why `value` is refused for `field` ("is empty", "is more than 1000000000000", "is not one of
// open, standby, closed"), or nullopt when it is acceptable. The reason never repeats the value:
// the reader puts it in front.
std::optional<std::string> Refusal(const FieldSpec& field, const Value& value);

// A CSV field's text as the field's value: monostate when empty; nullopt with `reason` set when the
// text is not of the field's kind ("is not a whole number").
std::optional<Value> FromText(const FieldSpec& field, std::string_view text, std::string& reason);

// The value as text (CSV and messages): "" for monostate, "true"/"false", "2022-05-20", 1.5.
std::string ToText(const Value& value);

// A field of a record of type T: its spec and how it is read from and written into a T.
template <typename T>
struct Field : FieldSpec {
  std::function<void(T&, const Value&)> set;
  std::function<Value(const T&)> get;
  // Of a list of records (kItems, made by record::Items in record_json.hpp): reads the list into
  // a T, naming each mistake as "where[idx].field: ..."; renders it.
  std::function<void(T&, const boost::json::array&, const std::string& where,
                     std::vector<std::string>& errors)>
      read_items;
  std::function<boost::json::value(const T&)> render_items;

  Field& Optional() {
    required = false;
    return *this;
  }
  Field& About(std::string text) {
    about = std::move(text);
    return *this;
  }
  Field& Unit(std::string text) {
    unit = std::move(text);
    return *this;
  }
  // A text longer than kMaxTextLength (a document).
  Field& Longest(size_t bytes) {
    longest = bytes;
    return *this;
  }
};

struct Owner {
  std::string field;
  std::string via;  // "": the field is a region code; else the kind of record it names
};

// A problem found across fields: the field it is reported on, and why.
using Problem = std::function<void(std::string_view field, const std::string& reason)>;

template <typename T>
struct Record {
  std::string schema;  // its name in the API's description: "Medicine"
  std::string list;    // the key of a list of them in a body, and their name in messages
  std::string about;
  std::vector<Field<T>> fields;
  // The fields that identify one record: the same key twice in one file or body is refused, and a
  // write of an existing key replaces that record.
  std::vector<std::string> key;
  // The fields that say where the record belongs, each a region's code or the code of a record
  // that belongs to a region (`via` names which: "node" a supply node, "centre" a treatment
  // centre); none for data of the whole country. A caller writes a record only when every owner is
  // in its region, and moves a record (a new region for an existing key) only with rights over
  // both regions.
  std::vector<Owner> owners;
  access::Permission permission = access::Permission::kManageSupply;  // the right that writes it
  bool national = false;  // only callers of the whole country write it
  // Rules across fields, beyond each field's own (a link's two ends differ).
  std::function<void(const T&, const Problem&)> check;

  const Field<T>* Find(std::string_view name) const {
    for (const Field<T>& field : fields) {
      if (field.name == name) return &field;
    }
    return nullptr;
  }
};

// --- Declaring fields -----------------------------------------------------------------------

// An identifier (required unless made Optional()).
template <typename T>
Field<T> Code(std::string name, std::string T::*member) {
  Field<T> field;
  field.name = std::move(name);
  field.kind = Kind::kCode;
  field.set = [member](T& item, const Value& v) { item.*member = std::get<std::string>(v); };
  field.get = [member](const T& item) { return Value(item.*member); };
  return field;
}

// Free text.
template <typename T>
Field<T> Text(std::string name, std::string T::*member) {
  Field<T> field = Code(std::move(name), member);
  field.kind = Kind::kText;
  return field;
}

// A whole number from `min` to `max` kept in an integer member of any width.
template <typename T, typename Int>
Field<T> Whole(std::string name, Int T::*member, int64_t min = 0, int64_t max = kMaxCount) {
  Field<T> field;
  field.name = std::move(name);
  field.kind = Kind::kWhole;
  field.min = static_cast<double>(min);
  field.max = static_cast<double>(max);
  field.set = [member](T& item, const Value& v) {
    item.*member = static_cast<Int>(std::get<int64_t>(v));
  };
  field.get = [member](const T& item) { return Value(static_cast<int64_t>(item.*member)); };
  return field;
}

// A decimal number from `min` (excluded when `above_min`) to `max`.
template <typename T>
Field<T> Number(std::string name, double T::*member, double min, double max,
                bool above_min = false) {
  Field<T> field;
  field.name = std::move(name);
  field.kind = Kind::kNumber;
  field.min = min;
  field.max = max;
  field.above_min = above_min;
  field.set = [member](T& item, const Value& v) { item.*member = std::get<double>(v); };
  field.get = [member](const T& item) { return Value(item.*member); };
  return field;
}

// Text, a number or true/false, kept as text (an answer whose type its question says).
template <typename T>
Field<T> Scalar(std::string name, std::string T::*member) {
  Field<T> field = Code(std::move(name), member);
  field.kind = Kind::kScalar;
  return field;
}

// true or false; optional, false when not given.
template <typename T>
Field<T> Flag(std::string name, bool T::*member) {
  Field<T> field;
  field.name = std::move(name);
  field.kind = Kind::kFlag;
  field.required = false;
  field.set = [member](T& item, const Value& v) { item.*member = std::get<bool>(v); };
  field.get = [member](const T& item) { return Value(item.*member); };
  return field;
}

template <typename T>
Field<T> Day(std::string name, Date T::*member) {
  Field<T> field;
  field.name = std::move(name);
  field.kind = Kind::kDate;
  field.set = [member](T& item, const Value& v) { item.*member = std::get<Date>(v); };
  field.get = [member](const T& item) { return Value(item.*member); };
  return field;
}

// One of `values`, each named by `name_of` in files and bodies.
template <typename T, typename Enum>
Field<T> Choice(std::string name, Enum T::*member, std::vector<Enum> values,
                std::string_view (*name_of)(Enum)) {
  Field<T> field;
  field.name = std::move(name);
  field.kind = Kind::kChoice;
  for (Enum value : values) field.choices.emplace_back(name_of(value));
  field.set = [member, values, choices = field.choices](T& item, const Value& v) {
    const std::string& text = std::get<std::string>(v);
    for (size_t idx = 0; idx < choices.size(); ++idx) {
      if (choices[idx] == text) item.*member = values[idx];
    }
  };
  field.get = [member, name_of](const T& item) {
    return Value(std::string(name_of(item.*member)));
  };
  return field;
}

// Names from `choices`, kept sorted and once each.
template <typename T>
Field<T> Choices(std::string name, std::vector<std::string> T::*member,
                 std::vector<std::string> choices) {
  Field<T> field;
  field.name = std::move(name);
  field.kind = Kind::kChoices;
  field.required = false;
  field.choices = std::move(choices);
  field.set = [member](T& item, const Value& v) {
    std::vector<std::string> names = std::get<std::vector<std::string>>(v);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    item.*member = std::move(names);
  };
  field.get = [member](const T& item) { return Value(item.*member); };
  return field;
}

// --- Fields kept elsewhere than in a member of their own ---------------------------------------

template <typename V>
inline constexpr bool kIsOptional = false;
template <typename V>
inline constexpr bool kIsOptional<std::optional<V>> = true;

// Makes `field` read and write the value `at(item)` refers to: `at` is a generic lambda returning a
// reference (to a member of a member, `[](auto& r) -> auto& { return r.counts.new_fever; }`, or to
// an optional member, which is "not given" while empty). `Kept` is the kind's value type.
template <typename Kept, typename T, typename At>
Field<T> Keep(Field<T> field, At at) {
  field.set = [at](T& item, const Value& v) {
    auto& kept = at(item);
    using Member = std::remove_reference_t<decltype(kept)>;
    if constexpr (kIsOptional<Member>) {
      kept = static_cast<typename Member::value_type>(std::get<Kept>(v));
    } else {
      kept = static_cast<Member>(std::get<Kept>(v));
    }
  };
  field.get = [at](const T& item) -> Value {
    const auto& kept = at(item);
    if constexpr (kIsOptional<std::decay_t<decltype(kept)>>) {
      if (!kept) return Value();
      return Value(static_cast<Kept>(*kept));
    } else {
      return Value(static_cast<Kept>(kept));
    }
  };
  return field;
}

// A whole number from `min` to `max` kept where `at` refers (Keep); optional when it is kept in a
// std::optional.
template <typename T, typename At>
Field<T> WholeAt(std::string name, At at, int64_t min = 0, int64_t max = kMaxCount) {
  Field<T> field;
  field.name = std::move(name);
  field.kind = Kind::kWhole;
  field.min = static_cast<double>(min);
  field.max = static_cast<double>(max);
  field.required = !kIsOptional<std::decay_t<decltype(at(std::declval<T&>()))>>;
  return Keep<int64_t>(std::move(field), at);
}

// A day kept where `at` refers (Keep); optional when it is kept in a std::optional.
template <typename T, typename At>
Field<T> DayAt(std::string name, At at) {
  Field<T> field;
  field.name = std::move(name);
  field.kind = Kind::kDate;
  field.required = !kIsOptional<std::decay_t<decltype(at(std::declval<T&>()))>>;
  return Keep<Date>(std::move(field), at);
}

// The key of `item` under `record`, as one string ("CB-KP\x1fPARA-500"), for finding repeats.
template <typename T>
std::string KeyOf(const Record<T>& record, const T& item) {
  std::string key;
  for (const std::string& name : record.key) {
    if (const Field<T>* field = record.Find(name)) key += ToText(field->get(item));
    key += '\x1f';
  }
  return key;
}

// Whether every field of the record's key was read (none is in `refused`).
template <typename T, typename Set>
bool KeyRead(const Record<T>& record, const Set& refused) {
  for (const std::string& name : record.key) {
    if (refused.contains(name)) return false;
  }
  return true;
}

// The reason a repeated key is refused, reported on the key's last field: "appears twice" for a
// key of one field, "is listed twice for node CB-KP" for a key of several.
template <typename T>
std::string RepeatReason(const Record<T>& record, const T& item, std::string_view where) {
  std::string reason = "appears twice";
  for (size_t idx = 0; idx + 1 < record.key.size(); ++idx) {
    const Field<T>* field = record.Find(record.key[idx]);
    reason += (idx == 0 ? " for " : ", ") + record.key[idx] + " " + ToText(field->get(item));
  }
  if (!where.empty()) reason += " in " + std::string(where);
  return reason;
}

// The columns of the record's CSV file, for help texts: "code,name,unit[,form,essential]".
template <typename T>
std::string CsvColumns(const Record<T>& record) {
  std::string required;
  std::string optional;
  for (const Field<T>& field : record.fields) {
    if (field.kind == Kind::kItems) continue;  // not in a file
    std::string& into = field.required ? required : optional;
    into += (into.empty() ? "" : ",") + field.name;
  }
  return optional.empty() ? required : required + "[," + optional + "]";
}

// Every item of a list that did not come through a reader (made by a program, a demo, a test)
// checked as the readers check it: each field within its declaration, the rules across fields and
// no key twice. kInvalidArgument naming each mistake as "<list>[idx].field: "value" reason".
template <typename T>
Status Validate(const Record<T>& record, const std::vector<T>& items) {
  std::vector<std::string> errors;
  std::vector<std::string> keys;
  for (size_t idx = 0; idx < items.size() && errors.size() < 100; ++idx) {
    const std::string where = record.list + "[" + std::to_string(idx) + "].";
    bool refused = false;
    for (const Field<T>& field : record.fields) {
      if (field.kind == Kind::kItems) continue;  // a list of records of its own declaration
      const Value value = field.get(items[idx]);
      Value given = value;
      if (const auto* text = std::get_if<std::string>(&value); text != nullptr && text->empty()) {
        given = Value();
      }
      if (std::optional<std::string> refusal = Refusal(field, given)) {
        errors.push_back(where + field.name + ": \"" + ToText(value) + "\" " + *refusal);
        refused = true;
      }
    }
    if (refused) continue;
    if (record.check) {
      record.check(items[idx], [&](std::string_view field, const std::string& reason) {
        errors.push_back(where + std::string(field) + ": " + reason);
      });
    }
    if (!record.key.empty()) keys.push_back(KeyOf(record, items[idx]));
  }
  std::sort(keys.begin(), keys.end());
  if (auto twice = std::adjacent_find(keys.begin(), keys.end()); twice != keys.end()) {
    std::string shown = *twice;
    std::replace(shown.begin(), shown.end(), '\x1f', ' ');
    while (!shown.empty() && shown.back() == ' ') shown.pop_back();
    errors.push_back(record.list + ": " + shown + " appears twice");
  }
  if (errors.empty()) return Status::Ok();
  std::string message =
      record.list + ": " + std::to_string(errors.size()) + " error(s); nothing was saved";
  return Status::InvalidArgument(std::move(message), std::move(errors));
}

}  // namespace outbreak::record

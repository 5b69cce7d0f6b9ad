#pragma once
// BodyFields: the reader of a JSON request body that is not a table of declared records (a
// shipment with its lines, a plan request, a visit with its answers). It reads the fields of one
// JSON object and keeps every mistake as "where.field: value reason", so that one answer names
// them all. Whole numbers are read within their bounds (record/json_number.hpp), unknown fields
// are mistakes, nested objects are read by BodyFields of their own ("lines[2].quantity").
//
// Tables of declared records are read by record::ReadBody (record/record_json.hpp); both share
// the splitting of a body into items and the wording of mistakes.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/bounds.hpp"
#include "core/date.hpp"
#include "core/status.hpp"

namespace outbreak::http {

class BodyFields {
 public:
  BodyFields(boost::json::object object, std::string where, std::vector<std::string>& errors)
      : object_(std::move(object)), where_(std::move(where)), errors_(&errors) {}

  const std::string& where() const { return where_; }
  // "where.field", or "field" at the root.
  std::string Place(std::string_view field) const;
  void Error(std::string_view field, const std::string& reason);

  // The field's value; nullptr when absent or null ("is missing" when required).
  const boost::json::value* Get(const char* field, bool required);
  std::string String(const char* field, bool required);
  // A whole number within [min, max]; `fallback` when absent or wrong.
  int64_t Whole(const char* field, bool required, int64_t min, int64_t max, int64_t fallback = 0);
  // A whole number of any sign, at most kMaxCount in size.
  int64_t Integer(const char* field, bool required) {
    return Whole(field, required, -kMaxCount, kMaxCount);
  }
  // A whole number from 0 to kMaxCount.
  int64_t Count(const char* field, bool required) { return Whole(field, required, 0, kMaxCount); }
  // A finite number within [min, max]; `fallback` when absent or wrong.
  double Number(const char* field, bool required, double fallback, double min, double max);
  // A finite number of at least 0; `fallback` when absent or wrong.
  double Number(const char* field, double fallback);
  // true or false; `fallback` when absent.
  bool Flag(const char* field, bool fallback = false);
  std::optional<Date> DateField(const char* field, bool required);
  // An array of record numbers (whole numbers from 1).
  std::vector<int64_t> Ids(const char* field);
  // An array of strings.
  std::vector<std::string> Strings(const char* field);
  // The objects of an array field, each read on its own ("lines[2]"); other items are mistakes.
  std::vector<BodyFields> Objects(const char* field, bool required);
  // Fields not in `known` are mistakes: a typo must not drop data silently.
  void OnlyKnown(std::initializer_list<std::string_view> known);
  void OnlyKnown(const std::set<std::string>& known);

 private:
  const boost::json::array* Array(const char* field, bool required);

  boost::json::object object_;
  std::string where_;
  std::vector<std::string>* errors_;
};

// The body as a JSON object ("{}" when empty); kInvalidArgument when malformed or not an object.
Result<boost::json::object> ParseBodyObject(std::string_view body);

}  // namespace outbreak::http

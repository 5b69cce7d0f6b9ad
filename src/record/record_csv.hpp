#pragma once
// The CSV reader of a declared record: a header with the record's fields (the required ones
// present, no unknown column), then one record per row. Every bad field is reported at once as
// "file:line: field: "value" reason"; a file with any error yields nothing.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv_rows.hpp"
#include "core/status.hpp"
#include "record/record.hpp"

namespace outbreak::record {

// Reads every row of `text` as a T. `against` checks a record against what is known outside the
// file (stored regions, centres) or the rows before it, reporting through the same Problem; it may
// be empty. `lines`, when given, receives the file line of each record.
template <typename T>
Result<std::vector<T>> ReadCsv(const Record<T>& record, std::string_view text,
                               std::string_view source,
                               const std::function<void(const T&, const Problem&)>& against = {},
                               std::vector<int>* lines = nullptr) {
  CsvRows rows(text, source);
  std::vector<std::string> required;
  std::vector<std::string> optional;
  for (const Field<T>& field : record.fields) {
    if (field.kind == Kind::kItems) continue;  // a list of records is not in a file
    (field.required ? required : optional).push_back(field.name);
  }
  if (Status s = rows.Header(required, optional); !s.ok()) return s;
  std::vector<T> out;
  std::set<std::string> keys;
  while (rows.Next()) {
    T item{};
    std::set<std::string, std::less<>> refused;
    for (const Field<T>& field : record.fields) {
      if (field.kind == Kind::kItems) continue;
      const std::string_view text_value = rows.Field(field.name);
      std::string reason;
      std::optional<Value> value = FromText(field, text_value, reason);
      if (value) {
        if (std::optional<std::string> refusal = Refusal(field, *value)) reason = *refusal;
      }
      if (!reason.empty()) {
        rows.Error(field.name, text_value, reason);
        refused.insert(field.name);
        continue;
      }
      if (!std::holds_alternative<std::monostate>(*value)) field.set(item, *value);
    }
    // A rule across fields is not reported on a field already refused.
    const Problem problem = [&](std::string_view field, const std::string& reason) {
      if (refused.emplace(field).second) rows.Error(field, rows.Field(field), reason);
    };
    if (record.check) record.check(item, problem);
    if (against) against(item, problem);
    if (!record.key.empty() && KeyRead(record, refused) &&
        !keys.insert(KeyOf(record, item)).second) {
      problem(record.key.back(), RepeatReason(record, item, "the file"));
    }
    out.push_back(std::move(item));
    if (lines != nullptr) lines->push_back(rows.line());
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  return out;
}

}  // namespace outbreak::record

#pragma once
// CsvRows: the rows of a CSV file with a known set of columns, read field by field. Every bad
// field is kept as an error and reading goes on, so that one pass reports every mistake (up to
// kMaxErrors), each as "file:line: field: "value" reason". Not thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv_reader.hpp"
#include "core/date.hpp"
#include "core/status.hpp"

namespace outbreak {

class CsvRows {
 public:
  static constexpr size_t kMaxErrors = 100;

  // `text` and `source` must outlive the rows.
  CsvRows(std::string_view text, std::string_view source) : reader_(text), source_(source) {}

  // Reads and matches the header line (see CsvHeader::Match).
  Status Header(const std::vector<std::string>& required, const std::vector<std::string>& optional);
  // Moves to the next row of the header's width (rows of another width are errors); false at the
  // end, on malformed CSV, or after too many errors.
  bool Next();
  int line() const { return reader_.line(); }

  // The field of the named column; "" for an absent optional column.
  std::string_view Field(std::string_view column) const;
  void Error(std::string_view column, std::string_view value, std::string_view reason);
  // A non-negative whole count; an absent or empty optional column is 0.
  int64_t Count(std::string_view column, bool required = true);
  // A count, or nullopt when the field is empty or its column absent.
  std::optional<int64_t> OptionalCount(std::string_view column);
  Date DateField(std::string_view column);
  // A finite decimal number >= 0 (e.g. hours, a share); `fallback` for an absent or empty optional
  // column and after an error (so that one bad field is reported once).
  double Number(std::string_view column, bool required = true, double fallback = 0);
  // "true"/"false", "yes"/"no" or "1"/"0"; an absent or empty column is false.
  bool Flag(std::string_view column);

  // OK, or every error found: "file: N error(s); nothing was imported" with one detail each.
  Status Finish();

 private:
  CsvReader reader_;
  std::string_view source_;
  CsvHeader header_;
  std::vector<std::string_view> fields_;
  std::vector<std::string> errors_;
};

}  // namespace outbreak

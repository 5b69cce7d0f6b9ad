#pragma once
// CsvReader: RFC 4180 records from text already in memory.
//
// Fields are views into the text, or into the reader's scratch space for quoted fields with
// doubled quotes; they stay valid until the next call to Next(). CRLF and LF line ends are both
// accepted; a UTF-8 byte-order mark at the start is skipped. Not thread-safe.

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace outbreak {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  // Reads the next record into `fields`. Returns false at the end of the text or on a malformed
  // record; error() then tells which (empty at a clean end). Blank lines are skipped.
  bool Next(std::vector<std::string_view>& fields);

  // The 1-based line on which the last record returned by Next() starts.
  int line() const { return record_line_; }
  const std::string& error() const { return error_; }
  // Bytes consumed so far, for progress reports.
  size_t offset() const { return pos_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  int record_line_ = 0;
  std::string error_;
  std::deque<std::string> scratch_;
};

// The columns of a CSV header, matched against the columns a file kind expects.
class CsvHeader {
 public:
  // Maps `header` to `required` and `optional` column names. Every required column must be
  // present; unknown or repeated columns are errors (a typo must not silently drop data).
  static Result<CsvHeader> Match(const std::vector<std::string_view>& header,
                                 const std::vector<std::string>& required,
                                 const std::vector<std::string>& optional, std::string_view source);

  // Index of the named column in each record, or -1 when an optional column is absent.
  int index(std::string_view name) const;
  size_t width() const { return width_; }

 private:
  std::vector<std::pair<std::string, int>> columns_;
  size_t width_ = 0;
};

// "file:line: field: "value" reason" — the one shape of every input error.
std::string InputError(std::string_view source, int line, std::string_view field,
                       std::string_view value, std::string_view reason);

// Parses a non-negative whole count; on failure fills `reason` and returns nullopt.
std::optional<int64_t> ParseCount(std::string_view text, std::string& reason);

}  // namespace outbreak

#include "core/csv_rows.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace outbreak {

Status CsvRows::Header(const std::vector<std::string>& required,
                       const std::vector<std::string>& optional) {
  if (!reader_.Next(fields_)) {
    if (!reader_.error().empty()) {
      return Status::InvalidArgument(fmt::format("{}:{}", source_, reader_.error()));
    }
    return Status::InvalidArgument(fmt::format("{}: is empty (expected a header line)", source_));
  }
  Result<CsvHeader> header = CsvHeader::Match(fields_, required, optional, source_);
  if (!header.ok()) return header.status();
  header_ = std::move(*header);
  return Status::Ok();
}

bool CsvRows::Next() {
  while (errors_.size() < kMaxErrors && reader_.Next(fields_)) {
    if (fields_.size() == header_.width()) return true;
    errors_.push_back(fmt::format("{}:{}: has {} fields, the header has {}", source_, line(),
                                  fields_.size(), header_.width()));
  }
  if (!reader_.error().empty()) errors_.push_back(fmt::format("{}:{}", source_, reader_.error()));
  return false;
}

std::string_view CsvRows::Field(std::string_view column) const {
  const int idx = header_.index(column);
  return idx < 0 ? std::string_view() : fields_[idx];
}

void CsvRows::Error(std::string_view column, std::string_view value, std::string_view reason) {
  errors_.push_back(InputError(source_, line(), column, value, reason));
}

int64_t CsvRows::Count(std::string_view column, bool required) {
  const std::string_view text = Field(column);
  if (text.empty() && !required) return 0;
  std::string reason;
  if (auto value = ParseCount(text, reason)) return *value;
  Error(column, text, reason);
  return 0;
}

std::optional<int64_t> CsvRows::OptionalCount(std::string_view column) {
  if (Field(column).empty()) return std::nullopt;
  return Count(column);
}

Date CsvRows::DateField(std::string_view column) {
  if (auto date = Date::Parse(Field(column))) return *date;
  Error(column, Field(column), "is not a date (expected YYYY-MM-DD)");
  return Date();
}

double CsvRows::Number(std::string_view column, bool required, double fallback) {
  const std::string_view text = Field(column);
  if (text.empty() && !required) return fallback;
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() ||
      !std::isfinite(value)) {
    Error(column, text, "is not a number");
    return fallback;
  }
  if (value < 0) {
    Error(column, text, "is negative");
    return fallback;
  }
  return value;
}

bool CsvRows::Flag(std::string_view column) {
  const std::string_view text = Field(column);
  if (text.empty() || text == "false" || text == "no" || text == "0") return false;
  if (text == "true" || text == "yes" || text == "1") return true;
  Error(column, text, "is not true or false");
  return false;
}

Status CsvRows::Finish() {
  if (errors_.empty()) return Status::Ok();
  const bool truncated = errors_.size() >= kMaxErrors;
  if (truncated) errors_.resize(kMaxErrors);
  std::string message = fmt::format("{}: {}{} error(s); nothing was imported", source_,
                                    errors_.size(), truncated ? " or more" : "");
  return Status::InvalidArgument(std::move(message), std::move(errors_));
}

}  // namespace outbreak

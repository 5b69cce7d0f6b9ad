#include "core/csv_reader.hpp"

#include "core/bounds.hpp"

#include <charconv>

#include <fmt/format.h>

namespace outbreak {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

bool CsvReader::Next(std::vector<std::string_view>& fields) {
  fields.clear();
  scratch_.clear();
  // Skip blank lines between records.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  record_line_ = line_;
  const size_t size = text_.size();
  while (true) {
    if (pos_ < size && text_[pos_] == '"') {
      ++pos_;
      size_t start = pos_;
      std::string* unescaped = nullptr;
      while (true) {
        const size_t quote = text_.find('"', pos_);
        if (quote == std::string_view::npos) {
          error_ = fmt::format("{}: unterminated quoted field", record_line_);
          return false;
        }
        for (size_t i = pos_; i < quote; ++i) {
          if (text_[i] == '\n') ++line_;
        }
        if (quote + 1 < size && text_[quote + 1] == '"') {
          if (unescaped == nullptr) unescaped = &scratch_.emplace_back();
          unescaped->append(text_.substr(start, quote + 1 - start));
          pos_ = quote + 2;
          start = pos_;
          continue;
        }
        if (unescaped != nullptr) {
          unescaped->append(text_.substr(start, quote - start));
          fields.emplace_back(*unescaped);
        } else {
          fields.emplace_back(text_.substr(start, quote - start));
        }
        pos_ = quote + 1;
        break;
      }
      if (pos_ < size && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
        error_ = fmt::format("{}: text after a closing quote", record_line_);
        return false;
      }
    } else {
      const size_t start = pos_;
      while (pos_ < size && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
        if (text_[pos_] == '"') {
          error_ = fmt::format("{}: quote inside an unquoted field", record_line_);
          return false;
        }
        ++pos_;
      }
      fields.emplace_back(text_.substr(start, pos_ - start));
    }
    if (pos_ >= size) return true;
    const char c = text_[pos_];
    if (c == ',') {
      ++pos_;
      continue;
    }
    if (c == '\r') ++pos_;
    if (pos_ < size && text_[pos_] == '\n') {
      ++pos_;
      ++line_;
    }
    return true;
  }
}

Result<CsvHeader> CsvHeader::Match(const std::vector<std::string_view>& header,
                                   const std::vector<std::string>& required,
                                   const std::vector<std::string>& optional,
                                   std::string_view source) {
  CsvHeader out;
  out.width_ = header.size();
  std::vector<std::string> errors;
  auto known = [&](std::string_view name) {
    for (const auto& column : required) {
      if (column == name) return true;
    }
    for (const auto& column : optional) {
      if (column == name) return true;
    }
    return false;
  };
  for (size_t column_idx = 0; column_idx < header.size(); ++column_idx) {
    const std::string_view name = header[column_idx];
    if (!known(name)) {
      errors.push_back(InputError(source, 1, name, name, "is not a known column"));
      continue;
    }
    if (out.index(name) >= 0) {
      errors.push_back(InputError(source, 1, name, name, "appears twice"));
      continue;
    }
    out.columns_.emplace_back(std::string(name), static_cast<int>(column_idx));
  }
  for (const auto& column : required) {
    if (out.index(column) < 0) {
      errors.push_back(fmt::format("{}:1: {}: required column is missing", source, column));
    }
  }
  if (!errors.empty()) {
    return Status::InvalidArgument(fmt::format("{}: bad header", source), std::move(errors));
  }
  return out;
}

int CsvHeader::index(std::string_view name) const {
  for (const auto& [column, idx] : columns_) {
    if (column == name) return idx;
  }
  return -1;
}

std::string InputError(std::string_view source, int line, std::string_view field,
                       std::string_view value, std::string_view reason) {
  return fmt::format("{}:{}: {}: \"{}\" {}", source, line, field, value, reason);
}

std::optional<int64_t> ParseCount(std::string_view text, std::string& reason) {
  if (text.empty()) {
    reason = "is empty";
    return std::nullopt;
  }
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec == std::errc::result_out_of_range) {
    reason = "is too large";
    return std::nullopt;
  }
  if (ec != std::errc() || ptr != end) {
    reason = "is not a whole number";
    return std::nullopt;
  }
  if (value < 0) {
    reason = "is negative";
    return std::nullopt;
  }
  if (value > kMaxCount) {
    reason = fmt::format("is more than {}", kMaxCount);
    return std::nullopt;
  }
  return value;
}

}  // namespace outbreak

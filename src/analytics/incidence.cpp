#include "analytics/incidence.hpp"

#include <optional>
#include <string>

#include <fmt/format.h>

#include "core/csv_reader.hpp"

namespace outbreak::analytics {

namespace {

constexpr size_t kMaxErrors = 100;

bool HasColumn(const std::vector<std::string_view>& header, std::string_view name) {
  for (std::string_view column : header) {
    if (column == name) return true;
  }
  return false;
}

}  // namespace

IncidenceSeries IncidenceFromCases(Date first_day, std::span<const int64_t> cases) {
  IncidenceSeries out;
  out.first_day = first_day;
  out.local.assign(cases.begin(), cases.end());
  out.imported.assign(cases.size(), 0);
  if (!cases.empty()) {
    out.imported[0] = out.local[0];
    out.local[0] = 0;
  }
  return out;
}

Status ValidateIncidence(const IncidenceSeries& series) {
  if (series.local.empty()) return Status::InvalidArgument("incidence: the series is empty");
  if (series.local.size() != series.imported.size()) {
    return Status::InvalidArgument(
        fmt::format("incidence: {} days of local cases but {} of imported cases",
                    series.local.size(), series.imported.size()));
  }
  std::vector<std::string> errors;
  for (size_t day_idx = 0; day_idx < series.days() && errors.size() < kMaxErrors; ++day_idx) {
    if (series.local[day_idx] >= 0 && series.imported[day_idx] >= 0) continue;
    const std::string date = (series.first_day + static_cast<int32_t>(day_idx)).ToString();
    if (series.local[day_idx] < 0) {
      errors.push_back(fmt::format("{}: local: \"{}\" is negative", date, series.local[day_idx]));
    }
    if (series.imported[day_idx] < 0) {
      errors.push_back(
          fmt::format("{}: imported: \"{}\" is negative", date, series.imported[day_idx]));
    }
  }
  if (!errors.empty()) {
    return Status::InvalidArgument("incidence: negative counts", std::move(errors));
  }
  return Status::Ok();
}

Result<IncidenceSeries> ParseIncidenceCsv(std::string_view text, std::string_view source) {
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  if (!reader.Next(fields)) {
    if (!reader.error().empty()) {
      return Status::InvalidArgument(fmt::format("{}:{}", source, reader.error()));
    }
    return Status::InvalidArgument(fmt::format(
        "{}: is empty (expected a header line date,cases or date,local,imported)", source));
  }
  // `date,cases` unless the file says local/imported; Match then names what is missing or extra.
  const bool split =
      !HasColumn(fields, "cases") && (HasColumn(fields, "local") || HasColumn(fields, "imported"));
  Result<CsvHeader> header =
      split ? CsvHeader::Match(fields, {"date", "local", "imported"}, {}, source)
            : CsvHeader::Match(fields, {"date", "cases"}, {}, source);
  if (!header.ok()) return header.status();
  const int date_col = header->index("date");
  const int cases_col = header->index("cases");
  const int local_col = header->index("local");
  const int imported_col = header->index("imported");

  IncidenceSeries out;
  std::vector<std::string> errors;
  std::string reason;
  std::optional<Date> previous;
  auto count = [&](int column, std::string_view name, int line) -> int64_t {
    if (auto value = ParseCount(fields[column], reason)) return *value;
    errors.push_back(InputError(source, line, name, fields[column], reason));
    return 0;
  };
  while (errors.size() < kMaxErrors && reader.Next(fields)) {
    const int line = reader.line();
    if (fields.size() != header->width()) {
      errors.push_back(fmt::format("{}:{}: has {} fields, the header has {}", source, line,
                                   fields.size(), header->width()));
      continue;
    }
    const std::optional<Date> date = Date::Parse(fields[date_col]);
    if (!date) {
      errors.push_back(
          InputError(source, line, "date", fields[date_col], "is not a date (YYYY-MM-DD)"));
    } else if (!previous) {
      out.first_day = *date;
    } else if (*date <= *previous) {
      errors.push_back(
          InputError(source, line, "date", fields[date_col],
                     fmt::format("is not after the previous row's {}", previous->ToString())));
    } else if (*date != *previous + 1) {
      const Date gap_first = *previous + 1;
      const Date gap_last = *date - 1;
      errors.push_back(InputError(
          source, line, "date", fields[date_col],
          gap_first == gap_last
              ? fmt::format("leaves out {} (one row per day, no gaps)", gap_first.ToString())
              : fmt::format("leaves out {} … {} (one row per day, no gaps)", gap_first.ToString(),
                            gap_last.ToString())));
    }
    // A bad date still moves the expected date on, so one bad row gives one error.
    if (date) {
      previous = *date;
    } else if (previous) {
      previous = *previous + 1;
    }
    if (split) {
      out.local.push_back(count(local_col, "local", line));
      out.imported.push_back(count(imported_col, "imported", line));
    } else {
      out.local.push_back(count(cases_col, "cases", line));
      out.imported.push_back(0);
    }
  }
  if (!reader.error().empty()) errors.push_back(fmt::format("{}:{}", source, reader.error()));
  if (errors.empty() && out.local.empty()) {
    errors.push_back(fmt::format("{}: has a header but no days", source));
  }
  if (!errors.empty()) {
    return Status::InvalidArgument(fmt::format("{}: bad incidence file", source),
                                   std::move(errors));
  }
  // EpiEstim: every case of the first day is imported.
  out.imported[0] += out.local[0];
  out.local[0] = 0;
  return out;
}

}  // namespace outbreak::analytics

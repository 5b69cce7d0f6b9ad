#include "surveillance/report_csv.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "core/csv_reader.hpp"

namespace outbreak::surveillance {

namespace {

constexpr size_t kMaxErrors = 100;
constexpr int64_t kProgressEveryRows = 100'000;

}  // namespace

Result<ParsedReports> ParseReportsCsv(std::string_view text, std::string_view source,
                                      const RegionTree& tree, const ProgressFn& progress) {
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  if (!reader.Next(fields)) {
    if (!reader.error().empty()) {
      return Status::InvalidArgument(fmt::format("{}:{}", source, reader.error()));
    }
    return Status::InvalidArgument(fmt::format("{}: is empty (expected a header line)", source));
  }
  Result<CsvHeader> header = CsvHeader::Match(
      fields, {"region", "date", "new_fever", "new_recovered", "new_deaths", "under_treatment"},
      {"tested", "positive"}, source);
  if (!header.ok()) return header.status();
  const int region_col = header->index("region");
  const int date_col = header->index("date");
  const int fever_col = header->index("new_fever");
  const int recovered_col = header->index("new_recovered");
  const int deaths_col = header->index("new_deaths");
  const int treatment_col = header->index("under_treatment");
  const int tested_col = header->index("tested");
  const int positive_col = header->index("positive");

  ParsedReports out;
  const auto rows = static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  out.reports.reserve(rows);
  out.lines.reserve(rows);
  std::vector<std::string> errors;
  std::string reason;
  auto count = [&](int column, const char* name, int line, int64_t& into) {
    if (auto value = ParseCount(fields[column], reason)) {
      into = *value;
    } else {
      errors.push_back(InputError(source, line, name, fields[column], reason));
    }
  };
  auto optional_count = [&](int column, const char* name, int line, std::optional<int64_t>& into) {
    if (column < 0 || fields[column].empty()) return;
    int64_t value = 0;
    count(column, name, line, value);
    into = value;
  };

  while (errors.size() < kMaxErrors && reader.Next(fields)) {
    const int line = reader.line();
    if (fields.size() != header->width()) {
      errors.push_back(fmt::format("{}:{}: has {} fields, the header has {}", source, line,
                                   fields.size(), header->width()));
      continue;
    }
    DailyReport report;
    const std::optional<RegionIdx> region = tree.Find(fields[region_col]);
    if (!region) {
      errors.push_back(
          InputError(source, line, "region", fields[region_col], "is not a known region"));
    } else if (!tree.IsLeaf(*region)) {
      errors.push_back(InputError(source, line, "region", fields[region_col],
                                  "is not a reporting unit (it has sub-regions)"));
    } else {
      report.region = *region;
    }
    if (auto date = Date::Parse(fields[date_col])) {
      report.date = *date;
    } else {
      errors.push_back(InputError(source, line, "date", fields[date_col],
                                  "is not a date (expected YYYY-MM-DD)"));
    }
    count(fever_col, "new_fever", line, report.counts.new_fever);
    count(recovered_col, "new_recovered", line, report.counts.new_recovered);
    count(deaths_col, "new_deaths", line, report.counts.new_deaths);
    count(treatment_col, "under_treatment", line, report.counts.under_treatment);
    optional_count(tested_col, "tested", line, report.counts.tested);
    optional_count(positive_col, "positive", line, report.counts.positive);
    out.reports.push_back(report);
    out.lines.push_back(line);
    if (progress && out.reports.size() % kProgressEveryRows == 0) {
      progress("parse", static_cast<int64_t>(reader.offset()), static_cast<int64_t>(text.size()));
    }
  }
  if (!reader.error().empty()) errors.push_back(fmt::format("{}:{}", source, reader.error()));

  if (errors.empty()) {
    // The same (region, date) twice in one file is ambiguous: which one is the correction?
    std::vector<std::tuple<RegionIdx, int32_t, size_t>> keys;
    keys.reserve(out.reports.size());
    for (size_t row = 0; row < out.reports.size(); ++row) {
      keys.emplace_back(out.reports[row].region, out.reports[row].date.days_since_epoch(), row);
    }
    std::sort(keys.begin(), keys.end());
    for (size_t key_idx = 1; key_idx < keys.size() && errors.size() < kMaxErrors; ++key_idx) {
      const auto& [region, day, row] = keys[key_idx];
      const auto& [previous_region, previous_day, previous_row] = keys[key_idx - 1];
      if (region != previous_region || day != previous_day) continue;
      errors.push_back(fmt::format("{}:{}: date: \"{}\" for region \"{}\" repeats line {}", source,
                                   out.lines[row], Date(day).ToString(), tree.region(region).code,
                                   out.lines[previous_row]));
    }
  }
  if (!errors.empty()) {
    // A row can add several errors at once, so the count may have passed the cap.
    const bool truncated = errors.size() >= kMaxErrors;
    if (truncated) errors.resize(kMaxErrors);
    // The message first: the order in which arguments are evaluated is unspecified, and the
    // details parameter may be moved into before errors.size() is read.
    std::string message = fmt::format("{}: {}{} error(s); nothing was imported", source,
                                      errors.size(), truncated ? " or more" : "");
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }
  return out;
}

}  // namespace outbreak::surveillance

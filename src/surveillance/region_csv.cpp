#include "surveillance/region_csv.hpp"

#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "core/bounds.hpp"

#include "core/csv_reader.hpp"

namespace outbreak::surveillance {

namespace {

constexpr size_t kMaxErrors = 100;

std::optional<double> ParseDegrees(std::string_view text, double limit, std::string& reason) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
    reason = "is not a number";
    return std::nullopt;
  }
  if (std::fabs(value) > limit) {
    reason = fmt::format("is outside -{0}..{0} degrees", limit);
    return std::nullopt;
  }
  return value;
}

}  // namespace

Result<ParsedRegions> ParseRegionsCsv(std::string_view text, std::string_view source) {
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  if (!reader.Next(fields)) {
    if (!reader.error().empty()) {
      return Status::InvalidArgument(fmt::format("{}:{}", source, reader.error()));
    }
    return Status::InvalidArgument(fmt::format("{}: is empty (expected a header line)", source));
  }
  Result<CsvHeader> header =
      CsvHeader::Match(fields, {"code", "name", "parent", "level", "population"},
                       {"name_local", "lat", "lon"}, source);
  if (!header.ok()) return header.status();
  const int code_col = header->index("code");
  const int name_col = header->index("name");
  const int local_col = header->index("name_local");
  const int parent_col = header->index("parent");
  const int level_col = header->index("level");
  const int population_col = header->index("population");
  const int lat_col = header->index("lat");
  const int lon_col = header->index("lon");

  ParsedRegions out;
  std::vector<std::string> errors;
  while (errors.size() < kMaxErrors && reader.Next(fields)) {
    const int line = reader.line();
    if (fields.size() != header->width()) {
      errors.push_back(fmt::format("{}:{}: has {} fields, the header has {}", source, line,
                                   fields.size(), header->width()));
      continue;
    }
    Region region;
    region.code = std::string(fields[code_col]);
    region.name = std::string(fields[name_col]);
    if (local_col >= 0) region.name_local = std::string(fields[local_col]);
    region.parent = std::string(fields[parent_col]);
    std::string reason;
    if (region.code.empty()) {
      errors.push_back(InputError(source, line, "code", "", "is empty"));
    } else if (region.code.find_first_of(" \t/\\?#%") != std::string::npos) {
      errors.push_back(
          InputError(source, line, "code", region.code, "contains a space or one of / \\ ? # %"));
    }
    if (region.name.empty()) errors.push_back(InputError(source, line, "name", "", "is empty"));
    if (auto level = ParseCount(fields[level_col], reason)) {
      region.level = static_cast<int>(*level);
    } else {
      errors.push_back(InputError(source, line, "level", fields[level_col], reason));
    }
    if (auto population = ParseCount(fields[population_col], reason);
        population && *population > kMaxPopulation) {
      errors.push_back(InputError(source, line, "population", fields[population_col],
                                  fmt::format("is more than {}", kMaxPopulation)));
    } else if (population) {
      region.population = *population;
    } else {
      errors.push_back(InputError(source, line, "population", fields[population_col], reason));
    }
    const std::string_view lat = lat_col >= 0 ? fields[lat_col] : std::string_view();
    const std::string_view lon = lon_col >= 0 ? fields[lon_col] : std::string_view();
    if (lat.empty() != lon.empty()) {
      errors.push_back(InputError(source, line, lat.empty() ? "lat" : "lon", "",
                                  "is empty while the other coordinate is given"));
    } else if (!lat.empty()) {
      region.lat = ParseDegrees(lat, 90, reason);
      if (!region.lat) errors.push_back(InputError(source, line, "lat", lat, reason));
      region.lon = ParseDegrees(lon, 180, reason);
      if (!region.lon) errors.push_back(InputError(source, line, "lon", lon, reason));
    }
    out.regions.push_back(std::move(region));
    out.lines.push_back(line);
  }
  if (!reader.error().empty()) errors.push_back(fmt::format("{}:{}", source, reader.error()));
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

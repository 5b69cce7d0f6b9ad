#include "care/travel.hpp"

#include <charconv>
#include <cmath>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "core/csv_reader.hpp"

namespace outbreak::care {

namespace {

constexpr size_t kMaxErrors = 100;

int64_t PairKey(int from, int to) { return (static_cast<int64_t>(from) << 32) | uint32_t(to); }

}  // namespace

std::vector<std::vector<Reach>> ReachableWithin(std::span<const std::optional<Centroid>> centroids,
                                                std::span<const TravelLeg> legs, double max_hours,
                                                double road_speed_kmh) {
  const int regions = static_cast<int>(centroids.size());
  std::unordered_map<int64_t, double> listed;
  for (const TravelLeg& leg : legs) listed[PairKey(leg.from, leg.to)] = leg.hours;
  auto listed_hours = [&](int from, int to) -> std::optional<double> {
    if (listed.empty()) return std::nullopt;
    if (auto it = listed.find(PairKey(from, to)); it != listed.end()) return it->second;
    if (auto it = listed.find(PairKey(to, from)); it != listed.end()) return it->second;
    return std::nullopt;
  };
  // A great-circle distance is at least the difference of latitudes: pairs further apart than
  // that allows are skipped without the trigonometry.
  const double max_km = max_hours * road_speed_kmh;
  std::vector<std::vector<Reach>> out(regions);
  for (int from = 0; from < regions; ++from) {
    for (int to = 0; to < regions; ++to) {
      if (to == from) continue;
      std::optional<double> hours = listed_hours(from, to);
      if (!hours && centroids[from] && centroids[to] && road_speed_kmh > 0) {
        const double lat_km = GreatCircleKm(centroids[from]->lat, 0, centroids[to]->lat, 0);
        if (lat_km > max_km) continue;
        hours = GreatCircleKm(centroids[from]->lat, centroids[from]->lon, centroids[to]->lat,
                              centroids[to]->lon) /
                road_speed_kmh;
      }
      if (!hours || *hours > max_hours) continue;
      out[from].push_back({to, static_cast<int>(std::lround(*hours * 60))});
    }
  }
  return out;
}

Result<std::vector<TravelRow>> ParseTravelCsv(std::string_view text, std::string_view source,
                                              const RegionTree& tree) {
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  if (!reader.Next(fields)) {
    if (!reader.error().empty()) {
      return Status::InvalidArgument(fmt::format("{}:{}", source, reader.error()));
    }
    return Status::InvalidArgument(fmt::format("{}: is empty (expected a header line)", source));
  }
  Result<CsvHeader> header = CsvHeader::Match(fields, {"from", "to", "hours"}, {}, source);
  if (!header.ok()) return header.status();
  const int from_col = header->index("from");
  const int to_col = header->index("to");
  const int hours_col = header->index("hours");
  std::vector<TravelRow> out;
  std::vector<std::string> errors;
  std::set<std::pair<std::string, std::string>> seen;
  while (errors.size() < kMaxErrors && reader.Next(fields)) {
    const int line = reader.line();
    if (fields.size() != header->width()) {
      errors.push_back(fmt::format("{}:{}: has {} fields, the header has {}", source, line,
                                   fields.size(), header->width()));
      continue;
    }
    TravelRow row{std::string(fields[from_col]), std::string(fields[to_col]), 0};
    for (const auto& [field, code] : {std::pair{"from", row.from}, std::pair{"to", row.to}}) {
      if (!tree.Find(code))
        errors.push_back(InputError(source, line, field, code, "is not a known region"));
    }
    if (row.from == row.to) {
      errors.push_back(InputError(source, line, "to", row.to, "is the same region as from"));
    }
    const std::string_view hours = fields[hours_col];
    const char* end = hours.data() + hours.size();
    auto [ptr, ec] = std::from_chars(hours.data(), end, row.hours);
    if (ec != std::errc() || ptr != end || !std::isfinite(row.hours) || row.hours <= 0) {
      errors.push_back(InputError(source, line, "hours", hours, "is not a positive number"));
    }
    if (!seen.insert({row.from, row.to}).second) {
      errors.push_back(InputError(source, line, "to", row.to,
                                  fmt::format("repeats the pair {} to {}", row.from, row.to)));
    }
    out.push_back(std::move(row));
  }
  if (!reader.error().empty()) errors.push_back(fmt::format("{}:{}", source, reader.error()));
  if (!errors.empty()) {
    std::string message =
        fmt::format("{}: {} error(s); the table was not used", source, errors.size());
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }
  return out;
}

}  // namespace outbreak::care

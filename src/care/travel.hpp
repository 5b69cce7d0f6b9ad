#pragma once
// Travel between regions: hours from a distance table when it lists the pair, else from the
// great-circle distance between centroids at an assumed road speed; a pair with neither is out of
// reach. Times are counted in whole minutes so that the planner's costs are integers.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/geo.hpp"
#include "core/region_tree.hpp"
#include "core/status.hpp"

namespace outbreak::care {

// A given travel time between two regions (indices into the planner's regions), hours. A leg
// serves both directions unless the other direction is listed too.
struct TravelLeg {
  int from = 0;
  int to = 0;
  double hours = 0;
};

struct Reach {
  int to = 0;
  int minutes = 0;  // travel time, rounded to the minute
};

struct Centroid {
  double lat = 0;
  double lon = 0;
};

// For each region, the other regions it can reach within `max_hours` (from listed legs, else
// from centroids at `road_speed_kmh`), by index.
std::vector<std::vector<Reach>> ReachableWithin(std::span<const std::optional<Centroid>> centroids,
                                                std::span<const TravelLeg> legs, double max_hours,
                                                double road_speed_kmh);

// A distance table row as read from CSV, by region code.
struct TravelRow {
  std::string from;
  std::string to;
  double hours = 0;
};

// Parses `from,to,hours` against the tree (all-or-nothing; errors name file, line and field):
// unknown regions, a region to itself, hours that are not a positive number, a pair twice.
Result<std::vector<TravelRow>> ParseTravelCsv(std::string_view text, std::string_view source,
                                              const RegionTree& tree);

}  // namespace outbreak::care

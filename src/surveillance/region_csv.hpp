#pragma once
// Parses the regions CSV: code,name,name_local,parent,level,population,lat,lon
// (name_local, lat and lon may be empty; lat and lon together or not at all).

#include <string_view>
#include <vector>

#include "core/region.hpp"
#include "core/status.hpp"

namespace outbreak::surveillance {

struct ParsedRegions {
  std::vector<Region> regions;
  std::vector<int> lines;  // the CSV line of each region, for later messages
};

// Every bad field is reported at once, each as "file:line: field: "value" reason".
Result<ParsedRegions> ParseRegionsCsv(std::string_view text, std::string_view source);

}  // namespace outbreak::surveillance
